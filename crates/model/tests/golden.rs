//! Golden per-year KPIs of every preset (SD engine), with explicit tolerances, so that a change
//! shows which series moved and by how much. This is a regression signal beside the tests against
//! outside truth, not a substitute for them: when a change to the model is meant, rerun with
//! `CAREFLOW_BLESS=1 cargo test -p careflow-model --test golden` and say in the commit why the
//! figures moved.

use careflow_model::{presets, sd};
use std::path::PathBuf;

/// Tolerance of a KPI: relative, with a floor for values near zero.
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

#[test]
fn every_presets_yearly_kpis_match_their_golden_files() {
    let bless = std::env::var("CAREFLOW_BLESS").is_ok();
    let mut moved = Vec::new();
    for p in presets::presets() {
        let r = sd::run(&p.scenario).unwrap();
        let now = serde_json::to_value(&r.yearly).unwrap();
        let path = golden_path(p.id);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with CAREFLOW_BLESS=1)", path.display()));
        let golden: serde_json::Value = serde_json::from_str(&text).unwrap();
        for (y, (g, n)) in golden
            .as_array()
            .unwrap()
            .iter()
            .zip(now.as_array().unwrap())
            .enumerate()
        {
            for (key, gv) in g.as_object().unwrap() {
                let (Some(a), Some(b)) = (gv.as_f64(), n[key].as_f64()) else {
                    continue;
                };
                if (a - b).abs() > allowed(key, a) {
                    moved.push(format!(
                        "{} {} {key}: {a} → {b} ({:+.3}%)",
                        p.id,
                        g["year"].as_str().unwrap_or(&y.to_string()),
                        if a != 0.0 {
                            (b - a) / a.abs() * 100.0
                        } else {
                            f64::INFINITY
                        }
                    ));
                }
            }
        }
    }
    assert!(
        moved.is_empty(),
        "{} KPIs moved from their golden values (bless with CAREFLOW_BLESS=1 if meant):\n{}",
        moved.len(),
        moved.join("\n")
    );
}
