//! The live (SD) engine against the mean of the stochastic (DES) replications on the stress grid
//! the engines are tested on (`careflow_model::checks::stress_grid`): for each case and compared
//! KPI, the largest gap SD − DES over the run's years, as a Markdown table (docs/delays.md, "The
//! two engines against each other").
//!
//! `cargo run --release -p careflow-model --example engine_gaps -- [REPLICATIONS]` (default 10).

use careflow_model::checks::{stress_grid, AGREEMENT_KPIS};
use careflow_model::{des, sd, YearKpis};

/// The KPI `key` of a year [the KPI's unit].
fn kpi(y: &YearKpis, key: &str) -> f64 {
    serde_json::to_value(y)
        .ok()
        .and_then(|v| v[key].as_f64())
        .unwrap_or(f64::NAN)
}

/// The largest gap over the years, with the year it is in.
struct Gap {
    gap: f64,
    year: String,
    des: f64,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps: u32 = match std::env::args().nth(1) {
        Some(a) => a.parse()?,
        None => 10,
    };
    println!(
        "| Scenario | DTOC, largest gap (points) | Occupancy (points) | Cancellations (a year) | A&E waiting (people) | Commissioner cost | A&E within four hours (points) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, sc) in stress_grid().map_err(|e| e.message)? {
        let live = sd::run(&sc)?;
        let runs = (0..reps)
            .map(|r| des::run(&sc, r).map(|o| o.results))
            .collect::<Result<Vec<_>, _>>()?;
        let gaps: Vec<Gap> = AGREEMENT_KPIS
            .iter()
            .map(|(key, _)| {
                let mut worst = Gap {
                    gap: 0.0,
                    year: String::new(),
                    des: 0.0,
                };
                for (i, y) in live.yearly.iter().enumerate() {
                    let mean = runs.iter().map(|r| kpi(&r.yearly[i], key)).sum::<f64>()
                        / f64::from(reps.max(1));
                    let gap = kpi(y, key) - mean;
                    if gap.abs() >= worst.gap.abs() {
                        worst = Gap {
                            gap,
                            year: y.year.clone(),
                            des: mean,
                        };
                    }
                }
                worst
            })
            .collect();
        let pct = |g: &Gap| 100.0 * g.gap;
        println!(
            "| {name} | {:+.2} ({}) | {:+.1} | {:+.0} | {:+.1} | {:+.1}% | {:+.2} ({}) |",
            pct(&gaps[0]),
            gaps[0].year,
            pct(&gaps[1]),
            gaps[2].gap,
            gaps[3].gap,
            100.0 * gaps[4].gap / gaps[4].des.abs().max(1.0),
            pct(&gaps[5]),
            gaps[5].year,
        );
    }
    Ok(())
}
