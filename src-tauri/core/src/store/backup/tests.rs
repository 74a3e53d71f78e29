use super::*;

/// (targets, Σ target tiers, actuals, Σ actual amounts, people) read straight from the file.
fn figures(path: &Path) -> (i64, i64, i64, i64, i64) {
    let conn = Connection::open(path).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    (
        q("SELECT COUNT(*) FROM target"),
        q("SELECT IFNULL(SUM(floor_value + base_value + challenge_value), 0) FROM target"),
        q("SELECT COUNT(*) FROM actual"),
        q("SELECT IFNULL(SUM(amount), 0) FROM actual"),
        q("SELECT COUNT(*) FROM org_unit WHERE kind = 'person'"),
    )
}

#[test]
fn restore_brings_back_exactly_the_backed_up_figures_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("backups");
    let path = dir.path().join("w.targetline");
    let (mut ws, _) = Workspace::open_or_create_demo_with(&path, Some(&root)).unwrap();
    ws.checkpoint().unwrap();
    let before = figures(&path);
    let taken = create(&ws, &root, Reason::Manual).unwrap();
    assert_eq!(taken.counts.actuals, before.2);
    assert_eq!(taken.reason, "manual");

    ws.conn()
        .execute_batch(
            "DELETE FROM actual WHERE id IN (SELECT id FROM actual ORDER BY id LIMIT 500);
             UPDATE target SET base_value = base_value + 100 WHERE id IN (SELECT id FROM target LIMIT 3);",
        )
        .unwrap();
    ws.checkpoint().unwrap();
    let changed = figures(&path);
    assert_eq!(changed.2, before.2 - 500);
    assert_eq!(changed.1, before.1 + 300);

    let mut slot = Some(ws);
    restore(&mut slot, &root, &taken.id).unwrap();
    assert_eq!(slot.as_ref().unwrap().path(), path.as_path());
    drop(slot);
    assert_eq!(figures(&path), before);
    let listed = list(&root, &path).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].reason, "restore", "newest first");
    assert_eq!(listed[0].counts.actuals, changed.2);
    assert_eq!(listed[1].id, taken.id);
}

#[test]
fn a_bad_id_restores_nothing_and_keeps_the_workspace_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("backups");
    let ws = Workspace::create_blank(&dir.path().join("w.targetline"), 2026).unwrap();
    ws.set_meta("company_name", "丙公司").unwrap();
    let mut slot = Some(ws);
    for id in ["../w", "", "20260101-000000000-manual"] {
        let err = restore(&mut slot, &root, id).unwrap_err();
        assert_eq!(err.code, "backup_not_found", "{id:?}");
        let ws = slot.as_ref().expect("still open");
        assert_eq!(ws.meta("company_name").unwrap().as_deref(), Some("丙公司"));
    }
}

#[test]
fn a_migration_leaves_a_backup_of_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("backups");
    let path = dir.path().join("old.targetline");
    {
        let conn = Connection::open(&path).unwrap();
        let ws = Workspace::configure(conn, &path).unwrap();
        ws.migrate(3).unwrap();
        ws.set_meta("company_name", "旧公司").unwrap();
    }
    let ws = Workspace::open_with(&path, Some(&root)).unwrap();
    assert_eq!(ws.schema_version().unwrap(), migrations::LATEST);
    let listed = list(&root, &path).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, "migration-v3");
    assert_eq!(listed[0].counts.schema_version, 3);
    assert_eq!(listed[0].counts.company.as_deref(), Some("旧公司"));
    // An up-to-date file opens without another backup.
    drop(ws);
    Workspace::open_with(&path, Some(&root)).unwrap();
    assert_eq!(list(&root, &path).unwrap().len(), 1);
}

#[test]
fn pruning_keeps_the_newest_ten_and_one_a_month_for_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("b");
    std::fs::create_dir(&folder).unwrap();
    let now = Local::now().naive_local();
    let mut made = Vec::new();
    // Two a month for 15 months back, then 12 today.
    for back in (1..=15).rev() {
        let month = now.date().with_day(1).unwrap() - chrono::Months::new(back);
        for day in [3, 20] {
            made.push(month.with_day(day).unwrap().and_hms_opt(9, 0, 0).unwrap());
        }
    }
    for i in 0..12 {
        made.push(now - chrono::Duration::seconds(100 - i));
    }
    for t in &made {
        let name = format!("{}-manual.{EXT}", t.format(STAMP));
        std::fs::write(folder.join(name), b"").unwrap();
    }
    prune(&folder).unwrap();
    let left: Vec<String> = ids(&folder).into_iter().map(|(id, _)| id).collect();
    let newest: Vec<String> = made[made.len() - 10..]
        .iter()
        .map(|t| format!("{}-manual", t.format(STAMP)))
        .collect();
    // The 20th of each of the 11 months before this one (this month's newest is among the
    // newest ten), and the newest ten.
    let monthly: Vec<String> = (1..=11)
        .rev()
        .map(|back| {
            let month = now.date().with_day(1).unwrap() - chrono::Months::new(back);
            let t = month.with_day(20).unwrap().and_hms_opt(9, 0, 0).unwrap();
            format!("{}-manual", t.format(STAMP))
        })
        .collect();
    let expected: Vec<String> = monthly.into_iter().chain(newest).collect();
    assert_eq!(left, expected);
}
