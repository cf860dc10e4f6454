//! The audience view, for the projector: the step's title, its question, the lever group being
//! discussed and the chart it moves, side by side and sized to fit 1280×720 and 1920×1080 without
//! scrolling, in type readable from the back of a room. It follows the console through the channel.
//! While a question waits for its reveal the result (chart and key figures) is not rendered at
//! all — a placeholder stands in its place, so nothing of it can be read from the page either.

use std::collections::BTreeMap;
use std::rc::Rc;

use careflow_charts::views::{self, Span};
use careflow_model::{parameters, preset, run, LeverId, ParamSpec, Scenario};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::components::chart_panel::ChartPanel;
use crate::components::kpi_card::KpiCard;
use crate::components::lever_group::LeverGroup;
use crate::presenter::script::{self, steps, Step};
use crate::presenter::session::{guesses_words, Session};
use crate::presenter::sync::{use_channel, Message};
use crate::state::REFERENCE;

/// How long a replay shows the scenario before the change [ms].
pub const REPLAY_MS: u32 = 2500;
/// Levers of the group on screen at most, so the group fits beside the chart.
const MAX_LEVERS: usize = 3;

/// The group's levers on screen: those the scenario or the step moves first, then the other
/// headline levers, up to [`MAX_LEVERS`].
fn levers_on_screen(step: &Step, scenario: &Scenario) -> Vec<ParamSpec> {
    let base = Scenario::default();
    let in_group: Vec<ParamSpec> = parameters()
        .into_iter()
        .filter(|p| p.group == step.group)
        .collect();
    let moved = |p: &ParamSpec| {
        step.moves.iter().any(|(id, _)| *id == p.id)
            || (p.headline && scenario.lever(p.id) != base.lever(p.id))
    };
    let mut chosen: Vec<ParamSpec> = in_group.iter().filter(|p| moved(p)).copied().collect();
    for p in in_group.iter().filter(|p| p.headline && !moved(p)) {
        if chosen.len() >= MAX_LEVERS {
            break;
        }
        chosen.push(*p);
    }
    chosen.truncate(MAX_LEVERS.max(step.moves.len()));
    // Registry order, as in the workbench.
    let order = |p: &ParamSpec| in_group.iter().position(|q| q.id == p.id);
    chosen.sort_by_key(order);
    chosen
}

#[component]
pub fn Audience() -> Html {
    let session = use_state(Session::default);
    let replaying = use_state(|| false);
    let local = use_state(|| None::<Rc<Scenario>>);
    let last_replay = use_mut_ref(|| None::<u32>);
    let replay_timer = use_mut_ref(|| None::<Timeout>);
    let on_message = {
        let (session, replaying, local) = (session.clone(), replaying.clone(), local.clone());
        let (last_replay, replay_timer) = (last_replay.clone(), replay_timer.clone());
        Callback::from(move |m: Message| {
            let Message::Session(s) = m else { return };
            // A replay asked for after this window joined: the scenario before the change, then after.
            let asked = last_replay.borrow().is_some_and(|r| r != s.replay);
            *last_replay.borrow_mut() = Some(s.replay);
            if asked {
                replaying.set(true);
                let replaying = replaying.clone();
                *replay_timer.borrow_mut() =
                    Some(Timeout::new(REPLAY_MS, move || replaying.set(false)));
            } else if s.step != session.step {
                replay_timer.borrow_mut().take();
                replaying.set(false);
            }
            local.set(None);
            session.set(s);
        })
    };
    let (poster, problem) = use_channel(on_message);
    // Hello when the window opens, and again once a session arrives: a console opened after this
    // window (as "Present" does) then knows an audience is listening.
    let joined = last_replay.borrow().is_some();
    use_effect_with(joined, move |_| poster.post(&Message::Hello));

    let i = session.step.min(steps().len() - 1);
    let step = steps()[i];
    let shown = if *replaying { i.saturating_sub(1) } else { i };
    let scripted = use_memo(shown, |i| Rc::new(script::scenario_at(*i).0));
    let scenario: Rc<Scenario> = (*local).clone().unwrap_or_else(|| (*scripted).clone());
    let results = use_memo(scenario.clone(), |s| run(s).ok().map(Rc::new));
    let reference = use_memo((), |_| {
        preset(REFERENCE)
            .and_then(|p| run(&p.scenario).ok())
            .map(Rc::new)
    });
    let kpi_year = results.as_ref().as_ref().and_then(|r| {
        r.yearly
            .iter()
            .position(|y| y.year == script::QUESTION_YEAR)
    });
    let outputs = {
        let deps = (
            (*results).clone(),
            (*reference).clone(),
            step.chart,
            kpi_year,
        );
        use_memo(deps, |(run, reference, chart, year)| {
            let (run, reference) = (run.as_ref()?, reference.as_ref()?);
            let span = Span {
                first: 0,
                last: run.yearly.len().saturating_sub(1),
                kpi: year.unwrap_or(0),
            };
            let view = views::charts(run, reference, span)
                .into_iter()
                .find(|v| v.id == *chart)
                .map(Rc::new)?;
            let kpis = views::kpis(run, reference, span.kpi);
            Some((view, kpis))
        })
    };
    let specs = use_memo((i, scenario.clone()), |(i, s)| {
        Rc::new(levers_on_screen(&steps()[*i], s))
    });
    let baseline = use_memo((), |_| Rc::new(Scenario::default()));
    let anchors = use_memo((), |_| Rc::new(crate::levers::anchors()));
    let on_change = {
        let (local, scenario) = (local.clone(), scenario.clone());
        Callback::from(move |(id, value): (LeverId, f64)| {
            let mut s = (*scenario).clone();
            if s.set_lever(id, value).is_ok() {
                local.set(Some(Rc::new(s)));
            }
        })
    };
    let on_reset = {
        let on_change = on_change.clone();
        Callback::from(move |id: LeverId| on_change.emit((id, Scenario::default().lever(id))))
    };

    let masked = session.masked(i);
    let question = step.question;
    let guesses = question.and_then(|q| guesses_words(&q.answer, session.guesses_at(i)));
    let answer = question
        .zip(results.as_ref().as_ref())
        .map(|(q, r)| q.answer.words(r));
    let changes = script::changes_at(i);
    let total = steps().len();
    // The sources of the levers this step moves (else of the first lever on screen), at most two.
    let moved: Vec<ParamSpec> = changes.iter().map(|c| c.0).collect();
    // An assumption says so (its source text, once plain, is only the figure assumed).
    let source_of = |p: &ParamSpec| {
        let label = if p.provenance.kind == careflow_model::params::ProvenanceKind::Assumption {
            format!("{} (an assumption): ", p.label)
        } else {
            format!("{}: ", p.label)
        };
        (label, p.provenance.source)
    };
    let sources: Vec<(String, &'static str)> = if moved.is_empty() {
        specs.iter().take(1).map(source_of).collect()
    } else {
        moved.iter().take(2).map(source_of).collect()
    };
    let anchors: Rc<BTreeMap<LeverId, f64>> = (*anchors).clone();
    html! {
        <div class="audience" data-step={i.to_string()} data-masked={masked.then_some("true")}
            data-replaying={replaying.then_some("true")}>
            <header class="aud-header">
                <p class="aud-kicker">{ format!("Careflow · step {} of {total}", i + 1) }</p>
                <h1 class="aud-title" id="aud-title">{ step.title }</h1>
                if *replaying {
                    <p class="aud-replay" role="status">{ "Replaying the last change: this is before it…" }</p>
                }
                if let Some(why) = problem {
                    <p class="aud-problem" role="alert">{ why }</p>
                }
            </header>
            <main class={classes!("aud-body", (!session.show_levers).then_some("no-levers"))}>
                if session.show_levers {
                    <section class="aud-levers" aria-label="Levers being discussed">
                        <LeverGroup key={format!("{:?}-{i}", step.group)} group={step.group} specs={(*specs).clone()}
                            scenario={scenario.clone()} baseline={(*baseline).clone()} {anchors}
                            {on_change} {on_reset} open={true} />
                        if !changes.is_empty() {
                            <ul class="aud-changes" aria-label="What this step changes">
                                { for changes.iter().take(3).map(|(p, a, b)| html! {
                                    <li>{ format!("{}: {} → {}", p.label, careflow_charts::format::lever_value(p, *a), careflow_charts::format::lever_value(p, *b)) }</li>
                                }) }
                            </ul>
                        }
                        if session.show_assumptions {
                            <details class="aud-assumptions" open={true}>
                                <summary>{ "Where these numbers come from" }</summary>
                                <ul>
                                    { for sources.iter().map(|(label, source)| html! {
                                        <li title={*source}><strong>{ label.clone() }</strong>{ careflow_charts::format::plain_source(source) }</li>
                                    }) }
                                </ul>
                            </details>
                        }
                    </section>
                }
                <section class="aud-result" aria-labelledby="aud-title">
                    if let Some(q) = question {
                        <p class="aud-question">{ q.text }</p>
                    }
                    if masked {
                        <div class="aud-mask" data-masked="true">
                            <p class="aud-mask-title">{ "Make your prediction" }</p>
                            <p>{ "The result stays hidden until the room's guesses are in." }</p>
                            if let Some(g) = &guesses {
                                <p class="aud-guesses">{ format!("The room: {g}") }</p>
                            }
                        </div>
                    } else if let Some((view, kpis)) = outputs.as_ref() {
                        <div class="aud-figures">
                            { for step.kpis.iter().filter_map(|id| kpis.iter().find(|k| k.id == *id)).map(|k| html! {
                                <KpiCard kpi={k.clone()} />
                            }) }
                            if let (Some(g), Some(a)) = (&guesses, &answer) {
                                <div class="aud-verdict" data-answer={a.clone()}>
                                    <p><strong>{ "The room guessed: " }</strong>{ g.clone() }</p>
                                    <p class="aud-answer"><strong>{ "The model: " }</strong>{ a.clone() }</p>
                                </div>
                            } else if let Some(a) = &answer {
                                <div class="aud-verdict" data-answer={a.clone()}>
                                    <p class="aud-answer"><strong>{ "The model: " }</strong>{ a.clone() }</p>
                                </div>
                            }
                        </div>
                        <ChartPanel key={view.id} view={view.clone()} text_scale={projector_text_scale()} />
                    } else {
                        <p class="run-error" role="alert">{ "This scenario cannot run." }</p>
                    }
                </section>
            </main>
        </div>
    }
}

/// The chart's text and strokes on a wide screen (a projector: read from the back of a room) at
/// 1.4 times the workbench's, so its 13 px tick labels draw at 18 px; narrower screens keep theirs.
fn projector_text_scale() -> f64 {
    let width = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    if width >= 1200.0 {
        1.4
    } else {
        1.0
    }
}
