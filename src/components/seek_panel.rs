//! "What it takes": the goal seek in the page. The user picks a yearly KPI, a year, at most / at
//! least, a value and one lever; the SD bisection (`careflow_model::seek`) runs on the main thread
//! (a few dozen SD runs) and the answer is shown in words with "Apply" (sets the lever) and the
//! link that reproduces it. The DES confirmation (the chance the target holds) is the command
//! line's: the panel prints the `careflow seek` command that runs it.
//!
//! Its `data-*` attributes (outcome, answer, loosened) are what the end-to-end test reads.

use std::rc::Rc;

use careflow_model::params::Group;
use careflow_model::seek::{
    available_kpis, kpi_kind, kpi_label, lever_words, seek_sd, Answer, Comparison, KpiKind,
    Outcome, Request, Target,
};
use careflow_model::{parameters, LeverId, Scenario};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeekPanelProps {
    pub scenario: Rc<Scenario>,
    /// The preset the scenario started from (for the link and the command).
    pub preset: AttrValue,
    /// Financial-year labels, and the year the KPI cards show (the default target year).
    pub years: Rc<Vec<String>>,
    pub year: usize,
    /// The scenario differs from its preset (the command then needs the scenario as a file).
    pub modified: bool,
    /// Set a lever (the answer's "Apply").
    pub on_apply: Callback<(LeverId, f64)>,
}

/// The lever the panel starts on.
const DEFAULT_LEVER: &str = "discharge.discharge_to_assess.share";

/// The value typed, in the KPI's own unit: shares are typed in % ("2" is 2%), the rest as is.
fn typed_value(kpi: &str, text: &str) -> Option<f64> {
    let t = text.trim().trim_end_matches('%').replace([',', '£'], "");
    let v: f64 = t.trim().parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if kpi_kind(kpi) == KpiKind::Share {
        v / 100.0
    } else {
        v
    })
}

fn unit_hint(kpi: &str) -> &'static str {
    match kpi_kind(kpi) {
        KpiKind::Share => "in %",
        KpiKind::Money => "in £",
        KpiKind::Count => "a number",
    }
}

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

/// The `careflow seek` command that runs the same search with the DES confirmation.
fn command(a: &Answer, preset: &str, modified: bool, start_year: u32) -> String {
    let year = a
        .target
        .year
        .split('/')
        .next()
        .and_then(|y| y.parse::<u32>().ok())
        .unwrap_or(start_year);
    let from = if modified {
        "SCENARIO.json".to_string()
    } else {
        format!("--preset {preset}")
    };
    format!(
        "careflow seek {from} --target '{}{}{}' --year {year} --lever {} -n 20",
        a.target.kpi,
        a.target.comparison.symbol(),
        a.target.value,
        a.lever
    )
}

#[component]
pub fn SeekPanel(props: &SeekPanelProps) -> Html {
    let kpis = use_memo((), |_| available_kpis());
    let kpi = use_state(|| "dtoc_share".to_string());
    let year = use_state(|| None::<String>);
    let cmp = use_state(|| Comparison::AtMost);
    let value = use_state(|| "2".to_string());
    let lever = use_state(|| DEFAULT_LEVER.to_string());
    let busy = use_state(|| false);
    let result = use_state(|| None::<Result<Rc<Answer>, String>>);

    let year_label = (*year)
        .clone()
        .filter(|y| props.years.contains(y))
        .or_else(|| props.years.get(props.year).cloned())
        .unwrap_or_default();

    let on_kpi = {
        let kpi = kpi.clone();
        Callback::from(move |e: Event| kpi.set(select_value(&e)))
    };
    let on_year = {
        let year = year.clone();
        Callback::from(move |e: Event| year.set(Some(select_value(&e))))
    };
    let on_cmp = {
        let cmp = cmp.clone();
        Callback::from(move |e: Event| {
            cmp.set(if select_value(&e) == "at_least" {
                Comparison::AtLeast
            } else {
                Comparison::AtMost
            })
        })
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            value.set(el.value());
        })
    };
    let on_lever = {
        let lever = lever.clone();
        Callback::from(move |e: Event| lever.set(select_value(&e)))
    };
    let on_submit = {
        let (kpi, cmp, value, lever) = (kpi.clone(), cmp.clone(), value.clone(), lever.clone());
        let (busy, result) = (busy.clone(), result.clone());
        let scenario = props.scenario.clone();
        let preset = props.preset.clone();
        let year_label = year_label.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(v) = typed_value(&kpi, &value) else {
                result.set(Some(Err(format!(
                    "The value must be a number ({}).",
                    unit_hint(&kpi)
                ))));
                return;
            };
            let req = Request::new(
                Target {
                    kpi: (*kpi).clone(),
                    year: year_label.clone(),
                    comparison: *cmp,
                    value: v,
                },
                &lever,
            );
            busy.set(true);
            let (busy, result, scenario, preset) = (
                busy.clone(),
                result.clone(),
                scenario.clone(),
                preset.clone(),
            );
            // Let "Searching…" paint before the main thread is busy with the SD runs.
            gloo::timers::callback::Timeout::new(0, move || {
                let answer = seek_sd(&scenario, Some(preset.as_str()), &req);
                result.set(Some(answer.map(Rc::new).map_err(|e| {
                    match e {
                        careflow_model::ModelError::Invalid(issues) => issues
                            .iter()
                            .map(|i| format!("{}: {} (allowed {})", i.path, i.message, i.allowed))
                            .collect::<Vec<_>>()
                            .join(" "),
                        other => other.to_string(),
                    }
                })));
                busy.set(false);
            })
            .forget();
        })
    };

    let levers = parameters();
    let lever_options = Group::ALL.iter().map(|g| {
        html! {
            <optgroup label={g.label()}>
                { for levers.iter().filter(|p| p.group == *g && !p.unit.is_code()).map(|p| html! {
                    <option value={p.path} selected={*lever == p.path}>{ p.label }</option>
                }) }
            </optgroup>
        }
    });

    let answer_view = match &*result {
        None => html! {},
        Some(Err(m)) => html! { <p class="seek-error" role="alert">{ m.clone() }</p> },
        Some(Ok(a)) => {
            let spec = careflow_model::params::param(&a.lever);
            let id = LeverId::from_path(&a.lever);
            let apply = match (a.answer, id) {
                (Some(p), Some(id)) => {
                    let cb = props.on_apply.clone();
                    let words = spec.map(|s| lever_words(&s, p.lever)).unwrap_or_default();
                    let onclick = Callback::from(move |_: MouseEvent| cb.emit((id, p.lever)));
                    html! {
                        <button type="button" class="seek-apply" {onclick}>
                            { format!("Apply: set {} to {}", a.lever_label, words) }
                        </button>
                    }
                }
                _ => html! {},
            };
            let origin = web_sys::window()
                .and_then(|w| {
                    let l = w.location();
                    Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
                })
                .unwrap_or_default();
            let link = format!("{origin}#{}", a.link);
            let outcome = match a.outcome {
                Outcome::Met => "met",
                Outcome::MetEverywhere => "met_everywhere",
                Outcome::Unreachable => "unreachable",
            };
            let cmd = command(a, &props.preset, props.modified, props.scenario.start_year);
            html! {
                <div class="seek-answer" data-outcome={outcome}
                    data-answer={a.answer.map(|p| p.lever.to_string()).unwrap_or_default()}
                    data-loosened={a.loosened.map(|p| p.lever.to_string()).unwrap_or_default()}>
                    <p class="seek-summary">{ a.summary.clone() }</p>
                    <p class="seek-runs">{ format!("{} runs of the live (SD) engine.", a.sd_runs) }</p>
                    { apply }
                    <div class="seek-link">
                        <label for="seek-link">{ "Link to this answer" }</label>
                        <input id="seek-link" type="text" readonly=true value={link} />
                    </div>
                    <p class="seek-des">
                        { "How likely it holds (discrete-event replications) is worked out on the command line: " }
                        <code>{ cmd }</code>
                    </p>
                </div>
            }
        }
    };

    let status = if *busy {
        "Searching…".to_string()
    } else {
        match &*result {
            Some(Ok(a)) => a.summary.clone(),
            _ => String::new(),
        }
    };

    html! {
        <section class="seek" aria-labelledby="seek-heading" data-busy={busy.to_string()}>
            <h2 id="seek-heading">{ "What it takes" }</h2>
            <p class="hint">{ "Choose a target and one lever: Careflow finds the value of the lever that just meets the target, or says it cannot be met within the lever's range." }</p>
            <form class="seek-form" onsubmit={on_submit}>
                <div class="seek-field">
                    <label for="seek-kpi">{ "Target" }</label>
                    <select id="seek-kpi" onchange={on_kpi}>
                        { for kpis.iter().map(|k| html! {
                            <option value={k.clone()} selected={*kpi == *k}>{ kpi_label(k) }</option>
                        }) }
                    </select>
                </div>
                <div class="seek-field">
                    <label for="seek-year">{ "In" }</label>
                    <select id="seek-year" onchange={on_year}>
                        { for props.years.iter().map(|y| html! {
                            <option value={y.clone()} selected={*y == year_label}>{ y.clone() }</option>
                        }) }
                    </select>
                </div>
                <div class="seek-field">
                    <label for="seek-cmp">{ "Must be" }</label>
                    <select id="seek-cmp" onchange={on_cmp}>
                        <option value="at_most" selected={*cmp == Comparison::AtMost}>{ "at most (≤)" }</option>
                        <option value="at_least" selected={*cmp == Comparison::AtLeast}>{ "at least (≥)" }</option>
                    </select>
                </div>
                <div class="seek-field">
                    <label for="seek-value">{ format!("Value ({})", unit_hint(&kpi)) }</label>
                    <input id="seek-value" type="text" inputmode="decimal" value={(*value).clone()} oninput={on_value} />
                </div>
                <div class="seek-field">
                    <label for="seek-lever">{ "Lever" }</label>
                    <select id="seek-lever" onchange={on_lever}>{ for lever_options }</select>
                </div>
                <button type="submit" disabled={*busy}>{ "Find what it takes" }</button>
            </form>
            <p class="sr-only" role="status" id="seek-status">{ status }</p>
            { answer_view }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_typed_in_percent_and_the_rest_as_they_are() {
        assert_eq!(typed_value("dtoc_share", "2"), Some(0.02));
        assert_eq!(typed_value("dtoc_share", "2.5%"), Some(0.025));
        assert_eq!(typed_value("deaths", "3,500"), Some(3500.0));
        assert_eq!(typed_value("commissioner_cost", "£1000"), Some(1000.0));
        assert_eq!(typed_value("deaths", "lots"), None);
    }
}
