//! Which source file of the core uses which: the arrows between files, read from `use` trees
//! and from `crate::`, `super::`, `self::` and child-module paths in the code (comments,
//! strings and test code left out). A name a module re-exports (`pub use x::Name`) counts as a
//! use of the file that defines it, so a `mod.rs` that only gathers its children is no hub.
//!
//! A module's own file using its submodules is how a module is built, not a loop: those arrows
//! (from a file to the files below it) are left out. Every other arrow counts, so two sibling
//! files, or a child and a sibling of its parent, never use each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A path as written: its segments, `crate`, `super` and `self` included.
type Segments = Vec<String>;

/// The production text of every non-test file, by path relative to `src` (with `/`).
pub struct Files {
    code: BTreeMap<String, Vec<Token>>,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

impl Files {
    pub fn read(src: &Path, is_test_file: impl Fn(&Path) -> bool) -> Files {
        let mut found = Vec::new();
        super::source::files_under(src, "rs", &mut found);
        let mut code = BTreeMap::new();
        for file in found {
            let rel = file.strip_prefix(src).unwrap();
            if is_test_file(rel) {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let key = rel.to_string_lossy().replace('\\', "/");
            code.insert(key, tokens(&strip(super::source::production(&text))));
        }
        Files { code }
    }

    #[cfg(test)]
    fn from_texts(texts: &[(&str, &str)]) -> Files {
        let code = texts
            .iter()
            .map(|(rel, text)| (rel.to_string(), tokens(&strip(text))))
            .collect();
        Files { code }
    }

    /// File → the files it uses (its own submodules' files left out).
    pub fn graph(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph = BTreeMap::new();
        for (file, toks) in &self.code {
            let module = module_path(file);
            let children = children(toks);
            let mut uses = BTreeSet::new();
            for path in paths(toks, &children) {
                let Some(absolute) = absolute(&path, &module, &children) else {
                    continue;
                };
                if let Some(to) = self.resolve(&absolute, 0) {
                    if to != *file && !is_below(&module_path(&to), &module) {
                        uses.insert(to);
                    }
                }
            }
            graph.insert(file.clone(), uses);
        }
        graph
    }

    /// The file of a module path (`[]` is the crate root).
    fn file_of(&self, module: &[String]) -> Option<String> {
        if module.is_empty() {
            return Some("lib.rs".to_string()).filter(|f| self.code.contains_key(f));
        }
        let base = module.join("/");
        [format!("{base}.rs"), format!("{base}/mod.rs")]
            .into_iter()
            .find(|f| self.code.contains_key(f))
    }

    /// The file that defines what an absolute path names: the deepest module file on the path,
    /// followed through that module's `pub use` when the next name is a re-export.
    fn resolve(&self, path: &[String], depth: usize) -> Option<String> {
        let mut module: Vec<String> = Vec::new();
        for segment in path {
            module.push(segment.clone());
            if self.file_of(&module).is_none() {
                module.pop();
                break;
            }
        }
        let file = self.file_of(&module)?;
        let rest = &path[module.len()..];
        let Some(name) = rest.first() else {
            return Some(file);
        };
        if depth < 8 {
            let toks = &self.code[&file];
            let children = children(toks);
            for export in re_exports(toks) {
                if export.last() != Some(name) {
                    continue;
                }
                if let Some(mut target) = absolute(&export, &module, &children) {
                    target.extend(rest[1..].iter().cloned());
                    return self.resolve(&target, depth + 1);
                }
            }
        }
        Some(file)
    }
}

/// `plan/critical.rs` → `[plan, critical]`; `plan/mod.rs` → `[plan]`; `lib.rs` → `[]`.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn is_below(module: &[String], ancestor: &[String]) -> bool {
    module.len() > ancestor.len() && module.starts_with(ancestor)
}

/// A path as written in the module `module` (with submodules `children`) made absolute, or
/// `None` when it names something outside the crate.
fn absolute(path: &[String], module: &[String], children: &[String]) -> Option<Vec<String>> {
    let first = path.first()?;
    if first == "crate" {
        return Some(path[1..].to_vec());
    }
    if first == "super" || first == "self" {
        let mut base = module.to_vec();
        let mut at = 0;
        while let Some(seg) = path.get(at).filter(|s| *s == "super" || *s == "self") {
            if seg == "super" {
                base.pop()?;
            }
            at += 1;
        }
        base.extend(path[at..].iter().cloned());
        return Some(base);
    }
    if children.contains(first) {
        let mut base = module.to_vec();
        base.extend(path.iter().cloned());
        return Some(base);
    }
    None
}

/// The submodules a file declares (`mod name;`).
fn children(toks: &[Token]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        if *tok == Token::Ident("mod".into()) {
            if let (Some(Token::Ident(name)), Some(Token::Semi)) =
                (toks.get(i + 1), toks.get(i + 2))
            {
                out.push(name.clone());
            }
        }
    }
    out
}

/// Every path of a file: the leaves of its `use` trees, and each path in its code.
fn paths(toks: &[Token], children: &[String]) -> Vec<Segments> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Token::Ident("use".into()) {
            let (mut leaves, end) = use_tree(toks, i + 1, Vec::new());
            out.append(&mut leaves);
            i = end;
            continue;
        }
        let starts_path = i == 0 || toks[i - 1] != Token::PathSep;
        if let (true, Token::Ident(first), Some(Token::PathSep)) =
            (starts_path, &toks[i], toks.get(i + 1))
        {
            if matches!(first.as_str(), "crate" | "super" | "self") || children.contains(first) {
                let mut path = vec![first.clone()];
                let mut at = i + 1;
                while let (Some(Token::PathSep), Some(Token::Ident(next))) =
                    (toks.get(at), toks.get(at + 1))
                {
                    path.push(next.clone());
                    at += 2;
                }
                out.push(path);
                i = at;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The paths a `pub use` of this file re-exports.
fn re_exports(toks: &[Token]) -> Vec<Segments> {
    let mut out = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        if *tok != Token::Ident("use".into()) {
            continue;
        }
        // `pub use` or `pub(crate) use`.
        let public = match i.checked_sub(1).map(|b| &toks[b]) {
            Some(Token::Ident(word)) => word == "pub",
            Some(Token::Other) => (1..=4).any(|back| {
                i.checked_sub(back).map(|b| &toks[b]) == Some(&Token::Ident("pub".into()))
            }),
            _ => false,
        };
        if public {
            out.extend(use_tree(toks, i + 1, Vec::new()).0);
        }
    }
    out
}

/// The leaves of the use tree starting at `i`, each with `prefix` in front, and where it ends.
fn use_tree(toks: &[Token], mut i: usize, mut prefix: Segments) -> (Vec<Segments>, usize) {
    let mut leaves = Vec::new();
    loop {
        match toks.get(i) {
            Some(Token::Ident(name)) => {
                prefix.push(name.clone());
                i += 1;
                if toks.get(i) == Some(&Token::PathSep) {
                    i += 1;
                    continue;
                }
                leaves.push(prefix);
                break;
            }
            Some(Token::Star) => {
                leaves.push(prefix);
                i += 1;
                break;
            }
            Some(Token::Open) => {
                i += 1;
                loop {
                    match toks.get(i) {
                        Some(Token::Close) => {
                            i += 1;
                            break;
                        }
                        Some(Token::Comma) => i += 1,
                        None => break,
                        _ => {
                            let (mut inner, end) = use_tree(toks, i, prefix.clone());
                            leaves.append(&mut inner);
                            i = end;
                        }
                    }
                }
                return (leaves, i);
            }
            _ => break,
        }
    }
    // Skip a rename (`as name`) up to the end of this branch.
    while let Some(tok) = toks.get(i) {
        if matches!(tok, Token::Comma | Token::Close | Token::Semi) {
            break;
        }
        i += 1;
    }
    (leaves, i)
}

/// The code without comments and without the contents of string and character literals.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string r"…" or r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body_from = i + 2 + hashes;
            let rest: String = chars[body_from..].iter().collect();
            let body = rest.find(&close).map_or(rest.len(), |at| at + close.len());
            i = body_from + rest[..body].chars().count();
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal; a lifetime (`'a`) has no closing quote.
            i += if next == Some('\\') { 2 } else { 1 };
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn tokens(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
            continue;
        }
        i += 1;
        let tok = match c {
            ':' if chars.get(i) == Some(&':') => {
                i += 1;
                Token::PathSep
            }
            '{' => Token::Open,
            '}' => Token::Close,
            ',' => Token::Comma,
            ';' => Token::Semi,
            '*' => Token::Star,
            c if c.is_whitespace() => continue,
            _ => Token::Other,
        };
        out.push(tok);
    }
    out
}

#[cfg(test)]
mod checks {
    use super::*;

    #[test]
    fn files_are_linked_through_use_trees_paths_and_re_exports() {
        let files = Files::from_texts(&[
            ("lib.rs", "pub mod plan;\npub mod error;"),
            ("error.rs", "pub struct Error;"),
            (
                "plan/mod.rs",
                "mod model;\nmod critical;\nmod schedule;\npub use model::Successors;\n\
                 pub fn run() { schedule::forward(); }",
            ),
            ("plan/model.rs", "pub struct Successors;"),
            (
                "plan/critical.rs",
                "// use super::schedule;\nuse super::{model::Network as N, Successors};\n\
                 fn f() -> crate::error::Error { let s = \"super::schedule\"; todo!() }",
            ),
            (
                "plan/schedule.rs",
                "use crate::plan::Successors;\nfn g<'a>(x: &'a str) { let c = '{'; \
                 super::critical::late(); }",
            ),
        ]);
        let graph = files.graph();
        let uses = |f: &str| graph[f].iter().cloned().collect::<Vec<_>>();
        // plan/mod.rs builds the module from its children: no arrows down.
        assert!(uses("plan/mod.rs").is_empty());
        assert_eq!(uses("plan/critical.rs"), ["error.rs", "plan/model.rs"]);
        assert_eq!(
            uses("plan/schedule.rs"),
            ["plan/critical.rs", "plan/model.rs"]
        );
    }
}
