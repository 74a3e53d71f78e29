//! Deep splits across time and units stay exact to the fen: on random organisations, with any
//! rounding unit, splits from any node at any period (year, half, quarter, month) and any
//! method, spreads and roll-ups of every tier, and locks, every parent's year and months equal
//! Σ its children's in every tier, and every year, half and quarter stored equals Σ its months —
//! all checked with plain SQL, not through the tree.

use super::ops::*;
use super::property_tests::time_consistent;
use super::split_deep;
use super::tests::small_plan;
use super::PlanRule;
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use crate::targets::Tier;
use proptest::prelude::*;

const PERIODS: [&str; 19] = [
    "2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-01", "2026-02",
    "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    "2026-11", "2026-12",
];

#[derive(Debug, Clone)]
enum Op {
    /// Unit, period, method (even, current, capacity).
    Split(usize, usize, u8),
    /// Unit, period, tier, value: spread to the children and rolled up.
    Edit(usize, usize, u8, i64),
    Lock(usize, usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..60, 0usize..19, 0u8..3).prop_map(|(u, p, m)| Op::Split(u, p, m)),
        2 => (0usize..60, 0usize..19, 0u8..4, 1i64..3_000_000_000).prop_map(|(u, p, t, v)| Op::Edit(u, p, t, v)),
        2 => (0usize..60, 0usize..19, any::<bool>()).prop_map(|(u, p, l)| Op::Lock(u, p, l)),
    ]
}

/// Parent cells (unit, period, parent tiers, Σ children's tiers) at the year and the months
/// that differ from Σ their children in any tier, by SQL.
fn parents_off(ws: &Workspace) -> Vec<(i64, String, [i64; 4], [i64; 4])> {
    let mut st = ws
        .conn()
        .prepare(
            "SELECT p.org_unit_id, p.period, p.floor_value, p.base_value, p.challenge_value, \
             IFNULL(p.sprint_value, 0), SUM(c.floor_value), SUM(c.base_value), \
             SUM(c.challenge_value), SUM(IFNULL(c.sprint_value, 0)) FROM target p \
             JOIN org_unit o ON o.parent_id = p.org_unit_id AND o.active = 1 \
             JOIN target c ON c.org_unit_id = o.id AND c.period = p.period \
             AND c.dimension_id IS NULL \
             WHERE p.dimension_id IS NULL AND (p.period = '2026' OR (length(p.period) = 7 \
             AND substr(p.period, 6, 1) IN ('0', '1'))) GROUP BY p.id \
             HAVING SUM(c.floor_value) <> p.floor_value OR SUM(c.base_value) <> p.base_value \
             OR SUM(c.challenge_value) <> p.challenge_value \
             OR SUM(IFNULL(c.sprint_value, 0)) <> IFNULL(p.sprint_value, 0)",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?],
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The state an import or an older one-level split leaves: every unit holds only its year, the
/// children's years adding up exactly to their parent's (split unevenly, 1:2:3…).
pub(super) fn years_down(ws: &Workspace, root: i64) {
    let c = ws.conn();
    let year = crate::targets::store::StoredPeriod::from(
        &crate::calendar::parse_period("2026", 1).unwrap(),
    );
    let mut todo = vec![root];
    while let Some(u) = todo.pop() {
        let tiers: crate::targets::Tiers = c
            .query_row(
                "SELECT floor_value, base_value, challenge_value, sprint_value FROM target \
                 WHERE org_unit_id = ?1 AND period = '2026'",
                [u],
                |r| {
                    Ok(crate::targets::Tiers {
                        floor: r.get(0)?,
                        base: r.get(1)?,
                        challenge: r.get(2)?,
                        sprint: r.get(3)?,
                    })
                },
            )
            .unwrap();
        let kids: Vec<i64> = {
            let mut st = c
                .prepare("SELECT id FROM org_unit WHERE parent_id = ?1 ORDER BY sort")
                .unwrap();
            st.query_map([u], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        if kids.is_empty() {
            continue;
        }
        let weights: Vec<u128> = (1..=kids.len() as u128).collect();
        for (k, t) in kids.iter().zip(tiers.split(&weights).unwrap()) {
            crate::targets::store::insert_target(
                c,
                crate::targets::store::NewTarget {
                    target_set_id: 1,
                    metric_id: 1,
                    org_unit_id: *k,
                    dimension_id: None,
                    period: &year,
                    tiers: t,
                    last_year_actual: None,
                },
            )
            .unwrap();
            todo.push(*k);
        }
    }
}

/// One random run: a plan with the rule at exactly 100%, split from the company (or holding
/// years only), then the operations, checked after each.
fn run(
    shape: Vec<usize>,
    unit: i64,
    company: i64,
    sprint: bool,
    years_only: bool,
    ops: Vec<Op>,
) -> Result<(), TestCaseError> {
    let (ws, root) = small_plan(&shape, company);
    if sprint {
        // A fourth tier, as the benchmark's plan has: sprint at 150% of base.
        ws.conn()
            .execute_batch(
                "UPDATE target_set SET sprint_bp = 15000; \
                 UPDATE target SET sprint_value = base_value * 3 / 2;",
            )
            .unwrap();
    }
    let plan = PlanSel::default();
    let rule = PlanRule {
        rounding_unit: unit,
        allocation_min_bp: 10_000,
        allocation_max_bp: 10_000,
    };
    set_rule(&ws, &plan, rule).unwrap();
    let top = CellRef {
        unit_id: root,
        dimension_id: None,
        period: "2026".into(),
    };
    if years_only {
        years_down(&ws, root);
    } else {
        split_deep(&ws, &plan, &top, &SplitChoice::Even, None, None, false).unwrap();
    }
    let all: Vec<i64> = {
        let mut st = ws
            .conn()
            .prepare("SELECT id FROM org_unit ORDER BY id")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let check = |what: &str| -> Result<(), TestCaseError> {
        time_consistent(&ws).map_err(|e| TestCaseError::fail(format!("after {what}: {e}")))?;
        let off = parents_off(&ws);
        prop_assert!(
            off.is_empty(),
            "after {}: parents differ from Σ children (unit, period, parent, Σ children): {:?}",
            what,
            off
        );
        Ok(())
    };
    check("the first split")?;
    for op in ops {
        let cell = |u: usize, p: usize| CellRef {
            unit_id: all[u % all.len()],
            dimension_id: None,
            period: PERIODS[p].into(),
        };
        match &op {
            Op::Split(u, p, m) => {
                let choice = [
                    SplitChoice::Even,
                    SplitChoice::Current,
                    SplitChoice::Capacity,
                ][*m as usize]
                    .clone();
                let _ = split_deep(&ws, &plan, &cell(*u, *p), &choice, None, None, false);
            }
            Op::Edit(u, p, t, v) => {
                let tier = [Tier::Floor, Tier::Base, Tier::Challenge, Tier::Sprint][*t as usize];
                let e = CellEdit {
                    cell: cell(*u, *p),
                    tier,
                    value: *v,
                };
                let choice = EditChoice {
                    children: ChildrenWay::Spread,
                    parent: ParentWay::RollUp,
                };
                let _ = edit(&ws, &plan, &[e], choice, None);
            }
            Op::Lock(u, p, l) => {
                let _ = lock(&ws, &plan, &[cell(*u, *p)], *l);
            }
        }
        check(&format!("{op:?}"))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn deep_splits_spreads_and_locks_keep_every_parent_and_year_exact(
        shape in prop::collection::vec(1usize..4, 1..4),
        unit in prop::sample::select(vec![1i64, 100, 10_000, 100_000, 1_000_000]),
        company in 1i64..20_000_000_000,
        sprint in any::<bool>(),
        years_only in any::<bool>(),
        ops in prop::collection::vec(op(), 1..10),
    ) {
        run(shape, unit, company, sprint, years_only, ops)?;
    }
}

/// Years (floor, base, challenge, sprint) of the children of `parent`, with their sort index.
fn kids_years(ws: &Workspace, parent: i64) -> Vec<(i64, [i64; 4])> {
    let mut st = ws
        .conn()
        .prepare(
            "SELECT o.sort, t.floor_value, t.base_value, t.challenge_value, \
             IFNULL(t.sprint_value, 0) FROM org_unit o JOIN target t ON t.org_unit_id = o.id \
             AND t.period = '2026' AND t.dimension_id IS NULL WHERE o.parent_id = ?1 ORDER BY o.sort",
        )
        .unwrap();
    st.query_map([parent], |r| {
        Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// A deep split of the company's year by even or capacity shares gives every unit a year
    /// within one fen of its exact share of its parent's year, in every tier (the months are
    /// rounded jointly, not each on its own, which left a year up to 12 fen off).
    #[test]
    fn a_deep_split_gives_every_year_its_exact_share(
        shape in prop::collection::vec(1usize..4, 1..4),
        company in 1i64..20_000_000_000,
        sprint in any::<bool>(),
        capacity in any::<bool>(),
    ) {
        let (ws, root) = small_plan(&shape, company);
        if sprint {
            ws.conn()
                .execute_batch(
                    "UPDATE target_set SET sprint_bp = 15000; \
                     UPDATE target SET sprint_value = base_value * 3 / 2;",
                )
                .unwrap();
        }
        let choice = if capacity { SplitChoice::Capacity } else { SplitChoice::Even };
        let top = CellRef { unit_id: root, dimension_id: None, period: "2026".into() };
        split_deep(&ws, &PlanSel::default(), &top, &choice, None, None, false).unwrap();
        let units: Vec<i64> = {
            let mut st = ws.conn().prepare("SELECT id FROM org_unit").unwrap();
            st.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        for u in units {
            let kids = kids_years(&ws, u);
            if kids.is_empty() {
                continue;
            }
            let parent: [i64; 4] = ws
                .conn()
                .query_row(
                    "SELECT floor_value, base_value, challenge_value, IFNULL(sprint_value, 0) \
                     FROM target WHERE org_unit_id = ?1 AND period = '2026' AND dimension_id IS NULL",
                    [u],
                    |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
                )
                .unwrap();
            // small_plan gives the unit at sort i a headcount of i + 1 at the same capacity
            // per head, so capacity shares are 1 : 2 : 3 …
            let weight = |sort: i64| -> i128 { if capacity { sort as i128 + 1 } else { 1 } };
            let total: i128 = kids.iter().map(|(s, _)| weight(*s)).sum();
            for (sort, years) in &kids {
                for t in 0..4 {
                    let exact = parent[t] as i128 * weight(*sort);
                    let off = (years[t] as i128 * total - exact).abs();
                    prop_assert!(
                        off < total,
                        "unit {} child {} tier {}: year {} vs exact {}/{}",
                        u, sort, t, years[t], exact, total
                    );
                }
            }
        }
    }
}
