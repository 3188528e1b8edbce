// The crawl benchmark's peer: Crawlee's CheerioCrawler crawling the generated site from its home
// page, following same-host links, until <max-pages> pages. Best settings we found on 2 cores:
// in-memory storage (no request queue on disk), up to 64 concurrent requests, no per-request
// session pool, link discovery with enqueueLinks({strategy: 'same-hostname'}).
// Usage: node crawlee-crawl.mjs <start-url> <max-pages>
// Prints one line of JSON: {pages, failed, seconds, pages_per_second, p50_ms, p95_ms, peak_rss_mb}.
import { CheerioCrawler, Configuration } from '@crawlee/cheerio';

const [startUrl, maxArg] = process.argv.slice(2);
const maxPages = Number(maxArg ?? 10000);
const config = new Configuration({ persistStorage: false, logLevel: 'OFF', availableMemoryRatio: 0.5 });

const times = [];
const pageStarted = new Map();
let failed = 0;
let peakRss = 0;
const rssTimer = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);

const crawler = new CheerioCrawler({
  maxRequestsPerCrawl: maxPages,
  minConcurrency: 16,
  maxConcurrency: 64,
  maxRequestRetries: 2,
  useSessionPool: false,
  // page time = from the start of the fetch to the end of link discovery, as Gatehouse reports it
  preNavigationHooks: [({ request }) => { pageStarted.set(request.id, Date.now()); }],
  async requestHandler({ request, $, enqueueLinks }) {
    $('title').text();
    await enqueueLinks({ strategy: 'same-hostname' });
    times.push(Date.now() - pageStarted.get(request.id));
    pageStarted.delete(request.id);
  },
  failedRequestHandler() { failed += 1; },
}, config);

const started = process.hrtime.bigint();
await crawler.run([startUrl]);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(rssTimer);
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
console.log(JSON.stringify({
  pages: times.length, failed, seconds: Number(seconds.toFixed(3)),
  pages_per_second: Math.round(times.length / seconds), p50_ms: at(0.5), p95_ms: at(0.95),
  peak_rss_mb: Math.round(peakRss / 1048576),
}));
