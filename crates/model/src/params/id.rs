//! Typed lever ids: one variant per registered lever, so a lever named in code is checked by the
//! compiler. Files, links, sweeps and the CLI name levers by their stable string paths; the one
//! mapping between the two is here ([`LeverId::path`], [`LeverId::from_path`]).
//!
//! The variants are in the registry's display order, and a test checks that they and the
//! registry list the same levers in the same order: adding a lever to the registry means adding
//! its line here (the test's message gives the line).

use serde::{Serialize, Serializer};

macro_rules! lever_ids {
    ($($id:ident => $path:literal,)*) => {
        /// A registered lever (see [`crate::params`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum LeverId {
            $($id,)*
        }

        impl LeverId {
            /// Every lever, in the registry's display order.
            pub const ALL: &'static [LeverId] = &[$(LeverId::$id,)*];

            /// The lever's stable path in files, links and the CLI ("beds.escalation_beds").
            pub const fn path(self) -> &'static str {
                match self {
                    $(LeverId::$id => $path,)*
                }
            }
        }
    };
}

lever_ids! {
    PopulationPopulation => "population.population",
    PopulationGrowth => "population.growth",
    PopulationAdultShare => "population.adult_share",
    DemandEmergencyAdmissions => "demand.emergency_admissions",
    DemandEmergencyGrowth => "demand.emergency_growth",
    DemandStreamShareEndOfLife => "demand.stream_share.end_of_life",
    DemandStreamShareAcsc => "demand.stream_share.acsc",
    DemandStreamShareFrail => "demand.stream_share.frail",
    DemandWinterUplift => "demand.winter_uplift",
    DemandWeekendDip => "demand.weekend_dip",
    DemandElectiveAdmissions => "demand.elective_admissions",
    DemandElectiveLos => "demand.elective_los",
    DemandAeAttendances => "demand.ae_attendances",
    DemandAeGrowth => "demand.ae_growth",
    AeAdmittedViaAe => "ae.admitted_via_ae",
    AeHoursToDecision => "ae.hours_to_decision",
    AeStandardHours => "ae.standard_hours",
    AeNotAdmittedOverStandard => "ae.not_admitted_over_standard",
    DemandSurgeEnabled => "demand.surge.enabled",
    DemandSurgeEveryWinter => "demand.surge.every_winter",
    DemandSurgeStartDay => "demand.surge.start_day",
    DemandSurgeDurationDays => "demand.surge.duration_days",
    DemandSurgeDemandUplift => "demand.surge.demand_uplift",
    DemandSurgeLosUplift => "demand.surge.los_uplift",
    DemandSurgeBedsClosed => "demand.surge.beds_closed",
    DemandSurgeDownstreamCapacityCut => "demand.surge.downstream_capacity_cut",
    CareCloserToHomeUrgentCareDivertedPerYear => "care_closer_to_home.urgent_care.diverted_per_year",
    CareCloserToHomeUrgentCareRampStart => "care_closer_to_home.urgent_care.ramp.start",
    CareCloserToHomeUrgentCareRampRampYears => "care_closer_to_home.urgent_care.ramp.ramp_years",
    CareCloserToHomeEarlySupportedDischargeCapacity => "care_closer_to_home.early_supported_discharge.capacity",
    CareCloserToHomeEarlySupportedDischargeEligibleShare => "care_closer_to_home.early_supported_discharge.eligible_share",
    CareCloserToHomeEarlySupportedDischargeDaysSaved => "care_closer_to_home.early_supported_discharge.days_saved",
    CareCloserToHomeEarlySupportedDischargeLengthOfService => "care_closer_to_home.early_supported_discharge.length_of_service",
    CareCloserToHomeEarlySupportedDischargeCostPerDay => "care_closer_to_home.early_supported_discharge.cost_per_day",
    CareCloserToHomeEarlySupportedDischargeRampStart => "care_closer_to_home.early_supported_discharge.ramp.start",
    BedsBase => "beds.base",
    BedsWardSize => "beds.ward_size",
    BedsEscalationBeds => "beds.escalation_beds",
    BedsEscalationTrigger => "beds.escalation_trigger",
    BedsWinterLosUplift => "beds.winter_los_uplift",
    BedsLosReductionReduction => "beds.los_reduction.reduction",
    BedsLosReductionRampStart => "beds.los_reduction.ramp.start",
    BedsLosReductionRampRampYears => "beds.los_reduction.ramp.ramp_years",
    BedsLosEndOfLife => "beds.los.end_of_life",
    BedsLosAcsc => "beds.los.acsc",
    BedsLosFrail => "beds.los.frail",
    BedsLosOther => "beds.los.other",
    CareCloserToHomeAvoidanceAcscCapacity => "care_closer_to_home.avoidance.acsc.capacity",
    CareCloserToHomeAvoidanceAcscEligibleShare => "care_closer_to_home.avoidance.acsc.eligible_share",
    CareCloserToHomeAvoidanceAcscEffectiveness => "care_closer_to_home.avoidance.acsc.effectiveness",
    CareCloserToHomeAvoidanceAcscLengthOfService => "care_closer_to_home.avoidance.acsc.length_of_service",
    CareCloserToHomeAvoidanceAcscCostPerDay => "care_closer_to_home.avoidance.acsc.cost_per_day",
    CareCloserToHomeAvoidanceAcscRampStart => "care_closer_to_home.avoidance.acsc.ramp.start",
    CareCloserToHomeAvoidanceAcscRampRampYears => "care_closer_to_home.avoidance.acsc.ramp.ramp_years",
    CareCloserToHomeAvoidanceAcscRampProfile => "care_closer_to_home.avoidance.acsc.ramp.profile",
    CareCloserToHomeAvoidanceFrailCapacity => "care_closer_to_home.avoidance.frail.capacity",
    CareCloserToHomeAvoidanceFrailEligibleShare => "care_closer_to_home.avoidance.frail.eligible_share",
    CareCloserToHomeAvoidanceFrailEffectiveness => "care_closer_to_home.avoidance.frail.effectiveness",
    CareCloserToHomeAvoidanceFrailLengthOfService => "care_closer_to_home.avoidance.frail.length_of_service",
    CareCloserToHomeAvoidanceFrailCostPerDay => "care_closer_to_home.avoidance.frail.cost_per_day",
    CareCloserToHomeAvoidanceFrailRampStart => "care_closer_to_home.avoidance.frail.ramp.start",
    CareCloserToHomeAvoidanceFrailRampRampYears => "care_closer_to_home.avoidance.frail.ramp.ramp_years",
    CareCloserToHomeAvoidanceFrailRampProfile => "care_closer_to_home.avoidance.frail.ramp.profile",
    CareCloserToHomeAvoidanceOtherCapacity => "care_closer_to_home.avoidance.other.capacity",
    CareCloserToHomeAvoidanceOtherEligibleShare => "care_closer_to_home.avoidance.other.eligible_share",
    CareCloserToHomeAvoidanceOtherEffectiveness => "care_closer_to_home.avoidance.other.effectiveness",
    CareCloserToHomeAvoidanceOtherLengthOfService => "care_closer_to_home.avoidance.other.length_of_service",
    CareCloserToHomeAvoidanceOtherCostPerDay => "care_closer_to_home.avoidance.other.cost_per_day",
    CareCloserToHomeAvoidanceOtherRampStart => "care_closer_to_home.avoidance.other.ramp.start",
    CareCloserToHomeAvoidanceOtherRampRampYears => "care_closer_to_home.avoidance.other.ramp.ramp_years",
    CareCloserToHomeAvoidanceOtherRampProfile => "care_closer_to_home.avoidance.other.ramp.profile",
    CareCloserToHomeServicesCommunityMatronsOn => "care_closer_to_home.services.community_matrons.on",
    CareCloserToHomeServicesCommunityMatronsCapacity => "care_closer_to_home.services.community_matrons.capacity",
    CareCloserToHomeServicesCommunityMatronsEffect => "care_closer_to_home.services.community_matrons.effect",
    CareCloserToHomeServicesCommunityMatronsRampStart => "care_closer_to_home.services.community_matrons.ramp.start",
    CareCloserToHomeServicesCommunityMatronsCostPerDay => "care_closer_to_home.services.community_matrons.cost_per_day",
    CareCloserToHomeServicesCommunityMatronsBlockShare => "care_closer_to_home.services.community_matrons.block_share",
    CareCloserToHomeServicesOwnhealthOn => "care_closer_to_home.services.ownhealth.on",
    CareCloserToHomeServicesOwnhealthCapacity => "care_closer_to_home.services.ownhealth.capacity",
    CareCloserToHomeServicesOwnhealthEffect => "care_closer_to_home.services.ownhealth.effect",
    CareCloserToHomeServicesOwnhealthRampStart => "care_closer_to_home.services.ownhealth.ramp.start",
    CareCloserToHomeServicesOwnhealthCostPerDay => "care_closer_to_home.services.ownhealth.cost_per_day",
    CareCloserToHomeServicesOwnhealthBlockShare => "care_closer_to_home.services.ownhealth.block_share",
    CareCloserToHomeServicesCommunityRehabOn => "care_closer_to_home.services.community_rehab.on",
    CareCloserToHomeServicesCommunityRehabCapacity => "care_closer_to_home.services.community_rehab.capacity",
    CareCloserToHomeServicesCommunityRehabEffect => "care_closer_to_home.services.community_rehab.effect",
    CareCloserToHomeServicesCommunityRehabRampStart => "care_closer_to_home.services.community_rehab.ramp.start",
    CareCloserToHomeServicesCommunityRehabCostPerDay => "care_closer_to_home.services.community_rehab.cost_per_day",
    CareCloserToHomeServicesCommunityRehabBlockShare => "care_closer_to_home.services.community_rehab.block_share",
    CareCloserToHomeServicesRapidResponseOn => "care_closer_to_home.services.rapid_response.on",
    CareCloserToHomeServicesRapidResponseCapacity => "care_closer_to_home.services.rapid_response.capacity",
    CareCloserToHomeServicesRapidResponseEffect => "care_closer_to_home.services.rapid_response.effect",
    CareCloserToHomeServicesRapidResponseRampStart => "care_closer_to_home.services.rapid_response.ramp.start",
    CareCloserToHomeServicesRapidResponseCostPerDay => "care_closer_to_home.services.rapid_response.cost_per_day",
    CareCloserToHomeServicesRapidResponseBlockShare => "care_closer_to_home.services.rapid_response.block_share",
    CareCloserToHomeServicesIvTherapyOn => "care_closer_to_home.services.iv_therapy.on",
    CareCloserToHomeServicesIvTherapyCapacity => "care_closer_to_home.services.iv_therapy.capacity",
    CareCloserToHomeServicesIvTherapyEffect => "care_closer_to_home.services.iv_therapy.effect",
    CareCloserToHomeServicesIvTherapyRampStart => "care_closer_to_home.services.iv_therapy.ramp.start",
    CareCloserToHomeServicesIvTherapyCostPerDay => "care_closer_to_home.services.iv_therapy.cost_per_day",
    CareCloserToHomeServicesIvTherapyBlockShare => "care_closer_to_home.services.iv_therapy.block_share",
    CareCloserToHomeServicesHomeChemotherapyOn => "care_closer_to_home.services.home_chemotherapy.on",
    CareCloserToHomeServicesHomeChemotherapyCapacity => "care_closer_to_home.services.home_chemotherapy.capacity",
    CareCloserToHomeServicesHomeChemotherapyEffect => "care_closer_to_home.services.home_chemotherapy.effect",
    CareCloserToHomeServicesHomeChemotherapyRampStart => "care_closer_to_home.services.home_chemotherapy.ramp.start",
    CareCloserToHomeServicesHomeChemotherapyCostPerDay => "care_closer_to_home.services.home_chemotherapy.cost_per_day",
    CareCloserToHomeServicesHomeChemotherapyBlockShare => "care_closer_to_home.services.home_chemotherapy.block_share",
    CareCloserToHomeServicesFamilyLiaisonOn => "care_closer_to_home.services.family_liaison.on",
    CareCloserToHomeServicesFamilyLiaisonCapacity => "care_closer_to_home.services.family_liaison.capacity",
    CareCloserToHomeServicesFamilyLiaisonEffect => "care_closer_to_home.services.family_liaison.effect",
    CareCloserToHomeServicesFamilyLiaisonRampStart => "care_closer_to_home.services.family_liaison.ramp.start",
    CareCloserToHomeServicesFamilyLiaisonCostPerDay => "care_closer_to_home.services.family_liaison.cost_per_day",
    CareCloserToHomeServicesFamilyLiaisonBlockShare => "care_closer_to_home.services.family_liaison.block_share",
    DischargeStepDownBeds => "discharge.step_down.beds",
    DischargeStepDownAddedBeds => "discharge.step_down.added_beds",
    DischargeStepDownAddedRampStart => "discharge.step_down.added_ramp.start",
    DischargeStepDownLengthOfStay => "discharge.step_down.length_of_stay",
    DischargeStepDownToHome => "discharge.step_down.to_home",
    DischargeStepDownToCarePackage => "discharge.step_down.to_care_package",
    DischargeCarePackagesStartsPerWeek => "discharge.care_packages.starts_per_week",
    DischargeCarePackagesGrowthFollowsDemand => "discharge.care_packages.growth_follows_demand",
    DischargeCarePackagesGrowth => "discharge.care_packages.growth",
    DischargeCarePackagesAddedPerWeek => "discharge.care_packages.added_per_week",
    DischargeCarePackagesLengthOfService => "discharge.care_packages.length_of_service",
    DischargeCareHomesStartsPerWeek => "discharge.care_homes.starts_per_week",
    DischargeCareHomesGrowthFollowsDemand => "discharge.care_homes.growth_follows_demand",
    DischargeCareHomesGrowth => "discharge.care_homes.growth",
    DischargeCareHomesAddedPerWeek => "discharge.care_homes.added_per_week",
    DischargeCareHomesLengthOfService => "discharge.care_homes.length_of_service",
    DischargeWinterCapacityCut => "discharge.winter_capacity_cut",
    DischargeWeekendWorking => "discharge.weekend_working",
    DischargeDischargeToAssessShare => "discharge.discharge_to_assess.share",
    DischargeDischargeToAssessRampStart => "discharge.discharge_to_assess.ramp.start",
    DischargeDischargeToAssessRampRampYears => "discharge.discharge_to_assess.ramp.ramp_years",
    EndOfLifeCrudeDeathRate => "end_of_life.crude_death_rate",
    EndOfLifeExpectedShare => "end_of_life.expected_share",
    EndOfLifeRegisterCoverage => "end_of_life.register_coverage",
    EndOfLifeRegisterCoverageTarget => "end_of_life.register_coverage_target",
    EndOfLifeRegisterRampRampYears => "end_of_life.register_ramp.ramp_years",
    EndOfLifeHospiceBeds => "end_of_life.hospice_beds",
    EndOfLifeHospiceStay => "end_of_life.hospice_stay",
    EndOfLifeHospiceDeathShare => "end_of_life.hospice_death_share",
    EndOfLifeSupportPlaces => "end_of_life.support.places",
    EndOfLifeSupportRampStart => "end_of_life.support.ramp.start",
    EndOfLifeSupportRampRampYears => "end_of_life.support.ramp.ramp_years",
    EndOfLifeSupportEffectiveness => "end_of_life.support.effectiveness",
    EndOfLifeSupportCostPerDay => "end_of_life.support.cost_per_day",
    EndOfLifeCohortIdentificationDays => "end_of_life.cohort.identification_days",
    EndOfLifeCohortAdmissionsBeforeTheLast => "end_of_life.cohort.admissions_before_the_last",
    EndOfLifeCohortFinalAdmission => "end_of_life.cohort.final_admission",
    EndOfLifeCohortCareHomeResidents => "end_of_life.cohort.care_home_residents",
    EndOfLifeCohortPrefersHome => "end_of_life.cohort.prefers_home",
    EndOfLifeCohortPrefersHospice => "end_of_life.cohort.prefers_hospice",
    EndOfLifeCohortPrefersHospital => "end_of_life.cohort.prefers_hospital",
    EndOfLifeCohortHospiceReferralUnregistered => "end_of_life.cohort.hospice_referral_unregistered",
    EndOfLifeCohortSuddenElsewhere => "end_of_life.cohort.sudden_elsewhere",
    MoneyEmergencyTariffEndOfLife => "money.emergency_tariff.end_of_life",
    MoneyEmergencyTariffAcsc => "money.emergency_tariff.acsc",
    MoneyEmergencyTariffFrail => "money.emergency_tariff.frail",
    MoneyEmergencyTariffOther => "money.emergency_tariff.other",
    MoneyExcessBedDay => "money.excess_bed_day",
    MoneyElectiveTariff => "money.elective_tariff",
    MoneyAeAttendance => "money.ae_attendance",
    MoneyUccAttendance => "money.ucc_attendance",
    MoneyBedDayCost => "money.bed_day_cost",
    MoneyBedFixedShare => "money.bed_fixed_share",
    MoneyStepDownBedDay => "money.step_down_bed_day",
    MoneyCarePackageWeek => "money.care_package_week",
    MoneyCareHomeWeek => "money.care_home_week",
    MoneyHospiceDay => "money.hospice_day",
    DischargeCarePackagesProcessAssessmentShare => "discharge.care_packages.process.assessment.share",
    DischargeCarePackagesProcessAssessmentWorkingDays => "discharge.care_packages.process.assessment.working_days",
    DischargeCarePackagesProcessFundingShare => "discharge.care_packages.process.funding.share",
    DischargeCarePackagesProcessFundingWorkingDays => "discharge.care_packages.process.funding.working_days",
    DischargeCarePackagesProcessChoiceShare => "discharge.care_packages.process.choice.share",
    DischargeCarePackagesProcessChoiceWorkingDays => "discharge.care_packages.process.choice.working_days",
    DischargeCarePackagesProcessArrangingShare => "discharge.care_packages.process.arranging.share",
    DischargeCarePackagesProcessArrangingWorkingDays => "discharge.care_packages.process.arranging.working_days",
    DischargeStepDownProcessAssessmentShare => "discharge.step_down.process.assessment.share",
    DischargeStepDownProcessAssessmentWorkingDays => "discharge.step_down.process.assessment.working_days",
    DischargeStepDownProcessFundingShare => "discharge.step_down.process.funding.share",
    DischargeStepDownProcessFundingWorkingDays => "discharge.step_down.process.funding.working_days",
    DischargeStepDownProcessChoiceShare => "discharge.step_down.process.choice.share",
    DischargeStepDownProcessChoiceWorkingDays => "discharge.step_down.process.choice.working_days",
    DischargeStepDownProcessArrangingShare => "discharge.step_down.process.arranging.share",
    DischargeStepDownProcessArrangingWorkingDays => "discharge.step_down.process.arranging.working_days",
    DischargeCareHomesProcessAssessmentShare => "discharge.care_homes.process.assessment.share",
    DischargeCareHomesProcessAssessmentWorkingDays => "discharge.care_homes.process.assessment.working_days",
    DischargeCareHomesProcessFundingShare => "discharge.care_homes.process.funding.share",
    DischargeCareHomesProcessFundingWorkingDays => "discharge.care_homes.process.funding.working_days",
    DischargeCareHomesProcessChoiceShare => "discharge.care_homes.process.choice.share",
    DischargeCareHomesProcessChoiceWorkingDays => "discharge.care_homes.process.choice.working_days",
    DischargeCareHomesProcessArrangingShare => "discharge.care_homes.process.arranging.share",
    DischargeCareHomesProcessArrangingWorkingDays => "discharge.care_homes.process.arranging.working_days",
    DischargeResponsibilityAssessmentNhs => "discharge.responsibility.assessment.nhs",
    DischargeResponsibilityAssessmentSocialCare => "discharge.responsibility.assessment.social_care",
    DischargeResponsibilityPublicFundingNhs => "discharge.responsibility.public_funding.nhs",
    DischargeResponsibilityPublicFundingSocialCare => "discharge.responsibility.public_funding.social_care",
    DischargeResponsibilityFurtherNhsCareNhs => "discharge.responsibility.further_nhs_care.nhs",
    DischargeResponsibilityFurtherNhsCareSocialCare => "discharge.responsibility.further_nhs_care.social_care",
    DischargeResponsibilityCareHomeNhs => "discharge.responsibility.care_home.nhs",
    DischargeResponsibilityCareHomeSocialCare => "discharge.responsibility.care_home.social_care",
    DischargeResponsibilityCarePackageNhs => "discharge.responsibility.care_package.nhs",
    DischargeResponsibilityCarePackageSocialCare => "discharge.responsibility.care_package.social_care",
    DischargeResponsibilityChoiceNhs => "discharge.responsibility.choice.nhs",
    DischargeResponsibilityChoiceSocialCare => "discharge.responsibility.choice.social_care",
    WardsClosed => "wards.closed",
    WardsStart => "wards.start",
    WardsPerYear => "wards.per_year",
    WardsStepDownWards => "wards.step_down_wards",
    AccountsBlockShareCarePackage => "accounts.block_share.care_package",
    AccountsBlockShareCareHome => "accounts.block_share.care_home",
    AccountsBlockShareStepDown => "accounts.block_share.step_down",
    AccountsEscalationPremium => "accounts.escalation_premium",
    AccountsNonWardCostShare => "accounts.non_ward_cost_share",
    AccountsReimbursementPerDay => "accounts.reimbursement_per_day",
    AccountsEfficiencyRequirement => "accounts.efficiency_requirement",
    AccountsBudgetBase => "accounts.budget_base",
    AccountsAllocationGrowth2009 => "accounts.allocation_growth.2009",
    AccountsAllocationGrowth2010 => "accounts.allocation_growth.2010",
    AccountsAllocationGrowth2011 => "accounts.allocation_growth.2011",
    AccountsAllocationGrowth2012 => "accounts.allocation_growth.2012",
    AccountsAllocationGrowth2013 => "accounts.allocation_growth.2013",
    AccountsRequiredSavings2010 => "accounts.required_savings.2010",
    AccountsRequiredSavings2011 => "accounts.required_savings.2011",
    AccountsRequiredSavings2012 => "accounts.required_savings.2012",
    MoneyInvestment2010 => "money.investment.2010",
    MoneyInvestment2011 => "money.investment.2011",
    MoneyInvestment2012 => "money.investment.2012",
    MoneyInvestment2013 => "money.investment.2013",
    MoneyPlannedSavings2010 => "money.planned_savings.2010",
    MoneyPlannedSavings2011 => "money.planned_savings.2011",
    MoneyPlannedSavings2012 => "money.planned_savings.2012",
    MoneyPlannedSavings2013 => "money.planned_savings.2013",
}

impl LeverId {
    /// The lever with this path, if one is registered.
    pub fn from_path(path: &str) -> Option<LeverId> {
        LeverId::ALL.iter().copied().find(|id| id.path() == path)
    }

    /// Position in the registry's display order.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl Serialize for LeverId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.path())
    }
}

impl std::fmt::Display for LeverId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.path())
    }
}
