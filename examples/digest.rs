//! Prints the native determinism digests ("sd=HEX des=HEX") that the browser test compares with
//! its own. Used by scripts/test.sh: `cargo run -q -p careflow --example digest`.

fn main() {
    match careflow::determinism::digests(&careflow::determinism::check_scenario(), 3) {
        Ok(line) => println!("{line}"),
        Err(e) => {
            eprintln!("digest: {e}");
            std::process::exit(1);
        }
    }
}
