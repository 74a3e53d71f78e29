//! The deep split's progress and cancel, and the split across a dimension's members — checked
//! with plain SQL against figures computed here.

use super::history::steps;
use super::ops::*;
use super::tests::{small_plan, snapshot, unit_id};
use super::{
    split_deep_with, undo_redo, DeepRequest, DimShares, MemberShares, SplitProgress, Watch,
};
use crate::money::WAN;
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use rusqlite::params;
use std::sync::atomic::{AtomicBool, Ordering};

fn request(unit: i64, dim: Option<&str>) -> DeepRequest {
    DeepRequest {
        cell: CellRef {
            unit_id: unit,
            dimension_id: None,
            period: "2026".into(),
        },
        choice: SplitChoice::Even,
        depth: None,
        dim: dim.map(|d| DimShares {
            dim: d.into(),
            by: MemberShares::Equal,
        }),
        preview: false,
    }
}

fn products(ws: &Workspace) -> Vec<i64> {
    let c = ws.conn();
    ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(i, code)| {
            c.execute(
                "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort) VALUES ('product_line', ?1, ?1, ?1, ?2)",
                params![code, i as i64],
            )
            .unwrap();
            c.last_insert_rowid()
        })
        .collect()
}

#[test]
fn a_member_cell_is_not_split_across_a_dimension_again() {
    let (ws, company) = small_plan(&[2, 3], 100 * WAN);
    let lines = products(&ws);
    let before = snapshot(&ws);
    let steps_before = steps(ws.conn()).unwrap().len();
    let mut req = request(company, Some("product_line"));
    req.cell.dimension_id = Some(lines[0]);
    let cancel = AtomicBool::new(false);
    let e = split_deep_with(
        &ws,
        &PlanSel::default(),
        &req,
        None,
        Watch {
            progress: &mut |_| {},
            cancel: &cancel,
        },
    )
    .unwrap_err();
    assert_eq!(e.code, "already_dimension");
    assert!(e.zh.contains("维度成员") && e.en.contains("dimension member"));
    assert_eq!(snapshot(&ws), before, "nothing is written");
    assert_eq!(steps(ws.conn()).unwrap().len(), steps_before);
}

#[test]
fn a_cancelled_split_writes_nothing_and_leaves_the_undo_history_alone() {
    let (ws, company) = small_plan(&[2, 3], 100 * WAN);
    let before = snapshot(&ws);
    let steps_before = steps(ws.conn()).unwrap().len();
    // Cancelled from the first progress report on: the split stops half-way.
    let cancel = AtomicBool::new(false);
    let mut reports = Vec::new();
    let mut progress = |p: SplitProgress| {
        reports.push(p);
        cancel.store(true, Ordering::SeqCst);
    };
    let err = split_deep_with(
        &ws,
        &PlanSel::default(),
        &request(company, None),
        None,
        Watch {
            progress: &mut progress,
            cancel: &cancel,
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "cancelled");
    assert_eq!(reports.len(), 1);
    assert!(reports[0].done < reports[0].total, "{reports:?}");
    assert_eq!(snapshot(&ws), before);
    assert_eq!(steps(ws.conn()).unwrap().len(), steps_before);
}

#[test]
fn progress_runs_to_the_total_of_every_unit_below() {
    let (ws, company) = small_plan(&[2, 3], 100 * WAN);
    let cancel = AtomicBool::new(false);
    let mut reports = Vec::new();
    split_deep_with(
        &ws,
        &PlanSel::default(),
        &request(company, None),
        None,
        Watch {
            progress: &mut |p| reports.push(p),
            cancel: &cancel,
        },
    )
    .unwrap();
    // The company, 2 regions and 6 people.
    assert_eq!(reports.last(), Some(&SplitProgress { done: 9, total: 9 }));
    assert!(reports.windows(2).all(|w| w[0].done <= w[1].done));
    assert_eq!(steps(ws.conn()).unwrap().len(), 1);
}

/// Σ base of (unit, member, period) by SQL, over months when `period` is "months".
fn member_base(ws: &Workspace, unit: i64, member: Option<i64>, period: &str) -> i64 {
    ws.conn()
        .query_row(
            "SELECT IFNULL(SUM(base_value), 0) FROM target WHERE org_unit_id = ?1 \
             AND dimension_id IS ?2 AND (period = ?3 OR (?3 = 'months' AND length(period) = 7 \
             AND substr(period, 6, 1) IN ('0', '1')))",
            params![unit, member, period],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_split_to_people_by_product_line_adds_up_member_by_member_in_one_step() {
    // 100万 and 7 fen: 2 regions × 3 people × 3 product lines = 18 leaves.
    let total = 100 * WAN + 7;
    let (ws, company) = small_plan(&[2, 3], total);
    let lines = products(&ws);
    let before = snapshot(&ws);
    let cancel = AtomicBool::new(false);
    let out = split_deep_with(
        &ws,
        &PlanSel::default(),
        &request(company, Some("product_line")),
        None,
        Watch {
            progress: &mut |_| {},
            cancel: &cancel,
        },
    )
    .unwrap();
    assert_eq!(out.leaf_count, 18);
    assert_eq!(out.totals.base, total);
    assert_eq!(steps(ws.conn()).unwrap().len(), 1);
    let people: Vec<i64> = (1..=2)
        .flat_map(|r| (1..=3).map(move |p| format!("公司-{r}-{p}")))
        .map(|n| unit_id(&ws, &n))
        .collect();
    for &p in &people {
        // Each person: a sixth of the company's year within a fen; each line a third of that.
        let year = member_base(&ws, p, None, "2026");
        assert!((year * 6 - total).abs() < 6, "person {p}: {year}");
        let mut lines_sum = 0;
        for &m in &lines {
            let y = member_base(&ws, p, Some(m), "2026");
            assert!(
                (y * 3 - year).abs() < 3,
                "person {p} line {m}: {y} of {year}"
            );
            assert_eq!(
                member_base(&ws, p, Some(m), "months"),
                y,
                "months of {p}/{m}"
            );
            lines_sum += y;
        }
        assert_eq!(lines_sum, year);
    }
    // A region's line = Σ its people's line, in every month; the company's too.
    let c = ws.conn();
    let off: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM target p JOIN org_unit u ON u.id = p.org_unit_id \
             WHERE p.dimension_id IS NOT NULL AND EXISTS (SELECT 1 FROM org_unit k WHERE k.parent_id = u.id) \
             AND p.base_value <> (SELECT SUM(c.base_value) FROM target c JOIN org_unit k ON k.id = c.org_unit_id \
             WHERE k.parent_id = u.id AND c.dimension_id = p.dimension_id AND c.period = p.period)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(off, 0);
    let per_line: i64 = lines
        .iter()
        .map(|m| member_base(&ws, company, Some(*m), "2026"))
        .sum();
    assert_eq!(per_line, total);
    assert!(check(&ws, &PlanSel::default()).unwrap().time.is_empty());
    // One undo step takes it all back.
    undo_redo(&ws, true, None).unwrap();
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn a_locked_member_month_keeps_its_value_and_the_rest_still_adds_up() {
    let (ws, company) = small_plan(&[2], 120 * WAN);
    let lines = products(&ws);
    let cancel = AtomicBool::new(false);
    let run = |ws: &Workspace| {
        split_deep_with(
            ws,
            &PlanSel::default(),
            &request(company, Some("product_line")),
            None,
            Watch {
                progress: &mut |_| {},
                cancel: &cancel,
            },
        )
        .unwrap()
    };
    run(&ws);
    let ann = unit_id(&ws, "公司-1");
    let cell = CellRef {
        unit_id: ann,
        dimension_id: Some(lines[0]),
        period: "2026-03".into(),
    };
    // Ann's March: 60万 / 12 = 5万, a third each. Lock line a at 5万 (edited first).
    edit(
        &ws,
        &PlanSel::default(),
        &[CellEdit {
            cell: cell.clone(),
            tier: crate::targets::Tier::Base,
            value: 5 * WAN,
        }],
        EditChoice {
            children: ChildrenWay::Keep,
            parent: ParentWay::Rebalance,
        },
        None,
    )
    .unwrap();
    lock(&ws, &PlanSel::default(), &[cell], true).unwrap();
    run(&ws);
    assert_eq!(member_base(&ws, ann, Some(lines[0]), "2026-03"), 5 * WAN);
    let march: i64 = lines
        .iter()
        .map(|m| member_base(&ws, ann, Some(*m), "2026-03"))
        .sum();
    assert_eq!(march, member_base(&ws, ann, None, "2026-03"));
    assert_eq!(member_base(&ws, ann, None, "2026"), 60 * WAN);
}

#[test]
fn a_keep_edit_on_a_year_only_plan_writes_only_the_edited_row() {
    // Every unit holds only its year (an import): a person's year changed with the team and
    // the siblings kept touches that person's row only — no months created up and down the tree
    // (before, every ancestor and its children took months: 72 new cells here).
    let (ws, company) = small_plan(&[2, 3], 600 * WAN);
    super::exact_tests::years_down(&ws, company);
    let before = snapshot(&ws);
    let ann = unit_id(&ws, "公司-1-1");
    let out = edit(
        &ws,
        &PlanSel::default(),
        &[CellEdit {
            cell: CellRef {
                unit_id: ann,
                dimension_id: None,
                period: "2026".into(),
            },
            tier: crate::targets::Tier::Base,
            value: 123 * WAN,
        }],
        EditChoice {
            children: ChildrenWay::Keep,
            parent: ParentWay::Keep,
        },
        None,
    )
    .unwrap();
    // Only Ann's row changed: her year, and the months it now holds (Σ = her year).
    let after = snapshot(&ws);
    let changed: Vec<_> = after.iter().filter(|r| !before.contains(r)).collect();
    assert!(changed.iter().all(|r| r.0 == ann), "{changed:?}");
    assert_eq!(
        after.len(),
        before.len() + 12,
        "Ann's 12 months, nothing else"
    );
    let year: Vec<_> = changed.iter().filter(|r| r.2 == "2026").collect();
    assert_eq!(year.len(), 1);
    assert_eq!(year[0].4, 123 * WAN);
    let months: i64 = changed
        .iter()
        .filter(|r| r.2.len() == 7 && matches!(&r.2[5..6], "0" | "1"))
        .map(|r| r.4)
        .sum();
    assert_eq!(months, 123 * WAN);
    assert_eq!(out.changed, 13);
}
