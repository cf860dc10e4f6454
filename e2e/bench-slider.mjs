// Slider-to-repaint latency benchmark (not a test): drags a lever slider in headless Chromium and
// measures, for every `input` event the slider fires, the time until the charts have been redrawn
// (the end of the first batch of canvas repaints after it, reported by the app's
// `window.__careflowPaint` hook, which the chart canvas calls right after drawing in its animation
// frame). Prints p50 / p95 / max per layout.
//
// Two cases:
// - drag: a continuous mouse drag (an input every ~16 ms; the replications' debounce never fires);
// - spaced: keyboard steps on the focused slider, a look between them. With `gap` 200 ms no batch
//   ever starts (the debounce is 300 ms): "no batch running". With `gap` 450 ms a batch starts
//   150 ms before each move and is running when the next one comes: "while a batch runs". The
//   latency of a move is input → the last chart repaint it causes (all charts redrawn).
//
//   trunk build --release && node e2e/bench-slider.mjs [moves=240] [spaced moves=40]   (moves 0: spaced only)
import { serve, launch, openApp } from './harness.mjs';

const MOVES = Number(process.argv[2] ?? 240);
const STEPS = Number(process.argv[3] ?? 40);
const LAYOUTS = [
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, scale: 1 },
  { name: '1280x720', viewport: { width: 1280, height: 720 }, scale: 1 },
  { name: '1280x720@2x', viewport: { width: 1280, height: 720 }, scale: 2 },
];
const SLIDER = '#lever-demand-emergency-admissions';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function bench(browser, url, layout) {
  const { page, context, errors } = await openApp(browser, url, layout.viewport, layout.scale);
  await page.waitForFunction(() => document.querySelectorAll('.chart-panel canvas').length === 5, null, { timeout: 20_000 });
  await page.evaluate(() => {
    window.__bench = { inputs: [], paints: [], after: [] };
    let armed = false;
    document.addEventListener('input', (e) => {
      if (e.target.type === 'range') window.__bench.inputs.push(performance.now());
    }, true);
    window.__careflowPaint = () => {
      window.__bench.paints.push(performance.now());
      // Also the next animation frame after the redraw: by then the repainted canvas is on screen.
      if (!armed) {
        armed = true;
        requestAnimationFrame(() => { armed = false; window.__bench.after.push(performance.now()); });
      }
    };
  });
  await page.$eval(SLIDER, (e) => e.scrollIntoView({ block: 'center' }));
  const box = await page.$eval(SLIDER, (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  const y = box.y + box.h / 2;
  // Start on the thumb (value → position), then sweep right and left across half the track.
  const frac = await page.$eval(SLIDER, (e) => (e.value - e.min) / (e.max - e.min));
  const x0 = box.x + 8 + frac * (box.w - 16);
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (let i = 0; i < MOVES; i++) {
    const phase = (i % 80) / 80;
    const dx = (phase < 0.5 ? phase : 1 - phase) * box.w * 0.9;
    await page.mouse.move(x0 + dx + (i % 2), y);
    await sleep(16);
  }
  await page.mouse.up();
  await sleep(200);
  const { inputs, paints, after } = await page.evaluate(() => window.__bench);
  // Group paints into frames (consecutive paints less than 4 ms apart); for each input, the latency
  // is the end of the first frame of repaints after it.
  const frames = [];
  for (const t of paints) {
    const last = frames[frames.length - 1];
    if (last && t - last.end < 4) last.end = t; else frames.push({ start: t, end: t });
  }
  const lat = [];
  const toNext = [];
  let f = 0;
  let a = 0;
  for (const t0 of inputs) {
    while (f < frames.length && frames[f].start < t0) f++;
    if (f < frames.length) {
      lat.push(frames[f].end - t0);
      while (a < after.length && after[a] < frames[f].end) a++;
      if (a < after.length) toNext.push(after[a] - t0);
    }
  }
  lat.sort((x, y) => x - y);
  toNext.sort((x, y) => x - y);
  await context.close();
  return {
    layout: layout.name, inputs: inputs.length, frames: frames.length, measured: lat.length,
    p50: pct(lat, 50), p95: pct(lat, 95), max: lat[lat.length - 1], errors: errors.length,
    next50: pct(toNext, 50), next95: pct(toNext, 95),
  };
}

/** Keyboard steps `gap` ms apart; for each, input → the last repaint before the next step. */
async function spaced(browser, url, layout, gap) {
  const { page, context, errors } = await openApp(browser, url, layout.viewport, layout.scale);
  await page.waitForFunction(() => document.querySelectorAll('.chart-panel canvas').length === 5, null, { timeout: 20_000 });
  // Let the first batch of replications finish so every run starts from the same state.
  await page.waitForSelector('.uncertainty[data-finished="true"]', { timeout: 120_000 });
  await page.evaluate(() => {
    window.__bench = { inputs: [], paints: [], runs: [] };
    window.__careflowLiveRun = (found) => window.__bench.runs.push(found);
    document.addEventListener('input', (e) => {
      if (e.target.type === 'range') window.__bench.inputs.push(performance.now());
    }, true);
    window.__careflowPaint = (id) => window.__bench.paints.push([performance.now(), String(id)]);
  });
  await page.$eval(SLIDER, (e) => { e.scrollIntoView({ block: 'center' }); e.focus(); });
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press(i % 8 < 4 ? 'ArrowRight' : 'ArrowLeft');
    await sleep(gap);
  }
  await sleep(300);
  const { inputs, paints, runs } = await page.evaluate(() => window.__bench);
  const lat = [];
  const charts = [];
  for (let i = 0; i < inputs.length; i++) {
    const t0 = inputs[i];
    // A move's repaints: after its input, before the next input and within 250 ms (band refreshes
    // of a batch that starts after the debounce come later than that).
    const t1 = Math.min(inputs[i + 1] ?? Infinity, t0 + 250);
    const mine = paints.filter(([t]) => t >= t0 && t < t1);
    if (mine.length) {
      lat.push(mine[mine.length - 1][0] - t0);
      charts.push(new Set(mine.map(([, id]) => id)).size);
    }
  }
  lat.sort((x, y) => x - y);
  await context.close();
  return {
    layout: layout.name, gap, inputs: inputs.length, measured: lat.length,
    charts: charts.length ? Math.min(...charts) : 0,
    ahead: runs.filter(Boolean).length, runs: runs.length,
    p50: pct(lat, 50), p95: pct(lat, 95), max: lat[lat.length - 1], errors: errors.length,
  };
}

const server = await serve(process.env.CAREFLOW_DIST); // a built dist/ elsewhere, to compare builds
const browser = await launch();
try {
  // `moves` 0 skips the drag case.
  if (MOVES > 0) {
    const rows = [];
    for (const layout of LAYOUTS) rows.push(await bench(browser, server.url, layout));
    console.log('slider-to-repaint latency [ms]: input event → end of the charts\' redraw (p50/p95/max), and → the next animation frame after it (next p50/p95)');
    for (const r of rows) {
      console.log(`${r.layout.padEnd(12)} inputs ${String(r.inputs).padStart(4)}  frames ${String(r.frames).padStart(4)}  p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  max ${r.max.toFixed(1).padStart(6)}  next p50 ${r.next50.toFixed(1).padStart(6)}  next p95 ${r.next95.toFixed(1).padStart(6)}  console errors ${r.errors}`);
    }
    const worst = Math.max(...rows.map((r) => r.next95));
    console.log(worst < 50 ? `drag PASS: p95 ${worst.toFixed(1)} ms < 50 ms` : `drag OVER TARGET: p95 ${worst.toFixed(1)} ms ≥ 50 ms`);
  }
  console.log('spaced keyboard steps [ms]: input → the last chart repaint it causes (p50/p95/max); target p95 ≤ 16 (no batch), ≤ 33 (batch running)');
  for (const layout of [LAYOUTS[0], LAYOUTS[2]]) {
    for (const [gap, target, label] of [[200, 16, 'no batch'], [450, 33, 'batch runs']]) {
      const r = await spaced(browser, server.url, layout, gap);
      const verdict = r.p95 <= target ? 'PASS' : 'OVER TARGET';
      console.log(`${r.layout.padEnd(12)} ${label.padEnd(10)} gap ${gap}  moves ${String(r.measured).padStart(3)}/${r.inputs}  charts ≥ ${r.charts}  runs found ahead ${r.ahead}/${r.runs}  p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  max ${r.max.toFixed(1).padStart(6)}  ${verdict} (≤ ${target})  console errors ${r.errors}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
