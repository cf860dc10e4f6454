//! One KPI card: the value for the chosen year, its change against do nothing and the target.

use careflow_charts::views::{Kpi, Tone};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct KpiCardProps {
    pub kpi: Kpi,
}

#[component]
pub fn KpiCard(props: &KpiCardProps) -> Html {
    let k = &props.kpi;
    let (tone_class, tone_word) = match k.tone {
        Tone::Better => ("better", "better than do nothing"),
        Tone::Worse => ("worse", "worse than do nothing"),
        Tone::Same => ("same", "same as do nothing"),
    };
    let arrow = match k.tone {
        Tone::Better => "▲ ",
        Tone::Worse => "▼ ",
        Tone::Same => "",
    };
    html! {
        <article class="kpi" data-kpi={k.id} aria-label={k.label}>
            <h3 class="kpi-label">{ k.label }</h3>
            <p class="kpi-value">{ k.value.clone() }</p>
            <p class={classes!("kpi-delta", tone_class)}>
                <span aria-hidden="true">{ arrow }</span>{ k.delta.clone() }
                <span class="sr-only">{ format!(" ({tone_word})") }</span>
            </p>
            if let Some((text, met)) = &k.target {
                <p class={classes!("kpi-target", if *met { "met" } else { "missed" })}>
                    { text.clone() }{ if *met { " — met" } else { " — not met" } }
                </p>
            }
        </article>
    }
}
