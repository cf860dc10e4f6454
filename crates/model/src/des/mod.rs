//! The discrete-event (stochastic) engine: individual patients, real queues, replications.
//!
//! Building blocks, each validated on its own:
//! - [`rng`]: one seeded xoshiro256++ sub-stream per random process (common random numbers),
//!   derived from `(seed, stream id, replication)` by SplitMix64;
//! - [`sample`]: samplers for every [`crate::distribution::Distribution`] kind, written with `libm`
//!   so native and wasm32 draws are bit-identical;
//! - [`expo`]: a fast, platform-identical e^x for lognormal draws;
//! - [`event_list`]: the future-event list, ordered by time, ties in scheduling order;
//! - [`clock`]: clocks at a rate constant by day (working days, vacancies), inverted exactly;
//! - [`pool`]: capacity-limited resources with FIFO queues;
//! - [`arrivals`]: non-homogeneous Poisson arrivals with a rate constant by day, by inversion;
//! - [`theory`]: Erlang B and C and Poisson formulas used by the validation tests;
//! - [`stats`]: running means, t intervals, percentiles and the determinism digest;
//! - [`single_pool`]: one stream into one pool of beds, checked against those formulas.

pub mod arrivals;
pub mod clock;
pub mod engine;
pub mod event_list;
pub mod expo;
pub mod pool;
pub mod rng;
pub mod run;
pub mod sample;
pub mod single_pool;
pub mod stats;
pub mod theory;

pub use engine::{DesOptions, Engine};
pub use run::{replicate, replicate_with, run, run_with, Aggregator, Band, DesRun, Replicated};
pub use single_pool::{run_single_pool, SinglePool, SinglePoolStats, WhenFull};
