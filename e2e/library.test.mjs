// Scenarios people keep and compare: save named scenarios, reload, rename / duplicate / delete, a
// corrupt or old stored entry is reported and skipped without losing the others, storage-full is
// reported; pin two scenarios and see them on the charts and side by side; export the charts as CSV
// (pins included) and PNG (presentation size); the two-page workshop pack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, ready, screenshot, shots, runAxe } from './harness.mjs';

/** Serious or critical accessibility violations (axe-core, WCAG 2.1 A/AA), as readable strings. */
async function axeProblems(page) {
  const violations = await runAxe(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
}

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const ESC = '#lever-beds-escalation-beds-number';

async function saveAs(page, name, description = '') {
  if (!(await page.$eval('details.library', (d) => d.open))) await page.click('details.library summary');
  await page.fill('#save-name', name);
  await page.fill('#save-description', description);
  await page.click('button:has-text("Save in this browser")');
  await page.waitForFunction((n) => document.querySelector('.library-status')?.textContent.includes(n), name);
}

const savedNames = (page) => page.$$eval('.saved-name', (els) => els.map((e) => e.firstChild.textContent.trim()));
const entry = (page, name) => page.locator(`li.saved[data-name="${name}"]`);

/**
 * Saves the strategic plan as `first` ([name, description]), then the plan with 60 escalation beds as
 * `second`; returns the plan's own escalation-bed value.
 */
async function savePlanPair(page, first, second) {
  await page.selectOption('#preset-select', 'strategic-plan');
  await saveAs(page, ...first);
  const escBase = await page.inputValue(ESC);
  await page.fill(ESC, '60');
  await page.press(ESC, 'Enter');
  await page.waitForFunction(() => location.hash.includes('beds.escalation_beds=60'));
  await saveAs(page, ...second);
  return escBase;
}

/** Width and height from a PNG file's IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(1, 4).toString(), 'PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

test('save, reload, rename, duplicate, delete; corrupt and old entries are reported and kept', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  const escBase = await savePlanPair(page, ['Plan A', 'The strategic plan as written.'],
    ['Plan B', 'Plan with 60 escalation beds.']);
  assert.deepEqual(await savedNames(page), ['Plan B', 'Plan A']);

  // Reload: the list (newest first, date and preset of origin) and the working state are back.
  await page.goto(server.url);
  await ready(page);
  assert.deepEqual(await savedNames(page), ['Plan B', 'Plan A']);
  assert.match(await entry(page, 'Plan A').locator('.saved-meta').textContent(),
    /^Saved \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d · from Strategic Plan/);
  assert.equal(await page.inputValue(ESC), '60');

  // Rename, duplicate, delete (with confirmation).
  await entry(page, 'Plan A').locator('button:has-text("Rename")').click();
  await page.fill('#rename-input', 'Plan A (as written)');
  await page.click('button:has-text("Save name")');
  await page.waitForFunction(() => document.querySelector('.library-status').textContent.includes('Renamed'));
  await entry(page, 'Plan B').locator('button:has-text("Duplicate")').click();
  await page.waitForFunction(() => document.querySelectorAll('li.saved').length === 3);
  assert.ok((await savedNames(page)).includes('Copy of Plan B'));
  await entry(page, 'Copy of Plan B').locator('button:has-text("Delete")').click();
  assert.match(await page.textContent('.saved .confirm'), /Delete “Copy of Plan B” from this browser\?/);
  await entry(page, 'Copy of Plan B').locator('button.danger').click();
  await page.waitForFunction(() => document.querySelectorAll('li.saved').length === 2);
  assert.deepEqual((await savedNames(page)).sort(), ['Plan A (as written)', 'Plan B']);

  // Opening an entry restores its levers and preset.
  await entry(page, 'Plan A (as written)').locator('button:has-text("Open")').click();
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [ESC, escBase]);
  assert.equal(await page.inputValue('#preset-select'), 'strategic-plan');

  // A corrupt entry and an early-format (bare scenario) entry: reported / migrated; nothing lost.
  const bare = await page.evaluate(() => JSON.stringify(JSON.parse(localStorage.getItem('careflow.autosave')).scenario));
  await page.evaluate((bare) => {
    localStorage.setItem('careflow.saved.zz-broken', '{"version":1,"name":"Half');
    localStorage.setItem('careflow.saved.old', bare);
  }, bare);
  await page.goto(server.url);
  await ready(page);
  const notice = await page.textContent('.library .notice');
  assert.match(notice, /1 saved entry could not be read and is left untouched/);
  assert.match(notice, /careflow\.saved\.zz-broken/);
  assert.deepEqual((await savedNames(page)).sort(), ['Plan A (as written)', 'Plan B', 'Saved scenario old']);
  assert.ok(await page.evaluate(() => localStorage.getItem('careflow.saved.zz-broken') !== null));
  await screenshot(page, 'library');

  // Storage full: the save is refused with a message, the app and the other entries carry on.
  await page.evaluate(() => {
    localStorage.removeItem('careflow.saved.zz-broken');
    // Fill to the brim: big chunks first, then smaller ones.
    let i = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 64]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`filler.${i++}`, chunk); } catch { break; }
      }
    }
  });
  await page.fill('#save-name', 'Too much');
  await page.click('button:has-text("Save in this browser")');
  await page.waitForSelector('.library-status.error');
  assert.match(await page.textContent('.library-status'), /Not saved: .*full.*“?Too much/);
  assert.equal((await savedNames(page)).length, 3);
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('filler.')) localStorage.removeItem(k); });

  // The workshop pack with nothing pinned: the KPI table (do nothing against this scenario) and charts.
  await page.click('button:has-text("Workshop pack")');
  await page.waitForSelector('.pack');
  assert.deepEqual(await page.$$eval('table.pack-kpis thead th', (t) => t.map((e) => e.textContent)),
    ['Measure', 'Do nothing', 'This scenario']);
  assert.ok(await page.$$eval('table.pack-kpis tbody tr', (r) => r.length) >= 8, 'pack KPI rows');
  assert.equal(await page.$$eval('.pack-chart img', (i) => i.length), 5);
  await page.click('button:has-text("Back to the workbench")');
  await ready(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pin two scenarios: overlays on every chart, KPIs and lever diff side by side, CSV, PNG and the workshop pack', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { width: 1600, height: 900 });
  await ready(page);
  const escBase = await savePlanPair(page, ['Plan', 'The plan as written.'], ['Plan plus escalation', '']);
  // The bands add two legend entries when they arrive: count the legend once they are on show (the
  // previous bands then stay, faded, across the saves and pins), so only the pins change it.
  await page.waitForSelector('.uncertainty[data-bands="true"]', { timeout: 120_000 });
  // The plan's ward-closure marker (its two step-down wards) leaves the key with the plan, so it
  // is not counted on either side.
  const bedsKey = () => page.$$eval('[data-chart="beds"] .legend li',
    (l) => l.filter((e) => !e.textContent.startsWith('Ward closes')).length);
  const legendBefore = await bedsKey();
  await entry(page, 'Plan plus escalation').locator('button:has-text("Pin to compare")').click();
  await entry(page, 'Plan').locator('button:has-text("Pin to compare")').click();
  await page.waitForSelector('.pins li:nth-child(2)');
  // Open the do-nothing preset: the pins stay.
  await page.selectOption('#preset-select', 'do-nothing');

  // Overlays: each chart's legend gains the two pins, each with its own colour and dash pattern.
  for (const id of ['beds', 'admissions', 'delays', 'deaths', 'money']) {
    const names = await page.$$eval(`[data-chart="${id}"] .legend li`, (l) => l.map((e) => e.textContent));
    assert.ok(names.some((n) => n.startsWith('Plan plus escalation: ')), `${id}: ${names}`);
    assert.ok(names.some((n) => n.startsWith('Plan: ')), `${id}: ${names}`);
  }
  assert.equal(await bedsKey(), legendBefore + 2);
  const styles = await page.$$eval('.pins .swatch', (s) => s.map((e) => e.getAttribute('style')));
  assert.equal(new Set(styles).size, 2);
  assert.match(await page.getAttribute('[data-chart="beds"] canvas', 'aria-label'), /Compared with Plan plus escalation \(long dashes\) and Plan \(dots\)/);

  // The comparison tables.
  const kpiHead = await page.$$eval('.compare-kpis thead th', (t) => t.map((e) => e.textContent));
  assert.deepEqual(kpiHead, ['Measure', 'Do nothing', 'This scenario', 'Plan plus escalation', 'Plan']);
  const esc = await page.$$eval('.compare-levers tbody tr', (rows) => rows
    .map((r) => [...r.children].map((c) => c.textContent))
    .find((r) => r[0] === 'Escalation beds'));
  assert.deepEqual(esc.slice(1), [`${escBase} beds`, `${escBase} beds`, '60 beds', `${escBase} beds`]);
  await screenshot(page, 'compare');
  assert.deepEqual(await axeProblems(page), [], 'library and comparison panels');
  await page.locator('section.compare').screenshot({ path: path.join(shots, 'compare-panel.png') });
  await page.locator('details.library').screenshot({ path: path.join(shots, 'library-panel.png') });
  await page.locator('[data-chart="delays"]').screenshot({ path: path.join(shots, 'compare-delays.png') });

  // CSV: the pinned series are plotted, so they are exported, one row per day.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button:has-text("Download chart data (CSV)")'),
  ]);
  const lines = fs.readFileSync(await csv.path(), 'utf8').trimEnd().split('\n');
  const header = lines.filter((l) => l.startsWith('# '));
  assert.ok(header.some((l) => /^# seed: \d+$/.test(l)), header.join('\n'));
  assert.equal(lines.filter((l) => l.startsWith('beds,Plan plus escalation: occupied beds (7-day mean),line,')).length, 2191);
  assert.equal(lines.filter((l) => l.startsWith('deaths,Plan: home or care home,line,')).length, 6);

  // PNG of a chart at presentation resolution.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-chart="beds"] button.png'),
  ]);
  assert.equal(png.suggestedFilename(), 'careflow-beds.png');
  const pngFile = path.join(shots, 'careflow-beds.png');
  await png.saveAs(pngFile);
  assert.deepEqual(pngSize(pngFile), { width: 1920, height: 1080 });

  // Pins survive a reload.
  await page.reload();
  await ready(page);
  assert.equal(await page.$$eval('.pins li', (l) => l.length), 2);

  // The workshop pack: name, description, lever diff, KPI table, five charts, sources; two A4 pages.
  await entry(page, 'Plan').locator('button:has-text("Open")').click();
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [ESC, escBase]);
  await page.click('button:has-text("Workshop pack")');
  await page.waitForSelector('.pack');
  assert.equal(await page.textContent('.pack h1'), 'Plan');
  assert.equal(await page.textContent('.pack-description'), 'The plan as written.');
  await page.waitForFunction(() => [...document.querySelectorAll('.pack-chart img')].every((i) => i.complete && i.naturalWidth === 960));
  assert.equal(await page.$$eval('.pack-chart img', (i) => i.length), 5);
  assert.ok(await page.$('table.pack-levers'), 'lever diff');
  assert.ok(await page.$('table.pack-kpis'), 'KPI table');
  assert.ok(await page.$$eval('table.pack-kpis tbody tr', (r) => r.length) >= 8, 'pack KPI rows');
  const sources = await page.$$eval('table.pack-sources tbody tr', (r) => r.map((e) => e.textContent));
  assert.ok(sources.length >= 5 && sources.every((s) => /seed|external|derived|assumption/.test(s)), sources.join('\n'));
  await screenshot(page, 'workshop-pack');
  assert.deepEqual(await axeProblems(page), [], 'workshop pack');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
  await page.screenshot({ path: path.join(shots, 'workshop-pack-print.png'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(shots, 'workshop-pack.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 2, `the workshop pack printed on ${pages} pages (results, then levers and sources)`);
  await page.emulateMedia({ media: 'screen' });
  await page.click('button:has-text("Back to the workbench")');
  await ready(page);
  assert.equal(await page.$$eval('.pins li', (l) => l.length), 2);
  assert.deepEqual(errors, []);
  await context.close();
});
