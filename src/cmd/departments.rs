//! `perfprog departments`.

use std::process::ExitCode;

/// Runs `perfprog departments`.
pub fn run(_args: super::DepartmentsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`departments` is not available yet")
}
