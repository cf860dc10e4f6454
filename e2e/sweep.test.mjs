// A merged sweep opens in the app (docs/sweeps.md): three design points on a preset are pinned —
// overlaid on every chart and compared side by side — and tabulated with their key figures; a
// sweep of eight (point, scenario) rows is a table only; a broken sweep is refused naming its line
// and column, and the app keeps what the user had. Fixtures: made by `careflow sweep`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openApp, ready, screenshot, root } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fixture = (name) => path.join(root, 'tests', 'fixtures', name);
const FILE = '.share-bar input[type=file]';

test('a sweep of three points opens pinned and tabulated; a larger one as a table', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  await page.setInputFiles(FILE, fixture('sweep-care-packages.csv'));
  await page.waitForSelector('.sweep-summary');
  // Pinned: three pins, each named by its lever value, in the legend of every chart.
  await page.waitForSelector('.pins li:nth-child(3)');
  const pins = await page.$$eval('.pins li', (l) => l.map((e) => e.textContent));
  assert.equal(pins.length, 3);
  for (const v of ['200', '194', '190']) {
    assert.ok(pins.some((p) => p.includes(`starts_per_week = ${v}`)), `no pin for ${v}: ${pins}`);
  }
  const legend = await page.textContent('[data-chart="delays"] .legend');
  assert.match(legend, /Sweep point 2/);
  // The table: one row per point, the chosen year's figures (2012/13 by default).
  const heading = await page.textContent('#sweep-heading');
  assert.match(heading, /3 design points in 2012\/13/);
  const rows = await page.$$eval('.sweep-summary tbody tr', (r) => r.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => r[2]), ['200', '194', '190']);
  for (const r of rows) assert.match(r[4], /^\d+\.\d%$/, `delayed transfers cell: ${r[4]}`);
  // Fewer care-package starts, more delays: the table reads from the sweep's own figures.
  const dtoc = rows.map((r) => parseFloat(r[4]));
  assert.ok(dtoc[0] < dtoc[2], `DTOC ${dtoc} does not rise as starts fall`);
  await page.locator('.sweep-summary').screenshot({ path: path.join(root, 'target', 'e2e', 'sweep-pinned.png') });
  await screenshot(page, 'sweep-pinned-page');

  // Eight (point, scenario) rows: a table only; the three pins stay as they were.
  await page.setInputFiles(FILE, fixture('sweep-grid-des.csv'));
  await page.waitForFunction(() => document.querySelector('.sweep-summary')?.dataset.points === '8');
  assert.equal(await page.$$eval('.sweep-summary tbody tr', (r) => r.length), 8);
  assert.match(await page.textContent('.sweep-summary'), /shown as a table/);
  assert.equal(await page.$$eval('.pins li', (l) => l.length), 3);
  const runs = await page.$$eval('.sweep-summary tbody tr', (r) => r.map((tr) => tr.children[4].textContent));
  assert.ok(runs.every((n) => n === '3'), `replications per point: ${runs}`);
  await page.locator('.sweep-summary').screenshot({ path: path.join(root, 'target', 'e2e', 'sweep-table.png') });

  // A broken sweep: refused with the line and column, and the table and pins stay.
  await page.setInputFiles(FILE, {
    name: 'broken.csv', mimeType: 'text/csv',
    buffer: Buffer.from('point,scenario,replication,discharge.weekend_working,year,dtoc_share\n0,do-nothing,0,0.6,2008/09,oops\n'),
  });
  await page.waitForSelector('.notice');
  const notice = await page.textContent('.notice');
  assert.match(notice, /line 2, dtoc_share/);
  assert.match(notice, /broken\.csv/);
  assert.equal(await page.$eval('.sweep-summary', (e) => e.dataset.points), '8');
  await page.click('.sweep-summary button');
  assert.equal(await page.$('.sweep-summary'), null);
  assert.deepEqual(errors, []);
  await context.close();
});
