//! `careflow run --engine des`: replication means with p5/p50/p95 companions, seeds, usage errors.

use std::process::Command;

fn careflow(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_careflow"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn des_json(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = careflow(args);
    assert_eq!(code, 0, "{err}");
    // Not a terminal here, so no progress bar may appear on stderr.
    assert!(
        !err.contains("replications"),
        "progress bar drawn on a non-terminal: {err}"
    );
    serde_json::from_str(&out).expect("JSON")
}

#[test]
fn des_years_hold_means_and_ordered_percentiles() {
    let v = des_json(&[
        "run",
        "--engine",
        "des",
        "--replications",
        "6",
        "--seed",
        "11",
        "--preset",
        "strategic-plan",
    ]);
    assert_eq!(v["engine"], "des");
    assert_eq!(v["replications"], 6);
    assert_eq!(v["seed"], 11);
    let years = v["years"].as_array().expect("years");
    assert_eq!(years.len(), 6);
    for y in years {
        for key in [
            "emergency_admissions",
            "mean_occupancy",
            "dtoc_share",
            "home_or_care_home_death_share",
            "total_cost",
            "days_with_emergency_waiting_for_bed",
        ] {
            let get = |k: &str| {
                y[k].as_f64()
                    .unwrap_or_else(|| panic!("{k} missing in {}", y["year"]))
            };
            let (mean, p5, p50, p95) = (
                get(key),
                get(&format!("{key}_p5")),
                get(&format!("{key}_p50")),
                get(&format!("{key}_p95")),
            );
            assert!(
                p5 <= p50 && p50 <= p95,
                "{key}: p5 {p5} p50 {p50} p95 {p95}"
            );
            assert!(
                p5 <= mean && mean <= p95,
                "{key}: mean {mean} outside [{p5}, {p95}]"
            );
            assert!(mean.is_finite() && mean >= 0.0, "{key}: {mean}");
        }
    }
    // Replications differ, so a year's admissions have a spread.
    let y = &years[4];
    assert!(y["emergency_admissions_p95"].as_f64() > y["emergency_admissions_p5"].as_f64());
}

#[test]
fn des_same_seed_same_answer_other_seed_other_answer() {
    let a = des_json(&["run", "--engine", "des", "-n", "3", "--seed", "5"]);
    let b = des_json(&["run", "--engine", "des", "-n", "3", "--seed", "5"]);
    let c = des_json(&["run", "--engine", "des", "-n", "3", "--seed", "6"]);
    assert_eq!(a["years"], b["years"]);
    assert_ne!(a["years"], c["years"]);
}

#[test]
fn des_agrees_with_sd_on_admissions_where_beds_do_not_bind() {
    // Emergency admissions are demand minus avoidance; both engines share those definitions, so
    // the DES mean over replications must sit within a few per cent of the SD figure.
    let des = des_json(&[
        "run",
        "--engine",
        "des",
        "-n",
        "6",
        "--preset",
        "do-nothing",
    ]);
    let (code, out, err) = careflow(&["run", "--preset", "do-nothing"]);
    assert_eq!(code, 0, "{err}");
    let sd: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = des["years"][0]["emergency_admissions"].as_f64().unwrap();
    let s = sd["years"][0]["emergency_admissions"].as_f64().unwrap();
    assert!((d - s).abs() / s < 0.02, "DES {d} vs SD {s}");
}

#[test]
fn des_usage_errors_name_the_flag_and_range() {
    let (code, _, err) = careflow(&["run", "--engine", "des", "--replications", "0"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--replications") && err.contains("1 to 10000"),
        "{err}"
    );
    let (code, _, err) = careflow(&["run", "--engine", "des", "--seed", "-4"]);
    assert_eq!(code, 2);
    assert!(err.contains("--seed"), "{err}");
    let (code, _, err) = careflow(&["run", "--engine", "des", "--daily"]);
    assert_eq!(code, 2);
    assert!(err.contains("--daily"), "{err}");
    let (code, _, err) = careflow(&["run", "--engine", "quantum"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--engine") && err.contains("possible values: sd, des"),
        "{err}"
    );
}
