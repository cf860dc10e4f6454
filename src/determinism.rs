//! The determinism check shared by the native side (`cargo run -p careflow --example digest`) and the
//! browser test (`tests/web.rs`): the same scenario and seed must give bit-identical results on
//! native and wasm32, for both engines. Pure: no browser calls.

use careflow_model::des::stats::Digest;
use careflow_model::{ModelError, Scenario};

/// "sd=HEX des=HEX": digests of every daily output of the system-dynamics run and of DES
/// replication `replication` of `scenario`.
pub fn digests(scenario: &Scenario, replication: u32) -> Result<String, ModelError> {
    let sd = careflow_model::sd::run(scenario)?;
    let mut d = Digest::default();
    for (_, series) in sd.daily.series() {
        for &x in series {
            d.push_f64(x);
        }
    }
    let des = careflow_model::des::run(scenario, replication)?;
    Ok(format!("sd={} des={}", d.hex(), des.digest.hex()))
}

/// The scenario the determinism check uses: the `strategic-plan` preset (every pathway active),
/// with a fixed seed.
pub fn check_scenario() -> Scenario {
    let mut s = careflow_model::preset("strategic-plan")
        .map(|p| p.scenario)
        .unwrap_or_default();
    s.seed = 424_242;
    s
}
