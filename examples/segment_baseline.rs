//! The baseline of `scripts/bench.sh`: bare jieba-rs segmentation (HMM on)
//! of every file below the given directories, with the dictionary file
//! given first (jieba's default `dict.txt`), one thread.
//!
//! ```text
//! cargo run --release --example segment_baseline -- DICT DIR...
//! ```

use std::path::{Path, PathBuf};

fn files(directory: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, into);
        } else {
            into.push(path);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dictionary = std::fs::read(args.next().expect("a dictionary path")).expect("the dictionary reads");
    let jieba = jieba_rs::Jieba::with_dict(&mut dictionary.as_slice()).expect("the dictionary parses");
    let mut paths = Vec::new();
    for directory in args {
        files(Path::new(&directory), &mut paths);
    }
    paths.sort();
    let mut words = 0;
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        words += jieba.cut(&text, true).len();
    }
    println!("{words} words");
}
