//! The `zhenggai` binary: parses arguments, runs the CLI, maps the outcome to
//! an exit code (0 all parsed, 1 some input failed, 2 the command line cannot
//! run, 3 the run itself failed, 128 + the signal when interrupted) and treats
//! a closed stdout (`| head`) as a clean end.

mod cli;

use std::io::{self, ErrorKind};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match cli::run(cli, &mut lock) {
        Ok(cli::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cli::Outcome::SomeFailed) => ExitCode::from(1),
        Ok(cli::Outcome::Interrupted(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX)),
        Err(cli::Stop::Run(error)) if error.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(cli::Stop::Usage(message)) => {
            cli::warn(message);
            ExitCode::from(2)
        }
        Err(cli::Stop::Run(error)) => {
            cli::warn(error);
            ExitCode::from(3)
        }
    }
}

/// mimalloc rather than the system allocator: parsing allocates many small
/// strings and vectors per notice (feature `mimalloc`, on by default).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
