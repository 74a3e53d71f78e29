//! Reading the repository's source as text, for the tests that check its shape.

use std::path::{Path, PathBuf};

/// Every file under `dir` (recursively) whose extension is `ext`.
pub fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The production part of a Rust file: everything before its test module (a `#[cfg(test)]`
/// followed by `mod name {`). A `#[cfg(test)]` on a single item higher up does not end it, nor
/// does one on a test module kept in its own file (`mod tests;`): the code after it is
/// production code.
pub fn production(text: &str) -> &str {
    let mut from = 0;
    while let Some(at) = text[from..].find("#[cfg(test)]") {
        let at = from + at;
        let next = text[at + "#[cfg(test)]".len()..].trim_start();
        let declared_elsewhere = next
            .lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with(';'));
        if (next.starts_with("mod ")
            || next.starts_with("pub mod ")
            || next.starts_with("pub(crate) mod "))
            && !declared_elsewhere
        {
            return &text[..at];
        }
        from = at + 1;
    }
    text
}
