//! Each import kind declares the columns it requires and the columns its "no header" message
//! names (`Importer::required`, `Importer::header_hint`); these tests read the messages a user
//! gets for each kind, in zh and en, written out by hand.

use super::tests::{count, opts, run, workspace, write};
use super::*;

/// Two columns no kind recognises, so no header row is found.
const NO_HEADER: &str = "甲,乙\n1,2\n3,4\n";

#[test]
fn each_kind_names_its_own_columns_when_no_header_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.csv", NO_HEADER.as_bytes());
    for (kind, zh, en) in [
        (
            ImportKind::Actuals,
            "日期、销售员、金额",
            "date, sales rep, amount",
        ),
        (
            ImportKind::Targets,
            "销售员/组织 与 期间（如 2026-01、1月）",
            "sales rep/unit and periods (e.g. 2026-01, 1月)",
        ),
        (
            ImportKind::Org,
            "区域、团队、销售员、人数、人均产能",
            "region, team, sales rep, headcount, capacity",
        ),
    ] {
        let mut ws = workspace();
        let e = run(&mut ws, &path, &opts(kind), &Resolutions::default()).unwrap_err();
        assert_eq!(e.code, "import_no_header", "{kind:?}");
        assert_eq!(
            e.zh,
            format!("文件“x.csv”：在前 30 行中找不到表头（需要至少两个可识别的列，如 {zh}）。请检查分隔符和编码，或手动指定映射。")
        );
        assert_eq!(
            e.en,
            format!("File \"x.csv\": no header row in the first 30 rows (at least two recognisable columns are needed, such as {en}). Check the delimiter and encoding, or give the mapping.")
        );
        assert_eq!(count(&ws, "SELECT COUNT(*) FROM import_batch"), 0);
    }
}

/// A header the user chose (row 1) that lacks a column the kind requires: refused, naming the
/// first field missing in the kind's order; the organisation requires none.
#[test]
fn each_kind_requires_its_own_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "y.csv", "团队,备注\n华东一组,x\n".as_bytes());
    for (kind, zh, en) in [
        (ImportKind::Actuals, "日期", "date"),
        (ImportKind::Targets, "销售员", "sales rep"),
    ] {
        let mut ws = workspace();
        let o = ImportOptions {
            header_row: Some(1),
            ..opts(kind)
        };
        let e = run(&mut ws, &path, &o, &Resolutions::default()).unwrap_err();
        assert_eq!(e.code, "import_missing_column", "{kind:?}");
        assert_eq!(
            e.zh,
            format!("文件“y.csv”，第 1 行：缺少必需的列“{zh}”（可用 --map 列=字段 指定）")
        );
        assert_eq!(
            e.en,
            format!("File \"y.csv\", row 1: the required column \"{en}\" is missing (map one with --map column=field)")
        );
    }
    let ws = workspace();
    let p = preview(
        &ws,
        &path,
        &ImportOptions {
            header_row: Some(1),
            ..opts(ImportKind::Org)
        },
        &Resolutions::default(),
        &mut no_progress,
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    assert!(p.missing_fields.is_empty());
}
