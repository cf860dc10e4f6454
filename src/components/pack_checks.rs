//! The workshop pack's model checks, compactly: one line naming the checks that pass, and each
//! failing check with its sentence and figure. Computed in the analysis worker while the pack is
//! open.

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

/// A check's name in a few words, for the pack's one-line list.
fn short_name(id: &str) -> &str {
    match id {
        "conservation" => "every patient accounted for",
        "capacity" => "no service above capacity",
        "no-negative" => "no negative stock",
        "delays-within-beds" => "delays within occupied beds",
        "littles-law-beds" => "Little's law on the beds",
        "engines-agree" => "live and stochastic engines agree",
        "calibration" => "2008/09 calibration",
        "seeds-arithmetic" => "7,500 = 13%",
        "avoided-not-free" => "avoided admissions cost something",
        "no-delay-no-dtoc" => "no steps, no delays",
        "more-beds-fewer-cancellations" => "more beds, no more cancellations",
        other => other,
    }
}

#[component]
pub fn PackChecks(props: &PackChecksProps) -> Html {
    let (des, _) = use_des_ref(&props.replications);
    let analysis = use_analysis(props.scenario.clone(), des, true, false);
    let Some(r) = analysis.checks.as_ref() else {
        return html! { <section class="pack-checks" aria-label="Model checks"><p>{ "Running the model checks…" }</p></section> };
    };
    let failed: Vec<_> = r.checks.iter().filter(|c| !c.passed).collect();
    let passed: Vec<&str> = r
        .checks
        .iter()
        .filter(|c| c.passed)
        .map(|c| short_name(&c.id))
        .collect();
    html! {
        <section class="pack-checks" aria-labelledby="pack-checks-title" data-failed={failed.len().to_string()}>
            <h2 id="pack-checks-title">{
                if failed.is_empty() { format!("Model checks: all {} pass", r.checks.len()) }
                else { format!("Model checks: {} of {} fail", failed.len(), r.checks.len()) }
            }</h2>
            <ul>
                { for failed.iter().map(|c| html! {
                    <li class="fail"><strong>{ "Fail" }</strong>{ " " }{ c.sentence.clone() }{ " " }
                        <span>{ format!("({}; allowed: {})", c.figure, c.tolerance) }</span></li>
                }) }
                if !passed.is_empty() {
                    <li class="pass"><strong>{ "Pass" }</strong>{ format!(" {}.", passed.join(" · ")) }</li>
                }
            </ul>
        </section>
    }
}
