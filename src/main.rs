//! The `zhenggai` binary: the library's command-line program
//! ([`zhenggai::cli::main`]) with mimalloc as its allocator.

use std::process::ExitCode;

fn main() -> ExitCode {
    zhenggai::cli::main()
}

/// mimalloc rather than the system allocator: parsing allocates many small
/// strings and vectors per notice (feature `mimalloc`, on by default).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
