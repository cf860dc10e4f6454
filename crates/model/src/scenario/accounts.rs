//! Beds in whole wards, and how each payer buys and budgets: the inputs of the three payers'
//! accounts (`crate::accounts`). Provenance of every default is in the parameter registry.

use super::{Profile, Scenario, YearAmount};
use serde::{Deserialize, Serialize};

/// Acute wards closed (or opened) as levers, on top of the dated `beds.steps`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wards {
    /// Wards closed, one after another [wards]; negative opens wards. Whole wards only.
    pub closed: f64,
    /// When the first ward closes [fractional financial year].
    pub start: f64,
    /// Wards closed a year after the first [wards/year]; 0 closes them all at `start`.
    pub per_year: f64,
    /// Acute wards turned into the step-down beds the plan adds [wards]: they leave the acute
    /// bed base when the added step-down beds open, so the same beds are not counted twice.
    pub step_down_wards: f64,
}

/// Share of each downstream service's capacity bought as a block contract (paid whether used or
/// not); the rest is bought spot, paid per use. Block and spot are paid the same weekly price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockShares {
    /// Care packages (social care) [share of the starts offered, as places].
    pub care_package: f64,
    /// Care-home placements (social care) [share of the placements offered, as places].
    pub care_home: f64,
    /// Step-down beds (commissioner) [share of the beds].
    pub step_down: f64,
}

/// The payers' prices and budgets beyond the tariffs and unit costs in `money`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accounts {
    /// How downstream capacity is bought.
    pub block_share: BlockShares,
    /// Extra cost of an escalation bed over a base bed's fixed cost while the escalation beds are
    /// open (bank and agency staff) [fraction].
    pub escalation_premium: f64,
    /// The trust's costs outside the wards (theatres, diagnostics, drugs, overheads) as a share of
    /// its tariff income [share].
    pub non_ward_cost_share: f64,
    /// What social care pays the trust for each acute bed day of a delay attributable to it
    /// [£/day].
    pub reimbursement_per_day: f64,
    /// Efficiency the trust must find each year from 2010/11 to absorb pay and price inflation
    /// under a 0% tariff uplift [fraction/year].
    pub efficiency_requirement: f64,
    /// The commissioner's budget for the services modelled in the first year [£].
    pub budget_base: f64,
    /// Growth of the commissioner's allocation by financial year [fraction] (amount = growth).
    pub allocation_growth: Vec<YearAmount>,
    /// Savings the commissioner had to find by financial year, across its whole budget [£].
    pub required_savings: Vec<YearAmount>,
}

impl Default for Wards {
    fn default() -> Self {
        Wards {
            closed: 0.0,
            start: 2010.0,
            per_year: 0.0,
            step_down_wards: 0.0,
        }
    }
}

/// Baseline budget of the services modelled, 2008/09 [£]: the do-nothing preset's modelled
/// commissioner spend in 2008/09 (a test holds the two within 1%).
pub const BUDGET_BASE: f64 = 216.8e6;

impl Default for Accounts {
    fn default() -> Self {
        let by_year = |v: &[(u32, f64)]| {
            v.iter()
                .map(|&(year, amount)| YearAmount { year, amount })
                .collect()
        };
        Accounts {
            block_share: BlockShares {
                care_package: 0.8,
                care_home: 0.0,
                step_down: 1.0,
            },
            escalation_premium: 0.5,
            non_ward_cost_share: 0.39,
            reimbursement_per_day: 100.0,
            efficiency_requirement: 0.035,
            budget_base: BUDGET_BASE,
            allocation_growth: by_year(&[
                (2009, 0.055),
                (2010, 0.044),
                (2011, 0.003),
                (2012, 0.001),
                (2013, 0.0),
            ]),
            required_savings: by_year(&[(2010, 31.929e6), (2011, 63.858e6), (2012, 95.787e6)]),
        }
    }
}

/// The amount for financial year `year` in a by-year list (0 when absent).
pub fn amount_in(list: &[YearAmount], year: u32) -> f64 {
    list.iter()
        .filter(|a| a.year == year)
        .map(|a| a.amount)
        .sum()
}

/// Sets the amount for financial year `year`, adding the year if absent (and dropping it when the
/// amount is 0, so an unset year stays out of the file).
pub fn set_amount_in(list: &mut Vec<YearAmount>, year: u32, amount: f64) {
    list.retain(|a| a.year != year);
    if amount != 0.0 {
        list.push(YearAmount { year, amount });
        list.sort_by_key(|a| a.year);
    }
}

/// The acute bed-base changes the ward levers make, as (when, change in beds): closures from
/// `wards.closed`, and the wards turned into step-down beds when those open.
pub fn ward_steps(s: &Scenario) -> Vec<(f64, f64)> {
    let w = &s.wards;
    let size = s.beds.ward_size;
    let mut out = Vec::new();
    let n = w.closed.abs().round() as usize;
    let sign = if w.closed < 0.0 { 1.0 } else { -1.0 };
    for i in 0..n.min(1000) {
        let at = if w.per_year > 0.0 {
            w.start + i as f64 / w.per_year
        } else {
            w.start
        };
        out.push((at, sign * size));
    }
    let converted = w.step_down_wards.round().max(0.0);
    if converted > 0.0 {
        let ramp = &s.discharge.step_down.added_ramp;
        let at = match ramp.profile {
            Profile::Step => ramp.start + ramp.ramp_years.max(0.0),
            _ => ramp.start,
        };
        out.push((at, -converted * size));
    }
    out
}
