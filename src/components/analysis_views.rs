//! The way into the analysis views: two buttons, "Model checks" and "What matters most", each
//! opening its view (a disclosure: `aria-expanded`, `aria-controls`) above the key figures. The
//! analysis worker runs only while a view is open, so it never takes a core from the
//! replications otherwise.

use std::rc::Rc;

use careflow_model::Scenario;
use yew::prelude::*;

use crate::components::checks_view::ChecksView;
use crate::components::sensitivity_view::SensitivityView;
use crate::components::services_view::ServicesView;
use crate::hooks::use_analysis::{use_analysis, DesRef};
use crate::hooks::use_replications::Replications;

#[derive(Properties, PartialEq)]
pub struct AnalysisViewsProps {
    pub scenario: Rc<Scenario>,
    pub replications: Replications,
    /// The key figures' year (index) and the run's year labels.
    pub year: usize,
    pub years: Rc<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    None,
    Checks,
    Sensitivity,
    Services,
}

/// The band replications as the engine-agreement check's input, once the batch is complete.
#[hook]
pub fn use_des_ref(r: &Replications) -> (DesRef, Option<String>) {
    let complete = !r.waiting && r.error.is_none() && r.target > 0 && r.done() >= r.target;
    let des = use_memo((r.runs.clone(), complete), |(runs, complete)| {
        DesRef(
            complete
                .then(|| crate::analysis::des_input(&runs.0))
                .flatten()
                .map(Rc::new),
        )
    });
    let waiting = (!complete).then(|| match &r.error {
        Some(e) => format!("the replications stopped ({e})"),
        None if r.waiting => "waiting for the levers to settle".into(),
        None => format!("{} of {} replications done", r.done(), r.target),
    });
    ((*des).clone(), waiting)
}

#[component]
pub fn AnalysisViews(props: &AnalysisViewsProps) -> Html {
    let open = use_state(|| Open::None);
    let (des, des_waiting) = use_des_ref(&props.replications);
    let analysis = use_analysis(
        props.scenario.clone(),
        des,
        *open == Open::Checks,
        *open == Open::Sensitivity,
    );
    let toggle = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(if *open == which { Open::None } else { which })
        })
    };
    let expanded = |which: Open| if *open == which { "true" } else { "false" };
    let error = analysis.error.clone().map(AttrValue::from);
    html! {
        <div class="analysis">
            <div class="analysis-tabs" role="group" aria-label="Show the working">
                <button type="button" id="open-checks" aria-expanded={expanded(Open::Checks)}
                    aria-controls="checks-view" onclick={toggle(Open::Checks)}>{ "Model checks" }</button>
                <button type="button" id="open-sensitivity" aria-expanded={expanded(Open::Sensitivity)}
                    aria-controls="sensitivity-view" onclick={toggle(Open::Sensitivity)}>{ "What matters most" }</button>
                <button type="button" id="open-services" aria-expanded={expanded(Open::Services)}
                    aria-controls="services-view" onclick={toggle(Open::Services)}>{ "Community services" }</button>
            </div>
            if *open == Open::Checks {
                <ChecksView result={analysis.checks.clone()} pending={analysis.checks_pending}
                    error={error.clone()} des_waiting={des_waiting.map(AttrValue::from)} />
            }
            if *open == Open::Sensitivity {
                <SensitivityView result={analysis.sensitivity.clone()} pending={analysis.sensitivity_pending}
                    {error} runs={props.replications.runs.clone()} year={props.year} years={props.years.clone()} />
            }
            if *open == Open::Services {
                <ServicesView scenario={props.scenario.clone()} year={props.year} />
            }
        </div>
    }
}
