//! `careflow` — the command-line face of the Careflow model, for analysts and scripts.

use std::process::ExitCode;

const HELP: &str = "careflow — whole-system health-economy scenario simulator

USAGE:
    careflow <COMMAND> [OPTIONS]

COMMANDS:
    help        Show this help
    version     Show the version

OPTIONS:
    -h, --help       Show this help
    -V, --version    Show the version
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some("version" | "-V" | "--version") => {
            println!("careflow {}", careflow_model::VERSION);
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("careflow: unknown command '{other}'. Run 'careflow help' for the commands.");
            ExitCode::from(2)
        }
    }
}
