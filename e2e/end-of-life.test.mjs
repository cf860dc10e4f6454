// End of life as a cohort, as a palliative-care clinician would read it: the place-of-death chart's
// title and its KPI card tell where people die in the year read and how far that is from the plan's
// 70% aim; the chart's text alternative and table carry every place; and more hospice beds take
// deaths from hospital, which the title, the card and the table all follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, ready, shots, inkedPixels } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TITLE = /^(\d+)% of deaths are at home or in a care home in 2012\/13, (short of|on track for) the 70% aim$/;
const title = (page) => page.textContent('[data-chart="deaths"] .chart-title');

/** The deaths table's row for `year` as numbers: deaths, then the shares (%) by place. */
async function row(page, year) {
  const rows = await page.$$eval('[data-chart="deaths"] tbody tr', (trs) => trs.map((tr) =>
    [...tr.children].map((c) => c.textContent)));
  const r = rows.find((cells) => cells[0] === year);
  assert.ok(r, `no ${year} row in ${JSON.stringify(rows)}`);
  const n = (s) => Number(s.replace(/[,%]/g, ''));
  return {
    rows: rows.length,
    deaths: n(r[1]), home: n(r[2]), careHome: n(r[3]), hospice: n(r[4]), elsewhere: n(r[5]),
    hospital: n(r[6]), homeOrCareHome: n(r[7]), doNothing: n(r[8]),
  };
}

test('place of death under the plan: title, card, text alternative and table agree; more hospice beds take deaths from hospital', async () => {
  const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1400, height: 900 });
  await ready(page);
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'strategic-plan');
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-chart="deaths"] .chart-title')?.textContent ?? ''), TITLE.source);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(await inkedPixels(page, 'canvas[data-chart-canvas="deaths"]') > 3_000, 'place-of-death chart blank');

  // The title's share and verdict, and the card's, are one reading of the same year.
  const [, pct, verdict] = (await title(page)).match(TITLE);
  assert.equal(verdict, Number(pct) >= 70 ? 'on track for' : 'short of');
  const card = '[data-kpi="home-deaths"]';
  const cardValue = Number((await page.textContent(`${card} .kpi-value`)).replace('%', ''));
  assert.ok(Math.abs(cardValue - Number(pct)) <= 0.5, `card ${cardValue}% against title ${pct}%`);
  const target = await page.textContent(`${card} .kpi-target`);
  assert.match(target, Number(pct) >= 70 ? /— met$/ : /points below.*— not met$/);

  // The text alternative names every place and the targets it is read against.
  const label = await page.getAttribute('canvas[data-chart-canvas="deaths"]', 'aria-label');
  assert.match(label, /Stacked bar chart of where people die/);
  assert.match(label, /die in hospital/);
  assert.match(label, /in a hospice/);
  assert.match(label, /Deaths at home: \d+\.\d%/);
  assert.match(label, /Deaths in hospital: \d+\.\d%/);

  fs.mkdirSync(shots, { recursive: true });
  await page.locator('[data-chart="deaths"]').screenshot({ path: path.join(shots, 'place-of-death-plan.png') });

  // The table: a row a year, shares adding to 100%, home + care home as the title says.
  await page.click('[data-chart="deaths"] .table-toggle');
  const before = await row(page, '2012/13');
  assert.equal(before.rows, 6);
  const sum = before.home + before.careHome + before.hospice + before.elsewhere + before.hospital;
  assert.ok(Math.abs(sum - 100) < 0.3, `shares add to ${sum}%`);
  assert.ok(Math.abs(before.homeOrCareHome - Number(pct)) <= 0.5);
  // The plan moves deaths out of hospital against doing nothing.
  assert.ok(before.homeOrCareHome > before.doNothing, `plan ${before.homeOrCareHome}% against do nothing ${before.doNothing}%`);

  // More hospice beds: hospice deaths rise and hospital deaths fall; the title and card follow.
  const number = '#lever-end-of-life-hospice-beds-number';
  // The lever's group is folded away until opened, as a user would.
  const group = page.locator('details.lever-group', { has: page.locator(number) });
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  const bedsBefore = Number(await page.inputValue(number));
  await page.fill(number, String(bedsBefore + 60));
  await page.press(number, 'Enter');
  await page.waitForFunction(([sel, h]) => {
    const r = [...document.querySelectorAll(`${sel} tbody tr`)].find((tr) => tr.children[0].textContent === '2012/13');
    return r && r.children[4].textContent !== h;
  }, ['[data-chart="deaths"]', `${before.hospice.toFixed(1)}%`]);
  const after = await row(page, '2012/13');
  assert.ok(after.hospice > before.hospice + 1, `hospice ${before.hospice}% → ${after.hospice}%`);
  assert.ok(after.hospital < before.hospital, `hospital ${before.hospital}% → ${after.hospital}%`);
  assert.ok(Math.abs(after.deaths - before.deaths) / before.deaths < 0.01, 'deaths do not depend on hospice beds');
  assert.equal(after.doNothing, before.doNothing);
  await page.click('[data-chart="deaths"] .table-toggle');
  await page.locator('[data-chart="deaths"]').screenshot({ path: path.join(shots, 'place-of-death-plan-more-hospice-beds.png') });
  console.log(JSON.stringify({ before, after, title: await title(page), card: await page.textContent(card) }, null, 1));

  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
