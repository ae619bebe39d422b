//! The `perfprog` command line: parses arguments and dispatches to one module
//! per subcommand (`src/cmd/*.rs`). Exit codes: 0 ok; 1 only where the
//! command judges (audit with error findings, `build --strict`); 2 failure.

mod cmd;

/// The command's allocator (the library leaves the choice to its callers).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let error = cmd::describe(&err);
            eprintln!("perfprog: {}", perfprog::msg!("cli-error", error = error));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
