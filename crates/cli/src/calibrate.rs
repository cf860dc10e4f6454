//! `careflow calibrate` and `careflow capacity`: the 2008/09 baseline in both engines side by
//! side against the calibration targets, and delayed transfers against each downstream capacity.

use crate::CliError;
use careflow_model::calibration::{
    self, capacity_sweep, side_by_side, step_factor_for, CapacityPoint,
    DH_OCTOBER_2011_RESPONSIBILITY, DTOC_TARGET, ENGLAND_2011_12_REASONS,
};
use careflow_model::scenario::Service;
use careflow_model::{ModelError, Scenario};

fn model(e: ModelError) -> CliError {
    match e {
        ModelError::Invalid(i) => CliError::Invalid(i),
        other => CliError::Internal(other.to_string()),
    }
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

/// The calibration report for the baseline, DES with `reps` replications; `search` also finds
/// the step factor that puts the DES on the DTOC target.
pub fn calibrate(reps: u32, search: bool) -> Result<String, CliError> {
    let s = Scenario::default();
    let y = side_by_side(&s, 0, reps).map_err(model)?;
    let mut out = String::new();
    out += &format!(
        "Calibration of the 2008/09 baseline: system dynamics (SD) and the discrete-event engine (DES, mean of {reps} replications)\n\n"
    );
    out += "| Target (source) | SD | DES |\n|---|---:|---:|\n";
    let row = |out: &mut String, label: &str, key: &str, f: &dyn Fn(f64) -> String| {
        let (a, b) = y.pair(key);
        *out += &format!("| {label} | {} | {} |\n", f(a), f(b));
    };
    let int = |x: f64| format!("{x:.0}");
    let money = |x: f64| format!("£{:.1}m", x / 1e6);
    row(
        &mut out,
        "Emergency admissions ≈ 57,700 (seed 001 §8.6: 7,500 = 13%)",
        "emergency_admissions",
        &int,
    );
    row(
        &mut out,
        "Mean occupancy of the open base beds 85–90% (Bagust et al. 1999; DH sitrep 2009: 88.5%)",
        "mean_occupancy",
        &pct,
    );
    row(
        &mut out,
        "Delayed transfers 3.2% ± 0.3 of occupied bed days (seed 001 §7.5)",
        "dtoc_share",
        &pct,
    );
    row(
        &mut out,
        "Deaths ≈ 3,740 (8.5 per 1,000 × 440,000)",
        "deaths",
        &int,
    );
    row(
        &mut out,
        "Home deaths 17.7% (seed 001 §7.5)",
        "home_death_share",
        &pct,
    );
    row(
        &mut out,
        "Hospital deaths ≈ 58% (DH End of Life Care Strategy 2008)",
        "hospital_death_share",
        &pct,
    );
    row(
        &mut out,
        "Emergency tariff spend ≈ £127m (57,700 × ≈ £2,200)",
        "emergency_tariff_cost",
        &money,
    );
    out += "\nDownstream services (assumption: about 85% in use, where a 5% cut moves delays by well under a point)\n\n";
    out += "| Service | SD | DES |\n|---|---:|---:|\n";
    row(
        &mut out,
        "Care packages: starts taken ÷ offered",
        "utilisation_care_package",
        &pct,
    );
    row(
        &mut out,
        "Step-down beds: occupied ÷ beds",
        "utilisation_step_down",
        &pct,
    );
    row(
        &mut out,
        "Care homes: placements taken ÷ offered",
        "utilisation_care_home",
        &pct,
    );
    out += "\nDelayed days by reason (share of delayed days) against England 2011/12 (NHS England DTOC sitrep; the six reasons modelled, rescaled)\n\n";
    out += "| Reason | SD | DES | England |\n|---|---:|---:|---:|\n";
    for (reason, a, b) in y.reason_shares() {
        let england = ENGLAND_2011_12_REASONS
            .iter()
            .find(|(r, _)| *r == reason)
            .map_or(f64::NAN, |(_, v)| *v);
        out += &format!(
            "| {} | {:.1}% | {:.1}% | {:.1}% |\n",
            reason.label(),
            a * 100.0,
            b * 100.0,
            england * 100.0
        );
    }
    let (sd_all, des_all) = y.pair("delayed_bed_days");
    let share = |k: &str| {
        let (a, b) = y.pair(k);
        (a / sd_all, b / des_all)
    };
    let (dn, ds, db) = DH_OCTOBER_2011_RESPONSIBILITY;
    out += "\nWho is responsible for the delayed days (an output of each reason's attribution; a check, never an input)\n\n";
    out += "| Responsible | SD | DES | England, Oct 2011 (DH) |\n|---|---:|---:|---:|\n";
    for (label, key, england) in [
        ("NHS", "delayed_days_nhs", dn),
        ("Social care", "delayed_days_social_care", ds),
        ("Both", "delayed_days_both", db),
    ] {
        let (a, b) = share(key);
        out += &format!(
            "| {label} | {:.1}% | {:.1}% | {:.0}% |\n",
            a * 100.0,
            b * 100.0,
            england * 100.0
        );
    }
    if search {
        out += &format!(
            "\nStep factor: every discharge step's working days × f puts the DES's 2008/09 delays on {}: ",
            pct(DTOC_TARGET)
        );
        match step_factor_for(&s, DTOC_TARGET, reps).map_err(model)? {
            Some(f) => {
                out += &format!(
                    "f = {f:.3}. The baseline's steps already carry scenario::calibrated::STEP_SCALE = {}; f near 1 means they are calibrated.\n",
                    careflow_model::scenario::calibrated::STEP_SCALE
                )
            }
            None => out += "out of reach between ×0.2 and ×5.\n",
        }
    }
    Ok(out)
}

/// Options of `careflow capacity`.
pub struct CapacityOptions {
    pub replications: u32,
    pub svg: Option<String>,
}

/// The sweep of each downstream capacity −20% … +20% as a markdown table (and an SVG chart).
pub fn capacity(opts: &CapacityOptions) -> Result<String, CliError> {
    let factors = [0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2];
    let points =
        capacity_sweep(&Scenario::default(), &factors, opts.replications).map_err(model)?;
    if let Some(path) = &opts.svg {
        write_svg(path, &points)?;
    }
    Ok(table(&points, opts.replications))
}

fn table(points: &[CapacityPoint], reps: u32) -> String {
    let mut out = format!(
        "Each downstream capacity scaled on its own, 2008/09: SD value, DES mean [10–90% of {reps} replications]\n\n"
    );
    for (service, path) in calibration::CAPACITIES {
        out += &format!("{} (`{path}`)\n\n", service_heading(service));
        out += "| Capacity | Delayed transfers, SD | DES | Occupancy, SD | DES | Cancelled operations, SD | DES |\n|---:|---:|---:|---:|---:|---:|---:|\n";
        for p in points.iter().filter(|p| p.service == service) {
            out += &format!(
                "| ×{:.2} | {:.2}% | {:.2}% [{:.2}–{:.2}] | {:.1}% | {:.1}% | {:.0} | {:.0} [{:.0}–{:.0}] |\n",
                p.factor,
                p.sd.0 * 100.0,
                p.des_dtoc.mean * 100.0,
                p.des_dtoc.p10 * 100.0,
                p.des_dtoc.p90 * 100.0,
                p.sd.1 * 100.0,
                p.des_occupancy.mean * 100.0,
                p.sd.2,
                p.des_cancellations.mean,
                p.des_cancellations.p10,
                p.des_cancellations.p90
            );
        }
        out += "\n";
    }
    out
}

fn service_heading(s: Service) -> &'static str {
    match s {
        Service::CarePackage => "Care-package starts offered a week",
        Service::StepDown => "Step-down beds",
        Service::CareHome => "Care-home places offered a week",
    }
}

fn write_svg(path: &str, points: &[CapacityPoint]) -> Result<(), CliError> {
    use plotters::prelude::*;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 560)).into_drawing_area();
        careflow_charts::capacity::draw_capacity(&root, points)
            .map_err(|e| CliError::Internal(e.to_string()))?;
    }
    std::fs::write(path, svg).map_err(|e| CliError::Io(format!("{path}: {e}")))
}
