// Scenarios people can keep: the URL carries the scenario and reproduces it after a reload; a
// tampered link opens with a banner naming the field, value and allowed range, and the app keeps
// working; a scenario downloads as JSON (the CLI's format) and a bad file is refused field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openApp, ready, screenshot, root } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const GROWTH = '#lever-demand-emergency-growth';

/** Waits until the URL carries the growth lever's current value (key presses may still be landing).
 * The slider holds the machine value the link carries (0.017); the number box shows it as people
 * read it (1.7, in % a year). */
const settled = (page) => page.waitForFunction((sel) => {
  const m = location.hash.match(/demand\.emergency_growth=([^&]+)/);
  const value = Number(document.querySelector(sel).value);
  return m !== null && Math.abs(Number(m[1]) - value) < 1e-9;
}, GROWTH, { polling: 50 });

test('a moved lever lands in the URL, and the link reproduces it after a reload', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'strategic-plan');
  const start = Number(await page.inputValue(GROWTH));
  const step = Number(await page.getAttribute(GROWTH, 'step'));
  await page.focus(GROWTH);
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  // Key presses land asynchronously under load: wait for the seventh, then for the URL.
  await page.waitForFunction(([sel, want]) => Math.abs(Number(document.querySelector(sel).value) - want) < 1e-9,
    [GROWTH, start + 7 * step], { polling: 50 });
  await settled(page);
  const value = await page.inputValue(`${GROWTH}-number`);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#v=1&preset=strategic-plan&seed=\d+&/);
  assert.match(hash, /&c=[0-9a-f]{8}$/);
  const kpis = await page.textContent('.kpis');

  // The link opened in a fresh page gives the same levers, preset and key figures.
  const other = await openApp(browser, server.url + hash);
  await ready(other.page);
  assert.equal(await other.page.inputValue(`${GROWTH}-number`), value);
  assert.equal(await other.page.inputValue('#preset-select'), 'strategic-plan');
  assert.equal(await other.page.textContent('.kpis'), kpis);
  assert.equal(await other.page.$('.notice'), null, 'a good link showed a problem banner');
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered link opens with a banner naming field, value and range, keeps the rest, and the app works', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  await page.focus(GROWTH);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.fill('#lever-beds-escalation-beds-number', '60');
  await page.press('#lever-beds-escalation-beds-number', 'Enter');
  await page.waitForFunction(() => location.hash.includes('beds.escalation_beds=60'));
  const hash = await page.evaluate(() => location.hash);
  const growth = await page.inputValue(`${GROWTH}-number`);
  await context.close();

  const tampered = hash.replace('beds.escalation_beds=60', 'beds.escalation_beds=99999');
  const t = await openApp(browser, server.url + tampered);
  await ready(t.page);
  const banner = await t.page.textContent('.notice');
  assert.match(banner, /beds\.escalation_beds/);
  assert.match(banner, /99999/);
  assert.match(banner, /2000/);
  assert.match(banner, /changed or cut short/);
  assert.equal(await t.page.inputValue(`${GROWTH}-number`), growth, 'the good value was not kept');
  await screenshot(t.page, 'scenarios-tampered-link');
  // Still working: a lever moves the figures, and the banner can be dismissed.
  const before = await t.page.textContent('.kpis');
  await t.page.focus(GROWTH);
  for (let i = 0; i < 5; i++) await t.page.keyboard.press('ArrowRight');
  await t.page.waitForFunction((b) => document.querySelector('.kpis').textContent !== b, before);
  await t.page.click('.notice button');
  assert.equal(await t.page.$('.notice'), null);
  assert.deepEqual(t.errors, []);
  await t.context.close();

  const junk = await openApp(browser, `${server.url}#v=1&no.such.lever=3&preset=nope`);
  await ready(junk.page);
  const text = await junk.page.textContent('.notice');
  assert.match(text, /no\.such\.lever/);
  assert.match(text, /preset/);
  assert.deepEqual(junk.errors, []);
  await junk.context.close();
  assert.deepEqual(errors, []);
});

test('a scenario downloads as JSON and opens again; a bad file is refused with the field named', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  await page.selectOption('#preset-select', 'strategic-plan');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button:has-text("Download scenario")'),
  ]);
  const file = await download.path();
  const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(scenario.schema_version, 3);
  assert.equal(typeof scenario.beds.base, 'number');

  // The same file in the CLI gives the figures the page shows.
  const cli = JSON.parse(execFileSync('cargo', ['run', '-q', '--locked', '-p', 'careflow-cli', '--', 'run', file],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }));
  const y = cli.years.find((r) => r.year === '2012/13');
  const shown = (id) => page.textContent(`.kpi[data-kpi="${id}"] .kpi-value`);
  assert.equal(await shown('emergency-admissions'), Math.round(y.emergency_admissions).toLocaleString('en-GB'));
  assert.equal(await shown('mean-occupancy'), `${(100 * y.mean_occupancy).toFixed(1)}%`);
  assert.equal(await shown('days-over-95'), String(Math.round(y.days_over_95pct_occupancy)));

  // Back to the baseline, then open the file: the plan's figures come back.
  const planKpis = await page.textContent('.kpis');
  await page.selectOption('#preset-select', 'do-nothing');
  await page.waitForFunction((k) => document.querySelector('.kpis').textContent !== k, planKpis);
  await page.setInputFiles('.share-bar input[type=file]', file);
  await page.waitForFunction((k) => document.querySelector('.kpis').textContent === k, planKpis);

  // A file of schema version 1 (saved before delays had reasons) opens, upgraded.
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.setInputFiles('.share-bar input[type=file]', path.join(root, 'tests', 'fixtures', 'ben-baseline-2008.v1.json'));
  await page.waitForFunction((k) => document.querySelector('.kpis').textContent !== k, planKpis);
  assert.equal(await page.$('.notice'), null, 'the version-1 file was refused');
  assert.equal(await shown('admissions-avoided'), '0');
  await page.setInputFiles('.share-bar input[type=file]', file);
  await page.waitForFunction((k) => document.querySelector('.kpis').textContent === k, planKpis);

  // A file with an out-of-range value is refused, naming the field; nothing changes.
  const bad = { ...scenario, years: 60 };
  await page.setInputFiles('.share-bar input[type=file]', {
    name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)),
  });
  await page.waitForSelector('.notice');
  const text = await page.textContent('.notice');
  assert.match(text, /bad\.json/);
  assert.match(text, /years/);
  assert.equal(await page.textContent('.kpis'), planKpis);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the working state survives a reload; a corrupt saved state is reported and skipped', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  await page.selectOption('#preset-select', 'plan-with-bed-closures');
  await page.focus(GROWTH);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await settled(page);
  const value = await page.inputValue(`${GROWTH}-number`);
  // Reload without the link: the autosaved state comes back.
  await page.goto(server.url);
  await ready(page);
  assert.equal(await page.inputValue(`${GROWTH}-number`), value);
  assert.equal(await page.inputValue('#preset-select'), 'plan-with-bed-closures');
  // Corrupt the saved state: reported and skipped (the baseline opens). The opened state's own
  // write (the link in the URL, then the autosave) is let happen first, or leaving the page would
  // write it over the corruption.
  await page.waitForFunction(() => location.hash.startsWith('#v=1'));
  await page.evaluate(() => localStorage.setItem('careflow.autosave', '{"version": 1, "preset": "do-nothing", "scenario": {"years": '));
  await page.goto(server.url);
  await ready(page);
  assert.match(await page.textContent('.notice'), /last visit/);
  assert.equal(await page.inputValue('#preset-select'), 'do-nothing');
  assert.deepEqual(errors, []);
  await context.close();
});

test('nothing the user had is lost: a stored state with a bad value opens its good values and is kept aside, a link that replaces the work saves it in the library, bad pins are kept aside', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  // The opened state's own writes (the link in the URL, then the autosave) happen first.
  await page.waitForFunction(() => location.hash.startsWith('#v=1') && localStorage.getItem('careflow.autosave'));
  const bad = await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('careflow.autosave'));
    saved.scenario.beds.base = 1300;
    saved.scenario.beds.escalation_beds = 99999;
    const text = JSON.stringify(saved);
    localStorage.setItem('careflow.autosave', text);
    return text;
  });
  await page.goto('about:blank');
  await page.goto(server.url);
  await ready(page);
  // The good value opens; the bad one is named and takes the baseline's value.
  assert.equal(await page.inputValue('#lever-beds-base-number'), '1300');
  let banner = await page.textContent('.notice');
  assert.match(banner, /beds\.escalation_beds/);
  assert.match(banner, /99999/);
  assert.match(banner, /careflow\.set-aside\.autosave\.1/);
  await page.locator('.notice').screenshot({ path: path.join(root, 'target', 'e2e', 'scenarios-autosave-kept-aside.png') });
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('careflow.autosave')).scenario.beds.base === 1300);
  assert.equal(await page.evaluate(() => localStorage.getItem('careflow.set-aside.autosave.1')), bad);

  // A link to another scenario replaces the work on screen: the work is saved in the library first.
  const other = await openApp(browser, server.url);
  await ready(other.page);
  await other.page.selectOption('#preset-select', 'strategic-plan');
  await other.page.waitForFunction(() => location.hash.includes('preset=strategic-plan'));
  const link = await other.page.evaluate(() => location.hash);
  await other.context.close();
  await page.goto('about:blank');
  await page.goto(server.url + link);
  await ready(page);
  assert.equal(await page.inputValue('#preset-select'), 'strategic-plan');
  banner = await page.textContent('.notice');
  assert.match(banner, /saved in your library as “Before a link, /);
  const kept = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('careflow.saved.'))
    .map((k) => JSON.parse(localStorage.getItem(k)))
    .filter((e) => e.name.startsWith('Before a link') && e.scenario.beds.base === 1300));
  assert.equal(kept.length, 1);

  // Pins that cannot be read: reported, and kept aside before the next change of the pins.
  await page.evaluate(() => localStorage.setItem('careflow.pins', '{"version": 1, "pins": [{"name": "Precious pin", "pre'));
  await page.goto('about:blank');
  await page.goto(server.url);
  await ready(page);
  banner = await page.textContent('.notice');
  assert.match(banner, /pinned scenarios/);
  assert.match(banner, /careflow\.set-aside\.pins\.1/);
  await page.click('button:has-text("Pin the scenario on screen")');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('careflow.pins')).pins.length === 1);
  assert.match(await page.evaluate(() => localStorage.getItem('careflow.set-aside.pins.1')), /Precious pin/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('chart data downloads as CSV with the scenario and seed in its header and one row per plotted point', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await ready(page);
  await page.fill('#lever-beds-escalation-beds-number', '60');
  await page.press('#lever-beds-escalation-beds-number', 'Enter');
  await page.waitForFunction(() => location.hash.includes('beds.escalation_beds=60'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button:has-text("Download chart data (CSV)")'),
  ]);
  const lines = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
  const header = lines.filter((l) => l.startsWith('# '));
  assert.ok(header.some((l) => /^# seed: \d+$/.test(l)), header.join('\n'));
  assert.ok(header.some((l) => l.startsWith('# scenario link: #v=1&')), header.join('\n'));
  assert.ok(header.some((l) => l.includes('beds.escalation_beds = 60 beds')), header.join('\n'));
  const columns = lines[header.length];
  assert.equal(columns, 'chart,series,kind,x,label,value,lower,upper');
  const rows = lines.slice(header.length + 1);
  for (const id of ['beds', 'admissions', 'delays', 'deaths', 'money']) {
    assert.ok(rows.some((r) => r.startsWith(`${id},`)), `no rows for chart ${id}`);
  }
  // The daily occupied-beds line: one row per day of 2008/09–2013/14 (2,191 days).
  assert.equal(rows.filter((r) => r.startsWith('beds,"Occupied beds, each day",line,')).length, 2191);
  assert.deepEqual(errors, []);
  await context.close();
});
