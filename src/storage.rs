//! What Careflow keeps in this browser (localStorage): the last working state (autosave), named
//! scenarios (the library) and the pinned scenarios being compared.
//!
//! Every entry is versioned JSON. Reading never fails the app: an unreadable, outdated or invalid
//! entry is reported (field named) and skipped, and is left in place rather than deleted, so the
//! other entries and the user's data are never lost. The autosave and the pins are written again
//! as the user works, so one of them that cannot be used in whole is first kept aside as it was;
//! values out of range in it take the baseline's value and the rest is used. A full or
//! unavailable storage is reported too.
//!
//! | key                       | holds                                                          |
//! |---------------------------|----------------------------------------------------------------|
//! | `careflow.autosave`       | `{"version":1,"preset":…,"scenario":{…}}`                      |
//! | `careflow.saved.<id>`     | `{"version":1,"name":…,"description":…,"saved_at":ms,"preset":…,"scenario":{…}}` |
//! | `careflow.pins`           | `{"version":1,"pins":[{"name":…,"preset":…,"scenario":{…}}]}`   |
//! | `careflow.intro-dismissed`| `1` once the "what this is" introduction is dismissed (`hooks::use_intro`) |
//! | `careflow.set-aside.<key>.<n>` | an autosave or pins entry that could not be used in whole, as it was ([`set_aside`]); never read or written again |
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
            format!("unreadable ({e})"),
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
            "saved by a different version of Careflow".into(),
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
                    i.message,
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

/// An entry of this browser's storage as opened: what can be used of it, and its problems.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened<T> {
    pub value: T,
    pub problems: Vec<LinkProblem>,
    /// The key the entry is kept under, unchanged, when it could not be used in whole
    /// ([`set_aside`]).
    pub set_aside: Option<String>,
}

/// The autosaved state, if any (`None` when nothing is stored or nothing of it can be used). An
/// entry that cannot be used in whole is first kept aside as it is ([`set_aside`]), so the
/// autosave that follows loses nothing; a scenario whose only problems are values out of range
/// opens with the baseline's value for each of those ([`mended`]).
pub fn load_autosave(store: &dyn Store) -> Opened<Option<Saved>> {
    let Some(text) = store.get(AUTOSAVE_KEY) else {
        return Opened {
            value: None,
            problems: Vec::new(),
            set_aside: None,
        };
    };
    let (value, problems) = match decode(&text, "autosave", |scenario| Saved {
        version: STORAGE_VERSION,
        preset: crate::state::REFERENCE.into(),
        scenario,
    }) {
        Err(problems) => (None, problems),
        Ok(mut saved) => match check(&saved.scenario, "autosave") {
            Ok(()) => {
                return Opened {
                    value: Some(saved),
                    problems: Vec::new(),
                    set_aside: None,
                }
            }
            Err(problems) => match mended(&saved.scenario) {
                Some(s) => {
                    saved.scenario = s;
                    (
                        Some(saved),
                        ending(problems, "the baseline's value is used instead"),
                    )
                }
                None => (None, problems),
            },
        },
    };
    let (problems, set_aside) = kept_aside(store, AUTOSAVE_KEY, &text, problems);
    Opened {
        value,
        problems,
        set_aside,
    }
}

/// Keeps `text` aside and says so in `problems` (or, if the browser refuses, that it could not).
fn kept_aside(
    store: &dyn Store,
    key: &str,
    text: &str,
    mut problems: Vec<LinkProblem>,
) -> (Vec<LinkProblem>, Option<String>) {
    match set_aside(store, key, text) {
        Ok(aside) => (problems, Some(aside)),
        Err(why) => {
            problems.push(problem(
                "storage",
                String::new(),
                "space in this browser's storage",
                format!("the entry as it was could not be kept aside ({why})"),
            ));
            (problems, None)
        }
    }
}

/// Prefix of the keys under which an entry that could not be used in whole is kept as it was.
pub const SET_ASIDE_PREFIX: &str = "careflow.set-aside.";

/// Keeps `text`, the entry under `key` that could not be used in whole, under a key of its own
/// (`careflow.set-aside.<key>.<n>`, never written again) before anything writes `key`; the same
/// text is kept once. Returns the key it is kept under.
pub fn set_aside(store: &dyn Store, key: &str, text: &str) -> Result<String, String> {
    let name = key.strip_prefix("careflow.").unwrap_or(key);
    let prefix = format!("{SET_ASIDE_PREFIX}{name}.");
    let keys: Vec<String> = store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .collect();
    if let Some(k) = keys.iter().find(|k| store.get(k).as_deref() == Some(text)) {
        return Ok(k.clone());
    }
    let mut n = 1;
    while keys.contains(&format!("{prefix}{n}")) {
        n += 1;
    }
    let aside = format!("{prefix}{n}");
    store.set(&aside, text)?;
    Ok(aside)
}

/// `problems` with what became of the entry added to each message.
fn ending(problems: Vec<LinkProblem>, fate: &str) -> Vec<LinkProblem> {
    problems
        .into_iter()
        .map(|p| LinkProblem {
            message: format!("{}; {fate}", p.message),
            ..p
        })
        .collect()
}

/// The scenario with each field that fails validation set to the baseline's value (for a rule
/// across fields, the group it names: stream shares adding past one take the baseline's four
/// together), if that makes it valid; `None` when it does not.
pub fn mended(scenario: &Scenario) -> Option<Scenario> {
    let base = serde_json::to_value(Scenario::default()).ok()?;
    let mut value = serde_json::to_value(scenario).ok()?;
    for _ in 0..3 {
        let s: Scenario = serde_json::from_value(value.clone()).ok()?;
        let Err(issues) = s.validate() else {
            return Some(s);
        };
        for issue in issues {
            let pointer = format!("/{}", issue.path.replace('.', "/"));
            let baseline = base.pointer(&pointer)?.clone();
            *value.pointer_mut(&pointer)? = baseline;
        }
    }
    None
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
    let skipped = |problems| ending(problems, "skipped and left as it is");
    let named = decode(text, key, |scenario| Named {
        version: STORAGE_VERSION,
        name: format!("Saved scenario {id}"),
        description: String::new(),
        saved_at: 0.0,
        preset: crate::state::REFERENCE.into(),
        scenario,
    })
    .map_err(skipped)?;
    check(&named.scenario, key).map_err(skipped)?;
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

/// The pinned scenarios (at most `careflow_charts::compare::MAX_PINS`). A pin whose only problems
/// are values out of range is shown with the baseline's value for each ([`mended`]); one that
/// cannot be used, or one too many, is reported and left out. Whenever anything is left out or
/// changed, the stored entry is first kept aside as it was ([`set_aside`]), so a later change of
/// the pins loses nothing.
pub fn load_pins(store: &dyn Store) -> Opened<Vec<Pin>> {
    let Some(text) = store.get(PINS_KEY) else {
        return Opened {
            value: Vec::new(),
            problems: Vec::new(),
            set_aside: None,
        };
    };
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    match decode(&text, "pins", |scenario| Pins {
        version: STORAGE_VERSION,
        pins: vec![Pin {
            name: "Pinned scenario".into(),
            preset: crate::state::REFERENCE.into(),
            scenario,
        }],
    }) {
        Err(p) => problems = ending(p, "no pin is shown"),
        Ok(p) => {
            for (i, mut pin) in p.pins.into_iter().enumerate() {
                if ok.len() >= careflow_charts::compare::MAX_PINS {
                    problems.push(problem(
                        &format!("pins.{i}"),
                        pin.name,
                        &format!("at most {} pins", careflow_charts::compare::MAX_PINS),
                        "one pin too many; not shown".into(),
                    ));
                    continue;
                }
                match check(&pin.scenario, &format!("pins.{i}")) {
                    Ok(()) => ok.push(pin),
                    Err(p) => match mended(&pin.scenario) {
                        Some(s) => {
                            pin.scenario = s;
                            ok.push(pin);
                            problems.extend(ending(p, "the baseline's value is used instead"));
                        }
                        None => problems.extend(ending(p, "this pin is not shown")),
                    },
                }
            }
        }
    }
    if problems.is_empty() {
        return Opened {
            value: ok,
            problems,
            set_aside: None,
        };
    }
    let (problems, set_aside) = kept_aside(store, PINS_KEY, &text, problems);
    Opened {
        value: ok,
        problems,
        set_aside,
    }
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
        let opened = load_pins(&store);
        assert_eq!(opened.problems, []);
        assert_eq!(opened.value[0].scenario, upgraded);
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
        let opened = load_pins(&store);
        assert_eq!((opened.value, opened.problems), (pins.clone(), Vec::new()));
        assert_eq!(opened.set_aside, None);
        // A value out of range: the pin is shown with the baseline's value, the problem names the
        // field, and the stored entry is kept aside as it was.
        let mut bad = pins.clone();
        bad[0].scenario.beds.base = -5.0;
        save_pins(&store, &bad).unwrap();
        let stored = store.get(PINS_KEY).unwrap();
        let opened = load_pins(&store);
        assert_eq!(opened.value.len(), 2);
        assert_eq!(
            opened.value[0].scenario.beds.base,
            Scenario::default().beds.base
        );
        assert_eq!(opened.value[1], pins[1]);
        assert!(
            opened
                .problems
                .iter()
                .any(|p| p.field == "pins.0.scenario.beds.base" && p.message.contains("baseline")),
            "{:?}",
            opened.problems
        );
        let aside = opened.set_aside.expect("kept aside");
        assert_eq!(store.get(&aside).as_deref(), Some(stored.as_str()));
        // Opening it again keeps it aside once, under the same key.
        assert_eq!(load_pins(&store).set_aside.as_deref(), Some(aside.as_str()));
        // One pin too many: not shown, and kept aside with the rest.
        let many: Vec<Pin> = (0..careflow_charts::compare::MAX_PINS + 1)
            .map(|i| Pin {
                name: format!("P{i}"),
                ..pins[1].clone()
            })
            .collect();
        save_pins(&store, &many).unwrap();
        let stored = store.get(PINS_KEY).unwrap();
        let opened = load_pins(&store);
        assert_eq!(opened.value.len(), careflow_charts::compare::MAX_PINS);
        let aside = opened.set_aside.expect("kept aside");
        assert_eq!(store.get(&aside).as_deref(), Some(stored.as_str()));
        // What the user does next (unpin all) writes the pins; what was kept aside stays.
        save_pins(&store, &[]).unwrap();
        assert_eq!(store.get(&aside).as_deref(), Some(stored.as_str()));
        store.set(PINS_KEY, "garbage").unwrap();
        let opened = load_pins(&store);
        assert!(opened.value.is_empty() && opened.problems[0].field == "pins");
        assert_eq!(
            store.get(&opened.set_aside.expect("kept aside")).as_deref(),
            Some("garbage")
        );
    }

    #[test]
    fn an_autosave_that_cannot_be_used_in_whole_is_kept_aside_and_its_good_values_open() {
        let store = MemoryStore::default();
        let mut s = preset("strategic-plan").unwrap().scenario;
        s.beds.base = 1300.0;
        s.beds.escalation_beds = 99_999.0;
        save_autosave(&store, &s, "strategic-plan").unwrap();
        let stored = store.get(AUTOSAVE_KEY).unwrap();
        let opened = load_autosave(&store);
        let saved = opened.value.expect("opens");
        assert_eq!(saved.preset, "strategic-plan");
        assert_eq!(saved.scenario.beds.base, 1300.0);
        assert_eq!(
            saved.scenario.beds.escalation_beds,
            Scenario::default().beds.escalation_beds
        );
        assert!(saved.scenario.validate().is_ok());
        assert!(
            opened
                .problems
                .iter()
                .any(|p| p.field == "autosave.scenario.beds.escalation_beds"
                    && p.value.contains("99999")),
            "{:?}",
            opened.problems
        );
        let aside = opened.set_aside.expect("kept aside");
        assert!(aside.starts_with(SET_ASIDE_PREFIX));
        // The next autosave (of what opened) loses nothing: the entry as it was stays aside.
        save_autosave(&store, &saved.scenario, &saved.preset).unwrap();
        assert_eq!(store.get(&aside).as_deref(), Some(stored.as_str()));
        // Unreadable: nothing opens, and it is kept aside too (under a key of its own).
        store.set(AUTOSAVE_KEY, "{\"version\": 1, \"scen").unwrap();
        let opened = load_autosave(&store);
        assert!(opened.value.is_none());
        assert_eq!(opened.problems[0].field, "autosave");
        let second = opened.set_aside.expect("kept aside");
        assert_ne!(second, aside);
        assert_eq!(
            store.get(&second).as_deref(),
            Some("{\"version\": 1, \"scen")
        );
        assert_eq!(store.get(&aside).as_deref(), Some(stored.as_str()));
    }

    #[test]
    fn fields_out_of_range_are_mended_and_a_broken_rule_takes_its_fields_together() {
        // Stream shares adding past one: the four shares take the baseline's together.
        let mut s = Scenario::default();
        s.demand.stream_share.end_of_life = 0.9;
        s.beds.base = 1300.0;
        assert!(s.validate().is_err());
        let m = mended(&s).expect("mended");
        assert_eq!(
            m.demand.stream_share,
            Scenario::default().demand.stream_share
        );
        assert_eq!(m.beds.base, 1300.0);
        let t = Scenario {
            years: 60,
            ..Scenario::default()
        };
        assert_eq!(mended(&t).map(|m| m.years), Some(Scenario::default().years));
    }
}
