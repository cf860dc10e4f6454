//! What Careflow keeps in this browser (localStorage): the last working state (autosave), named
//! scenarios (the library) and the pinned scenarios being compared.
//!
//! Every entry is versioned JSON. Reading never fails the app: an unreadable, outdated or invalid
//! entry is reported (field named) and skipped, and is left in place rather than deleted, so the
//! other entries and the user's data are never lost. A full or unavailable storage is reported too.
//!
//! | key                       | holds                                                          |
//! |---------------------------|----------------------------------------------------------------|
//! | `careflow.autosave`       | `{"version":1,"preset":…,"scenario":{…}}`                      |
//! | `careflow.saved.<id>`     | `{"version":1,"name":…,"description":…,"saved_at":ms,"preset":…,"scenario":{…}}` |
//! | `careflow.pins`           | `{"version":1,"pins":[{"name":…,"preset":…,"scenario":{…}}]}`   |
//! | `careflow.intro-dismissed`| `1` once the "what this is" introduction is dismissed (`hooks::use_intro`) |
//!
//! Version 0 of each (an early format) stored the bare scenario and is migrated on reading. The
//! scenario inside is read with `Scenario::from_value`, so one of an older `schema_version` (kept
//! by an older build) is upgraded on reading too.
//! The browser store sits behind [`Store`] so the logic is tested natively with [`MemoryStore`].

use std::cell::RefCell;
use std::collections::BTreeMap;

use careflow_model::share::LinkProblem;
use careflow_model::Scenario;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The localStorage key of the autosaved state.
pub const AUTOSAVE_KEY: &str = "careflow.autosave";
/// Prefix of the keys of named scenarios.
pub const SAVED_PREFIX: &str = "careflow.saved.";
/// The key of the pinned scenarios.
pub const PINS_KEY: &str = "careflow.pins";
/// The storage format this build writes.
pub const STORAGE_VERSION: u32 = 1;
/// Longest scenario name kept [characters].
pub const MAX_NAME: usize = 80;
/// Longest description kept [characters].
pub const MAX_DESCRIPTION: usize = 600;

/// A key-value store of text (localStorage in the browser, a map in tests).
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value`; the error says why it could not be kept.
    fn set(&self, key: &str, value: &str) -> Result<(), String>;
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The browser's localStorage.
pub struct BrowserStore;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

const FULL: &str = "this browser's storage for Careflow is full or switched off";

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        local_storage()?.get_item(key).ok().flatten()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let storage = local_storage().ok_or("this browser does not allow Careflow to keep data")?;
        storage.set_item(key, value).map_err(|_| FULL.to_string())
    }
    fn remove(&self, key: &str) {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        let Some(s) = local_storage() else {
            return Vec::new();
        };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// An in-memory store with an optional size limit [characters of values], for tests.
#[derive(Default)]
pub struct MemoryStore {
    pub items: RefCell<BTreeMap<String, String>>,
    pub limit: Option<usize>,
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let mut items = self.items.borrow_mut();
        let used: usize = items
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(_, v)| v.len())
            .sum();
        if self.limit.is_some_and(|l| used + value.len() > l) {
            return Err(FULL.into());
        }
        items.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.items.borrow_mut().remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.items.borrow().keys().cloned().collect()
    }
}

fn problem(field: &str, value: String, allowed: &str, message: String) -> LinkProblem {
    LinkProblem {
        field: field.into(),
        value,
        allowed: allowed.into(),
        message,
    }
}

/// Decodes a versioned entry called `what` (the field prefix of its problems): the current
/// version with serde, version 0 (a bare scenario) with `v0`, anything else reported.
fn decode<T: DeserializeOwned>(
    text: &str,
    what: &str,
    v0: impl FnOnce(Scenario) -> T,
) -> Result<T, Vec<LinkProblem>> {
    let unreadable = |e: String| {
        vec![problem(
            what,
            String::new(),
            "JSON written by Careflow",
            format!("unreadable ({e}); skipped and left as it is"),
        )]
    };
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| unreadable(e.to_string()))?;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(STORAGE_VERSION) => {
            upgrade_scenarios(&mut value).map_err(unreadable)?;
            serde_json::from_value::<T>(value).map_err(|e| unreadable(e.to_string()))
        }
        None if value.get("schema_version").is_some() => {
            Scenario::from_value(value).map(v0).map_err(unreadable)
        }
        other => Err(vec![problem(
            &format!("{what}.version"),
            other.map_or_else(|| "missing".into(), |v| v.to_string()),
            &format!("0 to {STORAGE_VERSION}"),
            "saved by a different version of Careflow; skipped and left as it is".into(),
        )]),
    }
}

/// Reads the scenarios inside a stored entry (its `scenario`, or each pin's) with
/// [`Scenario::from_value`], so a scenario kept by an older build (an older `schema_version`) is
/// upgraded, its missing fields taking the baseline's values, before the entry is decoded.
fn upgrade_scenarios(entry: &mut serde_json::Value) -> Result<(), String> {
    fn upgrade(slot: &mut serde_json::Value) -> Result<(), String> {
        let scenario = Scenario::from_value(slot.take())?;
        *slot = serde_json::to_value(scenario).map_err(|e| e.to_string())?;
        Ok(())
    }
    if let Some(slot) = entry.get_mut("scenario") {
        upgrade(slot)?;
    }
    if let Some(pins) = entry.get_mut("pins").and_then(|p| p.as_array_mut()) {
        for slot in pins.iter_mut().filter_map(|p| p.get_mut("scenario")) {
            upgrade(slot)?;
        }
    }
    Ok(())
}

/// The scenario's validation problems with the field named under `what`.
fn check(scenario: &Scenario, what: &str) -> Result<(), Vec<LinkProblem>> {
    scenario.validate().map_err(|issues| {
        issues
            .into_iter()
            .map(|i| {
                problem(
                    &format!("{what}.scenario.{}", i.path),
                    i.value,
                    &i.allowed,
                    format!("{}; skipped and left as it is", i.message),
                )
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// Autosave

/// What is kept between visits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub preset: String,
    pub scenario: Scenario,
}

/// Parses the autosaved entry (see the module docs for versions).
pub fn parse_saved(text: &str) -> Result<Saved, Vec<LinkProblem>> {
    let saved = decode(text, "autosave", |scenario| Saved {
        version: STORAGE_VERSION,
        preset: crate::state::REFERENCE.into(),
        scenario,
    })?;
    check(&saved.scenario, "autosave")?;
    Ok(saved)
}

/// The autosaved state, if any: `Ok(None)` when nothing is stored.
pub fn load_autosave(store: &dyn Store) -> Result<Option<Saved>, Vec<LinkProblem>> {
    store.get(AUTOSAVE_KEY).map(|t| parse_saved(&t)).transpose()
}

/// Saves the working state; the error says why it could not be kept (e.g. storage full).
pub fn save_autosave(store: &dyn Store, scenario: &Scenario, preset: &str) -> Result<(), String> {
    let saved = Saved {
        version: STORAGE_VERSION,
        preset: preset.into(),
        scenario: scenario.clone(),
    };
    let text = serde_json::to_string(&saved).map_err(|e| e.to_string())?;
    store
        .set(AUTOSAVE_KEY, &text)
        .map_err(|e| format!("{e}; your changes are not kept after a reload"))
}

// ---------------------------------------------------------------------------------------------
// Named scenarios

/// A named scenario in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// When it was saved [milliseconds since 1970-01-01 UTC].
    pub saved_at: f64,
    /// The preset it started from (id).
    pub preset: String,
    pub scenario: Scenario,
}

impl Named {
    pub fn new(
        name: &str,
        description: &str,
        saved_at: f64,
        preset: &str,
        scenario: Scenario,
    ) -> Named {
        Named {
            version: STORAGE_VERSION,
            name: clean_name(name),
            description: description.trim().chars().take(MAX_DESCRIPTION).collect(),
            saved_at,
            preset: preset.into(),
            scenario,
        }
    }
}

/// A name trimmed, single-line and at most [`MAX_NAME`] characters ("Untitled scenario" if empty).
pub fn clean_name(name: &str) -> String {
    let n: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME)
        .collect();
    if n.is_empty() {
        "Untitled scenario".into()
    } else {
        n
    }
}

/// Parses the library entry stored under `key`.
pub fn parse_named(key: &str, text: &str) -> Result<Named, Vec<LinkProblem>> {
    let id = key.strip_prefix(SAVED_PREFIX).unwrap_or(key);
    let named = decode(text, key, |scenario| Named {
        version: STORAGE_VERSION,
        name: format!("Saved scenario {id}"),
        description: String::new(),
        saved_at: 0.0,
        preset: crate::state::REFERENCE.into(),
        scenario,
    })?;
    check(&named.scenario, key)?;
    Ok(named)
}

/// The library as read: usable entries newest first, and the problems of the ones skipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    /// (key, entry), newest first.
    pub entries: Vec<(String, Named)>,
    /// (key, problems) of entries that could not be used; they are left in storage.
    pub skipped: Vec<(String, Vec<LinkProblem>)>,
}

impl Library {
    /// The names of the usable entries.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(_, e)| e.name.as_str())
    }
}

/// Reads every named scenario.
pub fn library(store: &dyn Store) -> Library {
    let mut lib = Library::default();
    let mut keys: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(SAVED_PREFIX))
        .collect();
    keys.sort();
    for key in keys {
        let Some(text) = store.get(&key) else {
            continue;
        };
        match parse_named(&key, &text) {
            Ok(n) => lib.entries.push((key, n)),
            Err(p) => lib.skipped.push((key, p)),
        }
    }
    lib.entries
        .sort_by(|a, b| b.1.saved_at.total_cmp(&a.1.saved_at).then(a.0.cmp(&b.0)));
    lib
}

/// Saves `entry` under `key`, or under a new key when `None`; returns the key.
pub fn save_named(store: &dyn Store, key: Option<&str>, entry: &Named) -> Result<String, String> {
    let key = match key {
        Some(k) => k.to_string(),
        None => {
            let keys = store.keys();
            let mut n = entry.saved_at.max(0.0) as u64;
            loop {
                let k = format!("{SAVED_PREFIX}{n:x}");
                if !keys.contains(&k) {
                    break k;
                }
                n += 1;
            }
        }
    };
    let text = serde_json::to_string(entry).map_err(|e| e.to_string())?;
    store
        .set(&key, &text)
        .map_err(|e| format!("{e}; \"{}\" was not saved", entry.name))?;
    Ok(key)
}

/// Deletes one named scenario (only that key).
pub fn delete_named(store: &dyn Store, key: &str) {
    if key.starts_with(SAVED_PREFIX) {
        store.remove(key);
    }
}

/// `name` cleaned, or if `taken` already "name (2)", "name (3)" … (for library entries and pins).
pub fn unique_name<'a>(taken: impl IntoIterator<Item = &'a str>, name: &str) -> String {
    let taken: Vec<&str> = taken.into_iter().collect();
    let taken = |n: &str| taken.contains(&n);
    let name = clean_name(name);
    if !taken(&name) {
        return name;
    }
    (2..)
        .map(|i| format!("{name} ({i})"))
        .find(|n| !taken(n))
        .unwrap_or(name)
}

// ---------------------------------------------------------------------------------------------
// Pins

/// One pinned scenario, self-contained (it survives deleting the library entry it came from).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    pub name: String,
    pub preset: String,
    pub scenario: Scenario,
}

#[derive(Serialize, Deserialize)]
struct Pins {
    version: u32,
    pins: Vec<Pin>,
}

/// The pinned scenarios (at most `careflow_charts::compare::MAX_PINS`). Invalid pins are reported
/// and dropped from the comparison; the stored entry is left as it is until the pins change.
pub fn load_pins(store: &dyn Store) -> (Vec<Pin>, Vec<LinkProblem>) {
    let Some(text) = store.get(PINS_KEY) else {
        return (Vec::new(), Vec::new());
    };
    let pins = match decode(&text, "pins", |scenario| Pins {
        version: STORAGE_VERSION,
        pins: vec![Pin {
            name: "Pinned scenario".into(),
            preset: crate::state::REFERENCE.into(),
            scenario,
        }],
    }) {
        Ok(p) => p.pins,
        Err(problems) => return (Vec::new(), problems),
    };
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for (i, pin) in pins.into_iter().enumerate() {
        match check(&pin.scenario, &format!("pins.{i}")) {
            Ok(()) if ok.len() < careflow_charts::compare::MAX_PINS => ok.push(pin),
            Ok(()) => problems.push(problem(
                &format!("pins.{i}"),
                pin.name,
                &format!("at most {} pins", careflow_charts::compare::MAX_PINS),
                "one pin too many; not shown".into(),
            )),
            Err(p) => problems.extend(p),
        }
    }
    (ok, problems)
}

/// Stores the pins.
pub fn save_pins(store: &dyn Store, pins: &[Pin]) -> Result<(), String> {
    let text = serde_json::to_string(&Pins {
        version: STORAGE_VERSION,
        pins: pins.to_vec(),
    })
    .map_err(|e| e.to_string())?;
    store
        .set(PINS_KEY, &text)
        .map_err(|e| format!("{e}; the pins are not kept after a reload"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use careflow_model::preset;

    #[test]
    fn current_format_round_trips() {
        let s = Saved {
            version: 1,
            preset: "strategic-plan".into(),
            scenario: Scenario::default(),
        };
        assert_eq!(parse_saved(&serde_json::to_string(&s).unwrap()), Ok(s));
    }

    #[test]
    fn version_0_bare_scenario_is_migrated() {
        let text = serde_json::to_string(&Scenario::default()).unwrap();
        let saved = parse_saved(&text).expect("migrated");
        assert_eq!(saved.version, STORAGE_VERSION);
        assert_eq!(saved.scenario, Scenario::default());
        let named = parse_named("careflow.saved.abc", &text).expect("migrated");
        assert_eq!(named.name, "Saved scenario abc");
        assert_eq!(named.scenario, Scenario::default());
    }

    /// A scenario file of schema version 1 (before delays had reasons).
    const V1: &str = include_str!("../tests/fixtures/ben-baseline-2008.v1.json");

    #[test]
    fn entries_holding_a_version_1_scenario_are_upgraded() {
        let v1: serde_json::Value = serde_json::from_str(V1).unwrap();
        assert_eq!(v1["schema_version"], 1);
        let upgraded = Scenario::from_value(v1.clone()).unwrap();
        assert_eq!(
            upgraded.schema_version,
            careflow_model::scenario::SCHEMA_VERSION
        );
        // The bare scenario (storage version 0), an autosave, a library entry and the pins.
        assert_eq!(parse_saved(V1).unwrap().scenario, upgraded);
        let saved = serde_json::json!({"version": 1, "preset": "strategic-plan", "scenario": v1});
        let saved = parse_saved(&saved.to_string()).expect("upgraded");
        assert_eq!(saved.preset, "strategic-plan");
        assert_eq!(saved.scenario, upgraded);
        let named = serde_json::json!({"version": 1, "name": "Old", "saved_at": 1.0,
            "preset": "do-nothing", "scenario": v1});
        let named = parse_named("careflow.saved.1", &named.to_string()).expect("upgraded");
        assert_eq!(named.scenario, upgraded);
        let store = MemoryStore::default();
        let pins = serde_json::json!({"version": 1, "pins": [
            {"name": "Old pin", "preset": "do-nothing", "scenario": v1}]});
        store.set(PINS_KEY, &pins.to_string()).unwrap();
        let (pins, problems) = load_pins(&store);
        assert_eq!(problems, []);
        assert_eq!(pins[0].scenario, upgraded);
    }

    #[test]
    fn corrupt_future_and_invalid_entries_are_reported_by_field() {
        assert_eq!(parse_saved("{ truncated").unwrap_err()[0].field, "autosave");
        assert_eq!(
            parse_saved(r#"{"version": 9, "preset": "x"}"#).unwrap_err()[0].field,
            "autosave.version"
        );
        let s = Scenario {
            years: 60,
            ..Scenario::default()
        };
        let text = serde_json::to_string(&Saved {
            version: 1,
            preset: "do-nothing".into(),
            scenario: s,
        })
        .unwrap();
        let problems = parse_saved(&text).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "autosave.scenario.years" && p.allowed.contains("10")),
            "{problems:?}"
        );
    }

    #[test]
    fn library_lists_newest_first_and_skips_corrupt_entries_without_deleting_them() {
        let store = MemoryStore::default();
        let plan = preset("strategic-plan").unwrap().scenario;
        let a = Named::new(
            "  Plan   A ",
            "first",
            1000.0,
            "strategic-plan",
            plan.clone(),
        );
        let b = Named::new("Plan B", "", 2000.0, "do-nothing", Scenario::default());
        let ka = save_named(&store, None, &a).unwrap();
        let kb = save_named(&store, None, &b).unwrap();
        assert_ne!(ka, kb);
        store
            .set("careflow.saved.broken", "{\"version\":1,\"name\":")
            .unwrap();
        store
            .set("careflow.saved.future", r#"{"version":7}"#)
            .unwrap();
        store.set("unrelated", "x").unwrap();
        let lib = library(&store);
        let names: Vec<&str> = lib.entries.iter().map(|(_, e)| e.name.as_str()).collect();
        assert_eq!(names, ["Plan B", "Plan A"]);
        assert_eq!(lib.entries[1].1.scenario, plan);
        assert_eq!(lib.skipped.len(), 2);
        assert!(lib
            .skipped
            .iter()
            .any(|(k, p)| k == "careflow.saved.future"
                && p[0].field == "careflow.saved.future.version"));
        // Skipped entries are still there; deleting one entry touches nothing else.
        delete_named(&store, &ka);
        assert!(store.get("careflow.saved.broken").is_some());
        assert_eq!(library(&store).entries.len(), 1);
        assert_eq!(store.get("unrelated").as_deref(), Some("x"));
        // Rename = save under the same key.
        let mut renamed = library(&store).entries[0].1.clone();
        renamed.name = "Renamed".into();
        save_named(&store, Some(&kb), &renamed).unwrap();
        let lib = library(&store);
        assert_eq!(lib.entries.len(), 1);
        assert_eq!(lib.entries[0].1.name, "Renamed");
        assert_eq!(unique_name(lib.names(), "Renamed"), "Renamed (2)");
        assert_eq!(unique_name(lib.names(), "Other"), "Other");
        assert_eq!(unique_name(["A", "A (2)"], " A "), "A (3)");
    }

    #[test]
    fn storage_full_is_reported_and_nothing_is_lost() {
        let store = MemoryStore {
            limit: Some(30_000),
            ..Default::default()
        };
        let n = Named::new("One", "", 1.0, "do-nothing", Scenario::default());
        save_named(&store, None, &n).unwrap();
        let mut last = Ok(String::new());
        for i in 0..20 {
            last = save_named(
                &store,
                None,
                &Named {
                    saved_at: 2.0 + i as f64,
                    ..n.clone()
                },
            );
            if last.is_err() {
                break;
            }
        }
        let why = last.unwrap_err();
        assert!(why.contains("full") && why.contains("\"One\""), "{why}");
        assert!(library(&store)
            .entries
            .iter()
            .any(|(_, e)| e.saved_at == 1.0));
    }

    #[test]
    fn pins_round_trip_and_invalid_pins_are_reported() {
        let store = MemoryStore::default();
        let pins = vec![
            Pin {
                name: "Plan".into(),
                preset: "strategic-plan".into(),
                scenario: preset("strategic-plan").unwrap().scenario,
            },
            Pin {
                name: "Base".into(),
                preset: "do-nothing".into(),
                scenario: Scenario::default(),
            },
        ];
        save_pins(&store, &pins).unwrap();
        assert_eq!(load_pins(&store), (pins.clone(), Vec::new()));
        let mut bad = pins.clone();
        bad[0].scenario.beds.base = -5.0;
        save_pins(&store, &bad).unwrap();
        let (ok, problems) = load_pins(&store);
        assert_eq!(ok, pins[1..]);
        assert!(
            problems
                .iter()
                .any(|p| p.field == "pins.0.scenario.beds.base"),
            "{problems:?}"
        );
        store.set(PINS_KEY, "garbage").unwrap();
        let (ok, problems) = load_pins(&store);
        assert!(ok.is_empty() && problems[0].field == "pins");
    }
}
