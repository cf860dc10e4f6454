//! The "Community services" view: care closer to home service by service — how full each
//! service of the catalogue is over time (caseload against places), the admissions each avoided
//! and the people each turned away in the key figures' year, and cards for the headline
//! services. Drawn from the live engine's run of the scenario (recomputed only when it changes).

use std::rc::Rc;

use careflow_charts::services;
use careflow_charts::views::Span;
use careflow_model::Scenario;
use yew::prelude::*;

use crate::components::chart_panel::ChartPanel;
use crate::components::kpi_card::KpiCard;

#[derive(Properties, PartialEq)]
pub struct ServicesViewProps {
    pub scenario: Rc<Scenario>,
    /// The key figures' year (index).
    pub year: usize,
}

#[component]
pub fn ServicesView(props: &ServicesViewProps) -> Html {
    let year = props.year;
    let views = use_memo((props.scenario.clone(), year), |(s, year)| {
        // The workbench's own run of the scenario, remembered (not run again).
        let r = crate::live_runs::live_run(s);
        let r = r.as_ref().as_ref().ok()?;
        let span = Span {
            first: 0,
            last: r.yearly.len().saturating_sub(1),
            kpi: *year,
        };
        Some((
            Rc::new(services::caseload_chart(r, span)),
            Rc::new(services::avoided_chart(r, span)),
            services::kpis(r, span),
            Rc::new(services::ae_chart(r, span)),
        ))
    });
    let body = match views.as_ref() {
        None => html! { <p>{ "The scenario cannot run; fix the levers marked above." }</p> },
        Some((caseload, avoided, kpis, ae)) => html! {
            <>
                if !kpis.is_empty() {
                    <div class="kpi-grid services-kpis">
                        { for kpis.iter().map(|k| html! { <KpiCard kpi={k.clone()} /> }) }
                    </div>
                }
                // With no service switched on there is nothing to chart: the sentence says so.
                if caseload.chart.series_count() == 0 {
                    <p class="services-none" role="note">{ caseload.summary.clone() }</p>
                } else {
                    <ChartPanel view={caseload.clone()} />
                    <ChartPanel view={avoided.clone()} />
                }
                <ChartPanel view={ae.clone()} />
            </>
        },
    };
    html! {
        <section id="services-view" class="analysis-view" aria-labelledby="services-heading">
            <h2 id="services-heading" class="section-heading">{ "Care closer to home, service by service" }</h2>
            <p class="analysis-explain">{ "Each community service of the scenario's catalogue that is switched on: how full it is (people on its caseload against its places), the emergency admissions it avoided and the people it turned away. A full service avoids no more however many are referred. Services reached ahead of a crisis keep a waiting list; at the point of crisis a person who finds the service full is admitted. Last, A&E and the urgent care centre: attendances at each, and the share of A&E attendances within four hours, from the admitted patients' wait for a bed." }</p>
            { body }
        </section>
    }
}
