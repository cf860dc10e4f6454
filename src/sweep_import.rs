//! A merged sweep (`careflow sweep … | careflow merge …`, docs/sweeps.md) opened in the app: its
//! CSV read into one summary per (design point, scenario) — the lever values and each year's KPIs
//! averaged over the replications — shown as pinned scenarios when there are at most four of them
//! and each is a preset with levers set, else as a summary table. Pure: tested natively.

use std::collections::BTreeMap;

use careflow_model::{preset, share::LinkProblem, Scenario};

use crate::storage::Pin;

/// The first columns of every sweep row, before the lever columns.
const LEADING: [&str; 3] = ["point", "scenario", "replication"];

/// The KPI columns a summary table shows, with their headings and how each is printed.
pub const SHOWN: [(&str, &str, Shown); 6] = [
    ("dtoc_share", "Delayed transfers", Shown::Percent),
    ("mean_occupancy", "Mean occupancy", Shown::Percent),
    (
        "elective_cancellations",
        "Operations cancelled",
        Shown::Count,
    ),
    ("emergency_admissions", "Emergency admissions", Shown::Count),
    (
        "home_or_care_home_death_share",
        "Deaths at home or in a care home",
        Shown::Percent,
    ),
    ("commissioner_cost", "Commissioner cost", Shown::Money),
];

/// How a KPI is printed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown {
    Percent,
    Count,
    Money,
}

impl Shown {
    pub fn text(self, x: f64) -> String {
        use careflow_charts::format;
        match self {
            Shown::Percent => format::pct(x, 1),
            Shown::Count => format::int(x),
            Shown::Money => format::money(x),
        }
    }
}

/// One design point applied to one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Design point number (from 0).
    pub point: u32,
    /// The scenario it was applied to: a preset id or a file's name.
    pub scenario: String,
    /// The value of each lever (in [`Sweep::levers`] order).
    pub values: Vec<f64>,
    /// Replications averaged.
    pub replications: u32,
    /// Per financial year (its label, e.g. "2012/13"), the mean of each KPI (in
    /// [`Sweep::kpis`] order) over the replications.
    pub years: Vec<(String, Vec<f64>)>,
}

/// A sweep as the app reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// Lever paths, in column order.
    pub levers: Vec<String>,
    /// KPI column names, in column order.
    pub kpis: Vec<String>,
    /// Design points × scenarios, in the file's order.
    pub points: Vec<Point>,
}

fn problem(name: &str, field: &str, value: &str, allowed: &str, message: String) -> LinkProblem {
    LinkProblem {
        field: field.into(),
        value: value.chars().take(60).collect(),
        allowed: allowed.into(),
        message: format!("{name}: {message}"),
    }
}

/// Whether `text` looks like a sweep's CSV (its header starts with the sweep's leading columns).
pub fn is_sweep(text: &str) -> bool {
    text.lines().next().is_some_and(|h| {
        h.trim_start_matches('\u{feff}')
            .starts_with("point,scenario,replication,")
    })
}

/// Reads a merged sweep's CSV. Every problem names the line and column.
pub fn parse(name: &str, text: &str) -> Result<Sweep, LinkProblem> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines
        .next()
        .map(|h| h.trim_start_matches('\u{feff}'))
        .ok_or_else(|| {
            problem(
                name,
                "file",
                "",
                "a sweep's CSV",
                "the file is empty".into(),
            )
        })?;
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    if cols.len() < 5 || cols[..3] != LEADING {
        return Err(problem(
            name,
            "header",
            header,
            "point,scenario,replication, the levers, year, the KPIs",
            "this is not the CSV of careflow sweep".into(),
        ));
    }
    let Some(year_col) = cols.iter().position(|&c| c == "year") else {
        return Err(problem(
            name,
            "header",
            header,
            "a year column after the levers",
            "the header has no year column".into(),
        ));
    };
    let levers: Vec<String> = cols[3..year_col].iter().map(|s| s.to_string()).collect();
    let kpis: Vec<String> = cols[year_col + 1..].iter().map(|s| s.to_string()).collect();
    if kpis.is_empty() {
        return Err(problem(
            name,
            "header",
            header,
            "KPI columns after the year",
            "the header has no KPI columns".into(),
        ));
    }
    // (point, scenario) → (order seen, values, replications seen, year → sums and counts).
    type Acc = (
        usize,
        Vec<f64>,
        BTreeMap<u32, ()>,
        Vec<(String, Vec<f64>, u32)>,
    );
    let mut acc: BTreeMap<(u32, String), Acc> = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        let n = i + 2;
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if cells.len() != cols.len() {
            return Err(problem(
                name,
                &format!("line {n}"),
                line,
                &format!("{} columns, as the header", cols.len()),
                format!("line {n} has {} columns", cells.len()),
            ));
        }
        let number = |j: usize| -> Result<f64, LinkProblem> {
            cells[j]
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| {
                    problem(
                        name,
                        &format!("line {n}, {}", cols[j]),
                        cells[j],
                        "a finite number",
                        format!("{} on line {n} is not a number", cols[j]),
                    )
                })
        };
        let whole = |j: usize| -> Result<u32, LinkProblem> {
            cells[j].parse::<u32>().map_err(|_| {
                problem(
                    name,
                    &format!("line {n}, {}", cols[j]),
                    cells[j],
                    "a whole number from 0",
                    format!("{} on line {n} is not a whole number", cols[j]),
                )
            })
        };
        let point = whole(0)?;
        let rep = whole(2)?;
        let values = (3..year_col).map(number).collect::<Result<Vec<_>, _>>()?;
        let year = cells[year_col].to_string();
        let row = (year_col + 1..cols.len())
            .map(number)
            .collect::<Result<Vec<_>, _>>()?;
        let order = acc.len();
        let entry = acc
            .entry((point, cells[1].to_string()))
            .or_insert_with(|| (order, values.clone(), BTreeMap::new(), Vec::new()));
        entry.2.insert(rep, ());
        match entry.3.iter_mut().find(|(y, _, _)| *y == year) {
            Some((_, sums, count)) => {
                for (j, (s, x)) in sums.iter_mut().zip(&row).enumerate() {
                    *s += x;
                    // Finite values whose sum over the replications is not (1e308 twice): the
                    // mean would print as "inf".
                    if !s.is_finite() {
                        let col = cols[year_col + 1 + j];
                        return Err(problem(
                            name,
                            &format!("line {n}, {col}"),
                            cells[year_col + 1 + j],
                            "numbers whose sum over the replications is below 1.8e308",
                            format!("{col} on line {n} is too large to average"),
                        ));
                    }
                }
                *count += 1;
            }
            None => entry.3.push((year, row, 1)),
        }
    }
    if acc.is_empty() {
        return Err(problem(
            name,
            "file",
            "",
            "at least one row after the header",
            "the sweep has no rows".into(),
        ));
    }
    let mut points: Vec<(usize, Point)> = acc
        .into_iter()
        .map(|((point, scenario), (order, values, reps, years))| {
            let years = years
                .into_iter()
                .map(|(y, sums, count)| {
                    (y, sums.into_iter().map(|s| s / f64::from(count)).collect())
                })
                .collect();
            (
                order,
                Point {
                    point,
                    scenario,
                    values,
                    replications: reps.len() as u32,
                    years,
                },
            )
        })
        .collect();
    points.sort_by_key(|(order, _)| *order);
    Ok(Sweep {
        levers,
        kpis,
        points: points.into_iter().map(|(_, p)| p).collect(),
    })
}

/// Most points a sweep may have to open as pinned scenarios.
pub const MAX_PINNED: usize = 4;

impl Sweep {
    /// The lever values of a point in words ("discharge.care_packages.starts_per_week = 190").
    pub fn describe(&self, p: &Point) -> String {
        self.levers
            .iter()
            .zip(&p.values)
            .map(|(l, v)| format!("{l} = {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The points as pinned scenarios — each a preset with its levers set — when there are at most
    /// [`MAX_PINNED`] and every scenario is a preset; `None` otherwise (the summary table shows them).
    pub fn pins(&self) -> Option<Vec<Pin>> {
        if self.points.len() > MAX_PINNED {
            return None;
        }
        self.points
            .iter()
            .map(|p| {
                let mut scenario: Scenario = preset(&p.scenario)?.scenario;
                for (path, v) in self.levers.iter().zip(&p.values) {
                    scenario.set(path, *v).ok()?;
                }
                Some(Pin {
                    name: format!("Sweep point {}: {}", p.point, self.describe(p)),
                    preset: p.scenario.clone(),
                    scenario,
                })
            })
            .collect()
    }

    /// The column of KPI `name`, if the sweep has it.
    pub fn kpi(&self, name: &str) -> Option<usize> {
        self.kpis.iter().position(|k| k == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "point,scenario,replication,discharge.care_packages.starts_per_week,year,dtoc_share,mean_occupancy\n";

    #[test]
    fn rows_average_over_replications_per_point_and_year() {
        let text = format!(
            "{HEAD}0,do-nothing,0,190,2008/09,0.03,0.88\n0,do-nothing,1,190,2008/09,0.05,0.90\n\
             0,do-nothing,0,190,2009/10,0.04,0.89\n0,do-nothing,1,190,2009/10,0.06,0.91\n\
             1,do-nothing,0,210,2008/09,0.02,0.87\n"
        );
        let s = parse("s.csv", &text).unwrap();
        assert_eq!(s.levers, vec!["discharge.care_packages.starts_per_week"]);
        assert_eq!(s.kpis, vec!["dtoc_share", "mean_occupancy"]);
        assert_eq!(s.points.len(), 2);
        let p = &s.points[0];
        assert_eq!(
            (p.point, p.replications, p.values.clone()),
            (0, 2, vec![190.0])
        );
        assert_eq!(p.years[0].0, "2008/09");
        assert!((p.years[0].1[0] - 0.04).abs() < 1e-12);
        assert!((p.years[1].1[1] - 0.90).abs() < 1e-12);
        assert_eq!(s.points[1].replications, 1);
    }

    #[test]
    fn up_to_four_preset_points_open_as_pins_with_their_levers_set() {
        let text = format!(
            "{HEAD}0,do-nothing,0,190,2008/09,0.03,0.88\n1,strategic-plan,0,210,2008/09,0.02,0.87\n"
        );
        let s = parse("s.csv", &text).unwrap();
        let pins = s.pins().expect("two preset points pin");
        assert_eq!(pins.len(), 2);
        assert_eq!(
            pins[0].scenario.discharge.care_packages.starts_per_week,
            190.0
        );
        assert_eq!(pins[1].preset, "strategic-plan");
        assert_eq!(
            pins[1].scenario.discharge.care_packages.starts_per_week,
            210.0
        );
        assert!(
            pins[0].name.contains("starts_per_week = 190"),
            "{}",
            pins[0].name
        );
        // Five points, or a scenario that is a file, make a table instead.
        let five: String = (0..5)
            .map(|i| format!("{i},do-nothing,0,19{i},2008/09,0.03,0.88\n"))
            .collect();
        assert!(parse("s.csv", &format!("{HEAD}{five}"))
            .unwrap()
            .pins()
            .is_none());
        let file = format!("{HEAD}0,mine.json,0,190,2008/09,0.03,0.88\n");
        assert!(parse("s.csv", &file).unwrap().pins().is_none());
    }

    #[test]
    fn bad_files_are_refused_naming_the_line_and_column() {
        let e = parse("x.csv", "a,b,c\n1,2,3\n").unwrap_err();
        assert_eq!(e.field, "header");
        let e = parse(
            "x.csv",
            &format!("{HEAD}0,do-nothing,0,190,2008/09,NaN,0.88\n"),
        )
        .unwrap_err();
        assert_eq!(e.field, "line 2, dtoc_share");
        assert!(e.message.starts_with("x.csv: "), "{}", e.message);
        let e = parse("x.csv", &format!("{HEAD}0,do-nothing,0,190\n")).unwrap_err();
        assert_eq!(e.field, "line 2");
        let e = parse(
            "x.csv",
            &format!("{HEAD}-1,do-nothing,0,190,2008/09,0.03,0.88\n"),
        )
        .unwrap_err();
        assert_eq!(e.field, "line 2, point");
        assert!(parse("x.csv", HEAD).is_err());
        assert!(parse("x.csv", "").is_err());
        assert!(is_sweep(HEAD) && !is_sweep("{\"version\": 2}"));
        // A value outside a lever's range cannot be pinned.
        let out = format!("{HEAD}0,do-nothing,0,-5,2008/09,0.03,0.88\n");
        assert!(parse("x.csv", &out).unwrap().pins().is_none());
    }

    #[test]
    fn replications_whose_sum_is_not_finite_are_refused_naming_the_line_and_column() {
        // Found by examples/fuzz_app_decoders.rs: two finite values whose mean printed as "inf".
        let rows = format!(
            "{HEAD}0,do-nothing,0,190,2008/09,0.03,1e308\n0,do-nothing,1,190,2008/09,0.03,1e308\n"
        );
        let e = parse("x.csv", &rows).unwrap_err();
        assert_eq!(e.field, "line 3, mean_occupancy");
        assert!(e.allowed.contains("1.8e308"), "{}", e.allowed);
    }
}
