//! The polite offer of a newer build: the page never reloads by itself (a workshop may be under
//! way), so the user chooses when.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UpdateBannerProps {
    /// A newer build is ready.
    pub shown: bool,
    /// Reload into the newer build.
    pub on_reload: Callback<()>,
    /// Hide the offer.
    pub on_dismiss: Callback<()>,
}

/// A small banner at the foot of the screen; its region is always present so a screen reader
/// announces the offer when it appears.
#[component]
pub fn UpdateBanner(props: &UpdateBannerProps) -> Html {
    let reload = props.on_reload.reform(|_: MouseEvent| ());
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="update-region" role="status">
            if props.shown {
                <div class="update-banner">
                    <p>{ "A new version of Careflow is ready — Reload when convenient." }</p>
                    <div class="update-actions">
                        <button type="button" class="update-reload" onclick={reload}>{ "Reload" }</button>
                        <button type="button" class="update-dismiss" onclick={dismiss}>{ "Not now" }</button>
                    </div>
                </div>
            }
        </div>
    }
}
