use yew::prelude::*;

/// Lever groups, in pathway order.
pub const GROUPS: [&str; 6] = [
    "Demand",
    "Care closer to home",
    "Acute beds",
    "Discharge & delays",
    "End of life",
    "Money",
];

/// The lever sidebar.
#[component]
pub fn Sidebar() -> Html {
    html! {
        <aside class="levers" aria-label="Levers">
            <h2>{ "Levers" }</h2>
            { for GROUPS.iter().map(|g| html! {
                <details class="lever-group">
                    <summary>{ *g }</summary>
                    <p class="muted">{ "Levers for this pathway appear here." }</p>
                </details>
            }) }
        </aside>
    }
}
