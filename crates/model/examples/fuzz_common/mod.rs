//! What the fuzz harnesses share (`crates/model/examples/fuzz_decoders.rs` and the app's
//! `examples/fuzz_app_decoders.rs`, which includes this file by path): the tally, the structure-aware
//! mutation of a JSON document, the engine's finite-results check and the guard that turns a panic
//! or an input over [`TIME_BOUND`] into a failure.

use careflow_model::scenario::Scenario;
use careflow_model::sd;
use rand::Rng;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Longest any one input may take (a run of the engine included).
pub const TIME_BOUND: Duration = Duration::from_millis(250);

#[derive(Default, Debug)]
pub struct Tally {
    pub inputs: u64,
    pub parsed: u64,
    pub valid: u64,
    pub refused: u64,
    pub ran: u64,
    pub failures: Vec<String>,
}

pub fn numbers(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
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

pub fn at<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
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
pub fn mutate(base: &Value, leaves: &[Vec<String>], rng: &mut Xoshiro256PlusPlus) -> String {
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
        3 => text = flip_byte(text, rng),
        _ => {}
    }
    text
}

pub fn finite_results(s: &Scenario) -> Result<(), String> {
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

pub fn guarded(t: &mut Tally, input: &str, f: impl FnOnce(&mut Tally) -> Result<(), String>) {
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

/// `text` with one byte replaced by a random one (read back lossily, as a browser decodes a file).
pub fn flip_byte(text: String, rng: &mut Xoshiro256PlusPlus) -> String {
    let mut b = text.into_bytes();
    if !b.is_empty() {
        let i = rng.random_range(0..b.len());
        b[i] = rng.random();
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Feeds `n` mutations of `docs` (taken in turn) to `check` (given the input's number and text),
/// each guarded; stops early after 20 failures.
pub fn fuzz_json(
    docs: &[Value],
    n: u64,
    rng: &mut Xoshiro256PlusPlus,
    t: &mut Tally,
    mut check: impl FnMut(u64, &str, &mut Tally) -> Result<(), String>,
) {
    let leaves: Vec<Vec<Vec<String>>> = docs
        .iter()
        .map(|d| {
            let mut out = Vec::new();
            numbers(d, &mut Vec::new(), &mut out);
            out
        })
        .collect();
    for i in 0..n {
        let k = (i as usize) % docs.len();
        let text = mutate(&docs[k], &leaves[k], rng);
        guarded(t, &text, |t| check(i, &text, t));
        if t.failures.len() > 20 {
            break;
        }
    }
}
