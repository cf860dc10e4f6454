//! `cargo bench -p careflow-model --bench sd`: median wall time of a full default run.

use careflow_model::{presets, sd, Scenario};
use std::time::Instant;

fn median_us(s: &Scenario, n: usize) -> f64 {
    let mut t = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let r = sd::run(std::hint::black_box(s)).expect("valid");
        std::hint::black_box(&r);
        t.push(start.elapsed().as_secs_f64() * 1e6);
    }
    t.sort_by(|a, b| a.total_cmp(b));
    t[n / 2]
}

fn main() {
    let n = 500;
    for (name, s) in [
        ("baseline (6 years)", Scenario::default()),
        ("strategic-plan (6 years)", presets::strategic_plan()),
        (
            "baseline (10 years)",
            Scenario {
                years: 10,
                ..Scenario::default()
            },
        ),
    ] {
        let _ = median_us(&s, 20); // warm up
        println!(
            "sd::run {name}: median {:.0} µs over {n} runs",
            median_us(&s, n)
        );
    }
}
