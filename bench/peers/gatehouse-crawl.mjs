// The crawl benchmark's Gatehouse side: one crawl job from the site's home page through
// POST /api/v1/jobs, timed until GET /api/v1/jobs/{id} says it ended, then every page result read
// back through GET /api/v1/jobs/{id}/results for the page-time percentiles and the success rate.
// Usage: GATEHOUSE_TOKEN=... node gatehouse-crawl.mjs <base-url> <start-url> <max-pages> <per-host-concurrency>
// Prints one line of JSON: {pages, failed, seconds, pages_per_second, p50_ms, p95_ms}.
const [base, startUrl, maxArg, concurrencyArg] = process.argv.slice(2);
const maxPages = Number(maxArg ?? 10000);
const headers = { Authorization: `Bearer ${process.env.GATEHOUSE_TOKEN}`, 'Content-Type': 'application/json' };

async function call(method, path, payload) {
  const response = await fetch(base + path, { method, headers, body: payload && JSON.stringify(payload) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const started = process.hrtime.bigint();
const { id } = await call('POST', '/api/v1/jobs', {
  type: 'crawl',
  params: {
    urls: [startUrl], max_pages: maxPages, max_depth: 20, same_domain: true, respect_robots: true,
    per_host_concurrency: Number(concurrencyArg ?? 64), delay_ms: 0, formats: ['markdown', 'links', 'metadata'],
  },
});
let job;
for (;;) {
  job = await call('GET', `/api/v1/jobs/${id}`);
  if (!['queued', 'running'].includes(job.status)) break;
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (job.status !== 'completed') throw new Error(`crawl job ended ${job.status}: ${JSON.stringify(job.error)}`);

const times = [];
let failed = 0;
let cursor;
do {
  const page = await call('GET', `/api/v1/jobs/${id}/results?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  for (const item of page.items) {
    if (item.status === 'done' && !item.result?.error) times.push(item.elapsed_ms ?? item.result?.elapsed_ms ?? 0);
    else failed += 1;
  }
  cursor = page.next_cursor;
} while (cursor);
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
console.log(JSON.stringify({
  pages: times.length, failed, seconds: Number(seconds.toFixed(3)),
  pages_per_second: Math.round(times.length / seconds), p50_ms: at(0.5), p95_ms: at(0.95),
}));
