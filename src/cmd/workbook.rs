//! `perfprog export`, `import` and `rollover`.

use std::process::ExitCode;

/// Runs `perfprog export`.
pub fn export(_args: super::ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`export` is not available yet")
}

/// Runs `perfprog import`.
pub fn import(_args: super::ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`import` is not available yet")
}

/// Runs `perfprog rollover`.
pub fn rollover(_args: super::RolloverArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`rollover` is not available yet")
}
