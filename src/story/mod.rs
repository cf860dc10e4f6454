//! The guided story for the public (`?story`): six steps, each one idea and one lever; the reader
//! predicts, then "Show me" reveals the model's answer beside the guess, with one sentence of
//! meaning and the step's chart. The closing screen sets every guess against the model, opens the
//! story's scenario in the workbench (a scenario link) and offers the guesses as a link.
//!
//! The answer is computed only on the reveal, so it is neither shown nor in the page before it.
//! The place in the story lives in the query string (`link`), replaced on every change.

pub mod link;
pub mod steps;

use std::rc::Rc;

use careflow_charts::views::{self, ChartView, Span};
use careflow_model::{run, Results, Scenario};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::chart_panel::ChartPanel;
use crate::components::methods::{Entry, Methods};
use link::{Progress, SCREENS};
use steps::{Measure, Question, Source, Step, STEPS, YEAR, YEAR_LABEL};

/// The page's path (the workbench is the same page without the query).
fn pathname() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into())
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The chart that shows a step's answer.
fn chart_id(m: Measure) -> &'static str {
    match m {
        Measure::Occupancy | Measure::DaysOver95 => "beds",
        Measure::AdmissionsAvoided => "admissions",
        Measure::Delays => "delays",
        Measure::HospitalDeaths => "deaths",
        Measure::Saving => "money",
    }
}

/// One chart of a scenario against do nothing, every year charted, titles on the story's year.
fn chart_for(s: &Scenario, reference: &Results, id: &str) -> Option<Rc<ChartView>> {
    let r = run(s).ok()?;
    let span = Span {
        first: 0,
        last: r.yearly.len().saturating_sub(1),
        kpi: YEAR,
    };
    views::charts(&r, reference, span)
        .into_iter()
        .find(|v| v.id == id)
        .map(Rc::new)
}

/// The story page.
#[component]
pub fn Story() -> Html {
    let progress = use_state(|| {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        link::read(&search)
    });
    // What the reader has typed or picked on this screen, before "Show me".
    let draft = use_state(|| draft_for(&progress, progress.screen));
    let problem = use_state(|| None::<String>);
    // The live region's words: set on a reveal, cleared on a move.
    let status = use_state(String::new);
    let methods = use_state(|| None::<Entry>);
    let reference = use_memo((), |_| run(&Scenario::default()).ok().map(Rc::new));

    // Keep the query string carrying the place in the story.
    use_effect_with((*progress).clone(), |p| {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&link::write(p)),
            );
        }
    });
    // Focus goes to the heading of the screen moved to (not on opening the page).
    {
        let first = use_mut_ref(|| true);
        use_effect_with(progress.screen, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus("story-heading");
            }
        });
    }

    let go = {
        let (progress, draft, problem, status, methods) = (
            progress.clone(),
            draft.clone(),
            problem.clone(),
            status.clone(),
            methods.clone(),
        );
        Callback::from(move |screen: usize| {
            let mut p = (*progress).clone();
            p.screen = screen.min(SCREENS - 1);
            draft.set(draft_for(&p, p.screen));
            problem.set(None);
            status.set(String::new());
            methods.set(None);
            progress.set(p);
        })
    };
    let on_source = {
        let methods = methods.clone();
        Callback::from(move |s: Source| {
            methods.set(Some(Entry {
                id: s.element_id(),
                group: s.group(),
            }))
        })
    };
    let on_close_methods = {
        let methods = methods.clone();
        Callback::from(move |_| {
            methods.set(None);
            focus("story-heading");
        })
    };

    let screen = progress.screen;
    let body = if let Some(step) = STEPS.get(screen) {
        step_view(
            screen,
            step,
            &progress,
            &draft,
            &problem,
            &status,
            &on_source,
            reference.as_ref().as_ref(),
        )
    } else {
        closing_view(&progress, &on_source)
    };
    let back = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go.emit(screen.saturating_sub(1)))
    };
    let next = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| go.emit(screen + 1))
    };
    let restart = {
        let (progress, draft, status) = (progress.clone(), draft.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(String::new());
            status.set(String::new());
            progress.set(Progress::default());
        })
    };
    let workbench = pathname();

    html! {
        <div class="story-page">
            <header class="app-header story-header">
                <p class="brand"><a href={workbench.clone()}>{ "Careflow" }</a></p>
                <h1 class="story-title">{ "The story: beds, care at home and money" }</h1>
                <a class="story-to-workbench" href={workbench}>{ "Open the workbench" }</a>
            </header>
            <main class="story" id="story-main">
                <p class="story-progress" aria-hidden="true">
                    // One dot per step ("Step 1 of 6"); the closing screen has none of its own.
                    { for (0..STEPS.len()).map(|i| html! {
                        <span class={classes!("dot", (i == screen).then_some("now"), progress.guesses[i].is_some().then_some("done"))}></span>
                    }) }
                </p>
                { body }
                <p class="sr-only" role="status" id="story-status">{ (*status).clone() }</p>
                <nav class="story-nav" aria-label="Story steps">
                    if screen > 0 {
                        <button type="button" class="story-back" onclick={back}>{ "Back" }</button>
                    }
                    if screen + 1 < SCREENS {
                        <button type="button" class="story-next" onclick={next}>
                            { if screen + 2 == SCREENS { "Next: your guesses against the model" } else { "Next" } }
                        </button>
                    } else {
                        <button type="button" class="story-restart" onclick={restart}>{ "Start the story again" }</button>
                    }
                </nav>
                if let Some(entry) = (*methods).clone() {
                    <Methods {entry} on_close={on_close_methods} />
                }
            </main>
        </div>
    }
}

/// The draft of a screen: its revealed guess, if any.
fn draft_for(p: &Progress, screen: usize) -> String {
    p.guesses
        .get(screen)
        .copied()
        .flatten()
        .map(|g| g.to_string())
        .unwrap_or_default()
}

/// A source marker: a small button that opens the claim's entry in Methods & sources.
fn marker(source: Source, on_source: &Callback<Source>) -> Html {
    let onclick = on_source.reform(move |_: MouseEvent| source);
    html! {
        <button type="button" class="source-marker" aria-label={source.label()} title={source.label()} {onclick}>
            { "source" }
        </button>
    }
}

#[allow(clippy::too_many_arguments)]
fn step_view(
    i: usize,
    step: &'static Step,
    progress: &UseStateHandle<Progress>,
    draft: &UseStateHandle<String>,
    problem: &UseStateHandle<Option<String>>,
    status: &UseStateHandle<String>,
    on_source: &Callback<Source>,
    reference: Option<&Rc<Results>>,
) -> Html {
    let value = progress.values[i];
    let guess = progress.guesses[i];
    let lever = &step.lever;
    let on_lever = {
        let progress = progress.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                let mut p = (*progress).clone();
                p.values[i] = steps::clamp_to(&step.lever, v);
                progress.set(p);
            }
        })
    };
    let on_draft = {
        let (draft, problem) = (draft.clone(), problem.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
            problem.set(None);
        })
    };
    let on_pick = {
        let (draft, problem) = (draft.clone(), problem.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
            problem.set(None);
        })
    };
    let on_show = {
        let (progress, draft, problem, status) = (
            progress.clone(),
            draft.clone(),
            problem.clone(),
            status.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = draft.trim().replace([',', '£', '%'], "");
            match typed.parse::<f64>() {
                Ok(g) if steps::valid_guess(step, g) => {
                    let mut p = (*progress).clone();
                    p.guesses[i] = Some(g);
                    if let Some(a) = steps::answer(step, p.values[i]) {
                        status.set(format!(
                            "The model says {}. You guessed {}. {}",
                            steps::value_words(step.measure, a.value),
                            steps::guess_words(step, g),
                            steps::closeness(step, g, a.value)
                        ));
                    }
                    progress.set(p);
                    problem.set(None);
                }
                _ => {
                    problem.set(Some(match step.question {
                        Question::Number { min, max, unit } => format!(
                            "Type a number from {} to {} ({unit}), then press Show me.",
                            min, max
                        ),
                        Question::Choice { .. } => {
                            "Pick one of the answers, then press Show me.".into()
                        }
                    }));
                    focus("story-guess");
                }
            }
        })
    };
    let on_again = {
        let (progress, status) = (progress.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let mut p = (*progress).clone();
            p.guesses[i] = None;
            progress.set(p);
            status.set(String::new());
            focus("story-lever");
        })
    };
    let revealed = guess.is_some();
    let question = match step.question {
        Question::Number { unit, min, max } => html! {
            <div class="story-guess-row">
                <input id="story-guess" type="text" inputmode="decimal" autocomplete="off"
                    aria-describedby={problem.is_some().then_some("story-problem")}
                    aria-invalid={problem.is_some().then_some("true")}
                    data-min={min.to_string()} data-max={max.to_string()}
                    value={(**draft).clone()} oninput={on_draft} disabled={revealed} />
                <span class="story-unit">{ unit }</span>
            </div>
        },
        Question::Choice { options } => html! {
            <div class="story-options" id="story-guess" tabindex="-1">
                { for options.iter().enumerate().map(|(k, (label, _, _))| {
                    let id = format!("story-option-{k}");
                    html! {
                        <label class="story-option" for={id.clone()}>
                            <input type="radio" name="story-choice" {id} value={k.to_string()}
                                checked={**draft == k.to_string()} onchange={on_pick.clone()} disabled={revealed} />
                            <span>{ *label }</span>
                        </label>
                    }
                }) }
            </div>
        },
    };
    let ask = match step.question {
        Question::Number { .. } => {
            html! { <label for="story-guess" class="story-ask">{ step.ask }</label> }
        }
        Question::Choice { .. } => html! { <legend class="story-ask">{ step.ask }</legend> },
    };
    let form_body = html! {
        <>
            { ask }
            { question }
            if let Some(p) = (**problem).clone() {
                <p class="story-problem" id="story-problem">{ p }</p>
            }
            if !revealed {
                <button type="submit" class="story-show">{ "Show me" }</button>
            }
        </>
    };
    let form = match step.question {
        Question::Number { .. } => {
            html! { <form class="story-question" onsubmit={on_show}>{ form_body }</form> }
        }
        Question::Choice { .. } => {
            html! { <form class="story-question" onsubmit={on_show}><fieldset>{ form_body }</fieldset></form> }
        }
    };
    // Computed only once revealed: before that the answer is nowhere in the page.
    let reveal = guess.and_then(|g| {
        let a = steps::answer(step, value)?;
        let chart = reference
            .and_then(|r| chart_for(&steps::scenario_for(step, value), r, chart_id(step.measure)));
        Some(html! {
            <section class="story-reveal" aria-labelledby="story-reveal-heading">
                <h3 id="story-reveal-heading">{ "The model's answer" }</h3>
                <dl class="story-compare">
                    <div><dt>{ "Your guess" }</dt><dd class="story-your-guess">{ steps::guess_words(step, g) }</dd></div>
                    <div><dt>{ "The model" }</dt><dd class="story-answer">{ steps::value_words(step.measure, a.value) }</dd></div>
                </dl>
                <p class="story-closeness">{ steps::closeness(step, g, a.value) }</p>
                <p class="story-meaning">{ steps::meaning(step, &a) }{ " " }{ marker(step.meaning_source, on_source) }</p>
                if let Some(view) = chart {
                    <div class="story-chart"><ChartPanel {view} /></div>
                }
                <button type="button" class="story-again" onclick={on_again}>{ "Move the lever and guess again" }</button>
            </section>
        })
    });
    html! {
        <article class="story-step" aria-labelledby="story-heading">
            <p class="story-count">{ format!("Step {} of {}", i + 1, STEPS.len()) }</p>
            <h2 id="story-heading" tabindex="-1">{ step.title }</h2>
            { for step.claims.iter().map(|(text, source)| html! {
                <p class="story-claim">{ *text }{ " " }{ marker(*source, on_source) }</p>
            }) }
            <div class="story-lever">
                <label for="story-lever">{ lever.label }</label>
                <output for="story-lever" class="story-lever-value">{ steps::lever_words(lever, value) }</output>
                <input id="story-lever" type="range" min={lever.min.to_string()} max={lever.max.to_string()}
                    step={lever.step.to_string()} value={value.to_string()}
                    aria-valuetext={steps::lever_words(lever, value)} oninput={on_lever} disabled={revealed} />
                <p class="story-lever-range muted" aria-hidden="true">
                    <span>{ steps::lever_words(lever, lever.min) }</span><span>{ steps::lever_words(lever, lever.max) }</span>
                </p>
            </div>
            { form }
            { for reveal }
        </article>
    }
}

/// The closing screen: every guess against the model, the story's scenario all together, the
/// workbench link and the guesses link.
fn closing_view(progress: &Progress, on_source: &Callback<Source>) -> Html {
    let scenario = steps::story_scenario(&progress.values);
    let together = run(&scenario).ok();
    let base = run(&Scenario::default()).ok();
    let workbench = format!(
        "{}#{}",
        pathname(),
        careflow_model::share::encode_link(&scenario, Some(crate::state::REFERENCE))
    );
    let share = format!("{}{}{}", origin(), pathname(), link::write(progress));
    let copy = {
        let share = share.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&share);
            }
        })
    };
    let rows = STEPS.iter().enumerate().map(|(i, step)| {
        let v = progress.values[i];
        let a = steps::answer(step, v);
        html! {
            <tr data-step={step.key}>
                <th scope="row">{ step.title }</th>
                <td>{ steps::lever_words(&step.lever, v) }</td>
                <td class="story-your-guess">{ progress.guesses[i].map(|g| steps::guess_words(step, g)).unwrap_or_else(|| "no guess".into()) }</td>
                <td class="story-answer">{ a.map(|a| steps::value_words(step.measure, a.value)).unwrap_or_default() }</td>
            </tr>
        }
    });
    let summary = match (
        together.as_ref().and_then(|r| r.yearly.get(YEAR)),
        base.as_ref().and_then(|r| r.yearly.get(YEAR)),
    ) {
        (Some(k), Some(b)) => html! {
            <ul class="story-together">
                <li>{ format!("Beds {:.0}% full on an average day, and more than 95% full on {}.", k.mean_occupancy * 100.0, steps::value_words(Measure::DaysOver95, k.days_over_95pct_occupancy)) }</li>
                <li>{ format!("{} of bed days go to people well enough to leave (target 2%).", steps::value_words(Measure::Delays, k.dtoc_share * 100.0)) }</li>
                <li>{ format!("{:.0}% of deaths in hospital.", k.hospital_death_share * 100.0) }</li>
                <li>{ if b.total_cost >= k.total_cost {
                    format!("{} a year saved against do nothing.", steps::value_words(Measure::Saving, (b.total_cost - k.total_cost) / 1e6))
                } else {
                    format!("{} a year more than do nothing.", steps::value_words(Measure::Saving, (k.total_cost - b.total_cost) / 1e6))
                } }</li>
            </ul>
        },
        _ => html! {},
    };
    html! {
        <article class="story-step story-closing" aria-labelledby="story-heading">
            <h2 id="story-heading" tabindex="-1">{ "Your guesses against the model" }</h2>
            <p class="story-claim">{ format!("Each answer is for {YEAR_LABEL}, with only that step's lever moved from do nothing (the 2008/09 hospital with its trends carried on).") }{ " " }{ marker(Source::Model, on_source) }</p>
            <div class="table-wrap">
                <table class="story-table">
                    <caption class="sr-only">{ "Your guesses against the model, step by step" }</caption>
                    <thead><tr><th scope="col">{ "Step" }</th><th scope="col">{ "Lever" }</th><th scope="col">{ "Your guess" }</th><th scope="col">{ "The model" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <h3>{ format!("All your levers together, in {YEAR_LABEL}") }</h3>
            { summary }
            <p class="story-links">
                <a class="story-button primary" id="story-workbench" href={workbench}>{ "Explore this in the workbench" }</a>
                <a class="story-button" id="story-share" href={share.clone()}>{ "Share my guesses" }</a>
                <button type="button" class="story-button" onclick={copy}>{ "Copy the guesses link" }</button>
            </p>
            <p class="muted story-share-text">{ "The guesses link reopens this page with your levers and guesses; nothing is sent anywhere." }</p>
        </article>
    }
}
