//! Structure-aware fuzzing of everything that reads what a user or a file hands the model: scenario
//! JSON (`Scenario::from_json` + `validate`, as the CLI and the app's file open, saved scenarios
//! and pins do) and the share-link fragment (`share::decode_link`). Valid documents are mutated
//! field by field — numbers made NaN-like text, huge, negative, of the wrong type; fields deleted,
//! duplicated, renamed; arrays emptied or grown; the text truncated, nested deeply, re-encoded —
//! and each input must end in a clear outcome within a time bound: a scenario that validates and
//! runs with finite results, or refusals that each name a field and the allowed values. No panic,
//! no hang, no NaN in a result.
//!
//! `cargo run --release -p careflow-model --example fuzz_decoders -- [INPUTS] [SEED]`
//! (default 1,000,000 inputs per decoder). docs/fuzzing.md records the counts and the findings.

mod fuzz_common;

use careflow_model::presets;
use careflow_model::scenario::Scenario;
use careflow_model::share::{decode_link, encode_link_with, REPLICATIONS_RANGE};
use fuzz_common::{finite_results, fuzz_json, guarded, Tally};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde_json::Value;
use std::time::Instant;

/// Reads `text` as a scenario file, as the app and CLI do, and runs the engine when it is valid.
fn scenario_outcome(text: &str, t: &mut Tally) -> Result<(), String> {
    match Scenario::from_json(text) {
        Err(message) => {
            t.refused += 1;
            if message.is_empty() {
                return Err("refused with an empty message".into());
            }
            Ok(())
        }
        Ok(s) => {
            t.parsed += 1;
            match s.validate() {
                Err(issues) => {
                    t.refused += 1;
                    for i in &issues {
                        if i.path.is_empty() || i.allowed.is_empty() {
                            return Err(format!("a refusal without a field or range: {i}"));
                        }
                    }
                    Ok(())
                }
                Ok(()) => {
                    t.valid += 1;
                    t.ran += 1;
                    finite_results(&s)
                }
            }
        }
    }
}

fn link_outcome(text: &str, run_engine: bool, t: &mut Tally) -> Result<(), String> {
    let d = decode_link(text);
    t.parsed += 1;
    for p in &d.problems {
        if p.field.is_empty() || p.allowed.is_empty() {
            return Err(format!("a link problem without a field or range: {p}"));
        }
    }
    if !d.problems.is_empty() {
        t.refused += 1;
    }
    d.scenario
        .validate()
        .map_err(|i| format!("a decoded link opened an invalid scenario: {i:?}"))?;
    t.valid += 1;
    if let Some(r) = d.replications {
        if !(REPLICATIONS_RANGE.0..=REPLICATIONS_RANGE.1).contains(&r) {
            return Err(format!("a decoded link asked for {r} replications"));
        }
    }
    // The engine on a sample (running it every time would make a million inputs take hours).
    if run_engine {
        t.ran += 1;
        finite_results(&d.scenario)?;
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args
        .get(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(2008);
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let docs: Vec<Value> = presets::presets()
        .iter()
        .map(|p| serde_json::to_value(&p.scenario).unwrap())
        .collect();

    let started = Instant::now();
    let mut scen = Tally::default();
    fuzz_json(&docs, n, &mut rng, &mut scen, |_, text, t| {
        scenario_outcome(text, t)
    });
    println!(
        "scenario JSON: {} inputs, {} parsed, {} valid and run, {} refused, {} failures ({:.0?})",
        scen.inputs,
        scen.parsed,
        scen.valid,
        scen.refused,
        scen.failures.len(),
        started.elapsed()
    );
    for f in scen.failures.iter().take(10) {
        println!("  {f}");
    }

    let started = Instant::now();
    let links: Vec<(String, Option<&str>)> = presets::presets()
        .iter()
        .flat_map(|p| {
            let mut s = p.scenario.clone();
            s.seed = 12345;
            // With and without the number of replications.
            [None, Some(37)].map(|r| (encode_link_with(&s, Some(p.id), r), Some(p.id)))
        })
        .collect();
    let mut link = Tally::default();
    let alphabet: Vec<char> = "=&#?%.-+eE0123456789abcdefxyz_./:ä€\u{0}".chars().collect();
    for i in 0..n {
        let (base, _) = &links[(i as usize) % links.len()];
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..1 + rng.random_range(0..6) {
            match rng.random_range(0..5) {
                0 if !chars.is_empty() => {
                    let j = rng.random_range(0..chars.len());
                    chars[j] = alphabet[rng.random_range(0..alphabet.len())];
                }
                1 if !chars.is_empty() => {
                    let j = rng.random_range(0..chars.len());
                    chars.truncate(j);
                }
                2 => {
                    let j = rng.random_range(0..=chars.len());
                    let extra: String = format!(
                        "&{}={}",
                        [
                            "beds.base",
                            "seed",
                            "v",
                            "preset",
                            "x",
                            "demand.emergency_growth",
                            "discharge.weekend_working",
                            "reps"
                        ][rng.random_range(0..8)],
                        [
                            "NaN",
                            "-1",
                            "1e308",
                            "",
                            "abc",
                            "0.5",
                            "99999999999999999999"
                        ][rng.random_range(0..7)]
                    );
                    for (o, ch) in extra.chars().enumerate() {
                        chars.insert(j + o, ch);
                    }
                }
                3 => {
                    let dup: Vec<char> = chars.clone();
                    chars.extend(dup);
                }
                _ => {}
            }
        }
        let text: String = chars.into_iter().collect();
        let input = text.clone();
        guarded(&mut link, &input, |t| link_outcome(&text, i % 97 == 0, t));
        if link.failures.len() > 20 {
            break;
        }
    }
    println!(
        "share links: {} inputs, {} decoded, {} with problems reported, {} run, {} failures ({:.0?})",
        link.inputs,
        link.parsed,
        link.refused,
        link.ran,
        link.failures.len(),
        started.elapsed()
    );
    for f in link.failures.iter().take(10) {
        println!("  {f}");
    }
    if !scen.failures.is_empty() || !link.failures.is_empty() {
        std::process::exit(1);
    }
}
