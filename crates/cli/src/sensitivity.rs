//! `careflow sensitivity`: the tornado of headline levers over their evidence ranges for one KPI
//! and year, and the waterfall from do nothing to the scenario by lever group (SD runs only).

use careflow_model::sensitivity::{sweep, waterfall_runs, Kpi};
use careflow_model::Scenario;

use crate::CliError;

/// A KPI value in words: a share in % (two decimals), money in £m.
fn value(kpi: Kpi, x: f64) -> String {
    if kpi.is_share() {
        format!("{:.2}%", x * 100.0)
    } else {
        format!("£{:.2}m", x / 1e6)
    }
}

/// A change in words: points for a share, £m for money, signed.
fn change(kpi: Kpi, x: f64) -> String {
    if kpi.is_share() {
        format!("{:+.2} pts", x * 100.0)
    } else {
        format!("{:+.2} £m", x / 1e6)
    }
}

/// The tornado and waterfall of `kpi` in the financial year starting in `year` (e.g. 2012 for
/// 2012/13): markdown text, or JSON `{"tornado": …, "waterfall": …}`.
pub fn sensitivity(s: &Scenario, kpi: Kpi, year: u32, json: bool) -> Result<String, CliError> {
    let index = crate::year_index(s, year)?;
    let internal = |e: careflow_model::ModelError| CliError::Internal(e.to_string());
    let t = sweep(s).map_err(internal)?.tornado(kpi, index);
    let reference = careflow_model::preset("do-nothing")
        .map(|p| p.scenario)
        .unwrap_or_default();
    let w = waterfall_runs(s, &reference)
        .map_err(internal)?
        .waterfall(kpi, index);
    if json {
        let v = serde_json::json!({ "tornado": t, "waterfall": w });
        return serde_json::to_string_pretty(&v)
            .map(|t| t + "\n")
            .map_err(|e| CliError::Internal(e.to_string()));
    }
    let mut out = format!(
        "{} in {}: {} in this scenario. Each headline lever at its plausible low and high, the others where they are (widest first):\n\n",
        kpi.label(),
        t.year_label,
        value(kpi, t.base)
    );
    out += "| Lever | Low → high | KPI at low | KPI at high | Width | Range from |\n|---|---|---:|---:|---:|---|\n";
    for b in &t.bars {
        out += &format!(
            "| {} | {} → {} {} | {} | {} | {} | {} |\n",
            b.label,
            b.low,
            b.high,
            b.unit,
            value(kpi, b.at_low),
            value(kpi, b.at_high),
            change(kpi, b.width).trim_start_matches('+'),
            b.source
        );
    }
    out += &format!(
        "\nFrom do nothing ({}) to this scenario ({}), each lever group's changes alone, then the interaction:\n\n| Step | Change |\n|---|---:|\n",
        value(kpi, w.start),
        value(kpi, w.end)
    );
    for st in &w.steps {
        out += &format!("| {} | {} |\n", st.label, change(kpi, st.change));
    }
    out += &format!("| Total | {} |\n", change(kpi, w.end - w.start));
    Ok(out)
}
