//! The facilitator console: drives the audience window through the scripted steps (→ or Space
//! next, ← back, R reveal, P replay the last change), takes the room's guesses before each reveal,
//! keeps a visible session timer, shows or hides the levers and assumptions on the audience screen,
//! summarises the room's own scenarios from pasted share links, and opens the workshop pack with
//! the predictions beside the results.

use std::rc::Rc;

use careflow_charts::compare::{self, Pinned};
use careflow_charts::views::{self, Span, Table};
use careflow_model::share::encode_link;
use careflow_model::{preset, run, Results};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::data_table::DataTable;
use crate::components::workshop_pack::WorkshopPack;
use crate::presenter::room::{self, RoomScenario, OUTCOMES};
use crate::presenter::script::{self, steps, Answer, QUESTION_YEAR};
use crate::presenter::session::{guesses_words, parse_numbers, Command, Guesses, Session};
use crate::presenter::sync::{use_channel, Message};
use crate::state::REFERENCE;

/// The length of the session the script is written for [minutes].
pub const SESSION_MINUTES: u32 = 30;

/// Counts the hellos from audience windows (a reducer, so the channel's callback never reads a
/// stale count).
#[derive(Default, PartialEq)]
struct Hellos(u32);
impl Reducible for Hellos {
    type Action = ();
    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Hellos(self.0.wrapping_add(1)))
    }
}

/// The session timer: running since (ms since the epoch), and the time run before [ms].
#[derive(Clone, Copy, Default, PartialEq)]
struct Timer {
    since: Option<f64>,
    before: f64,
}
impl Timer {
    fn elapsed(&self, now: f64) -> f64 {
        self.before + self.since.map(|s| (now - s).max(0.0)).unwrap_or(0.0)
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// "12:04".
fn clock(ms: f64) -> String {
    let s = (ms / 1000.0).floor().max(0.0) as u64;
    format!("{:02}:{:02}", s / 60, s % 60)
}

/// The page's own address with a different query (`?present`), keeping the scenario fragment.
fn url_with(query: &str) -> String {
    // A write of the fragment still pending is done first.
    crate::hooks::use_persistence::flush();
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return format!("./{query}");
    };
    let path = loc.pathname().unwrap_or_else(|_| "/".into());
    let hash = loc.hash().unwrap_or_default();
    format!("{path}{query}{hash}")
}

/// Opens (or brings back) the audience window.
pub fn open_audience() {
    if let Some(w) = web_sys::window() {
        let _ = w.open_with_url_and_target_and_features(
            &url_with("?present"),
            "careflow-audience",
            "popup,width=1280,height=720",
        );
    }
}

/// The key's command, unless it was typed into a field or presses a focused button.
fn key_command(e: &KeyboardEvent) -> Option<Command> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let tag = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(tag.as_str(), "input" | "textarea" | "select") {
        return None;
    }
    let on_control = matches!(tag.as_str(), "button" | "summary" | "a");
    match e.key().as_str() {
        "ArrowRight" | "PageDown" => Some(Command::Next),
        " " if !on_control => Some(Command::Next),
        "ArrowLeft" | "PageUp" => Some(Command::Back),
        "r" | "R" => Some(Command::Reveal),
        "p" | "P" => Some(Command::Replay),
        _ => None,
    }
}

/// A horizontal strip of dots: one per scenario of the room, with do nothing marked, so the spread
/// of an outcome reads at a glance (the table beside it has the numbers).
fn dot_strip(label: &str, unit: &str, values: &[f64], reference: Option<f64>) -> Html {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let all: Vec<f64> = finite.iter().copied().chain(reference).collect();
    if all.is_empty() {
        return html! {};
    }
    let (lo, hi) = all
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.01).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |v: f64| 10.0 + 380.0 * (v - lo) / (hi - lo);
    let words = |v: f64| script::number_words(v, unit);
    let aria = format!(
        "{label}: the room's {} scenarios from {} to {}{}",
        finite.len(),
        finite
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min)
            .pipe_words(&words),
        finite
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max)
            .pipe_words(&words),
        reference
            .map(|r| format!("; do nothing {}", words(r)))
            .unwrap_or_default()
    );
    html! {
        <figure class="dot-strip">
            <figcaption>{ label.to_string() }</figcaption>
            <svg viewBox="0 0 400 44" role="img" aria-label={aria} width="400" height="44">
                <line x1="10" x2="390" y1="22" y2="22" stroke="#4f5761" stroke-width="1" />
                if let Some(r) = reference {
                    <line x1={format!("{:.1}", x(r))} x2={format!("{:.1}", x(r))} y1="4" y2="40"
                        stroke="#212529" stroke-width="2" stroke-dasharray="4 3" />
                }
                { for finite.iter().map(|v| html! {
                    <circle cx={format!("{:.1}", x(*v))} cy="22" r="6" fill="#0b5394" fill-opacity="0.6" stroke="#0b5394" />
                }) }
            </svg>
            <p class="dot-strip-range">
                { format!("{} … {}", words(lo + pad), words(hi - pad)) }
                { " · dashed line: do nothing" }
            </p>
        </figure>
    }
}

/// Words of a value, or "–" when there is none.
trait PipeWords {
    fn pipe_words(self, words: &dyn Fn(f64) -> String) -> String;
}
impl PipeWords for f64 {
    fn pipe_words(self, words: &dyn Fn(f64) -> String) -> String {
        if self.is_finite() {
            words(self)
        } else {
            "–".into()
        }
    }
}

/// The room's scenarios as two tables: the levers' spread, and each scenario's outcomes.
fn room_tables(room: &[RoomScenario], outcomes: &[[f64; 4]]) -> (Table, Table) {
    let spread = Table {
        caption: format!("What the room chose ({} scenarios)", room.len()),
        headers: vec![
            "Lever".into(),
            "Baseline".into(),
            "Lowest".into(),
            "Median".into(),
            "Highest".into(),
        ],
        rows: room::lever_spread(room)
            .iter()
            .map(|l| {
                vec![
                    l.spec.label.to_string(),
                    room::lever_words(&l.spec, l.baseline),
                    room::lever_words(&l.spec, l.min),
                    room::lever_words(&l.spec, l.median),
                    room::lever_words(&l.spec, l.max),
                ]
            })
            .collect(),
    };
    let mut headers = vec!["Scenario".to_string()];
    headers.extend(OUTCOMES.iter().map(|o| o.label.to_string()));
    let outcomes_table = Table {
        caption: format!("Each scenario's outcomes in {QUESTION_YEAR}"),
        headers,
        rows: room
            .iter()
            .zip(outcomes)
            .map(|(r, o)| {
                let mut row = vec![format!(
                    "Line {}{}",
                    r.line,
                    r.preset
                        .as_deref()
                        .and_then(preset)
                        .map(|p| format!(" (from {})", p.name))
                        .unwrap_or_default()
                )];
                row.extend(
                    OUTCOMES
                        .iter()
                        .zip(o)
                        .map(|(oc, v)| v.pipe_words(&|v| script::number_words(v, oc.unit))),
                );
                row
            })
            .collect(),
    };
    (spread, outcomes_table)
}

#[derive(Clone, PartialEq)]
struct RoomSummary {
    room: Vec<RoomScenario>,
    problems: Vec<String>,
    outcomes: Vec<[f64; 4]>,
}

#[component]
pub fn Console() -> Html {
    let session = use_reducer(Session::default);
    let hellos = use_reducer(Hellos::default);
    let on_message = {
        let hellos = hellos.dispatcher();
        Callback::from(move |m: Message| {
            if m == Message::Hello {
                hellos.dispatch(());
            }
        })
    };
    let (poster, problem) = use_channel(on_message);
    // Every change of the session, and every hello, sends the whole session.
    use_effect_with(((*session).clone(), hellos.0), move |(s, _)| {
        poster.post(&Message::Session(s.clone()))
    });
    {
        let dispatch = session.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                // Not passive: the keys it handles must not also scroll the page.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&doc, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if let Some(c) = key_command(e) {
                        e.prevent_default();
                        dispatch.dispatch(c);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let timer = use_state(Timer::default);
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(1000, move || now.set(now_ms()));
            move || drop(tick)
        });
    }
    let texts = use_state(|| vec![String::new(); steps().len()]);
    let room_text = use_state(String::new);
    let room_summary = use_state(|| None::<Rc<RoomSummary>>);
    let show_pack = use_state(|| false);

    let i = session.step.min(steps().len() - 1);
    let step = steps()[i];
    let scenario = use_memo(i, |i| Rc::new(script::scenario_at(*i)));
    let results = use_memo(scenario.clone(), |s| run(&s.0).ok().map(Rc::new));
    let reference = use_memo((), |_| {
        preset(REFERENCE)
            .and_then(|p| run(&p.scenario).ok())
            .map(Rc::new)
    });
    let go = |c: Command| {
        let dispatch = session.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(c.clone()))
    };

    if *show_pack {
        let close = {
            let show_pack = show_pack.clone();
            Callback::from(move |_| show_pack.set(false))
        };
        if let (Some(run), Some(reference)) = ((*results).as_ref(), (*reference).as_ref()) {
            return pack(i, &scenario, run, reference, &session, close);
        }
    }

    let elapsed = timer.elapsed(*now);
    let on_timer = {
        let timer = timer.clone();
        Callback::from(move |_: MouseEvent| {
            let t = *timer;
            let now = now_ms();
            timer.set(match t.since {
                Some(_) => Timer {
                    since: None,
                    before: t.elapsed(now),
                },
                None => Timer {
                    since: Some(now),
                    ..t
                },
            })
        })
    };
    let on_timer_reset = {
        let timer = timer.clone();
        Callback::from(move |_: MouseEvent| timer.set(Timer::default()))
    };
    let on_open_audience = Callback::from(|_: MouseEvent| open_audience());
    let on_pack = {
        let show_pack = show_pack.clone();
        Callback::from(move |_: MouseEvent| show_pack.set(true))
    };
    let toggle = |c: Command| {
        let dispatch = session.dispatcher();
        Callback::from(move |_: Event| dispatch.dispatch(c.clone()))
    };

    let masked = session.masked(i);
    let question_panel = step.question.map(|q| {
        let guesses = session.guesses_at(i).clone();
        let entry = match q.answer {
            Answer::Number { unit, .. } => {
                let text = texts.get(i).cloned().unwrap_or_default();
                let (_, bad) = parse_numbers(&text);
                let oninput = {
                    let (texts, dispatch) = (texts.clone(), session.dispatcher());
                    Callback::from(move |e: InputEvent| {
                        let area: HtmlTextAreaElement = e.target_unchecked_into();
                        let value = area.value();
                        let (numbers, _) = parse_numbers(&value);
                        let mut all = (*texts).clone();
                        if let Some(t) = all.get_mut(i) {
                            *t = value;
                        }
                        texts.set(all);
                        dispatch.dispatch(Command::SetGuesses(i, Guesses::Numbers(numbers)));
                    })
                };
                html! {
                    <div class="guess-entry">
                        <label for="guesses">{ format!("The room's guesses, in {unit} (one number each, separated by spaces, commas or new lines)") }</label>
                        <textarea id="guesses" rows="2" value={text} {oninput}
                            aria-describedby={(!bad.is_empty()).then_some("guesses-problem")} />
                        if !bad.is_empty() {
                            <p class="lever-error" id="guesses-problem" role="alert">
                                { format!("Not numbers, so left out: {}.", bad.join(", ")) }
                            </p>
                        }
                    </div>
                }
            }
            Answer::Options { options, .. } => {
                let counts = match &guesses {
                    Guesses::Counts(c) => c.clone(),
                    _ => vec![0; options.len()],
                };
                html! {
                    <fieldset class="guess-entry">
                        <legend>{ "Hands raised for each answer" }</legend>
                        { for options.iter().enumerate().map(|(k, o)| {
                            let value = counts.get(k).copied().unwrap_or(0).to_string();
                            let counts = counts.clone();
                            let dispatch = session.dispatcher();
                            let n = options.len();
                            let oninput = Callback::from(move |e: InputEvent| {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                let mut c = counts.clone();
                                c.resize(n, 0);
                                c[k] = input.value().trim().parse::<u32>().unwrap_or(0);
                                dispatch.dispatch(Command::SetGuesses(i, Guesses::Counts(c)));
                            });
                            let id = format!("hands-{k}");
                            html! {
                                <div class="hands">
                                    <label for={id.clone()}>{ *o }</label>
                                    <input id={id} type="number" min="0" step="1" inputmode="numeric"
                                        {value} {oninput} />
                                </div>
                            }
                        }) }
                    </fieldset>
                }
            }
        };
        let answer = (*results).as_ref().map(|r| q.answer.words(r));
        html! {
            <section class="console-question" aria-labelledby="question-heading">
                <h3 id="question-heading">{ "Predict, then reveal" }</h3>
                <p class="question-text">{ q.text }</p>
                { entry }
                if let Some(g) = guesses_words(&q.answer, &guesses) {
                    <p class="guess-summary" id="guess-summary">{ g }</p>
                }
                <div class="console-actions">
                    if masked {
                        <button type="button" class="primary" id="reveal" onclick={go(Command::Reveal)}>{ "Reveal the result (R)" }</button>
                        <span class="muted">{ "The audience sees the result only after the reveal." }</span>
                    } else {
                        <button type="button" id="unreveal" onclick={go(Command::Unreveal)}>{ "Hide the result again" }</button>
                        <p class="model-answer" id="model-answer">{ format!("The model: {}", answer.unwrap_or_default()) }</p>
                    }
                </div>
            </section>
        }
    });

    let on_room_input = {
        let room_text = room_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            room_text.set(area.value());
        })
    };
    let on_summarise = {
        let (room_text, room_summary) = (room_text.clone(), room_summary.clone());
        Callback::from(move |_: MouseEvent| {
            let (room, problems) = room::parse(&room_text);
            let outcomes = room::run_all(&room);
            room_summary.set(Some(Rc::new(RoomSummary {
                room,
                problems,
                outcomes,
            })));
        })
    };
    let reference_outcomes = (*reference).as_ref().map(|r| room::outcomes(r));
    let changes = script::changes_at(i);
    let total = steps().len();

    html! {
        <div class="console">
            <header class="console-header">
                <h1>{ "Careflow presenter console" }</h1>
                <div class="timer" role="timer" aria-label="Session time">
                    <span class="timer-value" id="timer">{ format!("{} of {SESSION_MINUTES}:00", clock(elapsed)) }</span>
                    <button type="button" onclick={on_timer} id="timer-toggle">{ if timer.since.is_some() { "Pause" } else if elapsed > 0.0 { "Resume" } else { "Start the timer" } }</button>
                    <button type="button" onclick={on_timer_reset}>{ "Reset" }</button>
                </div>
                <button type="button" onclick={on_open_audience} id="open-audience">{ "Open the audience window" }</button>
                <p class="link-status" id="link-status" role="status">
                    { if let Some(p) = &problem { p.clone() } else if hellos.0 > 0 { "Audience window connected.".to_string() } else { "No audience window yet: open one and drag it to the projector.".to_string() } }
                </p>
                <a href={url_with("")} class="back-link">{ "Back to the workbench" }</a>
            </header>
            <p class="keys">{ "Keys: → or Space next step · ← back · R reveal · P replay the last change" }</p>
            <div class="console-body">
                <nav class="console-steps" aria-label="Steps of the session">
                    <h2>{ "The session: Strategic Plan story" }</h2>
                    <ol>
                        { for steps().iter().enumerate().map(|(k, s)| {
                            let current = (k == i).then_some("step");
                            let mark = if s.question.is_some() {
                                if session.masked(k) { " · question" } else { " · revealed" }
                            } else { "" };
                            html! {
                                <li><button type="button" aria-current={current} onclick={go(Command::Goto(k))}>
                                    { format!("{}{mark}", s.title) }
                                </button></li>
                            }
                        }) }
                    </ol>
                </nav>
                <main class="console-main">
                    <section class="console-step" aria-labelledby="step-heading">
                        <p class="muted">{ format!("Step {} of {total} · chart: {} · levers: {}", i + 1, step.chart, step.group.label()) }</p>
                        <h2 id="step-heading">{ step.title }</h2>
                        <p>{ step.notes }</p>
                        if !changes.is_empty() {
                            <ul class="step-changes">
                                { for changes.iter().map(|(p, a, b)| html! {
                                    <li>{ format!("{}: {} → {}", p.label, careflow_charts::format::lever_value(p, *a), careflow_charts::format::lever_value(p, *b)) }</li>
                                }) }
                            </ul>
                        }
                        <div class="console-actions">
                            <button type="button" onclick={go(Command::Back)} disabled={i == 0}>{ "← Back" }</button>
                            <button type="button" class="primary" id="next" onclick={go(Command::Next)} disabled={i + 1 == total}>{ "Next step →" }</button>
                            <button type="button" id="replay" onclick={go(Command::Replay)}>{ "Replay the last change (P)" }</button>
                        </div>
                        <div class="console-toggles">
                            <label><input type="checkbox" id="show-levers" checked={session.show_levers} onchange={toggle(Command::ToggleLevers)} />{ " Levers on the audience screen" }</label>
                            <label><input type="checkbox" id="show-assumptions" checked={session.show_assumptions} onchange={toggle(Command::ToggleAssumptions)} />{ " Assumptions on the audience screen" }</label>
                        </div>
                    </section>
                    { for question_panel }
                    <section class="console-room" aria-labelledby="room-heading">
                        <h2 id="room-heading">{ "The room's scenarios" }</h2>
                        <label for="room-links">{ "Paste the share links of the room's scenarios, one a line (or just the code after #)" }</label>
                        <textarea id="room-links" rows="4" value={(*room_text).clone()} oninput={on_room_input} />
                        <div class="console-actions">
                            <button type="button" id="summarise" onclick={on_summarise}>{ "Summarise the room's scenarios" }</button>
                        </div>
                        if let Some(sum) = (*room_summary).clone() {
                            <div class="room-summary" id="room-summary">
                                { for sum.problems.iter().map(|p| html! { <p class="lever-error" role="alert">{ p.clone() }</p> }) }
                                if sum.room.is_empty() {
                                    <p>{ "No usable links yet." }</p>
                                } else {
                                    { {
                                        let (spread, outcomes) = room_tables(&sum.room, &sum.outcomes);
                                        html! {
                                            <>
                                                <DataTable table={spread} class="room-spread" />
                                                <div class="dot-strips">
                                                    { for OUTCOMES.iter().enumerate().map(|(k, o)| {
                                                        let values: Vec<f64> = sum.outcomes.iter().map(|v| v[k]).collect();
                                                        dot_strip(o.label, o.unit, &values, reference_outcomes.map(|r| r[k]))
                                                    }) }
                                                </div>
                                                <DataTable table={outcomes} class="room-outcomes" />
                                            </>
                                        }
                                    } }
                                }
                            </div>
                        }
                    </section>
                    <section class="console-pack" aria-labelledby="pack-heading">
                        <h2 id="pack-heading">{ "Workshop pack" }</h2>
                        <p>{ "The scenario on screen now, printable, with the room's predictions beside the model's answers." }</p>
                        <button type="button" id="open-pack" onclick={on_pack}>{ "Open the workshop pack" }</button>
                    </section>
                </main>
            </div>
        </div>
    }
}

/// The workshop pack of step `i`'s scenario, with the session's predictions.
fn pack(
    i: usize,
    scenario: &(careflow_model::Scenario, &'static str),
    run: &Rc<Results>,
    reference: &Rc<Results>,
    session: &Session,
    on_close: Callback<()>,
) -> Html {
    let (s, from) = scenario;
    let step = steps()[i];
    let name = format!("Presenter session, step {}: {}", i + 1, step.title);
    let year = run
        .yearly
        .iter()
        .position(|y| y.year == QUESTION_YEAR)
        .unwrap_or(0);
    let span = Span {
        first: 0,
        last: run.yearly.len().saturating_sub(1),
        kpi: year,
    };
    let charts: Vec<Rc<views::ChartView>> = views::charts(run, reference, span)
        .into_iter()
        .map(Rc::new)
        .collect();
    let kpis = compare::kpi_table(
        Pinned {
            name: &name,
            results: run,
        },
        &[],
        reference,
        year,
    );
    let preset_name = preset(from).map(|p| p.name).unwrap_or_default();
    let meta = format!(
        "From the {preset_name} preset · seed {} · {QUESTION_YEAR} · deterministic model",
        s.seed
    );
    let link = format!(
        "{}{}#{}",
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default(),
        web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default(),
        encode_link(s, Some(from))
    );
    let predictions = crate::presenter::predictions(session);
    html! {
        <WorkshopPack name={name.clone()} description={step.notes} meta={meta} link={link}
            levers={Rc::new(compare::lever_diff(&[(name.as_str(), s)]))} kpis={Rc::new(kpis)}
            sources={Rc::new(compare::sources(s))} charts={Rc::new(charts)} {on_close}
            predictions={Some(Rc::new(predictions))} />
    }
}
