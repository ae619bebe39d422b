//! `perfprog build`.

use std::process::ExitCode;

/// Runs `perfprog build`.
pub fn run(_args: super::BuildArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`build` is not available yet")
}
