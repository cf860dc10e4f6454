//! Whether this browser has dismissed the "what this is" introduction (kept in localStorage).

use yew::prelude::*;

use crate::storage::{BrowserStore, Store};

/// The localStorage key that records the introduction was dismissed.
pub const INTRO_KEY: &str = "careflow.intro-dismissed";

/// (shown, dismiss): the introduction shows until dismissed once in this browser.
#[hook]
pub fn use_intro() -> (bool, Callback<()>) {
    let shown = use_state(|| BrowserStore.get(INTRO_KEY).is_none());
    let dismiss = {
        let shown = shown.clone();
        Callback::from(move |_| {
            // A storage that is full or switched off only means the introduction shows again.
            let _ = BrowserStore.set(INTRO_KEY, "1");
            shown.set(false);
        })
    };
    (*shown, dismiss)
}
