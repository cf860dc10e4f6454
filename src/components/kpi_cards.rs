//! The row of KPI cards for the chosen year.

use std::rc::Rc;

use careflow_charts::views::Kpi;
use yew::prelude::*;

use crate::components::kpi_card::KpiCard;

#[derive(Properties, PartialEq, Clone)]
pub struct KpiCardsProps {
    pub year: AttrValue,
    pub kpis: Rc<Vec<Kpi>>,
}

#[component]
pub fn KpiCards(props: &KpiCardsProps) -> Html {
    html! {
        <section class="kpis" aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" class="section-heading">{ format!("Key figures for {}", props.year) }</h2>
            <div class="kpi-grid">
                { for props.kpis.iter().map(|k| html! { <KpiCard key={k.id} kpi={k.clone()} /> }) }
            </div>
        </section>
    }
}
