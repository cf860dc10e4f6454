//! The scenario in the page's URL (and the number of replications behind its bands): the fragment (`#v=1&…`, see `careflow_model::share`) is written
//! on every change with `history.replaceState` (no reload, no history spam) and read once at start.
//! A bad link never crashes: the decoder keeps what makes sense and the problems go to a banner.

use careflow_model::share::{decode_link, encode_link_with, DecodedLink};
use careflow_model::Scenario;

/// The link decoded from the page's fragment, when the fragment is a scenario link (any
/// `key=value` pair: a link whose version was cut off still opens, with a banner saying so).
pub fn read_from_location() -> Option<DecodedLink> {
    let hash = web_sys::window()?.location().hash().ok()?;
    link_in_fragment(&hash).map(decode_link)
}

/// The scenario-link part of a fragment, or `None` for an ordinary anchor such as `#main` (an
/// element id never holds `=`).
pub fn link_in_fragment(hash: &str) -> Option<&str> {
    let body = hash.trim_start_matches('#');
    body.split('&').any(|p| p.contains('=')).then_some(body)
}

/// The link of the page: `scenario` relative to `preset`, with the number of replications behind
/// the bands when it is not the default (so the link replays the bands on screen).
pub fn page_link(scenario: &Scenario, preset: &str, replications: u32) -> String {
    let reps = (replications != crate::uncertainty::DEFAULT_REPLICATIONS).then_some(replications);
    encode_link_with(scenario, Some(preset), reps)
}

/// Replaces the page's fragment with [`page_link`].
pub fn write_to_location(scenario: &Scenario, preset: &str, replications: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let link = page_link(scenario, preset, replications);
    let url = format!("#{link}");
    if window.location().hash().ok().as_deref() == Some(url.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The full shareable URL of the page as it is now (a write still pending is done first).
pub fn current_url() -> String {
    crate::hooks::use_persistence::flush();
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_with_a_pair_are_links() {
        assert_eq!(link_in_fragment("#main"), None);
        assert_eq!(link_in_fragment(""), None);
        assert_eq!(link_in_fragment("#v"), None);
        // A link with its version cut off is still read (the decoder reports the version).
        assert_eq!(
            link_in_fragment("#seed=3&beds.base=1400"),
            Some("seed=3&beds.base=1400")
        );
        assert_eq!(
            link_in_fragment("#v=1&seed=3&c=00"),
            Some("v=1&seed=3&c=00")
        );
        assert_eq!(link_in_fragment("#seed=3&v=2"), Some("seed=3&v=2"));
    }
}
