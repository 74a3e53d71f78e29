//! End-to-end tests of the import pipeline on generated files (nothing binary is committed).

use super::*;
use crate::store::Workspace;
use rusqlite::params;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// A small workspace: revenue metric, FY2026, a target set, 华东一组 (张三, 李四), 华南一组 (王五),
/// product lines, a customer type, a channel and one customer.
pub(super) fn workspace() -> Workspace {
    let ws = Workspace::open_in_memory().unwrap();
    ws.conn()
        .execute_batch(
            "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
               VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
             INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
             INSERT INTO target_set(fiscal_year, name) VALUES (2026, '2026 目标');
             INSERT INTO org_unit(id, parent_id, kind, name, headcount) VALUES (1, NULL, 'company', '星辰', 3);
             INSERT INTO org_unit(id, parent_id, kind, name, headcount) VALUES (2, 1, 'region', '华东', 2);
             INSERT INTO org_unit(id, parent_id, kind, name, headcount) VALUES (3, 2, 'team', '华东一组', 2);
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (4, 3, 'person', '张三');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (5, 3, 'person', '李四');
             INSERT INTO org_unit(id, parent_id, kind, name, headcount) VALUES (6, 1, 'region', '华南', 1);
             INSERT INTO org_unit(id, parent_id, kind, name, headcount) VALUES (7, 6, 'team', '华南一组', 1);
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (8, 7, 'person', '王五');
             INSERT INTO dimension_member(id, dim, code, name_zh, name_en) VALUES (1, 'product_line', 'hw', '智能硬件', 'Smart hardware');
             INSERT INTO dimension_member(id, dim, code, name_zh, name_en) VALUES (2, 'product_line', 'saas', '软件订阅', 'Software');
             INSERT INTO dimension_member(id, dim, code, name_zh, name_en) VALUES (3, 'customer_type', 'A', 'A类客户', 'A-class');
             INSERT INTO dimension_member(id, dim, code, name_zh, name_en) VALUES (4, 'channel', 'direct', '直销', 'Direct');
             INSERT INTO customer(id, name, customer_type_id) VALUES (1, '上海华信', 3);",
        )
        .unwrap();
    ws
}

/// Everything an import may touch, as text, to compare states exactly.
pub(super) fn snapshot(ws: &Workspace) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT id, batch_id, date, person_id, amount, quantity, product_line_id, customer_type_id, channel_id, customer_id, order_id, note, fingerprint, source_row FROM actual ORDER BY id",
        "SELECT id, parent_id, kind, name, headcount, capacity_per_head FROM org_unit ORDER BY id",
        "SELECT id, name, customer_type_id FROM customer ORDER BY id",
        "SELECT id, dim, code FROM dimension_member ORDER BY id",
        "SELECT id, org_unit_id, period, floor_value, base_value, challenge_value FROM target ORDER BY id",
        "SELECT id, kind, file_name, rows_total FROM import_batch WHERE undone_at IS NULL ORDER BY id",
    ] {
        let mut stmt = ws.conn().prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out += &format!("{v:?},");
            }
            out.push('\n');
        }
        out.push_str("--\n");
    }
    out
}

pub(super) fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

pub(super) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

pub(super) fn opts(kind: ImportKind) -> ImportOptions {
    ImportOptions {
        kind,
        ..ImportOptions::default()
    }
}

pub(super) fn run(
    ws: &mut Workspace,
    path: &Path,
    o: &ImportOptions,
    r: &Resolutions,
) -> crate::Result<ImportSummary> {
    commit(ws, path, o, r, &mut no_progress, &AtomicBool::new(false))
}

fn look(ws: &Workspace, path: &Path, o: &ImportOptions) -> crate::Result<Preview> {
    preview(
        ws,
        path,
        o,
        &Resolutions::default(),
        &mut no_progress,
        &AtomicBool::new(false),
    )
}

const SALES: &str = "2026年3月销售明细,,,,
制表：销售部,,,,
日期,业务员,团队,金额（元）,数量,产品线,客户,客户类型,渠道,订单号,备注
2026-03-01,张三,华东一组,\"¥1,234.50\",2,智能硬件,上海华信,A类客户,直销,SO001,
2026/3/2,李四,华东一组,(200),1,软件订阅,上海华信,A类客户,直销,SO002,退货
2026年3月3日,王五,华南一组,\"1,000\",3,hw,,,,SO003,
2026-03-04,张三,华东一组,99.9,1,,,,,,
2026-03-05,赵六,华东一组,500,1,新产品,新客户甲,B类客户,电商,SO005,
2026-03-06,张三,华东一组,abc,1,,,,,SO006,
2026-02-30,李四,华东一组,10,1,,,,,SO007,
";

#[test]
fn preview_types_rows_and_lists_errors_and_unknowns() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace();
    let p = look(
        &ws,
        &write(dir.path(), "sales.csv", SALES.as_bytes()),
        &opts(ImportKind::Actuals),
    )
    .unwrap();
    assert_eq!(p.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(p.source.delimiter.as_deref(), Some(","));
    assert_eq!(p.header_row, 3);
    assert_eq!(p.rows_total, 7);
    assert_eq!(p.mapping.column_of(Field::Amount), Some(3));
    assert_eq!(p.mapping.column_of(Field::OrderId), Some(9));
    assert_eq!(p.rows.len(), 5);
    assert_eq!(
        p.rows[0].values[..4],
        ["2026-03-01", "张三", "1234.50", "2"]
    );
    assert_eq!(p.rows[1].values[2], "-200.00");
    assert_eq!(p.rows[3].values[0], "2026-03-04");
    assert_eq!(p.error_rows, 2);
    assert_eq!(
        p.errors
            .iter()
            .map(|e| (e.row, e.column.as_str()))
            .collect::<Vec<_>>(),
        [(9, "金额（元）"), (10, "日期")]
    );
    assert_eq!(p.errors[0].message_zh, "“abc”不是数字");
    assert_eq!(p.errors[0].message_en, "\"abc\" is not a number");
    let unknowns: Vec<(UnknownKind, &str, u64)> = p
        .unknowns
        .iter()
        .map(|u| (u.kind, u.value.as_str(), u.first_row))
        .collect();
    assert_eq!(
        unknowns,
        [
            (UnknownKind::Person, "赵六", 8),
            (UnknownKind::ProductLine, "新产品", 8),
            (UnknownKind::CustomerType, "B类客户", 8),
            (UnknownKind::Channel, "电商", 8),
            (UnknownKind::Customer, "新客户甲", 8),
        ]
    );
    assert_eq!(
        (
            p.duplicates,
            p.number_format_ambiguous,
            p.already_imported_batch
        ),
        (0, false, None)
    );
    // A preview writes nothing.
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM import_batch"), 0);
}

#[test]
fn commit_counts_every_row_and_skips_unknowns_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let path = write(dir.path(), "sales.csv", SALES.as_bytes());
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s.rows, s.inserted, s.duplicates, s.skipped, s.error_rows),
        (7, 4, 0, 1, 2)
    );
    assert_eq!(s.unresolved.len(), 1);
    assert_eq!(
        (s.unresolved[0].kind, s.unresolved[0].value.as_str()),
        (UnknownKind::Person, "赵六")
    );
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual"),
        123_450 - 20_000 + 100_000 + 9_990
    );
    assert_eq!(
        count(
            &ws,
            "SELECT product_line_id FROM actual WHERE order_id = 'SO003'"
        ),
        1
    );
    assert_eq!(
        count(
            &ws,
            "SELECT source_row FROM actual WHERE order_id = 'SO002'"
        ),
        5
    );
    assert_eq!(
        count(&ws, "SELECT rows_total * 10000 + inserted * 1000 + skipped * 100 + errors * 10 + duplicates FROM import_batch"),
        7 * 10_000 + 4_000 + 100 + 20
    );
    let b = list_batches(&ws).unwrap();
    assert_eq!(
        (b.len(), b[0].file_name.as_str(), b[0].kind.as_str()),
        (1, "sales.csv", "actuals")
    );
    assert_eq!(b[0].sha256.len(), 64);
}

#[test]
fn resolutions_create_or_map_and_undo_restores_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let before = snapshot(&ws);
    let path = write(dir.path(), "sales.csv", SALES.as_bytes());
    let create_all = Resolutions {
        items: vec![Resolution {
            kind: UnknownKind::Channel,
            value: "电商".into(),
            action: Action::Map { id: 4 },
            parent: None,
        }],
        otherwise: Some(Action::Create),
    };
    let s = run(&mut ws, &path, &opts(ImportKind::Actuals), &create_all).unwrap();
    assert_eq!((s.inserted, s.skipped, s.error_rows), (5, 0, 2));
    assert_eq!(
        s.created
            .iter()
            .map(|c| (c.kind, c.value.as_str()))
            .collect::<Vec<_>>(),
        [
            (UnknownKind::Person, "赵六"),
            (UnknownKind::ProductLine, "新产品"),
            (UnknownKind::CustomerType, "B类客户"),
            (UnknownKind::Customer, "新客户甲"),
        ]
    );
    // The new person sits in the row's team; the new customer has the row's customer type.
    assert_eq!(
        count(&ws, "SELECT parent_id FROM org_unit WHERE name = '赵六'"),
        3
    );
    assert_eq!(
        count(&ws, "SELECT c.customer_type_id = d.id FROM customer c, dimension_member d WHERE c.name = '新客户甲' AND d.code = 'B类客户'"),
        1
    );
    assert_eq!(
        count(
            &ws,
            "SELECT channel_id FROM actual WHERE order_id = 'SO005'"
        ),
        4
    );
    let u = undo(&mut ws, s.batch).unwrap();
    assert_eq!(
        (u.actuals, u.org_units, u.customers, u.dimension_members),
        (5, 1, 1, 2)
    );
    assert_eq!(snapshot(&ws), before);
    assert_eq!(
        undo(&mut ws, s.batch).unwrap_err().code,
        "import_batch_undone"
    );
}

#[test]
fn a_map_to_a_missing_id_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let before = snapshot(&ws);
    let r = Resolutions {
        items: vec![Resolution {
            kind: UnknownKind::Person,
            value: "赵六".into(),
            action: Action::Map { id: 3 }, // a team, not a person
            parent: None,
        }],
        otherwise: None,
    };
    let e = run(
        &mut ws,
        &write(dir.path(), "s.csv", SALES.as_bytes()),
        &opts(ImportKind::Actuals),
        &r,
    )
    .unwrap_err();
    assert_eq!(e.code, "import_bad_resolution");
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn the_same_file_twice_adds_nothing_and_overlaps_are_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let path = write(dir.path(), "sales.csv", SALES.as_bytes());
    let first = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    let after_first = snapshot(&ws);
    let again = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert!(again.already_imported);
    assert_eq!(
        (again.batch, again.inserted, again.duplicates),
        (first.batch, 0, 7)
    );
    assert_eq!(snapshot(&ws), after_first);
    let p = look(&ws, &path, &opts(ImportKind::Actuals)).unwrap();
    assert_eq!(
        (p.already_imported_batch, p.duplicates),
        (Some(first.batch), 4)
    );
    // Another file: two order lines already imported (same product and customer), one row
    // without order id equal in every typed value (2026-03-04 is serial 46085), one new row.
    let overlap = "日期,销售员,金额,数量,产品线,客户,订单号\n2026-03-01,张三,1234.5,2,智能硬件,上海华信,SO001\n2026-03-02,李四,-200,1,软件订阅,上海华信,SO002\n2026-03-04,张三,99.90,1,,,\n2026-03-09,王五,1,1,,,SO100\n";
    let s = run(
        &mut ws,
        &write(dir.path(), "overlap.csv", overlap.as_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert!(!s.already_imported);
    assert_eq!((s.rows, s.inserted, s.duplicates), (4, 1, 3));
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM actual"), 5);
}

#[test]
fn cancel_rolls_back_and_leaves_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let mut csv = String::from("日期,销售员,金额,订单号\n");
    for i in 0..10_000 {
        csv += &format!("2026-04-{:02},张三,{}.{:02},X{i}\n", 1 + i % 28, i, i % 100);
    }
    let path = write(dir.path(), "big.csv", csv.as_bytes());
    let before = snapshot(&ws);
    let cancel = AtomicBool::new(false);
    let mut reports = Vec::new();
    let e = commit(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
        &mut |p| {
            reports.push(p);
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        },
        &cancel,
    )
    .unwrap_err();
    assert_eq!(e.code, "import_cancelled");
    assert_eq!(
        reports,
        [Progress {
            rows_done: 4096,
            total: None
        }]
    );
    assert_eq!(snapshot(&ws), before);
    // Not cancelled: every row goes in, progress ends with the total.
    let mut last = None;
    let s = commit(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
        &mut |p| last = Some(p),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(s.inserted, 10_000);
    assert_eq!(
        last,
        Some(Progress {
            rows_done: 10_000,
            total: Some(10_000)
        })
    );
}

#[test]
fn round_trip_sums_are_exact() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let mut csv = String::from("Date,Sales Rep,Product Line,Quantity,Amount\n");
    let mut expect = 0i64;
    let mut seed = 12345u64;
    for i in 0..3_000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let fen = (seed >> 20) as i64 % 10_000_000 - 1_000_000;
        expect += fen;
        let sign = if fen < 0 { "-" } else { "" };
        csv += &format!(
            "2026-{:02}-{:02},{},{},{},\"{sign}{}.{:02}\"\n",
            1 + i % 12,
            1 + i % 28,
            ["张三", "李四", "王五"][i % 3],
            ["hw", "saas", "Smart hardware"][i % 3],
            i % 7,
            fen.abs() / 100,
            fen.abs() % 100
        );
    }
    let s = run(
        &mut ws,
        &write(dir.path(), "rt.csv", csv.as_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!((s.inserted, s.error_rows, s.skipped), (3_000, 0, 0));
    assert_eq!(count(&ws, "SELECT SUM(amount) FROM actual"), expect);
    assert_eq!(
        count(&ws, "SELECT COUNT(*) FROM actual WHERE product_line_id = 1"),
        2_000
    );
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut b = vec![0xff, 0xfe];
    for u in text.encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b
}

#[test]
fn every_encoding_imports_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "日期,业务员,销售额,备注\n2026-03-01,张三,\"1,000.50\",首单\n2026-03-02,李四,20,𠮷\n";
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(text.as_bytes());
    let gb18030 = encoding_rs::GB18030.encode(text).0.into_owned();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("u8.csv", text.as_bytes().to_vec(), "UTF-8"),
        ("bom.csv", bom, "UTF-8 BOM"),
        ("gbk.csv", gbk(&text.replace('𠮷', "吉")), "GBK"),
        ("gb18030.csv", gb18030, "GBK"),
        (
            "unicode.txt",
            utf16le_bom(&text.replace(',', "\t").replace("\"1\t000.50\"", "1000.50")),
            "UTF-16LE",
        ),
    ];
    for (name, bytes, label) in cases {
        let mut ws = workspace();
        let s = run(
            &mut ws,
            &write(dir.path(), name, &bytes),
            &opts(ImportKind::Actuals),
            &Resolutions::default(),
        )
        .unwrap();
        assert_eq!(s.encoding.as_deref(), Some(label), "{name}");
        assert_eq!((s.inserted, s.error_rows), (2, 0), "{name}");
        assert_eq!(
            count(&ws, "SELECT SUM(amount) FROM actual"),
            102_050,
            "{name}"
        );
        let note: String = ws
            .conn()
            .query_row("SELECT note FROM actual WHERE amount = 2000", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(note, if name == "gbk.csv" { "吉" } else { "𠮷" }, "{name}");
    }
    // The override reads a GBK file that detection would also take for GBK, and forcing UTF-8
    // on it turns the Chinese cells into errors instead of mojibake.
    let mut ws = workspace();
    let forced = ImportOptions {
        encoding: EncodingChoice::Utf8,
        ..opts(ImportKind::Actuals)
    };
    let e = run(
        &mut ws,
        &write(dir.path(), "forced.csv", &gbk(text)),
        &forced,
        &Resolutions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, "import_no_header");
}

#[test]
fn a_decimal_comma_is_asked_about_never_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let path = write(
        dir.path(),
        "eu.csv",
        "日期;Sales rep;Amount\n2026-03-01;张三;1.234,50\n2026-03-02;李四;12,5\n".as_bytes(),
    );
    let p = look(&ws, &path, &opts(ImportKind::Actuals)).unwrap();
    assert_eq!(p.source.delimiter.as_deref(), Some(";"));
    assert!(p.number_format_ambiguous);
    let e = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, "import_ambiguous_number_format");
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM import_batch"), 0);
    let comma = ImportOptions {
        number_format: NumberFormat::CommaDecimal,
        ..opts(ImportKind::Actuals)
    };
    let s = run(&mut ws, &path, &comma, &Resolutions::default()).unwrap();
    assert_eq!(s.inserted, 2);
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual"),
        123_450 + 1_250
    );
}

#[test]
fn a_saved_template_maps_unusual_headers_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let text = "单据日期,经手人,成交价,单据号\n2026-05-01,张三,10,A1\n";
    let path = write(dir.path(), "erp.csv", text.as_bytes());
    // Only the date is recognised: not enough for a header without the user's mapping.
    assert_eq!(
        look(&ws, &path, &opts(ImportKind::Actuals))
            .unwrap_err()
            .code,
        "import_no_header"
    );
    let headers: Vec<String> = ["单据日期", "经手人", "成交价", "单据号"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = Mapping::from_pairs(
        1,
        &headers,
        &[
            (0, Field::Date),
            (1, Field::Person),
            (2, Field::Amount),
            (3, Field::OrderId),
        ],
    );
    save_mapping(ws.conn(), "ERP 导出", ImportKind::Actuals, &headers, &m).unwrap();
    let with_mapping = ImportOptions {
        mapping: Some(m),
        ..opts(ImportKind::Actuals)
    };
    let p = look(&ws, &path, &with_mapping).unwrap();
    assert_eq!(p.rows[0].values[..3], ["2026-05-01", "张三", "10.00"]);
    let next = write(
        dir.path(),
        "erp-june.csv",
        "单据日期,经手人,成交价,单据号\n2026-06-01,李四,20,A2\n".as_bytes(),
    );
    let by_name = ImportOptions {
        template: Some("ERP 导出".into()),
        ..opts(ImportKind::Actuals)
    };
    let s = run(&mut ws, &next, &by_name, &Resolutions::default()).unwrap();
    assert_eq!(
        (s.inserted, count(&ws, "SELECT amount FROM actual")),
        (1, 2_000)
    );
}

#[test]
fn a_header_key_finds_the_template_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace();
    let headers: Vec<String> = ["日期", "经手人", "金额"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let m = Mapping::from_pairs(
        1,
        &headers,
        &[(0, Field::Date), (1, Field::Person), (2, Field::Amount)],
    );
    save_mapping(ws.conn(), "经手人模板", ImportKind::Actuals, &headers, &m).unwrap();
    let path = write(
        dir.path(),
        "a.csv",
        "标题\n日期,经手人,金额\n2026-01-05,王五,3\n".as_bytes(),
    );
    let p = look(&ws, &path, &opts(ImportKind::Actuals)).unwrap();
    assert_eq!(
        (p.template.as_deref(), p.header_row, p.rows.len()),
        (Some("经手人模板"), 2, 1)
    );
}

fn xlsx_bytes(rows: &[(f64, &str, f64, &str)], title: bool) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("三月").unwrap();
    let date = Format::new().set_num_format("yyyy/m/d");
    let top = if title {
        ws.write_string(0, 0, "2026年3月销售").unwrap();
        2
    } else {
        0
    };
    for (c, h) in ["日期", "销售员", "销售额", "订单号"].iter().enumerate() {
        ws.write_string(top, c as u16, *h).unwrap();
    }
    for (i, (d, rep, amount, order)) in rows.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.write_number_with_format(r, 0, *d, &date).unwrap();
        ws.write_string(r, 1, *rep).unwrap();
        ws.write_number(r, 2, *amount).unwrap();
        ws.write_string(r, 3, *order).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_dates_and_numbers_import_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let bytes = xlsx_bytes(
        &[
            (46082.0, "张三", 1234.56, "X1"),
            (46083.0, "李四", 0.1 + 0.2, "X2"),
            (46084.0, "王五", 7.0, "X3"),
        ],
        true,
    );
    let path = write(dir.path(), "march.xlsx", &bytes);
    let p = look(&ws, &path, &opts(ImportKind::Actuals)).unwrap();
    assert_eq!(
        (
            p.header_row,
            p.source.sheet.as_deref(),
            p.source.encoding.clone()
        ),
        (3, Some("三月"), None)
    );
    assert_eq!(p.source.total_rows, Some(6));
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!((s.inserted, s.sheet.as_deref()), (3, Some("三月")));
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual"),
        123_456 + 30 + 700
    );
    let (date, sheet, row): (String, String, i64) = ws
        .conn()
        .query_row(
            "SELECT date, source_sheet, source_row FROM actual WHERE order_id = 'X1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (date.as_str(), sheet.as_str(), row),
        ("2026-03-01", "三月", 4)
    );
    // .xlsm goes through the same reader.
    let s = run(
        &mut workspace(),
        &write(dir.path(), "march.xlsm", &bytes),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(s.inserted, 3);
}

/// A minimal OpenDocument spreadsheet written by hand: a title row, the header, typed cells.
fn ods_bytes() -> Vec<u8> {
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let data = |date: &str, rep: &str, amount: &str| {
        row(vec![
            format!(
                r#"<table:table-cell office:value-type="date" office:date-value="{date}"><text:p>{date}</text:p></table:table-cell>"#
            ),
            cell(rep),
            format!(
                r#"<table:table-cell office:value-type="float" office:value="{amount}"><text:p>{amount}</text:p></table:table-cell>"#
            ),
        ])
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="销售">{}{}{}{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        row(vec![cell("三月销售明细")]),
        row(vec![cell("日期"), cell("销售员"), cell("金额")]),
        data("2026-03-01", "张三", "1234.5"),
        data("2026-03-02", "李四", "0.07"),
    );
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn ods_imports_through_the_same_pipeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let s = run(
        &mut ws,
        &write(dir.path(), "march.ods", &ods_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s.rows, s.inserted, s.sheet.as_deref()),
        (2, 2, Some("销售"))
    );
    assert_eq!(count(&ws, "SELECT SUM(amount) FROM actual"), 123_450 + 7);
    let (date, row): (String, i64) = ws
        .conn()
        .query_row(
            "SELECT date, source_row FROM actual WHERE amount = 7",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((date.as_str(), row), ("2026-03-02", 4));
}

#[test]
fn targets_grid_becomes_target_rows_with_tiers() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let grid = "2026年目标,,,\n销售员,2026-01,2026-02,3月\n张三,100000,120000,\n李四,\"50,000\",abc,60000\n华东一组,150000,,\n";
    let path = write(dir.path(), "targets.csv", grid.as_bytes());
    let p = look(&ws, &path, &opts(ImportKind::Targets)).unwrap();
    assert_eq!(
        (p.header_row, p.rows_total, p.error_rows, p.unknowns.len()),
        (2, 6, 1, 0)
    );
    assert_eq!(p.rows[2].values, ["李四", "2026-01", "50000.00"]);
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Targets),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s.rows, s.inserted, s.duplicates, s.error_rows),
        (6, 5, 0, 1)
    );
    assert_eq!(s.errors[0].column, "2026-02");
    let (floor, base, challenge, start, end): (i64, i64, i64, String, String) = ws
        .conn()
        .query_row(
            "SELECT floor_value, base_value, challenge_value, period_start, period_end FROM target WHERE org_unit_id = 5 AND period = '2026-03'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!((floor, base, challenge), (4_800_000, 6_000_000, 7_200_000));
    assert_eq!((start.as_str(), end.as_str()), ("2026-03-01", "2026-03-31"));
    assert_eq!(
        count(&ws, "SELECT base_value FROM target WHERE org_unit_id = 3"),
        15_000_000
    );
    // Another file with the same values is all duplicates; a different value is an error.
    let again = "销售员,1月,2月\n张三,100000,130000\n";
    let s2 = run(
        &mut ws,
        &write(dir.path(), "t2.csv", again.as_bytes()),
        &opts(ImportKind::Targets),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s2.rows, s2.inserted, s2.duplicates, s2.error_rows),
        (2, 0, 1, 1)
    );
    assert!(
        s2.errors[0].message_en.contains("120000.00"),
        "{}",
        s2.errors[0].message_en
    );
    let u = undo(&mut ws, s.batch).unwrap();
    assert_eq!(u.targets, 5);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM target"), 0);
}

#[test]
fn organisation_rows_create_missing_units_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let before = snapshot(&ws);
    let org = "区域,团队,销售员,人数,人均产能,团队类型\n华东,华东一组,张三,,,\n华东,华东二组,,5,\"1,800,000\",B\n华北,华北一组,钱七,,,A\n,,,,,\n华北,华北一组,,x,,\n";
    let s = run(
        &mut ws,
        &write(dir.path(), "org.csv", org.as_bytes()),
        &opts(ImportKind::Org),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s.rows, s.inserted, s.duplicates, s.error_rows),
        (4, 2, 1, 1)
    );
    let (hc, cap, tt): (i64, i64, String) = ws
        .conn()
        .query_row(
            "SELECT headcount, capacity_per_head, team_type FROM org_unit WHERE name = '华东二组'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((hc, cap, tt.as_str()), (5, 180_000_000, "B"));
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM org_unit"), 8 + 4);
    assert_eq!(
        count(&ws, "SELECT p.parent_id = t.id FROM org_unit p, org_unit t WHERE p.name = '钱七' AND t.name = '华北一组'"),
        1
    );
    undo(&mut ws, s.batch).unwrap();
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn undo_is_refused_while_later_imports_use_what_it_created() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let org = run(
        &mut ws,
        &write(
            dir.path(),
            "org.csv",
            "团队,销售员\n华东一组,孙八\n".as_bytes(),
        ),
        &opts(ImportKind::Org),
        &Resolutions::default(),
    )
    .unwrap();
    let sales = run(
        &mut ws,
        &write(
            dir.path(),
            "s.csv",
            "日期,销售员,金额\n2026-01-02,孙八,5\n".as_bytes(),
        ),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(sales.inserted, 1);
    let before = snapshot(&ws);
    assert_eq!(
        undo(&mut ws, org.batch).unwrap_err().code,
        "import_batch_in_use"
    );
    assert_eq!(snapshot(&ws), before);
    undo(&mut ws, sales.batch).unwrap();
    undo(&mut ws, org.batch).unwrap();
    assert_eq!(
        count(&ws, "SELECT COUNT(*) FROM org_unit WHERE name = '孙八'"),
        0
    );
}

// ---- malformed input: typed errors, never a panic ----

fn small_caps() -> ImportOptions {
    ImportOptions {
        caps: Caps {
            max_line_bytes: 1_000,
            max_rows: 50,
            max_columns: 20,
            max_cell_bytes: 500,
            max_decompressed_bytes: 1 << 20,
            ..Caps::default()
        },
        ..opts(ImportKind::Actuals)
    }
}

fn error_code(name: &str, bytes: &[u8], o: &ImportOptions) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let mut ws = workspace();
    let before = snapshot(&ws);
    let p = look(&ws, &path, o)
        .err()
        .map(|e| e.code.as_str())
        .unwrap_or_default();
    let c = run(&mut ws, &path, o, &Resolutions::default())
        .err()
        .map(|e| e.code.as_str())
        .unwrap_or_default();
    assert_eq!(p, c, "{name}: preview and commit agree");
    assert_eq!(snapshot(&ws), before, "{name}: nothing written");
    c.to_string()
}

/// Patches every zip central-directory entry's uncompressed size.
fn patch_declared_sizes(zip: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 46 <= zip.len() {
        if zip[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
            zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            i += 46;
        } else {
            i += 1;
        }
    }
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A minimal hand-written workbook whose sheet declares the whole grid, A1:XFD1048576.
fn xlsx_with_dimension(dim: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dim}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c><c r="B1" t="inlineStr"><is><t>销售员</t></is></c><c r="C1" t="inlineStr"><is><t>金额</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2026-03-01</t></is></c><c r="B2" t="inlineStr"><is><t>张三</t></is></c><c r="C2"><v>12.5</v></c></row></sheetData></worksheet>"#
    );
    zip_of(&[
        ("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
        ("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

#[test]
fn malformed_files_give_typed_errors() {
    let o = small_caps();
    let good = xlsx_bytes(&[(46082.0, "张三", 1.0, "X1")], false);
    assert_eq!(error_code("empty.csv", b"", &o), "import_empty_file");
    assert_eq!(error_code("empty.xlsx", b"", &o), "import_empty_file");
    assert_eq!(
        error_code("truncated.xlsx", &good[..good.len() / 2], &o),
        "import_damaged_workbook"
    );
    let mut noise = Vec::new();
    let mut x = 7u32;
    for _ in 0..5_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        noise.push((x >> 16) as u8);
    }
    assert_eq!(
        error_code("renamed.xlsx", &noise, &o),
        "import_damaged_workbook"
    );
    assert_eq!(
        error_code("renamed.ods", &noise, &o),
        "import_damaged_workbook"
    );
    assert_eq!(
        error_code("renamed.xls", &noise, &o),
        "import_damaged_workbook"
    );
    // A small file that declares a huge size, and one that really inflates 4000:1.
    let mut declared = good.clone();
    patch_declared_sizes(&mut declared, 0xffff_fff0);
    assert_eq!(
        error_code("declared-bomb.xlsx", &declared, &o),
        "import_zip_bomb"
    );
    let zeros = vec![0u8; 4 << 20];
    let bomb = zip_of(&[("xl/sharedStrings.xml", &zeros)]);
    assert!(bomb.len() < 64 << 10, "{}", bomb.len());
    assert_eq!(
        error_code(
            "bomb.xlsx",
            &bomb,
            &ImportOptions {
                caps: Caps::default(),
                ..o.clone()
            }
        ),
        "import_zip_bomb"
    );
    assert_eq!(
        error_code(
            "wrong-delimiter.csv",
            "日期|销售员|金额\n2026-01-01|张三|5\n".as_bytes(),
            &o
        ),
        "import_no_header"
    );
    let long = format!("日期,销售员,金额\n2026-01-01,张三,{}\n", "9".repeat(5_000));
    assert_eq!(
        error_code("long-line.csv", long.as_bytes(), &o),
        "import_line_too_long"
    );
    let mut rows = String::from("日期,销售员,金额\n");
    for _ in 0..60 {
        rows += "2026-01-01,张三,1\n";
    }
    assert_eq!(
        error_code("many-rows.csv", rows.as_bytes(), &o),
        "import_too_many_rows"
    );
    let wide = format!("日期,销售员,金额{}\n", ",x".repeat(30));
    assert_eq!(
        error_code("wide.csv", wide.as_bytes(), &o),
        "import_too_many_columns"
    );
    let cell = format!("日期,销售员,金额\n2026-01-01,\"{}\",1\n", "长".repeat(300));
    assert_eq!(
        error_code("cell.csv", cell.as_bytes(), &o),
        "import_cell_too_long"
    );
    assert_eq!(
        error_code("notes.pdf", b"%PDF", &o),
        "import_unsupported_format"
    );
    let unclosed = format!(
        "日期,销售员,金额\n2026-01-01,\"张三,1\n{}",
        "2026-01-02,李四,2\n".repeat(100)
    );
    assert_eq!(
        error_code("unclosed.csv", unclosed.as_bytes(), &o),
        "import_line_too_long"
    );
}

#[test]
fn a_sheet_declaring_the_whole_grid_allocates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let path = write(
        dir.path(),
        "dim.xlsx",
        &xlsx_with_dimension("A1:XFD1048576"),
    );
    let start = std::time::Instant::now();
    let p = look(&ws, &path, &small_caps()).unwrap();
    assert_eq!(
        p.source.total_rows,
        Some(50),
        "the declared 1048576 rows, capped"
    );
    let s = run(&mut ws, &path, &small_caps(), &Resolutions::default()).unwrap();
    assert_eq!(
        (s.inserted, count(&ws, "SELECT amount FROM actual")),
        (1, 1_250)
    );
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn mixed_encodings_are_row_errors_not_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let mut bytes = "日期,销售员,金额\n".as_bytes().to_vec();
    for i in 1..=5 {
        bytes.extend_from_slice(format!("2026-01-01,张三,{i}\n").as_bytes());
    }
    bytes.extend_from_slice(b"2026-01-02,");
    bytes.extend_from_slice(&gbk("李四"));
    bytes.extend_from_slice(",2\n2026-01-03,王五,3\n".as_bytes());
    let s = run(
        &mut ws,
        &write(dir.path(), "mixed.csv", &bytes),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s.encoding.as_deref(), s.inserted, s.error_rows),
        (Some("UTF-8"), 6, 1)
    );
    assert_eq!(
        (s.errors[0].row, s.errors[0].column.as_str()),
        (7, "销售员")
    );
    assert!(
        s.errors[0].message_zh.contains("编码"),
        "{}",
        s.errors[0].message_zh
    );
}

#[path = "units_import_tests.rs"]
mod units_import_tests;

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn check(ws: &Workspace, dir: &Path, bytes: &[u8]) {
        let path = write(dir, "fuzz.csv", bytes);
        let o = ImportOptions {
            caps: Caps {
                max_line_bytes: 4_096,
                max_rows: 500,
                ..Caps::default()
            },
            ..opts(ImportKind::Actuals)
        };
        // Ok or a typed error: both are fine; a panic would be caught and turned into
        // `import_internal`, which must never happen.
        if let Err(e) = look(ws, &path, &o) {
            assert_ne!(e.code, "import_internal", "{}", e.en);
        }
    }

    fn near_valid_line() -> impl Strategy<Value = String> {
        let cell = prop_oneof![
            Just("2026-03-01".to_string()),
            Just("张三".to_string()),
            Just("\"¥1,234.50\"".to_string()),
            Just("(1,200)".to_string()),
            Just("12%".to_string()),
            Just("\"".to_string()),
            Just("".to_string()),
            "[0-9.,\\-]{0,12}",
            "\\PC{0,8}",
        ];
        proptest::collection::vec(cell, 0..8).prop_map(|cells| cells.join(","))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1_500, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            thread_local! {
                static WS: Workspace = workspace();
                static DIR: tempfile::TempDir = tempfile::tempdir().unwrap();
            }
            WS.with(|ws| DIR.with(|d| check(ws, d.path(), &bytes)));
        }

        #[test]
        fn near_valid_csv_never_panics(lines in proptest::collection::vec(near_valid_line(), 0..12), bom in any::<bool>()) {
            thread_local! {
                static WS: Workspace = workspace();
                static DIR: tempfile::TempDir = tempfile::tempdir().unwrap();
            }
            let mut text = String::from("日期,销售员,金额,数量\n");
            text += &lines.join("\n");
            let mut bytes = if bom { vec![0xef, 0xbb, 0xbf] } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            WS.with(|ws| DIR.with(|d| check(ws, d.path(), &bytes)));
        }
    }
}

#[test]
fn workspace_fixture_is_sane() {
    let ws = workspace();
    assert_eq!(
        count(&ws, "SELECT COUNT(*) FROM org_unit WHERE kind = 'person'"),
        3
    );
    let _ = params![1];
}

#[test]
fn the_demo_batch_can_be_undone_too() {
    let mut ws = Workspace::open_in_memory().unwrap();
    crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
    let demo = list_batches(&ws).unwrap();
    assert_eq!((demo.len(), demo[0].kind.as_str()), (1, "demo"));
    let actuals = count(&ws, "SELECT COUNT(*) FROM actual");
    assert_eq!(actuals, demo[0].inserted);
    let u = undo(&mut ws, demo[0].id).unwrap();
    assert_eq!(u.actuals as i64, actuals);
    assert_eq!(
        count(&ws, "SELECT COUNT(*) FROM actual")
            + count(
                &ws,
                "SELECT COUNT(*) FROM import_batch WHERE undone_at IS NULL"
            ),
        0
    );
    assert!(
        count(&ws, "SELECT COUNT(*) FROM org_unit") > 0,
        "the demo's organisation stays"
    );
}

/// Two title rows (the second looks like a short header) above the real header in row 3.
const TWO_TITLES: &str = "2026年3月 区域报表,,,
区域,团队,备注,
日期,销售员,金额,区域
2026-03-01,张三,100.50,华东
2026-03-02,王五,20,华南
";

fn with_header_row(row: u64) -> ImportOptions {
    ImportOptions {
        header_row: Some(row),
        ..opts(ImportKind::Actuals)
    }
}

#[test]
fn a_chosen_header_row_is_used_and_its_template_still_wins() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let path = write(dir.path(), "two-titles.csv", TWO_TITLES.as_bytes());
    let p = look(&ws, &path, &with_header_row(3)).unwrap();
    assert_eq!((p.header_row, p.mapping.header_row), (3, 3));
    assert_eq!(p.headers, ["日期", "销售员", "金额", "区域"]);
    let fields: Vec<(usize, Field)> = p
        .mapping
        .columns
        .iter()
        .map(|c| (c.column, c.field))
        .collect();
    assert_eq!(
        fields,
        [
            (0, Field::Date),
            (1, Field::Person),
            (2, Field::Amount),
            (3, Field::Region)
        ]
    );
    assert_eq!(
        (p.missing_fields.len(), p.rows_total, p.error_rows),
        (0, 2, 0)
    );
    assert_eq!(p.template, None);
    // A template saved for these headers is proposed for the chosen row.
    save_mapping(
        ws.conn(),
        "三月模板",
        ImportKind::Actuals,
        &p.headers,
        &p.mapping,
    )
    .unwrap();
    let again = look(&ws, &path, &with_header_row(3)).unwrap();
    assert_eq!(again.template.as_deref(), Some("三月模板"));
    let s = run(&mut ws, &path, &with_header_row(3), &Resolutions::default()).unwrap();
    assert_eq!((s.rows, s.inserted, s.error_rows), (2, 2, 0));
    assert_eq!(count(&ws, "SELECT SUM(amount) FROM actual"), 12_050);
}

#[test]
fn a_wrong_header_row_previews_its_own_mapping_and_a_commit_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let path = write(dir.path(), "two-titles.csv", TWO_TITLES.as_bytes());
    let p = look(&ws, &path, &with_header_row(2)).unwrap();
    assert_eq!(p.header_row, 2);
    let fields: Vec<(usize, Field)> = p
        .mapping
        .columns
        .iter()
        .map(|c| (c.column, c.field))
        .collect();
    assert_eq!(
        fields,
        [(0, Field::Region), (1, Field::Team), (2, Field::Note)]
    );
    assert_eq!(
        p.missing_fields,
        [Field::Date, Field::Person, Field::Amount]
    );
    // Rows 3-5 are data rows under this header; without date, rep and amount each is an error.
    assert_eq!((p.rows_total, p.error_rows, p.rows.len()), (3, 3, 0));
    let e = run(&mut ws, &path, &with_header_row(2), &Resolutions::default()).unwrap_err();
    assert_eq!(e.code, "import_missing_column");
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM import_batch"), 0);
    // Beyond the file: a clear error in both languages.
    let e = look(&ws, &path, &with_header_row(9)).unwrap_err();
    assert_eq!(e.code, "import_header_row_out_of_range");
    assert!(
        e.zh.contains("第 9 行") && e.zh.contains("只有 5 行"),
        "{}",
        e.zh
    );
    assert!(
        e.en.contains("(9)") && e.en.contains("has 5 rows"),
        "{}",
        e.en
    );
    let e = look(&ws, &path, &with_header_row(0)).unwrap_err();
    assert_eq!(e.code, "import_header_row_invalid");
}

/// The committed BIFF8 workbook written by scripts/fixtures/make_xls.py (xlwt): a title row, the
/// header in row 2, Excel dates (one date as Chinese text), amounts with cents, one unknown rep.
fn xls_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/actuals.xls")
}

#[test]
fn a_real_xls_workbook_previews_and_commits_exactly() {
    let mut ws = workspace();
    let path = xls_fixture();
    let p = look(&ws, &path, &opts(ImportKind::Actuals)).unwrap();
    assert_eq!(p.source.sheet.as_deref(), Some("3月销售"));
    assert_eq!(p.header_row, 2);
    assert_eq!(
        p.headers,
        [
            "日期",
            "销售员",
            "金额",
            "产品线",
            "数量",
            "客户",
            "订单号",
            "备注"
        ]
    );
    assert_eq!((p.rows_total, p.error_rows, p.duplicates), (6, 0, 0));
    assert_eq!(
        p.rows[0].values[..4],
        ["2026-03-02", "张三", "1234.50", "2"]
    );
    assert_eq!(p.rows[1].values[2], "99.99");
    assert_eq!(p.rows[5].values[0], "2026-03-12");
    let unknowns: Vec<(UnknownKind, &str, u64)> = p
        .unknowns
        .iter()
        .map(|u| (u.kind, u.value.as_str(), u.first_row))
        .collect();
    assert_eq!(unknowns, [(UnknownKind::Person, "赵六", 6)]);
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!(
        (s.rows, s.inserted, s.duplicates, s.skipped, s.error_rows),
        (6, 5, 0, 1, 0)
    );
    assert_eq!(count(&ws, "SELECT SUM(amount) FROM actual"), 2_433_460);
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual_month WHERE dim = ''"),
        2_433_460
    );
    let first: (String, String, i64, i64) = ws
        .conn()
        .query_row(
            "SELECT date, source_sheet, source_row, quantity FROM actual WHERE order_id = 'XLS-001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        first,
        ("2026-03-02".to_string(), "3月销售".to_string(), 3, 2)
    );
    // The same workbook again adds nothing.
    let again = run(
        &mut ws,
        &path,
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert!(again.already_imported);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM actual"), 5);
}
