//! Structure-aware fuzzing of the app's own readers of what a browser keeps or a user opens: the
//! autosave (`storage::load_autosave`, as the page opens it), library entries (`storage::parse_named`), the pinned scenarios
//! (`storage::load_pins`) and a sweep's CSV (`sweep_import::parse`, then its pins). Valid entries
//! (every preset; the sweep fixtures in `tests/fixtures/`) are mutated — JSON field by field, cut
//! short, nested, repeated, a byte flipped (the mutation shared with the model's harness); CSV cells
//! made NaN, infinite, huge, negative, empty or text, lines cut, dropped, repeated, columns added or
//! removed — and each input must end within the time bound in a clear outcome: what was read is valid
//! (scenarios validate, a sweep's numbers are finite, its pins validate; the engine runs a sample with
//! finite results), or each refusal names a field and the allowed values; an autosave or pins entry
//! that cannot be used in whole is kept aside unchanged. No panic, no hang.
//!
//! `cargo run --release -p careflow --example fuzz_app_decoders -- [INPUTS] [SEED] [READER]`
//! (default 1,000,000 inputs per reader; READER one of `autosave`, `library`, `pins`, `sweep`
//! runs that one alone). docs/fuzzing.md records the counts.

#[path = "../crates/model/examples/fuzz_common/mod.rs"]
mod fuzz_common;

use careflow::storage::{
    self, MemoryStore, Store, AUTOSAVE_KEY, PINS_KEY, SAVED_PREFIX, STORAGE_VERSION,
};
use careflow::sweep_import;
use careflow_model::share::LinkProblem;
use careflow_model::{presets, Scenario};
use fuzz_common::{finite_results, flip_byte, fuzz_json, guarded, Tally};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde_json::{json, Value};
use std::time::Instant;

/// Every refusal names a field and what is allowed.
fn named(problems: &[LinkProblem]) -> Result<(), String> {
    match problems
        .iter()
        .find(|p| p.field.is_empty() || p.allowed.is_empty())
    {
        Some(p) => Err(format!("a refusal without a field or range: {p}")),
        None => Ok(()),
    }
}

/// A scenario that was read: valid, and on a sample the engine's results are finite.
fn usable(s: &Scenario, run: bool, t: &mut Tally) -> Result<(), String> {
    s.validate()
        .map_err(|i| format!("read an invalid scenario: {i:?}"))?;
    if run {
        t.ran += 1;
        finite_results(s)?;
    }
    Ok(())
}

/// An entry that could not be used in whole is kept aside, unchanged, before anything writes it.
fn kept_aside<T>(store: &MemoryStore, text: &str, o: &storage::Opened<T>) -> Result<(), String> {
    match (&o.set_aside, o.problems.is_empty()) {
        (None, true) => Ok(()),
        (Some(key), false) if store.get(key).as_deref() == Some(text) => Ok(()),
        (Some(key), false) => Err(format!("{key} does not hold the entry as it was")),
        (None, false) => Err("an entry with problems was not kept aside".into()),
        (Some(key), true) => Err(format!("a usable entry was kept aside under {key}")),
    }
}

/// `text` stored under `key` and opened as the page opens it: every problem named, the entry kept
/// aside when it cannot be used in whole, and counted as read whole or refused.
fn open_stored<T>(
    key: &str,
    text: &str,
    load: fn(&dyn Store) -> storage::Opened<T>,
    t: &mut Tally,
) -> Result<storage::Opened<T>, String> {
    let store = MemoryStore::default();
    store.set(key, text).map_err(|e| e.to_string())?;
    let opened = load(&store);
    named(&opened.problems)?;
    kept_aside(&store, text, &opened)?;
    if opened.problems.is_empty() {
        t.parsed += 1;
    } else {
        t.refused += 1;
    }
    Ok(opened)
}

fn stored<T>(
    r: Result<T, Vec<LinkProblem>>,
    t: &mut Tally,
    then: impl FnOnce(T, &mut Tally) -> Result<(), String>,
) -> Result<(), String> {
    match r {
        Ok(x) => {
            t.parsed += 1;
            then(x, t)?;
            t.valid += 1;
            Ok(())
        }
        Err(problems) => {
            t.refused += 1;
            if problems.is_empty() {
                return Err("refused with no problem named".into());
            }
            named(&problems)
        }
    }
}

/// One mutation of a sweep's CSV text.
fn mutate_csv(base: &str, rng: &mut Xoshiro256PlusPlus) -> String {
    let mut lines: Vec<String> = base.lines().map(String::from).collect();
    const CELLS: [&str; 12] = [
        "NaN",
        "inf",
        "-inf",
        "-1",
        "1e308",
        "",
        "abc",
        "\"",
        "4294967296",
        "0",
        "-0",
        "2008/09",
    ];
    for _ in 0..1 + rng.random_range(0..4) {
        let i = rng.random_range(0..lines.len().max(1));
        let Some(line) = lines.get(i).cloned() else {
            break;
        };
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        match rng.random_range(0..9) {
            0..=3 => {
                let j = rng.random_range(0..cells.len());
                cells[j] = match rng.random_range(0..3) {
                    0 => format!("{}", rng.random::<f64>() * 1e9 - 5e8),
                    _ => CELLS[rng.random_range(0..CELLS.len())].into(),
                };
            }
            4 => {
                let j = rng.random_range(0..cells.len());
                cells.remove(j);
            }
            5 => cells.push("extra".into()),
            6 => {
                lines.remove(i);
                continue;
            }
            7 => {
                let n = rng.random_range(1..20);
                for _ in 0..n {
                    lines.insert(i, line.clone());
                }
                continue;
            }
            _ => {
                let n = rng.random_range(0..line.len().max(1));
                lines[i] = line[..line.floor_char_boundary(n)].to_string();
                continue;
            }
        }
        lines[i] = cells.join(",");
    }
    let mut text = lines.join("\n");
    match rng.random_range(0..12) {
        0 => {
            let n = rng.random_range(0..text.len().max(1));
            text.truncate(text.floor_char_boundary(n));
        }
        1 => text = flip_byte(text, rng),
        2 => text = format!("\u{feff}{text}\r\n"),
        _ => {}
    }
    text
}

fn sweep_outcome(text: &str, t: &mut Tally) -> Result<(), String> {
    match sweep_import::parse("fuzz.csv", text) {
        Err(p) => {
            t.refused += 1;
            named(std::slice::from_ref(&p))
        }
        Ok(sweep) => {
            t.parsed += 1;
            for p in &sweep.points {
                let all = p
                    .values
                    .iter()
                    .chain(p.years.iter().flat_map(|y| y.1.iter()));
                if let Some(x) = all.into_iter().find(|x| !x.is_finite()) {
                    return Err(format!("a sweep point read with the value {x}"));
                }
            }
            for pin in sweep.pins().into_iter().flatten() {
                usable(&pin.scenario, false, t)?;
            }
            t.valid += 1;
            Ok(())
        }
    }
}

fn report(what: &str, t: &Tally, started: Instant) -> bool {
    println!(
        "{what}: {} inputs, {} read whole, {} with something usable, {} refused (in part or whole) naming the field, {} run, {} failures ({:.0?})",
        t.inputs,
        t.parsed,
        t.valid,
        t.refused,
        t.ran,
        t.failures.len(),
        started.elapsed()
    );
    for f in t.failures.iter().take(10) {
        println!("  {f}");
    }
    t.failures.is_empty()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args
        .get(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(2008);
    let only = args.get(3).map(String::as_str);
    let wanted = |what: &str| only.is_none_or(|o| what.starts_with(o));
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut ok = true;

    // The three stored entries, as the app writes them, one per preset.
    let scenarios: Vec<(&str, Value)> = presets()
        .iter()
        .map(|p| {
            (
                p.id,
                serde_json::to_value(&p.scenario).expect("a scenario as JSON"),
            )
        })
        .collect();
    let entries: [(&str, Vec<Value>); 3] = [
        (
            "autosave",
            scenarios
                .iter()
                .map(|(id, s)| json!({"version": STORAGE_VERSION, "preset": id, "scenario": s}))
                .collect(),
        ),
        (
            "library entries",
            scenarios
                .iter()
                .map(|(id, s)| {
                    json!({"version": STORAGE_VERSION, "name": format!("Plan {id}"),
                        "description": "a saved plan", "saved_at": 1.7e12, "preset": id, "scenario": s})
                })
                .collect(),
        ),
        (
            "pins",
            scenarios
                .windows(2)
                .map(|w| {
                    let pin = |(id, s): &(&str, Value)| json!({"name": id, "preset": id, "scenario": s});
                    json!({"version": STORAGE_VERSION, "pins": [pin(&w[0]), pin(&w[1])]})
                })
                .collect(),
        ),
    ];
    for (what, docs) in entries.iter().filter(|(what, _)| wanted(what)) {
        let started = Instant::now();
        let mut t = Tally::default();
        fuzz_json(docs, n, &mut rng, &mut t, |i, text, t| {
            let run = i % 97 == 0;
            match *what {
                "autosave" => {
                    // As the page opens it: what can be used of it, the entry kept aside when
                    // it cannot be used in whole.
                    let opened = open_stored(AUTOSAVE_KEY, text, storage::load_autosave, t)?;
                    if let Some(s) = &opened.value {
                        usable(&s.scenario, run, t)?;
                        t.valid += 1;
                    }
                    Ok(())
                }
                "library entries" => {
                    let key = format!("{SAVED_PREFIX}fuzz");
                    stored(storage::parse_named(&key, text), t, |e, t| {
                        usable(&e.scenario, run, t)
                    })
                }
                _ => {
                    let opened = open_stored(PINS_KEY, text, storage::load_pins, t)?;
                    opened
                        .value
                        .iter()
                        .try_for_each(|p| usable(&p.scenario, run, t))?;
                    t.valid += u64::from(!opened.value.is_empty());
                    Ok(())
                }
            }
        });
        ok &= report(what, &t, started);
    }

    if !wanted("sweep CSV") {
        std::process::exit(if ok { 0 } else { 1 });
    }
    let fixtures: Vec<String> = ["sweep-care-packages.csv", "sweep-grid-des.csv"]
        .iter()
        .map(|f| {
            let path = format!("{}/tests/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        })
        .collect();
    let started = Instant::now();
    let mut t = Tally::default();
    for i in 0..n {
        let text = mutate_csv(&fixtures[(i as usize) % fixtures.len()], &mut rng);
        guarded(&mut t, &text, |t| sweep_outcome(&text, t));
        if t.failures.len() > 20 {
            break;
        }
    }
    ok &= report("sweep CSV", &t, started);
    if !ok {
        std::process::exit(1);
    }
}
