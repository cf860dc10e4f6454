//! One lever: plain label, range slider with the baseline marked, a number input with its unit, a
//! reset-to-baseline button and an info disclosure with the meaning and source of the default.

use careflow_model::{scenario::Profile, Control, LeverId, ParamSpec};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::glossary::{Annotated, Term};
use crate::levers::{check_typed, control, is_percent, slider_range, value_text};
use careflow_charts::format::{lever_range, lever_value};

#[derive(Properties, PartialEq, Clone)]
pub struct LeverProps {
    pub spec: ParamSpec,
    /// Current value.
    pub value: f64,
    /// Calibrated baseline value (marked on the slider; the reset target).
    pub baseline: f64,
    /// Largest value in any preset (anchors the slider range).
    pub anchor: f64,
    /// First financial year and horizon (for date levers).
    pub start_year: u32,
    pub years: u32,
    /// A new value (already checked against the registry's range).
    pub on_change: Callback<(LeverId, f64)>,
    /// Back to baseline.
    pub on_reset: Callback<LeverId>,
}

/// A DOM-safe id from a parameter path.
pub fn dom_id(path: &str) -> String {
    format!("lever-{}", path.replace(['.', '_'], "-"))
}

/// The glossary terms in a lever's label ("Occupancy that opens escalation beds"), as buttons in
/// its information panel: the label itself is a `<label>`, which must not hold buttons.
fn label_terms(label: &'static str) -> Html {
    let found = crate::glossary::find_terms(label);
    if found.is_empty() {
        return html! {};
    }
    html! {
        <p class="source lever-terms">{ "In the glossary: " }
            { for found.into_iter().enumerate().map(|(i, (a, b, id))| html! {
                <>
                    if i > 0 { { ", " } }
                    <Term {id} text={AttrValue::from(label[a..b].to_string())} />
                </>
            }) }
        </p>
    }
}

/// The unit beside the number box, as people read it ("% a year", "beds", "a day"); a date lever
/// names the month its value falls in ("from December 2009", not "2009.67 financial year").
fn unit_text(spec: &ParamSpec, value: f64) -> String {
    if control(spec) == Control::Year {
        format!("from {}", careflow_charts::format::financial_date(value))
    } else {
        spec.unit.shown().suffix.trim().to_string()
    }
}

/// "Allowed: from 0% to 50%, typed with or without the % sign; baseline 5%."
fn allowed_text(spec: &ParamSpec, baseline: f64) -> String {
    let hint = if is_percent(spec) {
        ", typed with or without the % sign"
    } else {
        ""
    };
    format!(
        "Allowed: {}{hint}; baseline {}.",
        lever_range(spec),
        lever_value(spec, baseline)
    )
}

/// The number box's unit in words for its accessible name: "percent a year", "pounds a day".
fn number_unit(spec: &ParamSpec) -> String {
    let shown = spec.unit.shown();
    let suffix = shown.suffix.trim().replacen('%', "percent", 1);
    match (shown.prefix, suffix.is_empty()) {
        ("£", true) => "pounds".into(),
        ("£", false) => format!("pounds {suffix}"),
        _ => suffix,
    }
}

/// The values a keyboard step down and up would give the focused slider `input`, as the browser
/// steps it (a detached copy is stepped: its range, step base and rounding are the browser's own),
/// so that their runs can be computed ahead (`live_runs`).
fn step_neighbours(input: &HtmlInputElement) -> Vec<f64> {
    let Some(probe) = input
        .clone_node()
        .ok()
        .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(2);
    for up in [false, true] {
        probe.set_value(&input.value());
        // `stepUp`/`stepDown` (web-sys does not bind them).
        let method = if up { "stepUp" } else { "stepDown" };
        let stepped = js_sys::Reflect::get(&probe, &method.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|f| f.call0(&probe));
        let v = probe.value_as_number();
        if matches!(stepped, Some(Ok(_))) && v.is_finite() {
            out.push(v);
        }
    }
    out
}

/// Asks for the runs of the slider's neighbouring values ahead, if it has the keyboard focus.
fn anticipate(id: LeverId, slider: &NodeRef) {
    let Some(input) = slider.cast::<HtmlInputElement>() else {
        return;
    };
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|a| a == **input);
    if focused {
        crate::live_runs::run_ahead(id, &step_neighbours(&input));
    }
}

#[component]
pub fn Lever(props: &LeverProps) -> Html {
    let spec = props.spec;
    let id = dom_id(spec.path);
    let info_open = use_state(|| false);
    let error = use_state(|| None::<String>);
    // The text in the number box follows the value unless the user is mid-way through typing.
    let text = use_state(|| value_text(&spec, props.value));
    {
        let text = text.clone();
        let error = error.clone();
        use_effect_with(props.value, move |v| {
            text.set(value_text(&spec, *v));
            error.set(None);
        });
    }
    let slider = use_node_ref();
    {
        // After a step the run of the next one is computed ahead (the slider keeps the focus).
        let slider = slider.clone();
        use_effect_with(props.value, move |_| anticipate(spec.id, &slider));
    }
    let at_baseline = (props.value - props.baseline).abs() <= spec.step * 1e-6;
    let on_change = props.on_change.clone();
    let lever_id = spec.id;

    let info_id = format!("{id}-info");
    let err_id = format!("{id}-error");
    let toggle_info = {
        let info_open = info_open.clone();
        Callback::from(move |_| info_open.set(!*info_open))
    };
    let reset = {
        let on_reset = props.on_reset.clone();
        Callback::from(move |_| on_reset.emit(lever_id))
    };
    let label_text = spec.label;
    let info = html! {
        <>
            <button type="button" class="info-button" aria-expanded={if *info_open {"true"} else {"false"}}
                aria-controls={info_id.clone()} aria-label={format!("About: {label_text}")} onclick={toggle_info}>
                { "i" }
            </button>
        </>
    };
    let info_panel = html! {
        <div id={info_id.clone()} class="lever-info" hidden={!*info_open}>
            <p><Annotated text={spec.description} /></p>
            { label_terms(spec.label) }
            <p class="source"><strong>{ format!("Source ({}): ", spec.provenance.kind.label()) }</strong>{ careflow_charts::format::plain_source(spec.provenance.source) }</p>
            <p class="source quality" data-quality={spec.provenance.kind.quality().label()}>{ format!("Quality: {}.", spec.provenance.kind.quality().label()) }</p>
            if let Some(e) = spec.evidence {
                <p class="source">{ format!("Plausible range: {} to {} ({})", lever_value(&spec, e.low), lever_value(&spec, e.high), careflow_charts::format::plain_source(e.source)) }</p>
            }
            <p class="source">{ allowed_text(&spec, props.baseline) }</p>
        </div>
    };
    let reset_button = html! {
        <button type="button" class="reset" disabled={at_baseline} onclick={reset}
            aria-label={format!("Reset {label_text} to baseline {}", lever_value(&spec, props.baseline))}
            title="Reset to baseline">{ "↺" }</button>
    };

    let body = match control(&spec) {
        Control::Switch => {
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_change.emit((lever_id, if input.checked() { 1.0 } else { 0.0 }));
            });
            html! {
                <div class="lever-row">
                    <input type="checkbox" role="switch" id={id.clone()} checked={props.value >= 0.5} {onchange} />
                    <label for={id.clone()} class="lever-label">{ spec.label }</label>
                    { info }
                    { reset_button }
                </div>
            }
        }
        Control::Choice => {
            let onchange = Callback::from(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                if let Ok(v) = sel.value().parse::<f64>() {
                    on_change.emit((lever_id, v));
                }
            });
            let label = spec.label.split(" (").next().unwrap_or(spec.label);
            html! {
                <>
                    <div class="lever-head">
                        <label for={id.clone()} class="lever-label">{ label }</label>
                        { info }
                        { reset_button }
                    </div>
                    <select id={id.clone()} {onchange}>
                        { for Profile::ALL.iter().map(|p| html! {
                            <option value={format!("{}", p.code())} selected={p.code() == props.value}>{ p.label() }</option>
                        }) }
                    </select>
                </>
            }
        }
        Control::Slider | Control::Year => {
            let (lo, hi) = slider_range(
                &spec,
                props.anchor,
                props.value,
                props.start_year,
                props.years,
            );
            let pct =
                |v: f64| ((v - lo) / (hi - lo).max(f64::MIN_POSITIVE) * 100.0).clamp(0.0, 100.0);
            let oninput = {
                let on_change = on_change.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    let v = input.value_as_number();
                    if v.is_finite() {
                        on_change.emit((lever_id, v));
                    }
                })
            };
            let commit = {
                let error = error.clone();
                let on_change = on_change.clone();
                let text = text.clone();
                move |raw: String| match check_typed(&spec, &raw) {
                    Ok(v) => {
                        // Shown in the units the box shows ("1.7%" reads back as "1.7"), also
                        // when the value is the one the lever already has.
                        text.set(value_text(&spec, v));
                        error.set(None);
                        on_change.emit((lever_id, v));
                    }
                    Err(msg) => error.set(Some(msg)),
                }
            };
            let onchange_num = {
                let commit = commit.clone();
                Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    commit(input.value());
                })
            };
            let oninput_num = {
                let text = text.clone();
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    text.set(input.value());
                })
            };
            let onfocus = {
                let slider = slider.clone();
                Callback::from(move |_: FocusEvent| anticipate(lever_id, &slider))
            };
            let list_id = format!("{id}-marks");
            let number_id = format!("{id}-number");
            html! {
                <>
                    <div class="lever-head">
                        <label for={id.clone()} class="lever-label">{ spec.label }</label>
                        { info }
                        { reset_button }
                    </div>
                    <div class="lever-controls">
                        <div class="slider-wrap">
                            <input type="range" id={id.clone()} min={lo.to_string()} max={hi.to_string()}
                                step={spec.step.to_string()} value={props.value.to_string()} list={list_id.clone()}
                                aria-valuetext={lever_value(&spec, props.value)}
                                ref={slider} {oninput} {onfocus} />
                            <datalist id={list_id}><option value={props.baseline.to_string()} label="baseline"></option></datalist>
                            <span class="baseline-mark" style={format!("left: calc({:.2}% + {:.2}px)", pct(props.baseline), 8.0 - 0.16 * pct(props.baseline))}
                                title={format!("Baseline {}", lever_value(&spec, props.baseline))} aria-hidden="true"></span>
                        </div>
                        if !spec.unit.shown().prefix.is_empty() {
                            <span class="unit prefix" aria-hidden="true">{ spec.unit.shown().prefix }</span>
                        }
                        <input type="text" inputmode="decimal" class="number" id={number_id}
                            value={(*text).clone()} aria-label={format!("{} ({})", spec.label, number_unit(&spec))}
                            aria-invalid={if error.is_some() {"true"} else {"false"}}
                            aria-describedby={err_id.clone()}
                            onchange={onchange_num} oninput={oninput_num} />
                        <span class="unit">{ unit_text(&spec, props.value) }</span>
                    </div>
                    <p id={err_id} class="lever-error" role="alert" hidden={error.is_none()}>{ (*error).clone().unwrap_or_default() }</p>
                </>
            }
        }
    };
    html! {
        <div class={classes!("lever", (!at_baseline).then_some("changed"))} data-path={spec.path}
            data-control={format!("{:?}", control(&spec)).to_lowercase()}>
            { body }
            { info_panel }
        </div>
    }
}
