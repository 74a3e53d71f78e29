use super::*;
use crate::money::{WAN, YI};
use crate::targets::store::ReasonCategory;

pub(super) use crate::demo::in_memory as demo;

pub(super) fn change() -> Change {
    Change {
        who: "测试".into(),
        at: "2026-10-15T09:00:00".into(),
        category: ReasonCategory::Market,
        reason: "市场变化".into(),
        approver: None,
    }
}

pub(super) fn row<'a>(g: &'a Grid, name: &str) -> &'a GridRow {
    g.rows.iter().find(|r| r.name == name).unwrap()
}

pub(super) fn year(g: &Grid, name: &str) -> GridCell {
    row(g, name).cells.last().unwrap().clone().unwrap()
}

#[test]
fn the_demo_grid_in_each_view() {
    let ws = demo();
    let g = grid(&ws, Tier::Base, GridView::Month, None).unwrap();
    assert_eq!(g.columns.len(), 13);
    assert_eq!(
        (g.columns[0].key.as_str(), g.columns[12].key.as_str()),
        ("2026-01", "2026")
    );
    assert_eq!(g.rows.len(), 40);
    assert_eq!(
        (
            g.rows[0].name.as_str(),
            g.rows[1].name.as_str(),
            g.rows[2].depth
        ),
        ("星辰智能科技", "华东", 2)
    );
    let company = row(&g, "星辰智能科技");
    assert_eq!(year(&g, "星辰智能科技").value, YI);
    assert_eq!(company.children_sum, Some(YI));
    assert_eq!(company.months_sum, Some(YI));
    // January is 7% of the year (seasonality 70‰), rolled up from the people exactly.
    assert_eq!(company.cells[0].as_ref().unwrap().value, 700 * WAN);
    let q = grid(&ws, Tier::Challenge, GridView::Quarter, None).unwrap();
    assert_eq!(
        q.columns.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"]
    );
    // Q1 is the sum of the stored January..March cells: (70 + 55 + 80)‰ of the 1.2亿 challenge
    // tier, plus the fen each of the 30 people's own monthly rounding carries (9 here).
    let q1 = row(&q, "星辰智能科技").cells[0].clone().unwrap();
    let stored: i64 = ws
        .conn()
        .query_row(
            "SELECT SUM(challenge_value) FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.kind = 'company' AND t.period IN ('2026-01', '2026-02', '2026-03')
               AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((q1.id, q1.value), (None, stored));
    assert_eq!(stored, 2460 * WAN + 9);
    let y = grid(&ws, Tier::Floor, GridView::Year, None).unwrap();
    assert_eq!(y.columns.len(), 1);
    assert_eq!(year(&y, "华南").value, 2400 * WAN);
}

#[test]
fn split_by_percent_with_a_lock_preview_and_undo() {
    let ws = demo();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let company = year(&g, "星辰智能科技").id.unwrap();
    let ch = change();
    // Preview leaves everything as it was.
    let p = split_cell(
        &ws,
        company,
        SplitAxis::Org,
        &SplitChoice::Percent {
            bp: vec![5000, 2500, 2500],
        },
        Some(&ch),
        true,
    )
    .unwrap();
    assert_eq!(
        p.parts.iter().map(|x| x.tiers.base).collect::<Vec<_>>(),
        [5000 * WAN, 2500 * WAN, 2500 * WAN]
    );
    assert_eq!(p.parts[0].label, "华东");
    assert_eq!(
        year(
            &grid(&ws, Tier::Base, GridView::Year, None).unwrap(),
            "华东"
        )
        .value,
        4000 * WAN
    );
    // An approved plan needs a reason.
    let e = split_cell(
        &ws,
        company,
        SplitAxis::Org,
        &SplitChoice::Even,
        None,
        false,
    )
    .unwrap_err();
    assert_eq!(e.code, "revision_reason_required");
    // Lock 华东 at 4000万, split the rest evenly: 3000万 each; every tier adds up.
    let east = year(&g, "华东").id.unwrap();
    lock_cell(&ws, east, true).unwrap();
    let done = split_cell(
        &ws,
        company,
        SplitAxis::Org,
        &SplitChoice::Percent {
            bp: vec![6000, 2000, 2000],
        },
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(
        done.parts.iter().map(|x| x.tiers.base).collect::<Vec<_>>(),
        [4000 * WAN, 3000 * WAN, 3000 * WAN]
    );
    lock_cell(&ws, east, false).unwrap();
    let done = split_cell(
        &ws,
        company,
        SplitAxis::Org,
        &SplitChoice::Percent {
            bp: vec![6000, 2000, 2000],
        },
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(
        done.parts.iter().map(|x| x.tiers.base).collect::<Vec<_>>(),
        [6000 * WAN, 2000 * WAN, 2000 * WAN]
    );
    assert_eq!(
        done.parts.iter().map(|x| x.tiers.floor).sum::<i64>(),
        8000 * WAN
    );
    let revisions: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM target_revision", [], |r| r.get(0))
        .unwrap();
    assert_eq!(revisions, 3 * 3);
    // Undo puts the 40/30/30 back.
    restore_cells(&ws, &done.before, Some(&ch)).unwrap();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(
        [
            year(&g, "华东").value,
            year(&g, "华南").value,
            year(&g, "华北").value
        ],
        [4000 * WAN, 3000 * WAN, 3000 * WAN]
    );
}

#[test]
fn cells_split_down_the_months_and_edit_with_ratios() {
    let ws = demo();
    let g = grid(&ws, Tier::Base, GridView::Month, None).unwrap();
    let ch = change();
    let east = year(&g, "华东").id.unwrap();
    let before = set_cell(&ws, east, Tier::Base, 5000 * WAN, Some(&ch)).unwrap();
    assert_eq!(before.tiers.unwrap().base, 4000 * WAN);
    let g = grid(&ws, Tier::Challenge, GridView::Month, None).unwrap();
    assert_eq!(year(&g, "华东").value, 6000 * WAN);
    // The company no longer matches its regions: the grid shows the gap.
    assert_eq!(row(&g, "星辰智能科技").children_sum, Some(13_200 * WAN));
    // Months by working days: 248 working days in 2026; January has 21 (1st and 2nd off,
    // Sunday the 4th worked): 5000万 × 21 / 248 = 4,233,870.97 yuan.
    let out = split_cell(
        &ws,
        east,
        SplitAxis::Months,
        &SplitChoice::Workdays,
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(out.parts.len(), 12);
    assert_eq!(
        out.parts.iter().map(|p| p.tiers.base).sum::<i64>(),
        5000 * WAN
    );
    assert_eq!(out.parts[0].tiers.base, 423_387_097);
    let e = split_cell(
        &ws,
        out.parts[0].id,
        SplitAxis::Months,
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap_err();
    assert!(!e.code.as_str().is_empty());
}

#[test]
fn commitments_reconcile_both_ways_and_the_panel_explains_a_cell() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let south = year(&g, "华南").id.unwrap();
    let teams = ["华南一组", "华南二组"].map(|n| year(&g, n).id.unwrap());
    commit_cell(&ws, teams[0], Some(1800 * WAN)).unwrap();
    commit_cell(&ws, teams[1], Some(1500 * WAN)).unwrap();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(row(&g, "华南").children_commitments, Some(3300 * WAN));
    let d = cell_detail(&ws, south).unwrap();
    assert_eq!(d.gap.as_ref().unwrap().gap, 300 * WAN);
    assert!(d.smart.specific && d.smart.time_bound);
    assert!(!d.smart.relevant, "no strategy is linked in the demo");
    // Top-down wins: 3000万 split 18:15 -> 1636.36万 / 1363.64万 (exact fen).
    let before = reconcile_cell(&ws, south, ReconcileWay::ScaleCommitments, Some(&ch)).unwrap();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(
        [year(&g, "华南一组").value, year(&g, "华南二组").value],
        [1_636_363_636, 1_363_636_364]
    );
    restore_cells(&ws, &before, Some(&ch)).unwrap();
    // Bottom-up wins: 华南 becomes 3300万.
    reconcile_cell(&ws, south, ReconcileWay::TargetToCommitments, Some(&ch)).unwrap();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(year(&g, "华南").value, 3300 * WAN);
    assert!(!cell_detail(&ws, south).unwrap().revisions.is_empty());
}

#[test]
fn the_grid_exports_as_a_table_that_round_trips_through_csv() {
    let ws = demo();
    let g = grid(&ws, Tier::Base, GridView::Quarter, None).unwrap();
    let table = grid_table(&g, crate::Lang::Zh);
    assert_eq!(
        table.headers,
        [
            "组织",
            "2026-Q1",
            "2026-Q2",
            "2026-Q3",
            "2026-Q4",
            "2026 全年",
            "承诺"
        ]
    );
    assert_eq!(table.rows.len(), 40);
    assert_eq!(table.rows[1][0], crate::export::Cell::Text("  华东".into()));
    assert_eq!(table.rows[0][5], crate::export::Cell::Money(YI));
    let csv = crate::export::table_bytes(&table, crate::export::TableFormat::Csv).unwrap();
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(
        text.lines().nth(1).unwrap().ends_with(",100000000.00,"),
        "{}",
        text.lines().nth(1).unwrap()
    );
}

#[test]
fn a_revision_freezes_past_months_and_a_quarter_can_be_repaced() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Month, None).unwrap();
    let east = year(&g, "华东").id.unwrap();
    let jan_to_oct: i64 = row(&g, "华东").cells[..10]
        .iter()
        .map(|c| c.as_ref().unwrap().value)
        .sum();
    // 4000万 -> 4200万 as of 2026-10-15: January..October stay, November and December take the rest
    // in their seasonal proportion 100:110.
    let before = revise_year(&ws, east, 4200 * WAN, Some(&ch)).unwrap();
    assert_eq!(before.len(), 13);
    let g = grid(&ws, Tier::Base, GridView::Month, None).unwrap();
    let r = row(&g, "华东");
    let v = |i: usize| r.cells[i].as_ref().unwrap().value;
    assert_eq!((0..10).map(v).sum::<i64>(), jan_to_oct);
    assert_eq!(v(10) + v(11), 4200 * WAN - jan_to_oct);
    assert_eq!(v(12), 4200 * WAN);
    // Q2 of 华东一组 re-paced 1:1:2 keeps its quarter total exactly.
    let team = row(&g, "华东一组").unit_id;
    let months = quarter_months(&ws, team, "2026-Q2").unwrap();
    let total: i64 = months.iter().map(|m| m.tiers.base).sum();
    let quarter = total / 4;
    let bases = [quarter, quarter, total - 2 * quarter];
    redistribute_months(&ws, team, "2026-Q2", &bases, Some(&ch)).unwrap();
    let after = quarter_months(&ws, team, "2026-Q2").unwrap();
    assert_eq!(
        after.iter().map(|m| m.tiers.base).collect::<Vec<_>>(),
        bases
    );
    let e = redistribute_months(&ws, team, "2026-Q2", &[1, 2, 3], Some(&ch)).unwrap_err();
    assert!(!e.code.as_str().is_empty());
}
