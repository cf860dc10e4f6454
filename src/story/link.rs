//! Where the reader is in the story, and the story in the page's query string:
//! `?story&step=N&KEY=LEVER&KEY.guess=GUESS…` (N from 1; `STEPS.len() + 1` is "your guesses
//! against the model"). A lever at its starting value and a step without a guess are left out. A
//! guess is written when it is revealed, so a guess in the link means that step is shown revealed.
//! Reading never fails: whatever does not make sense is dropped and the rest kept.

use crate::story::steps::{clamp_to, valid_guess, STEPS};

/// The number of screens: the steps and the closing comparison.
pub const SCREENS: usize = STEPS.len() + 1;

/// The reader's place, levers and revealed guesses.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The screen shown, from 0; `STEPS.len()` is the closing comparison.
    pub screen: usize,
    /// Each step's lever value, in the slider's units.
    pub values: [f64; STEPS.len()],
    /// Each step's revealed guess.
    pub guesses: [Option<f64>; STEPS.len()],
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            screen: 0,
            values: STEPS.map(|s| s.lever.start),
            guesses: [None; STEPS.len()],
        }
    }
}

/// Whether a query string opens the story (`?story`, alone or among other pairs).
pub fn is_story(search: &str) -> bool {
    pairs(search).any(|(k, _)| k == "story")
}

fn pairs(search: &str) -> impl Iterator<Item = (&str, &str)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

/// Reads the story's place from a query string. Never fails.
pub fn read(search: &str) -> Progress {
    let mut p = Progress::default();
    for (k, v) in pairs(search) {
        let Ok(n) = v.parse::<f64>() else {
            continue;
        };
        if k == "step" {
            if n.fract() == 0.0 && n >= 1.0 && n <= SCREENS as f64 {
                p.screen = n as usize - 1;
            }
            continue;
        }
        let (key, guess) = match k.strip_suffix(".guess") {
            Some(key) => (key, true),
            None => (k, false),
        };
        let Some(i) = STEPS.iter().position(|s| s.key == key) else {
            continue;
        };
        if guess {
            if valid_guess(&STEPS[i], n) {
                p.guesses[i] = Some(n);
            }
        } else if n.is_finite() {
            p.values[i] = clamp_to(&STEPS[i].lever, n);
        }
    }
    p
}

/// The query string of a place in the story (with its leading `?`).
pub fn write(p: &Progress) -> String {
    let mut parts = vec!["story".to_string(), format!("step={}", p.screen + 1)];
    for (i, step) in STEPS.iter().enumerate() {
        if p.values[i] != step.lever.start {
            parts.push(format!("{}={}", step.key, p.values[i]));
        }
        if let Some(g) = p.guesses[i] {
            parts.push(format!("{}.guess={g}", step.key));
        }
    }
    format!("?{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_story_pair_opens_the_story() {
        assert!(is_story("?story"));
        assert!(is_story("?story&step=2"));
        assert!(is_story("?x=1&story"));
        assert!(!is_story(""));
        assert!(!is_story("?storyline=1"));
        assert!(!is_story("?debug-panic=1"));
    }

    #[test]
    fn a_place_round_trips_through_the_query() {
        let mut p = Progress {
            screen: 3,
            ..Progress::default()
        };
        p.values[0] = 1550.0;
        p.values[1] = 2.5;
        p.guesses[0] = Some(85.0);
        p.guesses[1] = Some(2.0);
        p.guesses[5] = Some(-1.5);
        let q = write(&p);
        assert_eq!(
            q,
            "?story&step=4&beds=1550&beds.guess=85&busy=2.5&busy.guess=2&wards.guess=-1.5"
        );
        assert_eq!(read(&q), p);
        assert_eq!(write(&Progress::default()), "?story&step=1");
        assert_eq!(read("?story"), Progress::default());
    }

    #[test]
    fn nonsense_is_dropped_and_the_rest_kept() {
        let p = read("?story&step=99&beds=99999&busy=abc&busy.guess=7&delay.guess=50&nope=3");
        assert_eq!(p.screen, 0);
        assert_eq!(p.values[0], 1650.0, "clamped to the slider");
        assert_eq!(p.values[1], 1.7, "not a number: the start");
        assert_eq!(p.guesses[1], None, "no such option");
        assert_eq!(p.guesses[3], Some(50.0));
        assert_eq!(read("?story&step=7").screen, 6);
        assert_eq!(read("?story&step=2.5").screen, 0);
    }
}
