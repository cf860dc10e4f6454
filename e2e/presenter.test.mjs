// Presenter mode: the console (?console) drives the audience view (?present) in a second page of
// the same browser through a BroadcastChannel; a question hides the result (not rendered at all)
// until the reveal; the audience view fits 1280×720 and 1920×1080 with the lever group and the
// chart on screen; the room's share links become a summary; the workshop pack has the predictions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, screenshot, runAxe } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A second page in `context`, recording console errors and requests outside the origin. */
async function secondPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, foreign };
}

/** Opens the console, then the audience in the same context, and waits until they are linked. */
async function session(viewport = { width: 1280, height: 720 }) {
  const consoleSide = await openApp(browser, `${server.url}?console`, { width: 1280, height: 900 });
  await consoleSide.page.waitForSelector('#step-heading', { timeout: 30_000 });
  const audience = await secondPage(consoleSide.context, `${server.url}?present`);
  await audience.page.setViewportSize(viewport);
  await audience.page.waitForSelector('.audience', { timeout: 30_000 });
  await consoleSide.page.waitForFunction(() => /connected/.test(document.querySelector('#link-status').textContent), null, { timeout: 20_000 });
  return { con: consoleSide.page, aud: audience.page, context: consoleSide.context, all: [consoleSide, audience] };
}

/** Presses a key on the console with the focus on the page, not in a field. */
async function press(con, key) {
  await con.focus('#step-heading').catch(() => {});
  await con.evaluate(() => { if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur(); });
  await con.keyboard.press(key);
}

const atStep = (aud, i) => aud.waitForSelector(`.audience[data-step="${i}"]`, { timeout: 20_000 });
const leverValue = (aud, id) => aud.$eval(`#${id}-number`, (e) => e.value);

test('the console drives the audience: steps, predict then reveal, replay, hide levers', async () => {
  const { con, aud, context, all } = await session();
  await atStep(aud, 0);
  assert.match(await aud.textContent('.aud-title'), /doing nothing/);
  await aud.waitForSelector('.chart-panel canvas');

  // → next: a question step, its result masked and absent from the page.
  await press(con, 'ArrowRight');
  await atStep(aud, 1);
  await aud.waitForSelector('.audience[data-masked="true"] .aud-mask');
  assert.equal(await aud.$('.aud-result .chart-panel'), null, 'the chart is rendered while masked');
  assert.equal(await aud.$('.aud-result .kpi'), null, 'the key figures are rendered while masked');
  assert.match(await aud.textContent('.aud-question'), /How full will the base beds be/);
  const maskedText = await aud.evaluate(() => document.body.innerHTML);

  // The room's guesses appear on the audience screen before the result.
  await con.fill('#guesses', '96, 101 108');
  await aud.waitForFunction(() => /3 guesses/.test(document.querySelector('.aud-guesses')?.textContent ?? ''), null, { timeout: 10_000 });
  await screenshot(aud, 'presenter-audience-masked-1280');

  // R reveals: the chart and the key figures, the guesses beside the model's answer.
  await press(con, 'r');
  await aud.waitForSelector('.audience:not([data-masked]) .aud-result .chart-panel canvas', { timeout: 10_000 });
  const answer = await aud.$eval('.aud-verdict', (e) => e.dataset.answer);
  assert.match(answer, /^\d+\.\d%$/);
  assert.ok(!maskedText.includes(answer), `the answer ${answer} was in the page before the reveal`);
  const verdict = await aud.textContent('.aud-verdict');
  assert.match(verdict, /The room guessed: 3 guesses: lowest 96\.0%, median 101\.0%, highest 108\.0%/);
  assert.match(verdict, new RegExp(`The model: ${answer.replace('.', '\\.')}`));
  assert.equal(await con.textContent('#model-answer'), `The model: ${answer}`);
  await screenshot(aud, 'presenter-audience-1280');

  // Space next (the Strategic Plan), → again (two wards close): the lever follows; ← goes back.
  await press(con, ' ');
  await atStep(aud, 2);
  await press(con, 'ArrowRight');
  await atStep(aud, 3);
  assert.equal(await leverValue(aud, 'lever-beds-base'), '1394');
  assert.match(await aud.textContent('.aud-changes'), /1,450 .*→ 1,394/);
  await press(con, 'ArrowLeft');
  await atStep(aud, 2);
  assert.match(await aud.textContent('.aud-title'), /Strategic Plan/);

  // Discharge to assess (no question): P replays the change, before then after.
  for (const i of [3, 4, 5]) { await press(con, 'ArrowRight'); await atStep(aud, i); }
  assert.equal(await aud.$('.audience[data-masked]'), null);
  assert.equal(await leverValue(aud, 'lever-discharge-discharge-to-assess-share'), '50');
  await press(con, 'p');
  // Checked in one look while the replay is on screen (it lasts 2.5 s).
  await aud.waitForFunction(() => document.querySelector('.audience[data-replaying="true"]')
    && document.querySelector('#lever-discharge-discharge-to-assess-share-number').value === '0', null, { timeout: 10_000 });
  await aud.waitForSelector('.audience:not([data-replaying])', { timeout: 10_000 });
  assert.equal(await leverValue(aud, 'lever-discharge-discharge-to-assess-share'), '50');

  // Levers and assumptions hide and show from the console.
  await con.click('#show-assumptions');
  await aud.waitForSelector('.aud-assumptions', { state: 'detached', timeout: 10_000 });
  await con.click('#show-levers');
  await aud.waitForSelector('.aud-levers', { state: 'detached', timeout: 10_000 });
  await con.click('#show-levers');
  await con.click('#show-assumptions');
  await aud.waitForSelector('.aud-levers .aud-assumptions', { timeout: 10_000 });

  // An audience window opened late catches up at once.
  const late = await secondPage(context, `${server.url}?present`);
  await atStep(late.page, 5);
  await late.page.close();

  assert.match(await con.textContent('#timer'), /^00:00 of 30:00$/);
  await con.click('#timer-toggle');
  assert.equal(await con.textContent('#timer-toggle'), 'Pause');
  await screenshot(con, 'presenter-console');

  for (const [name, page] of [['console', con], ['audience', aud]]) {
    const violations = await runAxe(page);
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `axe on the ${name}`);
  }
  for (const side of all) {
    assert.deepEqual(side.errors, [], `console errors: ${side.errors.join('\n')}`);
    assert.deepEqual(side.foreign, [], `requests outside the origin: ${side.foreign.join('\n')}`);
  }
  await context.close();
});

test('the audience view fits 1280×720 and 1920×1080 at every step, in type of at least 24 px', async () => {
  const { con, aud, context } = await session();
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    await aud.setViewportSize(viewport);
    for (let i = 0; i < 8; i++) {
      await con.click(`.console-steps li:nth-child(${i + 1}) button`);
      await atStep(aud, i);
      if (await aud.$('.audience[data-masked]')) {
        await press(con, 'r');
        await aud.waitForSelector('.audience:not([data-masked])', { timeout: 10_000 });
      }
      await aud.waitForSelector('.aud-result .chart-panel canvas', { timeout: 10_000 });
      const fit = await aud.evaluate(() => {
        const box = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { top: r.top, left: r.left, bottom: r.bottom, right: r.right }; };
        const sizes = [...document.querySelectorAll('.aud-kicker, .aud-title, .aud-question, .lever-label, .aud-changes li, .aud-verdict p, .chart-title, .aud-assumptions summary')]
          .map((e) => parseFloat(getComputedStyle(e).fontSize));
        return {
          w: innerWidth, h: innerHeight, levers: box('.aud-levers .lever-group'), chart: box('.aud-result .chart-panel'),
          scroll: document.scrollingElement.scrollHeight, smallest: Math.min(...sizes),
          canvas: document.querySelector('.aud-result canvas').getBoundingClientRect().height,
        };
      });
      const where = `${viewport.width}×${viewport.height}, step ${i + 1}`;
      for (const [name, r] of [['lever group', fit.levers], ['chart', fit.chart]]) {
        assert.ok(r.top >= 0 && r.left >= 0 && r.bottom <= fit.h + 0.5 && r.right <= fit.w + 0.5, `${where}: the ${name} is off screen ${JSON.stringify(r)}`);
      }
      assert.ok(fit.scroll <= fit.h + 1, `${where}: the page scrolls (${fit.scroll} > ${fit.h})`);
      assert.ok(fit.smallest >= 24, `${where}: type of ${fit.smallest}px`);
      assert.ok(fit.canvas >= 150, `${where}: the chart is ${fit.canvas}px high`);
    }
  }
  await screenshot(aud, 'presenter-audience-1920');
  await context.close();
});

test("the room's share links become a summary; bad lines are named; the pack has the predictions", async () => {
  // Two links made by the workbench itself: do nothing with two wards closed, and the Strategic Plan.
  const work = await openApp(browser, server.url);
  await work.page.waitForSelector('.chart-panel canvas', { timeout: 30_000 });
  await work.page.fill('#lever-beds-base-number', '1394');
  await work.page.press('#lever-beds-base-number', 'Tab');
  await work.page.waitForFunction(() => location.hash.includes('beds.base'), null, { timeout: 10_000 });
  const closed = work.page.url();
  await work.page.selectOption('#preset-select', 'strategic-plan');
  await work.page.waitForFunction(() => location.hash.includes('preset=strategic-plan'), null, { timeout: 10_000 });
  const plan = work.page.url();
  const code = plan.split('#')[1];

  // "Present" opens the audience window and turns this page into the console.
  const popup = work.context.waitForEvent('page');
  await work.page.click('#present');
  const audience = await popup;
  await audience.waitForSelector('.audience', { timeout: 30_000 });
  await work.page.waitForSelector('#step-heading', { timeout: 30_000 });
  assert.match(work.page.url(), /\?console#v=1/);
  const con = work.page;
  // The audience opened first; it greets again once the console's session reaches it.
  await con.waitForFunction(() => /connected/.test(document.querySelector('#link-status').textContent), null, { timeout: 20_000 });

  await con.fill('#room-links', `${closed}\nnot a link at all\n${code}\n${plan.replace(/c=[0-9a-f]+$/, 'c=00000000')}\n`);
  await con.click('#summarise');
  await con.waitForSelector('#room-summary .room-spread', { timeout: 20_000 });
  const problems = await con.$$eval('#room-summary .lever-error', (ps) => ps.map((p) => p.textContent));
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /^Line 2 is not a Careflow scenario link/);
  assert.match(problems[1], /^Line 4 was left out: the link was changed or cut short/);
  const beds = await con.$$eval('#room-summary .room-spread tbody tr', (trs) => trs.map((t) => t.textContent).find((t) => t.startsWith('Acute beds at the start')));
  assert.match(beds, /1,394.*1,422.*1,450/, beds);
  assert.equal(await con.$$eval('#room-summary .room-outcomes tbody tr', (trs) => trs.length), 2);
  assert.equal(await con.$$eval('#room-summary .dot-strip svg circle', (cs) => cs.length), 8);
  await screenshot(con, 'presenter-console-room');

  // Guesses for the first question, then the pack records them beside the model's answer.
  await con.click('.console-steps li:nth-child(2) button');
  await con.fill('#guesses', '95 99');
  await con.click('.console-steps li:nth-child(5) button');
  await con.fill('#hands-0', '4');
  await con.fill('#hands-1', '7');
  await con.click('#open-pack');
  await con.waitForSelector('.pack .pack-predictions', { timeout: 30_000 });
  const rows = await con.$$eval('.pack-predictions tbody tr', (trs) => trs.map((t) => [...t.children].map((c) => c.textContent)));
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.match(rows[0][0], /How full will the base beds be/);
  assert.match(rows[0][1], /2 guesses: lowest 95\.0%, median 97\.0%, highest 99\.0%/);
  assert.match(rows[0][2], /^\d+\.\d%$/);
  assert.match(rows[1][1], /Under 2% \(target met\): 4 hands · 2% to 3%: 7 hands · Over 3%: 0 hands/);
  const violations = await runAxe(con);
  assert.deepEqual(violations.map((v) => v.id), [], 'axe on the pack');
  await con.click('.pack-toolbar button');
  await con.waitForSelector('#step-heading');
  assert.deepEqual(work.errors, [], work.errors.join('\n'));
  assert.deepEqual(work.foreign, [], work.foreign.join('\n'));
  await work.context.close();
});
