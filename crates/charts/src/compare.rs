//! Comparing scenarios: pinned scenarios overlaid on the five charts in distinct colour-blind-safe
//! styles (colour *and* dash pattern), a KPI table side by side, and a diff of every lever that
//! differs from the baseline, with units. Pure functions of model results; tested natively.

use careflow_model::{parameters, Results, Scenario};

use crate::format;
use crate::palette;
use crate::views::{self, rolling_mean, ChartView, Span, Table};
use crate::{Chart, LineStyle, Series};

/// Most scenarios that can be pinned at once.
pub const MAX_PINS: usize = 4;

/// One pinned scenario's results, by name.
#[derive(Clone, Copy, Debug)]
pub struct Pinned<'a> {
    pub name: &'a str,
    pub results: &'a Results,
}

/// Colour of pin `i` ([`palette::PINS`]: colours no chart uses for the scenario on screen). Each
/// pin also has its own dash pattern ([`crate::PATTERNS`]), so the pins stay apart without colour
/// vision.
pub fn pin_colour(i: usize) -> (u8, u8, u8) {
    palette::PINS[i % MAX_PINS]
}

/// The stroke style of pin `i`.
pub fn pin_style(i: usize) -> LineStyle {
    LineStyle::Pattern((i % MAX_PINS) as u8)
}

/// Words for pin `i`'s line style, for text alternatives ("long dashes", "dots" …).
pub fn pin_style_words(i: usize) -> &'static str {
    [
        "long dashes",
        "dots",
        "short dashes",
        "long dashes, wide gaps",
    ][i % MAX_PINS]
}

/// What a chart compares across scenarios: the yearly value in the table, and its label.
/// A table cell from (pinned run, do nothing, year label).
type Cell = fn(&Results, &Results, &str) -> String;

fn measure(id: &str) -> Option<(&'static str, Cell)> {
    fn year<'r>(r: &'r Results, label: &str) -> Option<&'r careflow_model::YearKpis> {
        r.year(label)
    }
    Some(match id {
        "beds" => ("mean occupied beds", |r, _, y| {
            year(r, y).map_or_else(String::new, |k| format::int(k.mean_occupied_beds))
        }),
        "admissions" => ("emergency admissions", |r, _, y| {
            year(r, y).map_or_else(String::new, |k| format::int(k.emergency_admissions))
        }),
        "delays" => ("share of bed days delayed", |r, _, y| {
            year(r, y).map_or_else(String::new, |k| format::pct(k.dtoc_share, 1))
        }),
        "deaths" => ("home or care home", |r, _, y| {
            year(r, y).map_or_else(String::new, |k| {
                format::pct(k.home_or_care_home_death_share, 1)
            })
        }),
        "money" => ("commissioner change", |r, reference, y| {
            match (year(r, y), year(reference, y)) {
                (Some(k), Some(d)) => format::signed_money(views::cost_change(k, d).0),
                _ => String::new(),
            }
        }),
        _ => return None,
    })
}

/// What the overlay line of a pinned scenario shows on chart `id`.
fn line_name(id: &str) -> &'static str {
    match id {
        "beds" => "occupied beds (7-day mean)",
        "admissions" => "emergency admissions",
        "delays" => "all delayed (7-day mean)",
        "deaths" => "home or care home",
        "money" => "commissioner change",
        _ => "",
    }
}

/// The overlay line of one pinned scenario on chart `id`, in the chart's x unit, or `None` when
/// the pinned run cannot share the x axis (a different first year on a daily chart).
fn overlay(
    id: &str,
    run: &Results,
    pin: &Results,
    reference: &Results,
    span: Span,
    categories: &[String],
) -> Option<Vec<(f64, f64)>> {
    let range = views::day_range(run, span);
    let same_days = pin.start_year == run.start_year;
    Some(match id {
        "beds" if same_days => views::daily(&rolling_mean(&pin.daily.occupied_beds, 7), range, 1.0),
        "admissions" if same_days => pin
            .monthly
            .iter()
            .filter(|m| m.first_day >= range.start && m.first_day < range.end)
            .map(|m| (m.first_day as f64, m.emergency_admissions))
            .collect(),
        "delays" if same_days => {
            views::daily(&rolling_mean(&pin.daily.delayed_total, 7), range, 1.0)
        }
        "deaths" => categories
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                pin.year(c)
                    .map(|y| (i as f64, 100.0 * y.home_or_care_home_death_share))
            })
            .collect(),
        "money" => categories
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let (y, d) = (pin.year(c)?, reference.year(c)?);
                Some((i as f64, views::cost_change(y, d).0 / 1e6))
            })
            .collect(),
        _ => return None,
    })
}

/// Chart `view` (drawn for `run`) with each pinned scenario overlaid as a line in its own colour and
/// dash pattern, a table column per pin, and the pins named in the summary.
pub fn with_pins(
    mut view: ChartView,
    run: &Results,
    pins: &[Pinned],
    reference: &Results,
    span: Span,
) -> ChartView {
    if pins.is_empty() {
        return view;
    }
    let span = span.clamped(run.yearly.len());
    let Some((what, cell)) = measure(view.id) else {
        return view;
    };
    let categories = match &view.chart {
        Chart::Bar(b) => b.categories.clone(),
        Chart::Time(_) => Vec::new(),
    };
    let mut shown = Vec::new();
    let mut table_only = Vec::new();
    for (i, pin) in pins.iter().take(MAX_PINS).enumerate() {
        let line = overlay(view.id, run, pin.results, reference, span, &categories);
        match line {
            Some(points) if !points.is_empty() => {
                let series = Series {
                    name: format!("{}: {}", pin.name, line_name(view.id)),
                    points,
                    colour: pin_colour(i),
                    style: pin_style(i),
                };
                match &mut view.chart {
                    Chart::Time(t) => t.series.push(series),
                    Chart::Bar(b) => b.lines.push(series),
                }
                shown.push(format!("{} ({})", pin.name, pin_style_words(i)));
            }
            _ => table_only.push(pin.name.to_string()),
        }
        view.table.headers.push(format!("{}: {what}", pin.name));
        for row in &mut view.table.rows {
            let label = row.first().cloned().unwrap_or_default();
            row.push(cell(pin.results, reference, &label));
        }
    }
    if !shown.is_empty() {
        view.summary
            .push_str(&format!(" Compared with {}.", join_words(&shown)));
    }
    if !table_only.is_empty() {
        view.summary.push_str(&format!(
            " {} start in a different year, so they are in the table only.",
            join_words(&table_only)
        ));
    }
    view
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The KPIs side by side for the KPI year of `current` (index `year`): do nothing, the scenario on
/// screen and each pin (matched by financial year; "–" where a pin does not reach that year).
pub fn kpi_table(current: Pinned, pins: &[Pinned], reference: &Results, year: usize) -> Table {
    let label = views::year_label(current.results, year);
    let cards = |r: &Results| -> Vec<views::Kpi> {
        r.yearly
            .iter()
            .position(|y| y.year == label)
            .map(|i| views::kpis(r, reference, i))
            .unwrap_or_default()
    };
    let columns: Vec<Vec<views::Kpi>> = std::iter::once(reference)
        .chain(std::iter::once(current.results))
        .chain(pins.iter().map(|p| p.results))
        .map(cards)
        .collect();
    let mut headers = vec![
        "Measure".to_string(),
        "Do nothing".into(),
        current.name.into(),
    ];
    headers.extend(pins.iter().map(|p| p.name.to_string()));
    let rows = columns
        .iter()
        .find(|c| !c.is_empty())
        .map(|first| {
            first
                .iter()
                .enumerate()
                .map(|(k, kpi)| {
                    let mut row = vec![kpi.label.to_string()];
                    row.extend(columns.iter().map(|c| {
                        c.get(k)
                            .map_or_else(|| "–".to_string(), |v| v.value.clone())
                    }));
                    row
                })
                .collect()
        })
        .unwrap_or_default();
    Table {
        caption: format!("Key measures in {label}, side by side"),
        headers,
        rows,
    }
}

/// Settings outside the lever registry that differ from the baseline in `s`, in words.
fn other_settings(s: &Scenario) -> Vec<String> {
    let base = Scenario::default();
    let mut rest = s.clone();
    for p in parameters() {
        let v = base.lever(p.id);
        if rest.lever(p.id) != v {
            let _ = rest.set_lever(p.id, v);
        }
    }
    rest.seed = base.seed;
    let mut out: Vec<String> = Vec::new();
    for path in rest.differing_paths(&base) {
        let words = match path.as_str() {
            "beds.steps" => "ward closures and openings".to_string(),
            "money.investment" | "money.planned_savings" => {
                "the plan's yearly investment and savings".to_string()
            }
            p if p.starts_with("beds.los.") => "length-of-stay distributions".to_string(),
            p => p.to_string(),
        };
        if !out.contains(&words) {
            out.push(words);
        }
    }
    out
}

/// Every lever that differs from the baseline in any of `scenarios`, with units: one row per lever,
/// a column for the baseline and one per scenario. The seed and settings that are not levers (such
/// as a ward-closure schedule) get rows of their own when they differ.
pub fn lever_diff(scenarios: &[(&str, &Scenario)]) -> Table {
    let base = Scenario::default();
    let mut headers = vec!["Lever".to_string(), "Baseline".into()];
    headers.extend(scenarios.iter().map(|(n, _)| n.to_string()));
    let mut rows = Vec::new();
    for p in parameters() {
        let b = base.lever(p.id);
        let values: Vec<f64> = scenarios.iter().map(|(_, s)| s.lever(p.id)).collect();
        if values.iter().all(|v| (v - b).abs() <= 1e-12) {
            continue;
        }
        let mut row = vec![p.label.to_string(), format::lever_value(&p, b)];
        row.extend(values.iter().map(|v| format::lever_value(&p, *v)));
        rows.push(row);
    }
    if scenarios.iter().any(|(_, s)| s.seed != base.seed) {
        let mut row = vec!["Random seed".to_string(), base.seed.to_string()];
        row.extend(scenarios.iter().map(|(_, s)| s.seed.to_string()));
        rows.push(row);
    }
    let others: Vec<Vec<String>> = scenarios.iter().map(|(_, s)| other_settings(s)).collect();
    if others.iter().any(|o| !o.is_empty()) {
        let mut row = vec![
            "Settings that are not levers".to_string(),
            "baseline".into(),
        ];
        row.extend(others.iter().map(|o| {
            if o.is_empty() {
                "baseline".to_string()
            } else {
                format!("changed: {}", o.join("; "))
            }
        }));
        rows.push(row);
    }
    Table {
        caption: "Levers that differ from the baseline".into(),
        headers,
        rows,
    }
}

/// The sources of the assumptions a scenario uses: every headline lever and every lever it changes,
/// with its value here and where its baseline value comes from.
pub fn sources(s: &Scenario) -> Table {
    let base = Scenario::default();
    let rows = parameters()
        .into_iter()
        .filter_map(|p| {
            let (v, b) = (s.lever(p.id), base.lever(p.id));
            let changed = (v - b).abs() > 1e-12;
            (p.headline || changed).then(|| {
                vec![
                    p.label.to_string(),
                    if changed {
                        format!("{} (changed)", format::lever_value(&p, v))
                    } else {
                        format::lever_value(&p, v)
                    },
                    format!(
                        "{} ({})",
                        format::compact_source(p.provenance.source),
                        p.provenance.kind.label()
                    ),
                ]
            })
        })
        .collect();
    Table {
        caption: "Where the assumptions come from: headline and changed levers".into(),
        headers: ["Lever", "This scenario", "Source of the baseline value"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::{preset, run};

    fn all_span(r: &Results) -> Span {
        Span {
            first: 0,
            last: r.yearly.len() - 1,
            kpi: r.yearly.iter().position(|y| y.year == "2012/13").unwrap(),
        }
    }

    fn results(id: &str) -> (Scenario, Results) {
        let s = preset(id).expect("preset").scenario;
        let r = run(&s).expect("runs");
        (s, r)
    }

    #[test]
    fn pins_overlay_every_chart_in_their_own_style() {
        let (_, reference) = results("do-nothing");
        let (_, plan) = results("strategic-plan");
        let (_, closures) = results("plan-with-bed-closures");
        let (_, winter) = results("winter-surge");
        let pins = [
            Pinned {
                name: "Closures",
                results: &closures,
            },
            Pinned {
                name: "Winter",
                results: &winter,
            },
        ];
        let span = all_span(&plan);
        for view in views::charts(&plan, &reference, span) {
            let before = view.chart.series_count();
            let cols = view.table.headers.len();
            let v = with_pins(view, &plan, &pins, &reference, span);
            assert_eq!(v.chart.series_count(), before + 2, "{}", v.id);
            assert_eq!(v.table.headers.len(), cols + 2, "{}", v.id);
            assert!(v.table.rows.iter().all(|r| r.len() == cols + 2));
            assert!(
                v.summary.contains("Closures (long dashes)"),
                "{}",
                v.summary
            );
            let legend = v.chart.legend();
            let a = legend
                .iter()
                .find(|e| e.name.starts_with("Closures"))
                .unwrap();
            let b = legend
                .iter()
                .find(|e| e.name.starts_with("Winter"))
                .unwrap();
            assert_ne!(a.colour, b.colour);
            assert_ne!(a.kind, b.kind);
            // no other entry shares both colour and style with a pin
            for e in &legend {
                if e.name != a.name {
                    assert!(!(e.colour == a.colour && e.kind == a.kind), "{}", e.name);
                }
            }
        }
    }

    #[test]
    fn four_pins_read_apart_from_every_line_of_every_chart() {
        use crate::palette::{difference, Vision};
        let (_, reference) = results("do-nothing");
        let pinned: Vec<(String, Results)> = [
            "strategic-plan",
            "plan-with-bed-closures",
            "winter-surge",
            "pessimistic",
        ]
        .iter()
        .map(|id| (format!("Pin {id}"), results(id).1))
        .collect();
        let pins: Vec<Pinned> = pinned
            .iter()
            .map(|(name, results)| Pinned { name, results })
            .collect();
        for on_screen in ["do-nothing", "strategic-plan", "winter-surge"] {
            let (_, run) = results(on_screen);
            let span = all_span(&run);
            for view in views::charts(&run, &reference, span) {
                let v = with_pins(view, &run, &pins, &reference, span);
                let legend = v.chart.legend();
                let (pin_entries, others): (Vec<_>, Vec<_>) =
                    legend.iter().partition(|e| e.name.starts_with("Pin "));
                if !matches!(v.id, "services" | "accounts") {
                    assert_eq!(pin_entries.len(), 4, "{on_screen} {}", v.id);
                }
                for (i, p) in pin_entries.iter().enumerate() {
                    let rest = others.iter().chain(&pin_entries[i + 1..]);
                    for e in rest {
                        for vision in [
                            Vision::Typical,
                            Vision::Protanopia,
                            Vision::Deuteranopia,
                            Vision::Tritanopia,
                        ] {
                            let d = difference(p.colour, e.colour, vision);
                            assert!(
                                d >= 10.0,
                                "{on_screen} {}: \"{}\" and \"{}\" differ by {d:.1} in {vision:?}",
                                v.id,
                                p.name,
                                e.name
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn pinned_overlay_values_are_the_pinned_runs_own() {
        let (_, reference) = results("do-nothing");
        let (_, plan) = results("strategic-plan");
        let (_, closures) = results("plan-with-bed-closures");
        let pins = [Pinned {
            name: "Closures",
            results: &closures,
        }];
        let span = all_span(&plan);
        let v = with_pins(
            views::deaths_chart(&plan, &reference, span),
            &plan,
            &pins,
            &reference,
            span,
        );
        let Chart::Bar(b) = &v.chart else {
            panic!("bar")
        };
        let line = b.lines.last().unwrap();
        let y = closures.year("2012/13").unwrap();
        let i = b.categories.iter().position(|c| c == "2012/13").unwrap();
        let p = line.points.iter().find(|p| p.0 == i as f64).unwrap();
        assert!((p.1 - 100.0 * y.home_or_care_home_death_share).abs() < 1e-9);
        // The admissions overlay sums to the pinned run's yearly admissions.
        let v = with_pins(
            views::admissions_chart(&plan, &reference, span),
            &plan,
            &pins,
            &reference,
            span,
        );
        let Chart::Time(t) = &v.chart else {
            panic!("time")
        };
        let total: f64 = t.series.last().unwrap().points.iter().map(|p| p.1).sum();
        let all: f64 = closures.yearly.iter().map(|y| y.emergency_admissions).sum();
        assert!((total - all).abs() / all < 1e-9, "{total} vs {all}");
    }

    #[test]
    fn sources_cover_headline_and_changed_levers() {
        let mut s = Scenario::default();
        let hidden = parameters().into_iter().find(|p| !p.headline).unwrap();
        let v = s.get(hidden.path).unwrap();
        let target = if v + hidden.step <= hidden.max {
            v + hidden.step
        } else {
            v - hidden.step
        };
        s.set(hidden.path, target).unwrap();
        let t = sources(&s);
        let headline = parameters().iter().filter(|p| p.headline).count();
        assert_eq!(t.rows.len(), headline + 1);
        let row = t.rows.iter().find(|r| r[0] == hidden.label).unwrap();
        assert!(row[1].ends_with("(changed)"), "{row:?}");
        assert!(row[2].contains(&format::compact_source(hidden.provenance.source)));
        assert!(row[2].ends_with(&format!("({})", hidden.provenance.kind.label())));
        assert!(t.rows.iter().all(|r| !r[2].is_empty()));
    }

    #[test]
    fn kpi_table_sets_scenarios_side_by_side() {
        let (_, reference) = results("do-nothing");
        let (_, plan) = results("strategic-plan");
        let (_, closures) = results("plan-with-bed-closures");
        let year = all_span(&plan).kpi;
        let t = kpi_table(
            Pinned {
                name: "Plan",
                results: &plan,
            },
            &[Pinned {
                name: "Closures",
                results: &closures,
            }],
            &reference,
            year,
        );
        assert_eq!(t.headers, ["Measure", "Do nothing", "Plan", "Closures"]);
        let row = |label: &str| t.rows.iter().find(|r| r[0] == label).unwrap().clone();
        let adm = row("Emergency admissions");
        assert_eq!(
            adm[1],
            format::int(reference.yearly[year].emergency_admissions)
        );
        assert_eq!(adm[2], format::int(plan.yearly[year].emergency_admissions));
        assert_eq!(
            adm[3],
            format::int(closures.yearly[year].emergency_admissions)
        );
        assert!(t.caption.contains("2012/13"));
    }

    #[test]
    fn lever_diff_lists_changed_levers_with_units_and_other_settings() {
        let base = Scenario::default();
        let mut a = base.clone();
        a.set("beds.base", 1100.0).unwrap();
        // The preset closes wards through levers; a dated bed change is a setting, not a lever.
        let mut closures = preset("plan-with-bed-closures").unwrap().scenario;
        closures.beds.steps.push(careflow_model::scenario::BedStep {
            at: 2011.0,
            change: -28.0,
        });
        let t = lever_diff(&[("A", &a), ("Closures", &closures)]);
        assert_eq!(t.headers, ["Lever", "Baseline", "A", "Closures"]);
        let spec = careflow_model::params::param("beds.base").unwrap();
        let beds = t
            .rows
            .iter()
            .find(|r| r[0] == spec.label)
            .expect("beds row");
        assert_eq!(beds[2], format!("1,100 {}", spec.unit));
        assert_eq!(beds[1], format::lever_value(&spec, base.beds.base));
        // Levers no scenario changes are absent.
        let untouched = parameters()
            .into_iter()
            .filter(|p| {
                a.get(p.path) == base.get(p.path) && closures.get(p.path) == base.get(p.path)
            })
            .count();
        assert!(untouched > 0);
        let levers_listed = t
            .rows
            .iter()
            .filter(|r| parameters().iter().any(|p| p.label == r[0]))
            .count();
        assert_eq!(levers_listed + untouched, parameters().len());
        // The ward-closure schedule is not a lever but is named when it differs.
        let other = t
            .rows
            .iter()
            .find(|r| r[0] == "Settings that are not levers")
            .unwrap();
        assert_eq!(other[2], "baseline");
        assert!(other[3].contains("ward closures"), "{}", other[3]);
        // A distribution lever moved and moved back is not a change.
        let mut back = base.clone();
        let path = "beds.los.acsc";
        let m = base.get(path).unwrap();
        back.set(path, m * 2.3).unwrap();
        back.set(path, m).unwrap();
        assert!(lever_diff(&[("Back", &back)]).rows.is_empty());
        let mut los = base.clone();
        los.set(path, m * 2.0).unwrap();
        let t = lever_diff(&[("Longer", &los)]);
        assert_eq!(t.rows.len(), 1, "{:?}", t.rows);
        // Identical scenarios give an empty diff.
        assert!(lever_diff(&[("Same", &base)]).rows.is_empty());
    }
}
