//! The payers' money charts, as a finance director reads them: one chart per payer
//! (commissioner, acute trust, social care), the change against do nothing per financial year
//! stacked by cause, with the payer's net change as a line — and for the commissioner the plan's
//! investment and savings lines and the savings it had to find. Each has a table with every
//! figure.

use careflow_model::accounts::{compare, Comparison, Payer, Row};
use careflow_model::Results;

use crate::views::{ChartView, Span, Table, XAxis};
use crate::{format, palette, BarChart, BarSeries, Chart, LineStyle, RefLine, Series};

/// The chart id of a payer's money chart.
pub fn chart_id(payer: Payer) -> &'static str {
    match payer {
        Payer::Commissioner => "money-commissioner",
        Payer::Provider => "money-trust",
        Payer::SocialCare => "money-social-care",
    }
}

fn cause_colour(payer: Payer, i: usize) -> (u8, u8, u8) {
    let order: &[usize] = match payer {
        Payer::Commissioner => &[0, 5, 6, 2, 3, 4],
        Payer::Provider => &[0, 6, 3, 2, 1, 4],
        Payer::SocialCare => &[2, 4, 6],
    };
    palette::SERIES[order.get(i).copied().unwrap_or(7) % palette::SERIES.len()]
}

/// A cause's change against do nothing as it moves the payer's bottom line: more spending for the
/// commissioner and social care, more margin for the trust [£ by year].
fn effect(r: &Row) -> Vec<f64> {
    let sign = if r.sign == 0.0 { 1.0 } else { r.sign };
    r.change().into_iter().map(|d| sign * d).collect()
}

/// The three money charts of `run` against `reference` (do nothing), over the span's years.
pub fn charts(run: &Results, reference: &Results, span: Span) -> Vec<ChartView> {
    let span = span.charted(run.yearly.len());
    let c = compare(run, reference);
    // Keep the span's years only (both runs share their years, in order).
    let keep: Vec<usize> = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i))
        .filter_map(|y| c.years.iter().position(|l| *l == y.year))
        .collect();
    let kpi_label = run.yearly.get(span.kpi).map(|y| y.year.clone());
    Payer::ALL
        .into_iter()
        .map(|p| payer_chart(&c, p, &keep, kpi_label.as_deref()))
        .collect()
}

fn pick(v: &[f64], keep: &[usize]) -> Vec<f64> {
    keep.iter()
        .map(|&i| v.get(i).copied().unwrap_or(f64::NAN))
        .collect()
}

fn payer_chart(c: &Comparison, payer: Payer, keep: &[usize], kpi: Option<&str>) -> ChartView {
    let m = |v: f64| v / 1e6;
    let years: Vec<String> = keep.iter().map(|&i| c.years[i].clone()).collect();
    let rows: Vec<&Row> = c.rows.iter().filter(|r| r.payer == payer).collect();
    let causes: Vec<&Row> = rows.iter().copied().filter(|r| r.sign != 0.0).collect();
    let total = rows.iter().copied().find(|r| r.sign == 0.0);
    let net = total.map(|t| pick(&effect(t), keep)).unwrap_or_default();
    let bars = causes
        .iter()
        .enumerate()
        .map(|(i, r)| BarSeries {
            name: r.label.into(),
            values: pick(&effect(r), keep).into_iter().map(m).collect(),
            colour: cause_colour(payer, i),
        })
        .collect();
    let line = |name: &str, v: Vec<f64>, colour, style| Series {
        name: name.into(),
        points: v
            .into_iter()
            .enumerate()
            .map(|(i, y)| (i as f64, m(y)))
            .collect(),
        colour,
        style,
    };
    let mut lines = vec![line(
        match payer {
            Payer::Provider => "Net change in margin",
            _ => "Net change in spending",
        },
        net.clone(),
        palette::SERIES[7],
        LineStyle::Solid,
    )];
    if payer == Payer::Commissioner {
        lines.push(line(
            "Plan: investment",
            pick(&c.investment, keep),
            palette::SERIES[1],
            LineStyle::Dashed,
        ));
        lines.push(line(
            "Plan: savings expected (as a fall)",
            pick(&c.planned_savings, keep)
                .into_iter()
                .map(|v| -v)
                .collect(),
            palette::SERIES[1],
            LineStyle::Dotted,
        ));
        lines.push(line(
            "Savings required (as a fall)",
            pick(&c.required_savings, keep)
                .into_iter()
                .map(|v| -v)
                .collect(),
            palette::NEUTRAL,
            LineStyle::LongDash,
        ));
    }
    let at = kpi
        .and_then(|l| years.iter().position(|y| y == l))
        .or(years.len().checked_sub(1));
    let title = match at {
        Some(i) => title(c, payer, keep, i, &net, &years[i]),
        None => "No results".into(),
    };
    let (first, last) = (
        years.first().cloned().unwrap_or_default(),
        years.last().cloned().unwrap_or_default(),
    );
    let summary = match payer {
        Payer::Provider => format!(
            "Stacked bar chart of how each cause moves the acute trust's margin against do nothing, from {first} to {last}: tariff income and reimbursement above zero add to the margin, costs saved are above zero too; the line is the net change."
        ),
        Payer::Commissioner => format!(
            "Stacked bar chart of the commissioner's change in spending against do nothing by cause, from {first} to {last}, with the net change, the plan's investment line, the savings the plan expected and the savings the PCT had to find (both drawn as falls). Below zero is a saving."
        ),
        Payer::SocialCare => format!(
            "Stacked bar chart of social care's change in spending against do nothing by cause, from {first} to {last}, with the net change. Below zero is a saving."
        ),
    };
    ChartView {
        id: chart_id(payer),
        name: match payer {
            Payer::Commissioner => "Commissioner's money",
            Payer::Provider => "Trust's money",
            Payer::SocialCare => "Social care's money",
        },
        chart: Chart::Bar(BarChart {
            title,
            x_label: "Financial year".into(),
            y_label: match payer {
                Payer::Provider => "Change in margin against do nothing (£m)".into(),
                _ => "Change in spending against do nothing (£m)".into(),
            },
            categories: years.clone(),
            bars,
            stacked: true,
            lines,
            ref_lines: vec![RefLine {
                label: "Do nothing (no change)".into(),
                y: 0.0,
                colour: palette::NEUTRAL,
            }],
        }),
        summary,
        table: table(c, payer, keep, &years),
        x_axis: XAxis::Categories,
        y_unit: "£m",
    }
}

fn title(
    c: &Comparison,
    payer: Payer,
    keep: &[usize],
    i: usize,
    net: &[f64],
    year: &str,
) -> String {
    let v = net.get(i).copied().unwrap_or(f64::NAN);
    let amount = format::money(v.abs());
    let same = format::money_is_zero(v);
    match payer {
        Payer::Commissioner => {
            let k = keep[i];
            let required = c.required_savings.get(k).copied().unwrap_or(0.0);
            let spend = if same {
                format!("In {year} the commissioner spends the same as doing nothing")
            } else if v > 0.0 {
                format!("In {year} the commissioner spends {amount} more than doing nothing")
            } else {
                format!("In {year} the commissioner spends {amount} less than doing nothing")
            };
            if required > 0.0 {
                format!("{spend}; it had to save {}", format::money(required))
            } else {
                spend
            }
        }
        Payer::Provider => {
            if same {
                format!("In {year} the trust's margin is the same as doing nothing")
            } else if v > 0.0 {
                format!("In {year} the trust's margin is {amount} better than doing nothing")
            } else {
                format!("In {year} the trust's margin is {amount} worse than doing nothing")
            }
        }
        Payer::SocialCare => {
            if same {
                format!("In {year} social care spends the same as doing nothing")
            } else if v > 0.0 {
                format!("In {year} social care spends {amount} more than doing nothing")
            } else {
                format!("In {year} social care spends {amount} less than doing nothing")
            }
        }
    }
}

fn table(c: &Comparison, payer: Payer, keep: &[usize], years: &[String]) -> Table {
    let rows: Vec<&Row> = c.rows.iter().filter(|r| r.payer == payer).collect();
    let mut headers = vec!["Year".to_string()];
    for r in &rows {
        let what = if r.sign < 0.0 {
            format!("{} (cost)", r.label)
        } else {
            r.label.to_string()
        };
        headers.push(what.clone());
        headers.push(format!("{what}: change"));
    }
    if payer == Payer::Commissioner {
        headers.extend(
            [
                "Plan: investment",
                "Plan: savings expected",
                "Savings against do nothing",
                "Savings required",
                "Gap to the savings required",
                "Budget for these services",
                "Within budget by",
            ]
            .map(String::from),
        );
    }
    let body = keep
        .iter()
        .zip(years)
        .map(|(&k, y)| {
            let mut row = vec![y.clone()];
            for r in &rows {
                row.push(format::money(r.scenario[k]));
                row.push(format::signed_money(r.scenario[k] - r.do_nothing[k]));
            }
            if payer == Payer::Commissioner {
                let required = c.required_savings[k];
                row.push(format::money(c.investment[k]));
                row.push(format::money(c.planned_savings[k]));
                row.push(format::signed_money(c.modelled_savings[k]));
                row.push(format::money(required));
                row.push(if required > 0.0 {
                    format::money(required - c.modelled_savings[k])
                } else {
                    "–".into()
                });
                row.push(format::money(c.budget[k]));
                row.push(format::signed_money(
                    c.budget[k] - c.commissioner_spending[k],
                ));
            }
            row
        })
        .collect();
    Table {
        caption: format!(
            "{}: {} by cause and financial year, and the change against do nothing",
            payer.label(),
            payer.bottom_line()
        ),
        headers,
        rows: body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::{presets, sd};

    fn runs() -> (Results, Results) {
        (
            sd::run(&presets::strategic_plan()).unwrap(),
            sd::run(&presets::do_nothing()).unwrap(),
        )
    }

    #[test]
    fn three_charts_stacked_by_cause_whose_bars_sum_to_the_net_line() {
        let (plan, dn) = runs();
        let span = Span {
            first: 0,
            last: 5,
            kpi: 4,
        };
        let views = charts(&plan, &dn, span);
        assert_eq!(
            views.iter().map(|v| v.id).collect::<Vec<_>>(),
            ["money-commissioner", "money-trust", "money-social-care"]
        );
        for v in &views {
            let Chart::Bar(b) = &v.chart else {
                panic!("bar chart")
            };
            assert!(b.stacked);
            assert_eq!(b.categories.len(), 6);
            let net = &b.lines[0];
            for (i, &(_, y)) in net.points.iter().enumerate() {
                let sum: f64 = b.bars.iter().map(|s| s.values[i]).sum();
                assert!((sum - y).abs() < 1e-6, "{}: {sum} vs {y}", v.id);
            }
            assert_eq!(v.table.rows.len(), 6);
            assert!(v
                .table
                .rows
                .iter()
                .all(|r| r.len() == v.table.headers.len()));
        }
        // The commissioner's chart carries the plan's lines and the savings it had to find.
        let Chart::Bar(b) = &views[0].chart else {
            panic!()
        };
        let names: Vec<&str> = b.lines.iter().map(|l| l.name.as_str()).collect();
        assert!(names.contains(&"Plan: investment"));
        assert_eq!(b.lines[1].points[2].1, 12.0);
        assert!(
            b.title.contains("2012/13") && b.title.contains("had to save £95.8m"),
            "{}",
            b.title
        );
        // The trust loses tariff income when admissions are avoided.
        let Chart::Bar(t) = &views[1].chart else {
            panic!()
        };
        assert!(t.bars[0].values[4] < 0.0, "tariff income falls");
    }

    #[test]
    fn the_charts_draw_to_svg() {
        let (plan, dn) = runs();
        let span = Span {
            first: 0,
            last: 5,
            kpi: 4,
        };
        for v in charts(&plan, &dn, span) {
            let mut svg = String::new();
            {
                use plotters::prelude::IntoDrawingArea;
                let root = plotters::prelude::SVGBackend::with_string(&mut svg, (800, 420))
                    .into_drawing_area();
                crate::draw_chart(&root, &v.chart, crate::DrawOptions::default()).expect("draws");
            }
            assert!(svg.contains("<svg"), "{}", v.id);
        }
    }
}
