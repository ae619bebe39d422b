//! `perfprog diff`.

use std::process::ExitCode;

/// Runs `perfprog diff`.
pub fn run(_args: super::DiffArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`diff` is not available yet")
}
