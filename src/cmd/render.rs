//! `perfprog render`.

use std::process::ExitCode;

/// Runs `perfprog render`.
pub fn run(_args: super::RenderArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`render` is not available yet")
}
