//! `careflow services`: each community service of the catalogue in one financial year — places,
//! caseload, waiting list, referrals, people turned away and admissions avoided — as markdown
//! (the table the app's "Community services" view shows, from the same chart functions).

use crate::CliError;
use careflow_charts::services::{avoided_chart, caseload_chart};
use careflow_charts::views::{Span, Table};
use careflow_model::{sd, Scenario};

fn markdown(t: &Table) -> String {
    let row = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let mut out = format!("### {}\n\n", t.caption);
    out += &row(&t.headers);
    out += &format!("|{}\n", "---|".repeat(t.headers.len()));
    for r in &t.rows {
        out += &row(r);
    }
    out
}

/// The services of `s` in the financial year starting in `year` (system dynamics).
pub fn table(s: &Scenario, year: u32) -> Result<String, CliError> {
    let index = crate::year_index(s, year)?;
    let run = sd::run(s).map_err(|e| CliError::Internal(e.to_string()))?;
    let span = Span {
        first: 0,
        last: run.yearly.len().saturating_sub(1),
        kpi: index,
    };
    let caseload = caseload_chart(&run, span);
    let avoided = avoided_chart(&run, span);
    let title = |c: &careflow_charts::Chart| match c {
        careflow_charts::Chart::Time(t) => t.title.clone(),
        careflow_charts::Chart::Bar(b) => b.title.clone(),
    };
    Ok(format!(
        "## Community services (system dynamics)\n\n{}.\n{}.\n\n{}",
        title(&caseload.chart),
        title(&avoided.chart),
        markdown(&caseload.table)
    ))
}
