//! The source documents' targets as year-by-year trajectories: each mark a value in a financial
//! year with its source; between marks the target moves in a straight line, after the last it
//! holds. A KPI is then on track or not in the year it is read, by a stated margin.

use crate::format;

/// Whether a target is a floor or a ceiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The value should reach at least the target.
    AtLeast,
    /// The value should stay at or below the target.
    AtMost,
}

/// One mark: a value in a financial year (by its first calendar year: 2010 = 2010/11).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    pub year: u32,
    pub value: f64,
    pub source: &'static str,
}

/// A target trajectory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trajectory {
    pub name: &'static str,
    pub direction: Direction,
    /// Shares (0–1) or counts, as the KPI they are read against.
    pub percent: bool,
    pub marks: &'static [Mark],
}

/// Home deaths, care homes not included: 17.7% in 2007, the Local Area Agreement's 22.32% in
/// 2009/10 and 25.32% in 2010/11.
pub const HOME_DEATHS: Trajectory = Trajectory {
    name: "Deaths at home",
    direction: Direction::AtLeast,
    percent: true,
    marks: &[
        Mark {
            year: 2007,
            value: 0.177,
            source: "seed 001 §7.5 (2007)",
        },
        Mark {
            year: 2009,
            value: 0.2232,
            source: "LAA target, seed 001 §7.5",
        },
        Mark {
            year: 2010,
            value: 0.2532,
            source: "LAA target, seed 001 §7.5",
        },
    ],
};

/// Deaths at home including care homes: 70% by 2012. The 2008/09 start is the documents'
/// baseline (home 17.7%, seed 001 §7.5; care homes 16%, DH End of Life Care Strategy 2008).
pub const HOME_OR_CARE_HOME_DEATHS: Trajectory = Trajectory {
    name: "Deaths at home or in a care home",
    direction: Direction::AtLeast,
    percent: true,
    marks: &[
        Mark {
            year: 2008,
            value: 0.337,
            source: "baseline: seed 001 §7.5, DH 2008",
        },
        Mark {
            year: 2011,
            value: 0.70,
            source: "seed 001 §7.5 (by 2012)",
        },
    ],
};

/// Deaths in hospital: at most 20% by 2012, from 58%.
pub const HOSPITAL_DEATHS: Trajectory = Trajectory {
    name: "Deaths in hospital",
    direction: Direction::AtMost,
    percent: true,
    marks: &[
        Mark {
            year: 2008,
            value: 0.58,
            source: "baseline: DH End of Life Care Strategy 2008",
        },
        Mark {
            year: 2011,
            value: 0.20,
            source: "seed 001 §7.5 (by 2012)",
        },
    ],
};

/// Deaths in a hospice: about 10% by 2012, from about 5%.
pub const HOSPICE_DEATHS: Trajectory = Trajectory {
    name: "Deaths in a hospice",
    direction: Direction::AtLeast,
    percent: true,
    marks: &[
        Mark {
            year: 2008,
            value: 0.05,
            source: "baseline: DH End of Life Care Strategy 2008",
        },
        Mark {
            year: 2011,
            value: 0.10,
            source: "seed 001 §7.5 (by 2012)",
        },
    ],
};

/// Delayed transfers of care: 2% of occupied bed days by 2012, from 3.2%.
pub const DTOC: Trajectory = Trajectory {
    name: "Delayed transfers",
    direction: Direction::AtMost,
    percent: true,
    marks: &[
        Mark {
            year: 2008,
            value: 0.032,
            source: "baseline: seed 001 §7.5",
        },
        Mark {
            year: 2011,
            value: 0.02,
            source: "seed 001 §7.5, §8.6 (by 2012)",
        },
    ],
};

/// Emergency admissions no longer needed: 7,500 by March 2013, from none.
pub const ADMISSIONS_AVOIDED: Trajectory = Trajectory {
    name: "Admissions avoided",
    direction: Direction::AtLeast,
    percent: false,
    marks: &[
        Mark {
            year: 2008,
            value: 0.0,
            source: "baseline: no new services",
        },
        Mark {
            year: 2012,
            value: 7_500.0,
            source: "seed 001 §8.6 (by March 2013)",
        },
    ],
};

/// The A&E standard: 98% of attendances admitted, transferred or discharged within four hours,
/// 95% from 2010/11.
pub const AE_FOUR_HOURS: Trajectory = Trajectory {
    name: "A&E within four hours",
    direction: Direction::AtLeast,
    percent: true,
    marks: &[
        Mark {
            year: 2008,
            value: 0.98,
            source: "NHS Operating Framework 2008/09",
        },
        Mark {
            year: 2009,
            value: 0.98,
            source: "NHS Operating Framework 2009/10",
        },
        Mark {
            year: 2010,
            value: 0.95,
            source: "Operating Framework 2010/11, revised June 2010",
        },
    ],
};

impl Trajectory {
    /// The target in financial year `year` (2010 = 2010/11): none before the first mark.
    pub fn at(&self, year: u32) -> Option<f64> {
        let first = self.marks.first()?;
        if year < first.year {
            return None;
        }
        for w in self.marks.windows(2) {
            let (a, b) = (w[0], w[1]);
            if year <= b.year {
                let f = f64::from(year - a.year) / f64::from((b.year - a.year).max(1));
                return Some(a.value + f * (b.value - a.value));
            }
        }
        self.marks.last().map(|m| m.value)
    }

    /// The mark of `year`, if the documents set one then.
    pub fn mark(&self, year: u32) -> Option<&Mark> {
        self.marks.iter().find(|m| m.year == year)
    }

    /// On track or not in `year` with `value`: the verdict and a sentence, e.g. "Target for
    /// 2010/11: 25.3% (LAA target, seed 001 §7.5); 1.2 points above".
    pub fn status(&self, year: u32, value: f64) -> Option<Status> {
        let target = self.at(year)?;
        let gap = value - target;
        let on_track = match self.direction {
            Direction::AtLeast => gap >= -1e-9,
            Direction::AtMost => gap <= 1e-9,
        };
        let show = |v: f64| {
            if self.percent {
                format::pct(v, 1)
            } else {
                format::int(v)
            }
        };
        let by = if self.percent {
            format!("{:.1} points", (gap * 100.0).abs())
        } else {
            format::int(gap.abs())
        };
        let side = if gap >= 0.0 { "above" } else { "below" };
        let last = self.marks.last()?;
        let source = match self.mark(year) {
            Some(m) => format::compact_source(m.source),
            None if year > last.year => format::compact_source(&format!(
                "held from {}: {}",
                fy_label(last.year),
                last.source
            )),
            None => "on the line between the documents' marks".to_string(),
        };
        Some(Status {
            on_track,
            target,
            text: format!(
                "Target for {}: {} ({source}); {by} {side}",
                fy_label(year),
                show(target)
            ),
        })
    }
}

/// A KPI against its trajectory in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub on_track: bool,
    /// The target in that year.
    pub target: f64,
    pub text: String,
}

/// "2010/11" for 2010.
pub fn fy_label(year: u32) -> String {
    format!("{}/{:02}", year, (year + 1) % 100)
}

/// The first calendar year of a label such as "2010/11".
pub fn fy_of(label: &str) -> Option<u32> {
    label.split('/').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trajectories_pass_through_their_marks_and_hold_after() {
        assert_eq!(HOME_DEATHS.at(2006), None);
        assert!((HOME_DEATHS.at(2009).unwrap() - 0.2232).abs() < 1e-12);
        assert!((HOME_DEATHS.at(2010).unwrap() - 0.2532).abs() < 1e-12);
        assert!((HOME_DEATHS.at(2012).unwrap() - 0.2532).abs() < 1e-12);
        // 2008/09 is halfway from 2007's 17.7% to 2009/10's 22.32%.
        assert!((HOME_DEATHS.at(2008).unwrap() - 0.2001).abs() < 1e-4);
        assert!((HOME_OR_CARE_HOME_DEATHS.at(2011).unwrap() - 0.70).abs() < 1e-12);
        assert!((ADMISSIONS_AVOIDED.at(2012).unwrap() - 7_500.0).abs() < 1e-9);
    }

    #[test]
    fn status_says_on_track_or_not_and_by_how_much() {
        let s = HOME_DEATHS.status(2010, 0.265).unwrap();
        assert!(s.on_track);
        assert!(s.text.contains("2010/11"), "{}", s.text);
        assert!(s.text.contains("1.2 points above"), "{}", s.text);
        assert!(s.text.contains("LAA"), "{}", s.text);
        let h = HOSPITAL_DEATHS.status(2011, 0.40).unwrap();
        assert!(!h.on_track);
        assert!(h.text.contains("20.0 points above"), "{}", h.text);
        // After the last mark the target holds, and says from when.
        let d = HOME_OR_CARE_HOME_DEATHS.status(2012, 0.527).unwrap();
        assert!(!d.on_track);
        assert!(
            d.text.contains("held from 2011/12: Plan §7.5"),
            "{}",
            d.text
        );
        assert!(d.text.contains("17.3 points below"), "{}", d.text);
        let between = DTOC.status(2010, 0.02).unwrap();
        assert!(
            between.text.contains("on the line between"),
            "{}",
            between.text
        );
        let a = ADMISSIONS_AVOIDED.status(2012, 5_000.0).unwrap();
        assert!(!a.on_track && a.text.contains("2,500 below"), "{}", a.text);
        assert_eq!(fy_of("2010/11"), Some(2010));
    }
}
