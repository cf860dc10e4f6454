//! The two engines, one answer. The discrete-event engine is the reference for the model as
//! specified; the system-dynamics engine (the live charts) must follow it within stated
//! tolerances, not only where capacity is ample but where it binds: downstream capacity cut and
//! added, faster demand growth, and every preset. Also: both engines hit the 2008/09 calibration
//! targets, and no single downstream capacity is a cliff.
//!
//! Tolerances, per financial year, between the SD value and the mean of the DES replications
//! (each also allowed the DES mean's own 99% Student-t half-width):
//! - delayed transfers (share of occupied bed days): 0.4 points, or 15% of the DES value;
//! - mean occupancy of the open base beds: 1.5 points;
//! - elective cancellations: 300 a year or 50%. Cancellations are the tail of the day's
//!   occupancy: the SD engine reads them from a stationary two-class queue (emergencies wait,
//!   planned patients are lost) along the day's path from the census to the end of the day, and
//!   a shift of 0.3 points in mean occupancy moves them by a fifth;
//! - mean emergencies waiting in A&E at the census: 3 people or 50% (a queue exists only when
//!   the hospital is full, again a tail);
//! - commissioner cost: 2%.

use careflow_model::des::stats::Summary;
use careflow_model::scenario::Scenario;
use careflow_model::{checks, des, presets, sd, YearKpis};

/// The DES replication means and half-widths of the agreement KPIs, per year.
struct DesYears {
    /// [year][kpi] = (mean, 99% half-width).
    values: Vec<Vec<(f64, f64)>>,
}

/// The compared KPIs' keys.
const KPIS: [&str; 6] = {
    let k = checks::AGREEMENT_KPIS;
    [k[0].0, k[1].0, k[2].0, k[3].0, k[4].0, k[5].0]
};

fn des_years(sc: &Scenario, reps: u32) -> DesYears {
    let runs: Vec<_> = (0..reps).map(|r| des::run(sc, r).unwrap()).collect();
    let values = (0..sc.years as usize)
        .map(|y| {
            KPIS.iter()
                .map(|k| {
                    let xs: Vec<f64> = runs
                        .iter()
                        .map(|r| {
                            serde_json::to_value(&r.results.yearly[y]).unwrap()[*k]
                                .as_f64()
                                .unwrap()
                        })
                        .collect();
                    let s = Summary::of(&xs);
                    (s.mean(), s.half_width(0.99))
                })
                .collect()
        })
        .collect();
    DesYears { values }
}

fn kpi(y: &YearKpis, k: &str) -> f64 {
    serde_json::to_value(y).unwrap()[k].as_f64().unwrap()
}

/// Every breach of the tolerances for `sc`, as sentences.
fn breaches(name: &str, sc: &Scenario, reps: u32) -> Vec<String> {
    let sdr = sd::run(sc).unwrap();
    let d = des_years(sc, reps);
    let mut out = Vec::new();
    for (y, sy) in sdr.yearly.iter().enumerate() {
        for (i, k) in KPIS.iter().enumerate() {
            let (m, hw) = d.values[y][i];
            let v = kpi(sy, k);
            let diff = (v - m).abs();
            let allowed = checks::agreement_allowed(k, m).unwrap() + hw;
            if diff > allowed {
                out.push(format!(
                    "{name} {} {k}: SD {v:.4} vs DES {m:.4} (allowed ±{allowed:.4})",
                    sy.year
                ));
            }
        }
    }
    out
}

#[test]
fn the_live_engine_follows_the_stochastic_one_across_the_stress_grid() {
    let mut all = Vec::new();
    for (name, sc) in checks::stress_grid().unwrap() {
        all.extend(breaches(&name, &sc, 10));
    }
    assert!(
        all.is_empty(),
        "{} breaches:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn both_engines_hit_the_2008_09_delay_and_occupancy_targets() {
    let sc = Scenario::default();
    let sdy = sd::run(&sc).unwrap().yearly[0].clone();
    let d = des_years(&sc, 20);
    // DTOC 3.2% ± 0.3 points of occupied bed days (seed 001 §7.5); occupancy 85–90% (Bagust
    // et al. 1999; DH sitrep 2009: mean 88.5%).
    for (engine, dtoc, occ) in [
        ("SD", sdy.dtoc_share, sdy.mean_occupancy),
        ("DES", d.values[0][0].0, d.values[0][1].0),
    ] {
        assert!((dtoc - 0.032).abs() <= 0.003, "{engine} DTOC {dtoc}");
        assert!((0.85..=0.90).contains(&occ), "{engine} occupancy {occ}");
    }
}

#[test]
fn a_five_per_cent_cut_in_any_downstream_capacity_is_no_cliff() {
    let base = Scenario::default();
    let b_sd = sd::run(&base).unwrap().yearly[0].dtoc_share;
    let b_des = des_years(&base, 10).values[0][0].0;
    for path in [
        "discharge.care_packages.starts_per_week",
        "discharge.care_homes.starts_per_week",
        "discharge.step_down.beds",
    ] {
        let mut s = base.clone();
        let v = s.get(path).unwrap();
        s.set(path, v * 0.95).unwrap();
        let sd_rise = sd::run(&s).unwrap().yearly[0].dtoc_share - b_sd;
        let des_rise = des_years(&s, 10).values[0][0].0 - b_des;
        for (engine, rise) in [("SD", sd_rise), ("DES", des_rise)] {
            // Less capacity, more delay — but under 1.5 points for a 5% cut.
            assert!(
                rise > -0.001 && rise < 0.015,
                "{engine}: {path} ×0.95 moves 2008/09 DTOC by {:.2} points",
                rise * 100.0
            );
        }
    }
}

/// Share of days on which `line` lies inside the DES band from p10 to p90. The band is of a
/// count (patients), so it is read to the nearest patient: when a full hospital pins nine runs
/// in ten at its capacity the band is a single number, and a mean 0.3 below it is inside.
fn share_inside(line: &[f64], bands: &[des::Band]) -> f64 {
    let inside = line
        .iter()
        .zip(bands)
        .filter(|(x, b)| **x >= b.p10 - 0.5 && **x <= b.p90 + 0.5)
        .count();
    inside as f64 / line.len().max(1) as f64
}

#[test]
fn the_live_lines_lie_inside_the_stochastic_bands_on_nine_days_in_ten() {
    // What the workbench draws: the SD engine's occupied beds and delayed patients each day, over
    // the 10–90% band of 100 DES replications — on the baseline and every preset.
    for p in presets::presets() {
        let sdr = sd::run(&p.scenario).unwrap();
        let d = des::replicate(&p.scenario, 100, |_, _| {}).unwrap();
        for (key, line) in [
            ("occupied_beds", &sdr.daily.occupied_beds),
            ("delayed_total", &sdr.daily.delayed_total),
        ] {
            let share = share_inside(line, &d.daily[key]);
            assert!(
                share >= 0.9,
                "{}: {key} inside the band on {:.1}% of days",
                p.id,
                share * 100.0
            );
        }
    }
}
