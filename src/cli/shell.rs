//! `zhenggai completions SHELL` and `zhenggai man`: the shell completion
//! script and the roff manual pages, generated from the same clap
//! definition as `--help` (clap_complete, clap_mangen), so they always list
//! the subcommands and options of this build.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};
use clap_mangen::Man;

use super::{Cli, Stop, printable};

/// The command the completion scripts complete and the manual pages name.
const PROGRAM: &str = "zhenggai";

/// Writes the completion script of `shell` to `out`.
pub(super) fn write_completions(shell: Shell, out: &mut dyn Write) -> Result<(), Stop> {
    let mut command = Cli::command().bin_name(PROGRAM);
    command.build();
    shell.try_generate(&command, out)?;
    Ok(())
}

/// The program as its manual pages describe it: without the `help`
/// subcommand, which has no page (`--help` is on every page).
fn documented_program() -> clap::Command {
    let mut program = Cli::command().disable_help_subcommand(true);
    program.build();
    program
}

/// Writes the manual page of the whole program (its options and the list
/// of subcommands) to `out`.
pub(super) fn write_man_page(out: &mut dyn Write) -> Result<(), Stop> {
    man_page(documented_program()).render(out)?;
    Ok(())
}

/// Writes one manual page per command into `dir` (created if missing):
/// `zhenggai.1`, `zhenggai-parse.1`, …, `zhenggai-rules-export.1`,
/// replacing pages written before; lists each path on `out`.
pub(super) fn write_man_pages(dir: &Path, out: &mut dyn Write) -> Result<(), Stop> {
    fs::create_dir_all(dir).map_err(|error| failed("cannot create", dir, error))?;
    write_page_tree(documented_program(), dir, out)
}

/// Writes the page of `command`, then those of its subcommands, in the
/// order of `--help`.
fn write_page_tree(command: clap::Command, dir: &Path, out: &mut dyn Write) -> Result<(), Stop> {
    let page = man_page(command.clone());
    let path = dir.join(page.get_filename());
    let write_page = || -> io::Result<()> {
        let mut file = BufWriter::new(File::create(&path)?);
        page.render(&mut file)?;
        file.flush()
    };
    write_page().map_err(|error| failed("cannot write", &path, error))?;
    writeln!(out, "{}", printable(&path.display().to_string()))?;
    for subcommand in command.get_subcommands().filter(|subcommand| !subcommand.is_hide_set()) {
        write_page_tree(subcommand.clone(), dir, out)?;
    }
    Ok(())
}

/// The manual page of `command`, its footer naming the program and its
/// version (a subcommand has no version of its own).
fn man_page(command: clap::Command) -> Man {
    Man::new(command).source(format!("{PROGRAM} {}", env!("ZHENGGAI_VERSION")))
}

/// A failed file operation (exit 3), saying what could not be done to which path.
fn failed(what: &str, path: &Path, error: io::Error) -> Stop {
    Stop::Run(io::Error::new(
        error.kind(),
        format!("{what} {}: {error}", path.display()),
    ))
}
