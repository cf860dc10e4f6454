//! Monthly summaries and per-financial-year KPIs from a daily record, shared by both engines so
//! their figures mean the same.

use crate::calendar::Day;
use crate::results::{Daily, MonthSummary, YearKpis};
use crate::rules::growth_path;
use crate::scenario::{Reason, Scenario, Stream};

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}
fn sum(v: &[f64]) -> f64 {
    v.iter().sum()
}
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// Monthly summaries from a daily record; shared by both engines.
pub fn monthly(days: &[Day], o: &Daily) -> Vec<MonthSummary> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let (y, m) = (days[i].year, days[i].month);
        let mut j = i;
        while j < days.len() && days[j].month == m && days[j].year == y {
            j += 1;
        }
        let r = i..j;
        let adm: f64 = Stream::ALL
            .iter()
            .map(|&st| sum(&o.admissions.get(st)[r.clone()]))
            .sum();
        let avd: f64 = Stream::ALL
            .iter()
            .map(|&st| sum(&o.avoided.get(st)[r.clone()]))
            .sum();
        v.push(MonthSummary {
            month: format!("{y}-{m:02}"),
            first_day: i,
            days: j - i,
            emergency_admissions: adm,
            admissions_avoided: avd,
            elective_cancellations: sum(&o.elective_cancellations[r.clone()]),
            mean_occupied_beds: mean(&o.occupied_beds[r.clone()]),
            mean_occupancy: mean(&o.occupancy[r.clone()]),
            peak_occupancy: o.occupancy[r.clone()].iter().cloned().fold(0.0, f64::max),
            mean_delayed: mean(&o.delayed_total[r.clone()]),
            dtoc_share: ratio(
                sum(&o.delayed_total[r.clone()]),
                sum(&o.occupied_beds[r.clone()]),
            ),
            deaths: sum(&o.deaths[r.clone()]),
            total_cost: total_cost(o, r),
        });
        i = j;
    }
    v
}

fn total_cost(o: &Daily, r: std::ops::Range<usize>) -> f64 {
    // Commissioner spending outside the acute hospital + provider + social care.
    sum(&o.community_cost[r.clone()])
        + sum(&o.provider_cost[r.clone()])
        + sum(&o.social_care_cost[r])
}

/// Per-financial-year KPIs from a daily record; shared by both engines so their KPIs mean the same.
pub fn yearly(s: &Scenario, days: &[Day], o: &Daily) -> Vec<YearKpis> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let yi = days[i].year_index;
        let j = (i + days[i].year_days as usize).min(days.len());
        let r = i..j;
        let st_sum = |series: &crate::scenario::PerStream<Vec<f64>>, st: Stream| {
            sum(&series.get(st)[r.clone()])
        };
        let adm_k: [f64; 4] = std::array::from_fn(|k| st_sum(&o.admissions, Stream::ALL[k]));
        let demand: f64 = Stream::ALL.iter().map(|&st| st_sum(&o.arrivals, st)).sum();
        let avoided: f64 = Stream::ALL.iter().map(|&st| st_sum(&o.avoided, st)).sum();
        let occ_days = sum(&o.occupied_beds[r.clone()]);
        // A&E: the admitted through it, and of them those who waited too long for a bed.
        let ae = sum(&o.ae_attendances[r.clone()]);
        let via_ae = adm_k.iter().sum::<f64>() * s.ae.admitted_via_ae;
        let ae_over = sum(&o.ae_over_standard[r.clone()]);
        let delayed_days = sum(&o.delayed_total[r.clone()]);
        let deaths = sum(&o.deaths[r.clone()]);
        let dh = sum(&o.deaths_hospital[r.clone()]);
        let dhome = sum(&o.deaths_home[r.clone()]);
        let dch = sum(&o.deaths_care_home[r.clone()]);
        let dhos = sum(&o.deaths_hospice[r.clone()]);
        let mid = (i + j) / 2;
        let pop = s.population.population * growth_path(&days[..=mid], s.population.growth)[mid];
        let adults = pop * s.population.adult_share;
        let commissioner = sum(&o.commissioner_cost[r.clone()]);
        let provider = sum(&o.provider_cost[r.clone()]);
        let social_cost = sum(&o.social_care_cost[r.clone()]);
        let by_reason: [f64; 6] =
            Reason::ALL.map(|reason| sum(&o.delayed_by_reason.get(reason)[r.clone()]));
        let (mut nhs, mut social, mut both) = (0.0, 0.0, 0.0);
        for reason in Reason::ALL {
            let d = by_reason[reason.index()];
            let who = s.discharge.responsibility.get(reason);
            nhs += d * who.nhs;
            social += d * who.social_care;
            both += d * who.both();
        }
        let fy_year = s.start_year + yi;
        let amount = |list: &Vec<crate::scenario::YearAmount>| {
            list.iter()
                .filter(|a| a.year == fy_year)
                .map(|a| a.amount)
                .sum::<f64>()
        };
        let mut k = YearKpis {
            year: s.year_label(yi),
            days: j - i,
            population: pop,
            emergency_demand: demand,
            emergency_admissions: adm_k.iter().sum(),
            emergency_admissions_end_of_life: adm_k[0],
            emergency_admissions_acsc: adm_k[1],
            emergency_admissions_frail: adm_k[2],
            emergency_admissions_other: adm_k[3],
            admissions_avoided: avoided,
            elective_admissions: sum(&o.elective_admissions[r.clone()]),
            elective_cancellations: sum(&o.elective_cancellations[r.clone()]),
            ae_attendances: sum(&o.ae_attendances[r.clone()]),
            ucc_attendances: sum(&o.ucc_attendances[r.clone()]),
            mean_occupied_beds: mean(&o.occupied_beds[r.clone()]),
            mean_beds_available: mean(&o.beds_available[r.clone()]),
            beds_base_end: o.beds_base[j - 1],
            mean_occupancy: mean(&o.occupancy[r.clone()]),
            peak_occupancy: o.occupancy[r.clone()].iter().cloned().fold(0.0, f64::max),
            days_over_95pct_occupancy: sum(&o.over_95[r.clone()]),
            days_escalation_open: sum(&o.escalation_open[r.clone()]),
            mean_ae_waiting: mean(&o.ae_waiting[r.clone()]),
            ae_admitted_over_standard: ae_over,
            ae_conversion: ratio(via_ae, ae),
            ae_within_standard: if ae > 0.0 {
                (1.0 - (ae_over + (ae - via_ae).max(0.0) * s.ae.not_admitted_over_standard) / ae)
                    .clamp(0.0, 1.0)
            } else {
                1.0
            },
            dtoc_share: ratio(delayed_days, occ_days),
            delayed_bed_days: delayed_days,
            delayed_days_care_package: sum(&o.delayed_care_package[r.clone()]),
            delayed_days_step_down: sum(&o.delayed_step_down[r.clone()]),
            delayed_days_care_home: sum(&o.delayed_care_home[r.clone()]),
            delayed_days_reason_assessment: by_reason[Reason::Assessment.index()],
            delayed_days_reason_public_funding: by_reason[Reason::PublicFunding.index()],
            delayed_days_reason_further_nhs_care: by_reason[Reason::FurtherNhsCare.index()],
            delayed_days_reason_care_home: by_reason[Reason::CareHome.index()],
            delayed_days_reason_care_package: by_reason[Reason::CarePackage.index()],
            delayed_days_reason_choice: by_reason[Reason::Choice.index()],
            delayed_days_nhs: nhs,
            delayed_days_social_care: social,
            delayed_days_both: both,
            utilisation_care_package: ratio(
                sum(&o.package_starts[r.clone()]),
                sum(&o.vacancies_care_package[r.clone()]),
            ),
            utilisation_step_down: ratio(
                sum(&o.step_down_occupied[r.clone()]),
                sum(&o.step_down_beds[r.clone()]),
            ),
            utilisation_care_home: ratio(
                sum(&o.care_home_starts[r.clone()]),
                sum(&o.vacancies_care_home[r.clone()]),
            ),
            delayed_per_100k_adults: ratio(mean(&o.delayed_total[r.clone()]) * 100_000.0, adults),
            mean_step_down_occupied: mean(&o.step_down_occupied[r.clone()]),
            mean_community_caseload: mean(&o.community_caseload[r.clone()]),
            deaths,
            deaths_hospital: dh,
            deaths_home: dhome,
            deaths_care_home: dch,
            deaths_hospice: dhos,
            deaths_other: sum(&o.deaths_other[r.clone()]),
            home_death_share: ratio(dhome, deaths),
            home_or_care_home_death_share: ratio(dhome + dch, deaths),
            hospital_death_share: ratio(dh, deaths),
            hospice_death_share: ratio(dhos, deaths),
            mean_eol_supported: mean(&o.eol_supported[r.clone()]),
            mean_eol_unsupported: mean(&o.eol_unsupported[r.clone()]),
            eol_turned_away: sum(&o.eol_turned_away[r.clone()]),
            eol_last_admissions: sum(&o.eol_final_admissions[r.clone()]),
            emergency_tariff_cost: sum(&o.emergency_tariff_cost[r.clone()]),
            excess_bed_day_cost: sum(&o.excess_bed_day_cost[r.clone()]),
            community_cost: sum(&o.community_cost[r.clone()]),
            commissioner_cost: commissioner,
            provider_cost: provider,
            social_care_cost: social_cost,
            total_cost: total_cost(o, r.clone()),
            investment: amount(&s.money.investment),
            planned_savings: amount(&s.money.planned_savings),
            ..YearKpis::default()
        };
        crate::accounts::fill_year(s, o, r.clone(), fy_year, &mut k);
        v.push(k);
        i = j;
    }
    v
}
