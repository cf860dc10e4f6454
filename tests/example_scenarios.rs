//! The example scenario files shipped with the app (static/scenarios/, copied into dist/) must load
//! and validate, in the same format the CLI reads (`careflow run FILE`), and be of the current
//! schema version; a file of an older version (tests/fixtures/) is upgraded on reading.
#![cfg(not(target_arch = "wasm32"))]

use careflow_model::scenario::{Scenario, SCHEMA_VERSION};

fn read(path: &std::path::Path) -> (serde_json::Value, Scenario) {
    let text = std::fs::read_to_string(path).expect("readable file");
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let scenario = Scenario::from_json(&text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
    if let Err(issues) = scenario.validate() {
        panic!("{} is invalid: {issues:?}", path.display());
    }
    let results = careflow_model::sd::run(&scenario).expect("runs");
    assert_eq!(results.yearly.len(), scenario.years as usize);
    (value, scenario)
}

#[test]
fn every_example_scenario_parses_validates_and_runs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/scenarios");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("static/scenarios exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let (value, _) = read(&path);
        assert_eq!(
            value["schema_version"],
            SCHEMA_VERSION,
            "{} is of an older schema version (regenerate it with `careflow baseline`)",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 1, "no example scenarios in {}", dir.display());
}

#[test]
fn the_baseline_example_is_the_calibrated_baseline() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("static/scenarios/ben-baseline-2008.json");
    assert_eq!(read(&path).1, Scenario::default());
}

#[test]
fn a_version_1_file_is_upgraded_keeping_its_values() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ben-baseline-2008.v1.json");
    let (value, scenario) = read(&path);
    assert_eq!(value["schema_version"], 1);
    assert_eq!(scenario.schema_version, SCHEMA_VERSION);
    // Fields the file has keep its values; the discharge steps it lacks take the baseline's.
    assert_eq!(
        serde_json::to_value(scenario.beds.base).unwrap(),
        value["beds"]["base"]
    );
    assert_eq!(
        serde_json::to_value(&scenario.discharge.care_packages.process).unwrap(),
        serde_json::to_value(&Scenario::default().discharge.care_packages.process).unwrap()
    );
}
