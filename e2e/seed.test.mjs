// One seed for the link, the uncertainty panel and the workers: after a seed is set and a preset
// picked, the URL, the panel and the workers' batch use the same seed, and the URL opened in a fresh
// page gives the same levers, seed, key figures and replications. Then a seeded random walk of user
// actions (lever moves by keyboard, preset picks, seed changes), checking the same after every step.
// Replay a walk with E2E_WALK_SEED=N; the steps taken are printed when a check fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, ready, screenshot, shots, uncertaintyInfo, waitForBatch,
  uncertaintySettings as settings } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What must be the same on a page and on a fresh page opened at its URL. */
async function snapshot(page) {
  return page.evaluate(() => {
    const unc = document.querySelector('.uncertainty');
    const summary = document.querySelector('.unc-settings summary').textContent;
    const levers = {};
    for (const e of document.querySelectorAll('.levers input[type=range]')) {
      levers[e.id] = [e.value, document.getElementById(`${e.id}-number`).value];
    }
    for (const e of document.querySelectorAll('.levers input[type=checkbox]')) levers[e.id] = e.checked;
    for (const e of document.querySelectorAll('.levers select')) levers[e.id] = e.value;
    const kpis = {};
    for (const k of document.querySelectorAll('.kpi')) {
      kpis[k.dataset.kpi] = [k.querySelector('.kpi-value').textContent, k.querySelector('.kpi-delta').textContent];
    }
    return {
      hash: location.hash,
      seeds: {
        url: (location.hash.match(/[#&]seed=(\d+)/) ?? [])[1],
        panel: (summary.match(/seed (\d+)$/) ?? [])[1],
        input: document.querySelector('#unc-seed').value,
        workers: unc.dataset.seed,
      },
      preset: document.querySelector('#preset-select').value,
      modified: document.querySelector('#modified-flag') !== null,
      levers,
      kpis,
    };
  });
}

/** Waits until nothing the snapshot reads (nor the batch number) has changed for `quietMs`; key
 * presses and re-renders land asynchronously. Returns the snapshot. */
async function settled(page, quietMs = 400) {
  const read = async () => JSON.stringify([await snapshot(page), (await uncertaintyInfo(page)).batch]);
  let last = await read();
  let since = Date.now();
  const deadline = Date.now() + 20_000;
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error('the page did not settle');
    await page.waitForTimeout(50);
    const now = await read();
    if (now !== last) { last = now; since = Date.now(); }
  }
  return JSON.parse(last)[0];
}

/** The URL, the panel and the workers agree on one seed; returns it. */
function oneSeed(s, where) {
  const { url, panel, input, workers } = s.seeds;
  assert.equal(panel, url, `${where}: the panel's seed is not the URL's (${JSON.stringify(s.seeds)})`);
  assert.equal(input, url, `${where}: the seed box is not the URL's (${JSON.stringify(s.seeds)})`);
  assert.equal(workers, url, `${where}: the workers' seed is not the URL's (${JSON.stringify(s.seeds)})`);
  return url;
}

/** Opens `hash` in a fresh page (its own storage) and returns its settled snapshot. */
async function reopen(hash) {
  const fresh = await openApp(browser, server.url + hash);
  await ready(fresh.page);
  await fresh.page.waitForFunction(() => Number(document.querySelector('.uncertainty')?.dataset.batch) >= 1);
  const s = await settled(fresh.page);
  return { ...fresh, snapshot: s };
}

test('a seed set before a preset pick stays in the URL, the panel and the workers, and the link reproduces it', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  await settings(page, { replications: 10, seed: 12345 });
  const { batch } = await uncertaintyInfo(page);
  await page.selectOption('#preset-select', 'strategic-plan');
  await page.waitForFunction(() => location.hash.includes('preset=strategic-plan'));
  await page.waitForFunction((b) => Number(document.querySelector('.uncertainty').dataset.batch) > b, Number(batch));
  const s = await settled(page);
  assert.equal(s.seeds.url, '12345', `the URL says ${s.hash}`);
  assert.equal(oneSeed(s, 'after the preset pick'), '12345');
  assert.equal(s.preset, 'strategic-plan');
  assert.equal(s.modified, false);
  const done = await waitForBatch(page, 'finished', Number((await uncertaintyInfo(page)).batch) - 1)
    .then(() => uncertaintyInfo(page));
  assert.equal(done.seed, '12345');

  // The link in a fresh page: same levers, seed and figures, and with the same number of
  // replications the same runs and bands.
  const fresh = await reopen(s.hash);
  assert.deepEqual(fresh.snapshot, s);
  const before = Number((await uncertaintyInfo(fresh.page)).batch);
  await settings(fresh.page, { replications: 10 });
  await waitForBatch(fresh.page, 'finished', before);
  const again = await uncertaintyInfo(fresh.page);
  assert.equal(again.seed, '12345');
  assert.equal(again.runsDigest, done.runsDigest, 'the link gave other replications');
  assert.equal(again.bandsDigest, done.bandsDigest, 'the link gave other bands');
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();

  // For a person to look at: the panel with its settings open under the page's URL (an overlay
  // the test adds: headless Chromium has no address bar), and the whole page.
  await page.$eval('.unc-settings', (d) => { d.open = true; });
  await screenshot(page, 'seed-after-preset');
  await page.evaluate(() => {
    const url = document.createElement('div');
    url.id = 'e2e-url';
    url.textContent = `URL: ${location.href}`;
    url.style.cssText = 'position:fixed;top:0;left:0;right:0;z-index:9;padding:6px 10px;font:14px monospace;background:#ffd;border-bottom:1px solid #999;word-break:break-all';
    document.body.append(url);
    const panel = document.querySelector('.uncertainty');
    window.scrollTo(0, panel.getBoundingClientRect().top + window.scrollY - 60);
  });
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'seed-after-preset-panel.png') });
  await page.evaluate(() => document.getElementById('e2e-url').remove());
  assert.deepEqual(errors, []);
  await context.close();
});

/** A small seeded generator (mulberry32): the same seed gives the same walk. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

const PRESETS = ['do-nothing', 'strategic-plan', 'plan-with-bed-closures', 'winter-surge'];
const KEYS = ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'];
const STEPS = 12;

/** The walk: a list of actions, drawn before the page is touched so that it replays exactly. */
function walk(rng, sliders) {
  const steps = [];
  let preset = 'do-nothing';
  for (let i = 0; i < STEPS; i++) {
    const kind = rng.pick(['lever', 'lever', 'preset', 'seed']);
    if (kind === 'lever') steps.push({ kind, id: rng.pick(sliders), key: rng.pick(KEYS), times: 1 + rng.int(4) });
    else if (kind === 'preset') {
      // Another preset than the one on screen: a person cannot pick the selected option again.
      preset = rng.pick(PRESETS.filter((p) => p !== preset));
      steps.push({ kind, id: preset });
    } else steps.push({ kind, seed: 1 + rng.int(4_000_000_000) });
  }
  return steps;
}

async function perform(page, step) {
  if (step.kind === 'lever') {
    await page.focus(`#${step.id}`);
    for (let i = 0; i < step.times; i++) await page.keyboard.press(step.key);
  } else if (step.kind === 'preset') {
    await page.selectOption('#preset-select', step.id);
    await page.waitForFunction((id) => document.querySelector('#preset-select').value === id, step.id);
  } else {
    await settings(page, { seed: step.seed });
  }
}

test('a random walk of lever moves, preset picks and seed changes: after every step the URL reproduces the page', async () => {
  const walkSeed = Number(process.env.E2E_WALK_SEED ?? 4);
  const { page, context, errors } = await openApp(browser, server.url, { width: 1280, height: 900 });
  await ready(page);
  // Two replications a batch: the walk checks seeds, not bands, and leaves the cores to the pages.
  await settings(page, { replications: 2 });
  const sliders = await page.$$eval('.levers input[type=range]', (es) => es.filter((e) => e.checkVisibility()).map((e) => e.id));
  assert.ok(sliders.length >= 4, `visible sliders: ${sliders}`);
  const steps = walk(generator(walkSeed), sliders);
  // The walk covers what the bug needed: a seed change, then later a preset pick.
  const firstSeed = steps.findIndex((s) => s.kind === 'seed');
  assert.ok(firstSeed >= 0 && steps.slice(firstSeed).some((s) => s.kind === 'preset') && steps.some((s) => s.kind === 'lever'),
    `walk ${walkSeed} lacks a lever move or a seed change followed by a preset pick: ${JSON.stringify(steps)}`);

  const done = [];
  const seeds = new Set();
  for (const step of steps) {
    done.push(step);
    const where = `walk ${walkSeed}, step ${done.length} of ${JSON.stringify(done)}`;
    await perform(page, step);
    const s = await settled(page);
    seeds.add(oneSeed(s, where));
    if (step.kind === 'seed') assert.equal(s.seeds.url, String(step.seed), where);
    if (step.kind === 'preset') {
      assert.equal(s.preset, step.id, where);
      assert.equal(s.modified, false, where);
    }
    const fresh = await reopen(s.hash);
    assert.deepEqual(fresh.snapshot, s, `${where}: the URL opened in a fresh page differs`);
    assert.deepEqual(fresh.errors, [], where);
    await fresh.context.close();
  }
  assert.ok(seeds.size >= 2, 'the walk never changed the seed');
  assert.deepEqual(errors, []);
  await context.close();
});
