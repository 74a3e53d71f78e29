//! Kill -9 reliability: `targetline-cli import` is killed at random points while it imports a
//! 200,000-row file; every time the workspace must pass `PRAGMA integrity_check` and hold the
//! batch entirely or not at all. Set TARGETLINE_KILL_ROWS to change the size (default 200000)
//! and TARGETLINE_KILLS the number of kills (default 20).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use targetline_core::store::Workspace;

const REPS: [&str; 10] = [
    "张三", "李四", "王五", "赵六", "陈静", "刘洋", "杨帆", "黄磊", "周敏", "吴昊",
];

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn base_workspace(path: &Path) {
    let ws = Workspace::open(path).unwrap();
    let conn = ws.conn();
    conn.execute_batch(
        "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO org_unit(id, parent_id, kind, name, headcount) VALUES (1, NULL, 'company', '公司', 10);",
    )
    .unwrap();
    for r in REPS {
        conn.execute(
            "INSERT INTO org_unit(parent_id, kind, name) VALUES (1, 'person', ?1)",
            [r],
        )
        .unwrap();
    }
    // A few actuals of an earlier batch that must survive every kill untouched.
    conn.execute_batch(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'old.csv', 'x', '2026-01-01T00:00:00');
         INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint) VALUES (1, '2026-01-01', 2, 1, 100, 'old:1');
         INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint) VALUES (1, '2026-01-02', 3, 1, 200, 'old:2');",
    )
    .unwrap();
}

fn write_csv(path: &Path, rows: u64) -> i64 {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "日期,销售员,金额,订单号").unwrap();
    let mut sum = 0i64;
    for i in 0..rows {
        let fen = (i % 500_000) as i64;
        sum += fen;
        writeln!(
            w,
            "2026-{:02}-{:02},{},{}.{:02},K{i}",
            1 + i % 12,
            1 + i % 28,
            REPS[(i % 10) as usize],
            fen / 100,
            fen % 100
        )
        .unwrap();
    }
    w.flush().unwrap();
    sum
}

fn copy_workspace(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).unwrap();
}

/// (integrity, batches of the file, its actual rows, their sum, rows of the old batch)
fn inspect(db: &Path) -> (String, i64, i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    (
        integrity,
        q("SELECT COUNT(*) FROM import_batch WHERE file_name = 'kill.csv'"),
        q("SELECT COUNT(*) FROM actual a JOIN import_batch b ON b.id = a.batch_id WHERE b.file_name = 'kill.csv'"),
        q("SELECT IFNULL(SUM(a.amount), 0) FROM actual a JOIN import_batch b ON b.id = a.batch_id WHERE b.file_name = 'kill.csv'"),
        q("SELECT COUNT(*) FROM actual WHERE batch_id = 1") + q("SELECT COUNT(*) FROM actual WHERE batch_id IS NULL OR batch_id NOT IN (SELECT id FROM import_batch)"),
    )
}

#[test]
fn killing_an_import_leaves_all_or_nothing() {
    let rows = env_num("TARGETLINE_KILL_ROWS", 200_000);
    let kills = env_num("TARGETLINE_KILLS", 20);
    let cli = env!("CARGO_BIN_EXE_targetline-cli");
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.targetline");
    base_workspace(&base);
    let csv = dir.path().join("kill.csv");
    let sum = write_csv(&csv, rows);
    let db = dir.path().join("w.targetline");
    let import = |db: &Path| {
        Command::new(cli)
            .args(["import", "--db"])
            .arg(db)
            .arg(&csv)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };

    // One full run: how long an import takes here, and that it completes.
    copy_workspace(&base, &db);
    let start = Instant::now();
    let status = import(&db).wait().unwrap();
    let full = start.elapsed();
    assert!(status.success());
    assert_eq!(inspect(&db), ("ok".to_string(), 1, rows as i64, sum, 2));

    let mut seed = 0x2545_f491_4f6c_dd1d_u64 ^ std::process::id() as u64;
    let (mut absent, mut present) = (0, 0);
    for k in 0..kills {
        copy_workspace(&base, &db);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Mostly while it works; sometimes around and after the commit at its very end.
        let at = Duration::from_micros(seed % (full.as_micros() as u64 * 23 / 20 + 1));
        let mut child = import(&db);
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        let (integrity, batches, n, s, old) = inspect(&db);
        assert_eq!(integrity, "ok", "kill {k} at {at:?}");
        assert_eq!(old, 2, "kill {k}: earlier data untouched");
        match batches {
            0 => {
                assert_eq!((n, s), (0, 0), "kill {k} at {at:?}");
                absent += 1;
            }
            1 => {
                assert_eq!(
                    (n, s),
                    (rows as i64, sum),
                    "kill {k} at {at:?}: the batch is whole"
                );
                present += 1;
            }
            _ => panic!("kill {k}: {batches} batches"),
        }
        if status.success() {
            assert_eq!(batches, 1, "a finished import is all there");
        }
    }
    assert_eq!(absent + present, kills);
    eprintln!("{kills} kills of a {rows}-row import ({full:?} uninterrupted): {absent} absent, {present} complete");
}
