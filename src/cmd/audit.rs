//! `perfprog audit`.

use std::process::ExitCode;

/// Runs `perfprog audit`.
pub fn run(_args: super::AuditArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`audit` is not available yet")
}
