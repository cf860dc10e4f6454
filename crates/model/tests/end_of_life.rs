//! End of life as a cohort of people: conservation, the effect of support (Marie Curie Nursing
//! Service evaluation, Nuffield Trust 2012), capacity that binds (Erlang's loss formula), hospice
//! beds drawing from hospital and home, coverage with and without support places, and the two
//! engines' place of death.

use careflow_model::des::theory::erlang_b;
use careflow_model::des::Engine;
use careflow_model::scenario::Scenario;
use careflow_model::{des, presets, sd, YearKpis};

/// Mean of the DES replications' yearly KPIs, and the 99% half-width of each.
fn des_mean(sc: &Scenario, reps: u32, f: impl Fn(&YearKpis) -> f64) -> Vec<(f64, f64)> {
    let runs: Vec<_> = (0..reps).map(|r| des::run(sc, r).unwrap()).collect();
    (0..sc.years as usize)
        .map(|y| {
            let xs: Vec<f64> = runs.iter().map(|r| f(&r.results.yearly[y])).collect();
            let s = des::stats::Summary::of(&xs);
            (s.mean(), s.half_width(0.99))
        })
        .collect()
}

fn last_year(sc: &Scenario) -> YearKpis {
    sd::run(sc).unwrap().yearly.last().unwrap().clone()
}

fn short(mut s: Scenario, years: u32) -> Scenario {
    s.years = years;
    s
}

#[test]
fn everyone_in_the_cohort_dies_exactly_once_in_one_place() {
    for sc in [presets::do_nothing(), presets::strategic_plan()] {
        let sc = short(sc, 2);
        let mut e = Engine::new(&sc, 3);
        let mut t = -91.0;
        while !e.is_done() {
            t += 17.0;
            e.step_until(t);
            e.check_invariants().unwrap();
        }
        let (daily, extras) = e.finish();
        assert!(extras.eol.entered > 5_000, "{}", extras.eol.entered);
        // Every day's deaths have one place each.
        for d in 0..daily.deaths.len() {
            let places = daily.deaths_hospital[d]
                + daily.deaths_home[d]
                + daily.deaths_care_home[d]
                + daily.deaths_hospice[d]
                + daily.deaths_other[d];
            assert!((places - daily.deaths[d]).abs() < 1e-9);
        }
    }
    // The SD engine's deaths are the crude rate × population, every year.
    for sc in [presets::do_nothing(), presets::strategic_plan()] {
        let r = sd::run(&sc).unwrap();
        for (i, y) in r.yearly.iter().enumerate() {
            let expected = 8.5 * 440.0 * 1.0075f64.powi(i as i32);
            assert!(
                (y.deaths - expected).abs() < 0.01 * expected,
                "{}: {} vs {expected}",
                y.year,
                y.deaths
            );
        }
    }
}

/// A comparison like the Nuffield Trust's: everyone on the register, half of them supported,
/// nobody in a care home, no hospice; supported against registered people without a place.
#[test]
fn support_reproduces_the_marie_curie_effect_within_monte_carlo_error() {
    let mut sc = short(presets::do_nothing(), 2);
    let e = &mut sc.end_of_life;
    e.register_coverage = 1.0;
    e.register_coverage_target = 1.0;
    e.hospice_beds = 0.0;
    e.cohort.care_home_residents = 0.0;
    // Registered people at once ≈ 2,805 a year × 60 / 365 ≈ 460: 230 places support about half.
    e.support.places = 230.0;
    e.support.ramp.start = 2000.0;
    let c = sc.end_of_life.cohort.clone();
    let eff = sc.end_of_life.support.effectiveness;
    let (mut n, mut home, mut last) = ([0u64; 2], [0u64; 2], [0u64; 2]);
    let (mut admitted, mut managed) = (0u64, 0u64);
    for rep in 0..4 {
        let (_, x) = Engine::new(&sc, rep).finish();
        for g in 0..2 {
            // No care homes and no hospice: everyone dies at home or in a last admission
            // (counted when it starts; a few still in hospital at the end).
            assert_eq!(x.eol.deaths[g][1] + x.eol.deaths[g][2], 0);
            n[g] += x.eol.deaths[g][0] + x.eol.last_admissions[g];
            home[g] += x.eol.deaths[g][0];
            last[g] += x.eol.last_admissions[g];
        }
        admitted += x.eol.supported_admitted;
        managed += x.eol.supported_managed;
    }
    assert!(n[0] > 1_500 && n[1] > 1_500, "{n:?}");
    let share = |a: u64, b: u64| a as f64 / b as f64;
    let se = |p: f64, n: u64| (p * (1.0 - p) / n as f64).sqrt();
    // Last admissions: unsupported people choosing hospital or having a crisis; support manages
    // 68% of the crises at home.
    let p_hosp = c.prefers_hospital;
    let expect_last = [
        p_hosp + (1.0 - p_hosp) * c.final_admission * (1.0 - eff),
        p_hosp + (1.0 - p_hosp) * c.final_admission,
    ];
    for g in 0..2 {
        let p = share(last[g], n[g]);
        assert!(
            (p - expect_last[g]).abs() < 3.5 * se(expect_last[g], n[g]),
            "group {g}: last admissions {p:.3} vs {:.3}",
            expect_last[g]
        );
    }
    // Support's share of emergencies managed at home is the Nuffield Trust's 1 − 0.14/0.44.
    let m = share(managed, managed + admitted);
    assert!(
        (m - (1.0 - 0.14 / 0.44)).abs() < 3.5 * se(m, managed + admitted) + 0.005,
        "managed at home {m:.3}"
    );
    // Emergency admissions per person in the last months, supported against not: the published
    // ratio 0.14 / 0.44 ≈ 0.32, within Monte Carlo error (the unsupported group's admissions
    // before the last are the parameter's 0.44; the last ones are counted).
    let before_supported = admitted as f64 / n[0] as f64;
    let all_supported = before_supported + share(last[0], n[0]);
    let all_unsupported = c.admissions_before_the_last + share(last[1], n[1]);
    let ratio = all_supported / all_unsupported;
    assert!((ratio - 0.14 / 0.44).abs() < 0.03, "ratio {ratio:.3}");
    // Where they die: supported people die at home far more often. The Nuffield Trust found
    // 77% against 35%; this cohort (all expected deaths, not the service's mostly cancer
    // patients) gives a larger gap; the test holds the direction and a gap of 35–55 points.
    let (hs, hu) = (share(home[0], n[0]), share(home[1], n[1]));
    println!(
        "supported {} people: home {hs:.3}, admissions {all_supported:.3}; unsupported {}: home {hu:.3}, admissions {all_unsupported:.3}; ratio {ratio:.3}; managed {m:.3}",
        n[0], n[1]
    );
    assert!(hs - hu > 0.35 && hs - hu < 0.55, "home {hs:.3} vs {hu:.3}");
}

/// Support places are a loss system: the share of registered people who find no place is
/// Erlang's loss formula at the offered load (arrivals × time on the register).
#[test]
fn people_turned_away_for_want_of_a_place_follow_erlangs_loss_formula() {
    let mut sc = short(presets::do_nothing(), 1);
    let e = &mut sc.end_of_life;
    e.register_coverage = 0.6;
    e.register_coverage_target = 0.6;
    e.support.places = 250.0;
    e.support.ramp.start = 2000.0;
    let load = 3_740.0 * 0.75 * 0.6 / 365.0 * 60.0;
    let blocked = erlang_b(250, load);
    assert!(blocked > 0.05, "the case binds: {blocked}");
    let registered = 3_740.0 * 0.75 * 0.6;
    let turned: Vec<(f64, f64)> = des_mean(&sc, 6, |y| y.eol_turned_away);
    let (m, hw) = turned[0];
    assert!(
        (m / registered - blocked).abs() < hw / registered + 0.02,
        "DES {:.3} vs Erlang B {blocked:.3}",
        m / registered
    );
    let s = last_year(&sc).eol_turned_away / registered;
    assert!((s - blocked).abs() < 0.02, "SD {s:.3} vs {blocked:.3}");
}

#[test]
fn more_hospice_beds_take_deaths_from_hospital_and_home() {
    for base in [presets::do_nothing(), presets::strategic_plan()] {
        let before = last_year(&base);
        let mut more = base.clone();
        more.end_of_life.hospice_beds = 40.0;
        let after = last_year(&more);
        let hospice = after.deaths_hospice - before.deaths_hospice;
        let hospital = before.deaths_hospital - after.deaths_hospital;
        let home = before.deaths_home - after.deaths_home;
        assert!(hospice > 100.0, "hospice +{hospice}");
        assert!(
            hospital > 0.1 * hospice,
            "hospital −{hospital} of +{hospice}"
        );
        assert!(home > 0.0, "home −{home}");
        assert!((hospital + home - hospice).abs() < 0.02 * hospice);
    }
}

#[test]
fn coverage_with_support_places_raises_home_deaths_and_cuts_end_of_life_admissions() {
    let base = presets::do_nothing();
    let before = last_year(&base);
    let mut s = base.clone();
    s.end_of_life.register_coverage_target = 0.8;
    s.end_of_life.register_ramp.start = 2009.0;
    s.end_of_life.support.places = 2_000.0;
    s.end_of_life.support.ramp.start = 2009.0;
    let after = last_year(&s);
    assert!(
        after.home_death_share > before.home_death_share + 0.10,
        "{} → {}",
        before.home_death_share,
        after.home_death_share
    );
    assert!(after.hospital_death_share < before.hospital_death_share - 0.10);
    assert!(
        after.emergency_admissions_end_of_life < before.emergency_admissions_end_of_life - 1_000.0
    );
}

#[test]
fn coverage_without_support_places_does_little() {
    let base = presets::do_nothing();
    let before = last_year(&base);
    let mut s = base.clone();
    s.end_of_life.register_coverage_target = 1.0;
    s.end_of_life.register_ramp.start = 2009.0;
    let after = last_year(&s);
    let moved = (after.home_or_care_home_death_share - before.home_or_care_home_death_share).abs();
    assert!(moved < 0.01, "home or care home moved {moved}");
    let adm = (after.emergency_admissions_end_of_life - before.emergency_admissions_end_of_life)
        .abs()
        / before.emergency_admissions_end_of_life;
    assert!(adm < 0.01, "end-of-life admissions moved {adm}");
    // (The register alone brings more hospice referrals, so hospice deaths rise a little.)
    assert!(after.deaths_hospice >= before.deaths_hospice);
}

/// Place of death: SD against the DES mean, where capacity is ample and where it binds (support
/// places short of the register, hospice beds full), within 1.5 points or the DES's own 99%
/// half-width.
#[test]
fn place_of_death_agrees_between_the_engines() {
    let mut binding = presets::strategic_plan();
    binding.end_of_life.support.places = 250.0;
    let cases = [
        ("do-nothing", short(presets::do_nothing(), 3)),
        ("strategic-plan", short(presets::strategic_plan(), 5)),
        ("support short", short(binding, 5)),
    ];
    type Share = fn(&YearKpis) -> f64;
    let shares: [(&str, Share); 4] = [
        ("home", |y| y.home_death_share),
        ("care home", |y| y.deaths_care_home / y.deaths.max(1.0)),
        ("hospital", |y| y.hospital_death_share),
        ("hospice", |y| y.hospice_death_share),
    ];
    for (name, sc) in cases {
        let r = sd::run(&sc).unwrap();
        for (label, f) in shares {
            let d = des_mean(&sc, 6, f);
            for (y, (m, hw)) in d.iter().enumerate() {
                let s = f(&r.yearly[y]);
                assert!(
                    (s - m).abs() <= 0.015 + hw,
                    "{name} {label} {}: SD {:.3} DES {m:.3} ± {hw:.3}",
                    r.yearly[y].year,
                    s
                );
            }
        }
    }
}

#[test]
fn the_baseline_keeps_its_deaths_and_home_share() {
    let y = &sd::run(&Scenario::default()).unwrap().yearly[0];
    assert!((y.deaths - 3_740.0).abs() < 37.4, "{}", y.deaths);
    assert!(
        (y.home_death_share - 0.177).abs() < 0.005,
        "{}",
        y.home_death_share
    );
    assert!((y.hospital_death_share - 0.58).abs() < 0.01);
    let d = des_mean(&short(Scenario::default(), 1), 8, |y| y.home_death_share);
    assert!((d[0].0 - 0.177).abs() < 0.005 + d[0].1, "{:?}", d[0]);
}

#[test]
fn a_version_2_file_keeps_its_end_of_life_places() {
    let mut v = serde_json::to_value(presets::do_nothing()).unwrap();
    v["schema_version"] = serde_json::json!(2);
    v["care_closer_to_home"]["avoidance"]["end_of_life"]["capacity"] = serde_json::json!(920.0);
    let eol = v["end_of_life"].as_object_mut().unwrap();
    eol.remove("support");
    eol.remove("cohort");
    eol.insert("care_home_share_of_community_deaths".into(), 0.43.into());
    let s = Scenario::from_value(v).unwrap();
    assert_eq!(s.end_of_life.support.places, 920.0);
    assert_eq!(s.care_closer_to_home.avoidance.end_of_life.capacity, 0.0);
    assert_eq!(s.end_of_life.cohort, Scenario::default().end_of_life.cohort);
    assert!(s.validate().is_ok());
}
