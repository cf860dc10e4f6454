// Shared end-to-end harness: serves dist/ from loopback with a tiny static server, launches Debian's
// headless Chromium through playwright-core (no browser download), and records console errors, page
// errors and every request that leaves the page's own origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');
// The built app (`CAREFLOW_DIST` points the benchmarks at another build, for side-by-side runs).
export const dist = process.env.CAREFLOW_DIST ?? path.join(root, 'dist');
export const shots = path.join(root, 'target', 'e2e');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain', '.webmanifest': 'application/manifest+json',
};

/** Serves `dir` on 127.0.0.1 at a free port. Resolves to { url, close }. */
export function serve(dir = dist) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Launches headless Chromium (Debian's) and returns the browser. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * Opens `url` in a new page of `browser` with the given viewport and records problems:
 * `errors` (console errors and uncaught page errors) and `foreign` (requests to other origins).
 */
export async function openApp(browser, url, viewport = { width: 1280, height: 720 }, scale = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
  return { ...(await openPage(context, url)), context };
}

/** Opens `url` in a new page of `context` (a second window of the same browser session), recording
 * `errors` and `foreign` requests as `openApp` does. */
export async function openPage(context, url) {
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

/** Waits until the app has drawn its first chart canvas. */
export const ready = (page) => page.waitForSelector('.chart-panel canvas', { timeout: 30_000 });

/** Saves a full-page screenshot under target/e2e/NAME.png and returns its path. */
export async function screenshot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Count of non-white pixels in the first canvas matching `selector` (proves something was drawn). */
export async function inkedPixels(page, selector = 'canvas') {
  return page.$eval(selector, (c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) n++;
    return n;
  });
}

/**
 * Runs axe-core (from e2e/node_modules) in the page and returns its violations. The page's CSP allows
 * only its own scripts (a script tag would be blocked and logged as a console error), so the source is
 * evaluated through the DevTools protocol, which CSP does not govern.
 */
export async function runAxe(page, options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }) {
  const axePath = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');
  const has = () => page.evaluate(() => typeof window.axe !== 'undefined');
  if (!(await has())) await page.evaluate(fs.readFileSync(axePath, 'utf8'));
  const result = await page.evaluate((opts) => window.axe.run(document, opts), options);
  return result.violations;
}

/** Sets the uncertainty panel's replications and/or seed; retried, since a click or a fill can land
 * while the page re-renders under load. */
/** The uncertainty panel's data attributes (batch, done, finished, startedMs, …). */
export const uncertaintyInfo = (page) => page.$eval('.uncertainty', (e) => ({ ...e.dataset }));

/**
 * Waits for a batch after `batch` whose data attribute `key` ('finished', 'bands') is 'true'
 * (a function with arguments: the CSP forbids eval'd predicates). Polls every `polling` ms.
 */
export const waitForBatch = (page, key, batch, polling = 200) => page.waitForFunction(
  ([b, key]) => { const d = document.querySelector('.uncertainty').dataset; return Number(d.batch) > b && d[key] === 'true'; },
  [batch, key], { timeout: 120_000, polling });

export async function uncertaintySettings(page, { replications, seed }) {
  // Retried: a click or a fill can land while the page re-renders under load.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await page.$eval('.unc-settings', (d) => d.open))) await page.click('.unc-settings summary');
    if (replications !== undefined) { await page.fill('#unc-replications', String(replications)); await page.press('#unc-replications', 'Tab'); }
    if (seed !== undefined) { await page.fill('#unc-seed', String(seed)); await page.press('#unc-seed', 'Tab'); }
    const summary = await page.textContent('.unc-settings summary');
    if ((replications === undefined || summary.includes(`Replications: ${replications} `))
      && (seed === undefined || summary.endsWith(`seed ${seed}`))) return;
    await page.waitForTimeout(200);
  }
  throw new Error('settings not applied');
}
