// How busy the page's main thread is while replications run (run after `trunk build --release`):
//   node e2e/bench-main-thread.mjs [batches]
// For each batch (a new seed, 2 workers, the default 100 replications of the BEN baseline): the wall time
// on the page's clock, and Chrome's main-thread TaskDuration and ScriptDuration (Performance.getMetrics)
// over the batch. The workers share the machine's cores with this thread, so its busy time slows them.
import {
  serve, launch, uncertaintySettings as settings, uncertaintyInfo, waitForBatch,
} from './harness.mjs';

const batches = Number(process.argv[2] ?? 3);
const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${server.url}?workers=2`, { waitUntil: 'load' });
const info = () => uncertaintyInfo(page);
const waitFinished = (b) => waitForBatch(page, 'finished', b);
await page.waitForSelector('.uncertainty');
await waitFinished(0);
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

console.log('| Batch | Wall time [s] | Main thread busy [s] | of which script [s] |');
console.log('|---:|---:|---:|---:|');
for (let i = 0; i < batches; i++) {
  const before = await info();
  const a = await metrics();
  await settings(page, { seed: 7000 + i });
  await waitFinished(Number(before.batch));
  const b = await metrics();
  const d = await info();
  const wall = (Number(d.finishedMs) - Number(d.startedMs)) / 1000;
  console.log(`| ${i + 1} | ${wall.toFixed(2)} | ${(b.TaskDuration - a.TaskDuration).toFixed(2)} | ${(b.ScriptDuration - a.ScriptDuration).toFixed(2)} |`);
}
await browser.close();
await server.close();
