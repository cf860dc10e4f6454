// While the bands fill in: a lever drag starts one batch of replications when the lever rests, not
// one per step; the previous bands stay on show (faded) until the new ones arrive, so no panel
// changes height and nothing below jumps; each banded chart says in its corner what its bands are
// drawn from ("Bands: 12 of 100 runs"). Screenshots in target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, ready, screenshot, uncertaintyInfo, waitForBatch } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SLIDER = '#lever-demand-emergency-admissions';
// The panels whose height the bands and risk cards could change (the other charts' titles wrap
// with their figures, which is not this test's business), and so the charts' place on the page.
const HELD = ['uncertainty', 'beds', 'delays'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Heights of the chart panels and the top of the last one [CSS px], and the legend entries. */
const layout = (page) => page.$$eval('.chart-panel, .uncertainty', (panels) => panels.map((p) => ({
  chart: p.dataset.chart ?? 'uncertainty',
  height: Math.round(p.getBoundingClientRect().height),
  top: Math.round(p.getBoundingClientRect().top + window.scrollY),
  legend: [...p.querySelectorAll('.legend li')].map((li) => li.textContent),
  stale: p.dataset.bandsStale ?? null,
  status: p.querySelector('.chart-status')?.textContent ?? null,
})));

test('a drag restarts the replications once; the old bands stay, faded, and the layout stays still', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  await waitForBatch(page, 'finished', 0);
  const settled = await layout(page);
  const banded = settled.filter((p) => p.status !== null).map((p) => p.chart);
  assert.deepEqual(banded.sort(), ['beds', 'delays'], 'the banded charts carry a progress label');
  for (const p of settled.filter((x) => x.status !== null)) {
    assert.match(p.status, /^Bands from 100 runs$/, `${p.chart}: ${p.status}`);
    assert.ok(p.legend.some((l) => l.includes('10–90%')), `${p.chart} has its band in the legend`);
  }

  // A one-second drag by keyboard: 30 steps 33 ms apart (each under the 300-ms debounce).
  const { batch } = await uncertaintyInfo(page);
  await page.$eval(SLIDER, (e) => { e.scrollIntoView({ block: 'center' }); e.focus(); });
  const during = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('ArrowRight');
    await sleep(33);
    if (i % 10 === 5) {
      during.push({
        info: await uncertaintyInfo(page), layout: await layout(page),
        risks: await page.$$eval('.risk-kpis[data-stale="true"] .risk', (r) => r.length),
      });
    }
  }
  // (The first move may move everything once for reasons of its own, e.g. "modified" in the
  // header; what must not happen is a panel changing height as bands go and come.)
  const moving = during[0].layout;
  for (const d of during) {
    assert.equal(d.info.batch, batch, 'no batch starts while the lever moves');
    for (const [i, p] of d.layout.entries()) {
      if (!HELD.includes(p.chart)) continue;
      assert.equal(p.height, settled[i].height, `${p.chart} changed height while the lever moved`);
      assert.equal(p.top, moving[i].top, `${p.chart} moved while the lever moved`);
      assert.deepEqual(p.legend, settled[i].legend, `${p.chart}: legend entries changed`);
    }
    const beds = d.layout.find((p) => p.chart === 'beds');
    assert.equal(beds.stale, 'true', 'the previous bands are on show, marked stale');
    assert.match(beds.status, /previous scenario \(faded\)/);
    assert.equal(d.risks, 5, 'the last risk cards stay on show, marked stale');
  }
  await screenshot(page, 'bands-while-moving');

  // Once the lever rests: one new batch, with its progress in the charts' corners.
  await page.waitForFunction((b) => Number(document.querySelector('.uncertainty').dataset.batch) > b, Number(batch));
  await page.waitForFunction(() => /of 100 runs/.test(document.querySelector('.chart-panel[data-chart="beds"] .chart-status')?.textContent ?? ''), null, { timeout: 30_000, polling: 20 });
  await screenshot(page, 'bands-while-filling');
  const done = await waitForBatch(page, 'finished', Number(batch)).then(() => uncertaintyInfo(page));
  assert.equal(Number(done.batch), Number(batch) + 1, `the drag started ${Number(done.batch) - Number(batch)} batches`);
  const after = await layout(page);
  for (const [i, p] of after.entries()) {
    assert.equal(p.stale, null, `${p.chart} still marked stale`);
    if (!HELD.includes(p.chart)) continue;
    assert.equal(p.height, settled[i].height, `${p.chart} changed height when the new bands arrived`);
    assert.equal(p.top, moving[i].top, `${p.chart} moved when the new bands arrived`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a step while a batch has bands draws each chart once, with those bands already faded', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  await waitForBatch(page, 'finished', 0);
  await page.$eval(SLIDER, (e) => { e.scrollIntoView({ block: 'center' }); e.focus(); });
  await page.keyboard.press('ArrowRight');
  // The new batch is running and has drawn its first bands.
  await page.waitForFunction(() => /of 100 runs/.test(document.querySelector('.chart-panel[data-chart="beds"] .chart-status')?.textContent ?? ''), null, { timeout: 30_000, polling: 10 });
  await page.evaluate(() => {
    window.__paints = [];
    window.__careflowPaint = (id) => window.__paints.push(String(id));
  });
  await page.keyboard.press('ArrowRight');
  await sleep(200); // within the 300-ms debounce: no new batch's bands yet
  const paints = await page.evaluate(() => window.__paints);
  const counts = Object.fromEntries([...new Set(paints)].map((id) => [id, paints.filter((p) => p === id).length]));
  assert.deepEqual(Object.keys(counts).sort(), ['admissions', 'beds', 'deaths', 'delays', 'money'].sort(), `charts drawn: ${paints}`);
  for (const [id, n] of Object.entries(counts)) assert.equal(n, 1, `${id} drawn ${n} times by one step`);
  const beds = (await layout(page)).find((p) => p.chart === 'beds');
  assert.equal(beds.stale, 'true', 'the running batch\'s bands are shown as the previous scenario\'s');
  assert.match(beds.status, /previous scenario \(faded\)/);
  assert.deepEqual(errors, []);
  await context.close();
});
