//! Golden per-year KPIs of every preset, from the SD engine and from a few DES replications, with
//! explicit tolerances, so that a change shows which series moved, in which year, and by how much.
//! This is a regression signal beside the tests against outside truth (calibration targets,
//! queueing theory, the engines' agreement), not a substitute for them.
//!
//! One file per preset, `tests/golden/<preset>.json`:
//! `{"sd": [{KPIs of a year}…], "des": {"replications": 3, "seed": S, "years": [{means}…]}}`.
//! When a change to the model is meant, regenerate them with
//! `CAREFLOW_BLESS=1 cargo test -p careflow-model --test golden` and say in the commit why the
//! figures moved.

use careflow_model::{des, presets, sd};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

/// DES replications kept per preset: enough to exercise the replication mean, few enough to run
/// in a second or two.
const DES_REPLICATIONS: u32 = 3;

/// Tolerance of a KPI: relative (0.1%), with a floor for values near zero.
fn allowed(key: &str, golden: f64) -> f64 {
    let floor = match key {
        k if k.ends_with("_share")
            || k.starts_with("mean_occupancy")
            || k.starts_with("utilisation") =>
        {
            1e-4
        }
        k if k.ends_with("_cost") || k == "investment" || k == "planned_savings" => 1e3,
        _ => 0.5,
    };
    (1e-3 * golden.abs()).max(floor)
}

fn golden_path(id: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{id}.json"))
}

/// Today's figures of one preset, in the golden file's shape.
fn figures(p: &presets::Preset) -> Value {
    let r = sd::run(&p.scenario).unwrap();
    let rep = des::replicate(&p.scenario, DES_REPLICATIONS, |_, _| {}).unwrap();
    let des_years: Vec<Value> = rep
        .years
        .iter()
        .zip(&rep.yearly)
        .map(|(year, bands)| {
            let mut m = Map::new();
            m.insert("year".into(), json!(year));
            for (key, band) in bands {
                m.insert(key.clone(), json!(band.mean));
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "sd": r.yearly,
        "des": {
            "replications": rep.replications,
            "seed": p.scenario.seed,
            "years": des_years,
        },
    })
}

/// Every series of `engine` that moved beyond its tolerance, appeared or went, one line each.
fn compare(id: &str, engine: &str, golden: &Value, now: &Value, moved: &mut Vec<String>) {
    let (Some(golden), Some(now)) = (golden.as_array(), now.as_array()) else {
        moved.push(format!(
            "{id} {engine}: the golden file has no {engine} years"
        ));
        return;
    };
    if golden.len() != now.len() {
        moved.push(format!(
            "{id} {engine}: {} years in the golden file, {} now",
            golden.len(),
            now.len()
        ));
    }
    for (y, (g, n)) in golden.iter().zip(now).enumerate() {
        let year = g["year"].as_str().map_or(y.to_string(), str::to_string);
        let (Some(g), Some(n)) = (g.as_object(), n.as_object()) else {
            continue;
        };
        for (key, gv) in g {
            let Some(a) = gv.as_f64() else { continue };
            let Some(b) = n.get(key).and_then(Value::as_f64) else {
                moved.push(format!("{id} {engine} {year} {key}: {a} → (gone)"));
                continue;
            };
            let tol = allowed(key, a);
            if (a - b).abs() > tol {
                let pct = if a != 0.0 {
                    format!("{:+.3}%", (b - a) / a.abs() * 100.0)
                } else {
                    "from zero".into()
                };
                moved.push(format!(
                    "{id} {engine} {year} {key}: {a} → {b} ({pct}; allowed ±{tol})"
                ));
            }
        }
        for key in n.keys().filter(|k| !g.contains_key(*k)) {
            if n[key].is_number() {
                moved.push(format!("{id} {engine} {year} {key}: (new) → {}", n[key]));
            }
        }
    }
}

#[test]
fn every_presets_yearly_kpis_match_their_golden_files() {
    let bless = std::env::var("CAREFLOW_BLESS").is_ok();
    let mut moved = Vec::new();
    for p in presets::presets() {
        let now = figures(&p);
        let path = golden_path(p.id);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with CAREFLOW_BLESS=1)", path.display()));
        let golden: Value = serde_json::from_str(&text).unwrap();
        compare(p.id, "sd", &golden["sd"], &now["sd"], &mut moved);
        if golden["des"]["replications"] != now["des"]["replications"]
            || golden["des"]["seed"] != now["des"]["seed"]
        {
            moved.push(format!(
                "{} des: golden file made with {} replications from seed {}, now {} from {}",
                p.id,
                golden["des"]["replications"],
                golden["des"]["seed"],
                now["des"]["replications"],
                now["des"]["seed"]
            ));
        }
        compare(
            p.id,
            "des",
            &golden["des"]["years"],
            &now["des"]["years"],
            &mut moved,
        );
    }
    assert!(
        moved.is_empty(),
        "{} KPIs moved from their golden values (bless with CAREFLOW_BLESS=1 if meant):\n{}",
        moved.len(),
        moved.join("\n")
    );
}

/// The comparison itself: a moved value names the preset, engine, year, series, old and new
/// values; values within tolerance pass.
#[test]
fn a_moved_series_is_named_with_its_year_and_both_values() {
    let golden = json!([{"year": "2008/09", "dtoc_share": 0.0320, "deaths": 3740.0}]);
    let close = json!([{"year": "2008/09", "dtoc_share": 0.03205, "deaths": 3741.0}]);
    let mut moved = Vec::new();
    compare("p", "sd", &golden, &close, &mut moved);
    assert!(moved.is_empty(), "{moved:?}");
    let far = json!([{"year": "2008/09", "dtoc_share": 0.0330, "deaths": 3740.0, "extra": 1.0}]);
    compare("p", "des", &golden, &far, &mut moved);
    assert_eq!(moved.len(), 2, "{moved:?}");
    assert!(
        moved[0].starts_with("p des 2008/09 dtoc_share: 0.032 → 0.033 (+3.125%"),
        "{}",
        moved[0]
    );
    assert_eq!(moved[1], "p des 2008/09 extra: (new) → 1.0");
}
