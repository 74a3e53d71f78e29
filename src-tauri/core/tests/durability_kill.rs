//! Kill -9 in the middle of a change: target edits (every target of the demo in one change), a
//! calendar change that moves the plan with it, and a migration. A child process (this test
//! binary, re-run with TARGETLINE_KILL_CHILD) makes the change and is killed at a random moment,
//! 20 times each (TARGETLINE_KILLS): every time `PRAGMA integrity_check` is ok and the change is
//! there entirely or not at all.

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use targetline_core::calendar::workspace::{set_day, DayKind};
use targetline_core::store::{migrations, Savepoint, Workspace};
use targetline_core::targets::grid::local_change;
use targetline_core::targets::store::{get_target, update_tiers, ReasonCategory};

/// The version an old file is built at for the migration kills.
const OLD_VERSION: i64 = 3;

fn kills() -> u64 {
    std::env::var("TARGETLINE_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// The child's side: makes one change to the workspace named in the environment, then exits.
#[test]
fn kill_child() {
    let (Ok(kind), Ok(db)) = (
        std::env::var("TARGETLINE_KILL_CHILD"),
        std::env::var("TARGETLINE_KILL_DB"),
    ) else {
        return; // run as an ordinary test: nothing to do
    };
    let db = PathBuf::from(db);
    match kind.as_str() {
        "targets" => {
            let ws = Workspace::open(&db).unwrap();
            let conn = ws.conn();
            let ids: Vec<i64> = conn
                .prepare("SELECT id FROM target ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let change = local_change(ReasonCategory::Market, "kill test");
            let sp = Savepoint::begin(conn, "kill_targets").unwrap();
            for id in ids {
                let mut tiers = get_target(conn, id).unwrap().tiers;
                tiers.floor += 1;
                tiers.base += 1;
                tiers.challenge += 1;
                update_tiers(conn, id, tiers, Some(&change)).unwrap();
            }
            sp.commit().unwrap();
        }
        "calendar" => {
            let ws = Workspace::open(&db).unwrap();
            targetline_core::plan::edit::follow_calendar(&ws, |ws| {
                set_day(
                    ws,
                    "2026-10-09",
                    DayKind::Holiday,
                    "公司年会",
                    "Company day",
                )
            })
            .unwrap();
        }
        "migration" => {
            Workspace::open(&db).unwrap();
        }
        other => panic!("unknown child {other}"),
    }
}

fn run_child(kind: &str, db: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "kill_child", "--nocapture", "--test-threads=1"])
        .env("TARGETLINE_KILL_CHILD", kind)
        .env("TARGETLINE_KILL_DB", db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn copy_workspace(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).unwrap();
}

fn integrity(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Kills `kind` 20 times at random moments of its run; `state` reads what the test compares
/// (it must equal the state before or the state after an uninterrupted run).
fn kill_repeatedly<S: PartialEq + std::fmt::Debug>(
    kind: &str,
    base: &Path,
    state: impl Fn(&Path) -> S,
) -> (S, S) {
    let dir = base.parent().unwrap();
    let db = dir.join(format!("{kind}.targetline"));
    let before = state(base);
    copy_workspace(base, &db);
    let start = Instant::now();
    assert!(run_child(kind, &db).wait().unwrap().success());
    let full = start.elapsed();
    let after = state(&db);
    assert_ne!(before, after, "{kind}: the change changes something");
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64 ^ std::process::id() as u64;
    let (mut none, mut all) = (0, 0);
    for k in 0..kills() {
        copy_workspace(base, &db);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = Duration::from_micros(seed % (full.as_micros() as u64 * 11 / 10 + 1));
        let mut child = run_child(kind, &db);
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        assert_eq!(integrity(&db), "ok", "{kind}: kill {k} at {at:?}");
        let now = state(&db);
        if now == before {
            none += 1;
        } else {
            assert_eq!(now, after, "{kind}: kill {k} at {at:?}: all or nothing");
            all += 1;
        }
    }
    eprintln!(
        "{kind}: {} kills ({full:?} uninterrupted): {none} none, {all} whole",
        kills()
    );
    (before, after)
}

fn query(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn killing_target_edits_and_a_calendar_change_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.targetline");
    let (ws, _) = Workspace::open_or_create_demo(&base).unwrap();
    ws.close().unwrap();
    let targets = query(&base, "SELECT COUNT(*) FROM target");

    // Every target one fen higher on each of three tiers, with its revision recorded.
    let (before, after) = kill_repeatedly("targets", &base, |db| {
        (
            query(
                db,
                "SELECT SUM(floor_value) + SUM(base_value) + SUM(challenge_value) FROM target",
            ),
            query(db, "SELECT COUNT(*) FROM target_revision"),
        )
    });
    assert_eq!(after.0, before.0 + 3 * targets);
    assert!(after.1 > before.1);

    // The day off and the plan that follows it.
    let (before, after) = kill_repeatedly("calendar", &base, |db| {
        let conn = Connection::open(db).unwrap();
        let day: Option<String> = conn
            .query_row(
                "SELECT kind || ':' || name_zh FROM calendar_day WHERE date = '2026-10-09'",
                [],
                |r| r.get(0),
            )
            .ok();
        let plan: String = conn
            .query_row(
                "SELECT group_concat(start_date || '/' || finish_date, ',') FROM (SELECT * FROM action ORDER BY id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (day, plan)
    });
    assert_eq!(before.0, None);
    assert_eq!(after.0.as_deref(), Some("holiday:公司年会"));
    assert_ne!(before.1, after.1, "the plan moved with the calendar");
}

#[test]
fn killing_a_migration_leaves_the_old_or_the_new_schema() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("old.targetline");
    {
        let mut conn = Connection::open(&base).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL").unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &migrations::MIGRATIONS[..OLD_VERSION as usize] {
            tx.execute_batch(sql).unwrap();
        }
        tx.execute_batch(&format!(
            "PRAGMA user_version = {OLD_VERSION};
             INSERT INTO meta(key, value) VALUES ('company_name', '旧公司');"
        ))
        .unwrap();
        tx.commit().unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let (before, after) = kill_repeatedly("migration", &base, |db| {
        (
            query(db, "PRAGMA user_version"),
            query(db, "SELECT COUNT(*) FROM sqlite_master"),
            query(db, "SELECT COUNT(*) FROM meta WHERE value = '旧公司'"),
        )
    });
    assert_eq!((before.0, before.2), (OLD_VERSION, 1));
    assert_eq!((after.0, after.2), (migrations::LATEST, 1));
}
