//! The three payers' accounts: what the commissioner (the PCT) pays, what the acute trust earns
//! and spends, and what social care pays — per day (read by both engines, so their costs mean
//! the same) and per financial year (from the daily record, in `kpis`).
//!
//! Prices are the period's cash prices held flat: the national tariff had a 0% uplift from
//! 2010/11 (seed 004 §2.1), the trust absorbing pay and price inflation through its efficiency
//! requirement. Every price's source is in the parameter registry and docs/model.md ("Money").

use crate::results::{Daily, YearKpis};
use crate::scenario::{amount_in, Reason, Scenario};
use std::ops::Range;

/// Acute wards open for a bed base: a part-closed ward still counts as open, so its fixed cost
/// (staff rota, building) is released only when the whole ward closes [wards].
pub fn wards_open(s: &Scenario, beds_base: f64) -> f64 {
    let size = s.beds.ward_size;
    if size > 0.0 {
        (beds_base / size - 1e-9).ceil().max(0.0)
    } else {
        beds_base.max(0.0)
    }
}

/// The trust's ward costs for one day [£/day].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ProviderDay {
    /// Fixed cost of the wards open, whether their beds are full or not.
    pub ward_fixed: f64,
    /// Variable cost of each occupied bed day (escalation beds included).
    pub bed_days: f64,
    /// Escalation beds while open, at a premium on a base bed's fixed cost.
    pub escalation: f64,
}

impl ProviderDay {
    /// All ward costs [£/day].
    pub fn total(&self) -> f64 {
        self.ward_fixed + self.bed_days + self.escalation
    }
}

/// The trust's ward costs on a day with this bed base, this chance that escalation beds are open
/// (DES: 0 or 1) and these occupied beds.
pub fn provider_day(
    s: &Scenario,
    beds_base: f64,
    escalation_open: f64,
    occupied: f64,
) -> ProviderDay {
    let m = &s.money;
    let fixed = m.bed_day_cost * m.bed_fixed_share;
    ProviderDay {
        ward_fixed: fixed * s.beds.ward_size.max(1.0) * wards_open(s, beds_base),
        bed_days: m.bed_day_cost * (1.0 - m.bed_fixed_share) * occupied,
        escalation: fixed
            * (1.0 + s.accounts.escalation_premium)
            * s.beds.escalation_beds.max(0.0)
            * escalation_open,
    }
}

/// Social care's spending on packages and placements for one day [£/day].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SocialDay {
    pub packages: f64,
    pub care_homes: f64,
}

impl SocialDay {
    pub fn total(&self) -> f64 {
        self.packages + self.care_homes
    }
}

/// Places bought as a block and paid whether used or not, or the places used if more: a block
/// covers `block` of the capacity (starts offered a day × days each lasts) [places].
pub(crate) fn paid_places(block: f64, offered_per_day: f64, mean_days: f64, used: f64) -> f64 {
    (block * offered_per_day * mean_days).max(used.max(0.0))
}

/// Social care's spending on a day with these starts offered [starts/day] and these caseloads
/// [people].
pub fn social_care_day(
    s: &Scenario,
    packages_offered: f64,
    package_caseload: f64,
    care_homes_offered: f64,
    care_home_caseload: f64,
) -> SocialDay {
    let (m, b, d) = (&s.money, &s.accounts.block_share, &s.discharge);
    SocialDay {
        packages: paid_places(
            b.care_package,
            packages_offered,
            d.care_packages.length_of_service.mean(),
            package_caseload,
        ) * m.care_package_week
            / 7.0,
        care_homes: paid_places(
            b.care_home,
            care_homes_offered,
            d.care_homes.length_of_service.mean(),
            care_home_caseload,
        ) * m.care_home_week
            / 7.0,
    }
}

/// Social care's spending on the packages and placements started from the community for people
/// whose admission a care-closer-to-home service avoided (their later needs), bought spot at the
/// same prices [£/day].
pub fn later_needs_day(s: &Scenario, packages: f64, care_homes: f64) -> SocialDay {
    SocialDay {
        packages: packages.max(0.0) * s.money.care_package_week / 7.0,
        care_homes: care_homes.max(0.0) * s.money.care_home_week / 7.0,
    }
}

/// The commissioner's step-down spending on a day with these beds and these occupied [£/day]:
/// block beds are paid empty or full, the rest per occupied bed day.
pub fn step_down_day(s: &Scenario, beds: f64, occupied: f64) -> f64 {
    (s.accounts.block_share.step_down * beds).max(occupied.max(0.0)) * s.money.step_down_bed_day
}

/// Hospice beds bought by the commissioner [£/day].
pub fn hospice_day(s: &Scenario) -> f64 {
    s.end_of_life.hospice_beds * s.money.hospice_day
}

/// The commissioner's allocation for the services modelled in financial year `fy`: the base
/// budget grown by each later year's allocation growth [£].
pub fn budget(s: &Scenario, fy: u32) -> f64 {
    let mut b = s.accounts.budget_base;
    for y in s.start_year + 1..=fy {
        b *= 1.0 + amount_in(&s.accounts.allocation_growth, y);
    }
    b
}

/// One year of the three accounts, from the daily record over `r` (a financial year) [£ unless
/// stated]. Fills the money and ward fields of `k`.
pub(crate) fn fill_year(s: &Scenario, o: &Daily, r: Range<usize>, fy: u32, k: &mut YearKpis) {
    let m = &s.money;
    let sum = |v: &[f64]| v[r.clone()].iter().sum::<f64>();
    let days = r.len() as f64;
    // Commissioner.
    let elective = sum(&o.elective_admissions) * m.elective_tariff;
    let ae = sum(&o.ae_attendances) * m.ae_attendance;
    let tariff_paid = sum(&o.emergency_tariff_cost) + sum(&o.excess_bed_day_cost) + elective + ae;
    let urgent_care = sum(&o.ucc_attendances) * m.ucc_attendance;
    let step_down: f64 = r
        .clone()
        .map(|d| step_down_day(s, o.step_down_beds[d], o.step_down_occupied[d]))
        .sum();
    let hospice = hospice_day(s) * days;
    let community = sum(&o.community_cost);
    k.commissioner_tariff_paid = tariff_paid;
    k.commissioner_elective_tariff = elective;
    k.commissioner_ae = ae;
    k.commissioner_urgent_care = urgent_care;
    k.commissioner_step_down = step_down;
    k.commissioner_hospice = hospice;
    // The rest of the community spending (clear of rounding below zero).
    k.commissioner_avoidance = (community - step_down - hospice).max(0.0);
    k.commissioner_budget = budget(s, fy);
    k.commissioner_headroom = k.commissioner_budget - k.commissioner_cost;
    k.required_savings = amount_in(&s.accounts.required_savings, fy);
    // Provider.
    let mut p = ProviderDay::default();
    for d in r.clone() {
        let x = provider_day(s, o.beds_base[d], o.escalation_open[d], o.occupied_beds[d]);
        p.ward_fixed += x.ward_fixed;
        p.bed_days += x.bed_days;
        p.escalation += x.escalation;
    }
    let social_days: f64 = Reason::ALL
        .iter()
        .map(|&reason| {
            sum(o.delayed_by_reason.get(reason))
                * s.discharge.responsibility.get(reason).social_care
        })
        .sum();
    let reimbursement = social_days * s.accounts.reimbursement_per_day;
    let non_ward = s.accounts.non_ward_cost_share * tariff_paid;
    k.provider_tariff_income = tariff_paid;
    k.provider_reimbursement_income = reimbursement;
    k.provider_income = tariff_paid + reimbursement;
    k.provider_ward_fixed_cost = p.ward_fixed;
    k.provider_bed_day_cost = p.bed_days;
    k.provider_escalation_cost = p.escalation;
    k.provider_non_ward_cost = non_ward;
    k.provider_total_cost = p.total() + non_ward;
    k.provider_margin = k.provider_income - k.provider_total_cost;
    let years_of_efficiency = fy.saturating_sub(2009) as i32;
    k.provider_efficiency_required = k.provider_total_cost
        * (libm::pow(
            1.0 + s.accounts.efficiency_requirement,
            f64::from(years_of_efficiency),
        ) - 1.0);
    // Social care.
    let mut sc = SocialDay::default();
    for d in r.clone() {
        let x = social_care_day(
            s,
            o.vacancies_care_package[d],
            o.package_caseload[d],
            o.vacancies_care_home[d],
            o.care_home_caseload[d],
        );
        let later = later_needs_day(
            s,
            o.later_package_caseload[d],
            o.later_care_home_caseload[d],
        );
        sc.packages += x.packages + later.packages;
        sc.care_homes += x.care_homes + later.care_homes;
    }
    k.social_care_packages = sc.packages;
    k.social_care_care_homes = sc.care_homes;
    k.social_care_reimbursement = reimbursement;
    k.social_care_spend = sc.total() + reimbursement;
    // Beds and wards.
    let last = r.end - 1;
    let start_wards = wards_open(s, s.beds.base);
    k.wards_open_end = wards_open(s, o.beds_base[last]);
    k.wards_closed = start_wards - k.wards_open_end;
    k.beds_freed = s.beds.base - o.beds_base[last];
    k.cost_of_delays = k.delayed_bed_days * m.bed_day_cost;
}

/// Who pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Payer {
    Commissioner,
    Provider,
    SocialCare,
}

impl Payer {
    pub const ALL: [Payer; 3] = [Payer::Commissioner, Payer::Provider, Payer::SocialCare];

    /// Plain name.
    pub fn label(self) -> &'static str {
        match self {
            Payer::Commissioner => "Commissioner (the PCT)",
            Payer::Provider => "Acute trust",
            Payer::SocialCare => "Social care",
        }
    }

    /// What the payer's bottom line is: spending (the commissioner and social care) or margin
    /// (the trust).
    pub fn bottom_line(self) -> &'static str {
        match self {
            Payer::Commissioner | Payer::SocialCare => "spending",
            Payer::Provider => "margin",
        }
    }

    /// The causes that make up the payer's bottom line, each with its sign on it (+1 adds to
    /// spending or to margin).
    pub fn causes(self) -> &'static [Cause] {
        match self {
            Payer::Commissioner => &COMMISSIONER,
            Payer::Provider => &PROVIDER,
            Payer::SocialCare => &SOCIAL_CARE,
        }
    }

    /// The payer's bottom line in a year: the signed sum of its causes [£].
    pub fn bottom_line_value(self, y: &YearKpis) -> f64 {
        self.causes().iter().map(|c| c.sign * (c.value)(y)).sum()
    }
}

/// One cause in a payer's account.
#[derive(Clone, Copy, Debug)]
pub struct Cause {
    /// The yearly KPI it reads.
    pub key: &'static str,
    pub label: &'static str,
    /// +1 adds to the bottom line, −1 takes from it.
    pub sign: f64,
    pub value: fn(&YearKpis) -> f64,
}

const COMMISSIONER: [Cause; 6] = [
    Cause {
        key: "emergency_tariff_cost",
        label: "Emergency tariffs",
        sign: 1.0,
        value: |y| y.emergency_tariff_cost + y.excess_bed_day_cost,
    },
    Cause {
        key: "commissioner_elective_tariff",
        label: "Planned tariffs",
        sign: 1.0,
        value: |y| y.commissioner_elective_tariff,
    },
    Cause {
        key: "commissioner_ae",
        label: "A&E and urgent care",
        sign: 1.0,
        value: |y| y.commissioner_ae + y.commissioner_urgent_care,
    },
    Cause {
        key: "commissioner_avoidance",
        label: "Community services",
        sign: 1.0,
        value: |y| y.commissioner_avoidance,
    },
    Cause {
        key: "commissioner_step_down",
        label: "Step-down beds",
        sign: 1.0,
        value: |y| y.commissioner_step_down,
    },
    Cause {
        key: "commissioner_hospice",
        label: "Hospice",
        sign: 1.0,
        value: |y| y.commissioner_hospice,
    },
];

const PROVIDER: [Cause; 6] = [
    Cause {
        key: "provider_tariff_income",
        label: "Tariff income",
        sign: 1.0,
        value: |y| y.provider_tariff_income,
    },
    Cause {
        key: "provider_reimbursement_income",
        label: "Delay reimbursement",
        sign: 1.0,
        value: |y| y.provider_reimbursement_income,
    },
    Cause {
        key: "provider_ward_fixed_cost",
        label: "Wards (fixed)",
        sign: -1.0,
        value: |y| y.provider_ward_fixed_cost,
    },
    Cause {
        key: "provider_bed_day_cost",
        label: "Occupied bed days",
        sign: -1.0,
        value: |y| y.provider_bed_day_cost,
    },
    Cause {
        key: "provider_escalation_cost",
        label: "Escalation beds",
        sign: -1.0,
        value: |y| y.provider_escalation_cost,
    },
    Cause {
        key: "provider_non_ward_cost",
        label: "Theatres, tests, overheads",
        sign: -1.0,
        value: |y| y.provider_non_ward_cost,
    },
];

const SOCIAL_CARE: [Cause; 3] = [
    Cause {
        key: "social_care_packages",
        label: "Care packages",
        sign: 1.0,
        value: |y| y.social_care_packages,
    },
    Cause {
        key: "social_care_care_homes",
        label: "Care-home placements",
        sign: 1.0,
        value: |y| y.social_care_care_homes,
    },
    Cause {
        key: "social_care_reimbursement",
        label: "Delay reimbursement",
        sign: 1.0,
        value: |y| y.social_care_reimbursement,
    },
];

/// One cause of one payer's account, in a scenario and in do-nothing, by year [£].
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub payer: Payer,
    /// The cause ("Tariff income"), or the payer's bottom line ("Spending", "Margin").
    pub label: &'static str,
    /// +1 adds to the payer's bottom line, −1 takes from it; 0 marks the bottom line itself.
    pub sign: f64,
    pub scenario: Vec<f64>,
    pub do_nothing: Vec<f64>,
}

impl Row {
    /// Scenario less do-nothing, by year [£].
    pub fn change(&self) -> Vec<f64> {
        self.scenario
            .iter()
            .zip(&self.do_nothing)
            .map(|(a, b)| a - b)
            .collect()
    }
}

/// The three payers' accounts of a run against do-nothing's, year by year, with the plan's
/// money lines and the commissioner's budget and required savings.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Financial years ("2012/13") both runs have.
    pub years: Vec<String>,
    /// Each payer's causes, then its bottom line, in `Payer::ALL` order.
    pub rows: Vec<Row>,
    /// The plan's strategic-initiative investment (a budget line) [£].
    pub investment: Vec<f64>,
    /// The savings the plan expected [£].
    pub planned_savings: Vec<f64>,
    /// The commissioner's modelled savings: do-nothing's spending less the scenario's [£].
    pub modelled_savings: Vec<f64>,
    /// The savings the commissioner had to find across its whole budget (seed 004 Table 2) [£].
    pub required_savings: Vec<f64>,
    /// The commissioner's budget for the services modelled [£].
    pub budget: Vec<f64>,
    /// The commissioner's spending in the scenario [£].
    pub commissioner_spending: Vec<f64>,
}

/// The accounts of `run` against `do_nothing` (matched by financial year).
pub fn compare(run: &crate::Results, do_nothing: &crate::Results) -> Comparison {
    let pairs: Vec<(&YearKpis, &YearKpis)> = run
        .yearly
        .iter()
        .filter_map(|y| do_nothing.year(&y.year).map(|b| (y, b)))
        .collect();
    let col = |f: &dyn Fn(&YearKpis) -> f64, base: bool| -> Vec<f64> {
        pairs
            .iter()
            .map(|(y, b)| if base { f(b) } else { f(y) })
            .collect()
    };
    let mut rows = Vec::new();
    for payer in Payer::ALL {
        for c in payer.causes() {
            rows.push(Row {
                payer,
                label: c.label,
                sign: c.sign,
                scenario: col(&c.value, false),
                do_nothing: col(&c.value, true),
            });
        }
        let total = move |y: &YearKpis| payer.bottom_line_value(y);
        rows.push(Row {
            payer,
            label: match payer {
                Payer::Provider => "Margin",
                _ => "Spending",
            },
            sign: 0.0,
            scenario: col(&total, false),
            do_nothing: col(&total, true),
        });
    }
    let spend = col(&|y: &YearKpis| y.commissioner_cost, false);
    let base_spend = col(&|y: &YearKpis| y.commissioner_cost, true);
    Comparison {
        years: pairs.iter().map(|(y, _)| y.year.clone()).collect(),
        rows,
        investment: col(&|y: &YearKpis| y.investment, false),
        planned_savings: col(&|y: &YearKpis| y.planned_savings, false),
        modelled_savings: base_spend.iter().zip(&spend).map(|(b, a)| b - a).collect(),
        required_savings: col(&|y: &YearKpis| y.required_savings, false),
        budget: col(&|y: &YearKpis| y.commissioner_budget, false),
        commissioner_spending: spend,
    }
}

/// £ in millions with one decimal and a sign when asked ("£42.8m", "+£3.1m", "−£0.4m").
pub fn millions(x: f64, signed: bool) -> String {
    let m = x / 1e6;
    let m = if m.abs() < 0.05 { 0.0 } else { m };
    let body = format!("£{:.1}m", m.abs());
    match (signed, m < 0.0, m > 0.0) {
        (_, true, _) => format!("−{body}"),
        (true, _, true) => format!("+{body}"),
        _ => body,
    }
}

impl Comparison {
    /// The comparison as a markdown table: one block per payer (scenario, do-nothing and the
    /// change for each year), then the commissioner's savings against the plan and the target.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let head = |out: &mut String, title: &str| {
            out.push_str(&format!("\n### {title}\n\n| |"));
            for y in &self.years {
                out.push_str(&format!(" {y} |"));
            }
            out.push_str("\n|---|");
            for _ in &self.years {
                out.push_str("---:|");
            }
            out.push('\n');
        };
        for payer in Payer::ALL {
            head(
                &mut out,
                &format!(
                    "{} — {}: scenario (change from do-nothing)",
                    payer.label(),
                    payer.bottom_line()
                ),
            );
            for r in self.rows.iter().filter(|r| r.payer == payer) {
                let name = if r.sign < 0.0 {
                    format!("{} (cost)", r.label)
                } else if r.sign == 0.0 {
                    format!("**{}**", r.label)
                } else {
                    r.label.to_string()
                };
                out.push_str(&format!("| {name} |"));
                for (v, d) in r.scenario.iter().zip(r.change()) {
                    out.push_str(&format!(
                        " {} ({}) |",
                        millions(*v, false),
                        millions(d, true)
                    ));
                }
                out.push('\n');
            }
        }
        head(&mut out, "Commissioner — savings and budget");
        let line = |out: &mut String, name: &str, v: &[f64], signed: bool| {
            out.push_str(&format!("| {name} |"));
            for x in v {
                out.push_str(&format!(" {} |", millions(*x, signed)));
            }
            out.push('\n');
        };
        line(
            &mut out,
            "Plan's investment (seed 001 §8.5)",
            &self.investment,
            false,
        );
        line(
            &mut out,
            "Plan's savings (seed 001 §8.5)",
            &self.planned_savings,
            false,
        );
        line(
            &mut out,
            "Modelled savings against do-nothing",
            &self.modelled_savings,
            true,
        );
        line(
            &mut out,
            "Savings required (seed 004 Table 2)",
            &self.required_savings,
            false,
        );
        let gap: Vec<f64> = self
            .required_savings
            .iter()
            .zip(&self.modelled_savings)
            .map(|(r, m)| if *r > 0.0 { r - m } else { 0.0 })
            .collect();
        line(&mut out, "Gap: required less modelled", &gap, false);
        line(&mut out, "Budget for these services", &self.budget, false);
        let headroom: Vec<f64> = self
            .budget
            .iter()
            .zip(&self.commissioner_spending)
            .map(|(b, s)| b - s)
            .collect();
        line(
            &mut out,
            "Within budget by (negative: over)",
            &headroom,
            true,
        );
        out
    }
}
