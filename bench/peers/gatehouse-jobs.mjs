// The jobs benchmark's Gatehouse side: one job of N no-op items through the public API, timed
// from the POST to the moment GET /api/v1/jobs/{id} says completed.
// Usage: GATEHOUSE_TOKEN=... node gatehouse-jobs.mjs <base-url> <items> [jobs]
// With [jobs] > 1 it submits that many jobs of <items> each and waits for all of them.
// Prints one line of JSON: {items, seconds, items_per_second, submit_seconds}.
const [base, itemsArg, jobsArg] = process.argv.slice(2);
const items = Number(itemsArg ?? 100000);
const jobs = Number(jobsArg ?? 1);
const headers = { Authorization: `Bearer ${process.env.GATEHOUSE_TOKEN}`, 'Content-Type': 'application/json' };
const body = JSON.stringify({ type: 'noop', priority: 'normal', items: Array.from({ length: items }, () => ({})) });

async function call(method, path, payload) {
  const response = await fetch(base + path, { method, headers, body: payload });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const started = process.hrtime.bigint();
const ids = [];
for (let j = 0; j < jobs; j++) ids.push((await call('POST', '/api/v1/jobs', body)).id);
const submitted = process.hrtime.bigint();
for (const id of ids) {
  for (;;) {
    const job = await call('GET', `/api/v1/jobs/${id}`);
    if (job.status === 'completed') break;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`job ${id} ended ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({
  items: items * jobs,
  seconds: Number(seconds.toFixed(3)),
  items_per_second: Math.round((items * jobs) / seconds),
  submit_seconds: Number((Number(submitted - started) / 1e9).toFixed(3)),
}));
