//! The "Model checks" view: each check of the scenario on screen as a plain sentence with its
//! figure, its tolerance, pass or fail, and why it matters. Failing checks come first and are
//! never hidden. Computed in the analysis worker ([`crate::hooks::use_analysis`]).

use yew::prelude::*;

use crate::hooks::use_analysis::ChecksResult;
use crate::workers::analysis::CheckRow;

#[derive(Properties, PartialEq)]
pub struct ChecksViewProps {
    pub result: Option<ChecksResult>,
    pub pending: bool,
    pub error: Option<AttrValue>,
    /// What the engine-agreement check is waiting for, when the band replications are not done
    /// ("42 of 100 replications done").
    pub des_waiting: Option<AttrValue>,
}

fn check_item(c: &CheckRow) -> Html {
    let verdict = if c.passed { "Pass" } else { "Fail" };
    html! {
        <li class={classes!("check", if c.passed { "pass" } else { "fail" })} data-check={c.id.clone()}
            data-passed={c.passed.to_string()}>
            <p class="check-head"><span class="check-verdict">{ verdict }</span>{ " " }{ c.sentence.clone() }</p>
            <p class="check-figure"><strong>{ "Found: " }</strong>{ c.figure.clone() }{ ". " }
                <strong>{ "Allowed: " }</strong>{ c.tolerance.clone() }{ "." }</p>
            <p class="check-why"><strong>{ "Why this matters: " }</strong>{ c.why.clone() }</p>
        </li>
    }
}

#[component]
pub fn ChecksView(props: &ChecksViewProps) -> Html {
    let status = match (&props.result, props.pending) {
        (None, _) => "Running the model checks…".to_string(),
        (Some(_), true) => "Updating the checks for your latest change…".to_string(),
        (Some(r), false) => {
            let failed = r.checks.iter().filter(|c| !c.passed).count();
            if failed == 0 {
                format!("All {} checks pass on this scenario.", r.checks.len())
            } else {
                format!(
                    "{failed} of {} checks fail on this scenario: read what each means below.",
                    r.checks.len()
                )
            }
        }
    };
    let failed = props
        .result
        .as_ref()
        .map(|r| r.checks.iter().filter(|c| !c.passed).count());
    html! {
        <section id="checks-view" class="analysis-view checks-view" aria-labelledby="checks-title"
            data-pending={props.pending.to_string()}
            data-failed={failed.map(|n| n.to_string()).unwrap_or_default()}>
            <h2 id="checks-title">{ "Model checks" }</h2>
            <p class="analysis-explain">{ "The model checks itself on the scenario on screen: every patient accounted for, no service above its capacity, Little's law, the live engine against the stochastic one, the calibration and the plan's own arithmetic, and the signs a domain expert expects. A failing check says what it means for the answer; it is shown, not hidden." }</p>
            <p class="checks-status" role="status">{ status }</p>
            if let Some(e) = &props.error {
                <p class="run-error" role="alert">{ format!("The checks could not run: {e}") }</p>
            }
            if let Some(r) = &props.result {
                <ul class="checks" aria-label="Checks">
                    { for r.checks.iter().filter(|c| !c.passed).map(check_item) }
                    { for r.checks.iter().filter(|c| c.passed).map(check_item) }
                    if let Some(w) = &props.des_waiting {
                        <li class="check waiting" data-check="engines-agree" data-passed="waiting">
                            <p class="check-head"><span class="check-verdict">{ "Waiting" }</span>{ " The live engine against the stochastic one, on this scenario." }</p>
                            <p class="check-figure">{ format!("Uses the replications behind the charts' bands: {w}.") }</p>
                            <p class="check-why"><strong>{ "Why this matters: " }</strong>{ "The live charts are a fast approximation of the stochastic model; where they part, trust the bands." }</p>
                        </li>
                    }
                </ul>
                if r.replications > 0 {
                    <p class="analysis-note">{ format!("The engine check uses the {} replications already run for the charts' bands (delays, occupancy and commissioner cost; the command line's careflow check adds cancellations and A&E waits).", r.replications) }</p>
                }
                <p class="analysis-note">{ format!("Computed in a background worker in {:.0} ms.", r.millis) }</p>
            }
        </section>
    }
}
