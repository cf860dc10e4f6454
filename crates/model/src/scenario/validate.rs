//! The scenario's structural checks: what must hold between its fields (shares that add up,
//! valid distributions, dated steps in range), each problem named by its field path. Each lever's
//! own range is the registry's to check (`crate::params`).

use super::{Reason, Scenario, Stream, ValidationIssue, MAX_YEARS, SCHEMA_VERSION};
use crate::distribution::Distribution;

/// A number as a scenario file writes it: whole numbers without a decimal point.
pub(crate) fn fmt_num(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn issue(
    path: impl Into<String>,
    value: impl ToString,
    allowed: &str,
    message: &str,
) -> ValidationIssue {
    ValidationIssue {
        path: path.into(),
        value: value.to_string(),
        allowed: allowed.into(),
        message: message.into(),
    }
}

fn dist_issues(out: &mut Vec<ValidationIssue>, path: &str, d: &Distribution) {
    for i in d.issues() {
        out.push(issue(
            format!("{path}.{}", i.parameter),
            fmt_num(i.value),
            i.allowed,
            "invalid duration distribution",
        ));
    }
}

impl Scenario {
    /// The scenario's structural problems, each with its field path: the file version, shares
    /// that must add up, distributions, dates and dated steps. The lever registry adds every
    /// lever's range to these (`Scenario::validate`).
    pub fn structure_issues(&self) -> Vec<ValidationIssue> {
        let s = self;
        let mut out = s.service_issues();
        if s.schema_version != SCHEMA_VERSION {
            out.push(issue(
            "schema_version",
            s.schema_version,
            &SCHEMA_VERSION.to_string(),
            "unsupported scenario file version (files of an older version are upgraded when read)",
        ));
        }
        for r in Reason::ALL {
            let who = s.discharge.responsibility.get(r);
            if who.nhs + who.social_care > 1.0 + 1e-9 {
                out.push(issue(
                    format!("discharge.responsibility.{}.social_care", r.key()),
                    fmt_num(who.social_care),
                    &format!("0 to {}", fmt_num((1.0 - who.nhs).max(0.0))),
                    "NHS and social-care shares of a reason's delays add up to more than 1",
                ));
            }
        }
        if !(1990..=2100).contains(&s.start_year) {
            out.push(issue(
                "start_year",
                s.start_year,
                "1990 to 2100",
                "start year out of range",
            ));
        }
        if !(1..=MAX_YEARS).contains(&s.years) {
            out.push(issue(
                "years",
                s.years,
                "1 to 10",
                "horizon must be 1 to 10 financial years",
            ));
        }
        // Distributions (shape parameters too).
        for st in Stream::ALL {
            dist_issues(
                &mut out,
                &format!("beds.los.{}", st.key()),
                s.beds.los.get(st),
            );
            dist_issues(
                &mut out,
                &format!(
                    "care_closer_to_home.avoidance.{}.length_of_service",
                    st.key()
                ),
                &s.care_closer_to_home.avoidance.get(st).length_of_service,
            );
        }
        dist_issues(
            &mut out,
            "discharge.step_down.length_of_stay",
            &s.discharge.step_down.length_of_stay,
        );
        dist_issues(
            &mut out,
            "discharge.care_packages.length_of_service",
            &s.discharge.care_packages.length_of_service,
        );
        dist_issues(
            &mut out,
            "discharge.care_homes.length_of_service",
            &s.discharge.care_homes.length_of_service,
        );
        // Shares that must add up.
        let sh = &s.demand.stream_share;
        let named = sh.end_of_life + sh.acsc + sh.frail;
        if !(named <= 1.0 + 1e-9) {
            // The three shares a user sets are what is wrong: `other` is what they leave.
            out.push(issue(
                "demand.stream_share",
                format!("{:.3}", named),
                "end-of-life, long-term-condition and frail shares adding up to at most 1",
                "the three named stream shares add up to more than 1",
            ));
        } else if !((sh.other - (1.0 - named)).abs() <= 1e-6) {
            out.push(issue(
                "demand.stream_share.other",
                fmt_num(sh.other),
                &format!("1 − the other three shares (= {:.4})", 1.0 - named),
                "stream shares must add up to 1",
            ));
        }
        for st in Stream::ALL {
            let d = s.discharge.destinations.get(st);
            let base = format!("discharge.destinations.{}", st.key());
            for (name, v) in [
                ("died", d.died),
                ("care_package", d.care_package),
                ("step_down", d.step_down),
                ("care_home", d.care_home),
            ] {
                if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                    out.push(issue(
                        format!("{base}.{name}"),
                        fmt_num(v),
                        "0 to 1",
                        "a share must be between 0 and 1",
                    ));
                }
            }
            let sum = d.care_package + d.step_down + d.care_home;
            if sum.is_finite() && sum > 1.0 + 1e-9 {
                out.push(issue(
                    base,
                    fmt_num(sum),
                    "total of care_package, step_down and care_home ≤ 1",
                    "destination shares add up to more than 1",
                ));
            }
        }
        let sd = &s.discharge.step_down;
        if sd.to_home + sd.to_care_package > 1.0 + 1e-9 {
            out.push(issue(
                "discharge.step_down.to_care_package",
                fmt_num(sd.to_care_package),
                &format!("0 to {}", fmt_num(1.0 - sd.to_home)),
                "step-down outcomes add up to more than 1",
            ));
        }
        let c = &s.end_of_life.cohort;
        if c.prefers_home + c.prefers_hospice + c.prefers_hospital > 1.0 + 1e-9 {
            out.push(issue(
                "end_of_life.cohort.prefers_hospital",
                fmt_num(c.prefers_hospital),
                &format!(
                    "0 to {}",
                    fmt_num((1.0 - c.prefers_home - c.prefers_hospice).max(0.0))
                ),
                "preferred places of death add up to more than 1",
            ));
        }
        // Other ramps not in the registry.
        let ramps = [
            (
                "discharge.care_packages.added_ramp",
                &s.discharge.care_packages.added_ramp,
            ),
            (
                "discharge.care_homes.added_ramp",
                &s.discharge.care_homes.added_ramp,
            ),
            (
                "discharge.step_down.added_ramp",
                &s.discharge.step_down.added_ramp,
            ),
            ("end_of_life.register_ramp", &s.end_of_life.register_ramp),
            (
                "care_closer_to_home.early_supported_discharge.ramp",
                &s.care_closer_to_home.early_supported_discharge.ramp,
            ),
        ];
        for (path, r) in ramps {
            if !(r.start.is_finite() && (2000.0..=2100.0).contains(&r.start)) {
                out.push(issue(
                    format!("{path}.start"),
                    fmt_num(r.start),
                    "2000 to 2100",
                    "start must be a financial year",
                ));
            }
            if !(r.ramp_years.is_finite() && (0.0..=10.0).contains(&r.ramp_years)) {
                out.push(issue(
                    format!("{path}.ramp_years"),
                    fmt_num(r.ramp_years),
                    "0 to 10 years",
                    "ramp must be 0 to 10 years",
                ));
            }
        }
        // Bed steps.
        let mut cumulative = if s.beds.base.is_finite() {
            s.beds.base
        } else {
            0.0
        };
        let mut steps: Vec<&super::BedStep> = s.beds.steps.iter().collect();
        steps.sort_by(|a, b| a.at.total_cmp(&b.at));
        for (i, st) in s.beds.steps.iter().enumerate() {
            if !(st.at.is_finite() && (2000.0..=2100.0).contains(&st.at)) {
                out.push(issue(
                    format!("beds.steps[{i}].at"),
                    fmt_num(st.at),
                    "2000 to 2100",
                    "a bed change needs a date (financial year)",
                ));
            }
            if !(st.change.is_finite() && st.change.abs() <= 20_000.0) {
                out.push(issue(
                    format!("beds.steps[{i}].change"),
                    fmt_num(st.change),
                    "-20000 to 20000 beds",
                    "bed change out of range",
                ));
            }
        }
        for st in steps {
            if st.change.is_finite() {
                cumulative += st.change;
            }
            if cumulative < 0.0 {
                out.push(issue(
                    "beds.steps",
                    fmt_num(cumulative),
                    "bed base never below 0",
                    "closures remove more beds than there are",
                ));
                break;
            }
        }
        // Ward levers: the bed base, with every closure, never goes below 0.
        let mut all: Vec<(f64, f64)> = s.beds.steps.iter().map(|b| (b.at, b.change)).collect();
        all.extend(super::ward_steps(s));
        all.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut base = if s.beds.base.is_finite() {
            s.beds.base
        } else {
            0.0
        };
        let steps_alone_ok = !out.iter().any(|i| i.path == "beds.steps");
        for (_, change) in all {
            if change.is_finite() {
                base += change;
            }
            if base < 0.0 && steps_alone_ok {
                out.push(issue(
                    "wards.closed",
                    fmt_num(s.wards.closed),
                    "no more wards than the bed base holds",
                    "ward closures remove more beds than there are",
                ));
                break;
            }
        }
        for (name, list) in [
            ("money.investment", &s.money.investment),
            ("money.planned_savings", &s.money.planned_savings),
            ("accounts.allocation_growth", &s.accounts.allocation_growth),
            ("accounts.required_savings", &s.accounts.required_savings),
        ] {
            for (i, ya) in list.iter().enumerate() {
                if !(ya.amount.is_finite() && ya.amount.abs() <= 1e11) {
                    out.push(issue(
                        format!("{name}[{i}].amount"),
                        fmt_num(ya.amount),
                        "-1e11 to 1e11 £",
                        "amount out of range",
                    ));
                }
            }
        }
        out
    }
}
