// The workbench as three users found it (issue 19): a facilitator on a 1280×720 projector, a
// geriatrician at a 1920×1080 desk and a member of the public on a 390×844 phone. Each test is one
// of their findings: changes read by sign and word; titles that quote a charted year; legend
// swatches as drawn; a glossary and a first-visit introduction; labels, units and typed values;
// the two-page workshop pack with pins, bands and risks; touch read-outs, target sizes, live
// regions and accessible names (checked on the accessibility tree). Screenshots in target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, screenshot, runAxe, shots, waitForBatch, uncertaintyInfo } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function ready(page) {
  await page.waitForSelector('.chart-panel canvas', { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('.chart-panel').length === 5);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

function clean({ errors, foreign }) {
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
}

const titles = (page) => page.$$eval('.chart-title', (hs) => hs.map((h) => h.textContent));

async function setLever(page, id, value) {
  const number = `#lever-${id}-number`;
  await page.fill(number, String(value));
  await page.press(number, 'Enter');
}

/** Waits for the current batch of replications to finish (bands drawn, risk cards filled). */
async function replicationsDone(page) {
  await page.waitForFunction(() => document.querySelector('.uncertainty')?.dataset.finished === 'true',
    null, { timeout: 120_000, polling: 250 });
}

async function seriousAxe(page) {
  const violations = await runAxe(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
}


/** A phone (390×844 at 2×, touch) on the app, with its console errors collected. */
async function openPhone() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url, { waitUntil: 'load' });
  await ready(page);
  return { context, page, errors };
}

test('items 1, 2, 5: changes read by their sign and a word, "no change" when the figures agree, the busiest service named', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  // Do nothing against itself: every change is "no change", no arrows anywhere.
  const deltas = await page.$$eval('.kpi-delta', (d) => d.map((e) => e.textContent));
  assert.ok(deltas.length >= 10 && deltas.every((d) => /no change|£0/.test(d)), deltas.join(' | '));
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('[data-kpi="admissions-avoided"] .kpi-value').textContent !== '0');
  const body = await page.textContent('main');
  assert.doesNotMatch(body, /[▲▼↑↓]/);
  // A fall that is good news: a minus sign and the word "better".
  assert.match(await page.textContent('[data-kpi="emergency-admissions"] .kpi-delta'), /^−[\d,]+ vs do nothing: better$/);
  // Adding step-down beds to do nothing barely moves delays: the title and the card say what limits them.
  await page.selectOption('#preset-select', 'do-nothing');
  await setLever(page, 'discharge-step-down-added-beds', 28);
  await page.waitForFunction(() => /barely move/.test(document.querySelector('[data-chart="delays"] .chart-title').textContent));
  assert.match(await page.textContent('[data-chart="delays"] .chart-title'), /busiest service is .+ \d+%/);
  assert.match(await page.textContent('[data-kpi="dtoc-share"] .kpi-note'), /Busiest downstream: .+ \d+%/);
  clean(app);
  await context.close();
});

test('item 3: with the charts on 2010/11 only, every title quotes 2010/11, not the key-figures year', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  assert.match(await page.textContent('#kpi-heading'), /2012\/13/);
  await page.selectOption('#first-year', { label: '2010/11' });
  await page.selectOption('#last-year', { label: '2010/11' });
  await page.waitForFunction(() => /2010\/11/.test(document.querySelector('[data-chart="beds"] .chart-title').textContent));
  for (const t of await titles(page)) {
    assert.match(t, /2010\/11/, t);
    assert.doesNotMatch(t, /2012\/13/, t);
  }
  // The key figures still speak of 2012/13.
  assert.match(await page.textContent('#kpi-heading'), /2012\/13/);
  clean(app);
  await context.close();
});

test('item 4: legend swatches show the bands at the opacity drawn, and the daily line apart from the band', async () => {
  const app = await openApp(browser, server.url, { width: 1920, height: 1080 });
  const { page, context } = app;
  await ready(page);
  await replicationsDone(page);
  await page.waitForSelector('[data-chart="beds"] .swatch[data-opacity]');
  for (const id of ['beds', 'delays']) {
    const legend = await page.$$eval(`[data-chart="${id}"] .legend li`, (lis) => lis.map((li) => {
      const s = li.querySelector('.swatch');
      const cs = getComputedStyle(s);
      return { name: li.textContent, opacity: s.dataset.opacity ?? null, bg: cs.backgroundColor, border: cs.borderTopColor, image: cs.backgroundImage };
    }));
    const bands = legend.filter((e) => e.opacity !== null);
    assert.deepEqual(bands.map((b) => b.name), ['5–95% of replications', '10–90% of replications'], id);
    assert.notEqual(bands[0].bg, bands[1].bg, `${id}: the two band swatches look the same`);
    assert.ok(Number(bands[1].opacity) > Number(bands[0].opacity), `${id}: the inner band is the darker`);
    for (const b of bands) {
      const alpha = Number(b.bg.match(/rgba\([^)]*,\s*([\d.]+)\)/)?.[1]);
      assert.ok(Math.abs(alpha - Number(b.opacity) / 100) < 0.011, `${id}: ${b.name} swatch ${b.bg} vs ${b.opacity}%`);
    }
    if (id === 'beds') {
      // The daily line is orange, the band blue: not the same hue.
      const daily = legend.find((e) => e.name === 'Occupied beds, each day');
      const rgb = (s) => s.match(/\d+/g).slice(0, 3).map(Number);
      const [dr, , db] = rgb(daily.border);
      const [br, , bb] = rgb(bands[0].bg);
      assert.ok(dr > db && bb > br, `daily line ${daily.border} vs band ${bands[0].bg}`);
    }
  }
  await page.locator('[data-chart="beds"]').screenshot({ path: path.join(shots, 'users-beds-legend-1920.png') });
  await page.locator('[data-chart="delays"]').screenshot({ path: path.join(shots, 'users-delays-legend-1920.png') });
  clean(app);
  await context.close();
});

test('item 6: a first-visit introduction, remembered when dismissed, and glossary terms by keyboard and touch', async () => {
  const { context, page, errors } = await openPhone();
  const intro = await page.textContent('.intro');
  assert.match(intro, /NHS Birmingham East and North/);
  assert.match(intro, /2008 to 2014/);
  assert.match(intro, /not a picture of today's hospitals/);
  await page.screenshot({ path: path.join(shots, 'users-390-intro.png') });

  // Every piece of jargon the users met has a term button somewhere on the page once the
  // replications are in (95% CI and the bands are in the risk cards and the legends).
  await replicationsDone(page);
  const terms = new Set(await page.$$eval('button.term', (b) => b.map((e) => e.dataset.term)));
  for (const id of ['occupancy', 'dtoc', 'commissioner', 'pct', 'escalation-beds', 'ci', 'bands', 'seed', 'replications']) {
    assert.ok(terms.has(id), `no glossary term for ${id}: ${[...terms]}`);
  }
  // Touch: tapping a term opens its definition on screen, no sideways scrolling.
  const term = page.locator('[data-kpi="mean-occupancy"] button.term[data-term="occupancy"]');
  await term.tap();
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  const pop = page.locator('[data-kpi="mean-occupancy"] .term-pop');
  assert.match(await pop.textContent(), /share of the open base beds with a patient/);
  const box = await pop.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, `definition off screen: ${JSON.stringify(box)}`);
  const { sw, w } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
  assert.ok(sw <= w, `page scrolls sideways: ${sw} > ${w}`);
  await page.screenshot({ path: path.join(shots, 'users-390-term.png') });
  assert.deepEqual(await seriousAxe(page), []);
  // Keyboard: Escape closes it, Enter opens it again, "All terms" opens the glossary at the entry.
  await term.focus();
  await page.keyboard.press('Escape');
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  assert.equal(await pop.count(), 0);
  await page.keyboard.press('Enter');
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  await page.locator('[data-kpi="mean-occupancy"] .term-pop button:has-text("All terms")').tap();
  assert.equal(await page.$eval('#glossary', (d) => d.open), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'glossary-occupancy');

  // A lever whose label is jargon names it in its information panel, as a term.
  await page.$eval('[data-group="acutebeds"]', (d) => { d.open = true; });
  await page.tap('[data-path="beds.escalation_beds"] .info-button');
  const leverTerm = page.locator('#lever-beds-escalation-beds-info button.term[data-term="escalation-beds"]');
  await leverTerm.tap();
  assert.match(await page.textContent('#lever-beds-escalation-beds-info .term-pop'), /Extra beds a hospital opens/);
  await page.keyboard.press('Escape');

  // Dismissed once, the introduction stays away on the next visit.
  await page.tap('.intro-dismiss');
  assert.equal(await page.$('.intro'), null);
  await page.reload({ waitUntil: 'load' });
  await ready(page);
  assert.equal(await page.$('.intro'), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('careflow.intro-dismissed')), '1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('item 7: a typed percentage is understood, one range wording with a true minus sign, dates as months, labels in their units', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  const growth = '#lever-demand-emergency-growth-number';
  // Shown as a percentage a year: "1.7%" and "1.7" both mean 1.7% a year.
  assert.equal(await page.textContent('[data-path="demand.emergency_growth"] .unit'), '% a year');
  await setLever(page, 'demand-emergency-growth', '1.7%');
  await page.waitForFunction((s) => document.querySelector(s).value === '1.7', growth);
  assert.equal(await page.isHidden('#lever-demand-emergency-growth-error'), true);
  await setLever(page, 'demand-emergency-growth', 'lots');
  const notNumber = await page.textContent('#lever-demand-emergency-growth-error');
  await setLever(page, 'demand-emergency-growth', '90');
  const tooBig = await page.textContent('#lever-demand-emergency-growth-error');
  assert.equal(notNumber, tooBig);
  assert.match(tooBig, /^Growth in emergency demand per year must be a number from −10% to 20% a year/);
  assert.doesNotMatch(tooBig, /-/);
  // The date a lever holds reads as a month, not as "2009.67".
  await page.selectOption('#preset-select', 'strategic-plan');
  const more = '[data-group="dischargedelays"] .more';
  if ((await page.getAttribute(more, 'aria-expanded')) !== 'true') await page.click(more);
  const unit = await page.textContent('[data-path="discharge.step_down.added_ramp.start"] .unit');
  assert.equal(unit, 'from December 2009');
  await page.click('[data-path="discharge.step_down.added_ramp.start"] .info-button');
  assert.match(await page.textContent('#lever-discharge-step-down-added-ramp-start-info'), /baseline April 2009 \(2009\/10\)|baseline \w+ \d{4} \(\d{4}\/\d{2}\)/);
  // Care packages last days, and the label says days.
  assert.equal(await page.textContent('[data-path="discharge.care_packages.length_of_service"] .lever-label'), 'Care packages: days of care');
  assert.equal(await page.textContent('[data-path="discharge.care_packages.length_of_service"] .unit'), 'days');
  // The winter rise in stays: a fraction whose baseline reads as the percentage its source gives.
  const acute = '[data-group="acutebeds"] .more';
  if ((await page.getAttribute(acute, 'aria-expanded')) !== 'true') await page.click(acute);
  await page.click('[data-path="beds.winter_los_uplift"] .info-button');
  const info = await page.textContent('#lever-beds-winter-los-uplift-info');
  assert.match(info, /baseline 5%/);
  assert.match(info, /\+5%/);
  // The Strategic Plan does not claim care capacity its levers leave at 0.
  assert.doesNotMatch(await page.textContent('#preset-description'), /adds the care-package and care-home capacity/);
  clean(app);
  await context.close();
});

/** Page count of a PDF (each page object is "/Type /Page", the tree "/Type /Pages"). */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

test('item 11: the workshop pack prints on two A4 landscape pages as it says — results, then levers and sources — with charts a third of the page wide, each pin\'s levers, bands and risks', async () => {
  const app = await openApp(browser, server.url, { width: 1280, height: 720 });
  const { page, context } = app;
  await ready(page);
  // Two pins that differ by 30 care-package starts a week.
  await page.selectOption('#preset-select', 'strategic-plan');
  await setLever(page, 'discharge-care-packages-added-per-week', 30);
  await page.click('button:has-text("Pin the scenario on screen")');
  await page.waitForSelector('.pins li');
  await setLever(page, 'discharge-care-packages-added-per-week', 0);
  await page.click('button:has-text("Pin the scenario on screen")');
  await page.waitForSelector('.pins li:nth-child(2)');
  await replicationsDone(page);
  await page.click('button:has-text("Workshop pack")');
  await page.waitForSelector('.pack');
  assert.match(await page.textContent('.pack-toolbar'), /Two pages, A4 landscape/);
  await page.waitForFunction(() => [...document.querySelectorAll('.pack-chart img')].length === 5
    && [...document.querySelectorAll('.pack-chart img')].every((i) => i.complete && i.naturalWidth === 960));
  // Each chart carries its title and legend as text.
  assert.equal(await page.$$eval('.pack-chart figcaption', (f) => f.length), 5);
  assert.ok(await page.$$eval('[data-chart="beds"] .pack-legend li', (l) => l.length) >= 9);
  // The lever table has a column for each pin, and the pins' care-package starts differ.
  const head = await page.$$eval('table.pack-levers thead th', (t) => t.map((e) => e.textContent));
  assert.equal(head.length, 5, head.join(' | '));
  const row = await page.$$eval('table.pack-levers tbody tr', (rows) => rows
    .map((r) => [...r.children].map((c) => c.textContent))
    .find((r) => r[0] === 'Care packages: extra starts a week'));
  assert.ok(row, 'care-package row');
  assert.deepEqual(row.slice(3), ['30 starts a week', '0 starts a week']);
  // Bands and risks, once complete.
  assert.match(await page.textContent('.pack-meta'), /bands and risks from 100 replications/);
  assert.equal(await page.$$eval('table.pack-risks tbody tr', (r) => r.length), 5);
  assert.ok(await page.$$eval('[data-chart="beds"] .pack-legend li', (l) => l.some((e) => e.textContent === '10–90% of replications')));
  await screenshot(page, 'users-workshop-pack');
  // Printed, A4 landscape is 281 × 194 mm inside the 8-mm margins (1062 × 733 CSS px): page one
  // (header, charts, KPIs, risks) and page two (levers, sources) each fit one page.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1062, height: 733 });
  const m = await page.evaluate(() => {
    const r = (s) => document.querySelector(s).getBoundingClientRect();
    return { first: r('table.pack-risks').bottom - r('.pack-header').top, second: r('.pack-bottom').height,
      widths: [...document.querySelectorAll('.pack-chart img')].map((e) => e.getBoundingClientRect().width) };
  });
  assert.ok(m.first <= 733, `page one is ${m.first} px tall`);
  assert.ok(m.second <= 733, `page two is ${m.second} px tall`);
  // A third of the width: at least 85 mm (321 CSS px at 96 per inch).
  assert.ok(m.widths.every((w) => w >= 321), `chart widths ${m.widths}`);
  await page.screenshot({ path: path.join(shots, 'users-workshop-pack-print.png'), fullPage: true });
  const css = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync(path.join(shots, 'users-workshop-pack.pdf'), css);
  assert.equal(pdfPages(css), 2, `printed on ${pdfPages(css)} pages (CSS page size)`);
  const a4 = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  assert.equal(pdfPages(a4), 2, `printed on ${pdfPages(a4)} pages (A4 landscape)`);
  await page.emulateMedia({ media: 'screen' });
  await page.click('button:has-text("Back to the workbench")');
  await ready(page);
  clean(app);
  await context.close();
});

test('item 12: a tap reads out the chart, 24-px switches, live regions announce results, named lists and buttons (accessibility tree)', async () => {
  const { context, page, errors } = await openPhone();
  // Tap the beds chart: the read-out gives the date and values under the finger, and keeps them.
  const canvas = page.locator('canvas[data-chart-canvas="beds"]');
  await canvas.scrollIntoViewIfNeeded();
  const b = await canvas.boundingBox();
  await page.touchscreen.tap(b.x + b.width * 0.6, b.y + b.height * 0.5);
  await page.waitForFunction(() => /Occupied beds/.test(document.querySelector('[data-chart="beds"] .readout').textContent));
  await page.waitForTimeout(300);
  assert.match(await page.textContent('[data-chart="beds"] .readout'), /^\d+ \w{3} \d{4}: .*Occupied beds/);
  await page.locator('[data-chart="beds"]').screenshot({ path: path.join(shots, 'users-390-tap-readout.png') });

  // Every switch and checkbox, behind "More assumptions" too, is at least 24 × 24 CSS px.
  for (const group of await page.$$('.lever-group')) {
    await group.evaluate((d) => { d.open = true; });
  }
  for (const more of await page.$$('.lever-group .more[aria-expanded="false"]')) await more.click();
  const boxes = await page.$$eval('input[type=checkbox]', (cs) => cs.map((c) => {
    const r = c.getBoundingClientRect();
    return { id: c.id, w: r.width, h: r.height };
  }));
  assert.ok(boxes.some((c) => c.id === 'lever-demand-surge-enabled'), 'winter-crisis switch');
  for (const c of boxes) assert.ok(c.w >= 24 && c.h >= 24, `${c.id}: ${c.w}×${c.h}`);

  // The live regions: the result in words, and the replications' result when they are done.
  await page.waitForFunction(() => /Delayed transfers/.test(document.querySelector('#result-status')?.textContent ?? ''));
  assert.match(await page.textContent('#result-status'), /^Delayed transfers \d+(\.\d)?% of bed days in 2012\/13, 2% target (not )?met; mean occupancy of the base beds \d+(\.\d)?%\.$/);
  await replicationsDone(page);
  await page.waitForFunction(() => /runs done/.test(document.querySelector('#replications-status')?.textContent ?? ''));
  assert.match(await page.textContent('#replications-status'), /^100 runs done\. Chance delayed transfers meet the 2% target in 2012\/13: \d+(\.\d)?% \(95% CI .+\)\.$/);

  // On the accessibility tree: the status regions, the risk cards as a named list of five, five
  // "Show as table" buttons with five names.
  const statuses = page.getByRole('status');
  const texts = await statuses.allTextContents();
  assert.ok(texts.some((t) => /^Delayed transfers/.test(t)), texts.join(' | '));
  assert.ok(texts.some((t) => /^100 runs done/.test(t)), texts.join(' | '));
  const risks = page.getByRole('list', { name: /^Risks in 2012\/13/ });
  assert.equal(await risks.count(), 1);
  assert.equal(await risks.getByRole('listitem').count(), 5);
  const snap = await page.locator('section.uncertainty').ariaSnapshot();
  assert.match(snap, /- list "Risks in 2012\/13 from the replications"/);
  assert.match(snap, /- listitem "Chance delayed transfers meet the 2% target in 2012\/13"/);
  assert.match(snap, /- status: "?100 runs done\. Chance delayed transfers meet the 2% target/);
  const tables = page.getByRole('button', { name: /^Show as table/ });
  assert.equal(await tables.count(), 5);
  const names = await tables.evaluateAll((bs) => bs.map((e) => e.getAttribute('aria-label')));
  assert.equal(new Set(names).size, 5, names.join(' | '));
  assert.ok(names.includes('Show as table: the acute beds chart'), names.join(' | '));
  // Each chart is a region named by its finding, its canvas an image with a text alternative.
  for (const id of ['beds', 'delays']) {
    const s = await page.locator(`[data-chart="${id}"]`).ariaSnapshot();
    assert.match(s, /^- '?region "[^"]{20,}"/);
    assert.match(s, /- '?img "[^"]{40,}"/);
  }
  assert.deepEqual(await seriousAxe(page), []);
  // A lever move is announced once it settles, with the new figures.
  const before = await page.textContent('#result-status');
  await setLever(page, 'demand-emergency-growth', '5%');
  await page.waitForFunction((t) => document.querySelector('#result-status').textContent !== t, before, { timeout: 10_000 });
  assert.match(await page.textContent('#result-status'), /^Delayed transfers \d+(\.\d)?% of bed days in 2012\/13/);
  assert.deepEqual(errors, []);
  await context.close();
});
