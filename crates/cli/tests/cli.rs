//! Run the `careflow` binary as a user would.

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

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("careflow-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn run_json_has_scenario_and_flat_year_keys() {
    let (code, out, err) = careflow(&["run", "--preset", "do-nothing"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["scenario"]["beds"]["base"].is_number());
    let years = v["years"].as_array().unwrap();
    assert_eq!(years.len(), 6);
    assert_eq!(years[0]["year"], "2008/09");
    for key in [
        "emergency_admissions",
        "admissions_avoided",
        "elective_cancellations",
        "mean_occupied_beds",
        "mean_occupancy",
        "days_over_95pct_occupancy",
        "dtoc_share",
        "deaths",
        "home_death_share",
        "home_or_care_home_death_share",
        "hospital_death_share",
        "commissioner_cost",
        "provider_cost",
        "total_cost",
    ] {
        assert!(years[0][key].is_number(), "missing {key}");
    }
    // Calibration visible from the outside: ≈ 57,700 admissions (seed 001 §8.6).
    let adm = years[0]["emergency_admissions"].as_f64().unwrap();
    assert!((adm - 57_700.0).abs() < 577.0, "{adm}");
}

#[test]
fn baseline_round_trips_through_validate_and_run() {
    let (code, out, _) = careflow(&["baseline"]);
    assert_eq!(code, 0);
    let path = tmp("baseline.json");
    std::fs::write(&path, &out).unwrap();
    let p = path.to_str().unwrap();
    let (code, out, err) = careflow(&["validate", p]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("valid"));
    let (code, out, _) = careflow(&["run", p, "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("year,"));
    assert!(lines.next().unwrap().starts_with("2008/09,"));
    let out_file = tmp("daily.csv");
    let (code, _, _) = careflow(&[
        "run",
        "--preset",
        "winter-surge",
        "--format",
        "csv",
        "--daily",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("day,date,"));
    assert!(text.lines().nth(1).unwrap().starts_with("0,2008-04-01,"));
}

#[test]
fn invalid_scenario_names_the_field_path_and_exits_1() {
    let (_, out, _) = careflow(&["baseline"]);
    let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["beds"]["escalation_trigger"] = serde_json::json!(1.7);
    v["years"] = serde_json::json!(0);
    let path = tmp("bad.json");
    std::fs::write(&path, v.to_string()).unwrap();
    for cmd in ["validate", "run"] {
        let (code, _, err) = careflow(&[cmd, path.to_str().unwrap()]);
        assert_eq!(code, 1, "{cmd}");
        assert!(
            err.contains("beds.escalation_trigger") && err.contains("years"),
            "{err}"
        );
    }
    let junk = tmp("junk.json");
    std::fs::write(&junk, "{ not json").unwrap();
    assert_eq!(careflow(&["validate", junk.to_str().unwrap()]).0, 1);
}

#[test]
fn usage_and_io_errors_have_their_exit_codes() {
    assert_eq!(careflow(&["frobnicate"]).0, 2);
    assert_eq!(careflow(&["run", "--preset", "no-such-plan"]).0, 2);
    assert_eq!(careflow(&["run", "--format", "xml"]).0, 2);
    assert_eq!(careflow(&["validate"]).0, 2);
    assert_eq!(careflow(&["validate", "/no/such/file.json"]).0, 3);
    let (code, out, _) = careflow(&["help"]);
    assert_eq!(code, 0);
    assert!(out.contains("EXIT CODES"));
    assert!(careflow(&["version"]).1.starts_with("careflow "));
}

#[test]
fn presets_and_params_are_listed_with_provenance() {
    let (code, out, _) = careflow(&["presets"]);
    assert_eq!(code, 0);
    for id in [
        "do-nothing",
        "strategic-plan",
        "plan-with-bed-closures",
        "winter-surge",
    ] {
        assert!(out.contains(id), "{id}");
    }
    let (code, out, _) = careflow(&["params", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v.as_array().unwrap();
    assert!(list.len() >= 40);
    let trig = list
        .iter()
        .find(|p| p["path"] == "beds.escalation_trigger")
        .unwrap();
    assert_eq!(trig["default"], 0.95);
    assert_eq!(trig["provenance"]["kind"], "assumption");
    let (code, out, _) = careflow(&["params"]);
    assert_eq!(code, 0);
    assert!(out.contains("seed 001 §8.6"));
    // Each source names its kind once.
    assert!(out.contains("    assumption: 28 beds\n"), "{out}");
    assert!(!out.contains("assumption: assumption:") && !out.contains("seed: seed:"));
}

fn sweep_design(path: &std::path::Path) {
    std::fs::write(
        path,
        r#"{
  "scenarios": ["do-nothing", "strategic-plan"],
  "levers": [
    {"path": "discharge.care_packages.starts_per_week", "min": 170, "max": 230},
    {"path": "discharge.weekend_working", "min": 0.4, "max": 1.0}
  ],
  "design": {"latin_hypercube": {"points": 11}},
  "engine": "des",
  "replications": 2,
  "seed": 3
}"#,
    )
    .unwrap();
}

#[test]
fn a_sweep_split_into_shards_and_merged_is_byte_identical_to_one_run() {
    let design = tmp("design.json");
    sweep_design(&design);
    let d = design.to_str().unwrap();
    let (code, whole, err) = careflow(&["sweep", d]);
    assert_eq!(code, 0, "{err}");
    // 11 points × 2 scenarios × 2 replications × 6 years, and a header.
    assert_eq!(whole.lines().count(), 1 + 11 * 2 * 2 * 6);
    let mut shards = Vec::new();
    for i in 0..3 {
        let out = tmp(&format!("shard{i}.csv"));
        let shard = format!("{i}/3");
        let (code, _, err) = careflow(&[
            "sweep",
            d,
            "--shard",
            &shard,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        shards.push(out.to_str().unwrap().to_string());
    }
    // Merged in any order.
    let args: Vec<&str> = ["merge", &shards[2], &shards[0], &shards[1]].to_vec();
    let (code, merged, err) = careflow(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(merged, whole);
    // A shard given twice is refused, naming both.
    let (code, _, err) = careflow(&["merge", &shards[0], &shards[1], &shards[0]]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("allowed: each shard once"), "{err}");
    // A failed shard reruns alone to the same rows.
    let again = tmp("shard1-again.csv");
    let (code, _, _) = careflow(&[
        "sweep",
        d,
        "--shard",
        "1/3",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string(&shards[1]).unwrap()
    );
    // Bad shard and bad lever values are usage errors naming what is wrong.
    let (code, _, err) = careflow(&["sweep", d, "--shard", "3/3"]);
    assert_eq!(code, 2);
    assert!(err.contains("0 ≤ I < N"), "{err}");
    let bad = tmp("bad.json");
    std::fs::write(
        &bad,
        r#"{"levers": [{"path": "beds.base", "values": [-5]}]}"#,
    )
    .unwrap();
    let (code, _, err) = careflow(&["sweep", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("beds.base") && err.contains("outside"),
        "{err}"
    );
}

#[test]
fn a_sweep_design_out_of_bounds_is_refused_at_once_naming_the_field_and_range() {
    let lever = r#"{"path": "beds.base", "min": 1300, "max": 1500"#;
    let cases = [
        (
            format!(r#"{{"levers": [{lever}, "steps": 0}}]}}"#),
            "steps 0 (allowed: 1 to 1000)",
        ),
        (
            format!(r#"{{"levers": [{lever}, "steps": 100000000}}]}}"#),
            "steps 100000000 (allowed: 1 to 1000)",
        ),
        (
            format!(
                r#"{{"levers": [{lever}}}], "design": {{"latin_hypercube": {{"points": 0}}}}}}"#
            ),
            "points 0 (allowed: 1 to 1000000)",
        ),
        (
            format!(
                r#"{{"levers": [{lever}}}], "design": {{"latin_hypercube": {{"points": 1000000000}}}}}}"#
            ),
            "1000000000 design points (allowed: 1 to 1000000",
        ),
        (
            format!(r#"{{"levers": [{lever}}}], "engine": "des", "replications": 0}}"#),
            "replications 0 (allowed: 1 to 10000)",
        ),
        (
            format!(r#"{{"levers": [{lever}}}], "replications": 5}}"#),
            "the SD engine is deterministic",
        ),
        (
            format!(r#"{{"levers": [{lever}, "values": [1400]}}]}}"#),
            "both values and min/max/steps",
        ),
        (
            format!(r#"{{"levers": [{lever}}}, {lever}}}]}}"#),
            "beds.base appears twice",
        ),
        (
            r#"{"levers": [
                {"path": "beds.base", "min": 1300, "max": 1500, "steps": 1000},
                {"path": "beds.escalation_beds", "min": 0, "max": 100, "steps": 1000},
                {"path": "discharge.weekend_working", "min": 0.4, "max": 1.0, "steps": 1000}]}"#
                .to_string(),
            "1000000000 design points",
        ),
    ];
    for (i, (design, want)) in cases.iter().enumerate() {
        let path = tmp(&format!("bounds{i}.json"));
        std::fs::write(&path, design).unwrap();
        // Refused before anything is built or run (a billion points would never finish).
        let (code, _, err) = careflow(&["sweep", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{design}: {err}");
        assert!(err.contains(want), "{design}: {err}");
    }
}

#[test]
fn check_passes_on_the_baseline_and_reports_json() {
    let (code, out, err) = careflow(&["check", "--replications", "4", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let checks = v.as_array().unwrap();
    assert!(checks.len() >= 10);
    assert!(checks.iter().all(|c| c["passed"] == true));
    let (code, _, err) = careflow(&["check", "--format", "yaml"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn sensitivity_prints_the_tornado_widest_first_and_the_waterfall() {
    let (code, out, err) = careflow(&["sensitivity", "--kpi", "dtoc", "--year", "2012"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Delayed transfers (share of bed days) in 2012/13"),
        "{out}"
    );
    let first = out.lines().find(|l| l.starts_with("| Seven")).unwrap_or("");
    assert!(first.contains("Seven-day discharge"), "{out}");
    let (code, out, err) = careflow(&[
        "sensitivity",
        "--preset",
        "strategic-plan",
        "--kpi",
        "cost",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let bars = v["tornado"]["bars"].as_array().unwrap();
    // One bar per lever with an evidence range in the registry.
    assert_eq!(bars.len(), careflow_model::params::EVIDENCE.len());
    let widths: Vec<f64> = bars.iter().map(|b| b["width"].as_f64().unwrap()).collect();
    assert!(widths.windows(2).all(|w| w[0] >= w[1]));
    let steps = v["waterfall"]["steps"].as_array().unwrap();
    let sum: f64 = steps.iter().map(|s| s["change"].as_f64().unwrap()).sum();
    let (start, end) = (
        v["waterfall"]["start"].as_f64().unwrap(),
        v["waterfall"]["end"].as_f64().unwrap(),
    );
    assert!((start + sum - end).abs() < 1.0, "{start} + {sum} vs {end}");
    assert_eq!(careflow(&["sensitivity", "--kpi", "beds"]).0, 2);
    assert_eq!(careflow(&["sensitivity", "--year", "2030"]).0, 2);
}

#[test]
fn every_command_has_help_and_usage_errors_name_the_option() {
    for cmd in [
        "run",
        "calibrate",
        "capacity",
        "check",
        "sensitivity",
        "sweep",
        "merge",
        "presets",
        "validate",
        "baseline",
        "params",
        "version",
        "completions",
    ] {
        let (code, out, err) = careflow(&[cmd, "--help"]);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(
            out.contains(&format!("Usage: careflow {cmd}")),
            "{cmd}: {out}"
        );
        let (code, again, _) = careflow(&["help", cmd]);
        assert_eq!((code, again), (0, out), "careflow help {cmd}");
    }
    let (code, out, _) = careflow(&["run", "--help"]);
    assert_eq!(code, 0);
    for option in [
        "--preset",
        "--format",
        "--daily",
        "--out",
        "--engine",
        "--replications",
        "--seed",
    ] {
        assert!(out.contains(option), "run --help lacks {option}");
    }
    for (args, option) in [
        (&["run", "--replications", "0"][..], "--replications"),
        (&["run", "-n", "10001"][..], "--replications"),
        (&["run", "--engine", "gpu"][..], "--engine"),
        (&["run", "--seed", "-1"][..], "--seed"),
        (&["run", "-n", "-3"][..], "--replications"),
        (&["run", "--bogus"][..], "--bogus"),
        (&["run", "--preset"][..], "--preset"),
        (&["check", "--format", "yaml"][..], "--format"),
        (&["calibrate", "--replications", "1"][..], "--replications"),
        (&["capacity", "--svg"][..], "--svg"),
        (&["sensitivity", "--kpi", "beds"][..], "--kpi"),
        (&["sensitivity", "--year", "1900"][..], "--year"),
        (&["params", "--format", "xml"][..], "--format"),
        (&["sweep"][..], "DESIGN.json"),
        (&["completions", "tcsh"][..], "tcsh"),
    ] {
        let (code, _, err) = careflow(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(option),
            "{args:?} does not name {option}: {err}"
        );
    }
}

#[test]
fn completions_are_printed_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = careflow(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for word in [
            "careflow",
            "sensitivity",
            "replications",
            "preset",
            "completions",
        ] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn options_take_their_documented_short_forms_and_standard_input() {
    let out_file = tmp("short-out.csv");
    let (code, _, err) = careflow(&["run", "--format", "csv", "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&out_file)
        .unwrap()
        .starts_with("year,"));
    let (_, baseline, _) = careflow(&["baseline"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_careflow"))
        .args(["validate", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(baseline.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("-: valid"));
    let (code, out, _) = careflow(&[]);
    assert_eq!(code, 0);
    assert!(out.contains("EXIT CODES"));
}

#[test]
fn seek_finds_the_death_rate_the_hand_calculation_gives_and_links_it() {
    // Deaths = crude rate × 440,000 people: ≤ 3,500 in 2008/09 needs ≤ 7.95 per 1,000, so 7.9
    // on the lever's 0.1 grid (8.0 gives ≈ 3,520).
    let (code, out, err) = careflow(&[
        "seek",
        "--target",
        "deaths<=3500",
        "--year",
        "2008",
        "--lever",
        "end_of_life.crude_death_rate",
        "-n",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = &v["answer"];
    assert_eq!(a["outcome"], "met");
    assert_eq!(a["answer"]["lever"], 7.9);
    assert_eq!(a["loosened"]["lever"], 8.0);
    assert_eq!(a["loosened"]["meets"], false);
    assert_eq!(a["confirmation"]["replications"], 2);
    assert!(a["link"]
        .as_str()
        .unwrap()
        .contains("end_of_life.crude_death_rate=7.9"));
    // Text: the answer in words and the link.
    let (code, out, err) = careflow(&[
        "seek",
        "--target",
        "deaths<=3500",
        "--year",
        "2008",
        "--lever",
        "end_of_life.crude_death_rate",
        "-n",
        "0",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("7.9 per 1,000 people a year"), "{out}");
    assert!(out.contains("#v=1&"), "{out}");
}

#[test]
fn seek_says_when_a_target_cannot_be_met() {
    let (code, out, err) = careflow(&[
        "seek",
        "--target",
        "deaths<=-1",
        "--year",
        "2008",
        "--lever",
        "end_of_life.crude_death_rate",
        "-n",
        "0",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("cannot be met"), "{out}");
}

#[test]
fn seek_refusals_name_the_option_the_field_and_the_range() {
    let base = [
        "seek",
        "--target",
        "deaths<=3500",
        "--year",
        "2008",
        "--lever",
        "end_of_life.crude_death_rate",
    ];
    let with = |swap: &[(&str, &str)], extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        for (opt, val) in swap {
            let i = args.iter().position(|a| a == opt).unwrap();
            args[i + 1] = val;
        }
        args.extend_from_slice(extra);
        careflow(&args)
    };
    let (code, _, err) = with(&[("--lever", "beds.nope")], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--lever") && err.contains("careflow params"),
        "{err}"
    );
    let (code, _, err) = with(&[("--target", "happiness<=1")], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--target") && err.contains("dtoc_share"),
        "{err}"
    );
    let (code, _, err) = with(&[("--target", "deaths=3500")], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("KPI<=VALUE"), "{err}");
    let (code, _, err) = with(&[("--year", "2030")], &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--year") && err.contains("2008/09 to 2013/14"),
        "{err}"
    );
    let (code, _, err) = with(&[], &["--from", "0", "--to", "60"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--from/--to") && err.contains("from 0.1 to 50 per 1,000/year"),
        "{err}"
    );
    let (code, _, err) = with(&[], &["-n", "-3"]);
    assert_eq!(code, 2);
    assert!(err.contains("from 0 to 10000"), "{err}");
    let (code, out, _) = careflow(&["seek", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("winter_days_over_95_share") && out.contains("--lever"));
}

#[test]
fn services_lists_each_service_of_the_plan_with_its_year_and_refuses_a_year_outside_the_run() {
    let (code, out, err) = careflow(&["services", "--preset", "strategic-plan", "--year", "2012"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("### Community services in 2012/13"), "{out}");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Service"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    // The plan's catalogue (seed 001 §8): every service it switches on has a row.
    for name in [
        "Community matrons",
        "Birmingham OwnHealth",
        "Community rehabilitation",
        "Rapid response",
    ] {
        assert!(
            rows.iter().any(|r| r[0].starts_with(name)),
            "{name} missing:\n{out}"
        );
    }
    // Caseloads within places, and the rows' avoided admissions add up to the headline total.
    let num = |c: &str| c.replace(',', "").parse::<f64>().expect("a number");
    for r in &rows {
        assert!(num(r[2]) <= num(r[1]) + 0.5, "{r:?}");
    }
    let total: f64 = rows.iter().map(|r| num(r[6])).sum();
    let headline = out
        .split(" admissions avoided by the community services")
        .next()
        .and_then(|h| h.lines().last())
        .map(num)
        .expect("a headline total");
    assert!(
        (total - headline).abs() <= rows.len() as f64,
        "{total} vs {headline}"
    );
    let (code, _, err) = careflow(&["services", "--year", "2030"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--year 2030") && err.contains("2008 to 2013"),
        "{err}"
    );
}
