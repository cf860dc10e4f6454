//! Why a run could not be made.

use crate::scenario::ValidationIssue;
use std::fmt;

/// Why a run could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    /// The scenario failed validation: every problem, with its field path.
    Invalid(Vec<ValidationIssue>),
    /// The run produced a non-finite number (a bug: please report the scenario).
    NonFinite { series: &'static str, day: usize },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Invalid(issues) => {
                write!(f, "invalid scenario ({} problem(s))", issues.len())?;
                for i in issues {
                    write!(f, "\n  {i}")?;
                }
                Ok(())
            }
            ModelError::NonFinite { series, day } => {
                write!(
                    f,
                    "internal error: non-finite value in '{series}' on day {day}"
                )
            }
        }
    }
}

impl std::error::Error for ModelError {}
