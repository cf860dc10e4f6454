//! `careflow` — the command-line face of the Careflow model, for analysts and scripts.
//!
//! Exit codes: 0 success; 1 invalid scenario (validation failed or the file is not a scenario);
//! 2 usage error; 3 input/output error; 4 internal error.

mod calibrate;
mod money;
mod progress;
mod run;
mod seek;
mod sensitivity;
mod services;
mod sweep;

use careflow_model::sensitivity::Kpi;
use careflow_model::{parameters, presets, Scenario};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// What the top-level help says after the list of commands.
const AFTER_HELP: &str =
    "A SCENARIO.json of '-' reads standard input. 'careflow help <COMMAND>' (or
'careflow <COMMAND> --help') describes one command and its options.

EXIT CODES:
    0  success
    1  invalid scenario (problems printed to stderr with their field paths), or a failed check
    2  usage error
    3  input/output error (file not found, cannot write)
    4  internal error";

/// careflow — whole-system health-economy scenario simulator
#[derive(Debug, Parser)]
#[command(
    name = "careflow",
    version = careflow_model::VERSION,
    after_help = AFTER_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where the scenario comes from: a preset, a file, or (neither) the calibrated baseline.
#[derive(Debug, Args)]
struct ScenarioArgs {
    /// Start from this preset (`careflow presets` lists them)
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    preset: Option<String>,
    /// A scenario file ('-' reads standard input); default: the calibrated baseline
    #[arg(value_name = "SCENARIO.json")]
    file: Option<String>,
}

/// `--format json|csv` of `careflow run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RunFormat {
    Json,
    Csv,
}

/// `--format text|json` of `check`, `sensitivity` and `params`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EngineArg {
    /// Deterministic system dynamics
    Sd,
    /// Stochastic discrete-event replications
    Des,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run an engine (default: system dynamics on the BEN 2008/09 baseline)
    #[command(
        long_about = "Run an engine (default: system dynamics on the BEN 2008/09 baseline).

JSON: {\"scenario\": …, \"years\": [ {KPIs per financial year} ]}; --daily adds every daily series
(CSV: one row per day instead of one per year). --engine des runs N replications (default 100) of
the discrete-event engine from seed S (default: the scenario's): each yearly key holds the
replication mean and gains _p5, _p50 and _p95 companions; days_with_emergency_waiting_for_bed is
added. A progress bar is drawn on stderr when it is a terminal."
    )]
    Run {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = RunFormat::Json)]
        format: RunFormat,
        /// Add every daily series (SD engine only)
        #[arg(long)]
        daily: bool,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
        /// The engine
        #[arg(long, value_enum, default_value_t = EngineArg::Sd)]
        engine: EngineArg,
        /// DES replications
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true, default_value_t = 100,
              value_parser = whole_number::<1, 10_000>)]
        replications: u32,
        /// DES seed (default: the scenario's)
        #[arg(long, value_name = "S", allow_negative_numbers = true)]
        seed: Option<u64>,
    },
    /// The 2008/09 baseline in both engines side by side against the calibration targets
    #[command(
        long_about = "The 2008/09 baseline in both engines side by side against the calibration targets,
downstream utilisation, delays by reason against England's mix and who is responsible against
DH's split (DES: mean of N replications)."
    )]
    Calibrate {
        /// DES replications
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true, default_value_t = 20,
              value_parser = whole_number::<2, 10_000>)]
        replications: u32,
        /// Also find the discharge-step factor that puts the DES on 3.2%
        #[arg(long)]
        search: bool,
    },
    /// Delays, occupancy and cancelled operations with each downstream capacity scaled ×0.8 … ×1.2
    #[command(
        long_about = "Delayed transfers, occupancy and cancelled operations in 2008/09 with each downstream
capacity scaled ×0.8 … ×1.2, both engines (markdown table; --svg also draws the chart)."
    )]
    Capacity {
        /// DES replications
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true, default_value_t = 20,
              value_parser = whole_number::<2, 10_000>)]
        replications: u32,
        /// Also draw the chart as SVG into FILE
        #[arg(long, value_name = "FILE")]
        svg: Option<String>,
    },
    /// The model checks on a scenario; exit code 0 when every check passes, 1 when any fails
    #[command(
        long_about = "The model checks on a scenario: every patient accounted for, no service above capacity, no
negative stock, Little's law on the beds, the live engine against the stochastic one (N
replications; 0 skips it), the calibration targets (baseline), the plan's arithmetic and reality
checks. Exit code 0 when every check passes, 1 when any fails."
    )]
    Check {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// DES replications for the engine comparison (0 skips it)
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true, default_value_t = 20,
              value_parser = whole_number::<0, 10_000>)]
        replications: u32,
        /// Output format
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// What matters most for one KPI: the tornado of headline levers and the waterfall from do nothing
    #[command(
        long_about = "What matters most for one KPI in the financial year starting in YYYY (2012 is 2012/13):
each headline lever run at its plausible low and high (the registry's evidence range), widest
first, and the waterfall from do nothing to the scenario by lever group with the interaction term."
    )]
    Sensitivity {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// The KPI: dtoc, cost, occupancy or home-deaths
        #[arg(long, value_name = "KPI", default_value = "dtoc", value_parser = parse_kpi)]
        kpi: Kpi,
        /// The financial year starting in YYYY
        #[arg(long, value_name = "YYYY", allow_negative_numbers = true, default_value_t = 2012,
              value_parser = whole_number::<1990, 2100>)]
        year: u32,
        /// Output format
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// What it takes: the lever value that just meets a target (SD bisection, DES confirmation)
    #[command(
        long_about = "What it takes: the value of one lever that just meets a target on a yearly KPI, found by
bisection on the system-dynamics engine over the lever's range (a coarse scan first checks the KPI
is monotone in the lever; if not, the first crossing from the low end is bracketed), snapped to
the lever's step, then confirmed with N discrete-event replications: the share of them meeting
the target is the chance it holds, with its Monte Carlo error. Or it says the target cannot be
met within the range, with the best value reached at either end. The answer carries the share
link that reproduces it. docs/seek.md has worked examples.

KPI is any key of the yearly results ('careflow run' JSON: dtoc_share, deaths,
mean_occupancy, …), a short name of 'careflow sensitivity' (dtoc, cost, occupancy,
home-deaths), or winter_days_over_95_share: the chance that a day from 1 December to 31 March
has more than 95% of the open base beds occupied.",
        after_help = "EXAMPLES:
    careflow seek --preset strategic-plan --target 'dtoc_share<=2%' --year 2012 \\
        --lever discharge.care_packages.added_per_week --from 0 --to 200
    careflow seek --preset strategic-plan --target 'winter_days_over_95_share<=0.10' \\
        --year 2012 --lever beds.base --from 1000 --to 1450 -n 20"
    )]
    Seek {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// The target: KPI<=VALUE or KPI>=VALUE (VALUE in the KPI's unit; a share as 0.02 or 2%)
        #[arg(long, value_name = "KPI<=VALUE")]
        target: String,
        /// The financial year starting in YYYY
        #[arg(long, value_name = "YYYY", allow_negative_numbers = true, default_value_t = 2012,
              value_parser = whole_number::<1990, 2100>)]
        year: u32,
        /// The lever to move: a registered path (`careflow params` lists them)
        #[arg(long, value_name = "PATH")]
        lever: String,
        /// Search from this lever value (default: the lever's minimum)
        #[arg(long, value_name = "X", allow_negative_numbers = true)]
        from: Option<f64>,
        /// Search up to this lever value (default: the lever's maximum)
        #[arg(long, value_name = "X", allow_negative_numbers = true)]
        to: Option<f64>,
        /// DES replications confirming the answer (0 skips the confirmation)
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true, default_value_t = 20,
              value_parser = whole_number::<0, 10_000>)]
        replications: u32,
        /// Points of the coarse scan
        #[arg(long, value_name = "N", allow_negative_numbers = true, default_value_t = 21,
              value_parser = whole_number::<3, 201>)]
        scan: u32,
        /// Output format
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// Run a design (a grid or a Latin hypercube over levers × scenarios × replications) on every core
    #[command(
        long_about = "Run a design — a grid or a Latin hypercube over named levers, × scenarios × replications —
on every core; one CSV row per (design point, scenario, replication, year). docs/sweeps.md
describes the design file."
    )]
    Sweep {
        /// The design file
        #[arg(value_name = "DESIGN.json")]
        design: String,
        /// Run every N-th point from the I-th (0-based I); also read from SLURM_ARRAY_TASK_ID and
        /// SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with CAREFLOW_SHARDS
        #[arg(long, value_name = "I/N")]
        shard: Option<String>,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// Join shards' CSV files into what one unsharded sweep writes
    Merge {
        /// The shards' files, in any order
        #[arg(value_name = "SHARD.csv", required = true)]
        files: Vec<String>,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// The three payers' accounts against do-nothing; with --packages, total cost against care-package capacity
    #[command(
        long_about = "The three payers' accounts — commissioner, acute trust, social care — of a scenario against
do-nothing, year by year by cause, with the plan's investment and savings, the savings the PCT had
to find and its budget (markdown, system dynamics). With --packages FROM:TO:STEP: total cost in
the --year against care-package starts a week instead, with the scenario's block/spot mix (add
-n N for DES means)."
    )]
    Money {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// Care-package starts a week to sweep, FROM:TO:STEP (e.g. 168:220:4)
        #[arg(long, value_name = "FROM:TO:STEP", value_parser = money::parse_packages)]
        packages: Option<money::Packages>,
        /// The financial year starting in YYYY (for --packages)
        #[arg(long, value_name = "YYYY", allow_negative_numbers = true, default_value_t = 2009,
              value_parser = whole_number::<1990, 2100>)]
        year: u32,
        /// DES replications for --packages (0: system dynamics only)
        #[arg(long, short = 'n', value_name = "N", allow_negative_numbers = true, default_value_t = 0,
              value_parser = whole_number::<0, 1000>)]
        replications: u32,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// Each community service in one year: places, caseload, waiting, referred, turned away, avoided
    Services {
        #[command(flatten)]
        scenario: ScenarioArgs,
        /// The financial year starting in YYYY
        #[arg(long, value_name = "YYYY", allow_negative_numbers = true, default_value_t = 2012,
              value_parser = whole_number::<1990, 2100>)]
        year: u32,
        /// Write to FILE instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<String>,
    },
    /// List the presets (id, name, description)
    Presets,
    /// Check a scenario file; every problem is printed with its field path
    Validate {
        /// The scenario file ('-' reads standard input)
        #[arg(value_name = "SCENARIO.json")]
        file: String,
    },
    /// Print the default (calibrated baseline) scenario as JSON, a template to edit
    Baseline,
    /// List every lever: path, label, unit, default, range and provenance
    Params {
        /// Output format
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Show the version
    Version,
    /// Print a shell completion script (e.g. `careflow completions bash > /etc/bash_completion.d/careflow`)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// A whole number from `MIN` to `MAX`, or a message giving the range in words.
fn whole_number<const MIN: u32, const MAX: u32>(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(n) if (MIN..=MAX).contains(&n) => Ok(n),
        _ => Err(format!("must be a whole number from {MIN} to {MAX}")),
    }
}

/// `--kpi`: a KPI's short name (or its key in the results).
fn parse_kpi(name: &str) -> Result<Kpi, String> {
    Kpi::parse(name).ok_or_else(|| "must be dtoc, cost, occupancy or home-deaths".to_string())
}

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
            CliError::Usage(m) => {
                eprintln!("careflow: {m}\nRun 'careflow help' for usage.")
            }
            CliError::Io(m) => eprintln!("careflow: {m}"),
            CliError::Parse(m) => eprintln!("careflow: {m}"),
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
                // (Most sources begin with their kind already: "assumption: 28 beds".)
                p.provenance
                    .source
                    .strip_prefix(&format!("{}: ", p.provenance.kind.label()))
                    .unwrap_or(p.provenance.source)
            );
        }
    }
    Ok(out)
}

fn dispatch(command: Option<Command>) -> Result<(), CliError> {
    let Some(command) = command else {
        let help = Cli::command().render_help().to_string();
        return write_out(&(help + "\n"), None);
    };
    match command {
        Command::Version => write_out(&format!("careflow {}\n", careflow_model::VERSION), None),
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "careflow", &mut text);
            let text = String::from_utf8(text).map_err(|e| CliError::Internal(e.to_string()))?;
            write_out(&text, None)
        }
        Command::Run {
            scenario,
            format,
            daily,
            out,
            engine,
            replications,
            seed,
        } => {
            let opts = run::RunOptions {
                preset: scenario.preset,
                file: scenario.file,
                format: match format {
                    RunFormat::Json => Format::Json,
                    RunFormat::Csv => Format::Csv,
                },
                out,
                daily,
                engine: match engine {
                    EngineArg::Sd => run::Engine::Sd,
                    EngineArg::Des => run::Engine::Des,
                },
                replications,
                seed,
            };
            let text = run::run(&opts)?;
            write_out(&text, opts.out.as_deref())
        }
        Command::Check {
            scenario,
            replications,
            format,
            out,
        } => {
            let scenario = load_valid(scenario)?;
            let checks = careflow_model::checks::check_scenario(&scenario, replications)
                .map_err(|e| CliError::Internal(e.to_string()))?;
            let text = if format == TextOrJson::Json {
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
            write_out(&text, out.as_deref())?;
            if careflow_model::checks::all_passed(&checks) {
                Ok(())
            } else {
                Err(CliError::ChecksFailed)
            }
        }
        Command::Sensitivity {
            scenario,
            kpi,
            year,
            format,
            out,
        } => {
            let scenario = load_valid(scenario)?;
            let text = sensitivity::sensitivity(&scenario, kpi, year, format == TextOrJson::Json)?;
            write_out(&text, out.as_deref())
        }
        Command::Seek {
            scenario,
            target,
            year,
            lever,
            from,
            to,
            replications,
            scan,
            format,
            out,
        } => {
            let preset = scenario.preset.clone();
            let s = load_valid(scenario)?;
            let text = seek::run(
                &s,
                &seek::SeekOptions {
                    preset,
                    target,
                    year,
                    lever,
                    from,
                    to,
                    replications,
                    scan: scan as usize,
                    json: format == TextOrJson::Json,
                },
            )?;
            write_out(&text, out.as_deref())
        }
        Command::Sweep { design, shard, out } => {
            let text = std::fs::read_to_string(&design)
                .map_err(|e| CliError::Io(format!("{design}: {e}")))?;
            let parsed: sweep::Design = serde_json::from_str(&text)
                .map_err(|e| CliError::Parse(format!("not a valid sweep design: {design}: {e}")))?;
            let shard = sweep::Shard::resolve(shard.as_deref())?;
            let csv = sweep::run(&parsed, shard)?;
            write_out(&csv, out.as_deref())
        }
        Command::Merge { files, out } => write_out(&sweep::merge(&files)?, out.as_deref()),
        Command::Calibrate {
            replications,
            search,
        } => write_out(&calibrate::calibrate(replications, search)?, None),
        Command::Capacity { replications, svg } => write_out(
            &calibrate::capacity(&calibrate::CapacityOptions { replications, svg })?,
            None,
        ),
        Command::Money {
            scenario,
            packages,
            year,
            replications,
            out,
        } => {
            let scenario = load_valid(scenario)?;
            let text = match packages {
                Some(p) => money::packages(&scenario, p, year, replications)?,
                None => money::accounts(&scenario)?,
            };
            write_out(&text, out.as_deref())
        }
        Command::Services {
            scenario,
            year,
            out,
        } => {
            let scenario = load_valid(scenario)?;
            write_out(&services::table(&scenario, year)?, out.as_deref())
        }
        Command::Presets => {
            let mut out = String::new();
            for p in presets() {
                out += &format!("{}\t{}\n    {}\n", p.id, p.name, p.description);
            }
            write_out(&out, None)
        }
        Command::Validate { file } => {
            let s = run::read_scenario(&file)?;
            s.validate().map_err(CliError::Invalid)?;
            write_out(&format!("{file}: valid\n"), None)
        }
        Command::Baseline => {
            let text = serde_json::to_string_pretty(&Scenario::default())
                .map_err(|e| CliError::Internal(e.to_string()))?;
            write_out(&(text + "\n"), None)
        }
        Command::Params { format } => write_out(&params_text(format == TextOrJson::Json)?, None),
    }
}

/// The scenario named by `args` (preset, file or baseline), validated.
/// `--year YYYY` (the year a financial year starts in) as an index into `s`'s years, or a usage
/// error naming the option and the years the scenario runs.
pub(crate) fn year_index(s: &Scenario, year: u32) -> Result<usize, CliError> {
    year.checked_sub(s.start_year)
        .filter(|&i| i < s.years)
        .map(|i| i as usize)
        .ok_or_else(|| {
            CliError::Usage(format!(
                "--year {year} must be from {} to {} (the year a financial year starts in)",
                s.start_year,
                s.start_year + s.years - 1
            ))
        })
}

fn load_valid(args: ScenarioArgs) -> Result<Scenario, CliError> {
    let scenario = run::load_scenario(&run::RunOptions {
        preset: args.preset,
        file: args.file,
        format: Format::Json,
        out: None,
        daily: false,
        engine: run::Engine::Sd,
        replications: 1,
        seed: None,
    })?;
    scenario.validate().map_err(CliError::Invalid)?;
    Ok(scenario)
}

fn main() -> ExitCode {
    // Usage errors exit 2 with clap's message naming the option; --help and --version exit 0.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report();
            ExitCode::from(e.code())
        }
    }
}
