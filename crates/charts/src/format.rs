//! Numbers in words for titles, KPI cards and tables: thousands separators, percentages, money.
//! Non-finite values print as "–" so a NaN never reaches the page.

const MINUS: char = '\u{2212}';

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A whole number with thousands separators and a true minus sign: 57,700 · −1,234.
pub fn int(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let r = v.round();
    let body = group_thousands(&format!("{:.0}", r.abs()));
    if r < 0.0 {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// A number with `dp` decimals and thousands separators.
pub fn num(v: f64, dp: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    if dp == 0 {
        return int(v);
    }
    let s = format!("{:.*}", dp, v.abs());
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        MINUS.to_string()
    } else {
        String::new()
    };
    format!("{sign}{}.{frac}", group_thousands(whole))
}

/// Decimals a lever's values need on its slider step (0.0025 → 4, 0.1 → 1, 10 → 0).
pub fn step_decimals(step: f64) -> usize {
    let mut step = step.abs();
    let mut dp = 0;
    while dp < 6 && step.is_finite() && step > 0.0 && (step - step.round()).abs() > 1e-9 {
        step *= 10.0;
        dp += 1;
    }
    dp
}

/// A point in time given as a financial year and a fraction of it (2009.67: two thirds of the way
/// through the year from 1 April 2009) as the month it falls in: "December 2009".
pub fn financial_date(v: f64) -> String {
    const MONTHS: [&str; 12] = [
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "January",
        "February",
        "March",
    ];
    if !v.is_finite() {
        return "–".into();
    }
    let months = (v * 12.0).round() as i64;
    let (year, m) = (months.div_euclid(12), months.rem_euclid(12) as usize);
    let calendar_year = if m >= 9 { year + 1 } else { year };
    format!("{} {calendar_year}", MONTHS[m])
}

/// The financial year `v` falls in, as the page names years: 2009.67 → "2009/10".
pub fn financial_year_label(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let y = ((v * 12.0).round() / 12.0).floor() as i64;
    format!("{y}/{:02}", (y + 1).rem_euclid(100))
}

/// A lever's range as every refusal names it (the model's words): "from −0.1 to 0.2
/// fraction/year", "from 0 to 2,000 beds".
pub fn range_text(spec: &careflow_model::ParamSpec) -> String {
    careflow_model::params::range_words(spec)
}

/// Decimals a lever's values need as the page shows them: its step in shown units (a step of
/// 0.001 on a share shown as a percentage is 0.1 points, so one decimal).
pub fn lever_decimals(spec: &careflow_model::ParamSpec) -> usize {
    step_decimals(spec.step * spec.unit.shown().scale)
}

/// A lever's value as a number in the units the page shows (the number box's text, without
/// thousands separators): 0.017 a year → "1.7", 40 beds → "40".
pub fn lever_number(spec: &careflow_model::ParamSpec, v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let shown = v * spec.unit.shown().scale;
    let text = format!("{:.*}", lever_decimals(spec), shown);
    // "-0.0" reads as nothing moved.
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        text.trim_start_matches('-').to_string()
    } else {
        text.replace('-', "\u{2212}")
    }
}

/// A lever's value in words with its unit, as people read it (tables, titles, the lever's own
/// labels): "1,200 beds", "85%", "1.7% a year", "£250 a day", "on", "linear build-up",
/// "December 2009 (2009/10)". Files and CSV headers keep the machine units.
pub fn lever_value(spec: &careflow_model::ParamSpec, v: f64) -> String {
    use careflow_model::Control;
    if !v.is_finite() {
        return "–".into();
    }
    match spec.unit.control() {
        Control::Switch => (if v >= 0.5 { "on" } else { "off" }).into(),
        Control::Choice => careflow_model::Profile::from_code(v)
            .map(|p| format!("{} build-up", p.label()))
            .unwrap_or_else(|| num(v, 0)),
        Control::Year => format!("{} ({})", financial_date(v), financial_year_label(v)),
        Control::Slider => {
            let shown = spec.unit.shown();
            format!(
                "{}{}{}",
                shown.prefix,
                num(v * shown.scale, lever_decimals(spec)),
                shown.suffix
            )
        }
    }
}

/// A lever's allowed range as people read it: "from −10% to 20% a year", "from 0 to 2,000 beds",
/// "from £0 to £5,000 a day" (no trailing zeros).
pub fn lever_range(spec: &careflow_model::ParamSpec) -> String {
    let shown = spec.unit.shown();
    let bound = |v: f64| {
        let text = num(v * shown.scale, lever_decimals(spec).max(2));
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        };
        let percent = if shown.percent { "%" } else { "" };
        format!("{}{text}{percent}", shown.prefix)
    };
    if spec.unit.control() == careflow_model::Control::Slider {
        let rest = shown.suffix.trim_start_matches('%');
        format!("from {} to {}{rest}", bound(spec.min), bound(spec.max))
    } else {
        format!(
            "from {} to {}",
            lever_value(spec, spec.min),
            lever_value(spec, spec.max)
        )
    }
}

/// A signed change: +1,234 · −56 · 0.
pub fn signed_int(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    if v.round() > 0.0 {
        format!("+{}", int(v))
    } else {
        int(v)
    }
}

/// A share as a percentage: 0.0312 → "3.1%".
pub fn pct(share: f64, dp: usize) -> String {
    if !share.is_finite() {
        return "–".into();
    }
    format!("{}%", num(share * 100.0, dp))
}

/// `v` rounded to `dp` decimals.
pub fn rounded(v: f64, dp: usize) -> f64 {
    let k = 10f64.powi(dp as i32);
    (v * k).round() / k
}

/// The change from `before` to `after` as the two figures read when each is rounded to `dp`
/// decimals, with its sign: "+1,234" · "−0.4", or "no change" when the rounded figures are equal,
/// so a change never contradicts the figures shown beside it. Also returns the change itself
/// (0 for "no change").
pub fn change(after: f64, before: f64, dp: usize) -> (String, f64) {
    if !after.is_finite() || !before.is_finite() {
        return ("–".into(), f64::NAN);
    }
    let d = rounded(rounded(after, dp) - rounded(before, dp), dp);
    let text = if d == 0.0 {
        "no change".to_string()
    } else if d > 0.0 {
        format!("+{}", num(d, dp))
    } else {
        num(d, dp)
    };
    (text, if d == 0.0 { 0.0 } else { d })
}

/// The change between two shares shown as percentages with `dp` decimals, in points: "+1.2 pts",
/// "−0.4 pts" or "no change" (see [`change`]). Also returns the change [points].
pub fn change_points(after: f64, before: f64, dp: usize) -> (String, f64) {
    let (text, d) = change(after * 100.0, before * 100.0, dp);
    if d == 0.0 || !d.is_finite() {
        (text, d)
    } else {
        (format!("{text}\u{a0}pts"), d)
    }
}

/// Whether `v` in pounds reads as nothing at all ("£0") in [`money`].
pub fn money_is_zero(v: f64) -> bool {
    v.is_finite() && money(v) == "£0"
}

/// Money in pounds, compactly: £12.3m · £850k · −£1.2m.
pub fn money(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let a = v.abs();
    let body = if a >= 1e6 {
        format!("£{}m", num(a / 1e6, 1))
    } else if a >= 1e3 {
        format!("£{}k", int(a / 1e3))
    } else {
        format!("£{}", int(a))
    };
    if v < 0.0 && body != "£0" && body != "£0.0m" {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// Signed money: +£1.2m · −£300k.
pub fn signed_money(v: f64) -> String {
    let m = money(v);
    if v.is_finite() && v > 0.0 && m != "£0" {
        format!("+{m}")
    } else {
        m
    }
}

/// `num / den`, or 0 when the denominator is zero (an empty year has no share).
pub fn ratio(num: f64, den: f64) -> f64 {
    if den.abs() > 0.0 && num.is_finite() && den.is_finite() {
        num / den
    } else {
        0.0
    }
}

/// The five source documents by their citation key ("seed 001", as provenance notes and the docs
/// cite them), the short title the page shows for it (on the page "seed" is the random seed), and
/// a compact name no longer than the key, for places short of room (target notes in KPI cards
/// and chart titles, the sources table of the printed pack). The Methods page lists all three.
pub const DOCUMENTS: [(&str, &str, &str); 5] = [
    (
        "seed 000",
        "Commissioning Strategy 2008/09–2012/13",
        "Strategy",
    ),
    ("seed 001", "Strategic Plan 2009-12", "Plan"),
    (
        "seed 002",
        "World Class Commissioning panel report 2010",
        "WCC",
    ),
    (
        "seed 003",
        "East Staffordshire commissioning plans 2009/10",
        "ES plans",
    ),
    (
        "seed 004",
        "Birmingham PCTs' joint commissioning review 2009",
        "Review",
    ),
];

/// A provenance note or description as the page shows it: each source document by its short
/// title rather than its citation key ("Strategic Plan 2009-12 §7.5", not "seed 001 §7.5"), no
/// pointers into the repository's docs (a reader of the page cannot open docs/delays.md), and no
/// "assumption:" label where the note is already marked as one.
pub fn plain_source(text: &str) -> String {
    named_sources(text, |d| d.1)
}

/// [`plain_source`] with each document by its compact name ("Plan §7.5").
pub fn compact_source(text: &str) -> String {
    named_sources(text, |d| d.2)
}

type Document = (&'static str, &'static str, &'static str);

fn named_sources(text: &str, name: fn(&Document) -> &'static str) -> String {
    let mut out = text.to_string();
    for d in &DOCUMENTS {
        out = out.replace(d.0, name(d));
    }
    while let Some(a) = out.find("docs/") {
        let Some(b) = out[a..].find(".md").map(|i| a + i + 3) else {
            break;
        };
        let (mut a0, mut b0) = (a, b);
        if out[..a0].ends_with(", ") {
            a0 -= 2;
        } else if out[..a0].ends_with('(') && out[b0..].starts_with(')') {
            a0 -= 1;
            b0 += 1;
            if out[..a0].ends_with(' ') {
                a0 -= 1;
            }
        } else if out[b0..].starts_with(", ") {
            b0 += 2;
        }
        out.replace_range(a0..b0, "");
    }
    let out = out
        .replace(" Sources: .", "")
        .replace("Sources: .", "")
        .replace(" (baseline.md)", "");
    out.strip_prefix("assumption: ")
        .map(str::to_string)
        .unwrap_or(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(int(57_700.4), "57,700");
        assert_eq!(int(-1234.0), "−1,234");
        assert_eq!(int(f64::NAN), "–");
        assert_eq!(num(1234.567, 1), "1,234.6");
        assert_eq!(signed_int(12.0), "+12");
        assert_eq!(pct(0.0312, 1), "3.1%");
        assert_eq!(money(12_345_678.0), "£12.3m");
        assert_eq!(money(-850_000.0), "−£850k");
        assert_eq!(signed_money(1.2e6), "+£1.2m");
        assert_eq!(ratio(1.0, 0.0), 0.0);
        // Changes read from the rounded figures: 3.04% against 2.96% shows 3.0% and 3.0%.
        assert_eq!(change_points(0.0304, 0.0296, 1).0, "no change");
        assert_eq!(change_points(0.0316, 0.0304, 1).0, "+0.2\u{a0}pts");
        assert_eq!(
            change_points(0.024, 0.032, 1),
            ("−0.8\u{a0}pts".into(), -0.8)
        );
        assert_eq!(change(57_700.4, 57_700.6, 0).0, "−1");
        assert_eq!(change(10.4, 10.2, 0), ("no change".into(), 0.0));
        assert_eq!(change(1234.0, 0.0, 0).0, "+1,234");
        assert!(money_is_zero(0.4) && money_is_zero(-0.4) && !money_is_zero(11_000.0));
        // A date lever reads as a month, not as "2009.67".
        assert_eq!(financial_date(2009.67), "December 2009");
        assert_eq!(financial_date(2009.0), "April 2009");
        assert_eq!(financial_date(2009.75), "January 2010");
        assert_eq!(financial_year_label(2009.67), "2009/10");
        assert_eq!(financial_year_label(2009.99), "2010/11");
        let start = careflow_model::params::param("discharge.step_down.added_ramp.start").unwrap();
        assert_eq!(lever_value(&start, 2009.67), "December 2009 (2009/10)");
        // One wording, one minus sign for a range.
        let growth = careflow_model::params::param("demand.emergency_growth").unwrap();
        assert_eq!(range_text(&growth), "from −0.1 to 0.2 fraction/year");
        let esc = careflow_model::params::param("beds.escalation_beds").unwrap();
        assert_eq!(range_text(&esc), "from 0 to 2,000 beds");
    }

    #[test]
    fn levers_read_as_people_read_them() {
        use careflow_model::{params::spec, LeverId as L};
        let v = |id, x| lever_value(&spec(id), x);
        assert_eq!(v(L::DemandEmergencyGrowth, 0.017), "1.7% a year");
        assert_eq!(v(L::BedsEscalationTrigger, 0.95), "95%");
        assert_eq!(v(L::DischargeWeekendWorking, 0.6), "60%");
        assert_eq!(v(L::BedsWinterLosUplift, 0.05), "5%");
        assert_eq!(v(L::MoneyBedDayCost, 250.0), "£250 per bed a day");
        assert_eq!(v(L::MoneyCareHomeWeek, 500.0), "£500 a week");
        assert_eq!(v(L::BedsBase, 1450.0), "1,450 beds");
        assert_eq!(
            v(L::DemandEmergencyAdmissions, 57_700.0),
            "57,700 admissions a year"
        );
        assert_eq!(v(L::DemandSurgeEnabled, 1.0), "on");
        // The number box holds the shown number, and reads back through the same scale.
        assert_eq!(lever_number(&spec(L::DemandEmergencyGrowth), 0.017), "1.7");
        assert_eq!(
            lever_number(&spec(L::DemandEmergencyGrowth), -0.01),
            "\u{2212}1.0"
        );
        assert_eq!(lever_number(&spec(L::BedsEscalationBeds), 40.0), "40");
        assert_eq!(
            lever_range(&spec(L::DemandEmergencyGrowth)),
            "from \u{2212}10% to 20% a year"
        );
        assert_eq!(
            lever_range(&spec(L::BedsEscalationBeds)),
            "from 0 to 2,000 beds"
        );
        assert_eq!(
            lever_range(&spec(L::MoneyBedDayCost)),
            "from £0 to £5,000 per bed a day"
        );
        // No lever is shown in the machine's words.
        for s in careflow_model::parameters() {
            let text = lever_value(&s, (s.min + s.max) / 2.0);
            for machine in [
                "fraction", "share", "/year", "/week", "/day", "code", "off/on",
            ] {
                assert!(!text.contains(machine), "{}: {text}", s.path);
            }
        }
    }

    #[test]
    fn sources_read_in_plain_words_on_the_page() {
        assert_eq!(
            plain_source("held from 2011/12: seed 001 §7.5, §8.6 (by 2012)"),
            "held from 2011/12: Strategic Plan 2009-12 §7.5, §8.6 (by 2012)"
        );
        assert_eq!(
            plain_source("gives about 1.9% (docs/delays.md)."),
            "gives about 1.9%."
        );
        assert_eq!(
            plain_source("the grid's fastest growth, docs/delays.md)"),
            "the grid's fastest growth)"
        );
        assert_eq!(
            plain_source("from the wait for a bed. Sources: docs/services.md, docs/model.md."),
            "from the wait for a bed."
        );
        assert_eq!(plain_source("assumption: +5% a year"), "+5% a year");
        assert_eq!(
            compact_source("LAA target, seed 001 §7.5"),
            "LAA target, Plan §7.5"
        );
        for (key, _, compact) in DOCUMENTS {
            assert!(compact.chars().count() <= key.chars().count(), "{compact}");
        }
        // Every lever's note and every preset's description: no citation key, no docs path.
        let texts = careflow_model::parameters()
            .into_iter()
            .map(|p| p.provenance.source.to_string())
            .chain(
                careflow_model::presets()
                    .into_iter()
                    .map(|p| p.description.to_string()),
            );
        for t in texts {
            let plain = plain_source(&t);
            assert!(
                !plain.contains("seed 00") && !plain.contains("docs/"),
                "{plain}"
            );
            assert!(!plain.contains("( ") && !plain.contains("()"), "{plain}");
        }
    }
}
