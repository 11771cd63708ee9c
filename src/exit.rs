//! Exit codes, in one place.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything went well (warnings allowed).
    Success,
    /// A data problem: an invalid sheet, an unknown id, a failed import.
    DataProblem,
    /// The command line itself was wrong.
    Usage,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::DataProblem => 1,
            Exit::Usage => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// An error caused by how pacte was called (an unknown theme in a filter,
/// say), reported with exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Work stopped by a signal (Ctrl-C is SIGINT) after everything it had
/// begun was taken back, reported with exit code 128 + the signal's number.
#[derive(Debug)]
pub struct Interrupted {
    pub signal: u8,
    /// What was taken back, for the message.
    pub what: &'static str,
}

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "interrupted: {}", self.what)
    }
}

impl std::error::Error for Interrupted {}

impl Interrupted {
    pub fn code(&self) -> u8 {
        128_u8.saturating_add(self.signal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::DataProblem.code(), 1);
        assert_eq!(Exit::Usage.code(), 2);
        let ctrl_c = Interrupted {
            signal: 2,
            what: "",
        };
        assert_eq!(ctrl_c.code(), 130);
    }
}
