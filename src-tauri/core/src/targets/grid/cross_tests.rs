//! The grid crossed with a dimension, and splits along a dimension.

use super::tests::{change, demo, row, year};
use super::*;
use crate::money::WAN;

fn member_row<'a>(g: &'a Grid, unit: &str, member: &str) -> &'a GridRow {
    g.rows
        .iter()
        .find(|r| r.name == unit && r.dimension_name.as_deref() == Some(member))
        .unwrap()
}

fn bases(o: &SplitOutcome) -> Vec<i64> {
    o.parts.iter().map(|p| p.tiers.base).collect()
}

#[test]
fn the_crossed_grid_has_one_row_per_member_under_each_unit() {
    let ws = demo();
    let g = grid(&ws, Tier::Base, GridView::Year, Some("product_line")).unwrap();
    assert_eq!(g.cross.as_deref(), Some("product_line"));
    // 40 units, each followed by its 4 product lines.
    assert_eq!(g.rows.len(), 200);
    let company = &g.rows[0];
    let hw = &g.rows[1];
    assert_eq!(
        (
            hw.unit_id,
            hw.parent_id,
            hw.depth,
            hw.has_children,
            hw.dimension_name.as_deref(),
            hw.dimension_name_en.as_deref()
        ),
        (
            company.unit_id,
            Some(company.unit_id),
            1,
            false,
            Some("智能硬件"),
            Some("Smart hardware")
        )
    );
    assert!(hw.dimension_id.is_some() && company.dimension_id.is_none());
    assert_eq!(hw.cells, vec![None]);
    assert_eq!(g.rows[4].dimension_name.as_deref(), Some("培训咨询"));
    assert_eq!((g.rows[5].name.as_str(), g.rows[5].depth), ("华东", 1));
    assert_eq!(company.members_sum, None);
    assert_eq!(year(&g, "星辰智能科技").value, 10_000 * WAN);
    // Without a cross nothing changes; an unknown dimension is refused in both languages.
    assert_eq!(
        grid(&ws, Tier::Base, GridView::Year, None)
            .unwrap()
            .rows
            .len(),
        40
    );
    let e = grid(&ws, Tier::Base, GridView::Year, Some("colour")).unwrap_err();
    assert_eq!(e.code, "bad_dimension");
    assert!(e.zh.contains("“colour”") && e.en.contains("\"colour\""));
}

#[test]
fn a_person_product_month_cell_is_reached_by_org_then_dimension_then_months() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    // Org: 华东一组 at 2500万, evenly to its five people (500万 each).
    let team = year(&g, "华东一组").id.unwrap();
    set_cell(&ws, team, Tier::Base, 2500 * WAN, Some(&ch)).unwrap();
    let people = split_cell(
        &ws,
        team,
        SplitAxis::Org,
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(people.parts[0].label, "张三");
    assert_eq!(bases(&people), vec![500 * WAN; 5]);
    let zhang = people.parts[0].id;
    // Dimension: 张三's 500万 evenly over the 4 product lines; every tier adds up.
    let axis = SplitAxis::Dimension("product_line".into());
    let lines = split_cell(
        &ws,
        zhang,
        axis.clone(),
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(
        lines
            .parts
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>(),
        ["智能硬件", "软件订阅", "运维服务", "培训咨询"]
    );
    assert_eq!(bases(&lines), vec![125 * WAN; 4]);
    assert_eq!(
        lines.parts.iter().map(|p| p.tiers.floor).sum::<i64>(),
        400 * WAN
    );
    // A lock holds: 智能硬件 at 200万 (floor 160万) keeps its value, the rest share 300万.
    let hw = lines.parts[0].id;
    set_cell(&ws, hw, Tier::Base, 200 * WAN, Some(&ch)).unwrap();
    lock_cell(&ws, hw, true).unwrap();
    let lines = split_cell(
        &ws,
        zhang,
        axis.clone(),
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    assert_eq!(bases(&lines), [200 * WAN, 100 * WAN, 100 * WAN, 100 * WAN]);
    assert_eq!(
        lines
            .parts
            .iter()
            .map(|p| p.tiers.floor)
            .collect::<Vec<_>>(),
        [160 * WAN, 80 * WAN, 80 * WAN, 80 * WAN]
    );
    // A member cell cannot be split along a dimension again.
    let e = split_cell(&ws, hw, axis, &SplitChoice::Even, Some(&ch), true).unwrap_err();
    assert_eq!(e.code, "already_dimension");
    // Months: 200万 evenly over 12 months keeps the member: 8 months of 166,666.67 and 4 of
    // 166,666.66 yuan.
    let months = split_cell(
        &ws,
        hw,
        SplitAxis::Months,
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    let mut expected = vec![16_666_667; 8];
    expected.extend([16_666_666; 4]);
    assert_eq!(bases(&months), expected);
    let member = get_target(ws.conn(), hw).unwrap().dimension_id;
    for p in &months.parts {
        let c = get_target(ws.conn(), p.id).unwrap();
        assert_eq!(
            (c.org_unit_id, c.dimension_id),
            (row(&g, "张三").unit_id, member)
        );
    }
    // The crossed month grid shows it; the person's row checks its members against its year.
    let g = grid(&ws, Tier::Base, GridView::Month, Some("product_line")).unwrap();
    let r = member_row(&g, "张三", "智能硬件");
    assert_eq!(r.depth, row(&g, "张三").depth + 1);
    assert_eq!(r.cells[0].as_ref().unwrap().value, 16_666_667);
    assert_eq!(r.cells[11].as_ref().unwrap().value, 16_666_666);
    assert_eq!(r.cells[12].as_ref().unwrap().value, 200 * WAN);
    assert!(r.cells[12].as_ref().unwrap().locked);
    assert_eq!((r.months_sum, r.year_id), (Some(200 * WAN), Some(hw)));
    assert_eq!(row(&g, "张三").members_sum, Some(500 * WAN));
    assert_eq!(member_row(&g, "张三", "软件订阅").months_sum, None);
    assert_eq!(member_row(&g, "李四", "智能硬件").cells, vec![None; 13]);
    // The person's own months are untouched by the member's months.
    assert_eq!(
        row(&g, "张三").months_sum,
        row(
            &grid(&ws, Tier::Base, GridView::Month, None).unwrap(),
            "张三"
        )
        .months_sum
    );
    // The quarter view sums the member's months.
    let q = grid(&ws, Tier::Base, GridView::Quarter, Some("product_line")).unwrap();
    let q1 = member_row(&q, "张三", "智能硬件").cells[0].clone().unwrap();
    assert_eq!((q1.id, q1.value, q1.derived), (None, 3 * 16_666_667, true));
    // Undo of the month split removes the member's months again.
    restore_cells(&ws, &months.before, Some(&ch)).unwrap();
    let g = grid(&ws, Tier::Base, GridView::Month, Some("product_line")).unwrap();
    assert_eq!(member_row(&g, "张三", "智能硬件").months_sum, None);
}

#[test]
fn the_crossed_grid_exports_members_under_their_unit() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    let south = year(&g, "华南").id.unwrap();
    split_cell(
        &ws,
        south,
        SplitAxis::Dimension("channel".into()),
        &SplitChoice::Percent {
            bp: vec![5000, 3000, 2000],
        },
        Some(&ch),
        false,
    )
    .unwrap();
    let g = grid(&ws, Tier::Base, GridView::Year, Some("channel")).unwrap();
    assert_eq!(row(&g, "华南").members_sum, Some(3000 * WAN));
    let zh = grid_table(&g, crate::Lang::Zh);
    let at = zh
        .rows
        .iter()
        .position(|r| r[0] == crate::export::Cell::Text("  华南".into()))
        .unwrap();
    assert_eq!(
        zh.rows[at + 1][..2],
        [
            crate::export::Cell::Text("    直销".into()),
            crate::export::Cell::Money(1500 * WAN)
        ]
    );
    assert_eq!(zh.rows[at + 3][1], crate::export::Cell::Money(600 * WAN));
    let en = grid_table(&g, crate::Lang::En);
    assert_eq!(
        en.rows[at + 2][0],
        crate::export::Cell::Text("    Partners".into())
    );
    assert_eq!(en.rows.len(), 40 * 4);
}
