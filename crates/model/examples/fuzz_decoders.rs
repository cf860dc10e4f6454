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

use careflow_model::scenario::Scenario;
use careflow_model::share::{decode_link, encode_link_with, REPLICATIONS_RANGE};
use careflow_model::{presets, sd};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Longest any one input may take (a run of the engine included).
const TIME_BOUND: Duration = Duration::from_millis(250);

#[derive(Default, Debug)]
struct Tally {
    inputs: u64,
    parsed: u64,
    valid: u64,
    refused: u64,
    ran: u64,
    failures: Vec<String>,
}

fn numbers(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                numbers(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(i.to_string());
                numbers(x, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn at<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut cur = v;
    for p in path {
        cur = match cur {
            Value::Object(m) => m.get_mut(p)?,
            Value::Array(a) => a.get_mut(p.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// One mutation of a scenario document, as text.
fn mutate(base: &Value, leaves: &[Vec<String>], rng: &mut Xoshiro256PlusPlus) -> String {
    let mut v = base.clone();
    let edits = 1 + rng.random_range(0..4);
    for _ in 0..edits {
        let path = &leaves[rng.random_range(0..leaves.len())];
        let kind = rng.random_range(0..14);
        if kind == 0 {
            // Delete the field.
            if let Some((last, parent)) = path.split_last() {
                if let Some(Value::Object(m)) = at(&mut v, parent) {
                    m.remove(last);
                }
            }
            continue;
        }
        if kind == 1 {
            // An unknown field beside it.
            if let Some((_, parent)) = path.split_last() {
                if let Some(Value::Object(m)) = at(&mut v, parent) {
                    m.insert("unexpected_field".into(), Value::from(rng.random::<f64>()));
                }
            }
            continue;
        }
        let Some(x) = at(&mut v, path) else { continue };
        *x = match kind {
            2 => serde_json::json!(1e308),
            3 => serde_json::json!(-1e308),
            4 => serde_json::json!(-1.0),
            5 => serde_json::json!(0),
            6 => Value::String("NaN".into()),
            7 => Value::String("1.7%".into()),
            8 => Value::Null,
            9 => Value::Bool(true),
            10 => serde_json::json!([1, 2, 3]),
            11 => serde_json::json!({"mean": 5}),
            12 => match x.as_f64() {
                Some(f) => serde_json::json!(f * (rng.random::<f64>() * 20.0 - 10.0)),
                None => serde_json::json!(rng.random::<f64>() * 1e6),
            },
            _ => serde_json::json!(u64::MAX),
        };
    }
    let mut text = serde_json::to_string(&v).unwrap_or_default();
    match rng.random_range(0..10) {
        // Cut short.
        0 => {
            let n = rng.random_range(0..text.len().max(1));
            text.truncate(text.floor_char_boundary(n));
        }
        // Deeply nested.
        1 => {
            let depth = rng.random_range(10..5000);
            text = format!("{}{}{}", "[".repeat(depth), text, "]".repeat(depth));
        }
        // Oversized: the whole document repeated inside an array.
        2 => {
            let n = rng.random_range(2..40);
            text = format!("[{}]", vec![text.as_str(); n].join(","));
        }
        // Re-encoded: a byte flipped.
        3 => {
            let mut b = text.into_bytes();
            if !b.is_empty() {
                let i = rng.random_range(0..b.len());
                b[i] = rng.random();
            }
            text = String::from_utf8_lossy(&b).into_owned();
        }
        _ => {}
    }
    text
}

fn finite_results(s: &Scenario) -> Result<(), String> {
    let r = sd::run(s).map_err(|e| e.to_string())?;
    for (k, v) in r.daily.series() {
        if let Some(x) = v.iter().find(|x| !x.is_finite()) {
            return Err(format!("{k} = {x}"));
        }
    }
    let y = serde_json::to_value(&r.yearly).map_err(|e| e.to_string())?;
    if y.to_string().contains("null") {
        return Err("a yearly KPI is not a number".into());
    }
    Ok(())
}

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

fn guarded(t: &mut Tally, input: &str, f: impl FnOnce(&mut Tally) -> Result<(), String>) {
    t.inputs += 1;
    let start = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut local = Tally::default();
        let r = f(&mut local);
        (r, local)
    }));
    let took = start.elapsed();
    match outcome {
        Ok((r, local)) => {
            t.parsed += local.parsed;
            t.valid += local.valid;
            t.refused += local.refused;
            t.ran += local.ran;
            if let Err(e) = r {
                t.failures.push(format!("{e} — input {:.200}", input));
            }
        }
        Err(_) => t.failures.push(format!("panic — input {:.200}", input)),
    }
    if took > TIME_BOUND {
        t.failures
            .push(format!("took {took:?} — input {:.200}", input));
    }
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
    let leaves: Vec<Vec<Vec<String>>> = docs
        .iter()
        .map(|d| {
            let mut out = Vec::new();
            numbers(d, &mut Vec::new(), &mut out);
            out
        })
        .collect();

    let started = Instant::now();
    let mut scen = Tally::default();
    for i in 0..n {
        let k = (i as usize) % docs.len();
        let text = mutate(&docs[k], &leaves[k], &mut rng);
        let input = text.clone();
        guarded(&mut scen, &input, |t| scenario_outcome(&text, t));
        if scen.failures.len() > 20 {
            break;
        }
    }
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
