//! Input arguments → the list of inputs, in a stable order.
//!
//! Consumes the paths the user gave (files, directories, `-`) and an optional
//! list file (`--files-from`); produces one [`InputSpec`] per notice: files
//! as given, directories walked recursively (sorted, symlinked directories not
//! followed) keeping files with the chosen extensions, `-` as standard input.
//! Each input knows its path relative to the argument it came from, which
//! `--output-dir` mirrors.

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Component, Path, PathBuf};

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSpec {
    Stdin,
    File {
        /// The path to read.
        path: PathBuf,
        /// Where its output goes below `--output-dir`.
        relative: PathBuf,
    },
}

impl InputSpec {
    /// The path as shown in records and messages (`None` for stdin).
    pub fn display(&self) -> Option<String> {
        match self {
            InputSpec::Stdin => None,
            InputSpec::File { path, .. } => Some(path.to_string_lossy().into_owned()),
        }
    }

    /// The name used in messages.
    pub fn name(&self) -> String {
        self.display().unwrap_or_else(|| "-".to_owned())
    }

    /// Reads the input's bytes.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            InputSpec::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            InputSpec::File { path, .. } => fs::read(path),
        }
    }

    /// The file extension, lower-cased.
    pub fn extension(&self) -> Option<String> {
        match self {
            InputSpec::Stdin => None,
            InputSpec::File { path, .. } => path.extension().map(|ext| ext.to_string_lossy().to_ascii_lowercase()),
        }
    }
}

/// Only the normal components of a path: no root, prefix, `.` or `..`, so a
/// path joined to an output directory cannot leave it.
pub fn contained(path: &Path) -> PathBuf {
    path.components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect()
}

/// Expands the user's input arguments.
///
/// `extensions` are compared case-insensitively, without the dot. A path that
/// does not exist stays in the list: reading it fails and yields its error
/// record in place.
pub fn expand(arguments: &[String], files_from: Option<&Path>, extensions: &[String]) -> io::Result<Vec<InputSpec>> {
    let mut listed: Vec<String> = arguments.to_vec();
    if let Some(list) = files_from {
        let reader: Box<dyn BufRead> = if list == Path::new("-") {
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            Box::new(io::BufReader::new(fs::File::open(list)?))
        };
        for line in reader.lines() {
            let line = line?;
            let line = line.trim();
            if !line.is_empty() && !line.starts_with('#') {
                listed.push(line.to_owned());
            }
        }
    }
    let mut inputs = Vec::new();
    for argument in listed {
        if argument == "-" {
            inputs.push(InputSpec::Stdin);
            continue;
        }
        let path = PathBuf::from(&argument);
        if path.is_dir() {
            let mut files = Vec::new();
            walk(&path, extensions, &mut files)?;
            files.sort();
            inputs.extend(files.into_iter().map(|file| {
                let relative = contained(file.strip_prefix(&path).unwrap_or(&file));
                InputSpec::File { path: file, relative }
            }));
        } else {
            let relative = contained(&path);
            inputs.push(InputSpec::File { path, relative });
        }
    }
    Ok(inputs)
}

/// Files below `directory` with one of `extensions`, without recursion on
/// the call stack and without following symlinked directories.
fn walk(directory: &Path, extensions: &[String], files: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut pending = vec![directory.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let path = entry.path();
            if kind.is_dir() {
                pending.push(path);
            } else if (kind.is_file() || kind.is_symlink() && path.is_file())
                && path.extension().is_some_and(|ext| {
                    let ext = ext.to_string_lossy().to_ascii_lowercase();
                    extensions.iter().any(|wanted| wanted.eq_ignore_ascii_case(&ext))
                })
            {
                files.push(path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contained_paths_stay_inside() {
        assert_eq!(contained(Path::new("/etc/passwd")), PathBuf::from("etc/passwd"));
        assert_eq!(contained(Path::new("../../x/./y.txt")), PathBuf::from("x/y.txt"));
        assert_eq!(contained(Path::new("a/b.txt")), PathBuf::from("a/b.txt"));
    }

    #[test]
    fn directories_expand_sorted_and_filtered() {
        let root = std::env::temp_dir().join(format!("zhenggai-inputs-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("b/c")).unwrap();
        for name in ["b/c/2.txt", "a.TXT", "b/1.html", "b/skip.pdf", "z.htm"] {
            fs::write(root.join(name), "x").unwrap();
        }
        let extensions = ["txt", "htm", "html"].map(String::from);
        let inputs = expand(&[root.to_string_lossy().into_owned(), "-".into()], None, &extensions).unwrap();
        let relative: Vec<String> = inputs
            .iter()
            .map(|input| match input {
                InputSpec::File { relative, .. } => relative.to_string_lossy().into_owned(),
                InputSpec::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(relative, ["a.TXT", "b/1.html", "b/c/2.txt", "z.htm", "-"]);
        fs::remove_dir_all(&root).unwrap();
    }
}
