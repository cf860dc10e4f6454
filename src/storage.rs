//! The last working state, kept in this browser (localStorage) and restored after a reload.
//!
//! Stored as versioned JSON: `{"version": 1, "preset": "…", "scenario": {…}}`. Reading never
//! fails the app: an unreadable, outdated or invalid entry is reported (field named) and skipped,
//! and is left in place rather than deleted. A full or unavailable storage is reported too.

use careflow_model::share::LinkProblem;
use careflow_model::Scenario;
use serde::{Deserialize, Serialize};

/// The localStorage key of the autosaved state.
pub const AUTOSAVE_KEY: &str = "careflow.autosave";
/// The storage format this build writes.
pub const STORAGE_VERSION: u32 = 1;

/// What is kept between visits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub preset: String,
    pub scenario: Scenario,
}

/// Parses a stored entry. Version 0 (an early format that stored the bare scenario) is migrated;
/// anything else that cannot be used comes back as problems naming the field.
pub fn parse_saved(text: &str) -> Result<Saved, Vec<LinkProblem>> {
    let problem = |field: &str, value: String, allowed: &str, message: String| LinkProblem {
        field: field.into(),
        value,
        allowed: allowed.into(),
        message,
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![problem(
            "autosave",
            String::new(),
            "JSON written by Careflow",
            format!("unreadable ({e}); ignored"),
        )]
    })?;
    let version = value.get("version").and_then(|v| v.as_u64());
    let saved = match version {
        Some(v) if v == u64::from(STORAGE_VERSION) => serde_json::from_value::<Saved>(value)
            .map_err(|e| {
                vec![problem(
                    "autosave",
                    String::new(),
                    "a saved Careflow state",
                    format!("not a saved state ({e}); ignored"),
                )]
            })?,
        // Version 0: the bare scenario, with no preset.
        None if value.get("schema_version").is_some() => {
            let scenario = serde_json::from_value::<Scenario>(value).map_err(|e| {
                vec![problem(
                    "autosave",
                    String::new(),
                    "a saved Careflow state",
                    format!("not a saved state ({e}); ignored"),
                )]
            })?;
            Saved {
                version: STORAGE_VERSION,
                preset: crate::state::REFERENCE.into(),
                scenario,
            }
        }
        other => {
            return Err(vec![problem(
                "autosave.version",
                format!("{other:?}"),
                &format!("0 to {STORAGE_VERSION}"),
                "saved by a different version of Careflow; ignored".into(),
            )])
        }
    };
    saved.scenario.validate().map_err(|issues| {
        issues
            .into_iter()
            .map(|i| {
                problem(
                    &format!("autosave.scenario.{}", i.path),
                    i.value,
                    &i.allowed,
                    format!("{}; ignored", i.message),
                )
            })
            .collect::<Vec<_>>()
    })?;
    Ok(saved)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The autosaved state, if any: `Ok(None)` when nothing is stored.
pub fn load_autosave() -> Result<Option<Saved>, Vec<LinkProblem>> {
    match local_storage().and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten()) {
        Some(text) => parse_saved(&text).map(Some),
        None => Ok(None),
    }
}

/// Saves the working state; the error says why it could not be kept (e.g. storage full).
pub fn save_autosave(scenario: &Scenario, preset: &str) -> Result<(), String> {
    let saved = Saved {
        version: STORAGE_VERSION,
        preset: preset.into(),
        scenario: scenario.clone(),
    };
    let text = serde_json::to_string(&saved).map_err(|e| e.to_string())?;
    let storage = local_storage().ok_or("this browser does not allow Careflow to keep data")?;
    storage
        .set_item(AUTOSAVE_KEY, &text)
        .map_err(|_| "this browser's storage for Careflow is full or switched off; your changes are not kept after a reload".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
                .any(|p| p.field == "autosave.scenario.years"),
            "{problems:?}"
        );
    }
}
