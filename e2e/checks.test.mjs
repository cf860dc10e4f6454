// Show the working: the "Model checks" view (baseline all pass, the engine check on the band
// replications; a stressed scenario — care-package starts cut to 140 a week, below demand —
// shows its failing check first), and the "What matters most" view (tornado drawn with bars and a
// table, for delays and commissioner cost in 2012/13; the waterfall). Accessibility: axe-core on
// both views, and the accessibility tree (headings, named tables, named buttons). Screenshots in
// target/e2e/: checks-baseline.png, checks-stressed.png, tornado-dtoc-2012.png,
// tornado-cost-2012.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, screenshot, inkedPixels, runAxe, shots } from './harness.mjs';
import path from 'node:path';
import fs from 'node:fs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function ready(page) {
  await page.waitForSelector('.chart-panel canvas', { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('.chart-panel').length === 5);
}

function clean({ errors, foreign }) {
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
}

// Headline levers with a plausible low–high range: the length of the registry's evidence table
// (`careflow_model::params::EVIDENCE`, crates/model/src/params/mod.rs).
const HEADLINE_WITH_EVIDENCE = 23;
/** Waits until the replications behind the bands are all in. */
const replicationsDone = (page) => page.waitForFunction(
  () => document.querySelector('.uncertainty')?.dataset.finished === 'true',
  null, { timeout: 240_000, polling: 500 });

/** Waits until the checks view shows an answer for the latest change, the engine check included. */
const checksSettled = (page) => page.waitForFunction(() => {
  const v = document.querySelector('#checks-view');
  return v && v.dataset.pending === 'false' && v.dataset.failed !== ''
    && document.querySelector('#checks-view [data-check="engines-agree"]')?.dataset.passed !== 'waiting';
}, null, { timeout: 240_000, polling: 250 });

async function serious(page) {
  const violations = await runAxe(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
}

/** Saves a screenshot of one element under target/e2e/NAME.png. */
async function shotOf(page, selector, name) {
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await page.locator(selector).screenshot({ path: file });
  return file;
}

test('model checks: the baseline passes every check, a stressed scenario shows its failure first', async () => {
  const app = await openApp(browser, server.url, { width: 1920, height: 1080 });
  const { page, context } = app;
  await ready(page);
  // The buttons that open the views are named and say whether they are open.
  const open = page.getByRole('button', { name: 'Model checks' });
  assert.equal(await open.getAttribute('aria-expanded'), 'false');
  await open.click();
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  await page.getByRole('heading', { name: 'Model checks', level: 2 }).waitFor();
  await replicationsDone(page);
  await checksSettled(page);
  const rows = await page.$$eval('#checks-view .check', (cs) => cs.map((c) => ({
    id: c.dataset.check, passed: c.dataset.passed, text: c.textContent })));
  assert.ok(rows.length >= 10, `${rows.length} checks`);
  const failing = rows.filter((r) => r.passed !== 'true');
  assert.deepEqual(failing, [], 'the baseline passes every check');
  for (const id of ['conservation', 'capacity', 'no-negative', 'littles-law-beds', 'engines-agree', 'calibration',
    'seeds-arithmetic', 'avoided-not-free', 'no-delay-no-dtoc', 'more-beds-fewer-cancellations']) {
    assert.ok(rows.some((r) => r.id === id), `check ${id} shown`);
  }
  for (const r of rows) {
    assert.match(r.text, /Found: .+Allowed: .+Why this matters: /s, `${r.id} has figure, tolerance and why`);
  }
  assert.match(await page.textContent('#checks-view'), /All \d+ checks pass/);
  assert.match(await page.textContent('#checks-view'), /uses the 100 replications already run for the charts' bands/);
  // Accessibility tree: the view is a region named by its heading, the list is named.
  const tree = await page.locator('#checks-view').ariaSnapshot();
  assert.match(tree, /heading "Model checks" \[level=2\]/);
  assert.match(tree, /list "Checks"/);
  await shotOf(page, '#checks-view', 'checks-baseline');
  assert.deepEqual(await serious(page), []);

  // Stress: care-package starts cut from 200 to 140 a week (below the ≈ 170 needed).
  await page.click('button[aria-controls="more-dischargedelays"]');
  const box = '#lever-discharge-care-packages-starts-per-week-number';
  await page.waitForSelector(box);
  await page.fill(box, '140');
  await page.press(box, 'Enter');
  await page.waitForFunction(() => document.querySelector('#checks-view').dataset.pending === 'true');
  await replicationsDone(page);
  await checksSettled(page);
  const stressed = await page.$$eval('#checks-view .check', (cs) => cs.map((c) => ({
    id: c.dataset.check, passed: c.dataset.passed, text: c.textContent })));
  const failed = stressed.filter((r) => r.passed === 'false');
  console.log('stressed scenario, failing checks:', failed.map((f) => `${f.id}: ${f.text}`));
  assert.ok(failed.length >= 1, 'a check fails when care packages are cut below demand');
  // Failing checks come first, and are said to fail.
  assert.equal(stressed[0].passed, 'false');
  assert.match(await page.textContent('.checks-status'), /\d+ of \d+ checks fail/);
  await shotOf(page, '#checks-view', 'checks-stressed');
  assert.deepEqual(await serious(page), []);
  clean(app);
  await context.close();
});

test('what matters most: tornado with bars and table for delays and for commissioner cost in 2012/13', async () => {
  const app = await openApp(browser, server.url, { width: 1920, height: 1080 });
  const { page, context } = app;
  await ready(page);
  await page.getByRole('button', { name: 'What matters most' }).click();
  await page.getByRole('heading', { name: 'What matters most', level: 2 }).waitFor();
  await replicationsDone(page);
  const results = {};
  for (const [kpi, name] of [['dtoc', 'tornado-dtoc-2012'], ['cost', 'tornado-cost-2012']]) {
    await page.selectOption('#sens-kpi', kpi);
    await page.waitForFunction(([k, n]) => document.querySelector('.sens-block')?.dataset.kpi === k
      && document.querySelector('canvas[data-chart="tornado"]')?.dataset.drawn === n, [kpi, String(HEADLINE_WITH_EVIDENCE)], { timeout: 120_000 });
    assert.equal(await page.inputValue('#sens-year'), '4');
    assert.match(await page.textContent('#sens-year option:checked'), /2012\/13/);
    // Drawn, with a text alternative, a bar per headline lever, widest first in the table.
    assert.ok(await inkedPixels(page, 'canvas[data-chart="tornado"]') > 5_000, 'tornado drawn');
    const label = await page.getAttribute('canvas[data-chart="tornado"]', 'aria-label');
    assert.match(label, /Tornado chart of .* in 2012\/13/);
    const table = page.getByRole('table', { name: /with each headline lever at its plausible low and high/ });
    const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
      [...tr.children].map((c) => c.textContent)));
    assert.equal(cells.length, HEADLINE_WITH_EVIDENCE);
    results[kpi] = { summary: label, title: await page.textContent('#tornado-title'), top: cells.slice(0, 3).map((r) => `${r[0]}: ${r[2]} → ${r[3]} (${r[4]}, outside the noise: ${r[5]})`) };
    // Greyed bars are those inside the noise; some bars move the answer, some do not.
    const outside = cells.map((r) => r[5]);
    assert.ok(outside.includes('yes') && outside.includes('no'), outside.join(','));
    // The waterfall is there too, with its table.
    assert.ok(await inkedPixels(page, 'canvas[data-chart="waterfall"]') > 500, 'waterfall drawn');
    await page.getByRole('table', { name: /each lever group's change made alone from do nothing/ }).waitFor();
    const tree = await page.locator('#sensitivity-view').ariaSnapshot();
    assert.match(tree, /heading "What matters most" \[level=2\]/);
    assert.match(tree, /combobox "Key figure"/);
    assert.match(tree, /img "Tornado chart/);
    await shotOf(page, '#sensitivity-view', name);
    assert.deepEqual(await serious(page), []);
  }
  console.log('tornado 2012/13, baseline:', JSON.stringify(results, null, 2));
  assert.match(results.dtoc.title, /moves most with seven-day discharge/);
  assert.match(results.cost.title, /moves most with growth in emergency demand/);
  // The Strategic Plan: its waterfall from do nothing by lever group, with the interaction.
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('#sensitivity-view').dataset.pending === 'false'
    && /Care closer to home/.test(document.querySelector('#sensitivity-view').textContent), null, { timeout: 120_000 });
  const steps = await page.getByRole('table', { name: /each lever group's change made alone from do nothing/ })
    .locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  console.log('waterfall, Strategic Plan, commissioner cost 2012/13:', JSON.stringify(steps));
  assert.deepEqual(steps.map((r) => r[0]).slice(0, 2), ['Do nothing', 'Care closer to home']);
  assert.equal(steps.at(-2)[0], 'Interaction');
  assert.equal(steps.at(-1)[0], 'This scenario');
  await shotOf(page, '#sensitivity-view', 'sensitivity-plan-cost-2012');
  await page.selectOption('#preset-select', 'do-nothing');
  // A lever move recomputes it in the worker; the slider is never blocked (the page stays responsive).
  await page.fill('#lever-discharge-weekend-working-number', '100');
  await page.press('#lever-discharge-weekend-working-number', 'Enter');
  await page.waitForFunction(() => document.querySelector('#sensitivity-view').dataset.pending === 'true');
  await page.waitForFunction(() => document.querySelector('#sensitivity-view').dataset.pending === 'false', null, { timeout: 120_000 });
  clean(app);
  await context.close();
});

test('the lever info panel shows the quality mark and range; the Methods page counts the marks', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  await page.getByRole('button', { name: 'About: Seven-day discharge: weekend working' }).click();
  const info = await page.textContent('#lever-discharge-weekend-working-info');
  assert.match(info, /Quality: published figure\./);
  assert.match(info, /Plausible range: 40% to 100% \(NHS England/);
  await page.getByRole('button', { name: /Methods/ }).first().click();
  const table = page.getByRole('table', { name: /Quality of the \d+ levers' baseline values/ });
  await table.waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 3);
  assert.match(rows.join('|'), /seed figure.*published figure.*assumption/);
  // The workshop pack prints the checks as a compact list.
  await page.getByRole('button', { name: 'Workshop pack (print)' }).click();
  await page.waitForSelector('.pack-checks h2', { timeout: 60_000 });
  assert.match(await page.textContent('.pack-checks h2'), /Model checks: all \d+ pass/);
  assert.match(await page.textContent('.pack-checks'), /Pass every patient accounted for · no service above capacity/);
  clean(app);
  await context.close();
});
