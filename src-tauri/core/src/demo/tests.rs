use super::*;
use crate::money::{WAN, YI};

fn demo() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    create_demo(&mut ws, DEFAULT_SEED).unwrap();
    ws
}

fn base(ws: &Workspace, unit: &str, period: &str) -> i64 {
    ws.conn()
        .query_row(
            "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id WHERE o.name = ?1 AND t.period = ?2",
            [unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn company_target_and_region_split_follow_seed_001() {
    let ws = demo();
    assert_eq!(base(&ws, "星辰智能科技", "2026"), YI);
    assert_eq!(base(&ws, "华东", "2026"), 4000 * WAN);
    assert_eq!(base(&ws, "华南", "2026"), 3000 * WAN);
    assert_eq!(base(&ws, "华北", "2026"), 3000 * WAN);
    // Teams by capacity: 5 x 200万 against 5 x 180万 of 华东's 4000万 -> 2105.26万 / 1894.74万 (exact fen).
    assert_eq!(base(&ws, "华东一组", "2026"), 2_105_263_158);
    assert_eq!(base(&ws, "华东二组", "2026"), 1_894_736_842);
    let tiers: (i64, i64, i64) = ws
        .conn()
        .query_row(
            "SELECT floor_value, base_value, challenge_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.kind = 'company' AND t.period = '2026'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(tiers, (8000 * WAN, YI, 12000 * WAN));
}

#[test]
fn every_level_adds_up_exactly() {
    let ws = demo();
    // Children's yearly targets sum to the parent's, every tier, every node.
    let bad: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target p JOIN org_unit o ON o.id = p.org_unit_id
             WHERE p.period = '2026' AND o.kind <> 'person' AND (
               p.base_value <> (SELECT SUM(c.base_value) FROM target c JOIN org_unit co ON co.id = c.org_unit_id
                                WHERE co.parent_id = o.id AND c.period = '2026')
            OR p.floor_value <> (SELECT SUM(c.floor_value) FROM target c JOIN org_unit co ON co.id = c.org_unit_id
                                WHERE co.parent_id = o.id AND c.period = '2026'))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
    // Each node's twelve months sum to its year.
    let bad_months: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target y WHERE y.period = '2026' AND y.base_value <>
               (SELECT SUM(m.base_value) FROM target m WHERE m.org_unit_id = y.org_unit_id AND m.period LIKE '2026-__')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad_months, 0);
}

#[test]
fn counts_and_determinism() {
    let a = demo();
    let info = a.info().unwrap();
    assert_eq!(info.people, 30);
    assert_eq!(info.org_units, 1 + 3 + 6);
    assert_eq!(info.targets, 40 * 13);
    assert_eq!(info.actions, 8);
    assert_eq!(info.deals, 240);
    assert!(info.actuals > 8_000, "{}", info.actuals);
    let b = demo();
    assert_eq!(b.info().unwrap(), info);
    let sum = |ws: &Workspace| -> (i64, i64) {
        ws.conn()
            .query_row("SELECT SUM(amount), SUM(quantity) FROM actual", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };
    assert_eq!(sum(&a), sum(&b));
    let mut c = Workspace::open_in_memory().unwrap();
    create_demo(&mut c, DEFAULT_SEED + 1).unwrap();
    assert_ne!(sum(&a), sum(&c));
}

#[test]
fn actuals_stop_at_demo_today_and_some_reps_fall_behind() {
    let ws = demo();
    let last: String = ws
        .conn()
        .query_row("SELECT MAX(date) FROM actual", [], |r| r.get(0))
        .unwrap();
    assert!(last.as_str() <= DEMO_TODAY);
    // Rep 赵六 sells at 78% of plan: below the -10% pace alert line.
    let (actual, target): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT (SELECT SUM(a.amount) FROM actual a WHERE a.person_id = o.id AND a.date <= '2026-09-30'),
                    (SELECT SUM(t.base_value) FROM target t WHERE t.org_unit_id = o.id AND t.period BETWEEN '2026-01' AND '2026-09')
             FROM org_unit o WHERE o.name = '赵六'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let pct = actual * 100 / target;
    assert!((70..=86).contains(&pct), "赵六 at {pct}%");
}

#[test]
fn refuses_a_workspace_with_data() {
    let mut ws = demo();
    assert_eq!(
        create_demo(&mut ws, DEFAULT_SEED).unwrap_err().code,
        "workspace_not_empty"
    );
}
