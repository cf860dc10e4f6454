// Installable and offline: after one visit the service worker (dist/sw.js, written at build time by
// scripts/service_worker.py) holds every built file, so with the network off a reload opens the app,
// draws its charts, follows a lever and runs the replication workers; a second build waits and is
// offered with a banner that reloads only when clicked. Screenshots in target/e2e/: offline.png
// (the app opened offline, full page), offline-beds.png (the screen at the beds chart with its
// bands) and offline-update.png (the offer of a newer build, as the screen shows it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  root, dist, shots, serve, launch, openApp, ready, screenshot, inkedPixels, runAxe, uncertaintyInfo, waitForBatch,
} from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The files the built worker lists and its cache name, read from sw.js. */
function built(dir) {
  const source = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const version = source.match(/const VERSION = "([0-9a-f]+)";/)[1];
  const files = [...source.matchAll(/^ {2}\["([^"]+)", "([0-9a-f]{64})"\],$/gm)].map((m) => m[1]);
  return { cache: `careflow-${version}`, files };
}

/** Waits until a service worker controls the page and returns the careflow caches with their sizes. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000, polling: 200 });
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      if (name.startsWith('careflow-')) out[name] = (await (await caches.open(name)).keys()).length;
    }
    return out;
  });
}

const kpiValues = (page) => page.$$eval('.kpi .kpi-value', (vs) => vs.map((v) => v.textContent).join('|'));

test('after one visit the app opens with the network off: charts, levers and replication bands', async () => {
  const server = await serve();
  const { cache, files } = built(dist);
  for (const f of ['index.html', 'manifest.webmanifest', 'icons/careflow-192.png', 'icons/careflow-512.png',
    'careflow-worker.js', 'careflow-worker_bg.wasm', 'careflow-analysis-worker.js', 'careflow-analysis-worker_bg.wasm']) {
    assert.ok(files.includes(f), `${f} is not precached`);
  }
  assert.ok(files.some((f) => /^careflow-app-.*_bg\.wasm$/.test(f)) && files.some((f) => /^style-.*\.css$/.test(f)));
  const { page, context, errors, foreign } = await openApp(browser, server.url);
  await ready(page);
  assert.deepEqual(await controlled(page), { [cache]: files.length }, 'one cache holding every built file');
  // The manifest is the page's, with the app's icons.
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  assert.equal(manifest.display, 'standalone');
  assert.deepEqual(manifest.icons.map((i) => i.sizes), ['any', '192x192', '512x512']);

  await context.setOffline(true);
  // Proof that the network is off: a file the build does not have cannot be fetched. The browser
  // logs that failure as a console error, which is the probe's own and is set aside.
  const logged = errors.length;
  assert.equal(await page.evaluate(() => fetch('./not-built.txt').then(() => 'reached', () => 'offline')), 'offline',
    'the network is still on');
  const probe = errors.splice(logged);
  assert.ok(probe.every((e) => /ERR_INTERNET_DISCONNECTED/.test(e)), probe.join('\n'));
  // A link with a query and a scenario fragment, as shared, opens from the cache.
  const link = new URL(page.url());
  link.search = '?from=offline';
  await page.goto(link.href, { waitUntil: 'load' });
  await ready(page);
  assert.equal(new URL(page.url()).search, '?from=offline');
  assert.ok(await inkedPixels(page, '.chart-panel canvas') > 5_000, 'chart canvas is blank offline');

  // A lever move changes the key figures, and the replication workers (their bundles served from the
  // cache) bring the bands for the new scenario.
  const before = await kpiValues(page);
  const batch = Number((await uncertaintyInfo(page)).batch);
  await page.fill('#lever-beds-escalation-beds-number', '60');
  await page.press('#lever-beds-escalation-beds-number', 'Enter');
  await page.waitForFunction((b) => [...document.querySelectorAll('.kpi .kpi-value')].map((v) => v.textContent).join('|') !== b,
    before, { timeout: 30_000, polling: 100 });
  await waitForBatch(page, 'bands', batch);
  assert.ok(await page.$('.uncertainty[data-bands="true"]'), 'no replication bands offline');
  await screenshot(page, 'offline');
  await page.locator('[data-chart="beds"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'offline-beds.png') });
  const serious = (await runAxe(page)).filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length}`), []);
  assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
  assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
  await context.close();
  await server.close();
});

test('a second build waits and is offered with a banner; only the Reload button reloads', async () => {
  // A copy of the build, so a second build can be made beside it without touching dist/.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careflow-offline-'));
  fs.cpSync(dist, dir, { recursive: true });
  const server = await serve(dir);
  try {
    const first = built(dir).cache;
    const { page, context, errors, foreign } = await openApp(browser, server.url, { width: 1280, height: 720 });
    await ready(page);
    assert.deepEqual(Object.keys(await controlled(page)), [first]);
    await page.evaluate(() => { window.careflowFirstLoad = true; });

    // The second build: a changed page, and its worker written by the same build step.
    const index = path.join(dir, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('</head>', '<meta name="careflow-build" content="second"></head>'));
    execFileSync('python3', [path.join(root, 'scripts', 'service_worker.py'), dir]);
    const second = built(dir).cache;
    assert.notEqual(second, first);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('.update-banner', { timeout: 60_000 });
    assert.match(await page.textContent('.update-banner'), /A new version of Careflow is ready — Reload when convenient/);
    assert.equal(await page.evaluate(() => window.careflowFirstLoad), true, 'the page reloaded by itself');
    assert.equal(await page.$eval('.update-region', (r) => r.getAttribute('role')), 'status');
    await page.screenshot({ path: path.join(shots, 'offline-update.png') });
    const serious = (await runAxe(page)).filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.length}`), []);

    // "Not now" hides the offer; the new build keeps waiting and the page keeps running this one.
    await page.click('.update-dismiss');
    await page.waitForSelector('.update-banner', { state: 'detached' });
    assert.equal(await page.evaluate(() => window.careflowFirstLoad), true);
    assert.equal(await page.evaluate(() => document.querySelector('meta[name=careflow-build]') !== null), false);

    // The offer returns on the next load while the new build waits; Reload switches to it.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.update-banner', { timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.querySelector('meta[name=careflow-build]') !== null), false,
      'a waiting build took over without the click');
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('.update-reload')]);
    await ready(page);
    assert.equal(await page.evaluate(() => document.querySelector('meta[name=careflow-build]') !== null), true);
    await page.waitForFunction((name) => caches.keys().then((k) => k.filter((n) => n.startsWith('careflow-')).join() === name),
      second, { timeout: 30_000, polling: 200 });
    assert.equal(await page.$('.update-banner'), null);
    assert.deepEqual(errors, [], `console errors: ${errors.join('\n')}`);
    assert.deepEqual(foreign, [], `requests outside the page's origin: ${foreign.join('\n')}`);
    await context.close();
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
