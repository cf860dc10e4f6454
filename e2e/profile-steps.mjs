// Where a lever step's time goes (a profiling aid, not a test): keyboard steps on the focused
// emergency-admissions slider, `gap` ms apart, with Chromium's sampling profiler and timeline
// trace running; prints the main thread's time by trace event (script, layout, paint…) and the
// script functions with the most self time, per step.
//
//   trunk build --release && node e2e/profile-steps.mjs [steps=20] [gap=200] [width=1920] [height=1080] [scale=1]
import { serve, launch, openApp } from './harness.mjs';

const STEPS = Number(process.argv[2] ?? 20);
const GAP = Number(process.argv[3] ?? 200);
const viewport = { width: Number(process.argv[4] ?? 1920), height: Number(process.argv[5] ?? 1080) };
const SCALE = Number(process.argv[6] ?? 1);
const SLIDER = '#lever-demand-emergency-admissions';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await serve(process.env.CAREFLOW_DIST); // a built dist/ elsewhere, to compare builds
const browser = await launch();
try {
  const { page, context } = await openApp(browser, server.url, viewport, SCALE);
  await page.waitForFunction(() => document.querySelectorAll('.chart-panel canvas').length === 5, null, { timeout: 20_000 });
  await page.waitForSelector('.uncertainty[data-finished="true"]', { timeout: 120_000 });
  await page.$eval(SLIDER, (e) => { e.scrollIntoView({ block: 'center' }); e.focus(); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press(i % 8 < 4 ? 'ArrowRight' : 'ArrowLeft');
    await sleep(GAP);
  }
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await traced;

  // The renderer's main thread: the thread of the most "RunTask" time in the page's process.
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const top = events.filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid);
  const by = new Map();
  for (const e of top) {
    if (['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)) continue;
    by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  console.log(`main thread, per step [ms] (trace events, nested ones counted inside their parents too), ${STEPS} steps ${GAP} ms apart, ${viewport.width}x${viewport.height}@${SCALE}`);
  for (const [k, t] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log((t / STEPS).toFixed(2).padStart(8), k);

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const name = (n) => (n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`).replace(/::h[0-9a-f]{16}$/, '').slice(0, 110);
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const k = name(byId.get(id));
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log('script self time, per step [ms]');
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    if (k === '(idle)' || k === '(program)') continue;
    console.log((t / STEPS).toFixed(2).padStart(8), k);
  }
  // Inclusive time of a few entry points: a sample counts for a name when any frame of its stack has it.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const PATTERNS = (process.env.PATTERNS ?? 'careflow_model::run|careflow_model::sd::run,draw_chart,write_to_location,save_autosave,replaceState,setItem,views::charts,views::kpis,with_bands_drawn,ChartCanvas,Sidebar,LeverGroup,AnalysisViews,LibraryPanel,ShareBar,KpiCards,UncertaintyPanel,ChartPanel,App,getBoundingClientRect,serde_json').split(',');
  const incl = new Map(PATTERNS.map((p) => [p, 0]));
  profile.samples.forEach((id, i) => {
    const names = [];
    for (let n = id; n !== undefined; n = parent.get(n)) names.push(name(byId.get(n)));
    for (const p of PATTERNS) {
      const re = new RegExp(p);
      if (names.some((x) => re.test(x))) incl.set(p, incl.get(p) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  if (process.env.FOCUS) {
    // Self time of the samples under FOCUS, by function and by the caller one level below FOCUS.
    const re = new RegExp(process.env.FOCUS);
    const under = new Map();
    const child = new Map();
    profile.samples.forEach((id, i) => {
      const stack = [];
      for (let n = id; n !== undefined; n = parent.get(n)) stack.push(name(byId.get(n)));
      const at = stack.findIndex((x) => re.test(x));
      if (at < 0) return;
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      under.set(stack[0], (under.get(stack[0]) ?? 0) + dt);
      const c = at > 0 ? stack[at - 1] : '(self)';
      child.set(c, (child.get(c) ?? 0) + dt);
    });
    console.log(`under ${process.env.FOCUS}: self time, per step [ms]`);
    for (const [k, t] of [...under].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((t / STEPS).toFixed(2).padStart(8), k);
    console.log(`under ${process.env.FOCUS}: by callee, per step [ms]`);
    for (const [k, t] of [...child].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log((t / STEPS).toFixed(2).padStart(8), k);
  }
  console.log('inclusive, per step [ms]');
  for (const [k, t] of incl) console.log((t / STEPS).toFixed(2).padStart(8), k);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
