//! Pure helpers for the lever panel: slider ranges, value text, and what a typed value means.

use std::collections::BTreeMap;

use careflow_model::params::Unit;
use careflow_model::{parameters, presets, Control, LeverId, ParamSpec, Scenario};

/// The control for a spec (the registry's unit says which).
pub fn control(spec: &ParamSpec) -> Control {
    spec.unit.control()
}

/// A value as the number box shows it, in the units people read (0.017 a year → "1.7").
pub fn value_text(spec: &ParamSpec, v: f64) -> String {
    careflow_charts::format::lever_number(spec, v)
}

/// The smallest 1, 2 or 5 × 10^k at or above `v` (> 0).
fn nice_ceil(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= v - 1e-9 {
            return m * p;
        }
    }
    10.0 * p
}

/// The largest value each lever takes in the baseline or any preset (anchors slider ranges).
pub fn anchors() -> BTreeMap<LeverId, f64> {
    let scenarios: Vec<Scenario> = presets().into_iter().map(|p| p.scenario).collect();
    parameters()
        .into_iter()
        .map(|spec| {
            let m = scenarios
                .iter()
                .map(|s| s.lever(spec.id))
                .fold(f64::NEG_INFINITY, f64::max);
            (spec.id, m)
        })
        .collect()
}

/// The slider's range: the whole allowed range when it is small enough to drag through, otherwise
/// from the minimum to a round number about twice the largest preset value (the number input
/// accepts the whole allowed range; a typed value beyond the slider stretches it).
pub fn slider_range(
    spec: &ParamSpec,
    anchor: f64,
    value: f64,
    start_year: u32,
    years: u32,
) -> (f64, f64) {
    if control(spec) == Control::Year {
        let lo = (start_year as f64).max(spec.min);
        let hi = ((start_year + years) as f64).min(spec.max);
        return (lo.min(value), hi.max(value));
    }
    let positions = (spec.max - spec.min) / spec.step.max(f64::MIN_POSITIVE);
    if positions <= 400.0 {
        return (spec.min, spec.max);
    }
    let floor = spec.min + 100.0 * spec.step;
    let hi = nice_ceil((2.0 * anchor.max(0.0)).max(floor)).min(spec.max);
    let hi = if value > hi {
        nice_ceil(value).min(spec.max)
    } else {
        hi
    };
    (spec.min, hi)
}

/// Whether a lever is shown as a percentage (0.05 is shown as 5).
pub fn is_percent(spec: &ParamSpec) -> bool {
    spec.unit.shown().percent
}

/// Parse what was typed into a number input ("1,200", " 3.5 ", "−0.2") into a value. A comma is
/// read only as a thousands separator, between groups of three digits before any decimal point:
/// "1,7" (a decimal comma) is not understood rather than read as 17.
pub fn parse_typed(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    if trimmed.contains(',') && !thousands_grouped(trimmed) {
        return None;
    }
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}'))
        .map(|c| {
            if matches!(c, '\u{2212}' | '\u{2013}') {
                '-'
            } else {
                c
            }
        })
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Every comma of `text` separates thousands: the integer part is 1–3 digits, then groups of
/// exactly three after each comma, and no comma after the decimal point.
fn thousands_grouped(text: &str) -> bool {
    let integer = text.split('.').next().unwrap_or("");
    if text
        .split('.')
        .skip(1)
        .any(|fraction| fraction.contains(','))
    {
        return false;
    }
    let digits = |g: &str| g.chars().filter(char::is_ascii_digit).count();
    let mut groups = integer.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&digits(first))
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// The message for a value with a decimal comma ("1,7"): decimals take a point.
fn decimal_comma_message(spec: &ParamSpec, text: &str) -> Option<String> {
    let t = text.trim();
    (t.contains(',') && !thousands_grouped(t)).then(|| {
        format!(
            "{} takes a decimal point, not a comma ({} rather than {t}); it must be a number {}.",
            spec.label,
            t.replace(',', "."),
            careflow_charts::format::lever_range(spec)
        )
    })
}

/// What was typed into `spec`'s number box, read in the units the box shows and returned in the
/// lever's machine units: "1.7" or "1.7%" into a lever shown as a percentage is 0.017, "£250"
/// into a money lever is 250; a "%" typed into a lever that is not a percentage is not understood.
pub fn parse_for(spec: &ParamSpec, text: &str) -> Option<f64> {
    let shown = spec.unit.shown();
    let t = text.trim();
    let t = t.strip_prefix(shown.prefix).unwrap_or(t).trim_start();
    let t = match t.strip_suffix('%') {
        Some(number) if shown.percent => number,
        Some(_) => return None,
        None => t,
    };
    parse_typed(t.trim().trim_start_matches('+')).map(|v| v / shown.scale)
}

/// The message a refused value shows, in the units the lever shows: "*Label* must be a number
/// from *min* to *max*." ("from −10% to 20% a year", a true minus sign, thousands separators).
pub fn range_message(spec: &ParamSpec) -> String {
    format!(
        "{} must be a number {}.",
        spec.label,
        careflow_charts::format::lever_range(spec)
    )
}

/// Beds and wards are counted whole: a typed 60.5 beds is a slip, not a plan.
fn counts_whole(spec: &ParamSpec) -> bool {
    matches!(spec.unit, Unit::Beds | Unit::Wards)
}

/// Check a typed value against the model (the registry's range): `Ok(value)` or the message the
/// lever shows, which names the allowed range.
pub fn check_typed(spec: &ParamSpec, text: &str) -> Result<f64, String> {
    let v = parse_for(spec, text)
        .ok_or_else(|| decimal_comma_message(spec, text).unwrap_or_else(|| range_message(spec)))?;
    if counts_whole(spec) && v != v.trunc() {
        return Err(format!(
            "{} is counted in whole {} ({} or {}, not {}); it must be a whole number {}.",
            spec.label,
            spec.unit.machine(),
            careflow_charts::format::int(v.floor()),
            careflow_charts::format::int(v.ceil()),
            text.trim(),
            careflow_charts::format::lever_range(spec)
        ));
    }
    let mut probe = Scenario::default();
    match probe.set_lever(spec.id, v) {
        Ok(()) => Ok(v),
        Err(_) => Err(range_message(spec)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::params::spec;
    use careflow_model::LeverId as L;

    #[test]
    fn beds_and_wards_are_typed_whole_and_every_preset_has_them_whole() {
        let beds = spec(L::BedsEscalationBeds);
        assert_eq!(check_typed(&beds, "60"), Ok(60.0));
        let err = check_typed(&beds, "60.5").unwrap_err();
        assert!(
            err.contains("whole beds (60 or 61, not 60.5)") && err.contains("from 0 to 2,000 beds"),
            "{err}"
        );
        assert!(check_typed(&spec(L::WardsClosed), "1.5").is_err());
        let err = check_typed(&spec(L::BedsBase), "1400.5").unwrap_err();
        assert!(err.contains("(1,400 or 1,401, not 1400.5)"), "{err}");
        // Not a count: a share or a rate takes decimals.
        assert!(check_typed(&spec(L::DemandEmergencyGrowth), "1.7").is_ok());
        // Every preset's beds and wards can be typed back.
        for p in presets() {
            for s in parameters().iter().filter(|s| counts_whole(s)) {
                let v = p.scenario.lever(s.id);
                assert_eq!(v, v.trunc(), "{} in {}", s.path, p.id);
            }
        }
    }

    #[test]
    fn ranges_and_typed_values() {
        let beds = spec(L::BedsBase);
        let (lo, hi) = slider_range(&beds, 1500.0, 1500.0, 2008, 6);
        assert_eq!(lo, 0.0);
        assert!((3000.0..=5000.0).contains(&hi), "{hi}");
        let share = spec(L::BedsEscalationTrigger);
        assert_eq!(slider_range(&share, 0.9, 0.9, 2008, 6), (0.5, 1.0));
        // Shown as a percentage: "90" and "90%" are both 0.9.
        assert!((check_typed(&share, "90").unwrap() - 0.9).abs() < 1e-12);
        assert!((check_typed(&share, "90%").unwrap() - 0.9).abs() < 1e-12);
        let err = check_typed(&share, "7").unwrap_err();
        assert!(err.contains("from 50% to 100%"), "{err}");
        assert!(check_typed(&share, "abc").is_err());
        assert!(check_typed(&share, "NaN").is_err());
        assert_eq!(parse_typed("1,200"), Some(1200.0));
        assert_eq!(parse_typed("12,345.5"), Some(12345.5));
        assert_eq!(parse_typed("\u{2212}1,200"), Some(-1200.0));
        // A decimal comma is not read as a thousands separator (1,7 is not 17).
        for typed in ["1,7", "1,70", "1,2345", "0,5", "1.5,0", ",5", "1,,000"] {
            assert_eq!(parse_typed(typed), None, "{typed}");
        }
        let growth = spec(L::DemandEmergencyGrowth);
        let err = check_typed(&growth, "1,7").unwrap_err();
        assert!(
            err.contains("decimal point") && err.contains("1.7"),
            "{err}"
        );
        assert_eq!(value_text(&spec(L::PopulationGrowth), 0.005), "0.50");
    }

    #[test]
    fn a_percentage_lever_reads_what_is_typed_as_a_percentage() {
        let growth = spec(L::DemandEmergencyGrowth);
        for typed in ["1.7", "1.7%", " +1.7 % "] {
            let v = check_typed(&growth, typed).unwrap();
            assert!((v - 0.017).abs() < 1e-12, "{typed}: {v}");
        }
        assert!((check_typed(&growth, "\u{2212}1%").unwrap() + 0.01).abs() < 1e-12);
        assert_eq!(value_text(&growth, 0.017), "1.7");
        let winter = spec(L::BedsWinterLosUplift);
        assert!((check_typed(&winter, "10%").unwrap() - 0.10).abs() < 1e-12);
        // A percentage means nothing for a count of beds; a pound sign is read on money.
        let beds = spec(L::BedsEscalationBeds);
        assert!(check_typed(&beds, "5%").is_err());
        assert_eq!(check_typed(&spec(L::MoneyBedDayCost), "£300"), Ok(300.0));
    }

    #[test]
    fn range_errors_have_one_wording_and_a_true_minus_sign() {
        let growth = spec(L::DemandEmergencyGrowth);
        let not_a_number = check_typed(&growth, "lots").unwrap_err();
        let too_big = check_typed(&growth, "90").unwrap_err();
        assert_eq!(not_a_number, too_big);
        assert_eq!(
            too_big,
            "Growth in emergency demand per year must be a number from \u{2212}10% to 20% a year."
        );
        assert!(!too_big.contains('-'), "{too_big}");
        assert_eq!(
            check_typed(&spec(L::BedsEscalationBeds), "99999").unwrap_err(),
            "Escalation beds must be a number from 0 to 2,000 beds."
        );
    }

    #[test]
    fn labels_units_and_descriptions_agree() {
        for spec in parameters() {
            let label = spec.label.to_lowercase();
            // A label never names a unit other than the lever's ("weeks of care" in days).
            for (word, unit) in [("weeks", "week"), ("days", "day"), ("years", "year")] {
                if label.contains(word) && !label.contains("a week") && !label.contains("per year")
                {
                    assert!(
                        spec.unit.machine().contains(unit),
                        "{}: \"{}\" in {}",
                        spec.path,
                        spec.label,
                        spec.unit
                    );
                }
            }
        }
        let packages = spec(L::DischargeCarePackagesLengthOfService);
        assert_eq!(packages.label, "Care packages: days of care");
        assert_eq!(packages.unit, careflow_model::Unit::Days);
        // The winter rise is a fraction; its source gives the same +5% the default is.
        let winter = spec(L::BedsWinterLosUplift);
        let base = Scenario::default().lever(winter.id);
        assert_eq!(winter.unit, careflow_model::Unit::Fraction);
        assert!(
            winter
                .provenance
                .source
                .contains(&format!("+{:.0}%", base * 100.0)),
            "{}",
            winter.provenance.source
        );
        // The Strategic Plan's description claims no care capacity its levers do not add.
        let plan = careflow_model::preset("strategic-plan").unwrap();
        let adds = |id: L| plan.scenario.lever(id) > 0.0;
        if !adds(L::DischargeCarePackagesAddedPerWeek) && !adds(L::DischargeCareHomesAddedPerWeek) {
            assert!(
                !plan.description.contains("adds the care-package"),
                "{}",
                plan.description
            );
        }
    }

    #[test]
    fn every_registered_lever_has_a_control_and_a_usable_range() {
        let anchors = anchors();
        for spec in parameters() {
            let value = Scenario::default().lever(spec.id);
            match control(&spec) {
                Control::Switch | Control::Choice => assert!(spec.unit.is_code(), "{}", spec.path),
                Control::Slider | Control::Year => {
                    let (lo, hi) = slider_range(&spec, anchors[&spec.id], value, 2008, 6);
                    assert!(
                        lo < hi && lo <= value && value <= hi,
                        "{}: {lo}..{hi}",
                        spec.path
                    );
                    // What the number box shows reads back as the value it shows.
                    let typed = check_typed(&spec, &value_text(&spec, value));
                    assert!(typed.is_ok(), "{}: {typed:?}", spec.path);
                    let back = typed.unwrap();
                    assert!(
                        (back - value).abs() <= spec.step / 2.0,
                        "{}: {back} vs {value}",
                        spec.path
                    );
                }
            }
        }
        // The discharge steps are in working days, on a slider to a round number of days.
        let step = spec(L::DischargeCareHomesProcessAssessmentWorkingDays);
        assert_eq!(step.unit, careflow_model::Unit::WorkingDays);
        let (lo, hi) = slider_range(&step, anchors[&step.id], 0.0, 2008, 6);
        assert_eq!(lo, 0.0);
        assert!((5.0..=60.0).contains(&hi), "{hi}");
        assert_eq!(
            control(&spec(L::DischargeCareHomesGrowthFollowsDemand)),
            Control::Switch
        );
        let seven_day = spec(L::DischargeWeekendWorking);
        assert_eq!(slider_range(&seven_day, 0.6, 0.6, 2008, 6), (0.0, 1.0));
        assert_eq!(value_text(&seven_day, 0.6), "60");
    }
}
