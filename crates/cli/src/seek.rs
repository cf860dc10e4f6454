//! `careflow seek`: what it takes — the lever value that just meets a target, by bisection on the
//! SD engine, confirmed with DES replications (careflow_model::seek).

use careflow_model::params::param;
use careflow_model::seek::{kpi_words, lever_words, seek, Comparison, Request, Target};
use careflow_model::sensitivity::Kpi;
use careflow_model::{ModelError, Scenario};

use crate::CliError;

/// Everything `careflow seek` needs.
pub struct SeekOptions {
    /// The preset the scenario started from (for the link).
    pub preset: Option<String>,
    /// `KPI<=VALUE` or `KPI>=VALUE`.
    pub target: String,
    /// The financial year starting in YYYY.
    pub year: u32,
    pub lever: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
    pub replications: u32,
    pub scan: usize,
    pub json: bool,
}

/// `KPI<=VALUE` / `KPI>=VALUE` (also `≤`, `≥`); VALUE may end in `%` (a share). The KPI is any
/// yearly key, or a short name of `careflow sensitivity` (dtoc, cost, occupancy, home-deaths).
pub fn parse_target(text: &str) -> Result<(String, Comparison, f64), String> {
    let shape = "must be KPI<=VALUE or KPI>=VALUE, e.g. dtoc_share<=0.02 or dtoc_share<=2%";
    let ops = [
        ("<=", Comparison::AtMost),
        ("≤", Comparison::AtMost),
        (">=", Comparison::AtLeast),
        ("≥", Comparison::AtLeast),
    ];
    let Some((kpi, cmp, value)) = ops.iter().find_map(|(op, c)| {
        text.split_once(op)
            .map(|(k, v)| (k.trim().to_string(), *c, v.trim().to_string()))
    }) else {
        return Err(shape.into());
    };
    if kpi.is_empty() {
        return Err(shape.into());
    }
    let (number, scale) = match value.strip_suffix('%') {
        Some(n) => (n.trim(), 0.01),
        None => (value.as_str(), 1.0),
    };
    let v: f64 = number
        .replace(['_', ','], "")
        .parse()
        .ok()
        .filter(|x: &f64| x.is_finite())
        .ok_or_else(|| format!("VALUE '{value}' must be a number (a share as 0.02 or 2%)"))?;
    let key = Kpi::parse(&kpi).map_or(kpi, |k| k.key().to_string());
    Ok((key, cmp, v * scale))
}

/// The CLI option a model field is set by.
fn option_of(field: &str) -> &'static str {
    match field {
        "lever" => "--lever",
        "target.kpi" | "target.value" => "--target",
        "target.year" => "--year",
        "range" => "--from/--to",
        "scan_points" => "--scan",
        _ => "scenario",
    }
}

fn refusal(e: ModelError) -> CliError {
    match e {
        ModelError::Invalid(issues) if issues.iter().all(|i| option_of(&i.path) != "scenario") => {
            CliError::Usage(
                issues
                    .iter()
                    .map(|i| {
                        format!(
                            "{} ({}): {} (given {}; allowed {})",
                            option_of(&i.path),
                            i.path,
                            i.message,
                            i.value,
                            i.allowed
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }
        ModelError::Invalid(issues) => CliError::Invalid(issues),
        other => CliError::Internal(other.to_string()),
    }
}

/// Runs the seek and renders it as text or JSON.
pub fn run(s: &Scenario, o: &SeekOptions) -> Result<String, CliError> {
    let (kpi, comparison, value) = parse_target(&o.target)
        .map_err(|m| CliError::Usage(format!("--target '{}': {m}", o.target)))?;
    let year = match o.year.checked_sub(s.start_year) {
        Some(i) if i < s.years => s.year_label(i),
        _ => format!("{}/{:02}", o.year, (o.year + 1) % 100),
    };
    let target = Target {
        kpi,
        year,
        comparison,
        value,
    };
    let spec = param(&o.lever);
    let range = match (o.from, o.to, spec) {
        (None, None, _) => None,
        (from, to, Some(p)) => Some((from.unwrap_or(p.min), to.unwrap_or(p.max))),
        (from, to, None) => Some((from.unwrap_or(f64::NAN), to.unwrap_or(f64::NAN))),
    };
    let req = Request {
        target,
        lever: o.lever.clone(),
        range,
        scan_points: o.scan,
    };
    let bar = crate::progress::bar(u64::from(o.replications), "DES replications");
    let answer = seek(
        s,
        o.preset.as_deref(),
        &req,
        o.replications,
        &mut |done, _| {
            if let Some(b) = &bar {
                b.set_position(u64::from(done));
            }
        },
    )
    .map_err(refusal)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if o.json {
        let v = serde_json::json!({
            "preset": o.preset,
            "answer": answer,
        });
        return serde_json::to_string_pretty(&v)
            .map(|t| t + "\n")
            .map_err(|e| CliError::Internal(e.to_string()));
    }
    let Some(p) = param(&answer.lever) else {
        return Err(CliError::Internal("the lever vanished".into()));
    };
    let t = &answer.target;
    let k = |x: f64| kpi_words(&t.kpi, x);
    let l = |x: f64| lever_words(&p, x);
    let mut out = format!(
        "Target: {} in {} {} {} ({})\nLever: {} ({}), searched {} to {} in steps of {} ({})\n\n",
        t.kpi,
        t.year,
        t.comparison.symbol(),
        k(t.value),
        o.preset.as_deref().unwrap_or("the scenario given"),
        answer.lever,
        answer.lever_label,
        l(answer.range.0),
        l(answer.range.1),
        answer.step,
        answer.unit,
    );
    out += &format!(
        "Coarse scan (SD, {} points; the KPI is {}):\n\n| Lever | KPI | Meets |\n|---:|---:|:---:|\n",
        answer.scan.len(),
        match answer.shape {
            careflow_model::seek::Shape::Rising => "rising with the lever",
            careflow_model::seek::Shape::Falling => "falling as the lever rises",
            careflow_model::seek::Shape::Flat => "flat",
            careflow_model::seek::Shape::NotMonotone => "NOT monotone",
        }
    );
    for q in &answer.scan {
        out += &format!(
            "| {} | {} | {} |\n",
            l(q.lever),
            k(q.kpi),
            if q.meets { "yes" } else { "no" }
        );
    }
    out += &format!(
        "\n{}\n\n{} SD runs. The scenario with the lever at {}: append to the app's address\n#{}\n",
        answer.summary,
        answer.sd_runs,
        l(answer.answer.unwrap_or(answer.best).lever),
        answer.link
    );
    Ok(out)
}
