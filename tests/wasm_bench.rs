//! Engine speed inside headless Chromium (wasm32). Not a test of timing: it measures and prints.
//! Run with `bash scripts/bench.sh` (release build: `cargo test --release --target
//! wasm32-unknown-unknown -p careflow --test wasm_bench -- --nocapture`).
#![cfg(target_arch = "wasm32")]

use careflow_model::des::{self, run_single_pool, SinglePool, WhenFull};
use careflow_model::distribution::Distribution;
use careflow_model::Scenario;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[wasm_bindgen_test]
fn bench_engines_in_the_browser() {
    // System dynamics: the default 6-year run.
    let sc = Scenario::default();
    let sd: Vec<f64> = (0..30)
        .map(|_| {
            let t = now_ms();
            careflow_model::sd::run(&sc).expect("valid");
            now_ms() - t
        })
        .collect();
    console_log!(
        "wasm: SD default 6-year run: median {:.2} ms (30 runs)",
        median(sd)
    );

    // Single pool, as the native bench: 50 beds, M/M/50 at 90%.
    let cfg = SinglePool {
        arrival_rate: 9.0,
        beds: Some(50),
        los: Distribution::Exponential { mean: 5.0 },
        when_full: WhenFull::Queue,
        warmup_days: 0.0,
        observe_days: 200_000.0,
        seed: 1,
    };
    let mut best = f64::INFINITY;
    let mut events = 0;
    for r in 0..3 {
        let t = now_ms();
        let s = run_single_pool(&cfg, r);
        best = best.min(now_ms() - t);
        events = s.events;
    }
    console_log!(
        "wasm: single pool: {events} events in {best:.1} ms = {:.1} M events/s (best of 3)",
        events as f64 / best / 1e3
    );

    // One 6-year BEN baseline replication: replications 0..10 as the native bench, after one
    // untimed run (the engine tiers the code up to its optimising compiler while it runs).
    des::run(&sc, 100).expect("valid");
    let mut times = Vec::new();
    let mut ev = 0;
    for r in 0..10 {
        let t = now_ms();
        let run = des::run(&sc, r).expect("valid");
        times.push(now_ms() - t);
        ev = run.events;
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    console_log!(
        "wasm: BEN baseline DES replication: median {:.1} ms, best {best:.1} ms ({ev} events, 10 runs after a warm-up run)",
        median(times)
    );
}
