//! One lever: plain label, range slider with the baseline marked, a number input with its unit, a
//! reset-to-baseline button and an info disclosure with the meaning and source of the default.

use careflow_model::{scenario::Profile, ParamSpec};
use web_sys::HtmlInputElement;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::glossary::{Annotated, Term};
use crate::levers::{check_typed, control, is_fraction, slider_range, value_text, Control};

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
    pub on_change: Callback<(&'static str, f64)>,
    /// Back to baseline.
    pub on_reset: Callback<&'static str>,
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

/// The unit beside the number box; a date lever names the month its value falls in
/// ("from December 2009", not "2009.67 financial year").
fn unit_text(spec: &ParamSpec, value: f64) -> String {
    if spec.unit == "financial year" {
        format!("from {}", careflow_charts::format::financial_date(value))
    } else {
        spec.unit.replace('/', "/\u{200B}")
    }
}

/// "Allowed: from 0 to 0.5 fraction (or a percentage); baseline 0.05 (5%)."
fn allowed_text(spec: &ParamSpec, baseline: f64) -> String {
    let range = careflow_model::params::range_words(spec);
    if is_fraction(spec) {
        format!(
            "Allowed: {range}, or typed as a percentage; baseline {} ({}).",
            value_text(spec, baseline),
            careflow_charts::format::pct(baseline, 1).replace(".0%", "%")
        )
    } else if spec.unit == "financial year" {
        format!(
            "Allowed: {range}; baseline {}.",
            careflow_charts::format::lever_value(spec, baseline)
        )
    } else {
        format!("Allowed: {range}; baseline {}.", value_text(spec, baseline))
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
    let at_baseline = (props.value - props.baseline).abs() <= spec.step * 1e-6;
    let on_change = props.on_change.clone();
    let path = spec.path;

    let info_id = format!("{id}-info");
    let err_id = format!("{id}-error");
    let toggle_info = {
        let info_open = info_open.clone();
        Callback::from(move |_| info_open.set(!*info_open))
    };
    let reset = {
        let on_reset = props.on_reset.clone();
        Callback::from(move |_| on_reset.emit(path))
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
            <p class="source"><strong>{ format!("Source ({}): ", spec.provenance.kind.label()) }</strong>{ spec.provenance.source }</p>
            <p class="source quality" data-quality={spec.provenance.kind.quality().label()}>{ format!("Quality: {}.", spec.provenance.kind.quality().label()) }</p>
            if let Some(e) = spec.evidence {
                <p class="source">{ format!("Plausible range: {} to {} ({})", value_text(&spec, e.low), value_text(&spec, e.high), e.source) }</p>
            }
            <p class="source">{ allowed_text(&spec, props.baseline) }</p>
        </div>
    };
    let reset_button = html! {
        <button type="button" class="reset" disabled={at_baseline} onclick={reset}
            aria-label={format!("Reset {label_text} to baseline {}", value_text(&spec, props.baseline))}
            title="Reset to baseline">{ "↺" }</button>
    };

    let body = match control(&spec) {
        Control::Switch => {
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                on_change.emit((path, if input.checked() { 1.0 } else { 0.0 }));
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
        Control::Profile => {
            let onchange = Callback::from(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                if let Ok(v) = sel.value().parse::<f64>() {
                    on_change.emit((path, v));
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
        Control::Slider => {
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
                        on_change.emit((path, v));
                    }
                })
            };
            let commit = {
                let error = error.clone();
                let on_change = on_change.clone();
                let text = text.clone();
                move |raw: String| match check_typed(&spec, &raw) {
                    Ok(v) => {
                        // Shown in the lever's units ("1.7%" reads back as 0.017), also when the
                        // value is the one the lever already has.
                        text.set(value_text(&spec, v));
                        error.set(None);
                        on_change.emit((path, v));
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
                                aria-valuetext={format!("{} {}", value_text(&spec, props.value), spec.unit)}
                                {oninput} />
                            <datalist id={list_id}><option value={props.baseline.to_string()} label="baseline"></option></datalist>
                            <span class="baseline-mark" style={format!("left: calc({:.2}% + {:.2}px)", pct(props.baseline), 8.0 - 0.16 * pct(props.baseline))}
                                title={format!("Baseline {}", value_text(&spec, props.baseline))} aria-hidden="true"></span>
                        </div>
                        <input type="text" inputmode="decimal" class="number" id={number_id}
                            value={(*text).clone()} aria-label={format!("{} in {}", spec.label, spec.unit)}
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
        <div class={classes!("lever", (!at_baseline).then_some("changed"))} data-path={spec.path}>
            { body }
            { info_panel }
        </div>
    }
}
