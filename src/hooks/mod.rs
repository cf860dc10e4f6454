//! Hooks that hold the app's side effects (web workers, timers, storage).

pub mod use_analysis;
pub mod use_intro;
pub mod use_outputs;
pub mod use_persistence;
pub mod use_replications;
pub mod use_service_worker;
pub mod use_settled;
