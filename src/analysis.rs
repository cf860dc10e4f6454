//! Pure helpers between the replications the page runs for the charts' bands and the analysis
//! views: the yearly bands the engine-agreement check reads, and the noise band that greys
//! tornado bars. Tested natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use careflow_model::des::Band;
use careflow_model::sensitivity::Kpi;

use crate::workers::analysis::DesInput;
use crate::workers::replication::{RepSummary, YearRisk};

/// The yearly KPI a replication summary keeps for `kpi` [share or £/year].
fn risk_value(y: &YearRisk, kpi: Kpi) -> f64 {
    match kpi {
        Kpi::DtocShare => y.dtoc_share,
        Kpi::CommissionerCost => y.commissioner_cost,
        Kpi::MeanOccupancy => y.mean_occupancy,
        Kpi::HomeDeaths => y.home_or_care_home_death_share,
    }
}

/// The values of `kpi` in year `year` across `runs`, sorted.
fn sorted_values(runs: &[Rc<RepSummary>], kpi: Kpi, year: usize) -> Vec<f64> {
    let mut v: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.years.get(year).map(|y| risk_value(y, kpi)))
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

/// The KPIs the engine-agreement check can compare from the band replications (their summaries
/// keep these three of its five).
pub const AGREEMENT_FROM_BANDS: [Kpi; 3] =
    [Kpi::DtocShare, Kpi::MeanOccupancy, Kpi::CommissionerCost];

/// The yearly bands of the replications for the engine-agreement check; `None` with fewer than
/// two replications.
pub fn des_input(runs: &[Rc<RepSummary>]) -> Option<DesInput> {
    if runs.len() < 2 {
        return None;
    }
    let years = runs.iter().map(|r| r.years.len()).min().unwrap_or(0);
    let yearly = (0..years)
        .map(|y| {
            AGREEMENT_FROM_BANDS
                .iter()
                .map(|&k| {
                    (
                        k.key().to_string(),
                        Band::of_sorted(&sorted_values(runs, k, y)),
                    )
                })
                .collect::<BTreeMap<_, _>>()
        })
        .collect();
    Some(DesInput {
        yearly,
        replications: runs.len() as u32,
    })
}

/// The stochastic engine's noise on `kpi` in year `year`: half the spread between the 10th and
/// 90th percentiles of the replications' yearly values — a lever whose whole swing stays within
/// it moves the KPI less than chance does from one replication of the year to the next
/// [share or £/year]. `None` with fewer than two replications.
pub fn noise(runs: &[Rc<RepSummary>], kpi: Kpi, year: usize) -> Option<f64> {
    let v = sorted_values(runs, kpi, year);
    if v.len() < 2 {
        return None;
    }
    let b = Band::of_sorted(&v);
    Some((b.p90 - b.p10) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workers::replication::simulate;
    use careflow_model::Scenario;

    #[test]
    fn bands_and_noise_from_replications() {
        let s = Scenario {
            years: 2,
            ..Default::default()
        };
        let runs: Vec<Rc<RepSummary>> = (0..4).map(|r| Rc::new(simulate(&s, r).unwrap())).collect();
        assert!(des_input(&runs[..1]).is_none());
        let d = des_input(&runs).unwrap();
        assert_eq!(d.replications, 4);
        assert_eq!(d.yearly.len(), 2);
        let b = d.yearly[1]["dtoc_share"];
        assert!(b.p10 <= b.mean && b.mean <= b.p90 && b.mean > 0.01);
        let n = noise(&runs, Kpi::DtocShare, 1).unwrap();
        assert!(n > 0.0 && n < 0.01, "{n}");
        // The engine-agreement check reads them and passes on the baseline.
        let sd = careflow_model::sd::run(&s).unwrap();
        let years = careflow_model::checks::DesYears {
            yearly: &d.yearly,
            replications: d.replications,
        };
        let c = careflow_model::checks::check(&s, &sd, Some(&years));
        let agree = c.iter().find(|c| c.id == "engines-agree").unwrap();
        assert!(agree.passed, "{agree:?}");
        assert!(
            agree
                .sentence
                .contains("delayed transfers, mean occupancy and commissioner cost"),
            "{}",
            agree.sentence
        );
    }
}
