// Benchmark of the replication workers (run after `trunk build --release`):
//   node e2e/bench-replications.mjs [workers,...] [replications,...]
// For each worker count (?workers=N) and replication count: the wall time of a batch of the 6-year BEN
// baseline, from the settings change that starts it (a new seed, so nothing is cached; a settings
// change starts its batch at once, without the 300 ms debounce of a lever move) to its last
// replication; the mean time of one replication in its worker (from
// the job's start to its answer); the page's main-thread busy time during the batch; and the time
// from a lever move to the first bands and to the last replication. `CAREFLOW_DIST=dir` benchmarks another build.
// Prints a Markdown table.
import {
  serve, launch, uncertaintySettings as settings, uncertaintyInfo, waitForBatch,
} from './harness.mjs';

const workerCounts = (process.argv[2] ?? '1,2,4').split(',').map(Number);
const repCounts = (process.argv[3] ?? '25,50,100').split(',').map(Number);

const server = await serve();
const browser = await launch();
// Waits poll slowly (the wall time is read from the page's own clock, not from the polling), so the
// benchmark takes little CPU from the workers.

const rows = [];
process.on('unhandledRejection', () => {});
let seed = 1000;
for (const workers of workerCounts) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}?workers=${workers}`, { waitUntil: 'load' });
  await page.waitForSelector('.uncertainty');
  await waitForBatch(page, 'bands', 0);
  // The page's main-thread busy time (Chromium's TaskDuration) over each batch: what the page takes
  // from the workers' cores while it shows their progress and bands.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics
    .find((m) => m.name === 'TaskDuration').value;
  const baseline = await page.inputValue('#lever-beds-escalation-beds-number');
  for (const reps of repCounts) {
    let d = await uncertaintyInfo(page);
    if (Number(d.target) !== reps) {
      // (Setting the count it already has starts no batch.)
      await settings(page, { replications: reps });
      await waitForBatch(page, 'finished', Number(d.batch));
      d = await uncertaintyInfo(page);
    }
    const busyBefore = await busy();
    await settings(page, { seed: seed++ });
    await waitForBatch(page, 'finished', Number(d.batch));
    const pageBusy = (await busy()) - busyBefore;
    // From the settings change to the last replication, on the page's clock.
    const done = await uncertaintyInfo(page);
    const wall = (Number(done.finishedMs) - Number(done.startedMs)) / 1000;
    // Each replication's time in its worker, start to answer (yields and time off the core included).
    const inWorker = Number(done.workerMs) / reps;
    // First bands after a lever move.
    d = await uncertaintyInfo(page);
    const lever = '#lever-beds-escalation-beds-number';
    const value = Number(baseline) + 60;
    await page.fill(lever, String(value));
    const t1 = Date.now();
    await page.press(lever, 'Enter');
    await waitForBatch(page, 'bands', Number(d.batch), 20);
    const firstBands = (Date.now() - t1) / 1000;
    // The whole batch after the lever move, its 300 ms wait for the lever to settle included (the
    // do-nothing replications of this seed are kept from the batch before: only the scenario's run).
    await waitForBatch(page, 'finished', Number(d.batch));
    const moved = await uncertaintyInfo(page);
    const afterMove = (Number(moved.finishedMs) - Number(moved.startedMs)) / 1000;
    rows.push({ workers, reps, wall, perRep: wall / reps * 1000, inWorker, pageBusy, firstBands, afterMove });
    console.error(JSON.stringify(rows.at(-1)));
    // Back to the baseline so the next batch is the BEN baseline again.
    await page.fill(lever, String(baseline));
    await page.press(lever, 'Enter');
  }
  await context.close();
}
await browser.close();
await server.close();

console.log('| Workers | Replications | Wall time [s] | Per replication [ms] | One replication in its worker [ms] | Page main thread busy [s] | First bands after a lever move [s] | All bands after a lever move [s] |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.workers} | ${r.reps} | ${r.wall.toFixed(2)} | ${r.perRep.toFixed(0)} | ${r.inWorker.toFixed(1)} | ${r.pageBusy.toFixed(2)} | ${r.firstBands.toFixed(2)} | ${r.afterMove.toFixed(2)} |`);
}
