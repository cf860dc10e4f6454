//! Care closer to home, service by service: how full each community service of the catalogue is
//! over time (caseload against places), and in the KPI year what each avoided and how many it
//! turned away; KPI cards for the headline services. Pure functions of a run
//! ([`careflow_model::results::ServiceDaily`]), tested natively.

use careflow_model::results::ServiceDaily;
use careflow_model::scenario::{COMMUNITY_MATRONS, COMMUNITY_REHAB, OWNHEALTH};
use careflow_model::Results;

use crate::format;
use crate::palette;
use crate::views::{day_range, year_label, year_start, ChartView, Kpi, Span, Table, Tone, XAxis};
use crate::{BarChart, BarSeries, Chart, LineStyle, RefLine, Series, TimeChart};

/// The headline services that get a KPI card: (id, card label).
pub const HEADLINE: [(&str, &str); 3] = [
    (OWNHEALTH, "Birmingham OwnHealth"),
    (COMMUNITY_MATRONS, "Community matrons"),
    (COMMUNITY_REHAB, "Community rehabilitation"),
];

const STYLES: [LineStyle; 4] = [
    LineStyle::Solid,
    LineStyle::Dashed,
    LineStyle::Dotted,
    LineStyle::LongDash,
];

fn colour(j: usize) -> (u8, u8, u8) {
    palette::SERIES[j % palette::SERIES.len()]
}

fn total(v: &[f64], r: std::ops::Range<usize>) -> f64 {
    let end = r.end.min(v.len());
    v.get(r.start.min(end)..end).map_or(0.0, |s| s.iter().sum())
}

fn average(v: &[f64], r: std::ops::Range<usize>) -> f64 {
    let n = r.len().max(1) as f64;
    total(v, r) / n
}

fn year_days(run: &Results, i: usize) -> std::ops::Range<usize> {
    year_start(run, i)..year_start(run, i + 1).min(run.days)
}

/// Monthly share of places in use per service [%].
fn share_in_use(
    run: &Results,
    v: &ServiceDaily,
    range: &std::ops::Range<usize>,
) -> Vec<(f64, f64)> {
    run.monthly
        .iter()
        .filter(|m| m.first_day >= range.start && m.first_day < range.end)
        .filter_map(|m| {
            let r = m.first_day..m.first_day + m.days;
            let places = average(&v.places, r.clone());
            (places >= 0.5).then(|| (m.first_day as f64, 100.0 * average(&v.caseload, r) / places))
        })
        .collect()
}

/// Chart: how full each service is, month by month (caseload as a share of its places), with
/// its caseload, places, waiting list, turned away and avoided admissions in the table.
pub fn caseload_chart(run: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let range = day_range(run, span);
    let svcs = &run.daily.services;
    let series: Vec<Series> = svcs
        .iter()
        .enumerate()
        .map(|(j, v)| Series {
            name: v.name.clone(),
            points: share_in_use(run, v, &range),
            colour: colour(j),
            style: STYLES[j % STYLES.len()],
        })
        .collect();
    let ky = year_days(run, span.kpi);
    let year = year_label(run, span.kpi);
    let full: Vec<&ServiceDaily> = svcs
        .iter()
        .filter(|v| {
            let p = average(&v.places, ky.clone());
            p > 0.0 && average(&v.caseload, ky.clone()) >= 0.98 * p
        })
        .collect();
    let title = if svcs.is_empty() {
        "No community services of the catalogue are running".to_string()
    } else if full.is_empty() {
        format!("No community service is full in {year}")
    } else {
        let away: f64 = full.iter().map(|v| total(&v.turned_away, ky.clone())).sum();
        format!(
            "{} full in {year}, turning away {} people",
            full.iter()
                .map(|v| v.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            format::int(away)
        )
    };
    let summary = if svcs.is_empty() {
        "No community services of the catalogue are switched on, so there is nothing to chart. Switch one on under Care closer to home.".to_string()
    } else {
        format!(
            "Line chart of the share of each community service's places in use each month from {} to {}; at 100% the service is full and turns people away. {}",
            year_label(run, span.first),
            year_label(run, span.last),
            svcs.iter()
                .map(|v| format!(
                    "{}: {} of {} places in use in {year}",
                    v.name,
                    format::int(average(&v.caseload, ky.clone())),
                    format::int(average(&v.places, ky.clone()))
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    let rows = svcs
        .iter()
        .map(|v| {
            vec![
                v.name.clone(),
                format::int(average(&v.places, ky.clone())),
                format::int(average(&v.caseload, ky.clone())),
                format::int(average(&v.waiting, ky.clone())),
                format::int(total(&v.referred, ky.clone())),
                format::int(total(&v.turned_away, ky.clone())),
                format::int(total(&v.avoided, ky.clone())),
            ]
        })
        .collect();
    ChartView {
        id: "services",
        name: "Community services",
        chart: Chart::Time(TimeChart {
            title,
            x_label: "Financial year (monthly means)".into(),
            y_label: "Places in use (%)".into(),
            series,
            ref_lines: vec![RefLine {
                label: "Full".into(),
                y: 100.0,
                colour: palette::NEUTRAL,
            }],
            x_ticks: (span.first..=span.last)
                .filter_map(|i| {
                    run.yearly
                        .get(i)
                        .map(|y| (year_start(run, i) as f64, y.year.clone()))
                })
                .collect(),
            ..Default::default()
        }),
        summary,
        table: Table {
            caption: format!("Community services in {year}"),
            headers: [
                "Service",
                "Places (mean)",
                "Caseload (mean)",
                "Waiting (mean)",
                "Referred",
                "Turned away",
                "Admissions avoided",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        x_axis: XAxis::Days {
            start_year: run.start_year,
        },
        y_unit: "%",
    }
}

/// Chart: admissions avoided and people turned away by each service in the KPI year.
pub fn avoided_chart(run: &Results, span: Span) -> ChartView {
    let span = span.charted(run.yearly.len());
    let ky = year_days(run, span.kpi);
    let year = year_label(run, span.kpi);
    let svcs = &run.daily.services;
    let avoided: Vec<f64> = svcs.iter().map(|v| total(&v.avoided, ky.clone())).collect();
    let away: Vec<f64> = svcs
        .iter()
        .map(|v| total(&v.turned_away, ky.clone()))
        .collect();
    let all: f64 = avoided.iter().sum();
    let title = match avoided.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) {
        Some((j, &a)) if a >= 0.5 => format!(
            "{} admissions avoided by the community services in {year}, most by {} ({})",
            format::int(all),
            svcs[j].name,
            format::int(a)
        ),
        _ => format!("No admissions avoided by the community services in {year}"),
    };
    let summary = format!(
        "Bar chart of the emergency admissions each community service avoided in {year}, beside the people it turned away (found it full, or gave up waiting). {}",
        svcs.iter()
            .zip(avoided.iter().zip(&away))
            .map(|(v, (a, t))| format!("{}: {} avoided, {} turned away", v.name, format::int(*a), format::int(*t)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let rows = svcs
        .iter()
        .zip(avoided.iter().zip(&away))
        .map(|(v, (a, t))| vec![v.name.clone(), format::int(*a), format::int(*t)])
        .collect();
    ChartView {
        id: "services-avoided",
        name: "Admissions avoided by service",
        chart: Chart::Bar(BarChart {
            title,
            x_label: "Community service".into(),
            y_label: format!("People in {year}"),
            categories: svcs.iter().map(|v| v.name.clone()).collect(),
            bars: vec![
                BarSeries {
                    name: "Admissions avoided".into(),
                    values: avoided,
                    colour: palette::SERIES[2],
                },
                BarSeries {
                    name: "Turned away".into(),
                    values: away,
                    colour: palette::SERIES[1],
                },
            ],
            stacked: false,
            ..Default::default()
        }),
        summary,
        table: Table {
            caption: format!("Admissions avoided and people turned away by service in {year}"),
            headers: ["Service", "Admissions avoided", "Turned away"]
                .map(String::from)
                .to_vec(),
            rows,
        },
        x_axis: XAxis::Categories,
        y_unit: "people",
    }
}

/// KPI cards for the headline services that are running: admissions avoided in the KPI year,
/// with the caseload against places and any turned away.
pub fn kpis(run: &Results, span: Span) -> Vec<Kpi> {
    let span = span.clamped(run.yearly.len());
    let ky = year_days(run, span.kpi);
    HEADLINE
        .iter()
        .filter_map(|&(id, label)| {
            let v = run.daily.services.iter().find(|v| v.id == id)?;
            let avoided = total(&v.avoided, ky.clone());
            let away = total(&v.turned_away, ky.clone());
            let places = average(&v.places, ky.clone());
            let caseload = average(&v.caseload, ky.clone());
            Some(Kpi {
                id,
                label,
                value: format::int(avoided),
                delta: format!(
                    "admissions avoided; {} of {} places in use",
                    format::int(caseload),
                    format::int(places)
                ),
                tone: Tone::Same,
                target: None,
                note: (away >= 0.5).then(|| format!("{} turned away", format::int(away))),
            })
        })
        .collect()
}

/// Chart: A&E by year — attendances at A&E and at the urgent care centre (thousands, stacked),
/// with the admitted patients over four hours as a line, and the conversion, the share within
/// four hours and the standard in the title and the table.
pub fn ae_chart(run: &Results, span: Span) -> ChartView {
    use crate::trajectories::{fy_of, AE_FOUR_HOURS};
    let span = span.charted(run.yearly.len());
    let years: Vec<_> = (span.first..=span.last)
        .filter_map(|i| run.yearly.get(i))
        .collect();
    let k = |v: f64| v / 1000.0;
    let title = match run.yearly.get(span.kpi) {
        Some(y) => {
            let standard = fy_of(&y.year).and_then(|fy| AE_FOUR_HOURS.at(fy));
            let verdict = match standard {
                Some(t) if y.ae_within_standard + 1e-9 >= t => {
                    format!("meeting the {} standard", format::pct(t, 0))
                }
                Some(t) => format!("short of the {} standard", format::pct(t, 0)),
                None => String::new(),
            };
            format!(
                "In {}: {} of A&E attendances within four hours{}{}; {} admitted patients waited longer for a bed",
                y.year,
                format::pct(y.ae_within_standard, 1),
                if verdict.is_empty() { "" } else { ", " },
                verdict,
                format::int(y.ae_admitted_over_standard)
            )
        }
        None => "No results".into(),
    };
    let summary = format!(
        "Bar chart by year of attendances at A&E and at the urgent care centre (thousands, stacked) and of the admitted patients who spent more than four hours in A&E (thousands). {}",
        years
            .iter()
            .map(|y| format!(
                "{}: {} within four hours",
                y.year,
                format::pct(y.ae_within_standard, 1)
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let rows = years
        .iter()
        .map(|y| {
            let standard = fy_of(&y.year).and_then(|fy| AE_FOUR_HOURS.at(fy));
            vec![
                y.year.clone(),
                format::int(y.ae_attendances),
                format::int(y.ucc_attendances),
                format::pct(y.ae_conversion, 1),
                format::int(y.ae_admitted_over_standard),
                format::pct(y.ae_within_standard, 1),
                standard.map_or_else(|| "–".into(), |t| format::pct(t, 0)),
            ]
        })
        .collect();
    ChartView {
        id: "ae",
        name: "A&E and the four-hour standard",
        chart: Chart::Bar(BarChart {
            title,
            x_label: "Financial year".into(),
            y_label: "Thousands a year".into(),
            categories: years.iter().map(|y| y.year.clone()).collect(),
            bars: vec![
                BarSeries {
                    name: "A&E attendances".into(),
                    values: years.iter().map(|y| k(y.ae_attendances)).collect(),
                    colour: palette::SERIES[0],
                },
                BarSeries {
                    name: "Urgent care centre attendances".into(),
                    values: years.iter().map(|y| k(y.ucc_attendances)).collect(),
                    colour: palette::SERIES[2],
                },
            ],
            stacked: true,
            lines: vec![Series {
                name: "Admitted patients over four hours in A&E".into(),
                points: years
                    .iter()
                    .enumerate()
                    .map(|(i, y)| (i as f64, k(y.ae_admitted_over_standard)))
                    .collect(),
                colour: palette::SERIES[1],
                style: LineStyle::Solid,
            }],
            ..Default::default()
        }),
        summary,
        table: Table {
            caption: "A&E by financial year: attendances by site, conversion to admission and the four-hour standard".into(),
            headers: [
                "Year",
                "A&E attendances",
                "Urgent care centre attendances",
                "Admitted through A&E (share of A&E attendances)",
                "Admitted patients over four hours",
                "Within four hours",
                "Standard",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
        x_axis: XAxis::Categories,
        y_unit: "thousand",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::{presets, run};

    fn title(v: &ChartView) -> &str {
        match &v.chart {
            Chart::Time(t) => &t.title,
            Chart::Bar(b) => &b.title,
        }
    }

    fn span() -> Span {
        Span {
            first: 0,
            last: 5,
            kpi: 4,
        }
    }

    #[test]
    fn the_plan_shows_every_service_and_says_which_is_full() {
        let r = run(&presets::strategic_plan()).unwrap();
        let v = caseload_chart(&r, span());
        let Chart::Time(t) = &v.chart else {
            panic!("a time chart")
        };
        assert_eq!(t.series.len(), r.daily.services.len());
        assert!(
            // The matrons' 1,000 places are all in use in the plan (more are referred than leave).
            t.title.contains("Community matrons"),
            "{}",
            t.title
        );
        assert!(t.title.contains("turning away"), "{}", t.title);
        assert_eq!(v.table.rows.len(), r.daily.services.len());
        // No series goes above full by more than rounding.
        for s in &t.series {
            assert!(s.points.iter().all(|p| p.1 <= 101.0), "{}", s.name);
        }
        let b = avoided_chart(&r, span());
        assert!(title(&b).contains("admissions avoided"), "{}", title(&b));
        let k = kpis(&r, span());
        assert_eq!(k.len(), 3);
        assert!(k.iter().any(|k| k.note.is_some()));
    }

    /// The 442 beds closed put A&E short of the 95% standard by 2012/13; the plan as written
    /// meets it. The table's within-four-hours column is the KPI's, year by year.
    #[test]
    fn the_ae_chart_says_whether_the_standard_is_met() {
        let closures = run(&presets::preset("plan-with-bed-closures").unwrap().scenario).unwrap();
        let v = ae_chart(&closures, span());
        assert!(
            title(&v).contains("short of the 95% standard"),
            "{}",
            title(&v)
        );
        assert_eq!(v.table.rows.len(), 6);
        for (row, y) in v.table.rows.iter().zip(&closures.yearly) {
            assert_eq!(row[5], format::pct(y.ae_within_standard, 1));
        }
        assert_eq!(v.table.rows[0][6], "98%");
        assert_eq!(v.table.rows[4][6], "95%");
        let plan = run(&presets::strategic_plan()).unwrap();
        let p = ae_chart(&plan, span());
        assert!(
            title(&p).contains("meeting the 95% standard"),
            "{}",
            title(&p)
        );
    }

    #[test]
    fn with_no_services_the_charts_say_so() {
        let r = run(&presets::do_nothing()).unwrap();
        assert!(title(&caseload_chart(&r, span())).starts_with("No community services"));
        assert!(title(&avoided_chart(&r, span())).starts_with("No admissions"));
        assert!(kpis(&r, span()).is_empty());
    }
}
