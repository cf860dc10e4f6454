//! The model checks can fail: each is fed a deliberately broken result and must fail with its
//! sentence, and the baseline passes them all.

use careflow_model::checks::{all_passed, check, check_scenario, Check, DesYears};
use careflow_model::scenario::Stream;
use careflow_model::{des, sd, Scenario};

fn find<'a>(checks: &'a [Check], id: &str) -> &'a Check {
    checks.iter().find(|c| c.id == id).expect(id)
}

#[test]
fn the_baseline_passes_every_check_including_both_engines() {
    let checks = check_scenario(&Scenario::default(), 10).unwrap();
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| format!("{}: {}", c.id, c.figure))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(checks.len() >= 10);
    for c in &checks {
        assert!(!c.sentence.is_empty() && !c.why.is_empty() && !c.tolerance.is_empty());
    }
}

#[test]
fn each_check_fails_on_a_result_broken_for_it() {
    let s = Scenario::default();
    let good = sd::run(&s).unwrap();
    let reps = des::replicate(&s, 6, |_, _| {}).unwrap();
    let years = DesYears {
        yearly: &reps.yearly,
        replications: reps.replications,
    };
    assert!(all_passed(&check(&s, &good, Some(&years))));

    // A leaked patient: one admission more than arrived.
    let mut r = good.clone();
    r.daily.admissions.get_mut(Stream::Frail)[100] += 1.0;
    let c = check(&s, &r, None);
    assert!(
        !find(&c, "conservation").passed,
        "{:?}",
        find(&c, "conservation")
    );

    // A day over capacity.
    let mut r = good.clone();
    r.daily.occupied_beds[50] = r.daily.beds_open[50] + s.beds.escalation_beds + 10.0;
    assert!(!find(&check(&s, &r, None), "capacity").passed);

    // A negative stock.
    let mut r = good.clone();
    r.daily.step_down_occupied[7] = -1.0;
    assert!(!find(&check(&s, &r, None), "no-negative").passed);

    // More delayed than in beds.
    let mut r = good.clone();
    r.daily.delayed_total[9] = r.daily.occupied_beds[9] + 1.0;
    assert!(!find(&check(&s, &r, None), "delays-within-beds").passed);

    // Beds that do not add up to admissions × stay.
    let mut r = good.clone();
    for x in r.daily.occupied_beds.iter_mut() {
        *x *= 1.2;
    }
    assert!(!find(&check(&s, &r, None), "littles-law-beds").passed);

    // The engines disagreeing: the live engine's delays two points off in one year.
    let mut r = good.clone();
    r.yearly[2].dtoc_share += 0.02;
    let c = check(&s, &r, Some(&years));
    let agree = find(&c, "engines-agree");
    assert!(
        !agree.passed && agree.figure.contains("2010/11 delayed transfers"),
        "{agree:?}"
    );

    // A baseline that misses its calibration.
    let mut r = good.clone();
    r.yearly[0].mean_occupancy = 0.95;
    assert!(!find(&check(&s, &r, None), "calibration").passed);

    // Avoided admissions with nobody on a community caseload.
    let mut r = good.clone();
    r.yearly[1].admissions_avoided = 100.0;
    assert!(!find(&check(&s, &r, None), "avoided-not-free").passed);
}
