use super::*;
use crate::store::Workspace;
use crate::variance::{Engine, VarianceQuery};
use std::io::Read;

#[test]
fn csv_neutralises_formulas_but_keeps_numbers() {
    assert_eq!(neutralise("=SUM(A1:A9)"), "'=SUM(A1:A9)");
    assert_eq!(neutralise("@cmd"), "'@cmd");
    assert_eq!(neutralise("+86 138 0000"), "'+86 138 0000");
    assert_eq!(neutralise("-1+2"), "'-1+2");
    assert_eq!(neutralise("-A1"), "'-A1");
    assert_eq!(neutralise("\t=1"), "'\t=1");
    assert_eq!(neutralise("-200.00"), "-200.00");
    assert_eq!(neutralise("+5"), "+5");
    assert_eq!(neutralise("-5."), "'-5.");
    assert_eq!(neutralise("华东"), "华东");
    let table = Table {
        sheet: "s".into(),
        headers: vec!["名称".into(), "金额".into(), "达成率".into()],
        rows: vec![
            vec![
                Cell::Text("=HYPERLINK(\"x\")".into()),
                Cell::Money(-200_000_000),
                Cell::Percent(8000),
            ],
            vec![Cell::Text("a,b".into()), Cell::Empty, Cell::Bool(true)],
        ],
    };
    let bytes = table_bytes(&table, TableFormat::Csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text,
        "名称,金额,达成率\r\n\"'=HYPERLINK(\"\"x\"\")\",-2000000.00,80.00%\r\n\"a,b\",,TRUE\r\n"
    );
}

fn demo_report(lang_period: &str) -> (Workspace, crate::variance::VarianceReport) {
    let mut ws = Workspace::open_in_memory().unwrap();
    crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
    let r = Engine::new(&ws)
        .unwrap()
        .variance(&VarianceQuery::new("revenue", "/", lang_period))
        .unwrap();
    (ws, r)
}

#[test]
fn variance_table_in_csv_has_one_row_per_node() {
    let (_ws, r) = demo_report("2026-Q3");
    let t = variance_table(&r, Lang::Zh);
    assert_eq!(t.rows.len(), 4);
    assert_eq!(t.headers[8], "达成率");
    assert_eq!(variance_table(&r, Lang::En).headers[8], "Achievement");
    let csv = String::from_utf8(table_bytes(&t, TableFormat::Csv).unwrap()[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 5);
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first[0], "星辰智能科技");
    assert_eq!(
        first[4],
        crate::money::format_yuan(r.figures.target.unwrap().base)
    );
    assert_eq!(first[7], crate::money::format_yuan(r.figures.actual));
    // A negative gap stays a number, not a neutralised text.
    assert_eq!(first[9], crate::money::format_yuan(r.figures.gap.unwrap()));
    assert!(first[9].starts_with('-'));
    assert_eq!(lines[2].split(',').next(), Some("华东"));
}

#[test]
fn xlsx_has_number_formats() {
    let (_ws, r) = demo_report("2026-Q3");
    let bytes = table_bytes(&variance_table(&r, Lang::En), TableFormat::Xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let styles = read("xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0.00\""), "{styles}");
    assert!(styles.contains("formatCode=\"0.00%\""), "{styles}");
    let sheet = read("xl/worksheets/sheet1.xml");
    // The company's actual, in yuan, as a number cell.
    let actual = crate::money::format_yuan(r.figures.actual);
    let actual = actual.trim_end_matches('0').trim_end_matches('.');
    assert!(sheet.contains(&format!("<v>{actual}</v>")), "{actual}");
    assert!(read("xl/sharedStrings.xml").contains("Achievement"));
    assert_eq!(
        TableFormat::from_path(std::path::Path::new("a.txt"))
            .unwrap_err()
            .code,
        "bad_export_file"
    );
}
