//! Comparison report of the corpus: parses every notice in `corpus/` (`*.txt`,
//! `*.html`), or in the folders given after the output path, and writes the
//! HTML report of [`zhenggai::compare`] to the path given as the first
//! argument. A notice that cannot be read or parsed appears as an error row.
//!
//! ```text
//! cargo run --example compare_report -- /tmp/report.html
//! cargo run --example compare_report -- /tmp/report.html corpus other/notices
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zhenggai::compare::{Row, row_from_record, write_html};

/// The comparison row of one notice file (an error row when it cannot be read or parsed).
fn row_of(path: &Path) -> Row {
    // As a user would pass it from the crate root: corpus/….
    let shown_path = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let options = zhenggai::Options {
        path: Some(shown_path.clone()),
        ..zhenggai::Options::default()
    };
    let parsed = std::fs::read(path)
        .map_err(|source| {
            (
                None,
                zhenggai::Error::Io {
                    path: shown_path.clone(),
                    source,
                },
            )
        })
        .and_then(|bytes| zhenggai::parse(&bytes, &options).map_err(|error| (Some(bytes), error)));
    let record = match parsed {
        Ok(record) => serde_json::to_value(&record),
        Err((bytes, error)) => serde_json::to_value(zhenggai::error_record(bytes.as_deref(), &options, &error)),
    };
    match record {
        Ok(value) => row_from_record(&value),
        Err(error) => Row {
            path: Some(shown_path),
            error: Some(error.to_string()),
            ..Row::default()
        },
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(output) = args.next() else {
        eprintln!("usage: compare_report OUTPUT.html [DIR...]");
        return ExitCode::FAILURE;
    };
    let mut dirs: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    }
    let mut rows = Vec::new();
    for dir in &dirs {
        if !dir.is_dir() {
            eprintln!("cannot list {}: not a directory", dir.display());
            return ExitCode::FAILURE;
        }
        rows.extend(zhenggai::facts::notices_in(dir).iter().map(|path| row_of(path)));
    }
    let written = std::fs::File::create(&output).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        write_html(&rows, 0, &mut out)?;
        std::io::Write::flush(&mut out)
    });
    match written {
        Ok(()) => {
            eprintln!("{} notices → {}", rows.len(), Path::new(&output).display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write {}: {error}", Path::new(&output).display());
            ExitCode::FAILURE
        }
    }
}
