//! Pure helpers for the lever panel: slider ranges, value text, and what a typed value means.

use std::collections::BTreeMap;

use careflow_model::{parameters, presets, ParamSpec, Scenario};

/// How a lever is operated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Range slider plus number input.
    Slider,
    /// On/off switch (checkbox).
    Switch,
    /// A choice of build-up profile.
    Profile,
}

/// The control for a spec.
pub fn control(spec: &ParamSpec) -> Control {
    match spec.unit {
        "off/on" => Control::Switch,
        "code" => Control::Profile,
        _ => Control::Slider,
    }
}

/// Decimals to show for values on this spec's step (0.0025 → 4, 0.1 → 1, 10 → 0).
pub fn decimals(spec: &ParamSpec) -> usize {
    careflow_charts::format::step_decimals(spec.step)
}

/// A value as the number input shows it.
pub fn value_text(spec: &ParamSpec, v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    format!("{:.*}", decimals(spec), v)
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
pub fn anchors() -> BTreeMap<&'static str, f64> {
    let scenarios: Vec<Scenario> = presets().into_iter().map(|p| p.scenario).collect();
    parameters()
        .into_iter()
        .map(|spec| {
            let m = scenarios
                .iter()
                .filter_map(|s| s.get(spec.path))
                .fold(f64::NEG_INFINITY, f64::max);
            (spec.path, m)
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
    if spec.unit == "financial year" {
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

/// Whether a lever's values are fractions (0.05 = 5%), so that a typed "5%" means 0.05.
pub fn is_fraction(spec: &ParamSpec) -> bool {
    matches!(spec.unit, "share" | "fraction" | "fraction/year")
}

/// Parse what was typed into a number input ("1,200", " 3.5 ", "−0.2") into a value.
pub fn parse_typed(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
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

/// What was typed into `spec`'s number box, in the lever's units: "1.7%" into a lever of
/// fractions is 0.017, "+5 %" is 0.05; a percentage typed into any other lever is not understood.
pub fn parse_for(spec: &ParamSpec, text: &str) -> Option<f64> {
    let t = text.trim();
    match t.strip_suffix('%') {
        Some(number) if is_fraction(spec) => {
            parse_typed(number.trim_start_matches('+')).map(|v| v / 100.0)
        }
        Some(_) => None,
        None => parse_typed(t.trim_start_matches('+')),
    }
}

/// The message a refused value shows, the same words as the model's refusals of a link or a
/// file: "*Label* must be a number from *min* to *max* *unit*." (a true minus sign, thousands
/// separators). A lever of fractions adds that a percentage may be typed.
pub fn range_message(spec: &ParamSpec) -> String {
    let hint = if is_fraction(spec) {
        " (or a percentage: 5% is 0.05)"
    } else {
        ""
    };
    format!(
        "{} must be a number {}{hint}.",
        spec.label,
        careflow_model::params::range_words(spec)
    )
}

/// Check a typed value against the model (the registry's range): `Ok(value)` or the message the
/// lever shows, which names the allowed range.
pub fn check_typed(spec: &ParamSpec, text: &str) -> Result<f64, String> {
    let v = parse_for(spec, text).ok_or_else(|| range_message(spec))?;
    let mut probe = Scenario::default();
    match probe.set(spec.path, v) {
        Ok(()) => Ok(v),
        Err(_) => Err(range_message(spec)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::params::param;

    #[test]
    fn ranges_and_typed_values() {
        let beds = param("beds.base").unwrap();
        let (lo, hi) = slider_range(&beds, 1500.0, 1500.0, 2008, 6);
        assert_eq!(lo, 0.0);
        assert!((3000.0..=5000.0).contains(&hi), "{hi}");
        let share = param("beds.escalation_trigger").unwrap();
        assert_eq!(slider_range(&share, 0.9, 0.9, 2008, 6), (0.5, 1.0));
        assert_eq!(check_typed(&share, "0.9"), Ok(0.9));
        let err = check_typed(&share, "7").unwrap_err();
        assert!(err.contains("0.5") && err.contains("1"), "{err}");
        assert!(check_typed(&share, "abc").is_err());
        assert!(check_typed(&share, "NaN").is_err());
        assert_eq!(parse_typed("1,200"), Some(1200.0));
        assert_eq!(decimals(&param("population.growth").unwrap()), 4);
    }

    #[test]
    fn a_percentage_typed_into_a_lever_of_fractions_is_understood() {
        let growth = param("demand.emergency_growth").unwrap();
        let v = check_typed(&growth, "1.7%").unwrap();
        assert!((v - 0.017).abs() < 1e-12, "{v}");
        assert!((check_typed(&growth, " +2 % ").unwrap() - 0.02).abs() < 1e-12);
        assert!((check_typed(&growth, "\u{2212}1%").unwrap() + 0.01).abs() < 1e-12);
        let winter = param("beds.winter_los_uplift").unwrap();
        assert!((check_typed(&winter, "10%").unwrap() - 0.10).abs() < 1e-12);
        // A percentage means nothing for a count of beds.
        let beds = param("beds.escalation_beds").unwrap();
        assert!(check_typed(&beds, "5%").is_err());
    }

    #[test]
    fn range_errors_have_one_wording_and_a_true_minus_sign() {
        let growth = param("demand.emergency_growth").unwrap();
        let not_a_number = check_typed(&growth, "lots").unwrap_err();
        let too_big = check_typed(&growth, "0.9").unwrap_err();
        assert_eq!(not_a_number, too_big);
        assert!(
            too_big.starts_with("Growth in emergency demand per year must be a number from \u{2212}0.1 to 0.2 fraction/year"),
            "{too_big}"
        );
        assert!(!too_big.contains('-'), "{too_big}");
        // The model's own refusal (of a link or a file) has the same words.
        let mut s = Scenario::default();
        let issue = s.set(growth.path, 0.9).unwrap_err();
        assert!(
            too_big.starts_with(&issue.message),
            "{} / {too_big}",
            issue.message
        );
        let beds = param("beds.escalation_beds").unwrap();
        assert_eq!(
            check_typed(&beds, "99999").unwrap_err(),
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
                        spec.unit.contains(unit),
                        "{}: \"{}\" in {}",
                        spec.path,
                        spec.label,
                        spec.unit
                    );
                }
            }
        }
        let packages = param("discharge.care_packages.length_of_service").unwrap();
        assert_eq!(
            (packages.label, packages.unit),
            ("Care packages: days of care", "days")
        );
        // The winter rise is a fraction; its source gives the same +5% the default is.
        let winter = param("beds.winter_los_uplift").unwrap();
        let base = Scenario::default().get(winter.path).unwrap();
        assert_eq!(winter.unit, "fraction");
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
        let adds = |path: &str| plan.scenario.get(path).unwrap() > 0.0;
        if !adds("discharge.care_packages.added_per_week")
            && !adds("discharge.care_homes.added_per_week")
        {
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
            let value = Scenario::default().get(spec.path).unwrap();
            match spec.unit {
                "off/on" => assert_eq!(control(&spec), Control::Switch, "{}", spec.path),
                "code" => assert_eq!(control(&spec), Control::Profile, "{}", spec.path),
                _ => {
                    assert_eq!(control(&spec), Control::Slider, "{}", spec.path);
                    let (lo, hi) = slider_range(&spec, anchors[spec.path], value, 2008, 6);
                    assert!(
                        lo < hi && lo <= value && value <= hi,
                        "{}: {lo}..{hi}",
                        spec.path
                    );
                    let typed = check_typed(&spec, &value_text(&spec, value));
                    assert!(typed.is_ok(), "{}: {typed:?}", spec.path);
                }
            }
        }
        // The discharge steps are in working days, on a slider to a round number of days.
        let step = param("discharge.care_homes.process.assessment.working_days").unwrap();
        assert_eq!(step.unit, "working days");
        let (lo, hi) = slider_range(&step, anchors[step.path], 0.0, 2008, 6);
        assert_eq!(lo, 0.0);
        assert!((5.0..=60.0).contains(&hi), "{hi}");
        assert_eq!(
            control(&param("discharge.care_homes.growth_follows_demand").unwrap()),
            Control::Switch
        );
        let seven_day = param("discharge.weekend_working").unwrap();
        assert_eq!(slider_range(&seven_day, 0.6, 0.6, 2008, 6), (0.0, 1.0));
        assert_eq!(value_text(&seven_day, 0.6), "0.60");
    }
}
