//! Browser tests of the replication worker's pieces (wasm-bindgen-test in headless Chromium): the
//! messages survive yew-agent's codec, a replication computed by slices as the worker does equals
//! one computed in one go, and both equal the native engine (the digest scripts/test.sh computes
//! natively). The real `Worker` round trip is in `e2e/uncertainty.test.mjs` (it needs Trunk's
//! worker build). Run with `cargo test --target wasm32-unknown-unknown -p careflow --test workers`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use careflow::workers::replication::{simulate, FromWorker, SlicedRun, Tag, ToWorker};
use wasm_bindgen_test::*;
use yew_agent::{Bincode, Codec};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn messages_round_trip_through_the_worker_codec_and_match_the_engine() {
    let sc = careflow::determinism::check_scenario();
    let input = ToWorker::Run {
        batch: 3,
        tag: Tag::Reference,
        scenario_json: serde_json::to_string(&sc).unwrap(),
        reps: vec![3, 5],
    };
    let back: ToWorker = Bincode::decode(Bincode::encode(&input));
    assert_eq!(back, input);

    let summary = simulate(&sc, 3).expect("valid scenario");
    let engine = careflow_model::des::run(&sc, 3).unwrap();
    assert_eq!(summary.digest, engine.digest.0);
    assert_eq!(summary.occupied_beds.len(), engine.results.days);

    let mut sliced = SlicedRun::new(Rc::new(sc.clone()), 3);
    while !sliced.advance(10.0) {}
    let output = FromWorker::Done {
        batch: 3,
        tag: Tag::Scenario,
        rep: 3,
        summary: sliced.finish(),
        millis: 1.0,
    };
    let back: FromWorker = Bincode::decode(Bincode::encode(&output));
    assert_eq!(back, output);
    let FromWorker::Done {
        summary: sliced, ..
    } = back
    else {
        unreachable!()
    };
    assert_eq!(sliced, summary);

    // The native engine's digest of the same replication (scripts/test.sh passes it; "sd=… des=…").
    if let Some(native) = option_env!("CAREFLOW_NATIVE_DIGEST") {
        let des = native
            .split_whitespace()
            .find_map(|p| p.strip_prefix("des="));
        assert_eq!(
            des,
            Some(engine.digest.hex().as_str()),
            "wasm32 differs from native"
        );
    }
}
