//! Which year the KPI cards speak about, and which years the charts show.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct YearRangeProps {
    /// Year labels ("2008/09", …) in order.
    pub years: Vec<String>,
    pub kpi_year: usize,
    pub first: usize,
    pub last: usize,
    pub on_kpi_year: Callback<usize>,
    /// (first, last) indices.
    pub on_years: Callback<(usize, usize)>,
}

fn select(
    id: &'static str,
    label: &'static str,
    years: &[String],
    chosen: usize,
    on: Callback<usize>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let sel: HtmlSelectElement = e.target_unchecked_into();
        if let Ok(i) = sel.value().parse::<usize>() {
            on.emit(i);
        }
    });
    html! {
        <label class="year-select" for={id}>
            <span>{ label }</span>
            <select id={id} {onchange}>
                { for years.iter().enumerate().map(|(i, y)| html! {
                    <option value={i.to_string()} selected={i == chosen}>{ y.clone() }</option>
                }) }
            </select>
        </label>
    }
}

#[component]
pub fn YearRange(props: &YearRangeProps) -> Html {
    let (first, last) = (props.first, props.last);
    let on_first = {
        let on = props.on_years.clone();
        Callback::from(move |i| on.emit((i, last.max(i))))
    };
    let on_last = {
        let on = props.on_years.clone();
        Callback::from(move |i| on.emit((first.min(i), i)))
    };
    html! {
        <div class="year-range" role="group" aria-label="Years shown">
            { select("kpi-year", "Key figures for", &props.years, props.kpi_year, props.on_kpi_year.clone()) }
            { select("first-year", "Charts from", &props.years, first, on_first) }
            { select("last-year", "to", &props.years, last, on_last) }
        </div>
    }
}
