use super::*;

#[test]
fn first_migration_upgrades_to_latest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.targetline");
    {
        let conn = Connection::open(&path).unwrap();
        let ws = Workspace::configure(conn, &path).unwrap();
        ws.migrate(1).unwrap();
        assert_eq!(ws.schema_version().unwrap(), 1);
        ws.set_meta("company_name", "旧公司").unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.schema_version().unwrap(), migrations::LATEST);
    assert_eq!(ws.meta("company_name").unwrap().as_deref(), Some("旧公司"));
    let mapping_table: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'import_mapping'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(mapping_table, 1);
}

#[test]
fn migrations_7_and_9_link_the_ratio_components_of_an_old_catalog() {
    let links = |ws: &Workspace| -> Vec<(String, String, String)> {
        let mut st = ws
            .conn()
            .prepare(
                "SELECT r.code, n.code, d.code FROM metric r JOIN metric n ON n.id = r.numerator_id
                 JOIN metric d ON d.id = r.denominator_id ORDER BY r.code",
            )
            .unwrap();
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        v
    };
    // (code, sort, every other column of the definition)
    let metrics = |ws: &Workspace| -> Vec<(String, i64, String)> {
        let mut st = ws
            .conn()
            .prepare(
                "SELECT code, sort, name_zh || '|' || name_en || '|' || unit || '|' || direction
                        || '|' || kind || '|' || horizon || '|' || aggregation
                 FROM metric ORDER BY sort, id",
            )
            .unwrap();
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        v
    };
    let fresh = Workspace::open_in_memory().unwrap();
    catalog::write_catalog(fresh.conn(), 2026).unwrap();
    let expected = links(&fresh);
    let pair = |r: &str, n: &str, d: &str| (r.to_string(), n.to_string(), d.to_string());
    assert_eq!(
        expected,
        vec![
            pair("attrition", "leavers", "headcount_avg"),
            pair("collection_rate", "collections", "revenue"),
            pair("complaint_rate", "complaints", "orders"),
            pair("conversion_rate", "new_customers", "leads"),
            pair("repurchase_rate", "repeat_customers", "active_customers"),
        ]
    );
    // A catalog as migrations 1-6 left it: 12 metrics, only conversion linked.
    let old =
        Workspace::configure(Connection::open_in_memory().unwrap(), Path::new(":memory:")).unwrap();
    old.migrate(6).unwrap();
    catalog::write_catalog(old.conn(), 2026).unwrap();
    old.conn()
        .execute_batch(
            "UPDATE metric SET numerator_id = NULL, denominator_id = NULL WHERE code <> 'conversion_rate';
             DELETE FROM metric WHERE sort >= 12;",
        )
        .unwrap();
    assert_eq!(links(&old).len(), 1);
    old.migrate(7).unwrap();
    assert_eq!(links(&old), expected[1..4].to_vec());
    old.migrate(8).unwrap();
    // Migration 9 adds the components of repurchase rate and attrition after the others
    // and links them; the old catalog now reads exactly as a new one.
    old.migrate(9).unwrap();
    assert_eq!(links(&old), expected);
    assert_eq!(metrics(&old), metrics(&fresh));
    // A workspace that already recorded attrition rates keeps reading them (the counts
    // cannot be made from the rates); repurchase, without rows, is linked.
    let with_rates =
        Workspace::configure(Connection::open_in_memory().unwrap(), Path::new(":memory:")).unwrap();
    with_rates.migrate(8).unwrap();
    catalog::write_catalog(with_rates.conn(), 2026).unwrap();
    with_rates
        .conn()
        .execute_batch(
            "UPDATE metric SET numerator_id = NULL, denominator_id = NULL
               WHERE code IN ('attrition', 'repurchase_rate');
             DELETE FROM metric WHERE sort >= 15;
             INSERT INTO org_unit(id, kind, name) VALUES (1, 'person', '张三');
             INSERT INTO import_batch(id, kind, file_name, sha256, imported_at)
               VALUES (1, 'actuals', 'a.csv', 'x', '2026-01-01T00:00:00');
             INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
               VALUES (1, '2026-03-31', 1, (SELECT id FROM metric WHERE code = 'attrition'), 1200, 'f');",
        )
        .unwrap();
    with_rates.migrate(9).unwrap();
    let linked: Vec<String> = links(&with_rates).into_iter().map(|l| l.0).collect();
    assert_eq!(
        linked,
        [
            "collection_rate",
            "complaint_rate",
            "conversion_rate",
            "repurchase_rate"
        ]
    );
    let last: Vec<(String, i64)> = metrics(&fresh)[12..]
        .iter()
        .map(|m| (m.0.clone(), m.1))
        .collect();
    assert_eq!(
        last,
        [
            "collections",
            "orders",
            "complaints",
            "repeat_customers",
            "active_customers",
            "leavers",
            "headcount_avg"
        ]
        .iter()
        .zip(12..)
        .map(|(c, i)| (c.to_string(), i))
        .collect::<Vec<_>>()
    );
    let count = |ws: &Workspace| -> i64 {
        ws.conn()
            .query_row("SELECT COUNT(*) FROM metric", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!((count(&old), count(&fresh)), (19, 19));
    // An empty workspace gets nothing from the migrations (the catalog writes it).
    let blank = Workspace::open_in_memory().unwrap();
    assert_eq!(count(&blank), 0);
}

#[test]
fn newer_workspace_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.targetline");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); PRAGMA user_version = 999;",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Workspace::open(&path).err().unwrap();
    assert_eq!(err.code, "workspace_too_new");
    assert!(err.zh.contains("999"), "{}", err.zh);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("new.targetline-wal").exists());
}

#[test]
fn foreign_keys_and_wal_are_on() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
    let fk: i64 = ws
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    let mode: String = ws
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!((fk, mode.as_str()), (1, "wal"));
    let err = ws
        .conn()
        .execute(
            "INSERT INTO org_unit(parent_id, kind, name) VALUES (42, 'team', 'x')",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn blank_workspace_has_the_catalog_and_no_company() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_blank(&dir.path().join("b.targetline"), 2027).unwrap();
    let info = ws.info().unwrap();
    assert_eq!((info.people, info.org_units, info.targets), (0, 0, 0));
    let metrics: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM metric", [], |r| r.get(0))
        .unwrap();
    let year: i64 = ws
        .conn()
        .query_row("SELECT year FROM fiscal_year", [], |r| r.get(0))
        .unwrap();
    assert_eq!((metrics, year), (catalog::METRICS.len() as i64, 2027));
}

#[test]
fn first_launch_writes_the_demo_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("w.targetline");
    let (ws, created) = Workspace::open_or_create_demo(&path).unwrap();
    assert!(created);
    assert_eq!(ws.info().unwrap().people, 30);
    drop(ws);
    let (ws, created) = Workspace::open_or_create_demo(&path).unwrap();
    assert!(!created);
    assert_eq!(ws.info().unwrap().people, 30);
}

#[test]
fn save_copy_writes_a_consistent_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, _) = Workspace::open_or_create_demo(&dir.path().join("w.targetline")).unwrap();
    let copy = dir.path().join("copy.targetline");
    ws.save_copy(&copy).unwrap();
    let other = Workspace::open(&copy).unwrap();
    assert_eq!(other.info().unwrap(), ws.info().unwrap());
    assert_eq!(
        ws.save_copy(ws.path()).unwrap_err().code,
        "copy_onto_itself"
    );
}

#[test]
fn a_foreign_file_is_not_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "这不是数据库 — just text, long enough to not be a header ........",
    )
    .unwrap();
    let err = Workspace::open(&path).err().unwrap();
    assert_eq!(err.code, "not_a_workspace");
}

#[test]
fn another_apps_database_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.targetline");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts(name TEXT, phone TEXT);
             INSERT INTO contacts VALUES ('王五', '123');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert_eq!(
        Workspace::open(&path).err().unwrap().code,
        "not_a_workspace"
    );
    assert_eq!(
        Workspace::open_existing(&path).err().unwrap().code,
        "not_a_workspace"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!files::with_suffix(&path, "-wal").exists());
}

#[test]
fn a_copy_onto_another_name_of_the_open_file_is_refused_and_the_file_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    let mut ws = Workspace::create_blank(&path, 2026).unwrap();
    ws.set_meta("company_name", "甲公司").unwrap();
    ws.checkpoint().unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let mut names = vec![dir.path().join("sub").join("..").join("w.targetline")];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.targetline");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        names.push(link);
    }
    // On a case-insensitive volume (macOS, Windows) this name opens the same file.
    let upper = dir.path().join("W.targetline");
    if upper.exists() {
        names.push(upper);
    }
    for name in names {
        assert_eq!(
            ws.save_copy(&name).unwrap_err().code,
            "copy_onto_itself",
            "{}",
            name.display()
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
    assert_eq!(ws.meta("company_name").unwrap().as_deref(), Some("甲公司"));
}

#[test]
fn a_copy_replaces_an_older_file_whole_and_is_a_single_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, _) = Workspace::open_or_create_demo(&dir.path().join("w.targetline")).unwrap();
    let copy = dir.path().join("copy.targetline");
    std::fs::write(&copy, b"an older file of that name").unwrap();
    ws.save_copy(&copy).unwrap();
    assert!(!files::with_suffix(&copy, "-wal").exists());
    let mode: String = Connection::open(&copy)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    assert_eq!(
        Workspace::open(&copy).unwrap().info().unwrap(),
        ws.info().unwrap()
    );
}

#[test]
fn after_close_the_main_file_alone_holds_every_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    let ws = Workspace::create_blank(&path, 2026).unwrap();
    let sync: i64 = ws
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "FULL");
    ws.set_meta("company_name", "乙公司").unwrap();
    assert!(files::with_suffix(&path, "-wal").metadata().unwrap().len() > 0);
    ws.close().unwrap();
    let wal = files::with_suffix(&path, "-wal");
    assert!(!wal.exists() || wal.metadata().unwrap().len() == 0);
    let alone = dir.path().join("alone.targetline");
    std::fs::copy(&path, &alone).unwrap();
    let copy = Workspace::open(&alone).unwrap();
    assert_eq!(
        copy.meta("company_name").unwrap().as_deref(),
        Some("乙公司")
    );
}

#[test]
fn new_over_an_existing_file_replaces_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    let (demo, _) = Workspace::open_or_create_demo(&path).unwrap();
    demo.close().unwrap();
    let ws = Workspace::create_blank(&path, 2027).unwrap();
    assert_eq!(ws.info().unwrap().people, 0);
    assert_eq!(ws.path(), path.as_path());
}

#[test]
fn edits_wait_longer_while_indexes_are_rebuilt_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
    let timeout = |ws: &Workspace| -> i64 {
        ws.conn()
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(timeout(&ws), 5000);
    {
        let tx = ws.conn_mut().transaction().unwrap();
        pending_index::set_aside(&tx, "actual").unwrap();
        tx.commit().unwrap();
    }
    ws.checkpoint_in_background();
    assert_eq!(timeout(&ws), 60_000);
    ws.wait_for_checkpoint().unwrap();
    assert_eq!(timeout(&ws), 5000);
    assert!(!pending_index::any(ws.conn()).unwrap());
}

#[test]
fn a_busy_file_still_opens_and_leaves_the_index_rebuild_for_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    {
        let mut ws = Workspace::open_with(&path, None).unwrap();
        let tx = ws.conn_mut().transaction().unwrap();
        pending_index::set_aside(&tx, "actual").unwrap();
        tx.commit().unwrap();
    }
    let mut holder = Connection::open(&path).unwrap();
    let tx = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let mut ws = Workspace::open_with(&path, None).unwrap();
    assert!(pending_index::any(ws.conn()).unwrap());
    drop(tx);
    ws.checkpoint_in_background();
    ws.wait_for_checkpoint().unwrap();
    assert!(!pending_index::any(ws.conn()).unwrap());
}
