//! The workshop pack page: the scenario on screen with its key figures, charts, levers, sources,
//! risks and model checks, laid out for print.

use std::rc::Rc;

use careflow_charts::compare;
use careflow_model::preset;
use yew::prelude::*;

use crate::components::pack_checks::PackChecks;
use crate::components::workshop_pack::WorkshopPack;
use crate::hooks::use_outputs::Outputs;
use crate::hooks::use_replications::Replications;
use crate::state::{Action, State};

/// The pack for `state`, or `None` while the scenario has no figures to print.
pub fn pack(
    state: &State,
    out: &Outputs,
    replications: &Replications,
    dispatch: &UseReducerDispatcher<State>,
) -> Option<Html> {
    out.kpis.as_ref()?;
    let (name, description) = state.on_screen();
    let kpi_label = state.scenario.year_label(state.kpi_year as u32);
    let pin_names: Vec<&str> = state.pins.iter().map(|p| p.name.as_str()).collect();
    // Bands and risk cards once the replications are complete; until then the pack says so.
    let finished = replications.finished() && replications.error.is_none();
    let meta = format!(
        "Started from the {} preset · key measures for {} · seed {} · {}{}",
        preset(&state.preset).map(|p| p.name).unwrap_or("baseline"),
        kpi_label,
        state.scenario.seed,
        if finished {
            format!(
                "deterministic model, with bands and risks from {} replications",
                replications.done()
            )
        } else {
            "deterministic model (replications still running)".into()
        },
        if pin_names.is_empty() {
            String::new()
        } else {
            format!(" · compared with {}", pin_names.join(", "))
        }
    );
    // With pins, a column of lever values for each: two pins that differ show how.
    let levers = if state.pins.is_empty() {
        Rc::new(compare::lever_diff(&[(name.as_str(), &state.scenario)]))
    } else {
        out.lever_table.clone()
    };
    let risks = finished.then(|| {
        let kpis = crate::uncertainty::risk_kpis(
            &replications.runs.0,
            &replications.reference.0,
            state.kpi_year,
            &kpi_label,
        );
        Rc::new(crate::components::workshop_pack::risk_table(
            &kpis,
            replications.done(),
            state.scenario.seed,
        ))
    });
    let sources = Rc::new(compare::sources(&state.scenario));
    let on_close = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::ShowPack(false)))
    };
    Some(html! {
        <WorkshopPack name={name} description={description} meta={meta}
            link={crate::location::current_url()} {levers} kpis={out.compared_kpis.clone()} {sources} {risks}
            charts={out.charts.clone()} {on_close}
            checks={html! { <PackChecks scenario={state.scenario.clone()} replications={replications.clone()} /> }} />
    })
}
