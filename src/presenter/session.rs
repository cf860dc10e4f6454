//! The state of a session, which the console owns and the audience window mirrors: the step on
//! screen, each step's guesses and whether its result is revealed, what is shown, and a counter
//! that asks the audience to replay the last change. Pure, with a reducer; serialised whole in
//! every sync message, so a window that joins late catches up from one message.

use careflow_charts::format;
use serde::{Deserialize, Serialize};

use crate::presenter::script::{self, Answer};

/// The room's guesses for one question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Guesses {
    /// None entered yet.
    #[default]
    None,
    /// Numbers, in the question's unit.
    Numbers(Vec<f64>),
    /// Hands raised for each option.
    Counts(Vec<u32>),
}

/// Everything the audience window shows, apart from what the script already fixes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The step on screen (index into `script::steps()`).
    pub step: usize,
    /// Per step: the result has been revealed.
    pub revealed: Vec<bool>,
    /// Per step: the room's guesses.
    pub guesses: Vec<Guesses>,
    /// The lever group is on screen.
    pub show_levers: bool,
    /// The assumptions (sources of the levers moved) are on screen.
    pub show_assumptions: bool,
    /// Incremented to ask the audience to replay the last change (before, then after).
    pub replay: u32,
}

impl Default for Session {
    fn default() -> Self {
        let n = script::steps().len();
        Session {
            step: 0,
            revealed: vec![false; n],
            guesses: vec![Guesses::None; n],
            show_levers: true,
            show_assumptions: true,
            replay: 0,
        }
    }
}

/// What the facilitator does.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Next,
    Back,
    Goto(usize),
    /// Reveal the current step's result.
    Reveal,
    /// Hide the current step's result again.
    Unreveal,
    /// Replay the current step's change on the audience screen.
    Replay,
    /// Set the guesses of a step.
    SetGuesses(usize, Guesses),
    ToggleLevers,
    ToggleAssumptions,
}

impl Session {
    /// The next session after `command` (pure).
    pub fn apply(&self, command: Command) -> Session {
        let mut next = self.clone();
        let last = script::steps().len().saturating_sub(1);
        match command {
            Command::Next => next.step = (self.step + 1).min(last),
            Command::Back => next.step = self.step.saturating_sub(1),
            Command::Goto(i) => next.step = i.min(last),
            Command::Reveal => set(&mut next.revealed, self.step, true),
            Command::Unreveal => set(&mut next.revealed, self.step, false),
            Command::Replay => next.replay = self.replay.wrapping_add(1),
            Command::SetGuesses(i, g) => {
                if i <= last {
                    next.guesses.resize(last + 1, Guesses::None);
                    next.guesses[i] = g;
                }
            }
            Command::ToggleLevers => next.show_levers = !self.show_levers,
            Command::ToggleAssumptions => next.show_assumptions = !self.show_assumptions,
        }
        next
    }

    /// Whether step `i`'s result is hidden: it asks a question not yet revealed.
    pub fn masked(&self, i: usize) -> bool {
        let asks = script::steps().get(i).is_some_and(|s| s.question.is_some());
        asks && !self.revealed.get(i).copied().unwrap_or(false)
    }

    /// Step `i`'s guesses (none when out of range).
    pub fn guesses_at(&self, i: usize) -> &Guesses {
        static NONE: Guesses = Guesses::None;
        self.guesses.get(i).unwrap_or(&NONE)
    }
}

impl yew::Reducible for Session {
    type Action = Command;
    fn reduce(self: std::rc::Rc<Self>, command: Command) -> std::rc::Rc<Self> {
        let next = self.apply(command);
        if next == *self {
            self
        } else {
            std::rc::Rc::new(next)
        }
    }
}

fn set(v: &mut Vec<bool>, i: usize, value: bool) {
    if i >= v.len() {
        v.resize(i + 1, false);
    }
    v[i] = value;
}

/// Reads what the facilitator typed as guesses for `answer`: numbers separated by commas, spaces
/// or new lines ("98, 101 105"); a trailing % is allowed. Every piece that is not a number is
/// returned as a problem, and the numbers are kept.
pub fn parse_numbers(text: &str) -> (Vec<f64>, Vec<String>) {
    let mut numbers = Vec::new();
    let mut bad = Vec::new();
    for piece in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let cleaned = piece.trim_end_matches('%');
        match crate::levers::parse_typed(cleaned) {
            Some(v) => numbers.push(v),
            None => bad.push(piece.to_string()),
        }
    }
    (numbers, bad)
}

/// The median of `v` (NaN when empty).
pub fn median(v: &[f64]) -> f64 {
    let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return f64::NAN;
    }
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// The room's guesses in words: "5 guesses: lowest 95%, median 101%, highest 110%" or
/// "Under 2%: 4 hands · 2% to 3%: 7 hands · Over 3%: 1 hand"; `None` when nothing is entered.
pub fn guesses_words(answer: &Answer, g: &Guesses) -> Option<String> {
    match (answer, g) {
        (_, Guesses::Numbers(v)) if !v.is_empty() => {
            let unit = answer.unit();
            let (lo, hi) = v
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                    (a.min(*x), b.max(*x))
                });
            let n = v.len();
            Some(format!(
                "{n} {}: lowest {}, median {}, highest {}",
                if n == 1 { "guess" } else { "guesses" },
                script::number_words(lo, unit),
                script::number_words(median(v), unit),
                script::number_words(hi, unit)
            ))
        }
        (Answer::Options { options, .. }, Guesses::Counts(c)) if c.iter().any(|x| *x > 0) => Some(
            options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let n = c.get(i).copied().unwrap_or(0);
                    format!(
                        "{o}: {} {}",
                        format::int(n as f64),
                        if n == 1 { "hand" } else { "hands" }
                    )
                })
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_range_and_reveals_belong_to_their_step() {
        let s = Session::default();
        assert_eq!(s.apply(Command::Back).step, 0);
        let last = script::steps().len() - 1;
        assert_eq!(s.apply(Command::Goto(99)).step, last);
        assert_eq!(s.apply(Command::Goto(last)).apply(Command::Next).step, last);
        let s = s.apply(Command::Next);
        assert_eq!(s.step, 1);
        assert!(s.masked(1), "step 2 asks a question");
        assert!(!s.masked(0), "step 1 asks none");
        let s = s.apply(Command::Reveal);
        assert!(!s.masked(1));
        assert!(s.apply(Command::Next).masked(2));
        assert!(s.apply(Command::Unreveal).masked(1));
        assert_eq!(s.apply(Command::Replay).replay, 1);
        // The whole session survives the trip through a sync message.
        let s = s.apply(Command::SetGuesses(1, Guesses::Numbers(vec![90.0, 101.0])));
        let back: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn typed_guesses_keep_the_numbers_and_name_the_rest() {
        let (v, bad) = parse_numbers("98, 101 105%\nlots; 1,2");
        assert_eq!(v, vec![98.0, 101.0, 105.0, 1.0, 2.0]);
        assert_eq!(bad, vec!["lots".to_string()]);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        let q = script::steps()[1].question.unwrap().answer;
        let words = guesses_words(&q, &Guesses::Numbers(vec![95.0, 110.0, 101.0])).unwrap();
        assert_eq!(
            words,
            "3 guesses: lowest 95.0%, median 101.0%, highest 110.0%"
        );
        let options = script::steps()[4].question.unwrap().answer;
        let words = guesses_words(&options, &Guesses::Counts(vec![4, 7, 1])).unwrap();
        assert!(
            words.starts_with("Under 2% (target met): 4 hands"),
            "{words}"
        );
        assert!(words.ends_with("Over 3%: 1 hand"), "{words}");
        assert_eq!(guesses_words(&q, &Guesses::None), None);
    }
}
