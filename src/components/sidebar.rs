//! The lever sidebar: one collapsible group per pathway, in the model's display order.

use std::collections::BTreeMap;
use std::rc::Rc;

use careflow_model::{parameters, Group, LeverId, ParamSpec, Scenario};
use yew::prelude::*;

use crate::components::lever_group::LeverGroup;

#[derive(Properties, PartialEq, Clone)]
pub struct SidebarProps {
    pub scenario: Rc<Scenario>,
    pub on_change: Callback<(LeverId, f64)>,
    pub on_reset: Callback<LeverId>,
}

/// Whether a group starts open (on a wide screen): demand, care closer to home, acute beds, and
/// discharge and delays, whose headline levers (seven-day discharge, discharge to assess, extra
/// step-down beds, care-package and care-home starts) are what a discharge team pulls first.
pub fn open_at_first(g: Group) -> bool {
    g <= Group::DischargeDelays
}

/// The lever sidebar.
#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let groups = use_memo((), |_| {
        let all = parameters();
        Group::ALL
            .iter()
            .map(|g| {
                let specs: Vec<ParamSpec> = all.iter().filter(|s| s.group == *g).copied().collect();
                (*g, Rc::new(specs))
            })
            .collect::<Vec<_>>()
    });
    let baseline = use_memo((), |_| Scenario::default());
    let anchors = use_memo((), |_| crate::levers::anchors());
    // On a phone the groups start closed, so the results are one short scroll away.
    let narrow = *use_memo((), |_| {
        web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < 760.0)
    });
    let baseline: Rc<Scenario> = baseline;
    let anchors: Rc<BTreeMap<LeverId, f64>> = anchors;
    html! {
        <aside class="levers" aria-label="Levers">
            <h2>{ "Levers" }</h2>
            <p class="muted hint">{ "Every change recomputes at once. The mark under each slider is the 2008/09 baseline." }</p>
            { for groups.iter().map(|(g, specs)| html! {
                <LeverGroup key={format!("{g:?}")} group={*g} specs={specs.clone()} scenario={props.scenario.clone()}
                    baseline={baseline.clone()} anchors={anchors.clone()}
                    on_change={props.on_change.clone()} on_reset={props.on_reset.clone()} open={!narrow && open_at_first(*g)} />
            }) }
        </aside>
    }
}
