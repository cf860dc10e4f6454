//! One collapsible group of levers: headline levers shown, the rest behind "More assumptions".

use std::collections::BTreeMap;
use std::rc::Rc;

use careflow_model::{Group, LeverId, ParamSpec, Scenario};
use yew::prelude::*;

use crate::components::lever::Lever;

#[derive(Properties, PartialEq, Clone)]
pub struct LeverGroupProps {
    pub group: Group,
    /// The group's levers in registry order.
    pub specs: Rc<Vec<ParamSpec>>,
    pub scenario: Rc<Scenario>,
    pub baseline: Rc<Scenario>,
    pub anchors: Rc<BTreeMap<LeverId, f64>>,
    pub on_change: Callback<(LeverId, f64)>,
    pub on_reset: Callback<LeverId>,
    /// Open when first shown.
    #[prop_or(false)]
    pub open: bool,
}

#[component]
pub fn LeverGroup(props: &LeverGroupProps) -> Html {
    let more = use_state(|| false);
    let key = format!("{:?}", props.group).to_lowercase();
    let more_id = format!("more-{key}");
    let lever = |spec: &ParamSpec| {
        let value = props.scenario.lever(spec.id);
        let baseline = props.baseline.lever(spec.id);
        html! {
            <Lever key={spec.path} spec={*spec} value={value} baseline={baseline}
                anchor={props.anchors.get(&spec.id).copied().unwrap_or(baseline)}
                start_year={props.scenario.start_year} years={props.scenario.years}
                on_change={props.on_change.clone()} on_reset={props.on_reset.clone()} />
        }
    };
    let headline: Vec<&ParamSpec> = props.specs.iter().filter(|s| s.headline).collect();
    let rest: Vec<&ParamSpec> = props.specs.iter().filter(|s| !s.headline).collect();
    let changed_hidden = rest
        .iter()
        .filter(|s| props.scenario.lever(s.id) != props.baseline.lever(s.id))
        .count();
    let toggle = {
        let more = more.clone();
        Callback::from(move |_| more.set(!*more))
    };
    html! {
        <details class="lever-group" open={props.open} data-group={key.clone()}>
            <summary><h3>{ props.group.label() }</h3></summary>
            { for headline.iter().map(|s| lever(s)) }
            if !rest.is_empty() {
                <button type="button" class="more" aria-expanded={if *more {"true"} else {"false"}}
                    aria-controls={more_id.clone()} onclick={toggle}>
                    { if *more { "Fewer assumptions".to_string() } else { format!("More assumptions ({})", rest.len()) } }
                    if changed_hidden > 0 && !*more {
                        <span class="badge">{ format!("{changed_hidden} changed") }</span>
                    }
                </button>
                <div id={more_id} class="more-levers" hidden={!*more}>
                    if *more {
                        { for rest.iter().map(|s| lever(s)) }
                    }
                </div>
            }
        </details>
    }
}
