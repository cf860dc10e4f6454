//! Every plotted series as CSV, in long form: one row per plotted point (lines, bands with their
//! lower and upper edge, bars), after `#` comment lines that carry the scenario and seed.

use crate::views::{date_label, ChartView, XAxis};
use crate::Chart;

/// The CSV column names.
pub const COLUMNS: &str = "chart,series,kind,x,label,value,lower,upper";

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// The CSV of `views`, with each line of `header` written first as a `# ` comment.
pub fn charts_csv(views: &[&ChartView], header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(&line.replace('\n', " "));
        out.push('\n');
    }
    out.push_str(COLUMNS);
    out.push('\n');
    for view in views {
        let label = |x: f64| match view.x_axis {
            XAxis::Days { start_year } => date_label(start_year, x),
            XAxis::Categories => String::new(),
        };
        let mut row = |series: &str, kind: &str, x: f64, label: &str, v: f64, lo: f64, hi: f64| {
            let cells = [
                field(view.id),
                field(series),
                kind.to_string(),
                num(x),
                field(label),
                num(v),
                num(lo),
                num(hi),
            ];
            out.push_str(&cells.join(","));
            out.push('\n');
        };
        match &view.chart {
            Chart::Time(t) => {
                for s in &t.series {
                    for &(x, y) in &s.points {
                        row(&s.name, "line", x, &label(x), y, f64::NAN, f64::NAN);
                    }
                }
                for b in &t.bands {
                    for &(x, lo, hi) in &b.points {
                        row(&b.name, "band", x, &label(x), f64::NAN, lo, hi);
                    }
                }
                for r in &t.ref_lines {
                    row(&r.label, "reference", f64::NAN, "", r.y, f64::NAN, f64::NAN);
                }
            }
            Chart::Bar(b) => {
                let cat = |i: usize| b.categories.get(i).cloned().unwrap_or_default();
                for s in &b.bars {
                    for (i, &v) in s.values.iter().enumerate() {
                        row(&s.name, "bar", i as f64, &cat(i), v, f64::NAN, f64::NAN);
                    }
                }
                for s in &b.lines {
                    for &(x, y) in &s.points {
                        row(
                            &s.name,
                            "line",
                            x,
                            &cat(x.round().max(0.0) as usize),
                            y,
                            f64::NAN,
                            f64::NAN,
                        );
                    }
                }
                for r in &b.ref_lines {
                    row(&r.label, "reference", f64::NAN, "", r.y, f64::NAN, f64::NAN);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::{preset, run};

    #[test]
    fn one_row_per_plotted_point_after_the_header() {
        let plan = run(&preset("strategic-plan").unwrap().scenario).unwrap();
        let reference = run(&preset("do-nothing").unwrap().scenario).unwrap();
        let span = crate::views::Span {
            first: 0,
            last: plan.yearly.len() - 1,
            kpi: 4,
        };
        let views = crate::views::charts(&plan, &reference, span);
        let refs: Vec<&ChartView> = views.iter().collect();
        let csv = charts_csv(
            &refs,
            &["Careflow export".into(), "seed: 7, with, commas".into()],
        );
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "# Careflow export");
        assert_eq!(lines[2], COLUMNS);
        let expected: usize = views
            .iter()
            .map(|v| match &v.chart {
                Chart::Time(t) => {
                    t.series.iter().map(|s| s.points.len()).sum::<usize>()
                        + t.bands.iter().map(|b| b.points.len()).sum::<usize>()
                        + t.ref_lines.len()
                }
                Chart::Bar(b) => {
                    b.bars.iter().map(|s| s.values.len()).sum::<usize>()
                        + b.lines.iter().map(|s| s.points.len()).sum::<usize>()
                        + b.ref_lines.len()
                }
            })
            .sum();
        assert_eq!(lines.len() - 3, expected);
        // Every data row has the same number of cells as the header (quoted commas included).
        for l in &lines[3..] {
            let mut cells = 1;
            let mut quoted = false;
            for ch in l.chars() {
                match ch {
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells += 1,
                    _ => {}
                }
            }
            assert_eq!(cells, 8, "{l}");
        }
        // The daily beds line has one row per day of the six financial years (2,191 days).
        let beds_daily = lines
            .iter()
            .filter(|l| l.starts_with("beds,Occupied beds, each day"))
            .count()
            + lines
                .iter()
                .filter(|l| l.starts_with("beds,\"Occupied beds, each day\""))
                .count();
        assert_eq!(beds_daily, 2_191);
        assert!(!csv.contains("NaN"));
    }
}
