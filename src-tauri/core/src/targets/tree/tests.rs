//! The tree on the demo company and on small plans built here; figures are the seeds' own.

use super::ops::*;
use super::*;
use super::{split_deep, undo_redo};
use crate::money::{WAN, YI};
use crate::store::Workspace;
use crate::targets::grid::SplitChoice;
use crate::targets::store::{Change, ReasonCategory};
use rusqlite::params;

pub(super) fn change(reason: &str) -> Change {
    Change {
        who: "王经理".into(),
        at: "2026-10-15T09:00:00".into(),
        category: ReasonCategory::Market,
        reason: reason.into(),
        approver: None,
    }
}

/// unit, member, period, floor, base, challenge, sprint, locked, commitment.
pub(super) type Row = (
    i64,
    Option<i64>,
    String,
    i64,
    i64,
    i64,
    Option<i64>,
    bool,
    Option<i64>,
);

/// Every stored cell as the database holds it, read with plain SQL (not through the tree).
pub(super) fn snapshot(ws: &Workspace) -> Vec<Row> {
    let mut st = ws
        .conn()
        .prepare(
            "SELECT org_unit_id, dimension_id, period, floor_value, base_value, challenge_value, \
             sprint_value, locked, commitment FROM target ORDER BY org_unit_id, dimension_id, period",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get::<_, i64>(7)? != 0,
            r.get(8)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The base value stored at (unit, period), by SQL.
pub(super) fn base(ws: &Workspace, unit: i64, period: &str) -> i64 {
    ws.conn()
        .query_row(
            "SELECT base_value FROM target WHERE org_unit_id = ?1 AND dimension_id IS NULL AND period = ?2 \
             AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            params![unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

pub(super) fn unit_id(ws: &Workspace, name: &str) -> i64 {
    ws.conn()
        .query_row("SELECT id FROM org_unit WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

fn months_sum(ws: &Workspace, unit: i64) -> i64 {
    ws.conn()
        .query_row(
            "SELECT SUM(base_value) FROM target WHERE org_unit_id = ?1 AND dimension_id IS NULL \
             AND period LIKE '2026-__' AND period NOT LIKE '2026-Q%' AND period NOT LIKE '2026-H%' \
             AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [unit],
            |r| r.get(0),
        )
        .unwrap()
}

/// A draft plan for 2026: a company, `shape[0]` regions, each with `shape[1]` teams, each with
/// `shape[2]` people; only the company's year is stored.
pub(super) fn small_plan(shape: &[usize], company_base: i64) -> (Workspace, i64) {
    let ws = Workspace::open_in_memory().unwrap();
    let c = ws.conn();
    c.execute_batch(
        "INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
         INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO target_set(fiscal_year, name) VALUES (2026, '2026 年度目标');
         INSERT INTO org_unit(parent_id, kind, name) VALUES (NULL, 'company', '公司');",
    )
    .unwrap();
    let company = c.last_insert_rowid();
    let kinds = ["region", "team", "person"];
    let mut level = vec![(company, "公司".to_string())];
    for (depth, n) in shape.iter().enumerate() {
        let mut next = Vec::new();
        for (parent, pname) in &level {
            for i in 0..*n {
                let name = format!("{pname}-{}", i + 1);
                c.execute(
                    "INSERT INTO org_unit(parent_id, kind, name, sort, headcount, capacity_per_head) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![parent, kinds[depth.min(2)], name, i as i64, 1 + i as i64, 100 * WAN],
                )
                .unwrap();
                next.push((c.last_insert_rowid(), name));
            }
        }
        level = next;
    }
    let p = crate::calendar::parse_period("2026", 1).unwrap();
    let stored = crate::targets::store::StoredPeriod::from(&p);
    crate::targets::store::insert_target(
        c,
        crate::targets::store::NewTarget {
            target_set_id: 1,
            metric_id: 1,
            org_unit_id: company,
            dimension_id: None,
            period: &stored,
            tiers: crate::targets::Tiers::from_base(company_base),
            last_year_actual: None,
        },
    )
    .unwrap();
    (ws, company)
}

fn edit_one(unit: i64, period: &str, value: i64) -> Vec<CellEdit> {
    vec![CellEdit {
        cell: CellRef {
            unit_id: unit,
            dimension_id: None,
            period: period.into(),
        },
        tier: crate::targets::Tier::Base,
        value,
    }]
}

#[test]
fn the_demo_adds_up_in_time_and_organisation() {
    let ws = crate::demo::in_memory();
    let report = check(&ws, &PlanSel::default()).unwrap();
    assert_eq!(report.time, vec![]);
    assert_eq!(report.org, vec![]);
    assert_eq!(report.rule, PlanRule::default());
}

#[test]
fn a_year_edit_spreads_over_months_and_down_the_organisation_then_undoes_exactly() {
    let ws = crate::demo::in_memory();
    let company = unit_id(&ws, "星辰智能科技");
    let east = unit_id(&ws, "华东");
    let before = snapshot(&ws);
    // The issue's case: the company's 2026 base target becomes 1.2亿.
    let out = edit(
        &ws,
        &PlanSel::default(),
        &edit_one(company, "2026", 12_000 * WAN),
        EditChoice::default(),
        Some(&change("董事会上调目标")),
    )
    .unwrap();
    assert_eq!((out.time_issues, out.outside_rule), (0, 0));
    assert_eq!(base(&ws, company, "2026"), 12_000 * WAN);
    assert_eq!(months_sum(&ws, company), 12_000 * WAN);
    // 华东 held 40%: 4,800万, its months add up to it.
    assert_eq!(base(&ws, east, "2026"), 4_800 * WAN);
    assert_eq!(months_sum(&ws, east), 4_800 * WAN);
    // The floor and challenge follow: 80% / 120% of 1.2亿.
    let (floor, challenge): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT floor_value, challenge_value FROM target WHERE org_unit_id = ?1 AND period = '2026' \
             AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [company],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((floor, challenge), (9_600 * WAN, 14_400 * WAN));
    // The revision carries this change's reason and author.
    let (who, reason): (String, String) = ws
        .conn()
        .query_row(
            "SELECT who, reason FROM target_revision ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (who.as_str(), reason.as_str()),
        ("王经理", "董事会上调目标")
    );
    // An approved plan refuses a change without its own reason.
    let err = edit(
        &ws,
        &PlanSel::default(),
        &edit_one(company, "2026", YI),
        EditChoice::default(),
        None,
    )
    .unwrap_err();
    assert_eq!(err.code, "revision_reason_required");
    // Undo restores every cell exactly; redo brings the change back.
    let after = snapshot(&ws);
    undo_redo(&ws, true, Some(&change("撤销")))
        .unwrap()
        .unwrap();
    assert_eq!(snapshot(&ws), before);
    undo_redo(&ws, false, Some(&change("重做")))
        .unwrap()
        .unwrap();
    assert_eq!(snapshot(&ws), after);
    assert_eq!(history_steps(&ws).unwrap().len(), 1);
}

#[test]
fn a_child_edit_rolls_up_or_rebalances_its_siblings() {
    let ws = crate::demo::in_memory();
    let company = unit_id(&ws, "星辰智能科技");
    let (east, south, north) = (
        unit_id(&ws, "华东"),
        unit_id(&ws, "华南"),
        unit_id(&ws, "华北"),
    );
    let roll = EditChoice {
        children: ChildrenWay::Spread,
        parent: ParentWay::RollUp,
    };
    // 华东 4,000万 → 5,000万, rolled up: the company becomes 1.1亿.
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(east, "2026", 5_000 * WAN),
        roll,
        Some(&change("华东扩编")),
    )
    .unwrap();
    assert_eq!(base(&ws, company, "2026"), 11_000 * WAN);
    assert_eq!(months_sum(&ws, company), 11_000 * WAN);
    assert!(check(&ws, &PlanSel::default()).unwrap().is_clean());
    // Rebalanced: 华东 back to 4,000万, 华南 and 华北 take +1,000万 between them (3:3), the
    // company stays at 1.1亿.
    let rebalance = EditChoice {
        children: ChildrenWay::Spread,
        parent: ParentWay::Rebalance,
    };
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(east, "2026", 4_000 * WAN),
        rebalance,
        Some(&change("调配")),
    )
    .unwrap();
    assert_eq!(base(&ws, company, "2026"), 11_000 * WAN);
    // Month by month the siblings split the change by their shape: together exactly +1,000万,
    // each within a fen a month of half of it.
    assert_eq!(
        base(&ws, south, "2026") + base(&ws, north, "2026"),
        7_000 * WAN
    );
    assert!((base(&ws, south, "2026") - 3_500 * WAN).abs() <= 12);
    assert!(check(&ws, &PlanSel::default()).unwrap().is_clean());
    // Keeping the children shows the gap: the company at 1.2亿 allocates 1.1亿 (91.66%).
    let keep = EditChoice {
        children: ChildrenWay::Keep,
        parent: ParentWay::Keep,
    };
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(company, "2026", 12_000 * WAN),
        keep,
        Some(&change("先定总数")),
    )
    .unwrap();
    let report = check(&ws, &PlanSel::default()).unwrap();
    let year = report
        .org
        .iter()
        .find(|a| a.unit_id == company && a.period == "2026")
        .unwrap();
    assert_eq!(
        (year.target, year.allocated, year.allocated_bp),
        (12_000 * WAN, 11_000 * WAN, Some(9_166))
    );
    assert!(report.time.is_empty());
    // The one-click fix spreads the company to its children again.
    fix(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        Fix::Spread,
        Some(&change("修正")),
    )
    .unwrap();
    assert!(check(&ws, &PlanSel::default()).unwrap().is_clean());
    assert_eq!(
        base(&ws, east, "2026") + base(&ws, south, "2026") + base(&ws, north, "2026"),
        12_000 * WAN
    );
}

#[test]
fn a_month_edit_changes_its_quarter_and_year_and_a_quarter_spreads_over_its_months() {
    let ws = crate::demo::in_memory();
    let person = unit_id(&ws, PEOPLE_FIRST);
    let year_before = base(&ws, person, "2026");
    let march = base(&ws, person, "2026-03");
    let keep = EditChoice {
        children: ChildrenWay::Spread,
        parent: ParentWay::RollUp,
    };
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(person, "2026-03", march + 10 * WAN),
        keep,
        Some(&change("大单")),
    )
    .unwrap();
    assert_eq!(base(&ws, person, "2026"), year_before + 10 * WAN);
    // A quarter (derived, not stored) edited: its months take the change in their shape.
    let q2: i64 = ["2026-04", "2026-05", "2026-06"]
        .iter()
        .map(|m| base(&ws, person, m))
        .sum();
    let may = base(&ws, person, "2026-05");
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(person, "2026-Q2", 2 * q2),
        keep,
        Some(&change("Q2 翻倍")),
    )
    .unwrap();
    let q2_after: i64 = ["2026-04", "2026-05", "2026-06"]
        .iter()
        .map(|m| base(&ws, person, m))
        .sum();
    assert_eq!(q2_after, 2 * q2);
    assert!((base(&ws, person, "2026-05") - 2 * may).abs() <= 2);
    assert!(check(&ws, &PlanSel::default()).unwrap().is_clean());
}

const PEOPLE_FIRST: &str = "张三";

#[test]
fn seeds_figures_a_deep_split_in_round_numbers() {
    // Seed 000: 10亿 a year, even: 2.5亿 a quarter; floor/challenge 80%/120%.
    let (ws, company) = small_plan(&[3, 2, 2], 10 * YI);
    let out = split_deep(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        &SplitChoice::Percent {
            bp: vec![4_000, 3_000, 3_000],
        },
        None,
        None,
        false,
    )
    .unwrap();
    assert_eq!((out.outcome.time_issues, out.outcome.outside_rule), (0, 0));
    let q1: i64 = ["2026-01", "2026-02", "2026-03"]
        .iter()
        .map(|m| base(&ws, company, m))
        .sum();
    assert_eq!(q1, 25 * YI / 10);
    // Seed 001: East 40%, South 30%, North 30% of the year.
    let regions: Vec<i64> = (1..=3)
        .map(|i| unit_id(&ws, &format!("公司-{i}")))
        .collect();
    assert_eq!(base(&ws, regions[0], "2026"), 4 * YI);
    assert_eq!(base(&ws, regions[1], "2026"), 3 * YI);
    // Leaves: 12 people × 12 months stored, each person's year the sum of its months.
    assert_eq!(out.leaves.len(), 12);
    let cells: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM target", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cells, (1 + 3 + 6 + 12) * 13);

    // Round numbers: a 10,000-yuan unit and 1亿 + 0.07 yuan over 7 people gives multiples of 万
    // everywhere but one part, and still adds up.
    let (ws, company) = small_plan(&[7], YI + 7);
    set_rule(
        &ws,
        &PlanSel::default(),
        PlanRule {
            rounding_unit: WAN,
            ..PlanRule::default()
        },
    )
    .unwrap();
    split_deep(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        &SplitChoice::Even,
        None,
        None,
        false,
    )
    .unwrap();
    let parts: Vec<i64> = (1..=7)
        .map(|i| base(&ws, unit_id(&ws, &format!("公司-{i}")), "2026"))
        .collect();
    assert_eq!(parts.iter().sum::<i64>(), YI + 7);
    let odd: Vec<&i64> = parts.iter().filter(|p| *p % WAN != 0).collect();
    assert!(odd.len() <= 1, "{parts:?}");
    assert!(check(&ws, &PlanSel::default()).unwrap().is_clean());
}

#[test]
fn a_band_rule_allows_over_assignment_and_flags_beyond_it() {
    let (ws, company) = small_plan(&[2], 100 * WAN);
    set_rule(
        &ws,
        &PlanSel::default(),
        PlanRule {
            rounding_unit: 1,
            allocation_min_bp: 10_000,
            allocation_max_bp: 12_000,
        },
    )
    .unwrap();
    split_deep(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        &SplitChoice::Even,
        None,
        None,
        false,
    )
    .unwrap();
    let a = unit_id(&ws, "公司-1");
    let keep = EditChoice {
        children: ChildrenWay::Keep,
        parent: ParentWay::Keep,
    };
    // 50万 + 60万 = 110% of 100万: inside 100%–120%.
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(a, "2026", 60 * WAN),
        keep,
        None,
    )
    .unwrap();
    assert!(check(&ws, &PlanSel::default()).unwrap().org.is_empty());
    // 50万 + 80万 = 130%: flagged at the year.
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(a, "2026", 80 * WAN),
        keep,
        None,
    )
    .unwrap();
    let report = check(&ws, &PlanSel::default()).unwrap();
    // b's year is exactly half of 100万 (the months are cut jointly, not each on its own).
    let b = base(&ws, unit_id(&ws, "公司-2"), "2026");
    assert_eq!(b, 50 * WAN);
    let year = report.org.iter().find(|x| x.period == "2026").unwrap();
    assert_eq!(
        (year.allocated, year.allocated_bp),
        (130 * WAN, Some(13_000))
    );
    // Spreading the parent keeps a ratio inside the band: 130% is outside, so 100%.
    edit(
        &ws,
        &PlanSel::default(),
        &edit_one(company, "2026", 200 * WAN),
        EditChoice::default(),
        None,
    )
    .unwrap();
    assert!(check(&ws, &PlanSel::default()).unwrap().is_clean());
}

#[test]
fn a_pasted_block_is_one_undo_step_and_a_failed_one_changes_nothing() {
    let (ws, company) = small_plan(&[2, 2], 1_200 * WAN);
    split_deep(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        &SplitChoice::Even,
        None,
        None,
        false,
    )
    .unwrap();
    let before = snapshot(&ws);
    let a = unit_id(&ws, "公司-1-1");
    let b = unit_id(&ws, "公司-1-2");
    let block: Vec<CellEdit> = [
        (a, "2026-01"),
        (a, "2026-02"),
        (b, "2026-01"),
        (b, "2026-02"),
    ]
    .iter()
    .map(|(u, p)| edit_one(*u, p, 100 * WAN).remove(0))
    .collect();
    let roll = EditChoice {
        children: ChildrenWay::Spread,
        parent: ParentWay::RollUp,
    };
    let out = edit(&ws, &PlanSel::default(), &block, roll, None).unwrap();
    assert_eq!((out.time_issues, out.outside_rule), (0, 0));
    assert_eq!(
        base(&ws, company, "2026-01"),
        100 * WAN * 2 + base(&ws, unit_id(&ws, "公司-2"), "2026-01")
    );
    undo_redo(&ws, true, None).unwrap();
    assert_eq!(snapshot(&ws), before);
    // A block touching a locked cell is refused whole.
    lock(
        &ws,
        &PlanSel::default(),
        &[CellRef {
            unit_id: b,
            dimension_id: None,
            period: "2026-02".into(),
        }],
        true,
    )
    .unwrap();
    let locked = snapshot(&ws);
    let err = edit(&ws, &PlanSel::default(), &block, roll, None).unwrap_err();
    assert_eq!(err.code, "cell_locked");
    assert_eq!(snapshot(&ws), locked);
}

#[test]
fn undoing_a_step_that_created_cells_of_an_approved_plan_keeps_them_zeroed_with_a_revision() {
    let (ws, company) = small_plan(&[2, 1], 12 * YI);
    ws.conn()
        .execute("UPDATE target_set SET status = 'approved'", [])
        .unwrap();
    let count = |sql: &str| -> i64 { ws.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    // The split creates the regions', the teams' and every month's cells.
    split_deep(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        &SplitChoice::Even,
        None,
        Some(&change("拆到各团队")),
        false,
    )
    .unwrap();
    let region = unit_id(&ws, "公司-1");
    assert_eq!(base(&ws, region, "2026"), 6 * YI);
    let cells = count("SELECT COUNT(*) FROM target");
    // 5 units × (year + 12 months), in the plan's four-tier-less shape: 65 rows.
    assert_eq!(cells, 5 * 13);
    undo_redo(&ws, true, Some(&change("撤销")))
        .unwrap()
        .unwrap();
    // Nothing deleted: the created cells are zero, and each zeroing is a revision.
    assert_eq!(count("SELECT COUNT(*) FROM target"), cells);
    assert_eq!(base(&ws, region, "2026"), 0);
    assert_eq!(base(&ws, company, "2026"), 12 * YI);
    let zeroed = count(&format!(
        "SELECT COUNT(*) FROM target_revision r JOIN target t ON t.id = r.target_id \
         WHERE t.org_unit_id = {region} AND t.period = '2026' AND r.tier = 'base' \
         AND r.old_value = {} AND r.new_value = 0",
        6 * YI
    ));
    assert_eq!(zeroed, 1);
    // Redo starts from the zeroed cells and brings the split back.
    undo_redo(&ws, false, Some(&change("重做")))
        .unwrap()
        .unwrap();
    assert_eq!(base(&ws, region, "2026"), 6 * YI);
    assert_eq!(count("SELECT COUNT(*) FROM target"), cells);
}

#[test]
fn with_no_year_given_the_tree_takes_the_selected_years_plan_not_the_newest() {
    let (ws, _) = small_plan(&[2], 12 * YI);
    // A newer plan for 2027 exists; 2026 stays the selected year.
    ws.conn()
        .execute_batch(
            "INSERT INTO fiscal_year(year, start_month) VALUES (2027, 1);
             INSERT INTO target_set(fiscal_year, name) VALUES (2027, '2027 年度目标');",
        )
        .unwrap();
    crate::setup::plan_year::select(&ws, 2026).unwrap();
    let (set, _) = super::load::find_plan(ws.conn(), None, "revenue").unwrap();
    assert_eq!(set, 1);
    crate::setup::plan_year::select(&ws, 2027).unwrap();
    let (set, _) = super::load::find_plan(ws.conn(), None, "revenue").unwrap();
    assert_eq!(set, 2);
}

#[test]
fn a_path_shared_by_stints_names_the_active_row_else_the_latest() {
    let (ws, _) = small_plan(&[1, 1, 1], 100 * WAN);
    let c = ws.conn();
    let (team, first): (i64, i64) = c
        .query_row(
            "SELECT parent_id, id FROM org_unit WHERE name = '公司-1-1-1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let stint = |active: bool| {
        c.execute(
            "INSERT INTO org_unit(parent_id, kind, name, active) VALUES (?1, 'person', '公司-1-1-1', ?2)",
            params![team, active],
        )
        .unwrap();
        c.last_insert_rowid()
    };
    let plan = PlanSel {
        year: Some(2026),
        metric: None,
    };
    let at = |ws: &Workspace| {
        load(ws, &plan)
            .unwrap()
            .unit_by_path("/公司-1/公司-1-1/公司-1-1-1")
    };
    // Left, then back: the earlier stint is closed, the return is the active row.
    c.execute("UPDATE org_unit SET active = 0 WHERE id = ?1", [first])
        .unwrap();
    let back = stint(true);
    let older = stint(false);
    assert_eq!(at(&ws), Some(back));
    // No active row: the latest stint.
    c.execute("UPDATE org_unit SET active = 0 WHERE id = ?1", [back])
        .unwrap();
    assert_eq!(at(&ws), Some(older));
    assert!(first < back && back < older);
}

#[test]
fn a_capacity_split_of_ten_million_gives_each_person_their_exact_year() {
    // 1,000万 split by capacity 2:1:1 across three people (as reported from the window:
    // Ann 4,999,999.98 / Bob 2,500,000.02 when each month was cut on its own).
    let (ws, company) = small_plan(&[3], 1_000 * WAN);
    ws.conn()
        .execute_batch(
            "UPDATE org_unit SET headcount = 2 WHERE name = '公司-1';
             UPDATE org_unit SET headcount = 1 WHERE name IN ('公司-2', '公司-3');",
        )
        .unwrap();
    split_deep(
        &ws,
        &PlanSel::default(),
        &CellRef {
            unit_id: company,
            dimension_id: None,
            period: "2026".into(),
        },
        &SplitChoice::Capacity,
        None,
        None,
        false,
    )
    .unwrap();
    let c = ws.conn();
    let months_sum = |u: i64| -> i64 {
        c.query_row(
            "SELECT SUM(base_value) FROM target WHERE org_unit_id = ?1 AND length(period) = 7 \
             AND substr(period, 6, 1) IN ('0', '1')",
            [u],
            |r| r.get(0),
        )
        .unwrap()
    };
    for (name, want) in [
        ("公司-1", 500 * WAN),
        ("公司-2", 250 * WAN),
        ("公司-3", 250 * WAN),
    ] {
        let u = unit_id(&ws, name);
        assert_eq!(base(&ws, u, "2026"), want, "{name}'s year");
        assert_eq!(months_sum(u), want, "{name}'s months");
    }
    // Every month of the people adds up to the company's month.
    let off: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM target p WHERE p.org_unit_id = ?1 AND length(p.period) = 7 \
             AND p.base_value <> (SELECT SUM(c.base_value) FROM target c JOIN org_unit o \
             ON o.id = c.org_unit_id WHERE o.parent_id = ?1 AND c.period = p.period)",
            [company],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(off, 0);
}
