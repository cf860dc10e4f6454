// The guided story (?story) on a 390×844 phone, by keyboard only: every step's answer is absent
// from the page until "Show me", then shown beside the guess and announced; focus moves to the
// step heading on Next and Back; a source marker opens its Methods & sources entry; the guesses
// link reopens the story with the guesses against the model; the workbench link opens the
// workbench with the story's levers. axe on a step and the closing screen, no sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, screenshot, runAxe } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { width: 390, height: 844 };
// Per step: keys to move the lever, then the guess (typed, or an option by arrow keys).
const PLAN = [
  { lever: ['ArrowRight', 'ArrowRight'], type: '85' },
  { lever: ['ArrowLeft'], option: 2 },
  { lever: ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight'], type: '1500' },
  { lever: ['ArrowRight', 'ArrowRight'], type: '2.5' },
  { lever: ['ArrowRight', 'ArrowRight', 'ArrowRight'], type: '50' },
  { lever: ['ArrowRight', 'ArrowRight'], type: '5' },
];

const serious = (v) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
const mainText = (page) => page.textContent('#story-main');

/** Presses Tab (or Shift+Tab) until the element matching `selector` has focus (keyboard only). */
async function tabTo(page, selector, key = 'Tab') {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('the story by keyboard at 390 px: predict, reveal, sources, guesses link, workbench', async () => {
  const { page, context, errors, foreign } = await openApp(browser, `${server.url}?story`, PHONE);
  await page.waitForSelector('#story-heading', { timeout: 30_000 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.match(await page.textContent('#story-heading'), /How full is the hospital/);
  // Tap targets of the story's own controls are at least 44 px high.
  const small = await page.$$eval('.story button, .story input[type=range], .story-option, .story-guess-row input',
    (els) => els.map((e) => [e.className || e.id, e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
  assert.deepEqual(small, [], 'controls under 44 px');

  for (const [i, step] of PLAN.entries()) {
    assert.match(await page.textContent('.story-count'), new RegExp(`Step ${i + 1} of 6`));
    // Before the reveal the model's answer is nowhere in the page.
    assert.equal(await page.$('.story-reveal'), null, `step ${i + 1}: reveal before Show me`);
    assert.equal(await page.$('.story-answer'), null);
    assert.doesNotMatch(await mainText(page), /The model's answer|The model says/);
    assert.equal(await page.textContent('#story-status'), '');

    await tabTo(page, '#story-lever');
    const before = await page.$eval('#story-lever', (e) => e.value);
    for (const key of step.lever) await page.keyboard.press(key);
    await page.waitForFunction((b) => document.querySelector('#story-lever').value !== b, before);
    // Still hidden after the lever moved.
    assert.equal(await page.$('.story-reveal'), null);

    if (step.type) {
      await tabTo(page, '#story-guess');
      await page.keyboard.type(step.type);
    } else {
      await tabTo(page, 'input[name=story-choice]');
      await page.keyboard.press('Space');
      for (let k = 0; k < step.option; k++) await page.keyboard.press('ArrowDown');
      await page.waitForFunction((k) => document.querySelector(`#story-option-${k}`).checked, step.option);
    }
    await tabTo(page, '.story-show');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.story-reveal .story-answer');
    const answer = (await page.textContent('.story-reveal .story-answer')).trim();
    assert.ok(answer.length > 0);
    assert.ok((await page.textContent('.story-reveal .story-your-guess')).trim().length > 0);
    assert.ok((await page.textContent('.story-meaning')).length > 40, 'a sentence of meaning');
    await page.waitForFunction((a) => document.querySelector('#story-status').textContent.includes(a), answer);
    assert.ok(await page.$('.story-reveal canvas'), 'the step chart is drawn');
    assert.ok(await overflow(page) <= 0, `step ${i + 1}: sideways scroll`);
    if (i === 0) {
      await page.waitForFunction(() => {
        const c = document.querySelector('.story-reveal canvas');
        return c && c.width > 0;
      });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'story-390');
      assert.deepEqual(serious(await runAxe(page)), [], 'axe on a revealed step');
      // A source marker opens its Methods & sources entry and takes focus there; Close comes back.
      await tabTo(page, '.story-claim .source-marker');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#methods');
      assert.equal(await focusedId(page), 'methods-source-001');
      await tabTo(page, '.methods-close', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('#methods'));
      assert.equal(await focusedId(page), 'story-heading');
    }
    if (i === 1) {
      // Back, then Next: focus on the heading each time, the revealed guess kept.
      await tabTo(page, '.story-back');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'story-heading'
        && document.querySelector('.story-count').textContent.includes('Step 1'));
      assert.ok(await page.$('.story-reveal'), 'step 1 stays revealed');
      await tabTo(page, '.story-next');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.story-count')?.textContent.includes('Step 2'));
    }
    if (i === 5) {
      // The lever's row in Methods & sources: its group opened, the row focused.
      await tabTo(page, '.story-meaning .source-marker');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#methods');
      assert.equal(await focusedId(page), 'methods-row-money-bed-fixed-share');
      assert.ok(await page.$eval('#methods-row-money-bed-fixed-share', (r) => r.closest('details').open));
      await tabTo(page, '.methods-close', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('#methods'));
    }
    await tabTo(page, '.story-next');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'story-heading');
  }

  // The closing screen: guesses against the model.
  assert.match(await page.textContent('#story-heading'), /Your guesses against the model/);
  const rows = await page.$$eval('.story-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 6);
  assert.equal(rows[0][2], '85%');
  assert.equal(rows[1][2], 'One to four months: 45 to 120 days');
  assert.ok(rows.every((r) => r[3].length > 0));
  assert.ok(await overflow(page) <= 0, 'closing screen: sideways scroll');
  assert.deepEqual(serious(await runAxe(page)), [], 'axe on the closing screen');
  await screenshot(page, 'story-390-closing');
  const share = await page.getAttribute('#story-share', 'href');
  assert.match(share, /\?story&step=7&beds=1500&beds\.guess=85&busy=1\.6&busy\.guess=2/);
  const workbench = await page.getAttribute('#story-workbench', 'href');
  assert.match(workbench, /#v=1&preset=do-nothing&seed=\d+&.*beds\.base=1500/);
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, []);

  // The guesses link, opened afresh, shows the same guesses against the same answers.
  const again = await openApp(browser, share, PHONE);
  await again.page.waitForSelector('.story-table tbody tr');
  const rows2 = await again.page.$$eval('.story-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows2, rows);
  // Back from the closing screen: the last step shows revealed with its guess.
  await again.page.click('.story-back');
  await again.page.waitForSelector('.story-reveal .story-answer');
  assert.equal(await again.page.$eval('#story-guess', (e) => e.value), '5');
  await again.context.close();

  // The workbench link opens the workbench with the story's scenario.
  await tabTo(page, '#story-workbench');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.chart-panel canvas', { timeout: 30_000 });
  assert.equal(await page.$eval('#lever-beds-base', (e) => e.value), '1500');
  assert.match(page.url(), /#v=1&/);
  assert.ok(await page.$('#modified-flag'), 'the workbench shows the levers changed');
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  await context.close();
});

test('the workbench header has a Story entry, and the story is fine at 1280×720', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { width: 1280, height: 720 });
  await page.waitForSelector('.story-entry', { timeout: 30_000 });
  await page.click('.story-entry');
  await page.waitForSelector('#story-heading', { timeout: 30_000 });
  assert.ok(await overflow(page) <= 0);
  assert.deepEqual(serious(await runAxe(page)), [], 'axe on the first step');
  await screenshot(page, 'story-1280x720');
  assert.deepEqual(errors, []);
  await context.close();
});
