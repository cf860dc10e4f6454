//! Web workers. [`replication`] runs discrete-event replications off the main thread (one worker per
//! core, created once by [`crate::hooks::use_replications`]); the worker binary is
//! `src/bin/careflow-worker.rs`, declared in `index.html` with `data-type="worker"`.

pub mod analysis;
pub mod replication;
