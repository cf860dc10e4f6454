// The scenario workbench: presets, levers by keyboard, typed values refused with their range, KPIs
// and chart titles that follow, table alternatives, hover read-outs, accessibility (axe-core), and
// screenshots of the three layouts (1920×1080, 1280×720, 390-px phone) in target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, launch, openApp, screenshot, inkedPixels, runAxe, shots } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const titles = (page) => page.$$eval('.chart-title', (hs) => hs.map((h) => h.textContent));
const kpi = (page, id) => page.textContent(`[data-kpi="${id}"] .kpi-value`);

async function ready(page) {
  await page.waitForSelector('.chart-panel canvas', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll('.chart-panel').length === 5);
  // Charts draw on the next animation frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

function clean({ errors, foreign }) {
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
}

test('loads with KPIs for 2012/13, five drawn charts with findings in their titles, and passes axe', async () => {
  const app = await openApp(browser, server.url, { width: 1920, height: 1080 });
  const { page, context } = app;
  await ready(page);
  assert.match(await page.textContent('#kpi-heading'), /2012\/13/);
  assert.equal(await page.$$eval('.kpi', (k) => k.length), 12);
  const t = await titles(page);
  assert.equal(t.length, 5);
  assert.match(t[0], /95%/);
  for (const title of t) assert.match(title, /2012\/13/);
  for (const id of ['beds', 'admissions', 'delays', 'deaths', 'money']) {
    assert.ok(await inkedPixels(page, `canvas[data-chart-canvas="${id}"]`) > 3_000, `${id} chart blank`);
    const label = await page.getAttribute(`canvas[data-chart-canvas="${id}"]`, 'aria-label');
    assert.ok(label && label.length > 40, `${id} canvas has no text alternative`);
  }
  const body = await page.textContent('body');
  assert.doesNotMatch(body, /NaN|undefined/);
  const violations = await runAxe(page);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), []);
  await screenshot(page, 'workbench-1920x1080');
  clean(app);
  await context.close();
});

test('each preset changes the KPIs and the chart titles; a lever move marks the scenario modified', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  const ids = await page.$$eval('#preset-select option', (os) => os.map((o) => o.value));
  assert.deepEqual(ids, ['do-nothing', 'strategic-plan', 'evidence-weighted', 'pessimistic', 'plan-with-bed-closures', 'winter-surge']);
  const seen = {};
  for (const id of ids) {
    await page.selectOption('#preset-select', id);
    await page.waitForFunction((i) => document.querySelector('#preset-select').value === i, id);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    seen[id] = { titles: await titles(page), avoided: await kpi(page, 'admissions-avoided'),
      description: await page.textContent('#preset-description') };
    assert.equal(await page.$('#modified-flag'), null, `${id} should not be marked modified`);
    // The 1280×720 shot shows the busiest preset (ward closures marked, money moving).
    if (id === 'plan-with-bed-closures') await screenshot(page, 'workbench-1280x720');
  }
  assert.equal(seen['do-nothing'].avoided, '0');
  assert.notEqual(seen['strategic-plan'].avoided, '0');
  assert.match(seen['strategic-plan'].description, /Strategic Plan/);
  assert.notDeepEqual(seen['plan-with-bed-closures'].titles, seen['strategic-plan'].titles);
  // The winter crisis strikes the first winter: compare 2008/09.
  await page.selectOption('#kpi-year', { label: '2008/09' });
  await page.waitForFunction(() => /2008\/09/.test(document.querySelector('.chart-title').textContent));
  const surge08 = await titles(page);
  await page.selectOption('#preset-select', 'do-nothing');
  await page.waitForFunction((t) => document.querySelector('.chart-title').textContent !== t, surge08[0]);
  assert.notDeepEqual(await titles(page), surge08);
  await page.selectOption('#kpi-year', { label: '2012/13' });
  clean(app);
  await context.close();
});

test('levers work from the keyboard, refuse out-of-range values with the range, and reset to baseline', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  const before = { adm: await kpi(page, 'emergency-admissions'), titles: await titles(page) };
  const slider = '#lever-demand-emergency-growth';
  await page.focus(slider);
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await page.waitForSelector('#modified-flag');
  const after1 = { adm: await kpi(page, 'emergency-admissions'), titles: await titles(page) };
  assert.notEqual(after1.adm, before.adm, 'emergency admissions KPI did not update');
  assert.notDeepEqual(after1.titles, before.titles, 'chart titles did not update');
  assert.equal(await page.inputValue('#lever-demand-emergency-growth-number'), '4.7');
  // Focus is visible on the slider.
  const outline = await page.$eval(slider, (e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, 'none');

  // A typed value outside the range is refused, with the range in the message.
  const number = '#lever-beds-escalation-beds-number';
  const escBefore = await page.inputValue(number);
  await page.fill(number, '99999');
  await page.press(number, 'Enter');
  const err = await page.textContent('#lever-beds-escalation-beds-error');
  assert.match(err, /^Escalation beds must be a number from 0 to 2,000 beds\./);
  assert.equal(await page.getAttribute(number, 'aria-invalid'), 'true');
  await page.fill(number, 'lots');
  await page.press(number, 'Enter');
  assert.match(await page.textContent('#lever-beds-escalation-beds-error'), /from 0 to 2,000 beds/);
  // A good value is taken.
  await page.fill(number, '60');
  await page.press(number, 'Enter');
  await page.waitForFunction((s) => document.querySelector(s).value === '60', '#lever-beds-escalation-beds');
  assert.equal(await page.isHidden('#lever-beds-escalation-beds-error'), true);
  assert.notEqual(escBefore, '60');

  // Info disclosure names the source; reset goes back to baseline.
  const info = '[data-path="beds.escalation_beds"] .info-button';
  await page.click(info);
  assert.equal(await page.getAttribute(info, 'aria-expanded'), 'true');
  assert.match(await page.textContent('#lever-beds-escalation-beds-info'), /Source \((seed|external|derived|assumption)\)/);
  await page.click('[data-path="beds.escalation_beds"] .reset');
  assert.equal(await page.inputValue(number), escBefore);

  // "More assumptions" reveals the other levers of a group.
  const more = '[data-group="acutebeds"] .more';
  await page.click(more);
  assert.equal(await page.getAttribute(more, 'aria-expanded'), 'true');
  assert.ok(await page.$('#lever-beds-ward-size'));

  // The table alternative and the hover read-out.
  await page.click('[data-chart="beds"] .table-toggle');
  assert.equal(await page.$$eval('[data-chart="beds"] tbody tr', (r) => r.length), 6);
  const box = await page.$eval('canvas[data-chart-canvas="beds"]', (c) => { const r = c.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  await page.mouse.move(box.x + box.w * 0.6, box.y + box.h * 0.5);
  await page.waitForFunction(() => /Occupied beds/.test(document.querySelector('[data-chart="beds"] .readout').textContent));
  assert.doesNotMatch(await page.textContent('body'), /NaN/);
  clean(app);
  await context.close();
});

test('year controls change the KPI year and the years charted', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  await page.selectOption('#kpi-year', { label: '2010/11' });
  await page.waitForFunction(() => /2010\/11/.test(document.querySelector('#kpi-heading').textContent));
  for (const t of await titles(page)) assert.match(t, /2010\/11/);
  await page.selectOption('#first-year', { label: '2011/12' });
  await page.click('[data-chart="deaths"] .table-toggle');
  const years = await page.$$eval('[data-chart="deaths"] tbody th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(years, ['2011/12', '2012/13', '2013/14']);
  clean(app);
  await context.close();
});

test('phone layout (390 px): one column, no sideways scrolling, charts drawn', async () => {
  const app = await openApp(browser, server.url, { width: 390, height: 844 }, 2);
  const { page, context } = app;
  await ready(page);
  const { sw, w } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
  assert.ok(sw <= w, `page scrolls sideways: ${sw} > ${w}`);
  assert.ok(await inkedPixels(page, 'canvas[data-chart-canvas="beds"]') > 3_000);
  const violations = await runAxe(page);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), []);
  await screenshot(page, 'workbench-390-phone');
  // What the phone shows first, and the first chart (full-page shots are too tall to read).
  await page.screenshot({ path: path.join(shots, 'workbench-390-phone-top.png') });
  await page.$eval('[data-chart="beds"]', (e) => e.scrollIntoView());
  await page.screenshot({ path: path.join(shots, 'workbench-390-phone-chart.png') });
  clean(app);
  await context.close();
});
