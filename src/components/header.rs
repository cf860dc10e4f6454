use yew::prelude::*;

/// The top bar: product name and the preset selector.
#[component]
pub fn Header() -> Html {
    html! {
        <header class="app-header">
            <h1 class="brand">{ "Careflow" }</h1>
            <p class="tagline">{ "Whole-system health-economy scenarios, in your browser" }</p>
            <label class="preset">
                <span>{ "Preset" }</span>
                <select aria-label="Scenario preset" disabled=true>
                    <option>{ "BEN baseline 2008/09" }</option>
                </select>
            </label>
        </header>
    }
}
