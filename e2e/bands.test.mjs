// The live line and the replications tell one story: for the baseline and every preset, once the
// discrete-event replications are complete, the live (system-dynamics) line lies inside the 10–90%
// band on at least nine days in ten on the beds and delays charts (each banded panel carries
// `data-inside-band`, computed in src/uncertainty.rs from the band as drawn); the delays legend lists
// the situation report's reasons; the delayed-transfers card and the "chance delays meet the 2%
// target" risk card agree; the headline discharge levers show. Screenshots of both charts with
// complete bands at 1280×720 and 1920×1080 in target/e2e/bands-*.png, the shares in
// target/e2e/bands.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, ready, shots, uncertaintyInfo, waitForBatch } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PRESETS = ['do-nothing', 'strategic-plan', 'plan-with-bed-closures', 'winter-surge'];
const REASONS = [
  'Awaiting completion of assessment (A)',
  'Awaiting public funding (B)',
  'Awaiting further non-acute NHS care (C)',
  'Awaiting a residential or nursing home place (D)',
  'Awaiting a care package in own home (E)',
  'Patient or family choice (G)',
];
const LAYOUTS = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const percent = (text) => Number(text.replace('%', '').replace('−', '-'));

async function shoot(page, preset, layout) {
  fs.mkdirSync(shots, { recursive: true });
  for (const chart of ['beds', 'delays']) {
    const panel = page.locator(`[data-chart="${chart}"]`);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(shots, `bands-${preset}-${chart}-${layout.width}x${layout.height}.png`) });
  }
}

test('for the baseline and every preset the live line lies inside the replication bands, and the cards agree', async () => {
  const app = await openApp(browser, server.url, LAYOUTS[0]);
  const { page, context, errors, foreign } = app;
  await ready(page);
  // The headline discharge levers are on show without opening anything.
  for (const id of ['discharge-weekend-working', 'discharge-discharge-to-assess-share',
    'discharge-step-down-added-beds', 'discharge-care-packages-added-per-week', 'discharge-care-homes-added-per-week']) {
    assert.ok(await page.isVisible(`#lever-${id}`), `${id} is not visible at first`);
  }
  const measured = {};
  let batch = 0;
  for (const [i, preset] of PRESETS.entries()) {
    if (i > 0) {
      batch = Number((await uncertaintyInfo(page)).batch);
      await page.selectOption('#preset-select', preset);
    }
    await waitForBatch(page, 'finished', batch);
    const done = await uncertaintyInfo(page);
    assert.equal(done.bands, 'true');
    assert.ok(Number(done.done) >= 50, `${preset}: only ${done.done} replications`);
    await page.waitForFunction(() => ['beds', 'delays'].every((c) =>
      document.querySelector(`[data-chart="${c}"]`).dataset.insideBand !== undefined));
    await frames(page);
    const inside = {};
    for (const chart of ['beds', 'delays']) {
      inside[chart] = Number(await page.getAttribute(`[data-chart="${chart}"]`, 'data-inside-band'));
      assert.ok(inside[chart] >= 0.9,
        `${preset}: the live ${chart} line is inside the 10–90% band on only ${(100 * inside[chart]).toFixed(1)}% of days`);
    }
    // The delays legend lists the situation report's reasons and the bands.
    const legend = await page.textContent('[data-chart="delays"] .legend');
    for (const r of REASONS) assert.ok(legend.includes(r), `${preset}: delays legend lacks ${r}`);
    assert.match(legend, /10–90% of replications/);
    // The delayed-transfers card and the risk card tell one story: a card clearly above the
    // target (by 0.3 points or more) has under an even chance of meeting it, and one clearly
    // below, over an even chance.
    const card = await page.textContent('[data-kpi="dtoc-share"] .kpi-value');
    const met = await page.textContent('[data-kpi="dtoc-share"] .kpi-target');
    const chance = await page.textContent('[data-risk="dtoc-target"] .risk-value');
    const value = percent(card);
    assert.equal(met.endsWith('— met'), value <= 2.0, `${preset}: ${card} but "${met}"`);
    if (Math.abs(value - 2) >= 0.3) {
      assert.equal(percent(chance) >= 50, value < 2, `${preset}: the card says ${card}, the risk card ${chance}`);
    }
    assert.match(await page.textContent('[data-kpi="dtoc-share"] .kpi-note'), /Busiest downstream: .+ \d+%/);
    measured[preset] = { ...inside, replications: Number(done.done), dtocCard: card, dtocChance: chance,
      delaysTitle: await page.textContent('[data-chart="delays"] .chart-title'),
      bedsTitle: await page.textContent('[data-chart="beds"] .chart-title') };
    // Screenshots of both banded charts in both layouts (the bands stay: the scenario is the same).
    for (const layout of LAYOUTS) {
      await page.setViewportSize(layout);
      await frames(page);
      await page.waitForTimeout(300);
      await shoot(page, preset, layout);
    }
    await page.setViewportSize(LAYOUTS[0]);
    await frames(page);
  }
  fs.writeFileSync(path.join(shots, 'bands.json'), `${JSON.stringify(measured, null, 2)}\n`);
  console.log(JSON.stringify(measured, null, 2));
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, []);
  await context.close();
});
