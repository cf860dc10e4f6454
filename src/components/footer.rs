use yew::prelude::*;

use crate::components::methods::Methods;

/// The page footer, with the "Methods & sources" panel it opens (a toggle, not a link, so the URL
/// keeps carrying the scenario).
#[component]
pub fn Footer() -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <>
            if *open {
                <Methods on_close={close} />
            }
            <footer class="app-footer">
                <button type="button" class="link-button" aria-expanded={(*open).to_string()} aria-controls="methods" onclick={toggle}>
                    { "Methods & sources" }
                </button>
                <span>{ format!("Careflow {} · runs entirely in your browser; nothing you enter leaves it", careflow_model::VERSION) }</span>
            </footer>
        </>
    }
}
