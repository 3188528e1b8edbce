// The jobs benchmark's peer: N no-op jobs through pg-boss on the same PostgreSQL, timed from the
// first insert to the last completion. Usage: node pgboss-throughput.mjs <items> <postgres-url>
// Prints one line of JSON: {items, seconds, items_per_second}.
//
// Best settings we found for a no-op handler on 2 cores: bulk insert (insert(), 1,000 rows a call),
// 4 workers each fetching batches of 500, the shortest polling interval pg-boss allows (0.5 s).
import PgBoss from 'pg-boss';

const items = Number(process.argv[2] ?? 100000);
const connectionString = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/test';
const queue = 'bench_noop';
const workers = 4;
const batchSize = 500;

const boss = new PgBoss({ connectionString, schema: 'pgboss_bench', max: workers + 2, supervise: false, schedule: false });
boss.on('error', (error) => console.error(error));
await boss.start();
await boss.deleteQueue(queue).catch(() => {});
await boss.createQueue(queue);

let completed = 0;
let finish;
const allDone = new Promise((resolve) => { finish = resolve; });

const started = process.hrtime.bigint();
for (let sent = 0; sent < items; sent += 1000) {
  const chunk = Array.from({ length: Math.min(1000, items - sent) }, (_, i) => ({ name: queue, data: { seq: sent + i } }));
  await boss.insert(chunk);
}
for (let w = 0; w < workers; w++) {
  await boss.work(queue, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    completed += jobs.length;
    if (completed >= items) finish();
  });
}
await allDone;
// pg-boss marks a batch completed after the handler resolves: wait until the queue has no job left
while ((await boss.getQueueSize(queue, { before: 'completed' })) > 0) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ items, seconds: Number(seconds.toFixed(3)), items_per_second: Math.round(items / seconds) }));
await boss.stop({ graceful: false, wait: false });
process.exit(0);
