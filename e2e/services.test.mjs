// Care closer to home, service by service: the "Community services" view shows each service of the
// catalogue filling its places (a full one turning people away), the admissions each avoided and
// cards for the headline services; and the three belief presets (plan as written, evidence-weighted,
// pessimistic) pinned side by side on the admissions chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, ready, shots, runAxe } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function shot(locator, name) {
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await locator.screenshot({ path: file });
  return file;
}

async function saveAndPin(page, name) {
  if (!(await page.$eval('details.library', (d) => d.open))) await page.click('details.library summary');
  await page.fill('#save-name', name);
  await page.click('button:has-text("Save in this browser")');
  await page.waitForFunction((n) => document.querySelector('.library-status')?.textContent.includes(n), name);
  await page.locator(`li.saved[data-name="${name}"]`).locator('button:has-text("Pin to compare")').click();
  await page.waitForFunction((n) => [...document.querySelectorAll('.pins li')].some((l) => l.textContent.includes(n)), name);
}

test('the community services view: caseload against places, turned away, avoided by service', async () => {
  const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1400, height: 900 });
  await ready(page);
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'strategic-plan');
  await page.click('#open-services');
  assert.equal(await page.getAttribute('#open-services', 'aria-expanded'), 'true');
  await page.waitForSelector('#services-view .chart-panel canvas');
  await page.waitForFunction(() => document.querySelectorAll('#services-view .chart-panel').length === 3);
  const titles = await page.$$eval('#services-view .chart-panel', (ps) => ps.map((p) => p.textContent));
  assert.ok(titles[0].includes('Community rehabilitation teams') && titles[0].includes('turning away'), titles[0]);
  assert.ok(titles[1].includes('admissions avoided'), titles[1]);
  // A&E and the urgent care centre, with the four-hour standard read in the title.
  assert.match(titles[2], /In 2012\/13: \d+(\.\d)?% of A&E attendances within four hours, meeting the 95% standard/);
  // Cards for the three headline services.
  assert.equal(await page.$$eval('#services-view .kpi-card, #services-view [class*="kpi"] article', (c) => c.length) >= 3, true);
  const cardText = await page.textContent('#services-view .services-kpis');
  for (const n of ['Birmingham OwnHealth', 'Community matrons', 'Community rehabilitation']) assert.ok(cardText.includes(n), cardText);
  // The view's levers: switching OwnHealth off takes it off the chart.
  const problems = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`);
  assert.deepEqual(problems, []);
  await page.locator('#services-view').scrollIntoViewIfNeeded();
  await shot(page.locator('#services-view'), 'services-view');
  // Keyboard: the toggle closes the view again.
  await page.focus('#open-services');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#services-view'));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('the three belief presets compared (pinned) on admissions', async () => {
  const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1400, height: 900 });
  await ready(page);
  const ids = await page.$$eval('#preset-select option', (os) => os.map((o) => o.value));
  for (const id of ['strategic-plan', 'evidence-weighted', 'pessimistic']) assert.ok(ids.includes(id), ids.join());
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'strategic-plan');
  await saveAndPin(page, 'Plan as written');
  await page.selectOption('#preset-select', 'evidence-weighted');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'evidence-weighted');
  await saveAndPin(page, 'Evidence-weighted');
  await page.selectOption('#preset-select', 'pessimistic');
  await page.waitForFunction(() => document.querySelector('#preset-select').value === 'pessimistic');
  const chart = page.locator('[data-chart="admissions"]');
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('[data-chart="admissions"] .legend li')].map((e) => e.textContent);
    return names.some((n) => n.startsWith('Plan as written: ')) && names.some((n) => n.startsWith('Evidence-weighted: '));
  });
  const title = await chart.textContent();
  assert.ok(/admissions avoided in 2012\/13/.test(title) || title.includes('admissions avoided'), title);
  await chart.scrollIntoViewIfNeeded();
  await shot(chart, 'services-beliefs-admissions');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
