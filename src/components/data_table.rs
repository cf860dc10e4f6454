//! A [`Table`] as an HTML table: caption, column headers, the first cell of each row as its header.

use careflow_charts::views::Table;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataTableProps {
    pub table: Table,
    #[prop_or_default]
    pub class: Classes,
}

#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
    let t = &props.table;
    html! {
        <table class={props.class.clone()}>
            <caption>{ t.caption.clone() }</caption>
            <thead><tr>{ for t.headers.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
            <tbody>
                { for t.rows.iter().map(|row| html! {
                    <tr>
                        { for row.iter().enumerate().map(|(i, c)| if i == 0 {
                            html! { <th scope="row">{ c.clone() }</th> }
                        } else {
                            html! { <td>{ c.clone() }</td> }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
