//! Progress bars on standard error (indicatif), drawn only when standard error is a terminal so
//! that scripts and CI logs stay clean.

use indicatif::{ProgressBar, ProgressStyle};

/// A bar counting `len` items named `what` (e.g. "replications"), or `None` when standard error
/// is not a terminal.
pub fn bar(len: u64, what: &str) -> Option<ProgressBar> {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return None;
    }
    let b = ProgressBar::new(len);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {what}, {{elapsed}} (eta {{eta}})");
    b.set_style(
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(b)
}
