//! SQL lives only in a feature's store: a file named `store.rs`, a file under a `store/` folder
//! (the workspace store itself, or a feature's `store/` module) or the migrations. Every other
//! production file that holds SQL text is a debt listed in `KNOWN_SQL_FILES`, which may only
//! shrink: a new file with SQL fails, and so does a listed file that no longer holds any.

use super::source::{files_under, production};
use std::collections::BTreeSet;
use std::path::Path;

/// Files outside a store that still hold SQL. Issue #14 ("one shape per feature") moved the
/// last of them (the variance engine's) into their feature's store; the list is empty and may
/// only stay so.
const KNOWN_SQL_FILES: &[&str] = &[];

/// Words that open an SQL statement, as our SQL is written (upper case).
const STATEMENTS: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "INSERT OR ",
    "REPLACE INTO",
    "DELETE FROM",
    "CREATE TABLE",
    "CREATE INDEX",
    "CREATE UNIQUE INDEX",
    "CREATE TEMP",
    "DROP TABLE",
    "DROP INDEX",
    "PRAGMA ",
    "WITH RECURSIVE",
];

/// Whether production code (comments left out) holds SQL text: a statement word, or an
/// `UPDATE <table> SET`.
pub fn holds_sql(code: &str) -> bool {
    code.lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .any(|l| {
            STATEMENTS.iter().any(|w| l.contains(w)) || {
                l.split("UPDATE ").skip(1).any(|rest| {
                    let mut words = rest.split_whitespace();
                    words
                        .next()
                        .is_some_and(|t| t.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                        && words.next() == Some("SET")
                })
            }
        })
}

/// A file SQL may live in.
pub fn is_store(rel: &str) -> bool {
    rel.ends_with("/store.rs")
        || rel == "store.rs"
        || rel.starts_with("store/")
        || rel.contains("/store/")
        || rel.contains("migrations")
}

#[test]
fn sql_lives_only_in_store_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    files_under(&src, "rs", &mut files);
    let mut found = BTreeSet::new();
    let mut stores_with_sql = 0;
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if super::is_test_file(Path::new(&rel)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        match (holds_sql(production(&text)), is_store(&rel)) {
            (true, true) => stores_with_sql += 1,
            (true, false) => {
                found.insert(rel);
            }
            (false, _) => {}
        }
    }
    // The check sees SQL where it lives: were none seen in the stores, it would see none anywhere.
    assert!(stores_with_sql > 20, "the core's SQL was not found");
    let known: BTreeSet<String> = KNOWN_SQL_FILES.iter().map(|f| f.to_string()).collect();
    let new: Vec<_> = found.difference(&known).collect();
    let paid: Vec<_> = known.difference(&found).collect();
    assert!(
        new.is_empty(),
        "SQL outside a store module: {new:?} (move it into the feature's store.rs, on store::query)"
    );
    assert!(
        paid.is_empty(),
        "these files hold no SQL any more: remove them from KNOWN_SQL_FILES: {paid:?}"
    );
}

#[test]
fn the_sql_check_sees_statements_and_skips_comments_and_prose() {
    assert!(holds_sql(
        "let n = conn.query_row(\"SELECT COUNT(*) FROM t\", [], f);"
    ));
    assert!(holds_sql("\"UPDATE action SET status = 'done'\""));
    assert!(holds_sql("tx.execute(\"DELETE FROM action\", [])"));
    assert!(!holds_sql("// SELECT the newest row\nlet x = 1;"));
    assert!(!holds_sql("/// An UPDATE of the plan sets the dates."));
    assert!(!holds_sql(
        "let s = \"Update the plan, then select a node\";"
    ));
    assert!(is_store("plan/store.rs") && is_store("store/batches.rs"));
    assert!(is_store("targets/store/resplit.rs") && !is_store("plan/actions.rs"));
}
