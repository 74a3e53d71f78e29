//! The week view: derived weeks that add up exactly, and stored weeks that edit and lock.

use super::tests::{change, demo, row, year};
use super::*;
use crate::money::WAN;

fn week(g: &Grid, name: &str, key: &str) -> GridCell {
    let i = g.columns.iter().position(|c| c.key == key).unwrap();
    row(g, name).cells[i].clone().unwrap()
}

fn weeks_sum(r: &GridRow) -> i64 {
    r.cells[..r.cells.len() - 1]
        .iter()
        .map(|c| c.as_ref().map_or(0, |c| c.value))
        .sum()
}

#[test]
fn every_row_of_the_demo_adds_its_weeks_up_to_its_year_to_the_fen() {
    let ws = demo();
    for tier in [Tier::Base, Tier::Challenge] {
        let g = grid(&ws, tier, GridView::Week, None).unwrap();
        // 2026 starts on a Thursday (W01) and ends on a Thursday (W53).
        assert_eq!(g.columns.len(), 54);
        assert_eq!(
            (
                g.columns[0].key.as_str(),
                g.columns[52].key.as_str(),
                g.columns[52].kind
            ),
            ("2026-W01", "2026-W53", "week")
        );
        assert_eq!(g.rows.len(), 40);
        for r in &g.rows {
            let y = r.cells.last().unwrap().as_ref().unwrap().value;
            assert_eq!(weeks_sum(r), y, "{}", r.name);
            assert!(r.cells[..53].iter().all(|c| {
                let c = c.as_ref().unwrap();
                c.derived && c.id.is_none()
            }));
        }
    }
    // A member row with only a year cell spreads the year over the weeks by working days.
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let zhang = year(&g, "张三").id.unwrap();
    split_cell(
        &ws,
        zhang,
        SplitAxis::Dimension("product_line".into()),
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    let g = grid(&ws, Tier::Base, GridView::Week, Some("product_line")).unwrap();
    let r = g
        .rows
        .iter()
        .find(|r| r.name == "张三" && r.dimension_name.as_deref() == Some("软件订阅"))
        .unwrap();
    assert_eq!(weeks_sum(r), r.cells[53].as_ref().unwrap().value);
}

#[test]
fn a_week_across_a_month_boundary_takes_its_working_days_from_both_months() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let zhang = year(&g, "张三").id.unwrap();
    set_cell(&ws, zhang, Tier::Base, 1200 * WAN, Some(&ch)).unwrap();
    split_cell(
        &ws,
        zhang,
        SplitAxis::Months,
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    // 100万 a month. March 2026 has 22 working days: W10..W13 take 5 each, W14 (Mon 30th and
    // Tue 31st) takes 2 -> 9,090,909.09 yuan of which the remainder goes to W10..W12. April has
    // 21 (Qingming Monday the 6th off): W14 takes Wed 1st..Fri 3rd = 3/21 = 14,285,714.28,
    // W15 4/21, W16 and W17 5/21 (+1 fen each as the largest remainders).
    let g = grid(&ws, Tier::Base, GridView::Week, None).unwrap();
    assert_eq!(week(&g, "张三", "2026-W13").value, 22_727_272);
    assert_eq!(week(&g, "张三", "2026-W12").value, 22_727_273);
    assert_eq!(week(&g, "张三", "2026-W14").value, 9_090_909 + 14_285_714);
    assert_eq!(week(&g, "张三", "2026-W15").value, 19_047_619);
    assert_eq!(week(&g, "张三", "2026-W16").value, 23_809_524);
    assert_eq!(weeks_sum(row(&g, "张三")), 1200 * WAN);
}

#[test]
fn stored_weeks_equal_the_derived_ones_and_edit_lock_and_undo() {
    let ws = demo();
    let ch = change();
    let derived = grid(&ws, Tier::Base, GridView::Week, None).unwrap();
    let east = row(&derived, "华东").clone();
    let before = store_weeks(&ws, east.year_id.unwrap(), Some(&ch)).unwrap();
    assert_eq!(before.len(), 53);
    assert!(before.iter().all(|b| b.tiers.is_none()));
    let g = grid(&ws, Tier::Base, GridView::Week, None).unwrap();
    let stored = row(&g, "华东");
    for (d, s) in east.cells.iter().zip(&stored.cells).take(53) {
        let (d, s) = (d.as_ref().unwrap(), s.as_ref().unwrap());
        assert_eq!((s.value, s.derived), (d.value, false));
        assert!(s.id.is_some());
    }
    // Every tier of the stored weeks adds up to the year exactly.
    let floors: i64 = ws
        .conn()
        .query_row(
            "SELECT SUM(floor_value) FROM target WHERE org_unit_id = ?1 AND period LIKE '2026-W%'",
            [east.unit_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(floors, 3200 * WAN);
    // A stored week edits and locks like any cell; regenerating would overwrite it, so it is
    // refused and nothing changes.
    let w14 = week(&g, "华东", "2026-W14");
    set_cell(&ws, w14.id.unwrap(), Tier::Base, 100 * WAN, Some(&ch)).unwrap();
    lock_cell(&ws, w14.id.unwrap(), true).unwrap();
    let e = store_weeks(&ws, east.year_id.unwrap(), Some(&ch)).unwrap_err();
    assert_eq!(e.code, "week_locked");
    assert!(e.zh.contains("2026-W14"));
    let g = grid(&ws, Tier::Base, GridView::Week, None).unwrap();
    let edited = week(&g, "华东", "2026-W14");
    assert_eq!((edited.value, edited.locked), (100 * WAN, true));
    // A week cell cannot make weeks; a row without months cannot either.
    let e = store_weeks(&ws, w14.id.unwrap(), Some(&ch)).unwrap_err();
    assert_eq!(e.code, "weeks_need_month");
    let hw = split_cell(
        &ws,
        east.year_id.unwrap(),
        SplitAxis::Dimension("product_line".into()),
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap()
    .parts[0]
        .id;
    let e = store_weeks(&ws, hw, Some(&ch)).unwrap_err();
    assert_eq!(e.code, "no_month_targets");
    // Undo of the store deletes the weeks: they are derived again.
    restore_cells(&ws, &before, Some(&ch)).unwrap();
    let g = grid(&ws, Tier::Base, GridView::Week, None).unwrap();
    assert_eq!(row(&g, "华东").cells, east.cells);
    let the_csv = grid_table(&g, crate::Lang::Zh);
    assert_eq!(the_csv.headers[14], "2026-W14");
    assert_eq!(the_csv.headers.len(), 1 + 54 + 1);
}
