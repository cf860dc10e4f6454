//! Calibration and capacity sensitivity, for both engines side by side: what `careflow
//! calibrate` and `careflow capacity` print, and docs/delays.md tabulates.
//!
//! The baseline's discharge steps are calibrated on the patients: their shares follow England's
//! mix of delayed days by reason, and one factor on all their working days puts the DES — the
//! reference engine — on the plan's 3.2% of occupied bed days (seed 001 §7.5). Downstream
//! capacities are set for a utilisation of about 85%, not fitted to the delays.

use crate::des;
use crate::error::ModelError;
use crate::params::LeverId;
use crate::results::YearKpis;
use crate::scenario::{Reason, Scenario, Service, Step};

/// England's delayed days by reason, 2011/12, as shares of the six reasons modelled (patient or
/// family choice, assessment, …) — the situation report's other reasons (F equipment, H
/// disputes, I housing: 9% of delayed days) are left out and the rest rescaled. Sums over NHS
/// England's monthly DTOC situation reports (1,373,392 delayed days): A 18.7%, B 6.0%, C 19.3%,
/// D 22.9% (residential 11.9% + nursing 11.0%), E 10.5%, G 13.6%.
pub const ENGLAND_2011_12_REASONS: [(Reason, f64); 6] = [
    (Reason::Assessment, 18.7 / 91.0),
    (Reason::PublicFunding, 6.0 / 91.0),
    (Reason::FurtherNhsCare, 19.3 / 91.0),
    (Reason::CareHome, 22.9 / 91.0),
    (Reason::CarePackage, 10.5 / 91.0),
    (Reason::Choice, 13.6 / 91.0),
];

/// Who was responsible for England's delayed days, October 2011: NHS, social care, both (DH,
/// Statistical Press Notice: Critical care, cancelled operations and delayed transfers of care,
/// October 2011).
pub const DH_OCTOBER_2011_RESPONSIBILITY: (f64, f64, f64) = (0.61, 0.32, 0.07);

/// The plan's baseline for delayed transfers (seed 001 §7.5: "over 3.2%") [share of occupied
/// bed days], the calibration target.
pub const DTOC_TARGET: f64 = 0.032;

/// One year's figures from both engines.
#[derive(Clone, Debug)]
pub struct SideBySide {
    /// The SD engine's KPIs.
    pub sd: YearKpis,
    /// The DES replications' bands of every KPI (by the [`YearKpis`] key).
    pub des: std::collections::BTreeMap<String, des::Band>,
    /// Replications behind the bands.
    pub replications: u32,
}

impl SideBySide {
    /// A KPI from each engine (SD value, DES mean), by its key.
    pub fn pair(&self, key: &str) -> (f64, f64) {
        let sd = serde_json::to_value(&self.sd)
            .ok()
            .and_then(|v| v[key].as_f64())
            .unwrap_or(f64::NAN);
        let des = self.des.get(key).map_or(f64::NAN, |b| b.mean);
        (sd, des)
    }

    /// The delayed days by reason, as shares of all delayed days, for each engine.
    pub fn reason_shares(&self) -> Vec<(Reason, f64, f64)> {
        let (sd_all, des_all) = self.pair("delayed_bed_days");
        Reason::ALL
            .into_iter()
            .map(|r| {
                let (a, b) = self.pair(&format!("delayed_days_reason_{}", r.key()));
                (r, a / sd_all, b / des_all)
            })
            .collect()
    }
}

/// Year `year` (0 = first) of `s` in both engines, the DES with `reps` replications.
pub fn side_by_side(s: &Scenario, year: usize, reps: u32) -> Result<SideBySide, ModelError> {
    let sd = crate::sd::run(s)?;
    let d = des::replicate(s, reps, |_, _| {})?;
    Ok(SideBySide {
        sd: sd.yearly[year.min(sd.yearly.len() - 1)].clone(),
        des: d.yearly[year.min(d.yearly.len() - 1)].clone(),
        replications: reps,
    })
}

/// Multiplies every discharge step's working days by `factor`.
pub fn scale_steps(s: &mut Scenario, factor: f64) {
    for svc in Service::ALL {
        for st in Step::ALL {
            s.discharge.process_mut(svc).get_mut(st).working_days *= factor;
        }
    }
}

/// The factor on every discharge step's working days that puts the DES's first-year delayed
/// transfers (mean of `reps` replications) on `target`, by bisection on [0.2, 5]; `None` when
/// the target is out of that reach (capacity queues alone already exceed it, or steps five
/// times as long cannot reach it).
pub fn step_factor_for(s: &Scenario, target: f64, reps: u32) -> Result<Option<f64>, ModelError> {
    let dtoc = |f: f64| -> Result<f64, ModelError> {
        let mut t = s.clone();
        scale_steps(&mut t, f);
        t.years = 1;
        let d = des::replicate(&t, reps, |_, _| {})?;
        Ok(d.yearly[0].get("dtoc_share").map_or(f64::NAN, |b| b.mean))
    };
    let (mut lo, mut hi) = (0.2, 5.0);
    if dtoc(lo)? > target || dtoc(hi)? < target {
        return Ok(None);
    }
    for _ in 0..12 {
        let mid = 0.5 * (lo + hi);
        if dtoc(mid)? < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(Some(0.5 * (lo + hi)))
}

/// The downstream capacities a sweep varies, with their levers.
pub const CAPACITIES: [(Service, LeverId); 3] = [
    (
        Service::CarePackage,
        LeverId::DischargeCarePackagesStartsPerWeek,
    ),
    (Service::StepDown, LeverId::DischargeStepDownBeds),
    (Service::CareHome, LeverId::DischargeCareHomesStartsPerWeek),
];

/// One point of a capacity sweep: the first year's delays, occupancy and cancellations with one
/// downstream capacity scaled.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CapacityPoint {
    pub service: Service,
    /// Capacity as a multiple of the baseline's [×].
    pub factor: f64,
    /// SD: delayed transfers [share], mean occupancy [share], elective cancellations [a year].
    pub sd: (f64, f64, f64),
    /// DES bands of the same.
    pub des_dtoc: des::Band,
    pub des_occupancy: des::Band,
    pub des_cancellations: des::Band,
}

/// Each downstream capacity of `base` scaled by each of `factors`, first year, both engines.
pub fn capacity_sweep(
    base: &Scenario,
    factors: &[f64],
    reps: u32,
) -> Result<Vec<CapacityPoint>, ModelError> {
    let mut out = Vec::new();
    for (service, id) in CAPACITIES {
        for &f in factors {
            let mut s = base.clone();
            s.years = 1;
            let v = s.lever(id);
            s.set_lever(id, v * f)
                .map_err(|i| ModelError::Invalid(vec![i]))?;
            let sd = crate::sd::run(&s)?.yearly[0].clone();
            let d = des::replicate(&s, reps, |_, _| {})?;
            let band = |k: &str| d.yearly[0].get(k).copied().unwrap_or_default();
            out.push(CapacityPoint {
                service,
                factor: f,
                sd: (sd.dtoc_share, sd.mean_occupancy, sd.elective_cancellations),
                des_dtoc: band("dtoc_share"),
                des_occupancy: band("mean_occupancy"),
                des_cancellations: band("elective_cancellations"),
            });
        }
    }
    Ok(out)
}
