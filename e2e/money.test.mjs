// The payers' money: behind its toggle, one chart per payer (commissioner, trust, social care)
// against do nothing, stacked by cause, each with a table; the Strategic Plan's commissioner chart
// quotes the savings the PCT had to find. Axe clean; screenshot in target/e2e/money.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, screenshot, inkedPixels, runAxe } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const IDS = ['money-commissioner', 'money-trust', 'money-social-care'];

test('the money toggle shows three payer charts with findings, tables and no console errors', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 900 });
  const { page, context } = app;
  await page.waitForSelector('.chart-panel canvas', { timeout: 30_000 });
  await page.selectOption('#preset-select', 'strategic-plan');
  const toggle = page.locator('.money-accounts-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  // Closed, the page keeps its five charts.
  assert.equal(await page.$$eval('.chart-panel', (p) => p.length), 5);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#money-accounts-charts .chart-panel canvas').length === 3);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  // Charts draw on the next animation frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const id of IDS) {
    assert.ok(await inkedPixels(page, `canvas[data-chart-canvas="${id}"]`) > 3_000, `${id} chart blank`);
  }
  const titles = await page.$$eval('#money-accounts-charts .chart-title', (hs) => hs.map((h) => h.textContent));
  assert.equal(titles.length, 3);
  assert.match(titles[0], /2012\/13 the commissioner spends £[\d.]+m more than doing nothing; it had to save £95\.8m/);
  assert.match(titles[1], /trust's margin/);
  assert.match(titles[2], /social care spends/);
  const body = await page.textContent('#money-accounts-charts');
  assert.doesNotMatch(body, /NaN|undefined/);
  const violations = await runAxe(page);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), []);
  await page.locator('[data-chart-canvas="money-commissioner"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'money');
  assert.deepEqual(app.errors, [], `console errors: ${app.errors.join('\n')}`);
  assert.deepEqual(app.foreign, [], `requests outside the page's origin: ${app.foreign.join('\n')}`);
  await context.close();
});
