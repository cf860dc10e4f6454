//! Careflow's browser shell: a thin Yew layer over `careflow-model` (the simulation) and
//! `careflow-charts` (pure chart drawing). Components live in `components/`, app state in `state`,
//! browser side effects (panic hook, canvas) in small modules of their own.

pub mod analysis;
pub mod app;
pub mod components;
pub mod determinism;
pub mod download;
pub mod glossary;
pub mod hooks;
pub mod levers;
pub mod panic;
pub mod share;
pub mod state;
pub mod storage;
pub mod story;
pub mod sweep_import;
pub mod uncertainty;
pub mod workers;

/// Mounts the app (the workbench, or the guided story for `?story`) into `<body>` after installing
/// the panic hook.
///
/// `?debug-panic=1` in the URL panics on purpose after the hook is installed, so the end-to-end test
/// can prove that a panic shows the recoverable error panel rather than a blank page.
pub fn start() {
    panic::install_hook();
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if search.contains("debug-panic") {
        panic!("debug-panic requested by the URL");
    }
    // `?story` opens the guided story; every other URL (scenario links in the fragment) the workbench.
    if story::link::is_story(&search) {
        yew::Renderer::<story::Story>::new().render();
    } else {
        yew::Renderer::<app::App>::new().render();
    }
}
