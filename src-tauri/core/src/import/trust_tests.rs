//! Imports never lose a yuan: every line counts once, the money is reconciled, unknown values are
//! decided, and undo is safe (it can be redone; an approved or revised plan is never undone).
//! Expected amounts are added up here from the rows each test writes.

use super::tests::{count, opts, run, snapshot, workspace, write};
use super::*;
use crate::store::Workspace;
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// One sales line: date, person, team, product line, customer, order number, amount in fen.
type Sale = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
);

/// "1,234.50" — how an ERP writes the amount.
fn yuan(fen: i64) -> String {
    let s = (fen / 100).to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", fen % 100)
}

fn csv(sales: &[Sale], extra: &str) -> String {
    let mut out = String::from("日期,销售员,团队,产品线,客户,订单号,金额\n");
    for (date, person, team, product, customer, order, fen) in sales {
        out += &format!(
            "{date},{person},{team},{product},{customer},{order},\"{}\"\n",
            yuan(*fen)
        );
    }
    out + extra
}

fn sum(sales: &[Sale]) -> i64 {
    sales.iter().map(|s| s.6).sum()
}

/// The order-line file of the issue: order SO-1 with three product lines, and two equal sales
/// of 880.00 by 李四 on the same day without an order number.
const ORDER_LINES: [Sale; 5] = [
    (
        "2026-03-02",
        "张三",
        "华东一组",
        "智能硬件",
        "上海华信",
        "SO-1",
        100_000,
    ),
    (
        "2026-03-02",
        "张三",
        "华东一组",
        "软件订阅",
        "上海华信",
        "SO-1",
        250_000,
    ),
    (
        "2026-03-02",
        "张三",
        "华东一组",
        "运维服务",
        "上海华信",
        "SO-1",
        30_000,
    ),
    ("2026-03-05", "李四", "华东一组", "智能硬件", "", "", 88_000),
    ("2026-03-05", "李四", "华东一组", "智能硬件", "", "", 88_000),
];

fn look(ws: &Workspace, path: &Path, o: &ImportOptions, r: &Resolutions) -> Preview {
    preview(ws, path, o, r, &mut no_progress, &AtomicBool::new(false)).unwrap()
}

/// Previews, then commits, and checks the preview said exactly what the commit did.
fn import_checked(
    ws: &mut Workspace,
    path: &Path,
    o: &ImportOptions,
    r: &Resolutions,
) -> ImportSummary {
    let p = look(ws, path, o, r);
    let s = run(ws, path, o, r).unwrap();
    if !s.already_imported {
        assert_eq!(
            (
                p.rows_total,
                p.inserted,
                p.duplicates,
                p.skipped,
                p.error_rows,
                &p.money
            ),
            (
                s.rows,
                s.inserted,
                s.duplicates,
                s.skipped,
                s.error_rows,
                &s.money
            ),
            "the preview must say what the commit does"
        );
    } else {
        assert_eq!(p.already_imported_batch, Some(s.batch));
    }
    s
}

fn revenue_total(ws: &Workspace) -> i64 {
    count(ws, "SELECT IFNULL(SUM(amount), 0) FROM actual")
}

#[test]
fn every_order_line_counts_once_and_equal_sales_both_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let path = write(dir.path(), "orders.csv", csv(&ORDER_LINES, "").as_bytes());
    let expected = sum(&ORDER_LINES);
    assert_eq!(expected, 556_000);
    let s = import_checked(&mut ws, &path, &o, &r);
    assert_eq!((s.rows, s.inserted, s.duplicates, s.skipped), (5, 5, 0, 0));
    assert_eq!((s.money.file_total, s.money.inserted), (expected, expected));
    assert_eq!(revenue_total(&ws), expected);
    // The unknown product line is master data: created by default.
    assert_eq!(
        s.created
            .iter()
            .map(|c| (c.kind, c.value.as_str()))
            .collect::<Vec<_>>(),
        [(UnknownKind::ProductLine, "运维服务")]
    );
    // The same file again adds nothing.
    let again = import_checked(&mut ws, &path, &o, &r);
    assert!(again.already_imported);
    assert_eq!(revenue_total(&ws), expected);
    // The same lines in another file (other bytes: a note column) are duplicates, money too.
    let noted = csv(&ORDER_LINES, "").replace("金额\n", "金额,备注\n");
    let copy = write(dir.path(), "orders-copy.csv", noted.as_bytes());
    let s = import_checked(&mut ws, &copy, &o, &r);
    assert!(!s.already_imported);
    assert_eq!((s.inserted, s.duplicates), (0, 5));
    assert_eq!((s.money.inserted, s.money.duplicates), (0, expected));
    assert_eq!(revenue_total(&ws), expected);
    // The same order numbers booked to another metric are not duplicates.
    ws.conn()
        .execute(
            "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
             VALUES ('collections', '回款额', 'Collections', 'currency', 'higher', 'lagging', 'short', 'sum')",
            [],
        )
        .unwrap();
    let collections = ImportOptions {
        metric_code: "collections".into(),
        ..opts(ImportKind::Actuals)
    };
    let s = import_checked(&mut ws, &path, &collections, &r);
    assert!(!s.already_imported);
    assert_eq!(
        (s.inserted, s.duplicates, s.money.inserted),
        (5, 0, expected)
    );
    assert_eq!(revenue_total(&ws), 2 * expected);
}

#[test]
fn an_overlapping_export_adds_only_the_new_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let month = |m: usize| -> Vec<Sale> {
        const DATES: [&str; 4] = ["2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10"];
        const ORDERS: [&str; 4] = ["SO-01", "SO-02", "SO-03", "SO-04"];
        vec![
            (
                DATES[m],
                "张三",
                "华东一组",
                "智能硬件",
                "上海华信",
                ORDERS[m],
                100_000 * (m as i64 + 1),
            ),
            (
                DATES[m],
                "张三",
                "华东一组",
                "软件订阅",
                "上海华信",
                ORDERS[m],
                12_345,
            ),
            (DATES[m], "李四", "华东一组", "智能硬件", "", "", 88_000),
            (DATES[m], "李四", "华东一组", "智能硬件", "", "", 88_000),
        ]
    };
    let jan_mar: Vec<Sale> = (0..3).flat_map(month).collect();
    let feb_apr: Vec<Sale> = (1..4).flat_map(month).collect();
    let a = write(dir.path(), "jan-mar.csv", csv(&jan_mar, "").as_bytes());
    let b = write(dir.path(), "feb-apr.csv", csv(&feb_apr, "").as_bytes());
    let s = import_checked(&mut ws, &a, &o, &r);
    assert_eq!((s.inserted, s.money.inserted), (12, sum(&jan_mar)));
    let s = import_checked(&mut ws, &b, &o, &r);
    let april = month(3);
    assert_eq!((s.rows, s.inserted, s.duplicates), (12, 4, 8));
    assert_eq!(
        (s.money.inserted, s.money.duplicates),
        (sum(&april), sum(&feb_apr) - sum(&april))
    );
    assert_eq!(revenue_total(&ws), sum(&jan_mar) + sum(&april));
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual_day"),
        sum(&jan_mar) + sum(&april)
    );
}

#[test]
fn a_total_row_is_recognised_and_checked_not_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let sales: [Sale; 3] = [
        (
            "2026-03-02",
            "张三",
            "华东一组",
            "智能硬件",
            "上海华信",
            "SO-7",
            12_000_000,
        ),
        (
            "2026-03-03",
            "王五",
            "华南一组",
            "软件订阅",
            "上海华信",
            "SO-8",
            3_000_000,
        ),
        (
            "2026-03-04",
            "李四",
            "华东一组",
            "智能硬件",
            "",
            "SO-9",
            2_614_610,
        ),
    ];
    let total = sum(&sales);
    assert_eq!(yuan(total), "176,146.10");
    let text = csv(&sales, &format!("合计,,,,,,\"{}\"\n", yuan(total)));
    let path = write(dir.path(), "with-total.csv", text.as_bytes());
    let s = import_checked(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    );
    assert_eq!((s.rows, s.inserted, s.error_rows), (3, 3, 0));
    assert_eq!(
        s.money.total_row,
        Some(TotalRow {
            row: 5,
            label: "合计".into(),
            amount: Some(total)
        })
    );
    assert_eq!((s.money.file_total, s.money.inserted), (total, total));
    // A total that disagrees with the lines is reported as it is (the summary names the gap).
    let off = csv(&sales, "Total,,,,,,\"176,000.00\"\n").replace("SO-", "SX-");
    let s = import_checked(
        &mut ws,
        &write(dir.path(), "off.csv", off.as_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    );
    assert_eq!(
        s.money.total_row.as_ref().and_then(|t| t.amount),
        Some(17_600_000)
    );
    assert_eq!(s.money.inserted, total);
}

#[test]
fn every_amount_is_reconciled_by_where_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    // 赵六 is unknown and names no team; one row has no date; 智能硬件 row is already in.
    let first: [Sale; 1] = [(
        "2026-03-02",
        "张三",
        "华东一组",
        "智能硬件",
        "上海华信",
        "SO-1",
        100_000,
    )];
    let sales: [Sale; 4] = [
        first[0],
        ("2026-03-03", "赵六", "", "智能硬件", "", "", 70_000),
        ("2026-03-04", "赵六", "", "软件订阅", "", "", 5_000),
        (
            "2026-03-05",
            "王五",
            "华南一组",
            "新产品",
            "新客户",
            "SO-2",
            42_000,
        ),
    ];
    import_checked(
        &mut ws,
        &write(dir.path(), "first.csv", csv(&first, "").as_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    );
    let text = csv(&sales, ",王五,华南一组,,,,\"9.99\"\n");
    let path = write(dir.path(), "mixed.csv", text.as_bytes());
    let p = look(
        &ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    );
    let zhao = p.unknowns.iter().find(|u| u.value == "赵六").unwrap();
    assert_eq!(
        (zhao.kind, zhao.rows, zhao.amount),
        (UnknownKind::Person, 2, 75_000)
    );
    let s = import_checked(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    );
    let m = &s.money;
    assert_eq!(
        (s.rows, s.inserted, s.duplicates, s.skipped, s.error_rows),
        (5, 1, 1, 2, 1)
    );
    assert_eq!(
        (m.file_total, m.inserted, m.duplicates, m.skipped, m.errors),
        (sum(&sales) + 999, 42_000, 100_000, 75_000, 999)
    );
    assert_eq!(
        m.skipped_by_kind,
        vec![SkippedMoney {
            kind: UnknownKind::Person,
            rows: 2,
            amount: 75_000
        }]
    );
    assert_eq!(
        m.file_total,
        m.inserted + m.duplicates + m.skipped + m.errors
    );
    // Master data found in sales was created: the product line and the customer.
    let mut made: Vec<_> = s.created.iter().map(|c| c.value.as_str()).collect();
    made.sort();
    assert_eq!(made, ["新产品", "新客户"]);
}

#[test]
fn an_unknown_person_is_mapped_created_under_a_chosen_team_or_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let sales: [Sale; 2] = [
        ("2026-03-03", "赵六", "", "智能硬件", "", "", 70_000),
        ("2026-03-04", "赵六", "", "软件订阅", "", "", 5_000),
    ];
    let path = write(dir.path(), "zhao.csv", csv(&sales, "").as_bytes());
    let decide = |action: Action, parent: Option<i64>| Resolutions {
        items: vec![Resolution {
            kind: UnknownKind::Person,
            value: "赵六".into(),
            action,
            parent,
        }],
        otherwise: None,
    };
    // Create without a team (none chosen, none on the rows): never at the company root.
    let mut ws = workspace();
    let s = import_checked(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &decide(Action::Create, None),
    );
    assert_eq!((s.inserted, s.skipped, s.money.skipped), (0, 2, 75_000));
    assert_eq!(
        count(&ws, "SELECT COUNT(*) FROM org_unit WHERE name = '赵六'"),
        0
    );
    // Create under 华南一组 (id 7).
    let mut ws = workspace();
    let s = import_checked(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &decide(Action::Create, Some(7)),
    );
    assert_eq!((s.inserted, s.money.inserted), (2, 75_000));
    assert_eq!(
        count(
            &ws,
            "SELECT parent_id FROM org_unit WHERE name = '赵六' AND kind = 'person'"
        ),
        7
    );
    // A person is not a team.
    let mut ws = workspace();
    let e = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &decide(Action::Create, Some(4)),
    )
    .unwrap_err();
    assert_eq!(e.code, "import_bad_team");
    // Map to 王五 (id 8).
    let mut ws = workspace();
    let s = import_checked(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &decide(Action::Map { id: 8 }, None),
    );
    assert_eq!(s.inserted, 2);
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual WHERE person_id = 8"),
        75_000
    );
}

#[test]
fn undo_lists_rows_and_money_and_redo_restores_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let before = snapshot(&ws);
    let path = write(dir.path(), "orders.csv", csv(&ORDER_LINES, "").as_bytes());
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    let imported = snapshot(&ws);
    let aggregates = |ws: &Workspace| {
        count(
            ws,
            "SELECT IFNULL(SUM(amount), 0) * 1000 + IFNULL(SUM(row_count), 0) FROM actual_month",
        )
    };
    let agg = aggregates(&ws);
    let b = &list_batches(&ws).unwrap()[0];
    assert_eq!(
        (b.inserted, b.amount, b.undone_at.clone()),
        (5, sum(&ORDER_LINES), None)
    );
    let u = undo(&mut ws, s.batch).unwrap();
    assert_eq!((u.actuals, u.dimension_members), (5, 1));
    assert_eq!(snapshot(&ws), before);
    assert_eq!(aggregates(&ws), 0);
    let b = &list_batches(&ws).unwrap()[0];
    assert_eq!(b.amount, sum(&ORDER_LINES));
    assert!(b.undone_at.is_some());
    redo(&mut ws, s.batch).unwrap();
    assert_eq!(snapshot(&ws), imported);
    assert_eq!(aggregates(&ws), agg);
    assert_eq!(
        redo(&mut ws, s.batch).unwrap_err().code,
        "import_batch_not_undone"
    );
    // Undone, then the same lines imported again from another file: redo would count them
    // twice, so it is refused and nothing changes.
    undo(&mut ws, s.batch).unwrap();
    let copy = csv(&ORDER_LINES, "").replace("金额\n", "金额,备注\n");
    run(
        &mut ws,
        &write(dir.path(), "copy.csv", copy.as_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    let now = snapshot(&ws);
    assert_eq!(
        redo(&mut ws, s.batch).unwrap_err().code,
        "import_redo_conflict"
    );
    assert_eq!(snapshot(&ws), now);
}

#[test]
fn undo_is_refused_for_a_targets_batch_approved_or_revised_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let grid = "销售员,2026-01,2026-02\n张三,100000,120000\n李四,50000,60000\n";
    let path = write(dir.path(), "targets.csv", grid.as_bytes());
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Targets),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(s.inserted, 4);
    crate::targets::baseline::approve(&ws, "王总", "2026-01-02T09:00:00").unwrap();
    ws.conn()
        .execute(
            "INSERT INTO target_revision(target_id, at, who, reason_category, reason, old_value, new_value)
             SELECT id, '2026-02-01T10:00:00', '王总', 'market', '大客户延期', base_value, base_value - 100
               FROM target WHERE batch_id = ?1 LIMIT 1",
            [s.batch],
        )
        .unwrap();
    let before = snapshot(&ws);
    let revisions = count(&ws, "SELECT COUNT(*) FROM target_revision");
    let e = undo(&mut ws, s.batch).unwrap_err();
    assert_eq!(e.code, "import_batch_targets_approved");
    assert!(e.zh.contains("已审批或修订"), "{}", e.zh);
    assert_eq!(snapshot(&ws), before);
    assert_eq!(
        count(&ws, "SELECT COUNT(*) FROM target_revision"),
        revisions
    );
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM target_baseline"), 4);
}

#[test]
fn migration_recomputes_identities_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.targetline");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        for sql in &crate::store::migrations::MIGRATIONS[..11] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 11;
             INSERT INTO metric(id, code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
               VALUES (1, 'revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', '星辰');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (2, 1, 'team', '一组');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (4, 2, 'person', '张三');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (5, 2, 'person', '李四');
             INSERT INTO dimension_member(id, dim, code, name_zh, name_en) VALUES (1, 'product_line', '智能硬件', '智能硬件', 'HW');
             INSERT INTO import_batch(id, kind, file_name, sha256, imported_at) VALUES (1, 'actuals', 'a.csv', 'aa', 'then');
             INSERT INTO import_batch(id, kind, file_name, sha256, imported_at) VALUES (2, 'actuals', 'b.csv', 'bb', 'then');
             INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, order_id, note, fingerprint, source_row) VALUES
               (1, '2026-03-02', 4, 1, 100000, 1, 'SO-1', '', 'o:SO-1', 2),
               (1, '2026-03-05', 5, 1, 88000, 1, NULL, '', 'h:0001', 3),
               (2, '2026-03-05', 5, 1, 88000, 1, NULL, '补录', 'h:0002', 2);",
        )
        .unwrap();
    }
    let ws = Workspace::open(&db).unwrap();
    let mut st = ws
        .conn()
        .prepare("SELECT fingerprint FROM actual ORDER BY id")
        .unwrap();
    let fps: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        fps,
        [
            "1|2026-03-02|4|100000|0|1||SO-1|0",
            "1|2026-03-05|5|88000|0|1|||0",
            "1|2026-03-05|5|88000|0|1|||1",
        ]
    );
    let metrics = count(&ws, "SELECT COUNT(*) FROM import_batch WHERE metric_id = 1");
    assert_eq!(metrics, 2);
    // The identities an import computes for the same lines are the same.
    let mut occ = identity::Occurrences::default();
    let mut fp = String::new();
    let line = identity::Line {
        metric: 1,
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
        person: 5,
        amount: 88_000,
        quantity: 0,
        product_line: Some(1),
        customer: None,
        order_id: None,
    };
    occ.identity(&mut fp, &line);
    assert_eq!(fp, fps[1]);
    occ.identity(&mut fp, &line);
    assert_eq!(fp, fps[2]);
}

#[test]
fn a_sale_dated_more_than_a_year_from_the_plan_years_is_a_row_error_with_its_money() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    // The workspace plans 2026 (January start): 2025–2027 are accepted.
    let text = "日期,销售员,金额\n\
                2026-03-01,张三,100.00\n\
                2024-12-31,张三,200.00\n\
                2028-01-01,李四,300.00\n\
                2025-01-01,王五,400.00\n\
                2027-12-31,王五,500.00\n";
    let path = write(dir.path(), "far.csv", text.as_bytes());
    let o = opts(ImportKind::Actuals);
    let s = import_checked(&mut ws, &path, &o, &Resolutions::default());
    assert_eq!((s.inserted, s.error_rows), (3, 2));
    // 100 + 400 + 500 in; 200 + 300 named as errors; the file's total is all five.
    assert_eq!(s.money.inserted, 100_000);
    assert_eq!(s.money.errors, 50_000);
    assert_eq!(s.money.file_total, 150_000);
    assert_eq!(
        count(
            &ws,
            "SELECT COUNT(*) FROM actual WHERE date < '2025-01-01' OR date > '2027-12-31'"
        ),
        0
    );
    let rows: Vec<u64> = s.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![3, 4]);
    assert!(
        s.errors[0].message_zh.contains("离本工作区的计划年度太远")
            && s.errors[0].message_zh.contains("2025–2027"),
        "{}",
        s.errors[0].message_zh
    );
    assert!(
        s.errors[1]
            .message_en
            .contains("too far from this workspace's plan years: only dates in 2025–2027"),
        "{}",
        s.errors[1].message_en
    );
}

#[test]
fn a_workspace_without_plans_accepts_any_plausible_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    ws.conn().execute_batch("DELETE FROM target_set").unwrap();
    let path = write(
        dir.path(),
        "old.csv",
        "日期,销售员,金额\n2001-05-01,张三,100.00\n".as_bytes(),
    );
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!((s.inserted, s.error_rows), (1, 0));
}

#[test]
fn an_unknown_person_is_offered_the_team_their_rows_name() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace();
    // 赵六's first row names 华南一组 (id 7), a later one 华东一组; 孙八 names a team the
    // workspace does not know.
    let sales: [Sale; 3] = [
        ("2026-03-03", "赵六", "华南一组", "智能硬件", "", "", 70_000),
        ("2026-03-04", "赵六", "华东一组", "智能硬件", "", "", 5_000),
        ("2026-03-05", "孙八", "无此组", "智能硬件", "", "", 1_000),
    ];
    let teams = write(dir.path(), "teams.csv", csv(&sales, "").as_bytes());
    // 钱七's row names only the region 华东 (id 2).
    let regions = write(
        dir.path(),
        "regions.csv",
        "日期,销售员,区域,金额\n2026-03-06,钱七,华东,20.00\n".as_bytes(),
    );
    let suggested = |path: &Path, name: &str| {
        look(
            &ws,
            path,
            &opts(ImportKind::Actuals),
            &Resolutions::default(),
        )
        .unknowns
        .iter()
        .find(|u| u.value == name)
        .map(|u| u.suggested_parent)
        .unwrap()
    };
    assert_eq!(suggested(&teams, "赵六"), Some(7));
    assert_eq!(suggested(&teams, "孙八"), None);
    assert_eq!(suggested(&regions, "钱七"), Some(2));
}
