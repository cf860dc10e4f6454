//! One KPI card: the value for the chosen year, its change against do nothing (the sign gives the
//! direction; the words "better" or "worse", and the colour, the judgement), the target, and on
//! some cards what limits the figure.

use careflow_charts::views::{Kpi, Tone};
use yew::prelude::*;

use crate::components::glossary::Annotated;

#[derive(Properties, PartialEq, Clone)]
pub struct KpiCardProps {
    pub kpi: Kpi,
}

#[component]
pub fn KpiCard(props: &KpiCardProps) -> Html {
    let k = &props.kpi;
    let tone_class = match k.tone {
        Tone::Better => "better",
        Tone::Worse => "worse",
        Tone::Same => "same",
    };
    html! {
        <article class="kpi" data-kpi={k.id} aria-label={k.label}>
            <h3 class="kpi-label"><Annotated text={k.label} /></h3>
            <p class="kpi-value">{ k.value.clone() }</p>
            <p class={classes!("kpi-delta", tone_class)}>
                { k.delta.clone() }
                if k.tone != Tone::Same {
                    { ": " }<span class="kpi-judgement">{ k.tone.word() }</span>
                }
            </p>
            if let Some((text, met)) = &k.target {
                <p class={classes!("kpi-target", if *met { "met" } else { "missed" })}>
                    { text.clone() }{ if *met { " — met" } else { " — not met" } }
                </p>
            }
            if let Some(note) = &k.note {
                <p class="kpi-note">{ note.clone() }</p>
            }
        </article>
    }
}
