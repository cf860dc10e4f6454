//! DES speed: events per second on the single bed pool, and milliseconds per 6-year BEN baseline
//! replication. Run with `cargo bench -p careflow-model --bench des`.

use std::time::Instant;

use careflow_model::des::{self, run_single_pool, SinglePool, WhenFull};
use careflow_model::distribution::Distribution;
use careflow_model::Scenario;

fn main() {
    // Single pool: 50 beds, 90% offered load, exponential stays, queueing.
    let cfg = SinglePool {
        arrival_rate: 9.0,
        beds: Some(50),
        los: Distribution::Exponential { mean: 5.0 },
        when_full: WhenFull::Queue,
        warmup_days: 0.0,
        observe_days: 500_000.0,
        seed: 1,
    };
    let mut best = f64::INFINITY;
    let mut events = 0;
    for r in 0..5 {
        let t = Instant::now();
        let s = run_single_pool(&cfg, r);
        let dt = t.elapsed().as_secs_f64();
        events = s.events;
        best = best.min(dt);
    }
    println!(
        "single pool (50 beds, M/M/50 at 90%): {events} events in {:.1} ms = {:.1} M events/s (best of 5)",
        best * 1e3,
        events as f64 / best / 1e6
    );

    // BEN baseline, 6 years.
    let sc = Scenario::default();
    let mut times = Vec::new();
    let mut ev = 0;
    for r in 0..10 {
        let t = Instant::now();
        let run = des::run(&sc, r).expect("baseline is valid");
        times.push(t.elapsed().as_secs_f64());
        ev = run.events;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "BEN baseline 6 years: median {:.1} ms, best {:.1} ms per replication ({ev} events, {:.1} M events/s)",
        times[times.len() / 2] * 1e3,
        times[0] * 1e3,
        ev as f64 / times[times.len() / 2] / 1e6
    );
}
