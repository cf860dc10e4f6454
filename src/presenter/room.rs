//! The room's scenarios: share links (or the codes after `#`) pasted one a line become a summary —
//! for every lever anyone moved, the lowest, median and highest value the room chose — and each
//! scenario's headline outcomes from the SD engine. A line that is not a usable link is reported
//! with its line number and left out; the others are kept. Pure; no server is involved.

use careflow_charts::format;
use careflow_model::share::decode_link;
use careflow_model::{parameters, run, ParamSpec, Results, Scenario};

use crate::presenter::session::median;

/// One scenario from the room.
#[derive(Clone, Debug, PartialEq)]
pub struct RoomScenario {
    /// Its line in the text box (from 1).
    pub line: usize,
    pub scenario: Scenario,
    pub preset: Option<String>,
}

/// The usable scenarios and a message for each line that is not.
pub fn parse(text: &str) -> (Vec<RoomScenario>, Vec<String>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        let code = line.split_once('#').map(|(_, h)| h).unwrap_or(line);
        let Some(code) = crate::location::link_in_fragment(code) else {
            bad.push(format!(
                "Line {n} is not a Careflow scenario link: a link ends in #v=1&… (the part after # is its code)."
            ));
            continue;
        };
        let d = decode_link(code);
        if d.problems.is_empty() {
            good.push(RoomScenario {
                line: n,
                scenario: d.scenario,
                preset: d.preset,
            });
        } else {
            let why: Vec<String> = d.problems.iter().map(|p| p.message.clone()).collect();
            bad.push(format!("Line {n} was left out: {}", why.join(" ")));
        }
    }
    (good, bad)
}

/// One lever across the room: the lowest, median and highest value chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverSpread {
    pub spec: ParamSpec,
    pub baseline: f64,
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

/// Every lever that some scenario of the room sets away from the baseline, in registry order.
pub fn lever_spread(room: &[RoomScenario]) -> Vec<LeverSpread> {
    let base = Scenario::default();
    parameters()
        .into_iter()
        .filter_map(|spec| {
            let b = base.lever(spec.id);
            let values: Vec<f64> = room.iter().map(|r| r.scenario.lever(spec.id)).collect();
            if values.iter().all(|v| (v - b).abs() <= 1e-12) {
                return None;
            }
            let (min, max) = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, c), v| {
                    (a.min(*v), c.max(*v))
                });
            Some(LeverSpread {
                spec,
                baseline: b,
                min,
                median: median(&values),
                max,
            })
        })
        .collect()
}

/// A headline outcome read from a run for the question year.
#[derive(Clone, Copy, Debug)]
pub struct Outcome {
    pub id: &'static str,
    pub label: &'static str,
    /// "%" or a unit in words.
    pub unit: &'static str,
    pub read: fn(&careflow_model::YearKpis) -> f64,
}

/// The outcomes the summary overlays.
pub const OUTCOMES: [Outcome; 4] = [
    Outcome {
        id: "emergency-admissions",
        label: "Emergency admissions",
        unit: "admissions",
        read: |y| y.emergency_admissions,
    },
    Outcome {
        id: "days-over-95",
        label: "Days over 95% full",
        unit: "days",
        read: |y| y.days_over_95pct_occupancy,
    },
    Outcome {
        id: "dtoc-share",
        label: "Delayed transfers (share of bed days)",
        unit: "%",
        read: |y| 100.0 * y.dtoc_share,
    },
    Outcome {
        id: "home-deaths",
        label: "Deaths at home or in a care home",
        unit: "%",
        read: |y| 100.0 * y.home_or_care_home_death_share,
    },
];

/// The outcomes of a run in the question year, in [`OUTCOMES`] order (NaN when it does not reach it).
pub fn outcomes(r: &Results) -> [f64; 4] {
    let y = r.year(crate::presenter::script::QUESTION_YEAR);
    OUTCOMES.map(|o| y.map(o.read).unwrap_or(f64::NAN))
}

/// Runs every scenario of the room (the SD engine); a scenario that cannot run gets NaN outcomes.
pub fn run_all(room: &[RoomScenario]) -> Vec<[f64; 4]> {
    room.iter()
        .map(|r| {
            run(&r.scenario)
                .map(|x| outcomes(&x))
                .unwrap_or([f64::NAN; 4])
        })
        .collect()
}

/// A lever value in words with its unit ("1,394 beds").
pub fn lever_words(spec: &ParamSpec, v: f64) -> String {
    format::lever_value(spec, v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::share::encode_link;
    use careflow_model::LeverId;

    #[test]
    fn good_links_are_kept_and_bad_lines_are_named() {
        let mut a = careflow_model::preset("strategic-plan").unwrap().scenario;
        a.set_lever(LeverId::BedsBase, 1394.0).unwrap();
        let mut b = Scenario::default();
        b.set_lever(LeverId::BedsBase, 1500.0).unwrap();
        let c = Scenario::default();
        let text = format!(
            "https://example.org/careflow/#{}\n\nnot a link\n{}\nhttp://x/#{}\n#v=1&beds.base=abc&c=00\n",
            encode_link(&a, Some("strategic-plan")),
            encode_link(&b, None),
            encode_link(&c, None),
        );
        let (room, bad) = parse(&text);
        assert_eq!(room.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 4, 5]);
        assert_eq!(room[0].scenario, a);
        assert_eq!(room[0].preset.as_deref(), Some("strategic-plan"));
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].starts_with("Line 3 is not"), "{}", bad[0]);
        assert!(bad[1].starts_with("Line 6 was left out"), "{}", bad[1]);

        let spread = lever_spread(&room);
        let beds = spread
            .iter()
            .find(|s| s.spec.id == LeverId::BedsBase)
            .unwrap();
        assert_eq!((beds.min, beds.median, beds.max), (1394.0, 1450.0, 1500.0));
        assert!(spread
            .iter()
            .any(|s| s.spec.id == LeverId::DischargeStepDownAddedBeds));
        assert!(!spread
            .iter()
            .any(|s| s.spec.id == LeverId::PopulationPopulation));
        let out = run_all(&room);
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|o| o.iter().all(|v| v.is_finite())));
        assert!(out[0][0] < out[2][0], "the plan avoids admissions");
    }
}
