//! `careflow money`: the three payers' accounts of a scenario against do-nothing, and total cost
//! against care-package capacity (where capacity has a price, the U-shape of Wood et al. 2023).

use crate::CliError;
use careflow_model::accounts::{compare, millions};
use careflow_model::{des, preset, sd, Results, Scenario};

/// A care-package capacity sweep: starts a week from `from` to `to` in steps of `step`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Packages {
    pub from: f64,
    pub to: f64,
    pub step: f64,
}

/// `--packages FROM:TO:STEP`, or a message naming the option and what it takes.
pub fn parse_packages(text: &str) -> Result<Packages, String> {
    let bad = || {
        "must be FROM:TO:STEP starts a week, e.g. 168:220:4 (0 < FROM ≤ TO, STEP > 0, at most 200 points)".to_string()
    };
    let parts: Vec<f64> = text
        .split(':')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [from, to, step] = parts[..] else {
        return Err(bad());
    };
    if !(from > 0.0 && to >= from && step > 0.0 && (to - from) / step <= 200.0 && to <= 10_000.0) {
        return Err(bad());
    }
    Ok(Packages { from, to, step })
}

fn sd_run(s: &Scenario) -> Result<Results, CliError> {
    sd::run(s).map_err(|e| CliError::Internal(e.to_string()))
}

/// The markdown accounts of `s` against do-nothing (SD engine).
pub fn accounts(s: &Scenario) -> Result<String, CliError> {
    let base = preset("do-nothing")
        .map(|p| p.scenario)
        .ok_or_else(|| CliError::Internal("no do-nothing preset".into()))?;
    let c = compare(&sd_run(s)?, &sd_run(&base)?);
    Ok(format!(
        "## The three payers' accounts against do-nothing (system dynamics, cash at the period's flat prices)\n{}",
        c.markdown()
    ))
}

/// Total cost in financial year `year` against care-package starts a week, with the scenario's
/// way of buying them (SD; DES means of `replications` when above 0).
pub fn packages(
    s: &Scenario,
    p: Packages,
    year: u32,
    replications: u32,
) -> Result<String, CliError> {
    let label = s.year_label(year.saturating_sub(s.start_year));
    let mut out = format!(
        "## Total cost in {label} against care-package starts a week ({:.0}% bought as a block)\n\n| starts a week | packages (social care) | cost of delays | total cost (SD) |{}\n|---:|---:|---:|---:|{}\n",
        100.0 * s.accounts.block_share.care_package,
        if replications > 0 { format!(" total cost (DES, mean of {replications}) |") } else { String::new() },
        if replications > 0 { "---:|" } else { "" },
    );
    let n = ((p.to - p.from) / p.step + 1e-9).floor() as usize;
    let mut best = (f64::NAN, f64::INFINITY);
    for i in 0..=n {
        let starts = p.from + p.step * i as f64;
        let mut t = s.clone();
        t.discharge.care_packages.starts_per_week = starts;
        t.validate().map_err(CliError::Invalid)?;
        let r = sd_run(&t)?;
        let y = r.year(&label).ok_or_else(|| {
            CliError::Usage(format!("--year: {label} is outside the scenario's years"))
        })?;
        if y.total_cost < best.1 {
            best = (starts, y.total_cost);
        }
        out += &format!(
            "| {starts:.0} | {} | {} | {} |",
            millions(y.social_care_packages, false),
            millions(y.cost_of_delays, false),
            millions(y.total_cost, false)
        );
        if replications > 0 {
            let mut sum = 0.0;
            for rep in 0..replications {
                let d = des::run(&t, rep).map_err(|e| CliError::Internal(e.to_string()))?;
                sum += d
                    .results
                    .year(&label)
                    .map(|y| y.total_cost)
                    .unwrap_or(f64::NAN);
            }
            out += &format!(" {} |", millions(sum / f64::from(replications), false));
        }
        out.push('\n');
    }
    out += &format!(
        "\nLowest total cost (SD): {} at {:.0} starts a week.\n",
        millions(best.1, false),
        best.0
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packages_option_names_its_form_on_bad_input() {
        assert_eq!(
            parse_packages("168:220:4"),
            Ok(Packages {
                from: 168.0,
                to: 220.0,
                step: 4.0
            })
        );
        for bad in ["168:220", "220:168:4", "a:b:c", "168:220:0", "0:10:1"] {
            assert!(
                parse_packages(bad).unwrap_err().contains("FROM:TO:STEP"),
                "{bad}"
            );
        }
    }
}
