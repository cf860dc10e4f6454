//! The example scenario files shipped with the app (static/scenarios/, copied into dist/) must load
//! and validate, in the same format the CLI reads (`careflow run FILE`).
#![cfg(not(target_arch = "wasm32"))]

use careflow_model::scenario::Scenario;

#[test]
fn every_example_scenario_parses_validates_and_runs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/scenarios");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("static/scenarios exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable file");
        let scenario: Scenario = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        if let Err(issues) = scenario.validate() {
            panic!("{} is invalid: {issues:?}", path.display());
        }
        let results = careflow_model::sd::run(&scenario).expect("runs");
        assert_eq!(results.yearly.len(), scenario.years as usize);
        checked += 1;
    }
    assert!(checked >= 1, "no example scenarios in {}", dir.display());
}
