//! What matters most: how far each headline lever moves a KPI over its plausible range (a
//! tornado), and how the scenario gets from do nothing to where it is, lever group by lever group
//! (a waterfall with the interaction term). Pure: SD runs only, tested natively; the app computes
//! it in a web worker, the CLI prints it (`careflow sensitivity`).

use crate::error::ModelError;
use crate::params::{parameters, Group};
use crate::results::{Results, YearKpis};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The KPIs a tornado or waterfall can be drawn for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    /// Delayed bed days ÷ occupied bed days [share].
    DtocShare,
    /// Commissioner spending modelled [£/year].
    CommissionerCost,
    /// Mean occupancy of the open base beds [share].
    MeanOccupancy,
    /// Deaths at home or in a care home ÷ all deaths [share].
    HomeDeaths,
}

impl Kpi {
    /// Every KPI, in menu order.
    pub const ALL: [Kpi; 4] = [
        Kpi::DtocShare,
        Kpi::CommissionerCost,
        Kpi::MeanOccupancy,
        Kpi::HomeDeaths,
    ];

    /// The key of the yearly KPI (as in `YearKpis`' JSON and the CLI).
    pub fn key(self) -> &'static str {
        match self {
            Kpi::DtocShare => "dtoc_share",
            Kpi::CommissionerCost => "commissioner_cost",
            Kpi::MeanOccupancy => "mean_occupancy",
            Kpi::HomeDeaths => "home_or_care_home_death_share",
        }
    }

    /// Short name for the command line ("dtoc", "cost", "occupancy", "home-deaths").
    pub fn short(self) -> &'static str {
        match self {
            Kpi::DtocShare => "dtoc",
            Kpi::CommissionerCost => "cost",
            Kpi::MeanOccupancy => "occupancy",
            Kpi::HomeDeaths => "home-deaths",
        }
    }

    /// The KPI named by its short name or key.
    pub fn parse(name: &str) -> Option<Kpi> {
        Kpi::ALL
            .into_iter()
            .find(|k| k.short() == name || k.key() == name)
    }

    /// Plain-words label.
    pub fn label(self) -> &'static str {
        match self {
            Kpi::DtocShare => "Delayed transfers (share of bed days)",
            Kpi::CommissionerCost => "Commissioner cost",
            Kpi::MeanOccupancy => "Mean occupancy of the base beds",
            Kpi::HomeDeaths => "Deaths at home or in a care home",
        }
    }

    /// Whether the KPI is a share (shown in % and points) rather than money (£).
    pub fn is_share(self) -> bool {
        !matches!(self, Kpi::CommissionerCost)
    }

    /// The KPI's value in one year's figures [share or £/year].
    pub fn of(self, y: &YearKpis) -> f64 {
        match self {
            Kpi::DtocShare => y.dtoc_share,
            Kpi::CommissionerCost => y.commissioner_cost,
            Kpi::MeanOccupancy => y.mean_occupancy,
            Kpi::HomeDeaths => y.home_or_care_home_death_share,
        }
    }
}

/// Every KPI of one year, in [`Kpi::ALL`] order [share or £/year].
pub type KpiValues = [f64; 4];

fn values(r: &Results) -> Vec<KpiValues> {
    r.yearly.iter().map(|y| Kpi::ALL.map(|k| k.of(y))).collect()
}

/// One headline lever run at its plausible low and high, the other levers where they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeverRuns {
    /// Registry path, e.g. "discharge.weekend_working".
    pub path: String,
    pub label: String,
    /// The lever group's label.
    pub group: String,
    /// Unit of the lever in words.
    pub unit: String,
    /// The lever's value in the scenario, and its plausible low and high [the lever's unit].
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Where the range comes from (registry `evidence.source`).
    pub source: String,
    /// Every KPI per year with the lever at its low, and at its high.
    pub at_low: Vec<KpiValues>,
    pub at_high: Vec<KpiValues>,
}

/// The scenario and every headline lever at its low and high: what any tornado is read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// Financial-year labels ("2012/13").
    pub years: Vec<String>,
    /// Every KPI per year of the scenario as it is.
    pub base: Vec<KpiValues>,
    pub levers: Vec<LeverRuns>,
}

/// Runs the scenario, and it again with each headline lever (those with an evidence range) at
/// its low and at its high: 1 + 2 × levers SD runs.
pub fn sweep(s: &Scenario) -> Result<Sweep, ModelError> {
    let base = crate::sd::run(s)?;
    let mut levers = Vec::new();
    for spec in parameters() {
        let Some(ev) = spec.evidence else {
            continue;
        };
        let at = |v: f64| -> Result<Vec<KpiValues>, ModelError> {
            let mut t = s.clone();
            t.set_lever(spec.id, v)
                .map_err(|i| ModelError::Invalid(vec![i]))?;
            Ok(values(&crate::sd::run(&t)?))
        };
        levers.push(LeverRuns {
            path: spec.path.into(),
            label: spec.label.into(),
            group: spec.group.label().into(),
            unit: spec.unit.machine().into(),
            value: s.lever(spec.id),
            low: ev.low,
            high: ev.high,
            source: ev.source.into(),
            at_low: at(ev.low)?,
            at_high: at(ev.high)?,
        });
    }
    Ok(Sweep {
        years: base.yearly.iter().map(|y| y.year.clone()).collect(),
        base: values(&base),
        levers,
    })
}

/// One bar of a tornado.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bar {
    pub path: String,
    pub label: String,
    pub group: String,
    pub unit: String,
    /// The lever's value in the scenario, its low and its high [the lever's unit].
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub source: String,
    /// The KPI with the lever at its low, and at its high [share or £/year].
    pub at_low: f64,
    pub at_high: f64,
    /// The bar's width: |at_high − at_low| [share or £/year].
    pub width: f64,
    /// Both ends lie within the stochastic engine's noise around the scenario's value (set by
    /// [`Tornado::mark_noise`]).
    pub within_noise: bool,
}

/// The tornado of one KPI in one year: the scenario's value and the bars, widest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tornado {
    pub kpi: Kpi,
    /// Year index (0 = the first financial year) and its label.
    pub year: usize,
    pub year_label: String,
    /// The KPI for the scenario as it is [share or £/year].
    pub base: f64,
    /// Widest first; ties in the registry's order.
    pub bars: Vec<Bar>,
    /// Half-width of the noise band used by [`Tornado::mark_noise`], if any [share or £/year].
    pub noise: Option<f64>,
}

impl Sweep {
    /// The tornado of `kpi` in year `year` (clamped to the run).
    pub fn tornado(&self, kpi: Kpi, year: usize) -> Tornado {
        let year = year.min(self.years.len().saturating_sub(1));
        let k = Kpi::ALL.iter().position(|&x| x == kpi).unwrap_or(0);
        let pick = |v: &[KpiValues]| v.get(year).map_or(f64::NAN, |x| x[k]);
        let mut bars: Vec<Bar> = self
            .levers
            .iter()
            .map(|l| {
                let (lo, hi) = (pick(&l.at_low), pick(&l.at_high));
                Bar {
                    path: l.path.clone(),
                    label: l.label.clone(),
                    group: l.group.clone(),
                    unit: l.unit.clone(),
                    value: l.value,
                    low: l.low,
                    high: l.high,
                    source: l.source.clone(),
                    at_low: lo,
                    at_high: hi,
                    width: (hi - lo).abs(),
                    within_noise: false,
                }
            })
            .collect();
        // A stable sort: equal widths keep the registry's order.
        bars.sort_by(|a, b| b.width.total_cmp(&a.width));
        Tornado {
            kpi,
            year,
            year_label: self.years.get(year).cloned().unwrap_or_default(),
            base: pick(&self.base),
            bars,
            noise: None,
        }
    }
}

impl Tornado {
    /// Marks the bars whose both ends lie within `half_width` of the scenario's value: effects
    /// the stochastic engine's year-to-year noise would hide [share or £/year].
    pub fn mark_noise(&mut self, half_width: f64) {
        self.noise = Some(half_width);
        for b in &mut self.bars {
            b.within_noise = (b.at_low - self.base).abs() <= half_width
                && (b.at_high - self.base).abs() <= half_width;
        }
    }
}

/// The tornado of `kpi` in year `year` of `s`: [`sweep`] then [`Sweep::tornado`].
pub fn tornado(s: &Scenario, kpi: Kpi, year: usize) -> Result<Tornado, ModelError> {
    Ok(sweep(s)?.tornado(kpi, year))
}

/// The lever group a scenario-file path belongs to: the registered lever's group when the path is
/// a lever or inside one (a distribution's mean), else by its first part; `None` for the seed
/// and the file version, which no SD run reads.
fn group_of(path: &str) -> Option<String> {
    if path == "seed" || path == "schema_version" {
        return None;
    }
    let specs = parameters();
    let inside = specs
        .iter()
        .filter(|p| path == p.path || path.starts_with(&format!("{}.", p.path)))
        .max_by_key(|p| p.path.len());
    if let Some(p) = inside {
        return Some(p.group.label().into());
    }
    let g = match path.split('.').next().unwrap_or("") {
        "population" | "demand" => Group::Demand,
        "care_closer_to_home" => Group::CareCloserToHome,
        "beds" => Group::AcuteBeds,
        "discharge" => Group::DischargeDelays,
        "end_of_life" => Group::EndOfLife,
        "money" => Group::Money,
        _ => return Some("Other settings".into()),
    };
    Some(g.label().into())
}

/// `from` with the settings at `paths` taken from `to` (scenario-file paths, as
/// [`Scenario::differing_paths`] gives them).
fn with_paths(from: &Scenario, to: &Scenario, paths: &[&String]) -> Result<Scenario, ModelError> {
    let bad = |m: String| {
        ModelError::Invalid(vec![crate::scenario::ValidationIssue {
            path: String::new(),
            value: String::new(),
            allowed: String::new(),
            message: m,
        }])
    };
    let mut a = serde_json::to_value(from).map_err(|e| bad(e.to_string()))?;
    let b = serde_json::to_value(to).map_err(|e| bad(e.to_string()))?;
    for p in paths {
        let pointer = format!("/{}", p.replace('.', "/"));
        let v = b.pointer(&pointer).cloned();
        match (a.pointer_mut(&pointer), v) {
            (Some(slot), Some(v)) => *slot = v,
            _ => return Err(bad(format!("{p}: not in both scenarios"))),
        }
    }
    serde_json::from_value(a).map_err(|e| bad(e.to_string()))
}

/// The runs behind a waterfall: the reference, the reference with each lever group's changes
/// alone, and the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaterfallRuns {
    pub years: Vec<String>,
    /// Every KPI per year of the reference (do nothing) and of the scenario.
    pub reference: Vec<KpiValues>,
    pub scenario: Vec<KpiValues>,
    /// Per group that differs (in display order): its label, the settings changed, and every KPI
    /// per year of the reference with only that group's changes.
    pub groups: Vec<(String, Vec<String>, Vec<KpiValues>)>,
}

/// Runs the reference, the reference with each group's changes alone, and the scenario.
pub fn waterfall_runs(s: &Scenario, reference: &Scenario) -> Result<WaterfallRuns, ModelError> {
    let diffs = s.differing_paths(reference);
    let mut labels: Vec<String> = Group::ALL.iter().map(|g| g.label().into()).collect();
    labels.push("Other settings".into());
    let mut groups = Vec::new();
    for label in labels {
        let paths: Vec<&String> = diffs
            .iter()
            .filter(|p| group_of(p).as_deref() == Some(label.as_str()))
            .collect();
        if paths.is_empty() {
            continue;
        }
        let t = with_paths(reference, s, &paths)?;
        groups.push((
            label,
            paths.iter().map(|p| p.to_string()).collect(),
            values(&crate::sd::run(&t)?),
        ));
    }
    let sc = crate::sd::run(s)?;
    Ok(WaterfallRuns {
        years: sc.yearly.iter().map(|y| y.year.clone()).collect(),
        reference: values(&crate::sd::run(reference)?),
        scenario: values(&sc),
        groups,
    })
}

/// One step of a waterfall.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaterfallStep {
    /// The lever group's label, or "Interaction" for what the groups do together beyond their
    /// sum.
    pub label: String,
    /// The change it makes [share or £/year].
    pub change: f64,
}

/// From the reference (do nothing) to the scenario for one KPI in one year: each group's change
/// made alone, then the interaction (the rest), so `start + Σ changes = end` exactly.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Waterfall {
    pub kpi: Kpi,
    pub year: usize,
    pub year_label: String,
    /// The KPI under the reference and under the scenario [share or £/year].
    pub start: f64,
    pub end: f64,
    /// The groups' changes, then the interaction.
    pub steps: Vec<WaterfallStep>,
}

impl WaterfallRuns {
    /// The waterfall of `kpi` in year `year` (clamped to the run).
    pub fn waterfall(&self, kpi: Kpi, year: usize) -> Waterfall {
        let year = year.min(self.years.len().saturating_sub(1));
        let k = Kpi::ALL.iter().position(|&x| x == kpi).unwrap_or(0);
        let pick = |v: &[KpiValues]| v.get(year).map_or(f64::NAN, |x| x[k]);
        let (start, end) = (pick(&self.reference), pick(&self.scenario));
        let mut steps: Vec<WaterfallStep> = self
            .groups
            .iter()
            .map(|(label, _, v)| WaterfallStep {
                label: label.clone(),
                change: pick(v) - start,
            })
            .collect();
        let sum: f64 = steps.iter().map(|s| s.change).sum();
        steps.push(WaterfallStep {
            label: "Interaction".into(),
            change: end - start - sum,
        });
        Waterfall {
            kpi,
            year,
            year_label: self.years.get(year).cloned().unwrap_or_default(),
            start,
            end,
            steps,
        }
    }
}
