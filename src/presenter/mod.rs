//! Presenter mode: an audience view for the projector and a facilitator console in a second window
//! that drives it, linked by a `BroadcastChannel`. `?present` opens the audience view, `?console`
//! the console (a `#v=1&…` scenario link may follow either, as on the workbench).
//!
//! - `script`: the built-in session, one preset story in steps (levers moved, chart shown, question);
//! - `session`: the session state (step, guesses, reveals, what is shown) and its reducer;
//! - `sync`: the typed message and the channel;
//! - `room`: the room's scenarios (pasted share links) summarised;
//! - `audience`, `console`: the two views.

pub mod audience;
pub mod console;
pub mod room;
pub mod script;
pub mod session;
pub mod sync;

use careflow_charts::views::Table;
use careflow_model::run;

use crate::presenter::session::{guesses_words, Session};

/// Which root the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Workbench,
    Audience,
    Console,
}

impl Mode {
    /// The mode a page's query string (`location.search`) asks for: `?present` or `?console`.
    pub fn from_search(search: &str) -> Mode {
        let keys = search
            .trim_start_matches('?')
            .split('&')
            .map(|p| p.split_once('=').map(|(k, _)| k).unwrap_or(p));
        let mut mode = Mode::Workbench;
        for k in keys {
            match k {
                "present" => mode = Mode::Audience,
                "console" => mode = Mode::Console,
                _ => {}
            }
        }
        mode
    }
}

/// The predictions of a session for the workshop pack: one row per question with guesses entered
/// (the question, the room's guesses, the model's answer). Empty when the room guessed nothing.
pub fn predictions(session: &Session) -> Table {
    let rows = script::steps()
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let q = step.question?;
            let guesses = guesses_words(&q.answer, session.guesses_at(i))?;
            let answer = run(&script::scenario_at(i).0)
                .map(|r| q.answer.words(&r))
                .unwrap_or_else(|e| format!("cannot run: {e}"));
            Some(vec![q.text.to_string(), guesses, answer])
        })
        .collect();
    Table {
        caption: "Predictions: the room's guesses and the model's answers".into(),
        headers: vec![
            "Question".into(),
            "The room's guesses".into(),
            "The model's answer".into(),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presenter::session::{Command, Guesses};

    #[test]
    fn the_query_string_chooses_the_view() {
        assert_eq!(Mode::from_search(""), Mode::Workbench);
        assert_eq!(Mode::from_search("?present"), Mode::Audience);
        assert_eq!(Mode::from_search("?console"), Mode::Console);
        assert_eq!(Mode::from_search("?debug=1&present=1"), Mode::Audience);
        assert_eq!(Mode::from_search("?presenter"), Mode::Workbench);
    }

    #[test]
    fn the_pack_records_only_questions_the_room_answered() {
        let s = Session::default();
        assert!(predictions(&s).rows.is_empty());
        let s = s
            .apply(Command::SetGuesses(1, Guesses::Numbers(vec![97.0, 104.0])))
            .apply(Command::SetGuesses(4, Guesses::Counts(vec![1, 5, 2])));
        let t = predictions(&s);
        assert_eq!(t.rows.len(), 2);
        assert!(
            t.rows[0][0].starts_with("How full will the base beds be"),
            "{:?}",
            t.rows[0]
        );
        assert!(t.rows[0][1].contains("median 100.5%"), "{:?}", t.rows[0]);
        assert!(t.rows[0][2].ends_with('%'), "{:?}", t.rows[0]);
        assert!(
            t.rows[1][1].contains("2% to 3%: 5 hands"),
            "{:?}",
            t.rows[1]
        );
    }
}
