//! Careflow's simulation library: the scenario, the engines, costs and results.
//!
//! This crate is pure Rust: it knows nothing of the browser (no yew, web-sys, gloo, wasm-bindgen,
//! js-sys or plotters), so it is tested natively and runs unchanged in the browser and the CLI.
//!
//! Layout: `scenario` (the inputs, with `Default` = calibrated BEN 2008/09 baseline; its
//! `discharge` part holds the pathways, steps and delay reasons), `params` (the lever registry
//! with provenance), `presets` (the plans in the source documents), `rules` (each day's rates and
//! capacities, read by both engines), `sd` (the deterministic system-dynamics engine, with
//! `sd::fluid` for its time-dependent queues), `des` (the discrete-event engine), `results`
//! (daily series and KPI types) and `kpis` (the yearly and monthly figures both engines share),
//! `calibration` (both engines side by side), `queue` (Erlang formulas), `calendar`
//! (financial-year dates), `distribution` (durations as data), `error`, `accounts` (the three
//! payers' accounts: commissioner, acute trust, social care).

// `!(x > 0.0)` is used on purpose throughout: unlike `x <= 0.0` it is also true for NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

pub mod accounts;
pub mod calendar;
pub mod calibration;
pub mod checks;
pub mod cohort;
pub mod des;
pub mod distribution;
pub mod error;
pub mod kpis;
pub mod params;
pub mod presets;
pub mod queue;
pub mod results;
pub mod rules;
pub mod scenario;
pub mod sd;
pub mod seek;
pub mod sensitivity;
pub mod share;

pub use error::ModelError;
pub use params::{
    parameters, Control, Evidence, Group, LeverId, ParamSpec, Provenance, ProvenanceKind, Quality,
    Unit,
};
pub use presets::{preset, presets, Preset};
pub use results::{Daily, MonthSummary, Results, YearKpis};
pub use scenario::{Profile, Scenario, Stream, ValidationIssue};
pub use sd::run;

/// The library's version, shown by the CLI and the app footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
