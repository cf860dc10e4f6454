use yew::prelude::*;

/// The page footer with the link to methods and sources.
#[component]
pub fn Footer() -> Html {
    html! {
        <footer class="app-footer">
            <a href="#methods">{ "Methods & sources" }</a>
            <span>{ format!("Careflow {} · runs entirely in your browser; nothing you enter leaves it", careflow_model::VERSION) }</span>
        </footer>
    }
}
