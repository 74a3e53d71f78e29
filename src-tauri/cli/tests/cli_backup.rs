//! `targetline-cli backup`, `backups` and `restore`: a backup, a change, a restore gives back
//! exactly the counts and sums of the backup, read from the file.

use std::path::Path;
use std::process::Command;

fn cli(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_targetline-cli"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run targetline-cli");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (actual rows, Σ amounts, targets, Σ base) straight from the file.
fn figures(db: &Path) -> (i64, i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM actual), (SELECT SUM(amount) FROM actual),
                (SELECT COUNT(*) FROM target), (SELECT SUM(base_value) FROM target)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

#[test]
fn backup_change_restore_gives_back_the_backed_up_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.targetline");
    let root = dir.path().join("backups");
    let (db_s, root_s) = (db.to_str().unwrap(), root.to_str().unwrap());
    cli(&["demo", "--db", db_s]);
    let before = figures(&db);
    let taken = cli(&["backup", "--db", db_s, "--backups", root_s]);
    assert_eq!(taken["reason"], "manual");
    assert_eq!(taken["counts"]["actuals"], before.0);

    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DELETE FROM actual WHERE id % 3 = 0; UPDATE target SET base_value = base_value + 7;",
        )
        .unwrap();
    assert_ne!(figures(&db), before);

    let id = taken["id"].as_str().unwrap();
    let info = cli(&["restore", "--db", db_s, "--backups", root_s, "--backup", id]);
    assert_eq!(info["actuals"], before.0);
    assert_eq!(figures(&db), before);
    let listed = cli(&["backups", "--db", db_s, "--backups", root_s]);
    let reasons: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["restore", "manual"]);
}
