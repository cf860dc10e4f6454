//! The service worker that keeps this build in the browser, so Careflow opens with the network off
//! after one visit (`sw.js`, written at build time by `scripts/service_worker.py`), and whether a
//! newer build is waiting. A new build never replaces the running page by itself: the page offers
//! a reload, and only the user's click activates the new worker and reloads.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};
use yew::prelude::*;

/// The worker's script, relative to the page (its scope is the page's folder).
pub const WORKER_URL: &str = "./sw.js";
/// The message that tells a waiting worker to take over (handled in `sw.js`).
pub const SKIP_WAITING: &str = "SKIP_WAITING";

/// What the page shows and can do about a newer build.
#[derive(Clone, PartialEq)]
pub struct Update {
    /// A newer build is cached and waiting (or has taken over from another tab): offer a reload.
    pub ready: bool,
    /// Activates the waiting build, then reloads the page.
    pub reload: Callback<()>,
    /// Hides the offer until the next new build.
    pub dismiss: Callback<()>,
}

/// The browser's service-worker container, or `None` where there is none (an insecure origin,
/// an old browser): the app then works online only.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false);
    present.then(|| navigator.service_worker())
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        // A failed reload leaves the page as it is; the offer stays usable.
        let _ = window.location().reload();
    }
}

/// Shows the offer once `worker` has installed, if a page was already controlled (on a first
/// visit the new worker simply takes control; there is nothing to update).
fn watch_installing(
    worker: ServiceWorker,
    container: ServiceWorkerContainer,
    ready: UseStateHandle<bool>,
) {
    let w = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if w.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            ready.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    // Lives as long as the worker object it listens to.
    on_state.forget();
}

/// Watches a registration for a waiting worker now and for every later update.
fn watch(
    registration: &ServiceWorkerRegistration,
    container: &ServiceWorkerContainer,
    ready: &UseStateHandle<bool>,
) {
    if registration.waiting().is_some() && container.controller().is_some() {
        ready.set(true);
    }
    let (r, c, s) = (registration.clone(), container.clone(), ready.clone());
    let on_update = Closure::<dyn Fn()>::new(move || {
        if let Some(worker) = r.installing() {
            watch_installing(worker, c.clone(), s.clone());
        }
    });
    registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
    // The app is mounted once for the page's lifetime, and so is this listener.
    on_update.forget();
}

/// Registers the service worker once and reports a newer build.
#[hook]
pub fn use_service_worker() -> Update {
    let ready = use_state(|| false);
    let registration = use_mut_ref(|| None::<ServiceWorkerRegistration>);
    let reloading = use_mut_ref(|| false);
    {
        let (ready, registration, reloading) =
            (ready.clone(), registration.clone(), reloading.clone());
        use_effect_with((), move |_| {
            if let Some(container) = container() {
                register(container, ready, registration, reloading);
            }
        });
    }
    let reload = {
        let (registration, reloading) = (registration.clone(), reloading.clone());
        Callback::from(move |_| {
            let waiting = registration.borrow().as_ref().and_then(|r| r.waiting());
            match waiting {
                Some(worker) => {
                    // The reload follows the worker taking control (controllerchange).
                    *reloading.borrow_mut() = true;
                    if worker.post_message(&skip_waiting_message()).is_err() {
                        reload_page();
                    }
                }
                // Already taken over (from another tab): the page only needs reloading.
                None => reload_page(),
            }
        })
    };
    let dismiss = {
        let ready = ready.clone();
        Callback::from(move |_| ready.set(false))
    };
    Update {
        ready: *ready,
        reload,
        dismiss,
    }
}

fn skip_waiting_message() -> JsValue {
    let message = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&message, &"type".into(), &SKIP_WAITING.into());
    message.into()
}

fn register(
    container: ServiceWorkerContainer,
    ready: UseStateHandle<bool>,
    registration: Rc<RefCell<Option<ServiceWorkerRegistration>>>,
    reloading: Rc<RefCell<bool>>,
) {
    // Whether a worker controlled this page before the change: the first worker of a first visit
    // takes control without anything to offer; a later change means the cache now holds a newer
    // build than the page runs.
    let controlled = Rc::new(Cell::new(container.controller().is_some()));
    {
        let ready = ready.clone();
        let on_change = Closure::<dyn Fn()>::new(move || {
            if *reloading.borrow() {
                reload_page();
            } else if controlled.get() {
                ready.set(true);
            }
            controlled.set(true);
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        // The app is mounted once for the page's lifetime, and so is this listener.
        on_change.forget();
    }
    wasm_bindgen_futures::spawn_local(async move {
        match JsFuture::from(container.register(WORKER_URL)).await {
            Ok(value) => {
                let reg: ServiceWorkerRegistration = value.unchecked_into();
                watch(&reg, &container, &ready);
                *registration.borrow_mut() = Some(reg);
            }
            // Not an error of the app: it runs as before, online only.
            Err(why) => web_sys::console::warn_2(
                &"Careflow: offline use is unavailable (the service worker did not register)"
                    .into(),
                &why,
            ),
        }
    });
}
