// Place of death as a story: for do nothing and the Strategic Plan, the place-of-death chart's
// title says whether the year is on track for the plan's aim, its text alternative reads the
// targets for home, hospital and hospice deaths in that year with their sources, and the KPI cards
// for deaths at home or in a care home, delayed transfers and admissions avoided each give the
// target for their year, its source and the margin. The community end-of-life support lever shows
// under End of life. Screenshots in target/e2e/eol-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, ready, shots, runAxe } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const target = (page, id) => page.textContent(`[data-kpi="${id}"] .kpi-target`);

test('the place-of-death chart and cards read the plan\'s targets year by year, with sources', async () => {
  const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  fs.mkdirSync(shots, { recursive: true });
  for (const preset of ['do-nothing', 'strategic-plan']) {
    if (preset !== 'do-nothing') {
      const before = await page.textContent('[data-chart="deaths"] .chart-title');
      await page.selectOption('#preset-select', preset);
      await page.waitForFunction(
        (t) => document.querySelector('[data-chart="deaths"] .chart-title')?.textContent !== t,
        before,
      );
    }
    const home = await target(page, 'home-deaths');
    assert.match(home, /^Target for 20\d\d\/\d\d: \d+\.\d% \(.*seed 001 §7\.5.*\); \d+\.\d points (above|below) — (met|not met)$/, home);
    const dtoc = await target(page, 'dtoc-share');
    assert.match(dtoc, /Target for 20\d\d\/\d\d: 2\.0% \(.*seed 001/, dtoc);
    const avoided = await target(page, 'admissions-avoided');
    assert.match(avoided, /Target for 20\d\d\/\d\d: 7,500 \(seed 001 §8\.6/, avoided);
    const panel = page.locator('[data-chart="deaths"]');
    const title = await panel.locator('.chart-title').textContent();
    assert.match(title, /of deaths are at home or in a care home in 20\d\d\/\d\d, (on track for|short of) the 70% aim/, title);
    const label = await page.getAttribute('canvas[data-chart-canvas="deaths"]', 'aria-label');
    for (const words of ['Deaths at home:', 'Deaths in hospital:', 'Deaths in a hospice:', 'LAA target']) {
      assert.ok(label.includes(words), `"${words}" missing from: ${label}`);
    }
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(shots, `eol-deaths-${preset}.png`) });
    await page.locator('[data-kpi="home-deaths"]').screenshot({ path: path.join(shots, `eol-kpi-${preset}.png`) });
  }
  // The support places are a lever of their own.
  assert.ok(await page.locator('#lever-end-of-life-support-places').count() > 0, 'support places lever missing');
  const violations = await runAxe(page);
  assert.deepEqual(violations.map((v) => v.id), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
