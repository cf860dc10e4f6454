// "What it takes" (the goal seek): on the Strategic Plan, delays ≤ 2% in 2012/13 by discharge to
// assess (met at some share, one 5% step less does not), by extra care packages (cannot be met),
// and the ward-closure question — the fewest acute beds that keep the chance of a winter day over
// 95% full at most 10%. The answers' values are the model's (docs/seek.md gives today's); the test
// checks their shape: met, one step looser fails, and the words, link and Apply name the answer.
// Operated from the keyboard (Enter submits, Apply is a button); axe-core on the panel; "Apply"
// sets the lever (the page's link then carries it). Screenshot: target/e2e/seek-beds.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, openApp, ready, runAxe, shots } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Fills the form from the keyboard's point of view and submits it with Enter in the value box. */
async function seek(page, { kpi, year, cmp, value, lever }) {
  const before = await page.$eval('.seek', (s) => s.querySelector('.seek-summary')?.textContent ?? '');
  await page.selectOption('#seek-kpi', kpi);
  await page.selectOption('#seek-year', year);
  await page.selectOption('#seek-cmp', cmp);
  await page.selectOption('#seek-lever', lever);
  await page.fill('#seek-value', value);
  await page.focus('#seek-value');
  await page.keyboard.press('Enter');
  await page.waitForFunction((old) => {
    const s = document.querySelector('.seek');
    const now = s.querySelector('.seek-summary')?.textContent ?? '';
    return s.dataset.busy === 'false' && now !== '' && now !== old;
  }, before, { timeout: 60_000 });
  return page.$eval('.seek-answer', (a) => ({
    ...a.dataset,
    summary: a.querySelector('.seek-summary').textContent,
    link: a.querySelector('#seek-link').value,
    apply: a.querySelector('.seek-apply')?.textContent ?? null,
  }));
}

test('what it takes: the answer meets the target, one step looser does not; Apply sets the lever', async () => {
  const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'strategic-plan');

  // Labelled controls, reachable by name.
  for (const name of ['Target', 'In', 'Must be', 'Value (in %)', 'Lever']) {
    assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, name);
  }
  assert.equal(await page.getByRole('heading', { name: 'What it takes' }).count(), 1);

  const d2a = await seek(page, {
    kpi: 'dtoc_share', year: '2012/13', cmp: 'at_most', value: '2', lever: 'discharge.discharge_to_assess.share',
  });
  assert.equal(d2a.outcome, 'met');
  const share = Number(d2a.answer);
  assert.ok(share > 0 && share <= 1, d2a.answer);
  assert.ok(Math.abs(Number(d2a.loosened) - (share - 0.05)) < 1e-9, `${d2a.loosened} vs ${share}`);
  const pct = `${Math.round(share * 100)}%`;
  assert.match(d2a.summary, new RegExp(`Discharge to assess at ${pct} gives [0-9.]+%, which meets it`));
  assert.ok(d2a.link.includes(`&discharge.discharge_to_assess.share=${share}&c=`), d2a.link);
  assert.match(d2a.link, /#v=1&preset=strategic-plan&seed=\d+&/);
  assert.ok(d2a.apply.includes(`Apply: set Discharge to assess to ${pct}`), d2a.apply);
  assert.match(await page.textContent('.seek-des code'),
    /careflow seek --preset strategic-plan --target 'dtoc_share<=0\.02' --year 2012 --lever discharge\.discharge_to_assess\.share -n 20/);

  // The panel is axe clean.
  await runAxe(page);
  const violations = await page.evaluate(() => window.axe.run({ include: [['.seek']] },
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  assert.deepEqual(violations.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);

  // Apply, from the keyboard: the lever moves and the page's link carries it.
  await page.focus('.seek-apply');
  await page.keyboard.press('Enter');
  await page.waitForFunction((v) => location.hash.includes(`discharge.discharge_to_assess.share=${v}`), share);

  // More care packages alone cannot get delays to 2%.
  const packages = await seek(page, {
    kpi: 'dtoc_share', year: '2012/13', cmp: 'at_most', value: '2', lever: 'discharge.care_packages.added_per_week',
  });
  // With discharge to assess at the answer (applied above) the target is met everywhere…
  assert.equal(packages.outcome, 'met_everywhere', packages.summary);
  // …so go back to the plan as written.
  await page.selectOption('#preset-select', 'do-nothing');
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => !location.hash.includes('discharge_to_assess'));
  const plan = await seek(page, {
    kpi: 'dtoc_share', year: '2012/13', cmp: 'at_most', value: '2.0', lever: 'discharge.care_packages.added_per_week',
  });
  assert.equal(plan.outcome, 'unreachable');
  assert.match(plan.summary, /cannot be met/);
  assert.equal(plan.apply, null);

  // The ward-closure question: the fewest acute beds with winter crises rare.
  const beds = await seek(page, {
    kpi: 'winter_days_over_95_share', year: '2012/13', cmp: 'at_most', value: '10', lever: 'beds.base',
  });
  assert.equal(beds.outcome, 'met');
  const beds_at_start = Number(beds.answer);
  assert.ok(beds_at_start > 1000 && beds_at_start < 2000, beds.answer);
  assert.equal(Number(beds.loosened), beds_at_start - 1);
  fs.mkdirSync(shots, { recursive: true });
  await page.locator('.seek').screenshot({ path: path.join(shots, 'seek-beds.png') });

  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
  await context.close();
});
