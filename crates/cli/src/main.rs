//! `careflow` — the command-line face of the Careflow model, for analysts and scripts.
//!
//! Exit codes: 0 success; 1 invalid scenario (validation failed or the file is not a scenario);
//! 2 usage error; 3 input/output error; 4 internal error.

mod calibrate;
mod run;
mod sensitivity;
mod sweep;

use careflow_model::{parameters, presets, Scenario};
use std::process::ExitCode;

const HELP: &str = "careflow — whole-system health-economy scenario simulator

USAGE:
    careflow <COMMAND> [OPTIONS]

COMMANDS:
    run [--preset NAME | SCENARIO.json] [--format json|csv] [--daily] [--out FILE]
        [--engine sd|des] [--replications N] [--seed S]
                Run an engine (default: system dynamics on the BEN 2008/09 baseline).
                JSON: {\"scenario\": …, \"years\": [ {KPIs per financial year} ]}; --daily adds
                every daily series (CSV: one row per day instead of one per year).
                --engine des runs N replications (default 100) of the discrete-event engine
                from seed S (default: the scenario's): each yearly key holds the replication
                mean and gains _p5, _p50 and _p95 companions; days_with_emergency_waiting_for_bed
                is added. A progress bar is drawn on stderr when it is a terminal.
    calibrate [--replications N] [--search]
                The 2008/09 baseline in both engines side by side against the calibration
                targets, downstream utilisation, delays by reason against England's mix and who
                is responsible against DH's split (DES: mean of N replications, default 20);
                --search also finds the discharge-step factor that puts the DES on 3.2%.
    capacity [--replications N] [--svg FILE]
                Delayed transfers, occupancy and cancelled operations in 2008/09 with each
                downstream capacity scaled ×0.8 … ×1.2, both engines (markdown table; --svg
                also draws the chart).
    check [--preset NAME | SCENARIO.json] [--replications N] [--format text|json]
                The model checks on a scenario: every patient accounted for, no service above
                capacity, no negative stock, Little's law on the beds, the live engine against
                the stochastic one (N replications, default 20; 0 skips it), the calibration
                targets (baseline), the plan's arithmetic and reality checks. Exit code 0 when
                every check passes, 1 when any fails.
    sensitivity [--preset NAME | SCENARIO.json] [--kpi dtoc|cost|occupancy|home-deaths]
        [--year YYYY] [--format text|json]
                What matters most for one KPI (default dtoc) in the financial year starting in
                YYYY (default 2012, i.e. 2012/13): each headline lever run at its plausible low
                and high (the registry's evidence range), widest first, and the waterfall from
                do nothing to the scenario by lever group with the interaction term.
    sweep DESIGN.json [--shard I/N] [--out FILE]
                Run a design — a grid or a Latin hypercube over named levers, × scenarios ×
                replications — on every core; one CSV row per (design point, scenario,
                replication, year). --shard I/N (0-based I; also SLURM_ARRAY_TASK_ID/COUNT, or
                JOB_COMPLETION_INDEX with CAREFLOW_SHARDS) runs every N-th point from the I-th.
                docs/sweeps.md describes the design file.
    merge SHARD.csv... [--out FILE]
                Join shards' CSV files into what one unsharded sweep writes.
    presets     List the presets (id, name, description)
    validate SCENARIO.json
                Check a scenario file; every problem is printed with its field path
    baseline    Print the default (calibrated baseline) scenario as JSON, a template to edit
    params [--format json]
                List every lever: path, label, unit, default, range and provenance
    help        Show this help
    version     Show the version

A SCENARIO.json of '-' reads standard input.

EXIT CODES:
    0  success
    1  invalid scenario (problems printed to stderr with their field paths), or a failed check
    2  usage error
    3  input/output error (file not found, cannot write)
    4  internal error
";

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// Everything that can go wrong, with its exit code.
#[derive(Debug)]
pub enum CliError {
    Usage(String),
    Io(String),
    Parse(String),
    Invalid(Vec<careflow_model::ValidationIssue>),
    Internal(String),
    /// `careflow check`: at least one check failed (already printed).
    ChecksFailed,
}

impl CliError {
    fn code(&self) -> u8 {
        match self {
            CliError::Invalid(_) | CliError::Parse(_) | CliError::ChecksFailed => 1,
            CliError::Usage(_) => 2,
            CliError::Io(_) => 3,
            CliError::Internal(_) => 4,
        }
    }
    fn report(&self) {
        match self {
            CliError::Usage(m) => eprintln!("careflow: {m}\nRun 'careflow help' for usage."),
            CliError::Io(m) => eprintln!("careflow: {m}"),
            CliError::Parse(m) => eprintln!("careflow: not a valid scenario file: {m}"),
            CliError::Invalid(issues) => {
                eprintln!("careflow: invalid scenario ({} problem(s)):", issues.len());
                for i in issues {
                    eprintln!("  {i}");
                }
            }
            CliError::Internal(m) => eprintln!("careflow: internal error: {m}"),
            CliError::ChecksFailed => eprintln!("careflow: some model checks failed"),
        }
    }
}

fn parse_format(v: Option<&String>) -> Result<Format, CliError> {
    match v.map(String::as_str) {
        Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some(other) => Err(CliError::Usage(format!(
            "unknown format '{other}' (json or csv)"
        ))),
        None => Err(CliError::Usage(
            "--format needs a value (json or csv)".into(),
        )),
    }
}

/// `--format text|json`: true for JSON.
fn text_or_json(value: Option<&String>) -> Result<bool, CliError> {
    match value.map(String::as_str) {
        Some("json") => Ok(true),
        Some("text") => Ok(false),
        other => Err(CliError::Usage(format!(
            "--format must be text or json, not '{}'",
            other.unwrap_or("")
        ))),
    }
}

/// A whole number for `flag` in `min..=max`, or a usage error naming the flag and the range.
fn parse_number(value: Option<&String>, flag: &str, min: u64, max: u64) -> Result<u64, CliError> {
    let text =
        value.ok_or_else(|| CliError::Usage(format!("{flag} needs a value ({min} to {max})")))?;
    match text.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(CliError::Usage(format!(
            "{flag} must be a whole number from {min} to {max}, not '{text}'"
        ))),
    }
}

fn parse_run(args: &[String]) -> Result<run::RunOptions, CliError> {
    let mut opts = run::RunOptions {
        preset: None,
        file: None,
        format: Format::Json,
        out: None,
        daily: false,
        engine: run::Engine::Sd,
        replications: 100,
        seed: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--preset" => {
                opts.preset = Some(
                    it.next()
                        .cloned()
                        .ok_or_else(|| CliError::Usage("--preset needs a name".into()))?,
                )
            }
            "--format" => opts.format = parse_format(it.next())?,
            "--out" | "-o" => {
                opts.out = Some(
                    it.next()
                        .cloned()
                        .ok_or_else(|| CliError::Usage("--out needs a file".into()))?,
                )
            }
            "--daily" => opts.daily = true,
            "--replications" | "-n" => {
                opts.replications = parse_number(it.next(), "--replications", 1, 10_000)? as u32
            }
            "--seed" => opts.seed = Some(parse_number(it.next(), "--seed", 0, u64::MAX)?),
            "--engine" => match it.next().map(String::as_str) {
                Some("sd") => opts.engine = run::Engine::Sd,
                Some("des") => opts.engine = run::Engine::Des,
                Some(other) => {
                    return Err(CliError::Usage(format!(
                        "engine '{other}' is not available (sd or des)"
                    )))
                }
                None => return Err(CliError::Usage("--engine needs a value".into())),
            },
            s if s.starts_with('-') && s != "-" => {
                return Err(CliError::Usage(format!("unknown option '{s}'")))
            }
            file => {
                if opts.file.is_some() {
                    return Err(CliError::Usage("only one scenario file".into()));
                }
                opts.file = Some(file.to_string());
            }
        }
    }
    Ok(opts)
}

fn write_out(text: &str, out: Option<&str>) -> Result<(), CliError> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| CliError::Io(format!("{path}: {e}"))),
        None => {
            use std::io::Write;
            let mut so = std::io::stdout().lock();
            so.write_all(text.as_bytes())
                .map_err(|e| CliError::Io(format!("stdout: {e}")))
        }
    }
}

fn params_text(json: bool) -> Result<String, CliError> {
    let s = Scenario::default();
    if json {
        let list: Vec<serde_json::Value> = parameters()
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(p).unwrap_or_default();
                if let Some(o) = v.as_object_mut() {
                    o.insert("default".into(), serde_json::json!(s.get(p.path)));
                    o.insert("group_label".into(), serde_json::json!(p.group.label()));
                }
                v
            })
            .collect();
        return serde_json::to_string_pretty(&list)
            .map(|t| t + "\n")
            .map_err(|e| CliError::Internal(e.to_string()));
    }
    let mut out = String::new();
    for g in careflow_model::Group::ALL {
        out += &format!("== {} ==\n", g.label());
        for p in parameters().iter().filter(|p| p.group == g) {
            out += &format!(
                "{}{}\n    {} = {} {}  (allowed {} to {})\n    {}: {}\n",
                p.path,
                if p.headline { "  [headline]" } else { "" },
                p.label,
                s.get(p.path).map(|v| v.to_string()).unwrap_or_default(),
                p.unit,
                p.min,
                p.max,
                p.provenance.kind.label(),
                p.provenance.source
            );
        }
    }
    Ok(out)
}

fn dispatch(args: &[String]) -> Result<(), CliError> {
    match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => write_out(HELP, None),
        Some("version" | "-V" | "--version") => {
            write_out(&format!("careflow {}\n", careflow_model::VERSION), None)
        }
        Some("run") => {
            let opts = parse_run(&args[1..])?;
            let text = run::run(&opts)?;
            write_out(&text, opts.out.as_deref())
        }
        Some("check") => {
            let mut reps = 20u32;
            let mut json = false;
            let mut opts_args = Vec::new();
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--replications" | "-n" => {
                        reps = parse_number(it.next(), "--replications", 0, 10_000)? as u32
                    }
                    "--format" => json = text_or_json(it.next())?,
                    _ => opts_args.push(a.clone()),
                }
            }
            let opts = parse_run(&opts_args)?;
            let scenario = run::load_scenario(&opts)?;
            scenario.validate().map_err(CliError::Invalid)?;
            let checks = careflow_model::checks::check_scenario(&scenario, reps)
                .map_err(|e| CliError::Internal(e.to_string()))?;
            let text = if json {
                serde_json::to_string_pretty(&checks)
                    .map_err(|e| CliError::Internal(e.to_string()))?
                    + "\n"
            } else {
                let mut t = String::new();
                for c in &checks {
                    t += &format!(
                        "[{}] {}\n      {}; allowed: {}\n      Why: {}\n",
                        if c.passed { "pass" } else { "FAIL" },
                        c.sentence,
                        c.figure,
                        c.tolerance,
                        c.why
                    );
                }
                let failed = checks.iter().filter(|c| !c.passed).count();
                t += &format!("{} checks, {} failed\n", checks.len(), failed);
                t
            };
            write_out(&text, opts.out.as_deref())?;
            if careflow_model::checks::all_passed(&checks) {
                Ok(())
            } else {
                Err(CliError::ChecksFailed)
            }
        }
        Some("sensitivity") => {
            let (mut kpi, mut year, mut json) =
                (careflow_model::sensitivity::Kpi::DtocShare, 2012u32, false);
            let mut opts_args = Vec::new();
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--kpi" => {
                        let name = it.next().map(String::as_str).unwrap_or("");
                        kpi = careflow_model::sensitivity::Kpi::parse(name).ok_or_else(|| {
                            CliError::Usage(format!(
                                "--kpi must be dtoc, cost, occupancy or home-deaths, not '{name}'"
                            ))
                        })?
                    }
                    "--year" => year = parse_number(it.next(), "--year", 1990, 2100)? as u32,
                    "--format" => json = text_or_json(it.next())?,
                    _ => opts_args.push(a.clone()),
                }
            }
            let opts = parse_run(&opts_args)?;
            let scenario = run::load_scenario(&opts)?;
            scenario.validate().map_err(CliError::Invalid)?;
            let text = sensitivity::sensitivity(&scenario, kpi, year, json)?;
            write_out(&text, opts.out.as_deref())
        }
        Some("sweep") => {
            let mut file = None;
            let mut shard = None;
            let mut out = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--shard" => {
                        shard = Some(
                            it.next()
                                .cloned()
                                .ok_or_else(|| CliError::Usage("--shard needs I/N".into()))?,
                        )
                    }
                    "--out" | "-o" => {
                        out = Some(
                            it.next()
                                .cloned()
                                .ok_or_else(|| CliError::Usage("--out needs a file".into()))?,
                        )
                    }
                    s if s.starts_with('-') => {
                        return Err(CliError::Usage(format!("unknown option '{s}'")))
                    }
                    f => file = Some(f.to_string()),
                }
            }
            let file = file.ok_or_else(|| CliError::Usage("sweep needs DESIGN.json".into()))?;
            let text =
                std::fs::read_to_string(&file).map_err(|e| CliError::Io(format!("{file}: {e}")))?;
            let design: sweep::Design =
                serde_json::from_str(&text).map_err(|e| CliError::Parse(format!("{file}: {e}")))?;
            let shard = sweep::Shard::resolve(shard.as_deref())?;
            let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let csv = sweep::run(&design, shard, progress)?;
            write_out(&csv, out.as_deref())
        }
        Some("merge") => {
            let mut files = Vec::new();
            let mut out = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" | "-o" => {
                        out = Some(
                            it.next()
                                .cloned()
                                .ok_or_else(|| CliError::Usage("--out needs a file".into()))?,
                        )
                    }
                    f => files.push(f.to_string()),
                }
            }
            write_out(&sweep::merge(&files)?, out.as_deref())
        }
        Some("calibrate") => {
            let mut reps = 20;
            let mut search = false;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--replications" | "-n" => {
                        reps = parse_number(it.next(), "--replications", 2, 10_000)? as u32
                    }
                    "--search" => search = true,
                    other => return Err(CliError::Usage(format!("unknown option '{other}'"))),
                }
            }
            write_out(&calibrate::calibrate(reps, search)?, None)
        }
        Some("capacity") => {
            let mut opts = calibrate::CapacityOptions {
                replications: 20,
                svg: None,
            };
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--replications" | "-n" => {
                        opts.replications =
                            parse_number(it.next(), "--replications", 2, 10_000)? as u32
                    }
                    "--svg" => {
                        opts.svg = Some(
                            it.next()
                                .cloned()
                                .ok_or_else(|| CliError::Usage("--svg needs a file".into()))?,
                        )
                    }
                    other => return Err(CliError::Usage(format!("unknown option '{other}'"))),
                }
            }
            write_out(&calibrate::capacity(&opts)?, None)
        }
        Some("presets") => {
            let mut out = String::new();
            for p in presets() {
                out += &format!("{}\t{}\n    {}\n", p.id, p.name, p.description);
            }
            write_out(&out, None)
        }
        Some("validate") => {
            let path = args
                .get(1)
                .ok_or_else(|| CliError::Usage("validate needs SCENARIO.json".into()))?;
            if args.len() > 2 {
                return Err(CliError::Usage("validate takes one file".into()));
            }
            let s = run::read_scenario(path)?;
            s.validate().map_err(CliError::Invalid)?;
            write_out(&format!("{path}: valid\n"), None)
        }
        Some("baseline") => {
            let text = serde_json::to_string_pretty(&Scenario::default())
                .map_err(|e| CliError::Internal(e.to_string()))?;
            write_out(&(text + "\n"), None)
        }
        Some("params") => {
            let json = match args.get(1).map(String::as_str) {
                None => false,
                Some("--format") => parse_format(args.get(2))? == Format::Json,
                Some(other) => return Err(CliError::Usage(format!("unknown option '{other}'"))),
            };
            write_out(&params_text(json)?, None)
        }
        Some(other) => Err(CliError::Usage(format!("unknown command '{other}'"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report();
            ExitCode::from(e.code())
        }
    }
}
