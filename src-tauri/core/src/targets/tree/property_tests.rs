//! Random sequences of edits (every choice), pasted blocks, deep splits, locks, undos and redos
//! on a random organisation: time adds up exactly after every step, the organisation stays
//! within the plan's band (or is flagged, exactly where plain SQL finds it outside), a failed
//! change leaves nothing behind, and undo/redo restore the states exactly.

use super::ops::*;
use super::tests::{small_plan, snapshot, Row};
use super::PlanRule;
use crate::money::WAN;
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use crate::targets::Tier;
use proptest::prelude::*;
use rusqlite::params;
use std::collections::BTreeSet;

const PERIODS: [&str; 19] = [
    "2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-01", "2026-02",
    "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    "2026-11", "2026-12",
];

#[derive(Debug, Clone)]
enum Op {
    Edit(Vec<(usize, usize, i64)>, u8, u8),
    Split(usize, Option<u32>, bool),
    Lock(usize, usize, bool),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let cell = (0usize..40, 7usize..19, 0i64..5_000_000_000);
    let any_cell = (0usize..40, 0usize..19, 0i64..5_000_000_000);
    prop_oneof![
        3 => (any_cell.prop_map(|c| vec![c]), 0u8..2, 0u8..3).prop_map(|(e, c, p)| Op::Edit(e, c, p)),
        2 => (prop::collection::vec(cell, 2..6), 0u8..2, 0u8..3).prop_map(|(e, c, p)| Op::Edit(e, c, p)),
        1 => (0usize..40, prop::option::of(0u32..3), any::<bool>()).prop_map(|(u, d, c)| Op::Split(u, d, c)),
        1 => (0usize..40, 0usize..19, any::<bool>()).prop_map(|(u, p, l)| Op::Lock(u, p, l)),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

fn units(ws: &Workspace) -> Vec<(i64, Option<i64>)> {
    let mut st = ws
        .conn()
        .prepare("SELECT id, parent_id FROM org_unit ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Time, by SQL: on every row with months, the year and each stored half/quarter equal Σ of
/// their months in every tier, and all 12 months are there.
pub(super) fn time_consistent(ws: &Workspace) -> std::result::Result<(), String> {
    let bad: Vec<(i64, String, i64)> = {
        let mut st = ws
            .conn()
            .prepare(
                "WITH m AS (SELECT org_unit_id u, substr(period, 6, 2) + 0 AS mo, floor_value f, base_value b, \
                 challenge_value c, IFNULL(sprint_value, 0) s FROM target WHERE length(period) = 7 \
                 AND substr(period, 6, 1) IN ('0', '1')), \
                 p AS (SELECT org_unit_id u, period, floor_value f, base_value b, challenge_value c, \
                 IFNULL(sprint_value, 0) s, CASE WHEN period = '2026' THEN 1 \
                 WHEN period LIKE '%-H%' THEN (substr(period, 7) - 1) * 6 + 1 \
                 ELSE (substr(period, 7) - 1) * 3 + 1 END AS lo, CASE WHEN period = '2026' THEN 12 \
                 WHEN period LIKE '%-H%' THEN substr(period, 7) * 6 ELSE substr(period, 7) * 3 END AS hi \
                 FROM target WHERE period = '2026' OR period LIKE '2026-H%' OR period LIKE '2026-Q%') \
                 SELECT p.u, p.period, COUNT(m.mo) FROM p JOIN m ON m.u = p.u AND m.mo BETWEEN p.lo AND p.hi \
                 GROUP BY p.u, p.period HAVING SUM(m.f) <> p.f OR SUM(m.b) <> p.b OR SUM(m.c) <> p.c \
                 OR SUM(m.s) <> p.s OR COUNT(m.mo) <> p.hi - p.lo + 1",
            )
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("time does not add up: {bad:?}"))
    }
}

/// The parent cells (unit, period) whose children's Σ base lies outside the band, by SQL.
fn outside_rule(ws: &Workspace, rule: &PlanRule) -> BTreeSet<(i64, String)> {
    let mut st = ws
        .conn()
        .prepare(
            // A child's half or quarter that is not stored counts as Σ of its months.
            "WITH g(k, lo, hi) AS (VALUES ('2026-H1', 1, 6), ('2026-H2', 7, 12), \
             ('2026-Q1', 1, 3), ('2026-Q2', 4, 6), ('2026-Q3', 7, 9), ('2026-Q4', 10, 12)), \
             v(u, period, b) AS (SELECT org_unit_id, period, base_value FROM target \
             UNION ALL SELECT m.org_unit_id, g.k, SUM(m.base_value) FROM target m \
             JOIN g ON substr(m.period, 6, 2) + 0 BETWEEN g.lo AND g.hi \
             WHERE length(m.period) = 7 AND substr(m.period, 6, 1) IN ('0', '1') \
             AND NOT EXISTS (SELECT 1 FROM target s WHERE s.org_unit_id = m.org_unit_id \
             AND s.period = g.k) GROUP BY m.org_unit_id, g.k) \
             SELECT p.org_unit_id, p.period, p.base_value, SUM(c.b) FROM target p \
             JOIN org_unit o ON o.parent_id = p.org_unit_id \
             JOIN v c ON c.u = o.id AND c.period = p.period \
             WHERE p.period NOT LIKE '%W%' GROUP BY p.id",
        )
        .unwrap();
    let rows: Vec<(i64, String, i64, i64)> = st
        .query_map(params![], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.into_iter()
        .filter(|(_, _, p, a)| {
            let (p, a) = (*p as i128, *a as i128 * 10_000);
            if p == 0 {
                return a != 0;
            }
            a < p * rule.allocation_min_bp as i128 || a > p * rule.allocation_max_bp as i128
        })
        .map(|(u, period, _, _)| (u, period))
        .collect()
}

fn run(
    shape: Vec<usize>,
    band: bool,
    unit: i64,
    ops: Vec<Op>,
) -> std::result::Result<(), TestCaseError> {
    let (ws, company) = small_plan(&shape, 1_234_567_891);
    let rule = PlanRule {
        rounding_unit: unit,
        allocation_min_bp: 10_000,
        allocation_max_bp: if band { 12_000 } else { 10_000 },
    };
    let plan = PlanSel::default();
    set_rule(&ws, &plan, rule).unwrap();
    let top = CellRef {
        unit_id: company,
        dimension_id: None,
        period: "2026".into(),
    };
    let start = snapshot(&ws);
    split_deep(&ws, &plan, &top, &SplitChoice::Even, None, None, false).unwrap();
    let all = units(&ws);
    let mut done: Vec<(Vec<Row>, Vec<Row>)> = vec![(start, snapshot(&ws))];
    let mut undone: Vec<(Vec<Row>, Vec<Row>)> = Vec::new();
    let mut may_break = false;
    for op in ops {
        let before = snapshot(&ws);
        let result = match &op {
            Op::Edit(cells, children, parent) => {
                let edits: Vec<CellEdit> = cells
                    .iter()
                    .map(|(u, p, v)| CellEdit {
                        cell: CellRef {
                            unit_id: all[u % all.len()].0,
                            dimension_id: None,
                            period: PERIODS[*p].into(),
                        },
                        tier: Tier::Base,
                        value: *v,
                    })
                    .collect();
                let choice = EditChoice {
                    children: [ChildrenWay::Spread, ChildrenWay::Keep][*children as usize],
                    parent: [ParentWay::Keep, ParentWay::Rebalance, ParentWay::RollUp]
                        [*parent as usize],
                };
                let r = edit(&ws, &plan, &edits, choice, None);
                if r.is_ok() {
                    let non_root = cells.iter().any(|(u, _, _)| all[u % all.len()].1.is_some());
                    may_break |= choice.children == ChildrenWay::Keep
                        || (choice.parent == ParentWay::Keep && non_root);
                }
                r.map(|o| o.step)
            }
            Op::Split(u, depth, capacity) => {
                let choice = if *capacity {
                    SplitChoice::Capacity
                } else {
                    SplitChoice::Current
                };
                let cell = CellRef {
                    unit_id: all[u % all.len()].0,
                    dimension_id: None,
                    period: "2026".into(),
                };
                let r = split_deep(&ws, &plan, &cell, &choice, *depth, None, false);
                if r.is_ok() && depth.is_some() {
                    // A split that stops above the leaves leaves the levels below as they were.
                    may_break = true;
                }
                r.map(|o| o.outcome.step)
            }
            Op::Lock(u, p, locked) => {
                let cell = CellRef {
                    unit_id: all[u % all.len()].0,
                    dimension_id: None,
                    period: PERIODS[*p].into(),
                };
                lock(&ws, &plan, &[cell], *locked).map(|o| o.step)
            }
            Op::Undo => undo_redo(&ws, true, None).map(|o| o.and_then(|o| o.step)),
            Op::Redo => undo_redo(&ws, false, None).map(|o| o.and_then(|o| o.step)),
        };
        let after = snapshot(&ws);
        match (&op, &result) {
            (_, Err(_)) => {
                prop_assert_eq!(&after, &before, "a refused change left something behind")
            }
            (Op::Undo, Ok(step)) => {
                if let Some((b, a)) = done.pop() {
                    prop_assert!(step.is_some());
                    prop_assert_eq!(&before, &a);
                    prop_assert_eq!(&after, &b, "undo did not restore the state exactly");
                    undone.push((b, a));
                } else {
                    prop_assert!(step.is_none());
                }
            }
            (Op::Redo, Ok(step)) => {
                if let Some((b, a)) = undone.pop() {
                    prop_assert!(step.is_some());
                    prop_assert_eq!(&after, &a, "redo did not bring the change back exactly");
                    done.push((b, a));
                } else {
                    prop_assert!(step.is_none());
                }
            }
            (_, Ok(Some(_))) => {
                done.push((before, after.clone()));
                undone.clear();
            }
            (_, Ok(None)) => prop_assert_eq!(&after, &before),
        }
        time_consistent(&ws).map_err(TestCaseError::fail)?;
        let outside = outside_rule(&ws, &rule);
        let flagged: BTreeSet<(i64, String)> = check(&ws, &plan)
            .unwrap()
            .org
            .into_iter()
            .map(|a| (a.unit_id, a.period))
            .collect();
        prop_assert_eq!(
            &flagged,
            &outside,
            "check flags exactly what lies outside the rule"
        );
        if !may_break {
            prop_assert!(
                outside.is_empty(),
                "spreads and roll-ups left {:?} outside the rule",
                outside
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]
    #[test]
    fn random_changes_keep_time_exact_and_the_organisation_within_its_rule(
        shape in prop::collection::vec(1usize..4, 1..4),
        band in any::<bool>(),
        unit in prop::sample::select(vec![1i64, 100, 10_000, WAN]),
        ops in prop::collection::vec(op(), 1..14),
    ) {
        run(shape, band, unit, ops)?;
    }
}
