//! Browser tests (wasm-bindgen-test in headless Chromium): components render into a real DOM.
//! Run with `cargo test --target wasm32-unknown-unknown -p careflow --test web` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the whole app into a fresh element and waits for Yew to render.
async fn mount_app() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<careflow::app::App>::with_root(host.clone()).render();
    // Yew renders on the next tick(s).
    gloo::timers::future::TimeoutFuture::new(50).await;
    host
}

#[wasm_bindgen_test]
async fn app_shell_has_header_levers_main_footer_and_a_chart() {
    let host = mount_app().await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Careflow"), "product name missing: {text}");
    assert!(text.contains("Methods & sources"), "footer link missing");
    for selector in ["header", "aside", "main", "footer", "canvas[role=img]"] {
        assert!(
            host.query_selector(selector).unwrap().is_some(),
            "{selector} missing"
        );
    }
}
