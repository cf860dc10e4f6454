//! Careflow's browser shell: a thin Yew layer over `careflow-model` (the simulation) and
//! `careflow-charts` (pure chart drawing). Components live in `components/`, app state in `state`,
//! browser side effects (panic hook, canvas) in small modules of their own.

pub mod app;
pub mod components;
pub mod panic;

/// Mounts the app into `<body>` after installing the panic hook.
pub fn start() {
    panic::install_hook();
    yew::Renderer::<app::App>::new().render();
}
