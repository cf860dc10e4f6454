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

/// A lever's value in words with its unit, for tables: "1,200 beds", "0.85 share", "on",
/// "linear build-up", "2009.5 (financial year)".
pub fn lever_value(spec: &careflow_model::ParamSpec, v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    match spec.unit {
        "off/on" => (if v >= 0.5 { "on" } else { "off" }).into(),
        "code" => careflow_model::Profile::from_code(v)
            .map(|p| format!("{} build-up", p.label()))
            .unwrap_or_else(|| num(v, 0)),
        "financial year" => format!("{v} (financial year)"),
        unit => format!("{} {unit}", num(v, step_decimals(spec.step))),
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

/// A change in a share, in percentage points: +1.2 pts · −0.4 pts.
pub fn signed_points(delta_share: f64) -> String {
    if !delta_share.is_finite() {
        return "–".into();
    }
    let p = delta_share * 100.0;
    if (p * 10.0).round() == 0.0 {
        "0.0 pts".into()
    } else if p > 0.0 {
        format!("+{} pts", num(p, 1))
    } else {
        format!("{} pts", num(p, 1))
    }
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
        assert_eq!(signed_points(-0.004), "−0.4 pts");
        assert_eq!(money(12_345_678.0), "£12.3m");
        assert_eq!(money(-850_000.0), "−£850k");
        assert_eq!(signed_money(1.2e6), "+£1.2m");
        assert_eq!(ratio(1.0, 0.0), 0.0);
    }
}
