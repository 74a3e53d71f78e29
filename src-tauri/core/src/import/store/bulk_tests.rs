//! A large import checks identities in memory with the unique index set aside: exact counts,
//! the index comes back, and every writer before its rebuild still meets it.

use super::{ActualRow, Inserter, IDENTITY_INDEX};
use crate::import::identity::{Line, Occurrences};
use crate::import::tests::{count, opts, run, snapshot, workspace, write};
use crate::import::{ImportKind, Resolutions};
use crate::store::{pending_index, Workspace};
use chrono::NaiveDate;

const PEOPLE: [(i64, &str); 3] = [(4, "张三"), (5, "李四"), (8, "王五")];

fn day(i: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days((i % 365) as i64)
}

/// Line `i` of a synthetic export: (date, person index, fen). Lines `i` and `i + n` differ.
fn line(i: usize) -> (NaiveDate, usize, i64) {
    (day(i), i % 3, 100 + (i as i64 / 365) * 13 + (i % 7) as i64)
}

fn batch(ws: &Workspace) -> i64 {
    ws.conn()
        .execute(
            "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'x', '', 'now')",
            [],
        )
        .unwrap();
    ws.conn().last_insert_rowid()
}

/// Pushes the lines `lines` through an inserter (metric 1), numbering identical ones.
fn push_all(ins: &mut Inserter, lines: &[(NaiveDate, usize, i64)]) {
    let mut occ = Occurrences::default();
    let mut fp = String::new();
    for (row, &(date, p, amount)) in lines.iter().enumerate() {
        let person = PEOPLE[p].0;
        occ.identity(
            &mut fp,
            &Line {
                metric: 1,
                date,
                person,
                amount,
                quantity: 0,
                product_line: None,
                customer: None,
                order_id: None,
            },
        );
        ins.push(ActualRow {
            date,
            person,
            amount,
            quantity: 0,
            product_line: None,
            customer_type: None,
            channel: None,
            customer: None,
            order_id: None,
            note: "",
            fingerprint: &fp,
            source_row: row as i64 + 2,
        })
        .unwrap();
    }
    ins.flush().unwrap();
}

fn identity_index_exists(ws: &Workspace) -> bool {
    count(
        ws,
        "SELECT COUNT(*) FROM pragma_index_list('actual') WHERE name = 'actual_identity' AND \"unique\" = 1",
    ) == 1
}

#[test]
fn a_large_import_sets_the_unique_index_aside_counts_exactly_and_it_comes_back() {
    let mut ws = workspace();
    // 400 lines already in the table, written with the unique index.
    let old: Vec<_> = (0..400).map(line).collect();
    let b = batch(&ws);
    let mut ins = Inserter::new(ws.conn(), b, 1, None, false).unwrap();
    push_all(&mut ins, &old);
    assert_eq!((ins.inserted, ins.duplicates), (400, 0));
    drop(ins);
    assert!(!pending_index::is_pending(ws.conn(), IDENTITY_INDEX).unwrap());

    // A larger file: 30,000 new lines (every tenth one twice: equal sales both count), then the
    // 400 old lines again, read after the switch to the in-memory check.
    let mut lines: Vec<_> = (400..30_400).map(line).collect();
    let twice: Vec<_> = lines.iter().step_by(10).copied().collect();
    lines.extend(twice.iter().copied());
    lines.extend(old.iter().copied());
    let new_money: i64 = lines[..lines.len() - old.len()].iter().map(|l| l.2).sum();
    let old_money: i64 = old.iter().map(|l| l.2).sum();
    let b = batch(&ws);
    let mut ins = Inserter::new(ws.conn(), b, 1, None, false).unwrap();
    push_all(&mut ins, &lines);
    assert_eq!((ins.inserted, ins.duplicates), (33_000, 400));
    let money = std::mem::take(&mut ins.ledger).finish().unwrap();
    assert_eq!((money.inserted, money.duplicates), (new_money, old_money));
    drop(ins);
    // The unique index waits; a preview meanwhile counts in memory exactly as a commit would.
    assert!(pending_index::is_pending(ws.conn(), IDENTITY_INDEX).unwrap());
    assert!(!identity_index_exists(&ws));
    let mut dry = Inserter::new(ws.conn(), 0, 1, None, true).unwrap();
    let mut again: Vec<_> = old.clone();
    again.push(line(40_000));
    push_all(&mut dry, &again);
    assert_eq!((dry.inserted, dry.duplicates), (1, 400));
    drop(dry);
    // Built again: it accepts every row, so no identity was written twice.
    assert_eq!(pending_index::rebuild(ws.conn_mut()).unwrap(), 4);
    assert!(identity_index_exists(&ws));
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM actual"), 33_400);
    assert_eq!(
        count(&ws, "SELECT COUNT(DISTINCT fingerprint) FROM actual"),
        33_400
    );
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual"),
        old_money + new_money
    );
}

/// A CSV of `lines` with the header the importer knows.
fn csv(lines: &[(NaiveDate, usize, i64)]) -> String {
    let mut text = String::from("日期,销售员,金额\n");
    for &(date, p, fen) in lines {
        text += &format!("{date},{},{}.{:02}\n", PEOPLE[p].1, fen / 100, fen % 100);
    }
    text
}

#[test]
fn a_large_file_over_an_earlier_one_adds_exactly_its_new_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let old: Vec<_> = (0..300).map(line).collect();
    let s = run(
        &mut ws,
        &write(dir.path(), "old.csv", csv(&old).as_bytes()),
        &o,
        &r,
    )
    .unwrap();
    assert_eq!((s.inserted, s.duplicates), (300, 0));
    // 25,000 new lines with 2,500 equal sales, then the 300 old ones.
    let mut lines: Vec<_> = (300..25_300).map(line).collect();
    lines.extend((300..25_300).step_by(10).map(line));
    lines.extend(old.iter().copied());
    let new_money: i64 = lines[..27_500].iter().map(|l| l.2).sum();
    let old_money: i64 = old.iter().map(|l| l.2).sum();
    let s = run(
        &mut ws,
        &write(dir.path(), "big.csv", csv(&lines).as_bytes()),
        &o,
        &r,
    )
    .unwrap();
    assert_eq!((s.inserted, s.duplicates), (27_500, 300));
    assert_eq!(
        (s.money.inserted, s.money.duplicates),
        (new_money, old_money)
    );
    assert!(identity_index_exists(&ws));
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM pending_index"), 0);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM actual"), 27_800);
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual"),
        old_money + new_money
    );
    // The same lines once more, in another file: nothing is new.
    let text = csv(&lines) + "\n";
    let s = run(
        &mut ws,
        &write(dir.path(), "again.csv", text.as_bytes()),
        &o,
        &r,
    )
    .unwrap();
    assert_eq!((s.inserted, s.duplicates), (0, 27_800));
}

/// Sets the identity's unique index aside as a large import leaves it until its rebuild.
fn set_identity_aside(ws: &mut Workspace) {
    let tx = ws.conn_mut().transaction().unwrap();
    assert!(pending_index::set_aside_index(&tx, IDENTITY_INDEX).unwrap());
    tx.commit().unwrap();
    assert!(!identity_index_exists(ws));
}

#[test]
fn an_import_before_the_rebuild_builds_the_unique_index_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let old: Vec<_> = (0..50).map(line).collect();
    run(
        &mut ws,
        &write(dir.path(), "a.csv", csv(&old).as_bytes()),
        &o,
        &r,
    )
    .unwrap();
    set_identity_aside(&mut ws);
    let mut more = old.clone();
    more.push(line(99));
    let text = csv(&more);
    let p = write(dir.path(), "b.csv", text.as_bytes());
    // A preview counts in memory.
    let pv = crate::import::preview(
        &ws,
        &p,
        &o,
        &r,
        &mut crate::import::no_progress,
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!((pv.inserted, pv.duplicates), (1, 50));
    let s = run(&mut ws, &p, &o, &r).unwrap();
    assert_eq!((s.inserted, s.duplicates), (1, 50));
    assert!(identity_index_exists(&ws));
    assert!(!pending_index::is_pending(ws.conn(), IDENTITY_INDEX).unwrap());
}

#[test]
fn a_redo_before_the_rebuild_still_meets_the_unique_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let lines: Vec<_> = (0..20).map(line).collect();
    let a = run(
        &mut ws,
        &write(dir.path(), "a.csv", csv(&lines).as_bytes()),
        &o,
        &r,
    )
    .unwrap();
    crate::import::undo(&mut ws, a.batch).unwrap();
    // The same lines again in another file, then the unique index set aside.
    let text = csv(&lines) + "\n";
    run(
        &mut ws,
        &write(dir.path(), "b.csv", text.as_bytes()),
        &o,
        &r,
    )
    .unwrap();
    set_identity_aside(&mut ws);
    let before = snapshot(&ws);
    let e = crate::import::redo(&mut ws, a.batch).unwrap_err();
    assert_eq!(e.code, "import_redo_conflict");
    assert_eq!(snapshot(&ws), before);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM actual"), 20);
}

#[test]
fn migration_19_names_the_unique_index_and_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.targetline");
    let rows = "SELECT id, batch_id, date, person_id, metric_id, amount, quantity, product_line_id, \
                customer_type_id, channel_id, customer_id, order_id, note, fingerprint, source_row, \
                source_sheet FROM actual ORDER BY id";
    let dump = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut st = conn.prepare(rows).unwrap();
        let n = st.column_count();
        let mut out = Vec::new();
        let mut q = st.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let vals: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            out.push(vals.join(","));
        }
        out
    };
    let before = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &crate::store::migrations::MIGRATIONS[..18] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 18;
             INSERT INTO metric(id, code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
               VALUES (1, 'revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', '星辰');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (4, 1, 'person', '张三');
             INSERT INTO dimension_member(id, dim, code, name_zh, name_en) VALUES (1, 'product_line', 'hw', '硬件', 'HW');
             INSERT INTO customer(id, name) VALUES (1, '华信');
             INSERT INTO import_batch(id, kind, file_name, sha256, imported_at) VALUES (1, 'actuals', 'a.csv', 'aa', 'then');
             INSERT INTO actual(id, batch_id, date, person_id, metric_id, amount, quantity, product_line_id, customer_id, order_id, note, fingerprint, source_row, source_sheet) VALUES
               (3, 1, '2026-03-02', 4, 1, 100000, 2, 1, 1, 'SO-1', '加急', '1|2026-03-02|4|100000|2|1|1|SO-1|0', 2, 'Sheet1'),
               (7, 1, '2026-03-05', 4, 1, 88000, 0, NULL, NULL, NULL, '', '1|2026-03-05|4|88000|0|||0', 3, NULL),
               (9, 1, '2026-03-05', 4, 1, 88000, 0, NULL, NULL, NULL, '', '1|2026-03-05|4|88000|0|||1', 4, NULL);
             DROP INDEX actual_by_batch;
             INSERT INTO pending_index(name, sql) VALUES ('actual_by_batch', 'CREATE INDEX actual_by_batch ON actual(batch_id)');",
        )
        .unwrap();
        dump(&conn)
    };
    assert_eq!(before.len(), 3);
    let mut ws = Workspace::open_with(&path, None).unwrap();
    ws.wait_for_checkpoint().unwrap();
    assert_eq!(
        ws.schema_version().unwrap(),
        crate::store::migrations::LATEST
    );
    assert_eq!(dump(ws.conn()), before);
    let mut st = ws
        .conn()
        .prepare("SELECT name, \"unique\" FROM pragma_index_list('actual') ORDER BY name")
        .unwrap();
    let indexes: Vec<(String, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    drop(st);
    let names: Vec<(&str, i64)> = indexes.iter().map(|(n, u)| (n.as_str(), *u)).collect();
    assert_eq!(
        names,
        [
            ("actual_by_batch", 0),
            ("actual_by_metric_date", 0),
            ("actual_by_person_date", 0),
            ("actual_identity", 1)
        ]
    );
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM pending_index"), 0);
    // The identity is still unique.
    let e = ws
        .conn()
        .execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
             VALUES (1, '2026-03-05', 4, 1, 88000, '1|2026-03-05|4|88000|0|||1')",
            [],
        )
        .unwrap_err();
    assert_eq!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ConstraintViolation)
    );
    let check: String = ws
        .conn()
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .unwrap_or_else(|_| "ok".into());
    assert_eq!(check, "ok");
}
