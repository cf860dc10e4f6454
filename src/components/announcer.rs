//! The page's live region for results: once the figures stop changing (a second after the last
//! lever move), screen readers hear the headline result ("Delayed transfers 3.2% of bed days in
//! 2012/13, 2% target not met; …"), not only that something finished.

use yew::prelude::*;

use crate::hooks::use_settled::use_settled;

/// Milliseconds the figures must stay unchanged before they are announced.
pub const SETTLE_MS: u32 = 1000;

#[derive(Properties, PartialEq, Clone)]
pub struct AnnouncerProps {
    /// What to announce (from `careflow_charts::views::announcement`).
    pub text: AttrValue,
}

#[component]
pub fn Announcer(props: &AnnouncerProps) -> Html {
    let text = use_settled(props.text.to_string(), SETTLE_MS);
    html! {
        <p class="sr-only" role="status" aria-live="polite" id="result-status">{ text }</p>
    }
}
