//! The workshop pack's model checks: a compact list (pass or fail, the sentence, the figure),
//! computed in the analysis worker while the pack is open.

use std::rc::Rc;

use careflow_model::Scenario;
use yew::prelude::*;

use crate::components::analysis_views::use_des_ref;
use crate::hooks::use_analysis::use_analysis;
use crate::hooks::use_replications::Replications;

#[derive(Properties, PartialEq)]
pub struct PackChecksProps {
    pub scenario: Rc<Scenario>,
    pub replications: Replications,
}

#[component]
pub fn PackChecks(props: &PackChecksProps) -> Html {
    let (des, _) = use_des_ref(&props.replications);
    let analysis = use_analysis(props.scenario.clone(), des, true, false);
    let Some(r) = analysis.checks.as_ref() else {
        return html! { <section class="pack-checks" aria-label="Model checks"><p>{ "Running the model checks…" }</p></section> };
    };
    let failed = r.checks.iter().filter(|c| !c.passed).count();
    html! {
        <section class="pack-checks" aria-labelledby="pack-checks-title" data-failed={failed.to_string()}>
            <h2 id="pack-checks-title">{
                if failed == 0 { format!("Model checks: all {} pass", r.checks.len()) }
                else { format!("Model checks: {failed} of {} fail", r.checks.len()) }
            }</h2>
            <ul>
                { for r.checks.iter().map(|c| html! {
                    <li class={if c.passed { "pass" } else { "fail" }}>
                        <strong>{ if c.passed { "Pass" } else { "Fail" } }</strong>{ " " }{ c.sentence.clone() }
                        { " " }<span class="muted">{ format!("({})", c.figure) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
