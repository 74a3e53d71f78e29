//! A deep split by last year's mix: each child's share is its last-year actuals (people at or
//! below it, by SQL-stored actual rows), largest remainder to the plan's rounding unit — the
//! expected figures are worked out by hand in the comments.

use super::ops::*;
use super::tests::{small_plan, unit_id};
use super::{split_deep_with, DeepRequest, DimShares, MemberShares, Watch};
use crate::money::WAN;
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use rusqlite::params;
use std::sync::atomic::AtomicBool;

/// Actual rows (date, person, product line code or "", fen) as one import batch.
fn add_actuals(ws: &Workspace, rows: &[(&str, &str, &str, i64)]) {
    let conn = ws.conn();
    conn.execute(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at) \
         VALUES ('actuals', '2025.xlsx', 'x', '2026-01-05T09:00:00')",
        [],
    )
    .unwrap();
    let batch = conn.last_insert_rowid();
    for (i, (date, person, product, amount)) in rows.iter().enumerate() {
        conn.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, fingerprint)
             VALUES (?1, ?2, (SELECT id FROM org_unit WHERE name = ?3), 1, ?4,
                     (SELECT id FROM dimension_member WHERE dim = 'product_line' AND code = ?5), ?6)",
            params![batch, date, person, amount, product, format!("t:{i}")],
        )
        .unwrap();
    }
    crate::store::batches::after_commit(conn, batch).unwrap();
}

/// Rounding to 万 (1,000,000 fen).
fn round_to_wan(ws: &Workspace) {
    ws.conn()
        .execute("UPDATE target_set SET rounding_unit = 1000000", [])
        .unwrap();
}

/// The year base of a unit (or a unit's member) by SQL.
fn year(ws: &Workspace, unit: i64, member: Option<i64>) -> i64 {
    ws.conn()
        .query_row(
            "SELECT base_value FROM target WHERE org_unit_id = ?1 AND IFNULL(dimension_id, 0) = IFNULL(?2, 0) \
             AND period = '2026'",
            params![unit, member],
            |r| r.get(0),
        )
        .unwrap()
}

/// Σ the twelve months of a unit (or a unit's member) by SQL.
fn months(ws: &Workspace, unit: i64, member: Option<i64>) -> (i64, i64) {
    ws.conn()
        .query_row(
            "SELECT COUNT(*), SUM(base_value) FROM target WHERE org_unit_id = ?1 \
             AND IFNULL(dimension_id, 0) = IFNULL(?2, 0) AND period GLOB '2026-[01][0-9]'",
            params![unit, member],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn run(ws: &Workspace, unit: i64, choice: SplitChoice, dim: Option<DimShares>) {
    let req = DeepRequest {
        cell: CellRef {
            unit_id: unit,
            dimension_id: None,
            period: "2026".into(),
        },
        choice,
        depth: None,
        dim,
        preview: false,
    };
    let cancel = AtomicBool::new(false);
    let watch = Watch {
        progress: &mut |_| {},
        cancel: &cancel,
    };
    split_deep_with(ws, &PlanSel::default(), &req, None, watch).unwrap();
}

/// Company → 2 regions → 1 team each → 2 people each; the company's year 1,000万.
fn plan() -> (Workspace, i64, [i64; 4]) {
    let (ws, company) = small_plan(&[2, 1, 2], 1_000 * WAN);
    round_to_wan(&ws);
    let people = ["公司-1-1-1", "公司-1-1-2", "公司-2-1-1", "公司-2-1-2"].map(|n| unit_id(&ws, n));
    (ws, company, people)
}

#[test]
fn a_split_by_last_years_mix_gives_each_child_its_share_of_last_years_actuals() {
    let (ws, company, [a, b, c, d]) = plan();
    // 2025: A 30,000, B 10,000, C 20,000, D 7,000 yuan (A's in two rows); a 2024 row and a
    // 2026 row do not count.
    add_actuals(
        &ws,
        &[
            ("2025-02-10", "公司-1-1-1", "", 1_000_000),
            ("2025-09-30", "公司-1-1-1", "", 2_000_000),
            ("2025-05-06", "公司-1-1-2", "", 1_000_000),
            ("2025-12-31", "公司-2-1-1", "", 2_000_000),
            ("2025-01-01", "公司-2-1-2", "", 700_000),
            ("2024-12-31", "公司-2-1-2", "", 9_000_000),
            ("2026-01-02", "公司-1-1-2", "", 9_000_000),
        ],
    );
    run(&ws, company, SplitChoice::History, None);
    // 1,000 units of 万 by region 40,000 : 27,000 = 597.01 : 402.99 → 597 + 402, the unit left
    // to the larger remainder (.99): regions 597万 and 403万.
    let regions = [unit_id(&ws, "公司-1"), unit_id(&ws, "公司-2")];
    assert_eq!(year(&ws, regions[0], None), 597 * WAN);
    assert_eq!(year(&ws, regions[1], None), 403 * WAN);
    // Region 1's 597 by 3 : 1 = 447.75 : 149.25 → 447 + 149, the unit to A (.75): 448, 149.
    // Region 2's 403 by 20 : 7 = 298.52 : 104.48 → 298 + 104, the unit to C (.52): 299, 104.
    let expected = [(a, 448), (b, 149), (c, 299), (d, 104)];
    for (p, wan) in expected {
        assert_eq!(year(&ws, p, None), wan * WAN, "person {p}");
        // Each person's twelve months add up to the year, in whole 万.
        assert_eq!(months(&ws, p, None), (12, wan * WAN), "person {p}");
    }
    let off_unit: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target WHERE base_value % 1000000 <> 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(off_unit, 0, "every cell is a multiple of 万");
}

#[test]
fn people_split_across_product_lines_by_their_own_last_year_mix_or_the_whole_mix() {
    let (ws, company, [a, b, c, d]) = plan();
    let lines: Vec<i64> = ["hw", "saas"]
        .iter()
        .enumerate()
        .map(|(i, code)| {
            ws.conn()
                .execute(
                    "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort) \
                     VALUES ('product_line', ?1, ?1, ?1, ?2)",
                    params![code, i as i64],
                )
                .unwrap();
            ws.conn().last_insert_rowid()
        })
        .collect();
    // 2025: A hw 20,000 + saas 10,000; B saas 10,000; C hw 5,000 + saas 20,000; D nothing.
    add_actuals(
        &ws,
        &[
            ("2025-03-01", "公司-1-1-1", "hw", 2_000_000),
            ("2025-04-01", "公司-1-1-1", "saas", 1_000_000),
            ("2025-06-01", "公司-1-1-2", "saas", 1_000_000),
            ("2025-07-01", "公司-2-1-1", "hw", 500_000),
            ("2025-08-01", "公司-2-1-1", "saas", 2_000_000),
        ],
    );
    let dim = DimShares {
        dim: "product_line".into(),
        by: MemberShares::LastYear,
    };
    run(&ws, company, SplitChoice::Even, Some(dim));
    // Even: 500万 a region, 250万 a person. Then by each person's mix (in 万):
    // A 2 : 1 → 166.67 : 83.33 → 166 + 83, the unit to hw (.67): 167 / 83.
    // B saas only → 0 / 250.   C 1 : 4 → 50 / 200.
    // D sold nothing: the whole company's mix, hw 25,000 : saas 40,000 → 96.15 : 153.85 →
    // 96 + 153, the unit to saas (.85): 96 / 154.
    let expected = [
        (a, [167, 83]),
        (b, [0, 250]),
        (c, [50, 200]),
        (d, [96, 154]),
    ];
    for (p, wan) in expected {
        assert_eq!(year(&ws, p, None), 250 * WAN);
        for (m, w) in lines.iter().zip(wan) {
            assert_eq!(year(&ws, p, Some(*m)), w * WAN, "person {p} member {m}");
            assert_eq!(
                months(&ws, p, Some(*m)),
                (12, w * WAN),
                "person {p} member {m}"
            );
        }
    }
    // The company's product lines are Σ its people's: hw 167 + 50 + 96 = 313, saas 687.
    assert_eq!(year(&ws, company, Some(lines[0])), 313 * WAN);
    assert_eq!(year(&ws, company, Some(lines[1])), 687 * WAN);
}
