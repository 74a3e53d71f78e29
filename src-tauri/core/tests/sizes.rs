//! Rooms stay small (issue #14): no production file over 600 lines and no Rust function over 150
//! lines, in the core, the shell, the CLI and the UI's scripts. Tests and label tables are not
//! counted. `OVERSIZE` lists what is too large today with its size then; nothing listed may grow,
//! and an entry must go once its file or function fits, so the list can only get shorter.

mod source;

use source::{files_under, production};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 150;

/// (file relative to the repository, function or "" for the whole file, its size today): debts
/// that may only shrink. None is left.
const OVERSIZE: &[(&str, &str, usize)] = &[];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Test files and label tables are not production code to be kept small.
fn is_exempt(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap();
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || name.ends_with("_cases.rs")
        || rel.split('/').any(|part| part == "tests")
        || rel == "ui/js/i18n.js"
        || rel.starts_with("ui/js/i18n/")
}

/// The name of the function a line opens (`fn name`, with any visibility, `async`, `const`, …),
/// if it opens one.
fn fn_name(line: &str) -> Option<&str> {
    let at = line.find("fn ")?;
    let before = line[..at].trim();
    let allowed = [
        "pub",
        "pub(crate)",
        "pub(super)",
        "async",
        "const",
        "unsafe",
        "extern",
    ];
    if !before.split_whitespace().all(|w| allowed.contains(&w)) {
        return None;
    }
    let rest = &line[at + 3..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    (end > 0).then(|| &rest[..end])
}

/// Every Rust function of `text` with its length in lines (from `fn` to its closing brace at
/// the same indentation, as rustfmt writes it). Nested functions count inside their parent too.
fn rust_functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let indent = line.len() - line.trim_start().len();
        // A declaration without a body (a trait method) ends in `;` before any `{`.
        let opens_body = lines[i..]
            .iter()
            .map(|l| l.trim_end())
            .find(|l| l.ends_with('{') || l.ends_with(';'))
            .is_some_and(|l| l.ends_with('{'));
        if !opens_body {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(len) = lines[i + 1..].iter().position(|l| l.starts_with(&close)) {
            out.push((name.to_string(), len + 2));
        }
    }
    out
}

/// What is too large now: (file, function or "", size).
fn oversize() -> BTreeMap<(String, String), usize> {
    let root = repo_root();
    let mut files = Vec::new();
    for dir in ["src-tauri/core/src", "src-tauri/src", "src-tauri/cli/src"] {
        files_under(&root.join(dir), "rs", &mut files);
    }
    files_under(&root.join("ui/js"), "js", &mut files);
    let mut found = BTreeMap::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if is_exempt(&rel) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let prod = if rel.ends_with(".rs") {
            production(&text)
        } else {
            &text
        };
        let lines = prod.lines().count();
        if lines > MAX_FILE_LINES {
            found.insert((rel.clone(), String::new()), lines);
        }
        if rel.ends_with(".rs") {
            for (name, len) in rust_functions(prod) {
                if len > MAX_FN_LINES {
                    let size = found.entry((rel.clone(), name)).or_insert(0);
                    *size = (*size).max(len);
                }
            }
        }
    }
    found
}

#[test]
fn no_file_or_function_grows_past_its_limit() {
    let listed: BTreeMap<(String, String), usize> = OVERSIZE
        .iter()
        .map(|(f, n, s)| ((f.to_string(), n.to_string()), *s))
        .collect();
    let found = oversize();
    let mut errors = Vec::new();
    for (key, size) in &found {
        let limit = if key.1.is_empty() {
            MAX_FILE_LINES
        } else {
            MAX_FN_LINES
        };
        match listed.get(key) {
            None => errors.push(format!(
                "{} {} has {size} lines (limit {limit}): split it",
                key.0, key.1
            )),
            Some(&was) if *size > was => errors.push(format!(
                "{} {} grew from {was} to {size} lines: split it, don't grow it",
                key.0, key.1
            )),
            Some(_) => {}
        }
    }
    for key in listed.keys() {
        if !found.contains_key(key) {
            errors.push(format!(
                "{} {} now fits: remove it from OVERSIZE",
                key.0, key.1
            ));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn functions_are_measured_from_fn_to_their_closing_brace() {
    let text = "pub fn a() {\n    let x = 1;\n}\n\nimpl X {\n    pub(crate) async fn b(\n        y: u8,\n    ) -> u8 {\n        y\n    }\n    fn decl(&self);\n}\n// fn not_code\nlet f = |fn_x| 1;\n";
    assert_eq!(
        rust_functions(text),
        vec![("a".to_string(), 3), ("b".to_string(), 5)]
    );
    assert_eq!(fn_name("    const fn c() {"), Some("c"));
    assert_eq!(fn_name("    // see fn x"), None);
}
