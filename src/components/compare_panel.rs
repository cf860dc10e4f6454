//! The comparison: the pinned scenarios with their line styles (the same as on the charts), the
//! KPIs side by side and every lever that differs from the baseline, with units.

use std::rc::Rc;

use careflow_charts::compare::{pin_colour, pin_style, pin_style_words, MAX_PINS};
use careflow_charts::views::Table;
use careflow_charts::LegendKind;
use yew::prelude::*;

use crate::components::chart_panel::swatch;
use crate::components::data_table::DataTable;

#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// Names of the pinned scenarios, in pin order.
    pub pins: Rc<Vec<String>>,
    /// The KPIs side by side (do nothing, the scenario on screen, each pin).
    pub kpis: Rc<Table>,
    /// Levers that differ from the baseline (the scenario on screen and each pin).
    pub levers: Rc<Table>,
    /// Pin the scenario on screen.
    pub on_pin_current: Callback<()>,
    /// Unpin by index.
    pub on_unpin: Callback<usize>,
    pub on_clear: Callback<()>,
}

/// A short line in pin `i`'s colour and dash pattern.
pub fn pin_swatch(i: usize) -> Html {
    swatch(pin_colour(i), LegendKind::Line(pin_style(i)))
}

#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let pin_current = props.on_pin_current.reform(|_: MouseEvent| ());
    let clear = props.on_clear.reform(|_: MouseEvent| ());
    let full = props.pins.len() >= MAX_PINS;
    html! {
        <section class="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{ "Compare scenarios" }</h2>
            if props.pins.is_empty() {
                <p class="hint">{ format!("Pin up to {MAX_PINS} scenarios to see them on every chart and side by side here: pin the one on screen, or pin saved ones from the list above.") }</p>
            }
            <div class="compare-actions">
                <button type="button" onclick={pin_current} disabled={full}>{ "Pin the scenario on screen" }</button>
                if !props.pins.is_empty() {
                    <button type="button" onclick={clear}>{ "Unpin all" }</button>
                }
            </div>
            if !props.pins.is_empty() {
                <ul class="pins" aria-label="Pinned scenarios">
                    { for props.pins.iter().enumerate().map(|(i, name)| {
                        let unpin = props.on_unpin.reform(move |_: MouseEvent| i);
                        html! {
                            <li>
                                { pin_swatch(i) }
                                <span>{ name.clone() }</span>
                                <span class="sr-only">{ format!(" (drawn in {})", pin_style_words(i)) }</span>
                                <button type="button" class="unpin" onclick={unpin}
                                    aria-label={format!("Unpin {name}")}>{ "Unpin" }</button>
                            </li>
                        }
                    }) }
                </ul>
                <div class="table-wrap"><DataTable table={(*props.kpis).clone()} class="compare-kpis" /></div>
                if props.levers.rows.is_empty() {
                    <p>{ "No lever differs from the baseline in any of these scenarios." }</p>
                } else {
                    <div class="table-wrap"><DataTable table={(*props.levers).clone()} class="compare-levers" /></div>
                }
            }
        </section>
    }
}
