//! The payers' money: one chart per payer (commissioner, acute trust, social care) against do
//! nothing, stacked by cause, each with its table — behind a button, drawn only when opened.

use std::rc::Rc;

use careflow_charts::views::ChartView;
use yew::prelude::*;

use crate::components::chart_panel::ChartPanel;

#[derive(Properties, PartialEq)]
pub struct MoneyPanelProps {
    /// The three payers' charts (`careflow_charts::accounts::charts`).
    pub charts: Rc<Vec<Rc<ChartView>>>,
}

#[component]
pub fn MoneyPanel(props: &MoneyPanelProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <section class="money-accounts" aria-labelledby="money-accounts-title">
            <h2 id="money-accounts-title" class="money-accounts-title">
                <button type="button" class="money-accounts-toggle" aria-expanded={(*open).to_string()}
                    aria-controls="money-accounts-charts" onclick={toggle}>
                    { "Money as each payer sees it: commissioner, trust and social care" }
                </button>
            </h2>
            <div id="money-accounts-charts" class="charts" hidden={!*open}>
                if *open {
                    { for props.charts.iter().map(|v| html! { <ChartPanel key={v.id} view={v.clone()} /> }) }
                }
            </div>
        </section>
    }
}
