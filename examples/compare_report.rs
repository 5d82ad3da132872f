//! Comparison report of the corpus: parses every document in `corpus/`
//! (`*.txt`, `*.htm`, `*.html`, `*.json`), or in the folders given after the
//! output path, and writes the HTML report of [`zhenggai::compare`] to the
//! path given as the first argument. A file that cannot be read or parsed
//! appears as an error row.
//!
//! ```text
//! cargo run --example compare_report -- /tmp/report.html
//! cargo run --example compare_report -- /tmp/report.html corpus other/notices
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use zhenggai::compare::{Row, write_html};

/// The extensions of the documents the report takes from a folder.
const DOCUMENT_EXTENSIONS: [&str; 4] = ["txt", "htm", "html", "json"];

/// The documents directly in `directory`, sorted by path.
fn documents_in(directory: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut documents = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        let is_document = path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| DOCUMENT_EXTENSIONS.contains(&extension));
        if is_document && path.is_file() {
            documents.push(path);
        }
    }
    documents.sort();
    Ok(documents)
}

/// The comparison row of one document (an error row when it cannot be read
/// or parsed).
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
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(source) => {
            let error = zhenggai::Error::Io {
                path: shown_path,
                source,
            };
            return Row::from_error(&zhenggai::error_record(None, &options, &error));
        }
    };
    match zhenggai::parse(&bytes, &options) {
        Ok(record) => Row::from_record(&record),
        Err(error) => Row::from_error(&zhenggai::error_record(Some(&bytes), &options, &error)),
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
        match documents_in(dir) {
            Ok(documents) => rows.extend(documents.iter().map(|path| row_of(path))),
            Err(error) => {
                eprintln!("cannot list {}: {error}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let written = std::fs::File::create(&output).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        write_html(&rows, 0, &mut out)?;
        out.flush()
    });
    match written {
        Ok(()) => {
            eprintln!("{} documents → {}", rows.len(), Path::new(&output).display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("cannot write {}: {error}", Path::new(&output).display());
            ExitCode::FAILURE
        }
    }
}
