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
pub mod live_runs;
pub mod location;
pub mod panic;
pub mod presenter;
pub mod state;
pub mod storage;
pub mod story;
pub mod sweep_import;
pub mod uncertainty;
pub mod workers;

/// Mounts the app into `<body>` after installing the panic hook: the workbench; with `?story` the
/// guided story; with `?present` the presenter's audience view and with `?console` its console (see
/// `presenter`).
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
    // `?story` opens the guided story; `?present` and `?console` the presenter's views; every other
    // URL (scenario links in the fragment) the workbench.
    if story::link::is_story(&search) {
        yew::Renderer::<story::Story>::new().render();
        return;
    }
    match presenter::Mode::from_search(&search) {
        presenter::Mode::Workbench => {
            yew::Renderer::<app::App>::new().render();
        }
        presenter::Mode::Audience => {
            yew::Renderer::<presenter::audience::Audience>::new().render();
        }
        presenter::Mode::Console => {
            yew::Renderer::<presenter::console::Console>::new().render();
        }
    }
}
