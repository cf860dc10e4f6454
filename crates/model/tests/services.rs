//! The care-closer-to-home catalogue (`scenario::services`): conservation through each service,
//! capacity that binds, the effects reproduced person by person in the DES, the two engines
//! agreeing, the belief presets, and the later care needs of people whose admissions are avoided.

use careflow_model::des;
use careflow_model::presets;
use careflow_model::results::{Results, ServiceDaily};
use careflow_model::scenario::{Reach, Scenario};

fn sd(s: &Scenario) -> Results {
    careflow_model::sd::run(s).expect("valid")
}

fn year_range(r: &Results, label: &str) -> std::ops::Range<usize> {
    let start_year = r.start_year;
    let y: u32 = label[..4].parse().unwrap();
    let ds = careflow_model::calendar::days(start_year, (y - start_year) + 1);
    let first = ds
        .iter()
        .position(|d| d.year_index == y - start_year)
        .unwrap();
    first..ds.len()
}

fn sum(v: &[f64], r: std::ops::Range<usize>) -> f64 {
    v[r].iter().sum()
}

fn mean(v: &[f64], r: std::ops::Range<usize>) -> f64 {
    let n = r.len() as f64;
    sum(v, r) / n
}

fn on(s: &Scenario) -> impl Iterator<Item = &careflow_model::scenario::CommunityService> {
    s.care_closer_to_home.services.iter().filter(|v| v.on)
}

/// Stocks and flows of one service's record agree day by day: the caseload changes by starts
/// less ends, the waiting list by referrals less starts and those turned away (at crisis, nobody
/// waits: every referral is taken on or turned away).
fn assert_conserved(v: &ServiceDaily, at_crisis: bool, tol: f64) {
    let n = v.caseload.len();
    assert!(n > 400);
    for d in 0..n - 1 {
        let k = v.caseload[d] + v.started[d] - v.ended[d];
        assert!(
            (v.caseload[d + 1] - k).abs() <= tol * (1.0 + k.abs()),
            "{} day {d}: caseload {} then {} (started {}, ended {})",
            v.id,
            v.caseload[d],
            v.caseload[d + 1],
            v.started[d],
            v.ended[d]
        );
        let w = v.waiting[d] + v.referred[d] - v.started[d] - v.turned_away[d];
        if at_crisis {
            assert!(v.waiting[d] == 0.0);
            assert!(
                (v.referred[d] - v.started[d] - v.turned_away[d]).abs()
                    <= tol * (1.0 + v.referred[d])
            );
        } else {
            assert!(
                (v.waiting[d + 1] - w).abs() <= tol * (1.0 + w.abs()),
                "{} day {d}: waiting {} then {}",
                v.id,
                v.waiting[d],
                v.waiting[d + 1]
            );
        }
        // Nobody is taken on beyond the day's places (a service whose places shrink keeps its
        // people until they leave).
        let cap = v.places[d].max(v.caseload[d]);
        assert!(
            v.caseload[d + 1] <= cap + 1.0 + tol * cap,
            "{} day {d} over its places: {} > {}",
            v.id,
            v.caseload[d + 1],
            v.places[d]
        );
        assert!(v.avoided[d] <= v.started[d].max(0.0) + 1e-9 || !at_crisis);
    }
}

#[test]
fn every_service_conserves_people_in_both_engines() {
    let s = presets::strategic_plan();
    let r = sd(&s);
    let services: Vec<_> = on(&s).collect();
    assert_eq!(r.daily.services.len(), services.len());
    for (v, c) in r.daily.services.iter().zip(&services) {
        assert_eq!(v.id, c.id);
        assert_conserved(v, c.at_crisis(), 1e-9);
    }
    let d = des::run(&s, 0).unwrap().results;
    for (v, c) in d.daily.services.iter().zip(&services) {
        assert_conserved(v, c.at_crisis(), 0.0);
        // Whole people.
        assert!(v.caseload.iter().all(|x| x.fract() == 0.0));
    }
}

fn rehab_only(capacity: f64, identified: f64) -> Scenario {
    let mut s = presets::do_nothing();
    let v = s
        .service_mut(careflow_model::scenario::COMMUNITY_REHAB)
        .unwrap();
    v.on = true;
    v.capacity = capacity;
    v.ramp.start = 2008.0;
    v.ramp.ramp_years = 0.0;
    if let Reach::AtCrisis {
        identified_share, ..
    } = &mut v.reach
    {
        *identified_share = identified;
    }
    s
}

#[test]
fn a_full_service_turns_people_away_and_avoids_no_more() {
    // 100 places of 42 days take ≈ 2.4 people a day; frail would-be admissions offered at
    // 0.5 × 0.8 are ≈ 16 a day, so the service is full.
    let (a, b) = (rehab_only(100.0, 0.5), rehab_only(100.0, 1.0));
    for (label, ra, rb) in [
        ("SD", sd(&a), sd(&b)),
        (
            "DES",
            des::run(&a, 1).unwrap().results,
            des::run(&b, 1).unwrap().results,
        ),
    ] {
        let yr = year_range(&ra, "2010/11");
        let (va, vb) = (&ra.daily.services[0], &rb.daily.services[0]);
        let (aa, ab) = (sum(&va.avoided, yr.clone()), sum(&vb.avoided, yr.clone()));
        let (ta, tb) = (
            sum(&va.turned_away, yr.clone()),
            sum(&vb.turned_away, yr.clone()),
        );
        // Throughput bound: places ÷ length × effect a day.
        let bound = 100.0 / 42.0 * 0.3 * 365.0;
        assert!(
            tb > 1.8 * ta && ta > 3_000.0,
            "{label}: turned away {ta} then {tb}"
        );
        assert!(
            aa < 1.1 * bound && ab < 1.1 * bound,
            "{label}: avoided {aa}, {ab} vs bound {bound}"
        );
        // Twice the referrals, no more avoided (within chance for the DES).
        let se = 3.0 * aa.sqrt();
        assert!(
            (ab - aa).abs() <= se.max(1e-6 * aa),
            "{label}: avoided {aa} then {ab}"
        );
    }
}

#[test]
fn the_des_reproduces_each_effect_within_monte_carlo_error() {
    // Plenty of places: the share of people taken on whose admission is avoided is the effect
    // (binomial), and ahead of a crisis the avoided admissions are caseload × rate × effect
    // (Poisson).
    let mut s = presets::strategic_plan();
    for v in &mut s.care_closer_to_home.services {
        v.capacity *= 10.0;
    }
    let r = des::run(&s, 2).unwrap().results;
    let yr = year_range(&r, "2012/13");
    for (v, c) in r.daily.services.iter().zip(on(&s)) {
        let avoided = sum(&v.avoided, yr.clone());
        let p = c.effect.value;
        match c.reach {
            Reach::AtCrisis { .. } => {
                let n = sum(&v.started, yr.clone());
                let sd = (n * p * (1.0 - p)).sqrt();
                assert!(n > 100.0, "{}", c.id);
                assert!(
                    (avoided - n * p).abs() <= 4.0 * sd + 1.0,
                    "{}: {avoided} avoided of {n} taken on, effect {p}",
                    c.id
                );
            }
            Reach::Proactive {
                admissions_per_person_year,
                ..
            } => {
                let person_days = sum(&v.caseload, yr.clone());
                let expect = person_days * admissions_per_person_year / 365.0 * p;
                assert!(
                    (avoided - expect).abs() <= 4.0 * expect.sqrt() + 1.0,
                    "{}: {avoided} avoided, expected {expect}",
                    c.id
                );
            }
        }
    }
}

#[test]
fn the_engines_agree_on_avoided_admissions_and_caseloads() {
    // The plan (community matrons and OwnHealth full, turning people away) and the pessimistic
    // preset. Tolerances: 3–5% for the approximation plus four Monte Carlo standard errors.
    for s in [presets::strategic_plan(), presets::pessimistic()] {
        let a = sd(&s);
        let reps = 6;
        let runs: Vec<Results> = (0..reps)
            .map(|i| des::run(&s, i).unwrap().results)
            .collect();
        let yr = year_range(&a, "2012/13");
        for (j, v) in a.daily.services.iter().enumerate() {
            let sd_av = sum(&v.avoided, yr.clone());
            let sd_k = mean(&v.caseload, yr.clone());
            let des_av: f64 = runs
                .iter()
                .map(|r| sum(&r.daily.services[j].avoided, yr.clone()))
                .sum::<f64>()
                / reps as f64;
            let des_k: f64 = runs
                .iter()
                .map(|r| mean(&r.daily.services[j].caseload, yr.clone()))
                .sum::<f64>()
                / reps as f64;
            // Chance: ≈ √(avoided ÷ replications); plus 5% for the approximation.
            let tol_av = 0.05 * sd_av + 4.0 * (sd_av / reps as f64).sqrt() + 2.0;
            assert!(
                (sd_av - des_av).abs() <= tol_av,
                "{}: avoided SD {sd_av} DES {des_av}",
                v.id
            );
            let tol_k = 0.05 * sd_k + 4.0 * (sd_k / reps as f64).sqrt() + 2.0;
            assert!(
                (sd_k - des_k).abs() <= tol_k,
                "{}: caseload SD {sd_k} DES {des_k}",
                v.id
            );
        }
        let sd_all = a.year("2012/13").unwrap().admissions_avoided;
        let des_all: f64 = runs
            .iter()
            .map(|r| r.year("2012/13").unwrap().admissions_avoided)
            .sum::<f64>()
            / reps as f64;
        assert!(
            (sd_all - des_all).abs() <= 0.03 * sd_all + 4.0 * (sd_all / reps as f64).sqrt(),
            "avoided SD {sd_all} DES {des_all}"
        );
    }
}

#[test]
fn the_plan_as_written_still_avoids_about_7500_and_the_beliefs_order() {
    let dn = sd(&presets::do_nothing())
        .year("2012/13")
        .unwrap()
        .emergency_admissions;
    let fewer = |s: &Scenario| dn - sd(s).year("2012/13").unwrap().emergency_admissions;
    let plan = fewer(&presets::strategic_plan());
    let evidence = fewer(&presets::evidence_weighted());
    let pessimistic = fewer(&presets::pessimistic());
    // Seed 001 §8.6: "By March 2013 some 7,500 admissions will no longer be required".
    assert!(
        (plan - 7_500.0).abs() <= 0.05 * 7_500.0,
        "plan as written: {plan}"
    );
    assert!(
        plan > evidence && evidence > pessimistic && pessimistic > 0.0,
        "plan {plan}, evidence-weighted {evidence}, pessimistic {pessimistic}"
    );
    // Case management and telephone care at no effect avoid nothing (Gravelle et al. 2007;
    // Steventon et al. 2013).
    let r = sd(&presets::evidence_weighted());
    for v in &r.daily.services {
        if v.id == "community_matrons" || v.id == "ownhealth" {
            assert_eq!(v.avoided.iter().sum::<f64>(), 0.0, "{}", v.id);
        }
    }
}

#[test]
fn an_avoided_admission_keeps_its_later_care_need() {
    let s = presets::strategic_plan();
    let mut none = s.clone();
    for v in &mut none.care_closer_to_home.services {
        v.later_care_share = 0.0;
    }
    let (a, b) = (sd(&s), sd(&none));
    let yr = year_range(&a, "2012/13");
    let later = mean(&a.daily.later_package_caseload, yr.clone())
        + mean(&a.daily.later_care_home_caseload, yr.clone());
    assert!(later > 100.0, "{later}");
    assert_eq!(mean(&b.daily.later_package_caseload, yr.clone()), 0.0);
    let (ya, yb) = (a.year("2012/13").unwrap(), b.year("2012/13").unwrap());
    assert!(ya.social_care_cost > yb.social_care_cost);
    // Little's law on the later care packages: caseload ≈ starts × length. The starts are the
    // avoided admissions × the streams' package need; check the order of magnitude against the
    // avoided admissions of the catalogue.
    let avoided: f64 = a
        .daily
        .services
        .iter()
        .map(|v| sum(&v.avoided, yr.clone()))
        .sum();
    let pkg = mean(&a.daily.later_package_caseload, yr.clone());
    assert!(pkg < avoided / 365.0 * 90.0, "{pkg} vs {avoided}");
    // The DES has the same.
    let d = des::run(&s, 3).unwrap().results;
    let dl = mean(&d.daily.later_package_caseload, yr.clone());
    assert!((dl - pkg).abs() <= 0.1 * pkg + 10.0, "SD {pkg} DES {dl}");
}

#[test]
fn a_version_2_file_gets_the_catalogue_and_a_users_service_runs() {
    let mut v = serde_json::to_value(Scenario::default()).unwrap();
    v["schema_version"] = serde_json::json!(2);
    v["care_closer_to_home"]
        .as_object_mut()
        .unwrap()
        .remove("services");
    let s = Scenario::from_value(v).unwrap();
    assert_eq!(
        s.care_closer_to_home.services,
        Scenario::default().care_closer_to_home.services
    );
    s.validate().unwrap();
    // A user's own service from the template, switched on.
    let mut s = presets::do_nothing();
    let mut mine = careflow_model::scenario::CommunityService::template("virtual_ward");
    mine.on = true;
    mine.capacity = 50.0;
    s.care_closer_to_home.services.push(mine);
    s.validate().unwrap();
    let r = sd(&s);
    assert_eq!(r.daily.services.len(), 1);
    assert!(r.daily.services[0].avoided.iter().sum::<f64>() > 0.0);
    // Switched off through its lever, a default service disappears from the record.
    let mut p = presets::strategic_plan();
    p.set("care_closer_to_home.services.ownhealth.on", 0.0)
        .unwrap();
    assert!(sd(&p).daily.services.iter().all(|v| v.id != "ownhealth"));
}
