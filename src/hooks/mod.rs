//! Hooks that hold the app's side effects (web workers, timers).

pub mod use_analysis;
pub mod use_replications;
