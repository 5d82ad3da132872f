//! Input arguments → the list of inputs, in a stable order; one input → its
//! bytes, within the byte limit.
//!
//! Consumes the paths the user gave (files, directories, `-`) and an optional
//! list file (`--files-from`); produces one [`InputSpec`] per notice, in
//! order: files as given, directories walked recursively (sorted by name)
//! keeping files with the chosen extensions, `-` as standard input.
//!
//! Nothing a walk meets is dropped without a word. Every entry whose name
//! matches the extensions yields an input: a regular file is read; a
//! dangling symbolic link, a link loop, a link that leaves the directory
//! given, a FIFO, socket or device, and a subdirectory that cannot be read
//! yield an [`InputSpec::Refused`], which becomes an error record in its
//! place. Symbolic links are followed only inside the directory given, unless
//! `--follow` (then everywhere, loops detected); symlinked directories are
//! entered only with `--follow`, and a note on stderr says so.
//!
//! Reading is bounded: a regular file larger than the limit is refused from
//! its size, without reading it; a stream (stdin, a FIFO or device named as
//! an argument) is read up to one byte past the limit and no further. Files
//! are opened without blocking, so a FIFO met in a walk never hangs the run.
//!
//! Each input knows its path relative to the argument it came from, which
//! `--output-dir` mirrors.
//!
//! This is the one walker of the project: `zhenggai parse` and `compare`
//! expand their arguments with [`expand`], and so does the Python package's
//! `parse_many`.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::{Error, InputOptions, Options};
use walkdir::WalkDir;

/// Where an input came from: named by the user, or met in a directory walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A path the user gave (an argument or a `--files-from` line): read
    /// whatever it is, a FIFO or `/dev/stdin` included (within the limit).
    Named,
    /// A file found below a directory: read only if it is a regular file.
    Walked,
}

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSpec {
    /// Standard input (`-`).
    Stdin,
    /// A file to read.
    File {
        /// The path to read, as given or as the walk found it (the record's
        /// `source.path`).
        path: PathBuf,
        /// Where its output goes below `--output-dir`.
        relative: PathBuf,
        /// Named by the user, or met in a walk.
        origin: Origin,
    },
    /// Something a walk met that is not read; it yields an error record
    /// saying why.
    Refused {
        /// The path the walk met.
        path: PathBuf,
        /// Where its output goes below `--output-dir`.
        relative: PathBuf,
        /// Why it is not read (the error record's message).
        reason: String,
    },
}

impl InputSpec {
    /// A file the user named (read whatever it is: a FIFO or a device too,
    /// within the limit), as `zhenggai parse FILE` takes it.
    pub fn named(path: impl Into<PathBuf>) -> InputSpec {
        let path = path.into();
        InputSpec::File {
            relative: contained(&path),
            path,
            origin: Origin::Named,
        }
    }

    /// The options to parse this input with: `base` with the input's path
    /// (the record's `source.path`) and, unless `base` says whether it is a
    /// page, HTML for a `.html`, `.htm`, `.shtml` or `.xhtml` file (else
    /// decided from the content).
    pub fn options(&self, base: &Options) -> Options {
        let by_extension =
            matches!(self.extension().as_deref(), Some("html" | "htm" | "shtml" | "xhtml")).then_some(true);
        Options {
            path: self.display(),
            input: InputOptions {
                html: base.input.html.or(by_extension),
                ..base.input.clone()
            },
            ..base.clone()
        }
    }

    /// The path as shown in records and messages (`None` for stdin).
    pub fn display(&self) -> Option<String> {
        match self {
            InputSpec::Stdin => None,
            InputSpec::File { path, .. } | InputSpec::Refused { path, .. } => Some(path.to_string_lossy().into_owned()),
        }
    }

    /// The name used in messages.
    pub fn name(&self) -> String {
        self.display().unwrap_or_else(|| "-".to_owned())
    }

    /// The path below `--output-dir` that this input's output mirrors.
    pub fn relative(&self) -> Option<&Path> {
        match self {
            InputSpec::Stdin => None,
            InputSpec::File { relative, .. } | InputSpec::Refused { relative, .. } => Some(relative),
        }
    }

    /// Reads the input's bytes, at most `limit` of them: an input with more
    /// is [`Error::TooLarge`], read no further than one byte past the limit.
    pub fn read(&self, limit: u64) -> Result<Vec<u8>, Error> {
        let failed = |source: io::Error| Error::Io {
            path: self.name(),
            source,
        };
        match self {
            InputSpec::Stdin => read_bounded(io::stdin().lock(), limit, None).map_err(|e| e.into_error(self, limit)),
            InputSpec::Refused { reason, .. } => Err(failed(io::Error::other(reason.clone()))),
            InputSpec::File { path, origin, .. } => {
                let file = open_without_blocking(path).map_err(failed)?;
                let metadata = file.metadata().map_err(failed)?;
                let size = if metadata.is_file() {
                    Some(metadata.len())
                } else if metadata.is_dir() {
                    return Err(failed(io::Error::other("it is a directory")));
                } else if *origin == Origin::Walked {
                    return Err(failed(io::Error::other(NOT_REGULAR)));
                } else {
                    // A FIFO or device the user named: read it as a stream.
                    make_blocking(&file).map_err(failed)?;
                    None
                };
                if let Some(size) = size.filter(|&size| size > limit) {
                    return Err(Error::TooLarge {
                        size: Some(size),
                        limit,
                    });
                }
                let bytes = read_bounded(file, limit, size).map_err(|e| e.into_error(self, limit))?;
                if bytes.is_empty() && is_fifo(&metadata) {
                    // Opened without waiting: a writer that comes later is missed.
                    return Err(failed(io::Error::other(
                        "a FIFO that gave no bytes: it had no writer when it was read, or its writer wrote nothing \
                         (start the writer first, or pass the data as `-` or `<(command)`)",
                    )));
                }
                Ok(bytes)
            }
        }
    }

    /// Whether the input was found below a directory (not named).
    pub fn is_walked(&self) -> bool {
        matches!(
            self,
            InputSpec::File {
                origin: Origin::Walked,
                ..
            }
        )
    }

    /// The file extension, lower-cased.
    pub fn extension(&self) -> Option<String> {
        match self {
            InputSpec::Stdin | InputSpec::Refused { .. } => None,
            InputSpec::File { path, .. } => path.extension().map(|ext| ext.to_string_lossy().to_ascii_lowercase()),
        }
    }
}

/// Why a walk does not read a FIFO, socket or device.
const NOT_REGULAR: &str =
    "not a regular file (a FIFO, socket or device): a directory walk does not read it; name it as an input to read it";

/// How a bounded read failed.
enum ReadFailure {
    Io(io::Error),
    TooLarge { size: Option<u64> },
}

impl ReadFailure {
    fn into_error(self, input: &InputSpec, limit: u64) -> Error {
        match self {
            ReadFailure::Io(source) => Error::Io {
                path: input.name(),
                source,
            },
            ReadFailure::TooLarge { size } => Error::TooLarge { size, limit },
        }
    }
}

/// Reads at most `limit` bytes of `reader`; more is [`ReadFailure::TooLarge`]
/// after reading one byte past the limit. `size` is the expected size, when
/// known, to allocate once.
fn read_bounded(reader: impl Read, limit: u64, size: Option<u64>) -> Result<Vec<u8>, ReadFailure> {
    let capacity = size.unwrap_or(64 * 1024).min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(usize::MAX));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if bytes.len() as u64 > limit {
        // A file that grew past its size while read: its size is unknown.
        return Err(ReadFailure::TooLarge { size: None });
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting for a FIFO's writer.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let nonblocking = rustix::fs::OFlags::NONBLOCK.bits();
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblocking.try_into().unwrap_or_default())
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

#[cfg(unix)]
fn is_fifo(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    metadata.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_metadata: &fs::Metadata) -> bool {
    false
}

/// Makes reads of `file` wait for data again (a FIFO the user named).
#[cfg(unix)]
fn make_blocking(file: &fs::File) -> io::Result<()> {
    let flags = rustix::fs::fcntl_getfl(file)?;
    rustix::fs::fcntl_setfl(file, flags - rustix::fs::OFlags::NONBLOCK)?;
    Ok(())
}

#[cfg(not(unix))]
fn make_blocking(_file: &fs::File) -> io::Result<()> {
    Ok(())
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

/// How to turn arguments into inputs.
#[derive(Debug, Clone, Default)]
pub struct Expansion<'a> {
    /// `--files-from`: a list of paths (`-`: standard input).
    pub files_from: Option<&'a Path>,
    /// `--null`: the list's paths end with NUL bytes, not line breaks.
    pub null_separated: bool,
    /// Extensions kept by walks, compared case-insensitively, without the dot.
    pub extensions: &'a [String],
    /// `--follow`: follow every symbolic link in walks.
    pub follow: bool,
}

/// The inputs, and notes for stderr about what a walk did not enter.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Every input, in order.
    pub inputs: Vec<InputSpec>,
    /// What a walk did not enter (a symbolic link to a directory, a link
    /// loop), one sentence each.
    pub notes: Vec<String>,
}

/// Why the arguments cannot be expanded (a usage error): the message.
#[derive(Debug)]
pub struct ExpandError(pub String);

impl std::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExpandError {}

/// Expands the user's input arguments.
///
/// A path that does not exist stays in the list: reading it fails and
/// yields its error record in place. Standard input may be named once
/// (`-`, or `--files-from -`).
pub fn expand(arguments: &[PathBuf], how: &Expansion) -> Result<Expanded, ExpandError> {
    let mut listed: Vec<PathBuf> = arguments.to_vec();
    if let Some(list) = how.files_from {
        listed.extend(read_list(list, how.null_separated)?);
    }
    let stdin_uses = listed.iter().filter(|path| path.as_os_str() == "-").count()
        + usize::from(how.files_from.is_some_and(|list| list.as_os_str() == "-"));
    if stdin_uses > 1 {
        return Err(ExpandError(
            "standard input (`-`) can be read only once: name it once, as an input or as --files-from".into(),
        ));
    }
    let mut expanded = Expanded::default();
    for path in listed {
        if path.as_os_str() == "-" {
            expanded.inputs.push(InputSpec::Stdin);
        } else if path.is_dir() {
            walk(&path, how, &mut expanded);
        } else {
            let relative = contained(&path);
            expanded.inputs.push(InputSpec::File {
                path,
                relative,
                origin: Origin::Named,
            });
        }
    }
    Ok(expanded)
}

/// The paths of a `--files-from` list, verbatim: one per line (a CRLF line
/// end counts as one) or NUL-terminated; empty entries are skipped. Spaces
/// and `#` are part of names.
fn read_list(list: &Path, null_separated: bool) -> Result<Vec<PathBuf>, ExpandError> {
    let bytes = if list.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        fs::read(list)
    }
    .map_err(|error| ExpandError(format!("cannot read the list {}: {error}", list.display())))?;
    let separator = if null_separated { b'\0' } else { b'\n' };
    Ok(bytes
        .split(|&byte| byte == separator)
        .map(|entry| match entry {
            [name @ .., b'\r'] if !null_separated => name,
            name => name,
        })
        .filter(|entry| !entry.is_empty())
        .map(|entry| PathBuf::from(os_string(entry.to_vec())))
        .collect())
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> OsString {
    OsString::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether `path` has one of `extensions`.
fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension().is_some_and(|ext| {
        let ext = ext.to_string_lossy();
        extensions.iter().any(|wanted| wanted.eq_ignore_ascii_case(&ext))
    })
}

/// The inputs below `root`, in name order, depth first.
fn walk(root: &Path, how: &Expansion, expanded: &mut Expanded) {
    let inside = fs::canonicalize(root).ok();
    let relative_of = |path: &Path| contained(path.strip_prefix(root).unwrap_or(path));
    let refuse = |path: &Path, reason: String, expanded: &mut Expanded| {
        expanded.inputs.push(InputSpec::Refused {
            path: path.to_path_buf(),
            relative: relative_of(path),
            reason,
        });
    };
    // A matching entry: read if it is a regular file, else refused.
    let take = |path: &Path, regular: bool, expanded: &mut Expanded| {
        if regular {
            expanded.inputs.push(InputSpec::File {
                path: path.to_path_buf(),
                relative: relative_of(path),
                origin: Origin::Walked,
            });
        } else {
            refuse(path, NOT_REGULAR.into(), expanded);
        }
    };
    let entries = WalkDir::new(root)
        .min_depth(1)
        .follow_links(how.follow)
        .sort_by_file_name();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                if let Some(ancestor) = error.loop_ancestor() {
                    expanded.notes.push(format!(
                        "{}: a symbolic link back to {}, not entered again",
                        path.display(),
                        ancestor.display()
                    ));
                } else if has_extension(&path, how.extensions) || path.is_dir() || error.depth() == 0 {
                    let reason = error
                        .io_error()
                        .map_or_else(|| error.to_string(), |io| describe_io(&path, io));
                    refuse(&path, reason, expanded);
                }
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if kind.is_symlink() {
            // Only without --follow: walkdir resolves links when following.
            match fs::metadata(path) {
                Ok(target) if target.is_dir() => expanded.notes.push(format!(
                    "{}: a symbolic link to a directory, not entered (pass --follow to enter it)",
                    path.display()
                )),
                _ if !has_extension(path, how.extensions) => {}
                Err(error) => refuse(path, describe_io(path, &error), expanded),
                Ok(target) => match fs::canonicalize(path) {
                    Ok(resolved) if inside.as_ref().is_some_and(|root| resolved.starts_with(root)) => {
                        take(path, target.is_file(), expanded);
                    }
                    Ok(resolved) => refuse(
                        path,
                        format!(
                            "a symbolic link to {}, outside {}: not followed (pass --follow to read it)",
                            resolved.display(),
                            root.display()
                        ),
                        expanded,
                    ),
                    Err(error) => refuse(path, describe_io(path, &error), expanded),
                },
            }
            continue;
        }
        if !has_extension(path, how.extensions) {
            continue;
        }
        take(path, kind.is_file(), expanded);
    }
}

/// An I/O error met in a walk, in words that say what the entry is.
fn describe_io(path: &Path, error: &io::Error) -> String {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match error.kind() {
        io::ErrorKind::NotFound if is_link => "a dangling symbolic link (its target does not exist)".into(),
        _ if is_link && error.raw_os_error() == Some(LOOP_ERROR) => {
            "a symbolic link loop (the link resolves to itself)".into()
        }
        io::ErrorKind::PermissionDenied if path.is_dir() => {
            format!("cannot read this directory, so the notices in it are missing: {error}")
        }
        _ => error.to_string(),
    }
}

/// `ELOOP`: too many levels of symbolic links.
#[cfg(unix)]
const LOOP_ERROR: i32 = rustix::io::Errno::LOOP.raw_os_error();
#[cfg(not(unix))]
const LOOP_ERROR: i32 = -1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contained_paths_stay_inside() {
        assert_eq!(contained(Path::new("/etc/passwd")), PathBuf::from("etc/passwd"));
        assert_eq!(contained(Path::new("../../x/./y.txt")), PathBuf::from("x/y.txt"));
        assert_eq!(contained(Path::new("a/b.txt")), PathBuf::from("a/b.txt"));
    }

    fn temporary(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("zhenggai-inputs-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        root
    }

    fn extensions() -> Vec<String> {
        ["txt", "htm", "html"].map(String::from).to_vec()
    }

    fn relative_names(inputs: &[InputSpec]) -> Vec<String> {
        inputs
            .iter()
            .map(|input| match input {
                InputSpec::Stdin => "-".into(),
                InputSpec::File { relative, .. } => relative.to_string_lossy().into_owned(),
                InputSpec::Refused { relative, .. } => format!("!{}", relative.to_string_lossy()),
            })
            .collect()
    }

    #[test]
    fn directories_expand_sorted_and_filtered() {
        let root = temporary("sorted");
        fs::create_dir_all(root.join("b/c")).unwrap();
        for name in ["b/c/2.txt", "a.TXT", "b/1.html", "b/skip.pdf", "z.htm", "b/c-x.txt"] {
            fs::write(root.join(name), "x").unwrap();
        }
        let extensions = extensions();
        let how = Expansion {
            extensions: &extensions,
            ..Expansion::default()
        };
        let expanded = expand(&[root.clone(), PathBuf::from("-")], &how).unwrap();
        // Path order: b/c/… before b/c-x.txt (component by component).
        assert_eq!(
            relative_names(&expanded.inputs),
            ["a.TXT", "b/1.html", "b/c/2.txt", "b/c-x.txt", "z.htm", "-"]
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn standard_input_is_named_once() {
        let how = Expansion::default();
        let twice = expand(&[PathBuf::from("-"), PathBuf::from("-")], &how).unwrap_err();
        assert!(twice.0.contains("only once"), "{}", twice.0);
    }

    #[test]
    fn lists_are_taken_verbatim() {
        let root = temporary("list");
        let list = root.join("list");
        fs::write(&list, b" a b.txt \n#hash.txt\r\n\nc.txt").unwrap();
        let how = Expansion {
            files_from: Some(&list),
            ..Expansion::default()
        };
        let names: Vec<PathBuf> = expand(&[], &how)
            .unwrap()
            .inputs
            .iter()
            .filter_map(|input| input.display().map(PathBuf::from))
            .collect();
        assert_eq!(names, [" a b.txt ", "#hash.txt", "c.txt"].map(PathBuf::from));
        fs::write(&list, b"x.txt\0y\ny.txt\0").unwrap();
        let how = Expansion {
            files_from: Some(&list),
            null_separated: true,
            ..Expansion::default()
        };
        let inputs = expand(&[], &how).unwrap().inputs;
        assert_eq!(relative_names(&inputs), ["x.txt", "y\ny.txt"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn walks_refuse_what_they_cannot_read_and_links_that_leave() {
        use std::os::unix::fs::symlink;
        let root = temporary("links");
        let tree = root.join("tree");
        fs::create_dir_all(tree.join("sub")).unwrap();
        fs::write(tree.join("a.txt"), "x").unwrap();
        fs::write(root.join("outside.txt"), "x").unwrap();
        symlink(root.join("outside.txt"), tree.join("b-out.txt")).unwrap();
        symlink(tree.join("a.txt"), tree.join("c-in.txt")).unwrap();
        symlink(tree.join("missing.txt"), tree.join("d-dangling.txt")).unwrap();
        symlink(tree.join("e-loop.txt"), tree.join("e-loop.txt")).unwrap();
        symlink(&root, tree.join("f-dir")).unwrap();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            tree.join("g-fifo.txt"),
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        fs::write(tree.join("sub/h.txt"), "x").unwrap();
        let extensions = extensions();
        let how = Expansion {
            extensions: &extensions,
            ..Expansion::default()
        };
        let expanded = expand(std::slice::from_ref(&tree), &how).unwrap();
        assert_eq!(
            relative_names(&expanded.inputs),
            [
                "a.txt",
                "!b-out.txt",
                "c-in.txt",
                "!d-dangling.txt",
                "!e-loop.txt",
                "!g-fifo.txt",
                "sub/h.txt"
            ]
        );
        let reason = |name: &str| {
            expanded
                .inputs
                .iter()
                .find_map(|input| match input {
                    InputSpec::Refused { path, reason, .. } if path.ends_with(name) => Some(reason.clone()),
                    _ => None,
                })
                .unwrap()
        };
        assert!(reason("b-out.txt").contains("outside"), "{}", reason("b-out.txt"));
        assert!(reason("d-dangling.txt").contains("dangling"));
        assert!(reason("e-loop.txt").contains("loop"), "{}", reason("e-loop.txt"));
        assert!(reason("g-fifo.txt").contains("not a regular file"));
        assert_eq!(expanded.notes.len(), 1, "{:?}", expanded.notes);
        assert!(expanded.notes[0].contains("f-dir"));
        // Reading a refused entry is its error record; a FIFO met in a walk
        // is refused even when named by the walk's own spec, never waited on.
        let fifo = InputSpec::File {
            path: tree.join("g-fifo.txt"),
            relative: PathBuf::from("g-fifo.txt"),
            origin: Origin::Walked,
        };
        assert_eq!(fifo.read(100).unwrap_err().code(), "io_error");
        // Named, a FIFO is read; with no writer it says so at once.
        let named = InputSpec::File {
            path: tree.join("g-fifo.txt"),
            relative: PathBuf::from("g-fifo.txt"),
            origin: Origin::Named,
        };
        let error = named.read(100).unwrap_err().to_string();
        assert!(error.contains("no writer"), "{error}");
        // With --follow the outside link is read.
        let how = Expansion {
            extensions: &extensions,
            follow: true,
            ..Expansion::default()
        };
        let followed = expand(std::slice::from_ref(&tree), &how).unwrap();
        assert!(relative_names(&followed.inputs).contains(&"b-out.txt".to_string()));
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let root = temporary("limit");
        let file = root.join("big.txt");
        fs::write(&file, vec![b'x'; 1000]).unwrap();
        let spec = InputSpec::File {
            path: file.clone(),
            relative: PathBuf::from("big.txt"),
            origin: Origin::Named,
        };
        assert_eq!(spec.read(1000).unwrap().len(), 1000);
        match spec.read(999) {
            Err(Error::TooLarge { size, limit }) => assert_eq!((size, limit), (Some(1000), 999)),
            other => panic!("{other:?}"),
        }
        // A stream is read one byte past the limit, no further.
        let mut endless = io::repeat(b'y');
        match read_bounded(&mut endless, 10, None) {
            Err(ReadFailure::TooLarge { size: None }) => {}
            _ => panic!("an endless stream must stop at the limit"),
        }
        fs::remove_dir_all(&root).unwrap();
    }
}
