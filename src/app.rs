//! The root component: header, lever sidebar, main area (KPIs and charts), footer.

use std::rc::Rc;

use careflow_charts::{palette, LineStyle, RefLine, Series, TimeChart};
use yew::prelude::*;

use crate::components::{
    chart_canvas::ChartCanvas, footer::Footer, header::Header, sidebar::Sidebar,
};

fn placeholder_chart() -> TimeChart {
    let days = 365;
    let arrivals = careflow_model::placeholder_daily_arrivals(days);
    let mean = arrivals.iter().sum::<f64>() / days as f64;
    TimeChart {
        title: format!(
            "About {mean:.0} emergency arrivals a day, more in winter, fewer at weekends"
        ),
        x_label: "Day of 2008/09".into(),
        y_label: "Emergency arrivals per day".into(),
        series: vec![Series {
            name: "Expected emergency arrivals".into(),
            points: arrivals
                .iter()
                .enumerate()
                .map(|(d, v)| (d as f64, *v))
                .collect(),
            colour: palette::SERIES[0],
            style: LineStyle::Solid,
        }],
        ref_lines: vec![RefLine {
            label: "Yearly mean".into(),
            y: mean,
            colour: palette::NEUTRAL,
        }],
        x_ticks: vec![],
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let chart = use_memo((), |_| placeholder_chart());
    let alt = format!("{} (line chart of one year, by day).", chart.title);
    html! {
        <div class="app">
            <Header />
            <div class="body">
                <Sidebar />
                <main class="main" id="main">
                    <section class="kpis" aria-label="Key figures"></section>
                    <section class="charts" aria-label="Charts">
                        <ChartCanvas chart={Rc::clone(&chart)} alt={alt} />
                    </section>
                </main>
            </div>
            <Footer />
        </div>
    }
}
