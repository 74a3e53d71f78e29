//! Numbers written with 万/亿 and full-width digits, and implausible values, through every
//! import kind end to end. Expected fen are worked out by hand from the file's text.

use super::*;

#[test]
fn a_targets_grid_in_wan_and_yi_imports_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    // 50万 = 500,000 yuan; 1.2亿 = 120,000,000 yuan; ３００ = 300 yuan; 3,500万 = 35,000,000 yuan.
    let grid =
        "销售员,2026-01,2026-02,3月\n张三,50万,1.2亿,３００\n李四,\"3,500万\",１．５万,0.5万元\n";
    let path = write(dir.path(), "targets.csv", grid.as_bytes());
    let s = run(
        &mut ws,
        &path,
        &opts(ImportKind::Targets),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!((s.rows, s.inserted, s.error_rows), (6, 6, 0));
    let base = |person: i64, period: &str| -> i64 {
        ws.conn()
            .query_row(
                "SELECT base_value FROM target WHERE org_unit_id = ?1 AND period = ?2",
                rusqlite::params![person, period],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(base(4, "2026-01"), 50_000_000);
    assert_eq!(base(4, "2026-02"), 12_000_000_000);
    assert_eq!(base(4, "2026-03"), 30_000);
    assert_eq!(base(5, "2026-01"), 3_500_000_000);
    assert_eq!(base(5, "2026-02"), 1_500_000);
    assert_eq!(base(5, "2026-03"), 500_000);
}

#[test]
fn a_header_area_with_accents_or_units_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace();
    let grid = "Zoë,août,50万,２０２６年１月\n销售员,2026-01,2026-02\n张三,1,2\n";
    let p = look(
        &ws,
        &write(dir.path(), "t.csv", grid.as_bytes()),
        &opts(ImportKind::Targets),
    );
    assert!(p.is_ok(), "{:?}", p.err());
}

#[test]
fn actuals_in_wan_and_full_width_and_implausible_rows_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let sales = "日期,销售员,金额,数量,订单号\n\
        2026-03-01,张三,1.5万,２,A1\n\
        ２０２６年３月２日,李四,１２３．４５,1,A2\n\
        2026-03-03,王五,20000000000000,1,A3\n\
        1905-07-18,张三,10,1,A4\n\
        2026.03,张三,10,1,A5\n";
    let s = run(
        &mut ws,
        &write(dir.path(), "sales.csv", sales.as_bytes()),
        &opts(ImportKind::Actuals),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!((s.rows, s.inserted, s.error_rows), (5, 2, 3));
    // 1.5万 = 15,000.00 yuan; １２３．４５ = 123.45 yuan.
    assert_eq!(
        count(&ws, "SELECT SUM(amount) FROM actual"),
        1_500_000 + 12_345
    );
    assert_eq!(count(&ws, "SELECT SUM(quantity) FROM actual"), 3);
    let by_row = |row: u64| {
        s.errors
            .iter()
            .find(|e| e.row == row)
            .unwrap_or_else(|| panic!("no error for row {row}: {:?}", s.errors))
    };
    assert!(by_row(4).message_en.contains("1,000,000,000,000 yuan"));
    assert!(by_row(4).message_zh.contains("1 万亿元"));
    assert!(by_row(5).message_en.contains("between 1990 and 2100"));
    assert!(by_row(6).message_en.contains("is not a date"));
}

#[test]
fn organisation_capacity_and_headcount_in_wan_and_full_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let org = "区域,团队,销售员,人数,人均产能\n华东,华东二组,,５,180万\n";
    let s = run(
        &mut ws,
        &write(dir.path(), "org.csv", org.as_bytes()),
        &opts(ImportKind::Org),
        &Resolutions::default(),
    )
    .unwrap();
    assert_eq!((s.inserted, s.error_rows), (1, 0));
    let (hc, cap): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT headcount, capacity_per_head FROM org_unit WHERE name = '华东二组'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((hc, cap), (5, 180_000_000));
}
