//! Model checks on the scenario in hand: plain sentences with a figure, a tolerance, pass or fail
//! and why it matters — what `careflow check` prints and the workbench's "Model checks" view shows.
//! Each check reads the results it is given, so a deliberately broken result fails it (the tests
//! feed such results).

use crate::des::Band;
use crate::error::ModelError;
use crate::results::Results;
use crate::scenario::{Scenario, Stream};
use serde::Serialize;
use std::collections::BTreeMap;

/// One check's outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// Stable id, e.g. "conservation".
    pub id: &'static str,
    /// What is checked, in a plain sentence.
    pub sentence: String,
    /// The figure found, in words.
    pub figure: String,
    /// What is allowed, in words.
    pub tolerance: String,
    pub passed: bool,
    /// Why it matters, in a line.
    pub why: &'static str,
}

/// The agreement tolerances between the live (SD) engine and the mean of the stochastic (DES)
/// replications, per KPI key, for a DES mean `m` (docs/delays.md gives the reasons): the
/// allowed absolute gap, before the DES mean's own Monte Carlo error is added.
pub fn agreement_allowed(key: &str, m: f64) -> Option<f64> {
    Some(match key {
        "dtoc_share" => (0.004f64).max(0.15 * m.abs()),
        "mean_occupancy" => 0.015,
        "elective_cancellations" => (300.0f64).max(0.5 * m.abs()),
        "mean_ae_waiting" => (3.0f64).max(0.5 * m.abs()),
        "commissioner_cost" => 0.02 * m.abs(),
        "ae_within_standard" => 0.03,
        _ => return None,
    })
}

/// The KPIs the engines are compared on, with their labels.
pub const AGREEMENT_KPIS: [(&str, &str); 6] = [
    ("dtoc_share", "delayed transfers"),
    ("mean_occupancy", "mean occupancy"),
    ("elective_cancellations", "cancelled operations"),
    ("mean_ae_waiting", "emergencies waiting in A&E"),
    ("commissioner_cost", "commissioner cost"),
    ("ae_within_standard", "A&E four-hour standard"),
];

/// The stress grid the engines are held to agree on (`crates/model/tests/engines_agree.rs`;
/// `cargo run --release -p careflow-model --example engine_gaps` prints the largest gaps): the
/// baseline; each downstream capacity (care packages, care homes, step-down beds) ×0.9, ×0.95 and
/// ×1.1; emergency demand growth 2.5% and 3.5% a year; every preset. Each case with its name.
pub fn stress_grid() -> Result<Vec<(String, Scenario)>, crate::scenario::ValidationIssue> {
    let base = Scenario::default();
    let mut cases = vec![("Baseline".to_string(), base.clone())];
    for (path, name) in [
        ("discharge.care_packages.starts_per_week", "Care packages"),
        ("discharge.care_homes.starts_per_week", "Care homes"),
        ("discharge.step_down.beds", "Step-down beds"),
    ] {
        for f in [0.9, 0.95, 1.1] {
            let mut s = base.clone();
            if let Some(v) = s.get(path) {
                s.set(path, v * f)?;
            }
            cases.push((format!("{name} ×{f}"), s));
        }
    }
    for g in [0.025, 0.035] {
        let mut s = base.clone();
        s.set("demand.emergency_growth", g)?;
        cases.push((format!("Demand growth {:.1}%", 100.0 * g), s));
    }
    for p in crate::presets::presets() {
        if p.id != "do-nothing" {
            cases.push((p.name.to_string(), p.scenario));
        }
    }
    Ok(cases)
}

/// The DES replications' yearly bands of every KPI, and how many replications made them.
pub struct DesYears<'a> {
    pub yearly: &'a [BTreeMap<String, Band>],
    pub replications: u32,
}

/// Every check on `s` with its SD results `sd` and, when given, the DES replications' bands.
pub fn check(s: &Scenario, sd: &Results, des: Option<&DesYears>) -> Vec<Check> {
    let mut out = vec![
        conservation(sd),
        capacity(s, sd),
        no_negative(sd),
        delays_within_beds(sd),
        littles_law_beds(s, sd),
    ];
    if let Some(d) = des {
        out.push(engines_agree(sd, d));
    }
    if *s == Scenario::default() {
        out.push(calibration(sd));
    }
    out.push(seeds_arithmetic(s));
    out.push(avoided_admissions_cost(sd));
    out
}

/// Runs what [`check`] needs and checks: the SD engine, the DES with `replications` (0: none), and
/// the reality checks that need more runs of the scenario.
pub fn check_scenario(s: &Scenario, replications: u32) -> Result<Vec<Check>, ModelError> {
    let des = if replications > 0 {
        Some(crate::des::replicate(s, replications, |_, _| {})?)
    } else {
        None
    };
    let years = des.as_ref().map(|d| DesYears {
        yearly: &d.yearly,
        replications: d.replications,
    });
    check_with(s, years.as_ref())
}

/// Every check of `s`, its reality checks included, against DES replications already run
/// elsewhere (the app's band replications) when given: one SD run of `s` and the reality checks'
/// two more.
pub fn check_with(s: &Scenario, des: Option<&DesYears>) -> Result<Vec<Check>, ModelError> {
    let sd = crate::sd::run(s)?;
    let mut out = check(s, &sd, des);
    out.extend(reality_checks(s, &sd)?);
    Ok(out)
}

fn conservation(r: &Results) -> Check {
    let d = &r.daily;
    let mut worst = 0.0f64;
    for st in Stream::ALL {
        let (arr, av, adm) = (d.arrivals.get(st), d.avoided.get(st), d.admissions.get(st));
        let (wait, acute) = (d.ae_waiting_by_stream.get(st), d.acute_patients.get(st));
        let (dis, died) = (d.discharged.get(st), d.hospital_deaths.get(st));
        for t in 0..r.days.saturating_sub(1) {
            worst = worst.max((arr[t] - av[t] - adm[t] - (wait[t + 1] - wait[t])).abs());
            worst = worst.max((acute[t] + adm[t] - dis[t] - died[t] - acute[t + 1]).abs());
        }
    }
    for t in 0..r.days {
        let occ: f64 = Stream::ALL
            .iter()
            .map(|&st| d.acute_patients.get(st)[t])
            .sum::<f64>()
            + d.elective_patients[t];
        worst = worst.max((occ - d.occupied_beds[t]).abs());
        let places = d.deaths_hospital[t]
            + d.deaths_home[t]
            + d.deaths_care_home[t]
            + d.deaths_hospice[t]
            + d.deaths_other[t];
        worst = worst.max((places - d.deaths[t]).abs());
    }
    Check {
        id: "conservation",
        sentence: "Every patient is accounted for every day: each stream's arrivals are avoided, admitted or waiting; each day's beds hold yesterday's plus admissions less discharges and deaths; every death has one place.".into(),
        figure: format!("largest imbalance {worst:.2e} patients"),
        tolerance: "below 1e-6 patients".into(),
        passed: worst < 1e-6,
        why: "A model that loses or invents patients gives wrong beds, delays and costs everywhere else.",
    }
}

fn capacity(s: &Scenario, r: &Results) -> Check {
    let d = &r.daily;
    let esc = s.beds.escalation_beds.max(0.0);
    let mut worst = 0.0f64;
    let mut what = String::from("none");
    for t in 0..r.days {
        // A ward closing under its patients empties as they leave: the last fortnight's beds
        // count today.
        let base = d.beds_open[t.saturating_sub(14)..=t]
            .iter()
            .fold(0.0f64, |a, &b| a.max(b));
        let over_beds = d.occupied_beds[t] - (base + esc);
        let over_sd = d.step_down_occupied[t] - d.step_down_beds[t];
        for (x, name) in [(over_beds, "acute beds"), (over_sd, "step-down beds")] {
            if x > worst {
                worst = x;
                what = format!("{name} on day {t}");
            }
        }
    }
    for y in &r.yearly {
        for (u, name) in [
            (y.utilisation_care_package, "care-package starts"),
            (y.utilisation_care_home, "care-home places"),
        ] {
            if u > 1.0 + 1e-9 && u - 1.0 > worst {
                worst = u - 1.0;
                what = format!("{name} in {}", y.year);
            }
        }
    }
    Check {
        id: "capacity",
        sentence: "No service holds more than its capacity: occupied acute beds within the beds (escalation and ward closures included), step-down beds within their number, care starts within the starts offered.".into(),
        figure: if worst > 0.0 {
            format!("largest excess {worst:.2} ({what})")
        } else {
            "no excess".into()
        },
        tolerance: "no more than 0.5 of a bed".into(),
        passed: worst <= 0.5,
        why: "Capacity is what turns demand into waits; a service above it hides the queue that should show.",
    }
}

fn no_negative(r: &Results) -> Check {
    let mut worst = 0.0f64;
    let mut key = "";
    let mut nan = None;
    for (k, v) in r.daily.series() {
        for x in v {
            if !x.is_finite() {
                nan = Some(k);
            } else if -x > worst {
                worst = -x;
                key = k;
            }
        }
    }
    Check {
        id: "no-negative",
        sentence: "No stock or flow is negative or not a number.".into(),
        figure: match nan {
            Some(k) => format!("a value that is not a number in {k}"),
            None if worst > 0.0 => format!("{key} reaches −{worst:.2e}"),
            None => "none below zero".into(),
        },
        tolerance: "none below −1e-9".into(),
        passed: nan.is_none() && worst <= 1e-9,
        why: "Negative patients or money are a modelling error, never an answer.",
    }
}

fn delays_within_beds(r: &Results) -> Check {
    let d = &r.daily;
    let (mut worst, mut share) = (f64::NEG_INFINITY, 0.0f64);
    for t in 0..r.days {
        worst = worst.max(d.delayed_total[t] - d.occupied_beds[t]);
        if d.occupied_beds[t] > 0.0 {
            share = share.max(d.delayed_total[t] / d.occupied_beds[t]);
        }
    }
    Check {
        id: "delays-within-beds",
        sentence: "Patients delayed in acute beds never outnumber the occupied beds.".into(),
        figure: format!(
            "at most {:.1}% of occupied beds hold a delayed patient",
            share * 100.0
        ),
        tolerance: "at most 100%".into(),
        passed: worst <= 1e-9,
        why: "A delayed transfer is a patient in a bed: delays are a share of occupancy.",
    }
}

/// Mean of a daily series over the run.
fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn littles_law_beds(s: &Scenario, r: &Results) -> Check {
    // L = λ W over the run: bed days = admitted patient-days. W for emergencies is the mean stay
    // (drawn: mean × the run's mean stay factor is not recorded, so the scenario's mean) plus the
    // delay each spends fit; electives their mean stay. Tolerance covers the stay factor's seasons
    // and ramps and the run's first and last weeks.
    let d = &r.daily;
    let occupied = mean(&d.occupied_beds);
    let mut flow_time = 0.0;
    for st in Stream::ALL {
        flow_time += mean(d.admissions.get(st)) * s.beds.los.get(st).mean();
    }
    flow_time += mean(&d.elective_admissions) * s.demand.elective_los;
    flow_time += mean(&d.delayed_total);
    let gap = (occupied - flow_time) / flow_time.max(1e-9);
    Check {
        id: "littles-law-beds",
        sentence: "Little's law holds on the acute beds: occupied beds ≈ admissions a day × mean stay, plus the patients delayed.".into(),
        figure: format!("occupied {occupied:.0}, admissions × stay + delayed {flow_time:.0} ({:+.1}%)", gap * 100.0),
        tolerance: "within 5% (the stay factor's seasons, the LOS lever and early supported discharge move the mean stay)".into(),
        passed: gap.abs() <= 0.05 || s.beds.los_reduction.reduction > 0.0 && gap.abs() <= 0.5,
        why: "Beds are admissions times length of stay; a model that breaks this has lost track of time in hospital.",
    }
}

/// A compared KPI's value in words: shares in %, money in £m, counts as whole numbers.
fn agreement_value(key: &str, x: f64) -> String {
    match key {
        "dtoc_share" | "mean_occupancy" | "ae_within_standard" => format!("{:.2}%", x * 100.0),
        "commissioner_cost" => format!("£{:.2}m", x / 1e6),
        "mean_ae_waiting" => format!("{x:.1}"),
        _ => format!("{x:.0}"),
    }
}

/// The tolerance of each compared KPI, in words.
fn agreement_words(key: &str) -> &'static str {
    match key {
        "dtoc_share" => "delays 0.4 points or 15%",
        "mean_occupancy" => "occupancy 1.5 points",
        "elective_cancellations" => "cancellations 300 a year or 50%",
        "mean_ae_waiting" => "A&E 3 people or 50%",
        "commissioner_cost" => "cost 2%",
        "ae_within_standard" => "A&E standard 3 points",
        _ => "",
    }
}

fn engines_agree(sd: &Results, des: &DesYears) -> Check {
    let mut breaches = Vec::new();
    let n = f64::from(des.replications.max(2));
    // The KPIs the replications carry (the app's band replications keep three of the five).
    let compared: Vec<(&str, &str)> = AGREEMENT_KPIS
        .into_iter()
        .filter(|(k, _)| des.yearly.iter().any(|b| b.contains_key(*k)))
        .collect();
    for (y, year) in sd.yearly.iter().enumerate() {
        let Some(bands) = des.yearly.get(y) else {
            continue;
        };
        let v = serde_json::to_value(year).unwrap_or_default();
        for &(key, label) in &compared {
            let (Some(x), Some(b)) = (v[key].as_f64(), bands.get(key)) else {
                continue;
            };
            // The DES mean's 99% half-width, from the replications' 10–90% spread (normal).
            let sd_est = (b.p90 - b.p10) / 2.563;
            let hw = 2.58 * sd_est / n.sqrt();
            let allowed = agreement_allowed(key, b.mean).unwrap_or(f64::INFINITY) + hw;
            if (x - b.mean).abs() > allowed {
                let (live, des) = (agreement_value(key, x), agreement_value(key, b.mean));
                breaches.push(format!(
                    "{} {label}: live {live} vs stochastic {des}",
                    year.year
                ));
            }
        }
    }
    let names: Vec<&str> = compared.iter().map(|c| c.1).collect();
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.to_string(),
        None => "nothing".into(),
    };
    Check {
        id: "engines-agree",
        sentence: format!(
            "The live engine agrees with the stochastic one (mean of {} replications) on {list}, every year.",
            des.replications
        ),
        figure: if breaches.is_empty() {
            "all within tolerance".into()
        } else {
            breaches.join("; ")
        },
        tolerance: format!(
            "{} (plus the stochastic mean's own error)",
            compared
                .iter()
                .map(|c| agreement_words(c.0))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        passed: breaches.is_empty() && !compared.is_empty(),
        why: "The live charts are a fast approximation of the stochastic model; where they part, trust the bands.",
    }
}

fn calibration(r: &Results) -> Check {
    let mut misses = Vec::new();
    if let Some(y) = r.yearly.first() {
        let tests: [(bool, String); 5] = [
            (
                (y.emergency_admissions - 57_700.0).abs() <= 577.0,
                format!(
                    "emergency admissions {:.0} (≈ 57,700)",
                    y.emergency_admissions
                ),
            ),
            (
                (0.85..=0.90).contains(&y.mean_occupancy),
                format!("occupancy {:.1}% (85–90%)", y.mean_occupancy * 100.0),
            ),
            (
                (y.dtoc_share - 0.032).abs() <= 0.003,
                format!("delays {:.2}% (3.2% ± 0.3)", y.dtoc_share * 100.0),
            ),
            (
                (y.deaths - 3_740.0).abs() <= 37.4,
                format!("deaths {:.0} (≈ 3,740)", y.deaths),
            ),
            (
                (y.home_death_share - 0.177).abs() <= 0.005,
                format!("home deaths {:.1}% (17.7%)", y.home_death_share * 100.0),
            ),
        ];
        for (ok, text) in tests {
            if !ok {
                misses.push(text);
            }
        }
    }
    Check {
        id: "calibration",
        sentence: "The 2008/09 baseline reproduces the documents' figures: about 57,700 emergency admissions, occupancy 85–90%, delays 3.2% of bed days, about 3,740 deaths with 17.7% at home.".into(),
        figure: if misses.is_empty() {
            "all five met".into()
        } else {
            misses.join("; ")
        },
        tolerance: "admissions and deaths within 1%, delays within 0.3 points, home deaths within 0.5 points".into(),
        passed: misses.is_empty(),
        why: "A model that cannot reproduce the year it starts from cannot be trusted about the years after.",
    }
}

fn seeds_arithmetic(s: &Scenario) -> Check {
    // Seed 001 §8.6: 7,500 admissions are 13% of current emergency admissions.
    let implied = 7_500.0 / 0.13;
    let base = s.demand.emergency_admissions;
    let share = 7_500.0 / base;
    Check {
        id: "seeds-arithmetic",
        sentence: "The plan's own arithmetic: 7,500 fewer admissions are 13% of today's emergency admissions (seed 001 §8.6).".into(),
        figure: format!("7,500 is {:.1}% of this scenario's {:.0} (the documents imply {implied:.0})", share * 100.0, base),
        tolerance: "13% ± 0.5 points (informational when the admissions lever has moved)".into(),
        passed: (share - 0.13).abs() <= 0.005 || (base - 57_700.0).abs() > 1.0,
        why: "The plan's headline only means what it says against the admissions it started from.",
    }
}

fn avoided_admissions_cost(r: &Results) -> Check {
    let avoided: f64 = r.yearly.iter().map(|y| y.admissions_avoided).sum();
    let caseload = mean(&r.daily.community_caseload);
    let ok = avoided <= 1e-9 || caseload > 0.0;
    Check {
        id: "avoided-not-free",
        sentence: "An avoided admission is never free: anyone whose admission is avoided is on a community caseload, at a cost.".into(),
        figure: format!("{avoided:.0} admissions avoided, {caseload:.0} people on community caseloads on average"),
        tolerance: "a caseload whenever admissions are avoided".into(),
        passed: ok,
        why: "Care closer to home moves people, and their cost, out of hospital; it does not make them disappear.",
    }
}

/// Checks that need more runs of the scenario: a domain expert's expectations of direction.
pub fn reality_checks(s: &Scenario, sd: &Results) -> Result<Vec<Check>, ModelError> {
    let mut out = Vec::new();
    // No downstream delay ⇒ no DTOC: no discharge steps, capacity to spare.
    let mut free = s.clone();
    for svc in crate::scenario::Service::ALL {
        for st in crate::scenario::Step::ALL {
            free.discharge.process_mut(svc).get_mut(st).share = 0.0;
        }
    }
    free.discharge.step_down.beds *= 10.0;
    free.discharge.care_packages.starts_per_week *= 10.0;
    free.discharge.care_homes.starts_per_week *= 10.0;
    free.discharge.discharge_to_assess.share = 0.0;
    let r = crate::sd::run(&free)?;
    let worst = r.yearly.iter().map(|y| y.dtoc_share).fold(0.0, f64::max);
    out.push(Check {
        id: "no-delay-no-dtoc",
        sentence: "With no discharge steps and ten times the downstream capacity, delayed transfers all but vanish.".into(),
        figure: format!("largest yearly delays {:.2}%", worst * 100.0),
        tolerance: "below 0.5%".into(),
        passed: worst < 0.005,
        why: "Delays must come from the steps and queues after a patient is fit, not from anywhere else.",
    });
    // More beds ⇒ no more cancellations.
    let mut more = s.clone();
    more.beds.base *= 1.1;
    let r = crate::sd::run(&more)?;
    let (a, b): (f64, f64) = (
        sd.yearly.iter().map(|y| y.elective_cancellations).sum(),
        r.yearly.iter().map(|y| y.elective_cancellations).sum(),
    );
    out.push(Check {
        id: "more-beds-fewer-cancellations",
        sentence: "Ten per cent more acute beds never cancel more operations.".into(),
        figure: format!("{a:.0} cancelled with these beds, {b:.0} with 10% more"),
        tolerance: "no more with more beds".into(),
        passed: b <= a + 1e-6,
        why: "Cancellations happen for want of a bed; more beds cannot make them worse.",
    });
    Ok(out)
}

/// Whether every check passed.
pub fn all_passed(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.passed)
}
