// The app shell renders, draws its chart, makes no foreign requests and logs no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, screenshot, inkedPixels } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('shell renders with a drawn chart, no console errors, no foreign requests', async () => {
  const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1280, height: 720 }, 2);
  await page.waitForSelector('canvas', { timeout: 20_000 });
  assert.equal(await page.title(), 'Careflow');
  for (const sel of ['header', 'aside', 'main', 'footer']) {
    assert.ok(await page.$(sel), `${sel} missing`);
  }
  assert.match(await page.textContent('footer'), /Methods & sources/);
  // The canvas backing store is CSS size × devicePixelRatio (2 here), so the chart is crisp.
  const { cssW, w } = await page.$eval('canvas', (c) => ({ cssW: c.getBoundingClientRect().width, w: c.width }));
  assert.ok(Math.abs(w - 2 * cssW) <= 2, `canvas ${w}px for ${cssW} CSS px at dpr 2`);
  assert.ok(await inkedPixels(page) > 5_000, 'chart canvas is blank');
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /default-src 'self'/);
  await screenshot(page, 'shell-1280x720');
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
  await context.close();
});

test('a panic shows a readable error panel, not a blank page', async () => {
  const { page, context } = await openApp(browser, `${server.url}?debug-panic=1`);
  await page.waitForSelector('#panic:not([hidden])', { timeout: 20_000 });
  assert.match(await page.textContent('#panic'), /Something went wrong/);
  assert.match(await page.textContent('#panic-message'), /debug-panic/);
  await context.close();
});

test('Methods & sources lists every assumption with its provenance, without touching the URL', async () => {
  const { page, context, errors } = await openApp(browser, server.url);
  await page.waitForSelector('footer button', { timeout: 20_000 });
  // The opened state's own link lands in the URL a moment after the page opens; read it after.
  await page.waitForFunction(() => location.hash.startsWith('#v=1'));
  const before = page.url();
  await page.click('footer button:has-text("Methods & sources")');
  await page.waitForSelector('#methods', { timeout: 5_000 });
  await page.click('#methods details summary');
  const rows = await page.$$eval('#methods tbody tr', (trs) => trs.length);
  assert.ok(rows >= 5, `only ${rows} assumption rows in the first group`);
  const kinds = await page.$$eval('#methods .methods-group tbody td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.ok(kinds.every((k) => ['seed', 'external', 'derived', 'assumption'].includes(k)), kinds.join(','));
  // Each source document by its short title, with its compact name and source file.
  assert.match(await page.textContent('#methods'), /Strategic Plan 2009-12 \(“Plan” for short; source file 001\)/);
  assert.equal(page.url(), before, 'opening the panel changed the URL');
  await page.click('#methods .methods-close');
  assert.equal(await page.$('#methods'), null);
  assert.deepEqual(errors, []);
  await context.close();
});
