//! What a run produces: daily series, monthly summaries and per-financial-year KPIs.
//!
//! Stocks (patients in a place) are recorded at the daily census, at the start of the day before
//! that day's flows; flows (arrivals, admissions, deaths, costs) are totals over the day.

use crate::scenario::{PerReason, PerStream, Stream};
use serde::Serialize;

macro_rules! daily {
    (streams { $($sf:ident : $sdoc:literal),* $(,)? }
     reasons { $($rf:ident : $rdoc:literal),* $(,)? }
     totals { $($f:ident : $doc:literal),* $(,)? }) => {
        /// Daily series, one entry per simulated day (index 0 = 1 April of the start year).
        #[derive(Clone, Debug, Default, PartialEq, Serialize)]
        pub struct Daily {
            $( #[doc = $sdoc] pub $sf: PerStream<Vec<f64>>, )*
            $( #[doc = $rdoc] pub $rf: PerReason<Vec<f64>>, )*
            $( #[doc = $doc] pub $f: Vec<f64>, )*
            /// Each community service of the catalogue that is on (`scenario::services`), in
            /// catalogue order.
            pub services: Vec<ServiceDaily>,
        }

        impl Daily {
            pub(crate) fn with_capacity(n: usize) -> Daily {
                Daily {
                    $( $sf: PerStream::from_fn(|_| Vec::with_capacity(n)), )*
                    $( $rf: PerReason::from_fn(|_| Vec::with_capacity(n)), )*
                    $( $f: Vec::with_capacity(n), )*
                    services: Vec::new(),
                }
            }

            /// Every series with its key (e.g. "occupied_beds", "admissions.frail"), in a fixed order.
            #[allow(clippy::vec_init_then_push)]
            pub fn series(&self) -> Vec<(&'static str, &[f64])> {
                let mut v: Vec<(&'static str, &[f64])> = Vec::new();
                $(
                    v.push((concat!(stringify!($sf), ".end_of_life"), &self.$sf.end_of_life));
                    v.push((concat!(stringify!($sf), ".acsc"), &self.$sf.acsc));
                    v.push((concat!(stringify!($sf), ".frail"), &self.$sf.frail));
                    v.push((concat!(stringify!($sf), ".other"), &self.$sf.other));
                )*
                $(
                    v.push((concat!(stringify!($rf), ".assessment"), &self.$rf.assessment));
                    v.push((concat!(stringify!($rf), ".public_funding"), &self.$rf.public_funding));
                    v.push((concat!(stringify!($rf), ".further_nhs_care"), &self.$rf.further_nhs_care));
                    v.push((concat!(stringify!($rf), ".care_home"), &self.$rf.care_home));
                    v.push((concat!(stringify!($rf), ".care_package"), &self.$rf.care_package));
                    v.push((concat!(stringify!($rf), ".choice"), &self.$rf.choice));
                )*
                $( v.push((stringify!($f), &self.$f)); )*
                v
            }

            /// Plain-words description of a series key.
            pub fn describe(key: &str) -> Option<&'static str> {
                let base = key.split('.').next().unwrap_or(key);
                match base {
                    $( stringify!($sf) => Some($sdoc), )*
                    $( stringify!($rf) => Some($rdoc), )*
                    $( stringify!($f) => Some($doc), )*
                    _ => None,
                }
            }
        }
    };
}

daily! {
    streams {
        arrivals: "Emergency demand: people who would be admitted without new community services [people/day]",
        avoided: "Admissions avoided by community services [people/day]",
        admissions: "Emergency admissions to an acute bed [admissions/day]",
        ae_waiting_by_stream: "Emergencies waiting in A&E for a bed, at the census [people]",
        acute_patients: "Emergency patients in acute beds, including those delayed, at the census [people]",
        discharged: "Emergency patients leaving acute beds alive [people/day]",
        hospital_deaths: "Emergency patients dying in an acute bed [deaths/day]",
        community_caseload_by_stream: "People on the admission-avoidance caseload, at the census [people]",
    }
    reasons {
        delayed_by_reason: "Patients fit to leave, still in an acute bed, by the situation report's reason for the delay, at the census [people]",
    }
    totals {
        elective_scheduled: "Planned admissions booked [admissions/day]",
        elective_admissions: "Planned admissions that got a bed [admissions/day]",
        elective_cancellations: "Planned admissions cancelled for want of a bed [admissions/day]",
        elective_patients: "Planned patients in acute beds, at the census [people]",
        beds_base: "Acute bed base after ward closures and openings [beds]",
        beds_open: "Base beds open: the bed base less beds closed by a surge [beds]",
        beds_available: "Acute beds available: open base beds plus escalation beds when open (SD: expected) [beds]",
        escalation_open: "Escalation beds open: 1 or 0 (SD: the probability they are open) [share]",
        occupied_beds: "Occupied acute beds at the census, escalation beds included [beds]",
        occupancy: "Occupied beds ÷ open base beds (above 1 when escalation beds are in use) [share]",
        over_95: "Occupied beds above 95% of the open base beds: 1 or 0 (SD: the probability) [share]",
        ae_waiting: "Emergencies waiting in A&E for a bed, at the census [people]",
        delayed_care_package: "Patients fit to leave, waiting in an acute bed for a care package (any reason) [people]",
        delayed_step_down: "Patients fit to leave, waiting in an acute bed for a step-down bed (any reason) [people]",
        delayed_care_home: "Patients fit to leave, waiting in an acute bed for a care-home place (any reason) [people]",
        delayed_total: "All delayed transfers of care in acute beds [people]",
        step_down_beds: "Step-down beds [beds]",
        step_down_occupied: "Occupied step-down beds, including patients waiting there for care [beds]",
        vacancies_care_package: "Care-package starts offered to hospital and step-down patients [starts/day]",
        vacancies_care_home: "Care-home places offered to hospital and step-down patients [starts/day]",
        package_starts: "New care packages started [starts/day]",
        care_home_starts: "New care-home placements [starts/day]",
        package_caseload: "People receiving a care package started after a hospital or step-down stay [people]",
        care_home_caseload: "People in a care-home placement made after a hospital or step-down stay [people]",
        community_caseload: "People on all admission-avoidance caseloads, the catalogue's services included [people]",
        later_package_caseload: "People on a care package started from the community after an avoided admission [people]",
        later_care_home_caseload: "People in a care-home placement made from the community after an avoided admission [people]",
        esd_caseload: "People supported at home by early supported discharge [people]",
        ae_attendances: "A&E attendances [attendances/day]",
        ucc_attendances: "Urgent care centre attendances diverted from A&E [attendances/day]",
        ae_over_standard: "Emergency admissions through A&E who waited longer for a bed than the A&E standard leaves after the decision to admit [admissions/day]",
        deaths: "All deaths in the population [deaths/day]",
        deaths_hospital: "Deaths in an acute hospital [deaths/day]",
        deaths_home: "Deaths at home [deaths/day]",
        deaths_care_home: "Deaths in a care home [deaths/day]",
        deaths_hospice: "Deaths in a hospice [deaths/day]",
        deaths_other: "Deaths elsewhere [deaths/day]",
        eol_cohort: "People with an expected death in their last months, at the census [people]",
        eol_supported: "People on the end-of-life register with a community support place (care plan, key worker, nursing or hospice at home), at the census [people]",
        eol_unsupported: "People on the end-of-life register without a support place, at the census [people]",
        hospice_occupied: "Hospice beds used by people dying there, at the census [beds]",
        eol_final_admissions: "Last emergency admissions of people with an expected death (they die in hospital) [admissions/day]",
        eol_turned_away: "People coming onto the end-of-life register who find no support place free [people/day]",
        emergency_tariff_cost: "Tariff paid for emergency spells (commissioner) [£/day]",
        excess_bed_day_cost: "Excess bed-day payments beyond the trim point (commissioner) [£/day]",
        community_cost: "Admission avoidance, early supported discharge, step-down and hospice (commissioner) [£/day]",
        commissioner_cost: "All commissioner spending modelled [£/day]",
        provider_cost: "Hospital cost of acute beds [£/day]",
        social_care_cost: "Care packages and care-home placements (social care) [£/day]",
    }
}

/// One community service's day by day record: stocks at the census, flows as day totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ServiceDaily {
    /// The service's id.
    pub id: String,
    /// The service's name.
    pub name: String,
    /// Places in use today [people at once].
    pub places: Vec<f64>,
    /// People on the caseload at the census [people].
    pub caseload: Vec<f64>,
    /// People waiting for a place at the census (services reached ahead of a crisis) [people].
    pub waiting: Vec<f64>,
    /// People referred [people/day] (at crisis: would-be admissions offered to it).
    pub referred: Vec<f64>,
    /// People taken on [people/day].
    pub started: Vec<f64>,
    /// People leaving the caseload at the end of their service [people/day].
    pub ended: Vec<f64>,
    /// People turned away: at crisis, found the service full; ahead of a crisis, gave up waiting
    /// [people/day].
    pub turned_away: Vec<f64>,
    /// Emergency admissions avoided [admissions/day].
    pub avoided: Vec<f64>,
}

impl ServiceDaily {
    /// The record's series by name ("caseload", "places" …).
    pub fn series(&self) -> [(&'static str, &[f64]); 8] {
        [
            ("places", &self.places),
            ("caseload", &self.caseload),
            ("waiting", &self.waiting),
            ("referred", &self.referred),
            ("started", &self.started),
            ("ended", &self.ended),
            ("turned_away", &self.turned_away),
            ("avoided", &self.avoided),
        ]
    }

    pub(crate) fn new(id: &str, name: &str, n: usize) -> ServiceDaily {
        let v = || Vec::with_capacity(n);
        ServiceDaily {
            id: id.into(),
            name: name.into(),
            places: v(),
            caseload: v(),
            waiting: v(),
            referred: v(),
            started: v(),
            ended: v(),
            turned_away: v(),
            avoided: v(),
        }
    }
}

/// One calendar month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthSummary {
    /// "2008-04".
    pub month: String,
    /// Index of the first day of the month in the daily series.
    pub first_day: usize,
    pub days: usize,
    pub emergency_admissions: f64,
    pub admissions_avoided: f64,
    pub elective_cancellations: f64,
    pub mean_occupied_beds: f64,
    pub mean_occupancy: f64,
    pub peak_occupancy: f64,
    pub mean_delayed: f64,
    pub dtoc_share: f64,
    pub deaths: f64,
    pub total_cost: f64,
}

/// Key performance indicators for one financial year (flat keys: the CLI JSON uses them as is).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct YearKpis {
    /// Financial year, e.g. "2008/09".
    pub year: String,
    pub days: usize,
    /// Population at mid-year [people].
    pub population: f64,
    /// Emergency demand before avoidance [people/year].
    pub emergency_demand: f64,
    /// Emergency admissions to an acute bed [admissions/year].
    pub emergency_admissions: f64,
    pub emergency_admissions_end_of_life: f64,
    pub emergency_admissions_acsc: f64,
    pub emergency_admissions_frail: f64,
    pub emergency_admissions_other: f64,
    /// Admissions avoided by community services [admissions/year].
    pub admissions_avoided: f64,
    pub elective_admissions: f64,
    pub elective_cancellations: f64,
    pub ae_attendances: f64,
    pub ucc_attendances: f64,
    /// Mean occupied acute beds at the census [beds].
    pub mean_occupied_beds: f64,
    /// Mean available acute beds [beds].
    pub mean_beds_available: f64,
    /// Bed base at the year end [beds].
    pub beds_base_end: f64,
    /// Mean of daily occupied ÷ open base beds (escalation beds count as occupied, not as beds) [share].
    pub mean_occupancy: f64,
    /// Highest daily occupancy of the open base beds [share].
    pub peak_occupancy: f64,
    /// Days with occupied beds above 95% of the open base beds (SD: expected number) [days].
    pub days_over_95pct_occupancy: f64,
    /// Days with escalation beds open (SD: expected number) [days].
    pub days_escalation_open: f64,
    /// Mean emergencies waiting in A&E for a bed at the census [people].
    pub mean_ae_waiting: f64,
    /// Emergency admissions through A&E who waited longer for a bed than the standard leaves
    /// after the decision to admit [admissions].
    pub ae_admitted_over_standard: f64,
    /// Emergency admissions through A&E ÷ A&E attendances [share].
    pub ae_conversion: f64,
    /// Share of A&E attendances admitted, transferred or discharged within the standard's hours
    /// (four): the admitted from their wait for a bed, the rest at
    /// `ae.not_admitted_over_standard` [share].
    pub ae_within_standard: f64,
    /// Delayed bed days ÷ occupied bed days [share].
    pub dtoc_share: f64,
    pub delayed_bed_days: f64,
    /// Delayed bed days of patients waiting for a care package, a step-down bed or a care home,
    /// whatever the reason [days].
    pub delayed_days_care_package: f64,
    pub delayed_days_step_down: f64,
    pub delayed_days_care_home: f64,
    /// Delayed bed days by the situation report's reason [days].
    pub delayed_days_reason_assessment: f64,
    pub delayed_days_reason_public_funding: f64,
    pub delayed_days_reason_further_nhs_care: f64,
    pub delayed_days_reason_care_home: f64,
    pub delayed_days_reason_care_package: f64,
    pub delayed_days_reason_choice: f64,
    /// Delayed bed days attributed to the NHS, to social care and to both (by each reason's
    /// responsibility shares) [days].
    pub delayed_days_nhs: f64,
    pub delayed_days_social_care: f64,
    pub delayed_days_both: f64,
    /// Care-package starts ÷ starts offered [share].
    pub utilisation_care_package: f64,
    /// Occupied step-down beds ÷ step-down beds [share].
    pub utilisation_step_down: f64,
    /// Care-home placements ÷ placements offered [share].
    pub utilisation_care_home: f64,
    /// Mean delayed patients per 100,000 adults (NI 131 style) [per 100k].
    pub delayed_per_100k_adults: f64,
    pub mean_step_down_occupied: f64,
    pub mean_community_caseload: f64,
    pub deaths: f64,
    pub deaths_hospital: f64,
    pub deaths_home: f64,
    pub deaths_care_home: f64,
    pub deaths_hospice: f64,
    pub deaths_other: f64,
    pub home_death_share: f64,
    pub home_or_care_home_death_share: f64,
    pub hospital_death_share: f64,
    pub hospice_death_share: f64,
    /// People on the end-of-life register with a support place, on average [people].
    pub mean_eol_supported: f64,
    /// People on the end-of-life register without a support place, on average [people].
    pub mean_eol_unsupported: f64,
    /// People coming onto the register who found no support place free [people].
    pub eol_turned_away: f64,
    /// Last emergency admissions of people with an expected death (they die in them) [admissions].
    pub eol_last_admissions: f64,
    /// Emergency spell tariffs paid [£].
    pub emergency_tariff_cost: f64,
    /// Excess bed-day payments [£].
    pub excess_bed_day_cost: f64,
    /// Community services bought by the commissioner [£].
    pub community_cost: f64,
    /// Everything the commissioner pays that is modelled, tariffs included [£].
    pub commissioner_cost: f64,
    /// Hospital cost of acute beds [£].
    pub provider_cost: f64,
    /// Care packages and placements [£].
    pub social_care_cost: f64,
    /// Resource cost to the whole economy: provider + social care + commissioner spending outside
    /// the acute hospital (tariffs are a transfer from commissioner to provider, so not added twice) [£].
    pub total_cost: f64,
    /// Strategic-initiative investment line for the year [£].
    pub investment: f64,
    /// Savings the plan expected that year [£] (from the scenario, for comparison).
    pub planned_savings: f64,
    // ---- The three payers' accounts (`crate::accounts`) [£] ----
    /// Commissioner: tariffs paid to the acute trust (emergency spells, excess bed days, planned
    /// spells, A&E attendances) — the trust's tariff income.
    pub commissioner_tariff_paid: f64,
    /// Commissioner: planned-spell tariffs.
    pub commissioner_elective_tariff: f64,
    /// Commissioner: A&E attendances.
    pub commissioner_ae: f64,
    /// Commissioner: urgent care centre attendances (not paid to the trust).
    pub commissioner_urgent_care: f64,
    /// Commissioner: admission-avoidance services and early supported discharge.
    pub commissioner_avoidance: f64,
    /// Commissioner: step-down beds (block beds paid empty or full).
    pub commissioner_step_down: f64,
    /// Commissioner: hospice beds.
    pub commissioner_hospice: f64,
    /// Commissioner: allocation for the services modelled (base budget × allocation growth).
    pub commissioner_budget: f64,
    /// Commissioner: budget less spending (negative = over budget).
    pub commissioner_headroom: f64,
    /// Savings the commissioner had to find that year across its whole budget (seed 004 Table 2).
    pub required_savings: f64,
    /// Acute trust: tariff income (= `commissioner_tariff_paid`).
    pub provider_tariff_income: f64,
    /// Acute trust: reimbursement from social care for delays attributable to it.
    pub provider_reimbursement_income: f64,
    /// Acute trust: all income.
    pub provider_income: f64,
    /// Acute trust: fixed cost of the wards open (released only a whole ward at a time).
    pub provider_ward_fixed_cost: f64,
    /// Acute trust: variable cost of occupied bed days.
    pub provider_bed_day_cost: f64,
    /// Acute trust: escalation beds at a premium.
    pub provider_escalation_cost: f64,
    /// Acute trust: costs outside the wards (theatres, diagnostics, drugs, overheads).
    pub provider_non_ward_cost: f64,
    /// Acute trust: all costs (ward costs = `provider_cost`, plus costs outside the wards).
    pub provider_total_cost: f64,
    /// Acute trust: income less costs.
    pub provider_margin: f64,
    /// Acute trust: cash it must save that year, against 2009/10 unit costs, to keep this margin
    /// under a 0% tariff uplift.
    pub provider_efficiency_required: f64,
    /// Social care: care packages (block places paid whether used or not).
    pub social_care_packages: f64,
    /// Social care: care-home placements.
    pub social_care_care_homes: f64,
    /// Social care: reimbursement paid to the trust for delays attributable to it.
    pub social_care_reimbursement: f64,
    /// Social care: all spending (packages, placements, reimbursement).
    pub social_care_spend: f64,
    /// Delayed bed days at the full cost of a bed day (the acute cost of delays).
    pub cost_of_delays: f64,
    // ---- Beds in whole wards ----
    /// Acute wards open at the year end [wards].
    pub wards_open_end: f64,
    /// Acute wards closed since the start of the run, step-down conversions included [wards].
    pub wards_closed: f64,
    /// Acute beds taken out of the bed base since the start of the run [beds].
    pub beds_freed: f64,
}

/// A complete run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Results {
    pub days: usize,
    /// First financial year (2008 = 2008/09).
    pub start_year: u32,
    pub daily: Daily,
    pub monthly: Vec<MonthSummary>,
    pub yearly: Vec<YearKpis>,
}

impl Results {
    /// KPIs for the financial year labelled e.g. "2012/13".
    pub fn year(&self, label: &str) -> Option<&YearKpis> {
        self.yearly.iter().find(|y| y.year == label)
    }

    /// Per-stream daily series sum over a day range.
    pub fn stream_total(
        series: &PerStream<Vec<f64>>,
        s: Stream,
        range: std::ops::Range<usize>,
    ) -> f64 {
        series.get(s)[range].iter().sum()
    }
}
