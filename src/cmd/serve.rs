//! `perfprog serve`: parses the arguments and runs the web app
//! ([`perfprog::serve`]).

use std::process::ExitCode;

use anyhow::Context;

/// Runs `perfprog serve` until Ctrl-C.
pub fn run(args: super::ServeArgs) -> anyhow::Result<ExitCode> {
    let exe = std::env::current_exe().context("failed to find the perfprog binary for the jobs")?;
    let mut options = perfprog::serve::Options::new(exe);
    options.listen = args.listen;
    options.token = args.token;
    if let Some(w) = args.workspace {
        options.workspace = w;
    }
    perfprog::serve::run(options)?;
    Ok(ExitCode::SUCCESS)
}
