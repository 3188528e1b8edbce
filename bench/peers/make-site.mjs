// Writes the crawl benchmark's site: <pages> HTML pages of about 8 KB under <dir>, each with a
// header, a nav, an article of several paragraphs, a table and a footer, linked as a tree of ten
// children per page (every page reachable from /index.html within four hops) plus prev/next and
// two cross links, so a crawler meets many duplicate links as a real site makes it do.
// Usage: node make-site.mjs <dir> <pages>
import { mkdirSync, writeFileSync } from 'node:fs';

const [dir, pagesArg] = process.argv.slice(2);
const pages = Number(pagesArg ?? 10000);
mkdirSync(`${dir}/p`, { recursive: true });

const words = ('gatehouse crawler politeness queue lease checkpoint markdown extraction robots sitemap '
  + 'latency throughput organization tenant session cookie header redirect budget retry backoff').split(' ');
const sentence = (seed, n) => Array.from({ length: n }, (_, k) => words[(seed * 7 + k * 13) % words.length]).join(' ');
const href = (i) => (i === 0 ? '/index.html' : `/p/${i}.html`);

for (let i = 0; i < pages; i++) {
  const links = [];
  for (let c = 10 * i + 1; c <= 10 * i + 10 && c < pages; c++) links.push(c);
  links.push((i + 1) % pages, (i + pages - 1) % pages, (i * 31 + 7) % pages, (i * 17 + 3) % pages);
  const paragraphs = Array.from({ length: 12 }, (_, k) => `<p>${sentence(i + k, 40)}.</p>`).join('\n');
  const rows = Array.from({ length: 5 }, (_, k) => `<tr><td>${k}</td><td>${sentence(i * k, 3)}</td></tr>`).join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page ${i}</title>
<meta name="description" content="Benchmark page ${i}"><link rel="canonical" href="${href(i)}">
<style>body{font-family:sans-serif}</style><script>window.page=${i};</script></head>
<body><header><a href="/index.html">Home</a></header>
<nav>${links.slice(-4).map((l) => `<a href="${href(l)}">Page ${l}</a>`).join(' ')}</nav>
<main><article><h1>Page ${i}</h1>
${paragraphs}
<h2>Related</h2><ul>${links.map((l) => `<li><a href="${href(l)}">Page ${l}</a></li>`).join('')}</ul>
<table><thead><tr><th>n</th><th>words</th></tr></thead><tbody>${rows}</tbody></table>
</article></main>
<footer><p>Footer of page ${i}</p></footer></body></html>
`;
  writeFileSync(`${dir}${i === 0 ? '/index.html' : `/p/${i}.html`}`, html);
}
writeFileSync(`${dir}/robots.txt`, 'User-agent: *\nAllow: /\n');
