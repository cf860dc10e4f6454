//! The A&E four-hour standard: who is counted over it, in both engines.

use careflow_model::scenario::Scenario;
use careflow_model::{des, sd, Results};

fn des_mean(s: &Scenario, reps: u32, f: impl Fn(&Results, usize) -> f64) -> Vec<f64> {
    let runs: Vec<Results> = (0..reps).map(|r| des::run(s, r).unwrap().results).collect();
    (0..s.years as usize)
        .map(|y| runs.iter().map(|r| f(r, y)).sum::<f64>() / f64::from(reps))
        .collect()
}

/// A decision to admit at or after the standard's hours puts every admission through A&E over it,
/// bed or no bed: the count is the admissions times the share through A&E, in both engines.
#[test]
fn a_late_decision_puts_every_admission_through_ae_over_the_standard() {
    let mut s = Scenario::default();
    s.ae.hours_to_decision = 4.0;
    let check = |r: &Results| {
        for y in &r.yearly {
            let via = y.emergency_admissions * s.ae.admitted_via_ae;
            assert!(
                (y.ae_admitted_over_standard - via).abs() <= 1e-6 * via,
                "{}: {} over, {via} through A&E",
                y.year,
                y.ae_admitted_over_standard
            );
            assert!((y.ae_conversion - via / y.ae_attendances).abs() < 1e-12);
            let not_admitted = y.ae_attendances - via;
            let within =
                1.0 - (via + not_admitted * s.ae.not_admitted_over_standard) / y.ae_attendances;
            assert!((y.ae_within_standard - within).abs() < 1e-12);
        }
    };
    check(&sd::run(&s).unwrap());
    check(&des::run(&s, 0).unwrap().results);
}

/// With beds to spare nobody waits long for one; with fewer beds more admissions wait past the
/// standard, in both engines, and the share within it falls.
#[test]
fn fewer_beds_put_more_admissions_over_the_standard() {
    let base = Scenario::default();
    let mut roomy = base.clone();
    roomy.beds.base *= 1.15;
    let mut tight = base.clone();
    tight.beds.base *= 0.95;
    let last = base.years as usize - 1;
    let sd_over = |s: &Scenario| sd::run(s).unwrap().yearly[last].ae_admitted_over_standard;
    let des_over =
        |s: &Scenario| des_mean(s, 3, |r, y| r.yearly[y].ae_admitted_over_standard)[last];
    let (a, b, c) = (sd_over(&roomy), sd_over(&base), sd_over(&tight));
    assert!(a < 1.0, "SD, 15% more beds: {a} over");
    assert!(a < b && b < c, "SD: {a} < {b} < {c}");
    let (a, b, c) = (des_over(&roomy), des_over(&base), des_over(&tight));
    assert!(a < 1.0, "DES, 15% more beds: {a} over");
    assert!(a < b && b < c, "DES: {a} < {b} < {c}");
    let within = |s: &Scenario| sd::run(s).unwrap().yearly[last].ae_within_standard;
    assert!(within(&tight) < within(&base));
}
