use super::*;
use crate::export::export_table;
use crate::import::Caps;
use std::path::{Path, PathBuf};

/// A workspace holding the catalog a new workspace starts with (the official calendar).
fn official_ws() -> Workspace {
    let ws = Workspace::open_in_memory().unwrap();
    crate::bootstrap::write_starting_data(ws.conn(), 2026).unwrap();
    ws
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn day<'a>(y: &'a CalendarYear, date: &str) -> &'a CalendarDay {
    y.days.iter().find(|x| x.date == date).unwrap()
}

fn october_via_variance(ws: &Workspace) -> i64 {
    crate::variance::workspace_calendar(ws)
        .unwrap()
        .working_days(d("2026-10-01"), d("2026-10-31"))
}

fn entries_2026(ws: &Workspace) -> BTreeMap<NaiveDate, DayEntry> {
    stored_entries(ws.conn(), d("2026-01-01"), d("2026-12-31")).unwrap()
}

/// Working days of 2026, January … December, counted by hand from the shipped notice:
/// weekdays per month (22 20 22 22 21 22 23 21 22 22 21 23 = 261) minus weekday holidays
/// (Jan 2, Feb 6, Apr 1, May 3, Jun 1, Sep 1, Oct 5 = 19) plus weekend working days
/// (Jan 1, Feb 2, May 1, Sep 1, Oct 1 = 6).
const CN_2026_BY_MONTH: [i64; 12] = [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23];

#[test]
fn china_2026_year_has_248_working_days() {
    let ws = official_ws();
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!(y.days.len(), 365);
    assert_eq!(y.working_days_by_month, CN_2026_BY_MONTH.to_vec());
    assert_eq!(y.working_days, 248);
    assert_eq!(CN_2026_BY_MONTH.iter().sum::<i64>(), 248);
    assert!(y.official_available);
    assert_eq!(y.custom_days, 0);
    let count = |k: DayType| y.days.iter().filter(|x| x.kind == k).count();
    assert_eq!(count(DayType::Holiday), 19);
    assert_eq!(count(DayType::AdjustedWorkday), 6);
    assert_eq!(count(DayType::Weekend), 104 - 6);
    assert_eq!(count(DayType::Workday), 261 - 19);
    let oct1 = day(&y, "2026-10-01");
    assert_eq!(
        (
            oct1.weekday,
            oct1.kind,
            oct1.name_zh.as_str(),
            oct1.name_en.as_str()
        ),
        (4, DayType::Holiday, "国庆节", "National Day")
    );
    let oct3 = day(&y, "2026-10-03");
    assert_eq!(
        (oct3.kind, oct3.name_zh.as_str()),
        (DayType::Weekend, "国庆节")
    );
    assert_eq!(day(&y, "2026-10-08").kind, DayType::Workday);
    let oct10 = day(&y, "2026-10-10");
    assert_eq!((oct10.weekday, oct10.kind), (6, DayType::AdjustedWorkday));
    assert_eq!(day(&y, "2026-09-20").kind, DayType::AdjustedWorkday);
    assert_eq!(day(&y, "2026-10-17").name_zh, "");
}

#[test]
fn china_2025_and_a_plain_year() {
    let ws = official_ws();
    let y = year_days(&ws, 2025).unwrap();
    // 261 weekdays, 18 weekday holidays, 5 weekend working days.
    assert_eq!(y.working_days, 248);
    assert_eq!(y.working_days_by_month[0], 23 - 1 - 4 + 1);
    assert_eq!(y.working_days_by_month[9], 23 - 6 + 1);
    let y = year_days(&ws, 2027).unwrap();
    assert_eq!((y.working_days, y.official_available), (261, false));
    let leap = year_days(&ws, 2028).unwrap();
    assert_eq!((leap.days.len(), leap.working_days), (366, 260));
    assert_eq!(
        year_days(&ws, 10_000).unwrap_err().code,
        "calendar_bad_year"
    );
}

#[test]
fn set_day_moves_working_days_by_one_and_restores() {
    let ws = official_ws();
    assert_eq!(october_via_variance(&ws), 18);
    let before = set_day(&ws, "2026-10-09", DayKind::Holiday, "公司假", "Company day").unwrap();
    assert_eq!(
        before,
        DaySnapshot {
            date: "2026-10-09".into(),
            entry: None
        }
    );
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.working_days_by_month[9]), (247, 17));
    assert_eq!(october_via_variance(&ws), 17);
    let oct9 = day(&y, "2026-10-09");
    assert_eq!(
        (oct9.kind, oct9.name_zh.as_str(), oct9.custom),
        (DayType::Holiday, "公司假", true)
    );
    assert_eq!(y.custom_days, 1);
    let redo = restore_day(&ws, &before).unwrap();
    assert_eq!(redo.entry.as_ref().unwrap().name_en, "Company day");
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.custom_days), (248, 0));
    assert_eq!(october_via_variance(&ws), 18);

    // Clearing the official 调休 Saturday removes a working day; undo brings it back named.
    let before = set_day(&ws, "2026-10-10", DayKind::Normal, "", "").unwrap();
    assert_eq!(
        before.entry,
        Some(DayEntry {
            kind: HolidayKind::Workday,
            name_zh: "国庆节".into(),
            name_en: "National Day".into()
        })
    );
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.custom_days), (247, 1));
    assert_eq!(day(&y, "2026-10-10").kind, DayType::Weekend);
    assert_eq!(october_via_variance(&ws), 17);
    restore_day(&ws, &before).unwrap();
    assert_eq!(year_days(&ws, 2026).unwrap().custom_days, 0);
    assert_eq!(october_via_variance(&ws), 18);

    // A worked Saturday adds one.
    set_day(&ws, "2026-10-17", DayKind::Workday, "冲刺", "").unwrap();
    assert_eq!(october_via_variance(&ws), 19);
    assert_eq!(year_days(&ws, 2026).unwrap().working_days, 249);
}

#[test]
fn entries_without_effect_are_kept_only_with_a_name() {
    let ws = official_ws();
    let rows = entries_2026(&ws).len();
    set_day(&ws, "2026-10-17", DayKind::Holiday, "", "").unwrap();
    set_day(&ws, "2026-10-08", DayKind::Workday, " ", "").unwrap();
    assert_eq!(entries_2026(&ws).len(), rows);
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.custom_days), (248, 0));
    // Named: kept (like the official weekend days of a holiday), working days unchanged.
    set_day(&ws, "2026-10-17", DayKind::Holiday, "团建", "Team day").unwrap();
    assert_eq!(entries_2026(&ws).len(), rows + 1);
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.custom_days), (248, 1));
    assert_eq!(day(&y, "2026-10-17").kind, DayType::Weekend);
    // A nameless redundant edit of an official weekend holiday removes the entry.
    set_day(&ws, "2026-10-03", DayKind::Holiday, "", "").unwrap();
    assert_eq!(stored_entry(ws.conn(), d("2026-10-03")).unwrap(), None);
    assert_eq!(
        set_day(&ws, "2026-02-30", DayKind::Holiday, "", "")
            .unwrap_err()
            .code,
        "calendar_bad_date"
    );
}

#[test]
fn reset_year_restores_the_official_calendar_of_that_year_only() {
    let ws = official_ws();
    set_day(&ws, "2026-10-09", DayKind::Holiday, "公司假", "").unwrap();
    set_day(&ws, "2026-10-10", DayKind::Normal, "", "").unwrap();
    set_day(&ws, "2026-01-01", DayKind::Holiday, "新年", "").unwrap();
    set_day(&ws, "2025-12-31", DayKind::Holiday, "跨年", "").unwrap();
    assert_eq!(year_days(&ws, 2026).unwrap().custom_days, 3);
    // 2026: 元旦 3+1, 春节 9+2, 清明 3, 劳动节 5+1, 端午 3, 中秋 3, 国庆 7+2.
    assert_eq!(reset_year(&ws, 2026).unwrap(), 39);
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.custom_days), (248, 0));
    assert_eq!(day(&y, "2026-01-01").name_zh, "元旦");
    let y25 = year_days(&ws, 2025).unwrap();
    assert_eq!((y25.working_days, y25.custom_days), (247, 1));
    let err = reset_year(&ws, 2027).unwrap_err();
    assert_eq!(err.code, "calendar_no_official_year");
    assert!(err.zh.contains("2025、2026"), "{}", err.zh);
    assert!(err.en.contains("2025, 2026"), "{}", err.en);
    assert_eq!(official_years(), vec![2025, 2026]);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const CSV: &str = "日期,类型,名称\n\
2026/10/9,休,公司假\n\
2026年10月10日,正常,\n\
\n\
2026-12-31,休,跨年\n\
2026-12-26,补班,年终冲刺\n";

fn assert_csv_applied(ws: &Workspace, s: &CalendarImportSummary) {
    assert_eq!(
        (s.rows, s.holidays, s.workdays, s.cleared, s.applied),
        (4, 2, 1, 1, true)
    );
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let y = year_days(ws, 2026).unwrap();
    assert_eq!(y.working_days_by_month[9], 16);
    assert_eq!(y.working_days_by_month[11], 23);
    assert_eq!(y.working_days, 246);
    assert_eq!(y.custom_days, 4);
    assert_eq!(day(&y, "2026-10-09").name_zh, "公司假");
    assert_eq!(day(&y, "2026-12-26").kind, DayType::AdjustedWorkday);
    assert_eq!(day(&y, "2026-12-26").name_zh, "年终冲刺");
    assert_eq!(october_via_variance(ws), 16);
}

#[test]
fn imports_csv_in_utf8_and_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let ws = official_ws();
    let s = import_calendar(&ws, &write(dir.path(), "cal.csv", CSV.as_bytes()), None).unwrap();
    assert_eq!(s.file_name, "cal.csv");
    assert_csv_applied(&ws, &s);

    let (gbk, _, bad) = encoding_rs::GBK.encode(CSV);
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err());
    let ws = official_ws();
    let s = import_calendar(&ws, &write(dir.path(), "cal-gbk.csv", &gbk), None).unwrap();
    assert_csv_applied(&ws, &s);
}

#[test]
fn imports_xlsx_with_date_cells_serials_and_text() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cal.xlsx");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    for (c, h) in ["Date", "Type", "Name", "Name EN"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let fmt = Format::new().set_num_format("yyyy-mm-dd");
    let oct9 = ExcelDateTime::from_ymd(2026, 10, 9).unwrap();
    sheet.write_datetime_with_format(1, 0, &oct9, &fmt).unwrap();
    sheet.write_string(1, 1, "holiday").unwrap();
    sheet.write_string(1, 2, "公司假").unwrap();
    sheet.write_string(1, 3, "Company day").unwrap();
    // 2026-12-26 as a bare Excel serial.
    let serial = (d("2026-12-26") - d("1899-12-30")).num_days() as f64;
    sheet.write_number(2, 0, serial).unwrap();
    sheet.write_string(2, 1, "Work").unwrap();
    sheet.write_string(3, 0, "2026年10月10日").unwrap();
    sheet.write_string(3, 1, "clear").unwrap();
    sheet.write_string(4, 0, "2026-12-31").unwrap();
    sheet.write_string(4, 1, "off").unwrap();
    wb.save(&path).unwrap();

    let ws = official_ws();
    let s = import_calendar(&ws, &path, None).unwrap();
    assert_eq!(
        (s.rows, s.holidays, s.workdays, s.cleared, s.applied),
        (4, 2, 1, 1, true)
    );
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!(
        (
            y.working_days,
            y.working_days_by_month[9],
            y.working_days_by_month[11]
        ),
        (246, 16, 23)
    );
    let oct9 = day(&y, "2026-10-09");
    assert_eq!(
        (oct9.name_zh.as_str(), oct9.name_en.as_str()),
        ("公司假", "Company day")
    );
    assert_eq!(day(&y, "2026-12-26").kind, DayType::AdjustedWorkday);
}

#[test]
fn bad_rows_are_all_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let ws = official_ws();
    let csv = "节假日安排\n\
日期,类型,名称\n\
2026-10-09,休,公司假\n\
2026-13-01,休,\n\
2026-10-12,调休,\n\
2026-10-09,班,\n\
2026-10-13,,\n";
    let s = import_calendar(&ws, &write(dir.path(), "bad.csv", csv.as_bytes()), None).unwrap();
    assert!(!s.applied);
    assert_eq!(s.rows, 5);
    let rows: Vec<u64> = s.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![4, 5, 6, 7]);
    assert_eq!(
        s.errors[0].message_zh,
        "第 4 行：“日期”“2026-13-01”不是日期（支持 2026-03-01、2026/3/1、2026年3月1日、Excel 日期序号）"
    );
    assert!(s.errors[1]
        .message_en
        .starts_with("Row 5: the Kind \"调休\" is not recognised"));
    assert_eq!(
        s.errors[2].message_zh,
        "第 6 行：日期 2026-10-09 已在第 3 行出现"
    );
    assert!(s.errors[3]
        .message_en
        .starts_with("Row 7: the Kind cell is empty"));
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!((y.working_days, y.custom_days), (248, 0));

    let e =
        import_calendar(&ws, &write(dir.path(), "nohead.csv", b"a,b\n1,2\n"), None).unwrap_err();
    assert_eq!(e.code, "calendar_import_no_header");
    assert!(e.zh.contains("nohead.csv"), "{}", e.zh);
    let tiny = Caps {
        max_file_bytes: 10,
        ..Caps::default()
    };
    let e = import_calendar(
        &ws,
        &write(dir.path(), "big.csv", CSV.as_bytes()),
        Some(tiny),
    )
    .unwrap_err();
    assert_eq!(e.code, "import_file_too_large");
}

#[test]
fn blank_names_keep_the_names_the_day_has() {
    let dir = tempfile::tempdir().unwrap();
    let ws = official_ws();
    let csv = "date,kind\n2026-10-01,holiday\n2026-10-10,workday\n2026-10-09,holiday\n";
    let s = import_calendar(&ws, &write(dir.path(), "c.csv", csv.as_bytes()), None).unwrap();
    assert!(s.applied);
    let y = year_days(&ws, 2026).unwrap();
    assert_eq!(day(&y, "2026-10-01").name_en, "National Day");
    assert_eq!(day(&y, "2026-10-10").name_zh, "国庆节");
    assert_eq!(day(&y, "2026-10-09").name_zh, "");
    assert_eq!(y.custom_days, 1);
}

#[test]
fn export_then_import_gives_the_same_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let ws = official_ws();
    set_day(&ws, "2026-10-09", DayKind::Holiday, "公司假", "Company day").unwrap();
    set_day(&ws, "2026-10-10", DayKind::Normal, "", "").unwrap();
    set_day(&ws, "2026-12-26", DayKind::Workday, "年终冲刺, \"冲\"", "").unwrap();
    set_day(&ws, "2026-11-02", DayKind::Holiday, "=1+1", "").unwrap();
    let original = entries_2026(&ws);
    let want = year_days(&ws, 2026).unwrap();
    assert_eq!(want.working_days, 248 - 1 - 1 + 1 - 1);
    for lang in [Lang::Zh, Lang::En] {
        let table = calendar_table(&ws, 2026, lang).unwrap();
        assert_eq!(table.rows.len(), 39 + 2);
        assert_eq!(table.headers.len(), 5);
        for ext in ["csv", "xlsx"] {
            let path = dir.path().join(format!("cal-{}.{ext}", lang.tag()));
            export_table(&table, &path).unwrap();
            let fresh = Workspace::open_in_memory().unwrap();
            let s = import_calendar(&fresh, &path, None).unwrap();
            assert!(s.applied, "{:?}", s.errors);
            assert_eq!(s.rows, 41);
            assert_eq!(entries_2026(&fresh), original, "{ext} {lang:?}");
            assert_eq!(year_days(&fresh, 2026).unwrap(), want, "{ext} {lang:?}");
        }
    }
    let zh = calendar_table(&ws, 2026, Lang::Zh).unwrap();
    assert_eq!(
        zh.rows[0],
        vec![
            Cell::Text("2026-01-01".into()),
            Cell::Text("周四".into()),
            Cell::Text("休".into()),
            Cell::Text("元旦".into()),
            Cell::Text("New Year's Day".into()),
        ]
    );
}
