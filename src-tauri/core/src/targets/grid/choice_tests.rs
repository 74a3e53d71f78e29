//! The split dialog's history, market-potential and blended choices, on the demo.

use super::tests::{change, demo, year};
use super::*;
use crate::money::{WAN, YI};

/// Adds actual rows (date, person, product line code, fen) as one import batch, aggregates
/// included.
fn add_actuals(ws: &Workspace, rows: &[(&str, &str, &str, i64)]) {
    let conn = ws.conn();
    conn.execute(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'last-year.xlsx', 'x', '2026-01-05T09:00:00')",
        [],
    )
    .unwrap();
    let batch = conn.last_insert_rowid();
    for (i, (date, person, product, amount)) in rows.iter().enumerate() {
        conn.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, fingerprint)
             VALUES (?1, ?2, (SELECT id FROM org_unit WHERE name = ?3),
                     (SELECT id FROM metric WHERE code = 'revenue'), ?4,
                     (SELECT id FROM dimension_member WHERE dim = 'product_line' AND code = ?5), ?6)",
            rusqlite::params![batch, date, person, amount, product, format!("test:{batch}:{i}")],
        )
        .unwrap();
    }
    crate::store::batches::after_commit(conn, batch).unwrap();
}

/// Last year (2025) for 华东一组: 张三 sold 30,000 hardware (March 10,000, July 20,000), 30,000
/// software, 10,000 training; 李四 20,000; 王五 30,000; 赵六 40,000; 陈静 only in 2024.
fn last_year(ws: &Workspace) {
    add_actuals(
        ws,
        &[
            ("2025-03-10", "张三", "hw", 1_000_000),
            ("2025-07-15", "张三", "hw", 2_000_000),
            ("2025-06-02", "张三", "saas", 3_000_000),
            ("2025-11-20", "张三", "edu", 1_000_000),
            ("2025-05-06", "李四", "hw", 2_000_000),
            ("2025-08-08", "王五", "saas", 3_000_000),
            ("2025-12-01", "赵六", "svc", 4_000_000),
            ("2024-12-31", "陈静", "hw", 5_000_000),
        ],
    );
}

fn bases(o: &SplitOutcome) -> Vec<i64> {
    o.parts.iter().map(|p| p.tiers.base).collect()
}

fn product_lines() -> SplitAxis {
    SplitAxis::Dimension("product_line".into())
}

#[test]
fn history_splits_by_last_years_actuals_along_org_dimension_and_months() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let company = year(&g, "星辰智能科技").id.unwrap();
    // The demo has no 2025 actuals (this year's do not count).
    let e = split_cell(
        &ws,
        company,
        SplitAxis::Org,
        &SplitChoice::History,
        Some(&ch),
        true,
    )
    .unwrap_err();
    assert_eq!(e.code, "no_history");
    assert!(e
        .zh
        .starts_with("没有去年同期实际数据（2025-01-01 至 2025-12-31）"));
    assert!(e.en.starts_with("No actuals for last year"));
    last_year(&ws);
    // Org: 华东一组 at 1000万 by its people's 2025 sales 70:20:30:40:0.
    let team = year(&g, "华东一组").id.unwrap();
    set_cell(&ws, team, Tier::Base, 1000 * WAN, Some(&ch)).unwrap();
    let people = split_cell(
        &ws,
        team,
        SplitAxis::Org,
        &SplitChoice::History,
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(
        bases(&people),
        [437_500_000, 125_000_000, 187_500_000, 250_000_000, 0]
    );
    // Dimension: 张三's 500万 by product line 3:3:0:1 -> 2,142,857.14 ×2, 0, 714,285.72 yuan
    // (the one fen left over goes to the largest remainder, training).
    let zhang = people.parts[0].id;
    set_cell(&ws, zhang, Tier::Base, 500 * WAN, Some(&ch)).unwrap();
    let lines = split_cell(
        &ws,
        zhang,
        product_lines(),
        &SplitChoice::History,
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(bases(&lines), [214_285_714, 214_285_714, 0, 71_428_572]);
    assert_eq!(bases(&lines).iter().sum::<i64>(), 500 * WAN);
    assert_eq!(
        lines.parts.iter().map(|p| p.tiers.challenge).sum::<i64>(),
        600 * WAN
    );
    // Months of 张三 × hardware: March 1 : July 2 (only his hardware rows count).
    let months = split_cell(
        &ws,
        lines.parts[0].id,
        SplitAxis::Months,
        &SplitChoice::History,
        Some(&ch),
        false,
    )
    .unwrap();
    let mut expected = vec![0; 12];
    expected[2] = 71_428_571;
    expected[6] = 142_857_143;
    assert_eq!(bases(&months), expected);
}

#[test]
fn market_potential_is_given_per_child() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let company = year(&g, "星辰智能科技").id.unwrap();
    let split = |weights: Vec<i64>| {
        split_cell(
            &ws,
            company,
            SplitAxis::Org,
            &SplitChoice::Potential { weights },
            Some(&ch),
            true,
        )
    };
    assert_eq!(
        bases(&split(vec![5, 3, 2]).unwrap()),
        [5000 * WAN, 3000 * WAN, 2000 * WAN]
    );
    assert_eq!(
        bases(&split(vec![7, 7, 7]).unwrap()),
        [3_333_333_334, 3_333_333_333, 3_333_333_333]
    );
    let e = split(vec![1, 2]).unwrap_err();
    assert_eq!(e.code, "potential_length_mismatch");
    assert_eq!(e.zh, "市场潜力给出 2 项，但下级有 3 个");
    assert_eq!(
        split(vec![1, -2, 3]).unwrap_err().code,
        "split_negative_weight"
    );
    assert_eq!(split(vec![0, 0, 0]).unwrap_err().code, "split_no_weight");
    // Preview only: nothing was stored.
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(year(&g, "华东").value, 4000 * WAN);
    assert_eq!(year(&g, "星辰智能科技").value, YI);
}

#[test]
fn a_blend_mixes_history_and_even_by_driver_weight() {
    let ws = demo();
    let ch = change();
    last_year(&ws);
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let zhang = year(&g, "张三").id.unwrap();
    set_cell(&ws, zhang, Tier::Base, 500 * WAN, Some(&ch)).unwrap();
    // 60% history (3/7, 3/7, 0, 1/7) + 40% even (1/4 each) = 0.3571…, 0.3571…, 0.1, 0.1857…
    let blend: SplitChoice = serde_json::from_str(
        r#"{"method":"blend","drivers":[{"method":"history","weightBp":6000},{"method":"even","weightBp":4000}]}"#,
    )
    .unwrap();
    let out = split_cell(&ws, zhang, product_lines(), &blend, Some(&ch), false).unwrap();
    assert_eq!(
        bases(&out),
        [178_571_429, 178_571_428, 50_000_000, 92_857_143]
    );
    assert_eq!(bases(&out).iter().sum::<i64>(), 500 * WAN);
    // 50% potential 1:1:1:2 + 50% capacity (one unit: the same capacity for every line, so even).
    let mixed = SplitChoice::Blend {
        drivers: vec![
            BlendDriver {
                method: DriverMethod::Potential,
                weight_bp: 5000,
                potential: Some(vec![1, 1, 1, 2]),
            },
            BlendDriver {
                method: DriverMethod::Capacity,
                weight_bp: 5000,
                potential: None,
            },
        ],
    };
    let out = split_cell(&ws, zhang, product_lines(), &mixed, Some(&ch), true).unwrap();
    // (0.2 + 0.25) / 2 = 0.225 and (0.4 + 0.25) / 2 = 0.325 of 500万.
    assert_eq!(
        bases(&out),
        [112_500_000, 112_500_000, 112_500_000, 162_500_000]
    );
    let bad = |drivers: Vec<BlendDriver>| {
        split_cell(
            &ws,
            zhang,
            product_lines(),
            &SplitChoice::Blend { drivers },
            Some(&ch),
            true,
        )
        .unwrap_err()
    };
    let driver = |method, weight_bp| BlendDriver {
        method,
        weight_bp,
        potential: None,
    };
    let e = bad(vec![
        driver(DriverMethod::Even, 6000),
        driver(DriverMethod::Workdays, 3000),
    ]);
    assert_eq!(e.code, "blend_not_100");
    assert_eq!(e.zh, "驱动因素权重合计必须等于100%（当前为 90.00%）");
    let e = bad(vec![
        driver(DriverMethod::Even, 5000),
        driver(DriverMethod::Potential, 5000),
    ]);
    assert_eq!(e.code, "blend_potential_missing");
    let e = bad(vec![
        driver(DriverMethod::Even, 11000),
        driver(DriverMethod::History, -1000),
    ]);
    assert_eq!(e.code, "blend_bad_weight");
}

#[test]
fn the_new_choices_and_the_dimension_axis_read_and_write_json() {
    let parse = |s: &str| serde_json::from_str::<SplitChoice>(s).unwrap();
    assert_eq!(parse(r#"{"method":"history"}"#), SplitChoice::History);
    assert_eq!(
        parse(r#"{"method":"potential","weights":[5,3,2]}"#),
        SplitChoice::Potential {
            weights: vec![5, 3, 2]
        }
    );
    let blend = SplitChoice::Blend {
        drivers: vec![BlendDriver {
            method: DriverMethod::Potential,
            weight_bp: 10_000,
            potential: Some(vec![1, 2]),
        }],
    };
    assert_eq!(
        serde_json::to_string(&blend).unwrap(),
        r#"{"method":"blend","drivers":[{"method":"potential","weightBp":10000,"potential":[1,2]}]}"#
    );
    assert_eq!(serde_json::to_string(&SplitAxis::Org).unwrap(), r#""org""#);
    assert_eq!(
        serde_json::from_str::<SplitAxis>(r#"{"dimension":"product_line"}"#).unwrap(),
        product_lines()
    );
    assert_eq!(
        serde_json::from_str::<SplitAxis>(r#""months""#).unwrap(),
        SplitAxis::Months
    );
}
