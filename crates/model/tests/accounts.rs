//! The three payers' accounts and beds in whole wards: accounting identities, signs, ward steps,
//! block capacity, and the U-shape of total cost against care-package capacity (Wood et al.,
//! Appl Health Econ Health Policy 2023).

use careflow_model::accounts::{self, Payer};
use careflow_model::scenario::{Scenario, SCHEMA_VERSION};
use careflow_model::{des, presets, sd, Results, YearKpis};

fn run(s: &Scenario) -> Results {
    sd::run(s).expect("valid scenario runs")
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1.0)
}

fn year<'a>(r: &'a Results, label: &str) -> &'a YearKpis {
    r.year(label).expect("year in the run")
}

fn identities(y: &YearKpis, what: &str) {
    let tol = 1e-6;
    // What the commissioner pays the trust is the trust's tariff income.
    assert!(
        close(y.commissioner_tariff_paid, y.provider_tariff_income, tol),
        "{what}"
    );
    // The commissioner's spending adds up by setting.
    let by_setting = y.commissioner_tariff_paid
        + y.commissioner_urgent_care
        + y.commissioner_avoidance
        + y.commissioner_step_down
        + y.commissioner_hospice;
    assert!(
        close(by_setting, y.commissioner_cost, tol),
        "{what}: commissioner {by_setting} vs {}",
        y.commissioner_cost
    );
    assert!(
        close(
            y.commissioner_avoidance + y.commissioner_step_down + y.commissioner_hospice,
            y.community_cost,
            tol
        ),
        "{what}: community"
    );
    assert!(
        close(
            y.commissioner_tariff_paid,
            y.emergency_tariff_cost
                + y.excess_bed_day_cost
                + y.commissioner_elective_tariff
                + y.commissioner_ae,
            tol
        ),
        "{what}: tariff"
    );
    // The trust's ward costs (the engines' daily record) add up by cause.
    let wards = y.provider_ward_fixed_cost + y.provider_bed_day_cost + y.provider_escalation_cost;
    assert!(
        close(wards, y.provider_cost, tol),
        "{what}: provider {wards} vs {}",
        y.provider_cost
    );
    assert!(
        close(wards + y.provider_non_ward_cost, y.provider_total_cost, tol),
        "{what}"
    );
    assert!(
        close(
            y.provider_income - y.provider_total_cost,
            y.provider_margin,
            tol
        ),
        "{what}"
    );
    // Social care: packages and placements are the engines' record; the reimbursement it pays is
    // the trust's reimbursement income.
    assert!(
        close(
            y.social_care_packages + y.social_care_care_homes,
            y.social_care_cost,
            tol
        ),
        "{what}: social {} vs {}",
        y.social_care_packages + y.social_care_care_homes,
        y.social_care_cost
    );
    assert!(
        close(
            y.social_care_reimbursement,
            y.provider_reimbursement_income,
            tol
        ),
        "{what}"
    );
    assert!(
        close(
            y.social_care_spend,
            y.social_care_cost + y.social_care_reimbursement,
            tol
        ),
        "{what}"
    );
    // Each payer's bottom line is the signed sum of its causes.
    assert!(
        close(
            Payer::Commissioner.bottom_line_value(y),
            y.commissioner_cost,
            tol
        ),
        "{what}"
    );
    assert!(
        close(Payer::Provider.bottom_line_value(y), y.provider_margin, tol),
        "{what}"
    );
    assert!(
        close(
            Payer::SocialCare.bottom_line_value(y),
            y.social_care_spend,
            tol
        ),
        "{what}"
    );
    // Whole-economy cost counts the tariff once (a transfer) and the reimbursement not at all.
    assert!(
        close(
            y.total_cost,
            y.provider_cost + y.social_care_cost + y.community_cost,
            tol
        ),
        "{what}: total"
    );
}

#[test]
fn the_accounts_add_up_by_payer_and_by_setting_in_both_engines() {
    for p in presets::presets() {
        let r = run(&p.scenario);
        for y in &r.yearly {
            identities(y, &format!("SD {} {}", p.id, y.year));
        }
    }
    let r = des::run(&presets::plan_with_bed_closures(), 0).expect("des runs");
    for y in &r.results.yearly {
        identities(y, &format!("DES plan-with-bed-closures {}", y.year));
    }
}

#[test]
fn the_budget_base_is_the_do_nothing_spending_of_the_first_year() {
    let r = run(&presets::do_nothing());
    let y = year(&r, "2008/09");
    assert!(
        close(
            y.commissioner_cost,
            Scenario::default().accounts.budget_base,
            0.01
        ),
        "modelled commissioner spend {} vs budget base {}",
        y.commissioner_cost,
        Scenario::default().accounts.budget_base
    );
    // The trust breaks even in the do-nothing first year (its statutory duty), within 1% of income.
    assert!(
        y.provider_margin.abs() <= 0.01 * y.provider_income,
        "margin {}",
        y.provider_margin
    );
    // The budget grows by the allocation: 5.5% in 2009/10, then seed 001 §8.5's total resources.
    let b = |fy| accounts::budget(&Scenario::default(), fy);
    assert!(close(b(2009) / b(2008), 1.055, 1e-12));
    assert!(
        close(b(2012) / b(2009), 730.1 / 696.6, 0.001),
        "{}",
        b(2012) / b(2009)
    );
    // The savings BEN had to find (seed 004 Table 2).
    let y12 = year(&r, "2012/13");
    assert_eq!(y12.required_savings, 95.787e6);
    assert_eq!(year(&r, "2010/11").required_savings, 31.929e6);
}

/// An avoided admission: the commissioner pays one tariff less and the trust earns one tariff
/// less; the trust's cost falls only by the variable part (occupied bed days and costs outside
/// the wards) while no ward closes.
#[test]
fn an_avoided_admission_moves_each_account_the_right_way() {
    let base = Scenario::default();
    let mut more = base.clone();
    more.care_closer_to_home.avoidance.frail.capacity = 300.0;
    more.care_closer_to_home.avoidance.frail.ramp.start = 2008.0;
    more.care_closer_to_home.avoidance.frail.ramp.ramp_years = 0.0;
    let (a, b) = (run(&base), run(&more));
    let (ya, yb) = (year(&a, "2009/10"), year(&b, "2009/10"));
    assert!(yb.admissions_avoided > ya.admissions_avoided + 500.0);
    assert!(yb.emergency_tariff_cost < ya.emergency_tariff_cost);
    assert!(yb.provider_tariff_income < ya.provider_tariff_income);
    assert!(yb.commissioner_avoidance > ya.commissioner_avoidance);
    // No ward closes: the fixed cost stays; the variable cost falls.
    assert_eq!(yb.provider_ward_fixed_cost, ya.provider_ward_fixed_cost);
    assert!(yb.provider_bed_day_cost < ya.provider_bed_day_cost);
    let lost_income = ya.provider_income - yb.provider_income;
    let saved_cost = ya.provider_total_cost - yb.provider_total_cost;
    assert!(
        saved_cost > 0.0 && saved_cost < lost_income,
        "saved {saved_cost} lost {lost_income}"
    );
    assert!(yb.provider_margin < ya.provider_margin);
}

/// Closing wards releases their fixed cost in steps of a whole ward: a part-closed ward costs as
/// much as an open one.
#[test]
fn ward_closures_release_fixed_cost_in_whole_wards() {
    let s = Scenario::default();
    let fixed_ward = s.money.bed_day_cost * s.money.bed_fixed_share * s.beds.ward_size;
    let p = |beds| accounts::provider_day(&s, beds, 0.0, 1000.0).ward_fixed;
    // 1,450 beds are 52 wards (the last part-full); 28 beds less is one ward less.
    assert!(close(p(1450.0), 52.0 * fixed_ward, 1e-12));
    assert!(
        close(p(1450.0 - 10.0), p(1450.0), 1e-12),
        "10 beds out of a ward release nothing"
    );
    assert!(close(p(1456.0 - 28.0), 51.0 * fixed_ward, 1e-12));
    assert!(close(p(1456.0 - 56.0), 50.0 * fixed_ward, 1e-12));
    // Through the levers: each closure takes one ward's beds and one ward's fixed cost.
    let mut w = Scenario::default();
    w.wards.closed = 3.0;
    w.wards.start = 2009.0;
    w.wards.per_year = 2.0; // April 2009, October 2009, April 2010
    let r = run(&w);
    let y = |l| year(&r, l);
    assert_eq!(y("2008/09").wards_closed, 0.0);
    assert_eq!(y("2009/10").wards_closed, 2.0);
    assert_eq!(y("2010/11").wards_closed, 3.0);
    assert_eq!(y("2010/11").beds_freed, 3.0 * 28.0);
    assert!(close(
        y("2011/12").provider_ward_fixed_cost,
        49.0 * fixed_ward * 366.0,
        1e-9
    ));
    // Openings add wards.
    let mut o = Scenario::default();
    o.wards.closed = -1.0;
    o.wards.start = 2009.0;
    assert_eq!(year(&run(&o), "2009/10").beds_base_end, 1478.0);
    // Closing more wards than there are is refused with the field's name.
    let mut too_many = Scenario::default();
    too_many.wards.closed = 50.0;
    too_many.wards.step_down_wards = 10.0;
    let issues = too_many.validate().unwrap_err();
    assert!(
        issues.iter().any(|i| i.path == "wards.closed"),
        "{issues:?}"
    );
}

/// The plan's 56 step-down beds are two acute wards: they leave the acute bed base when they open,
/// so the plan's beds are not counted twice; the 442-bed preset closes 16 wards in all.
#[test]
fn step_down_wards_leave_the_acute_stock_and_the_442_bed_preset_uses_the_ward_levers() {
    let plan = run(&presets::strategic_plan());
    let y = year(&plan, "2010/11");
    assert_eq!(y.beds_base_end, 1450.0 - 56.0);
    assert_eq!(y.wards_closed, 2.0);
    assert!(y.mean_step_down_occupied > 0.0);
    let closures = run(&presets::plan_with_bed_closures());
    let y = year(&closures, "2012/13");
    assert_eq!(y.wards_closed, 16.0);
    assert_eq!(y.beds_freed, 448.0);
    assert!(
        (y.beds_freed - 442.0).abs() < 28.0,
        "within a ward of seed 002's 442"
    );
    // Only the whole wards' fixed cost goes (in 2013/14, the first year with all 16 closed).
    let dn = run(&presets::do_nothing());
    let saved = year(&dn, "2013/14").provider_ward_fixed_cost
        - year(&closures, "2013/14").provider_ward_fixed_cost;
    let s = Scenario::default();
    let per_ward_year = s.money.bed_day_cost * s.money.bed_fixed_share * 28.0 * 365.0;
    assert!(close(saved, 16.0 * per_ward_year, 1e-9), "saved {saved}");
}

/// Block capacity is paid whether used or not: with every care package bought as a block, social
/// care pays the same for packages however many are used.
#[test]
fn block_capacity_costs_the_same_used_or_idle() {
    let mut busy = Scenario::default();
    busy.accounts.block_share.care_package = 1.0;
    busy.discharge.care_packages.starts_per_week = 260.0; // well above the ≈ 170 a week used
    let mut idle = busy.clone();
    // Fewer people need a package: the same capacity, less used.
    for s in careflow_model::Stream::ALL {
        let d = idle.discharge.destinations.get_mut(s);
        d.care_package *= 0.5;
    }
    let (a, b) = (run(&busy), run(&idle));
    let (ya, yb) = (year(&a, "2009/10"), year(&b, "2009/10"));
    assert!(yb.utilisation_care_package < ya.utilisation_care_package - 0.2);
    assert!(
        close(ya.social_care_packages, yb.social_care_packages, 1e-9),
        "block packages {} vs {}",
        ya.social_care_packages,
        yb.social_care_packages
    );
    // Bought spot, the idle capacity costs nothing.
    let spot = |mut s: Scenario| {
        s.accounts.block_share.care_package = 0.0;
        year(&run(&s), "2009/10").social_care_packages
    };
    assert!(spot(idle.clone()) < 0.8 * spot(busy.clone()));
    // Step-down beds bought as a block cost their beds, full or empty.
    let s = Scenario::default();
    assert_eq!(
        accounts::step_down_day(&s, 150.0, 10.0),
        accounts::step_down_day(&s, 150.0, 140.0)
    );
}

/// Delay reimbursement: social care pays the trust £100 for each delayed day attributable to it.
#[test]
fn social_care_reimburses_the_trust_for_its_delays() {
    let r = run(&Scenario::default());
    let y = year(&r, "2008/09");
    assert!(close(
        y.social_care_reimbursement,
        100.0 * y.delayed_days_social_care,
        1e-9
    ));
    let mut off = Scenario::default();
    off.accounts.reimbursement_per_day = 0.0;
    let z = year(&run(&off), "2008/09").clone();
    assert_eq!(z.social_care_reimbursement, 0.0);
    assert!(close(
        y.provider_margin - z.provider_margin,
        y.social_care_reimbursement,
        1e-9
    ));
}

/// Capacity has a price: with care packages bought as a block, total cost against care-package
/// capacity falls while more capacity clears delays and rises once it only buys idle packages —
/// the U-shape of Wood et al. (2023), with its bottom inside the range.
#[test]
fn total_cost_against_care_package_capacity_has_an_interior_minimum() {
    let costs: Vec<(f64, f64)> = (0..=13)
        .map(|i| {
            let starts = 168.0 + 4.0 * i as f64;
            let mut s = Scenario::default();
            s.accounts.block_share.care_package = 1.0;
            s.discharge.care_packages.starts_per_week = starts;
            (starts, year(&run(&s), "2009/10").total_cost)
        })
        .collect();
    let (best, min) = costs
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("points");
    let (first, last) = (costs[0].1, costs[costs.len() - 1].1);
    assert!(best > 168.0 && best < 220.0, "bottom at {best}: {costs:?}");
    assert!(first > min + 0.5e6 && last > min + 0.5e6, "{costs:?}");
}

#[test]
fn a_version_2_file_still_loads_with_the_baseline_accounts() {
    let mut v = serde_json::to_value(presets::strategic_plan()).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("wards");
    o.remove("accounts");
    o.insert("schema_version".into(), serde_json::json!(2));
    let s = Scenario::from_value(v).expect("a version-2 file loads");
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    assert_eq!(s.accounts, Scenario::default().accounts);
    assert_eq!(s.wards, Scenario::default().wards);
    s.validate().expect("valid");
}

#[test]
fn the_plans_money_lines_are_levers_by_year() {
    let plan = presets::strategic_plan();
    assert_eq!(plan.get("money.investment.2010"), Some(12.0e6));
    assert_eq!(plan.get("money.planned_savings.2012"), Some(10.8e6));
    let mut s = plan.clone();
    s.set("money.investment.2011", 9.0e6).unwrap();
    assert_eq!(year(&run(&s), "2011/12").investment, 9.0e6);
    s.set("money.investment.2011", 0.0).unwrap();
    assert!(s.money.investment.iter().all(|a| a.year != 2011));
}

/// A community service bought as a block costs its places used or not; bought spot, only what is
/// used. Fewer referrals to community matrons leave places idle: the block's cost stays, the spot
/// cost falls with the caseload.
#[test]
fn a_block_service_costs_its_places_used_or_idle() {
    use careflow_model::scenario::{Reach, COMMUNITY_MATRONS};
    let with = |block: f64, referrals: f64| {
        let mut s = presets::strategic_plan();
        let v = s.service_mut(COMMUNITY_MATRONS).expect("in the catalogue");
        v.block_share = block;
        if let Reach::Proactive {
            referrals_per_year, ..
        } = &mut v.reach
        {
            *referrals_per_year = referrals;
        }
        s
    };
    let cost = |s: &Scenario| {
        let r = run(s);
        let y = year(&r, "2012/13");
        let m = r
            .daily
            .services
            .iter()
            .find(|v| v.id == COMMUNITY_MATRONS)
            .expect("recorded");
        // 2012/13 is the fifth year from 1 April 2008 [place-days].
        let days = careflow_model::calendar::days(s.start_year, s.years);
        let caseload: f64 = days
            .iter()
            .zip(&m.caseload)
            .filter(|(d, _)| d.year_index == 4)
            .map(|(_, k)| k)
            .sum();
        (y.commissioner_avoidance, caseload)
    };
    let (busy_block, busy_used) = cost(&with(1.0, 1_500.0));
    let (idle_block, idle_used) = cost(&with(1.0, 300.0));
    assert!(
        idle_used < 0.5 * busy_used,
        "idle {idle_used} vs busy {busy_used}"
    );
    // The matrons' block (1,000 places × £3 × 365) is paid either way; the other services are
    // the same in both runs.
    assert!(
        close(busy_block, idle_block, 1e-9),
        "block {busy_block} vs {idle_block}"
    );
    let (busy_spot, _) = cost(&with(0.0, 1_500.0));
    let (idle_spot, _) = cost(&with(0.0, 300.0));
    let price = presets::strategic_plan()
        .service(COMMUNITY_MATRONS)
        .expect("in the catalogue")
        .cost_per_day;
    assert!(
        close(busy_spot - idle_spot, (busy_used - idle_used) * price, 1e-6),
        "spot difference {} vs place-days {} × £{price}",
        busy_spot - idle_spot,
        busy_used - idle_used
    );
    // Idle block places cost more than the same service bought spot.
    assert!(idle_block > idle_spot + 0.5 * (1_000.0 * 365.0 - idle_used) * price);
}
