//! A panic is a bug, but it must not leave a blank page: the hook reveals the `#panic` panel that
//! `index.html` carries (hidden), with the message and a reload button.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Installs a panic hook that shows a readable, recoverable error panel.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Careflow panicked: {message}").into());
        show_panel(&message);
    }));
}

fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(pre) = document.get_element_by_id("panic-message") {
        pre.set_text_content(Some(message));
    }
    if let Some(panel) = document.get_element_by_id("panic") {
        let _ = panel.remove_attribute("hidden");
    }
    if let Some(button) = document.get_element_by_id("panic-reload") {
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
    }
}
