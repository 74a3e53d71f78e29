//! The organisation editor and dated membership, checked against plain sums of the rows.

use super::edit::{self, NewUnit};
use super::transfer::{self, Transfer};
use super::transfer_targets::Follow;
use crate::variance::{Engine, VarianceQuery};
use crate::Workspace;
use proptest::prelude::*;
use rusqlite::params;
use std::collections::HashMap;

fn q(ws: &Workspace, sql: &str, p: impl rusqlite::Params) -> i64 {
    ws.conn().query_row(sql, p, |r| r.get(0)).unwrap()
}

fn actual(ws: &Workspace, node: i64, period: &str) -> i64 {
    let engine = Engine::new(ws).unwrap();
    let path = engine.tree.path(node);
    engine
        .variance(&VarianceQuery::new("revenue", &path, period))
        .unwrap()
        .figures
        .actual
}

fn new_unit(parent: i64, kind: &str, name: &str) -> NewUnit {
    NewUnit {
        parent_id: parent,
        kind: kind.into(),
        name: name.into(),
        ..Default::default()
    }
}

#[test]
fn units_are_added_renamed_moved_and_retired_with_clear_refusals() {
    let ws = Workspace::open_in_memory().unwrap();
    crate::bootstrap::write_starting_data(ws.conn(), 2026).unwrap();
    let company = crate::setup::company::set_name(&ws, "新星科技").unwrap();
    let east = edit::add(&ws, &new_unit(company, "region", "华东")).unwrap();
    let south = edit::add(&ws, &new_unit(company, "region", "华南")).unwrap();
    let team = edit::add(&ws, &new_unit(east, "team", "一组")).unwrap();
    let code = |r: crate::Result<i64>| r.unwrap_err().code;
    assert_eq!(
        code(edit::add(&ws, &new_unit(company, "person", "钱七"))),
        "org_bad_place"
    );
    assert_eq!(
        code(edit::add(&ws, &new_unit(team, "region", "X"))),
        "org_bad_place"
    );
    assert_eq!(
        code(edit::add(&ws, &new_unit(east, "team", "一组"))),
        "org_name_taken"
    );
    assert_eq!(
        code(edit::add(&ws, &new_unit(east, "team", "a/b"))),
        "org_name_invalid"
    );
    let p = edit::add(&ws, &new_unit(team, "person", "张三")).unwrap();
    edit::rename(&ws, team, "华东一组").unwrap();
    edit::rename(&ws, company, "新星智能").unwrap();
    assert_eq!(
        crate::setup::company::name(&ws).unwrap().as_deref(),
        Some("新星智能")
    );
    assert_eq!(
        edit::move_unit(&ws, east, team).unwrap_err().code,
        "org_move_cycle"
    );
    edit::move_unit(&ws, team, south).unwrap();
    assert_eq!(
        q(&ws, "SELECT parent_id FROM org_unit WHERE id = ?1", [team]),
        south
    );
    assert_eq!(
        edit::retire(&ws, team, "2026-06-30").unwrap_err().code,
        "org_retire_has_members"
    );
    edit::retire(&ws, p, "2026-06-30").unwrap();
    edit::retire(&ws, team, "2026-06-30").unwrap();
    assert_eq!(
        code(edit::add(&ws, &new_unit(team, "person", "李四"))),
        "org_parent_retired"
    );
    edit::restore(&ws, team).unwrap();
    edit::describe(&ws, team, 5, Some(200 * crate::money::WAN), "王经理").unwrap();
    let units = super::units(ws.conn()).unwrap();
    let t = units.iter().find(|u| u.id == team).unwrap();
    assert_eq!(
        (
            t.headcount,
            t.capacity_per_head,
            t.manager.as_str(),
            t.active
        ),
        (5, Some(200 * crate::money::WAN), "王经理", true)
    );
    // Parents come before their members.
    let pos = |id: i64| units.iter().position(|u| u.id == id).unwrap();
    assert!(pos(company) < pos(south) && pos(south) < pos(team) && pos(team) < pos(p));
}

/// Each raw row's unit on its date, computed here: the person's team, except the transferred
/// person's rows from the date on, which belong to the new team.
fn expected_by_unit(
    ws: &Workspace,
    person: i64,
    new_team: i64,
    day: &str,
) -> HashMap<(i64, &'static str), i64> {
    let mut chain: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut st = ws.conn().prepare("SELECT id FROM org_unit").unwrap();
    let ids: Vec<i64> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for id in ids {
        chain.insert(id, super::ancestry(ws.conn(), id).unwrap());
    }
    let new_chain: Vec<i64> = std::iter::once(-1)
        .chain(chain[&new_team].iter().copied())
        .collect();
    let mut st = ws
        .conn()
        .prepare("SELECT a.person_id, a.date, a.amount FROM actual a JOIN metric m ON m.id = a.metric_id WHERE m.code = 'revenue' AND a.date BETWEEN '2026-01-01' AND '2026-12-31'")
        .unwrap();
    let rows: Vec<(i64, String, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = HashMap::new();
    for (p, date, amount) in rows {
        let half = if date.as_str() < "2026-07-01" {
            "H1"
        } else {
            "H2"
        };
        let units = if p == person && date.as_str() >= day {
            &new_chain
        } else {
            &chain[&p]
        };
        for u in units {
            *out.entry((*u, half)).or_insert(0) += amount;
        }
    }
    out
}

fn year_base(ws: &Workspace, unit: i64) -> i64 {
    q(ws, "SELECT IFNULL(SUM(base_value), 0) FROM target WHERE org_unit_id = ?1 AND period = '2026' AND dimension_id IS NULL", [unit])
}

fn months_base(ws: &Workspace, unit: i64) -> i64 {
    q(ws, "SELECT IFNULL(SUM(base_value), 0) FROM target WHERE org_unit_id = ?1 AND period LIKE '2026-__' AND period NOT LIKE '%Q%' AND period NOT LIKE '%H%' AND dimension_id IS NULL", [unit])
}

fn moved_months(ws: &Workspace, unit: i64) -> i64 {
    q(ws, "SELECT IFNULL(SUM(base_value), 0) FROM target WHERE org_unit_id = ?1 AND period BETWEEN '2026-07' AND '2026-12' AND length(period) = 7 AND period NOT LIKE '%Q%' AND period NOT LIKE '%H%' AND dimension_id IS NULL", [unit])
}

/// The demo's first person of its first team, that team, and the first team of another region.
fn demo_cast(ws: &Workspace) -> (i64, i64, i64, i64, i64) {
    let person = q(
        ws,
        "SELECT id FROM org_unit WHERE kind = 'person' ORDER BY id LIMIT 1",
        [],
    );
    let team = q(ws, "SELECT parent_id FROM org_unit WHERE id = ?1", [person]);
    let region = q(ws, "SELECT parent_id FROM org_unit WHERE id = ?1", [team]);
    let other_team = q(ws, "SELECT t.id FROM org_unit t JOIN org_unit r ON r.id = t.parent_id WHERE t.kind = 'team' AND r.id <> ?1 ORDER BY t.id LIMIT 1", [region]);
    let other_region = q(
        ws,
        "SELECT parent_id FROM org_unit WHERE id = ?1",
        [other_team],
    );
    (person, team, region, other_team, other_region)
}

#[test]
fn a_transfer_on_july_1st_keeps_every_half_year_where_it_was_earned() {
    let ws = crate::demo::in_memory();
    let (person, team, region, new_team, new_region) = demo_cast(&ws);
    let company = q(&ws, "SELECT id FROM org_unit WHERE kind = 'company'", []);
    let expected = expected_by_unit(&ws, person, new_team, "2026-07-01");
    let (team_year, new_team_year, company_year) = (
        year_base(&ws, team),
        year_base(&ws, new_team),
        year_base(&ws, company),
    );
    let moving = moved_months(&ws, person);
    assert!(moving > 0);
    let t = Transfer {
        person_id: person,
        to_unit_id: new_team,
        date: "2026-07-01".into(),
        targets: Follow::Move,
    };
    let preview = transfer::preview(&ws, &t).unwrap();
    assert_eq!(year_base(&ws, team), team_year, "a preview writes nothing");
    let done = transfer::apply(&ws, &t).unwrap();
    // The demo's 30 sales reps are still 30 (the person's two rows are one person).
    assert_eq!(ws.info().unwrap().people, 30);
    assert_eq!(preview.targets, done.targets);
    for unit in [team, region, new_team, new_region, company] {
        for half in ["H1", "H2"] {
            let want = expected.get(&(unit, half)).copied().unwrap_or(0);
            assert_eq!(
                actual(&ws, unit, &format!("2026-{half}")),
                want,
                "unit {unit} {half}"
            );
        }
    }
    // The targets moved with the person: every chain still adds up, the company is unchanged.
    assert_eq!(year_base(&ws, team), team_year - moving);
    assert_eq!(year_base(&ws, new_team), new_team_year + moving);
    assert_eq!(year_base(&ws, company), company_year);
    assert_eq!(year_base(&ws, done.new_person_id), moving);
    assert_eq!(months_base(&ws, done.new_person_id), moving);
    assert_eq!(year_base(&ws, person), months_base(&ws, person));
    for u in [team, new_team] {
        let children = q(&ws, "SELECT IFNULL(SUM(t.base_value), 0) FROM target t JOIN org_unit o ON o.id = t.org_unit_id WHERE o.parent_id = ?1 AND t.period = '2026' AND t.dimension_id IS NULL", [u]);
        assert_eq!(children, year_base(&ws, u), "team {u} = Σ its people");
    }
}

#[test]
fn resplit_targets_stay_in_the_old_team_shared_by_the_others() {
    let ws = crate::demo::in_memory();
    let (person, team, _, new_team, _) = demo_cast(&ws);
    let team_year = year_base(&ws, team);
    let moving = moved_months(&ws, person);
    let others: Vec<i64> = {
        let mut st = ws
            .conn()
            .prepare(
                "SELECT id FROM org_unit WHERE parent_id = ?1 AND id <> ?2 AND kind = 'person'",
            )
            .unwrap();
        st.query_map(params![team, person], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let others_before: i64 = others.iter().map(|o| year_base(&ws, *o)).sum();
    let t = Transfer {
        person_id: person,
        to_unit_id: new_team,
        date: "2026-07-01".into(),
        targets: Follow::Resplit,
    };
    let done = transfer::apply(&ws, &t).unwrap();
    assert_eq!(year_base(&ws, team), team_year);
    assert_eq!(
        others.iter().map(|o| year_base(&ws, *o)).sum::<i64>(),
        others_before + moving
    );
    assert_eq!(year_base(&ws, done.new_person_id), 0);
    for o in others.iter().chain([&person]) {
        assert_eq!(
            year_base(&ws, *o),
            months_base(&ws, *o),
            "person {o}: year = Σ months"
        );
    }
}

#[test]
fn transfers_are_refused_with_a_reason() {
    let ws = crate::demo::in_memory();
    let (person, team, region, new_team, _) = demo_cast(&ws);
    let go = |to: i64, date: &str| {
        transfer::apply(
            &ws,
            &Transfer {
                person_id: person,
                to_unit_id: to,
                date: date.into(),
                targets: Follow::Move,
            },
        )
        .unwrap_err()
        .code
    };
    assert_eq!(go(team, "2026-07-01"), "transfer_same_unit");
    assert_eq!(go(person, "2026-07-01"), "transfer_bad_unit");
    assert_eq!(go(new_team, "2026-13-01"), "org_bad_date");
    let _ = region;
}

/// A small company: two regions, three teams, four people, a year of sales.
fn small_company(amounts: &[(usize, u32, i64)]) -> (Workspace, Vec<i64>, Vec<i64>, Vec<i64>) {
    let ws = Workspace::open_in_memory().unwrap();
    crate::bootstrap::write_starting_data(ws.conn(), 2026).unwrap();
    ws.set_meta("as_of", "2026-12-31").unwrap();
    let company = crate::setup::company::set_name(&ws, "C").unwrap();
    let regions: Vec<i64> = ["R1", "R2"]
        .iter()
        .map(|n| edit::add(&ws, &new_unit(company, "region", n)).unwrap())
        .collect();
    let teams: Vec<i64> = [(0, "T1"), (0, "T2"), (1, "T3")]
        .iter()
        .map(|(r, n)| edit::add(&ws, &new_unit(regions[*r], "team", n)).unwrap())
        .collect();
    let people: Vec<i64> = (0..4)
        .map(|i| edit::add(&ws, &new_unit(teams[i % 3], "person", &format!("P{i}"))).unwrap())
        .collect();
    let c = ws.conn();
    c.execute("INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'a', 'h', '2026-01-01')", []).unwrap();
    let batch = c.last_insert_rowid();
    let revenue = q(&ws, "SELECT id FROM metric WHERE code = 'revenue'", []);
    for (i, (p, day, amount)) in amounts.iter().enumerate() {
        let date = chrono::NaiveDate::from_yo_opt(2026, 1 + day % 365).unwrap();
        c.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![batch, date.to_string(), people[p % 4], revenue, amount, format!("f{i}")],
        )
        .unwrap();
    }
    crate::store::batches::after_commit(c, batch).unwrap();
    (ws, regions, teams, people)
}

#[derive(Debug, Clone)]
enum Op {
    Transfer(usize, usize, u32),
    Leave(usize, u32),
    Join(usize),
    Move(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..8usize, 0..3usize, 1..360u32).prop_map(|(p, t, d)| Op::Transfer(p, t, d)),
        (0..8usize, 1..360u32).prop_map(|(p, d)| Op::Leave(p, d)),
        (0..3usize).prop_map(Op::Join),
        (0..3usize, 0..2usize).prop_map(|(t, r)| Op::Move(t, r)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn every_units_actuals_add_up_to_the_company_after_any_changes(
        sales in prop::collection::vec((0..4usize, 0..365u32, 1..1_000_000i64), 1..40),
        ops in prop::collection::vec(op(), 0..8),
    ) {
        let (ws, regions, teams, _) = small_company(&sales);
        let total: i64 = sales.iter().map(|s| s.2).sum();
        for (i, o) in ops.iter().enumerate() {
            let active: Vec<i64> = {
                let mut st = ws.conn().prepare("SELECT id FROM org_unit WHERE kind = 'person' AND active = 1 ORDER BY id").unwrap();
                st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
            };
            let day = |d: u32| chrono::NaiveDate::from_yo_opt(2026, d).unwrap().to_string();
            // Refusals (same team, a date before joining) are part of the game: they change nothing.
            let _ = match o {
                Op::Transfer(p, t, d) if !active.is_empty() => transfer::apply(&ws, &Transfer {
                    person_id: active[p % active.len()], to_unit_id: teams[*t], date: day(*d), targets: Follow::Move,
                }).map(|_| ()),
                Op::Leave(p, d) if !active.is_empty() => edit::retire(&ws, active[p % active.len()], &day(*d)),
                Op::Join(t) => edit::add(&ws, &new_unit(teams[*t], "person", &format!("N{i}"))).map(|_| ()),
                Op::Move(t, r) => edit::move_unit(&ws, teams[*t], regions[*r]),
                _ => Ok(()),
            };
        }
        let company = q(&ws, "SELECT id FROM org_unit WHERE kind = 'company'", []);
        for period in ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q3", "2026-05"] {
            let c = actual(&ws, company, period);
            let r: i64 = regions.iter().map(|u| actual(&ws, *u, period)).sum();
            let t: i64 = teams.iter().map(|u| actual(&ws, *u, period)).sum();
            let people: i64 = {
                let mut st = ws.conn().prepare("SELECT id FROM org_unit WHERE kind = 'person' ORDER BY sort, id").unwrap();
                let ids: Vec<i64> = st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
                // A person back in a former team has two stints under one path: the path shows
                // the latest; an earlier stint it hides is summed from its rows.
                let engine = Engine::new(&ws).unwrap();
                let (from, to) = engine.period_range(period).unwrap();
                ids.iter().map(|u| {
                    let path = engine.tree.path(*u);
                    if engine.tree.resolve(&path).unwrap().id == *u {
                        actual(&ws, *u, period)
                    } else {
                        q(&ws, "SELECT IFNULL(SUM(amount), 0) FROM actual WHERE person_id = ?1 AND date BETWEEN ?2 AND ?3",
                          params![u, from.to_string(), to.to_string()])
                    }
                }).sum()
            };
            prop_assert_eq!(r, c, "regions {}", period);
            prop_assert_eq!(t, c, "teams {}", period);
            prop_assert_eq!(people, c, "people {}", period);
        }
        prop_assert_eq!(actual(&ws, company, "2026"), total);
    }
}

#[test]
fn a_transfer_preview_writes_nothing_and_leaves_no_transaction_open() {
    let ws = crate::demo::in_memory();
    let (person, _, _, new_team, _) = demo_cast(&ws);
    let units = "SELECT COUNT(*) FROM org_unit";
    let before = q(&ws, units, []);
    let mut t = Transfer {
        person_id: person,
        to_unit_id: new_team,
        date: "2026-07-01".into(),
        targets: Follow::Resplit,
    };
    let preview = transfer::preview(&ws, &t).unwrap();
    assert!(preview.new_person_id > 0);
    assert_eq!(q(&ws, units, []), before, "the preview's new row is gone");
    assert!(ws.conn().is_autocommit(), "no transaction left open");
    // A refused preview too.
    t.date = "not a date".into();
    assert_eq!(transfer::preview(&ws, &t).unwrap_err().code, "org_bad_date");
    assert!(ws.conn().is_autocommit());
    assert_eq!(q(&ws, units, []), before);
}

/// Every target row as it is stored: (id, unit, period, floor, base, challenge, sprint).
type TargetRow = (i64, i64, String, i64, i64, i64, Option<i64>);

fn target_rows(ws: &Workspace) -> Vec<TargetRow> {
    let mut st = ws
        .conn()
        .prepare("SELECT id, org_unit_id, period, floor_value, base_value, challenge_value, sprint_value FROM target ORDER BY id")
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
        ))
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

#[test]
fn a_person_moves_back_to_a_former_team_and_each_transfer_is_undone_exactly() {
    let ws = crate::demo::in_memory();
    let (person, team, region, new_team, new_region) = demo_cast(&ws);
    let company = q(&ws, "SELECT id FROM org_unit WHERE kind = 'company'", []);
    let name: String = ws
        .conn()
        .query_row("SELECT name FROM org_unit WHERE id = ?1", [person], |r| {
            r.get(0)
        })
        .unwrap();
    // No transfer: every row stays with the person's own chain.
    let untouched = expected_by_unit(&ws, person, team, "9999-12-31");
    let targets = target_rows(&ws);
    let revisions = q(&ws, "SELECT COUNT(*) FROM target_revision", []);
    let go = |who: i64, to: i64, date: &str| {
        transfer::apply(
            &ws,
            &Transfer {
                person_id: who,
                to_unit_id: to,
                date: date.into(),
                targets: Follow::Move,
            },
        )
        .unwrap()
        .new_person_id
    };
    let away = go(person, new_team, "2026-07-01");
    let after_first = target_rows(&ws);
    // Back to the first team on October 1st: a third row of the same name under the same team.
    let back = go(away, team, "2026-10-01");
    assert_eq!(
        q(
            &ws,
            "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND name = ?2",
            params![team, name]
        ),
        2
    );
    assert_eq!(
        q(&ws, "SELECT COUNT(*) FROM actual WHERE person_id = ?1 AND date >= '2026-10-01'", [back]),
        q(&ws, "SELECT COUNT(*) FROM actual a JOIN org_unit o ON o.id = a.person_id WHERE o.person_key = ?1 AND a.date >= '2026-10-01'", [person])
    );
    // Only the latest transfer can be undone.
    assert_eq!(
        super::transfer_undo::undo(&ws, away).unwrap_err().code,
        "transfer_undo_unavailable"
    );
    assert_eq!(super::transfer_undo::undo(&ws, back).unwrap(), away);
    assert_eq!(target_rows(&ws), after_first);
    assert_eq!(super::transfer_undo::undo(&ws, away).unwrap(), person);
    // Targets exactly as before, row by row; no revision left; every actual back where earned.
    assert_eq!(target_rows(&ws), targets);
    assert_eq!(
        q(&ws, "SELECT COUNT(*) FROM target_revision", []),
        revisions
    );
    assert_eq!(
        q(
            &ws,
            "SELECT COUNT(*) FROM org_unit WHERE id IN (?1, ?2)",
            params![away, back]
        ),
        0
    );
    assert_eq!(
        q(&ws, "SELECT active FROM org_unit WHERE id = ?1", [person]),
        1
    );
    for unit in [person, team, region, new_team, new_region, company] {
        for half in ["H1", "H2"] {
            let want = untouched.get(&(unit, half)).copied().unwrap_or(0);
            assert_eq!(
                actual(&ws, unit, &format!("2026-{half}")),
                want,
                "unit {unit} {half}"
            );
        }
    }
    assert_eq!(
        super::transfer_undo::undo(&ws, person).unwrap_err().code,
        "transfer_undo_unavailable"
    );
}

#[test]
fn an_old_workspace_lets_a_person_move_back_after_migrating() {
    use crate::store::migrations::MIGRATIONS;
    // The migration that makes the sibling-name index partial, wherever it stands in the list.
    let partial = MIGRATIONS
        .iter()
        .position(|m| m.contains("WHERE active = 1 AND valid_to IS NULL"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.targetline");
    {
        // A file as the previous version left it: Ann moved from 一组 to 二组 (her old row ended).
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..partial] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", partial as i64)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', 'C'),
                 (2, 1, 'team', '一组'), (3, 1, 'team', '二组');
             INSERT INTO org_unit(id, parent_id, kind, name, active, valid_to, person_key)
                 VALUES (4, 2, 'person', 'Ann', 0, '2026-03-31', 4);
             INSERT INTO org_unit(id, parent_id, kind, name, valid_from, person_key)
                 VALUES (5, 3, 'person', 'Ann', '2026-04-01', 4);",
        )
        .unwrap();
        // The old index refuses a second Ann under 一组, even though the first one has ended.
        assert!(conn
            .execute(
                "INSERT INTO org_unit(parent_id, kind, name) VALUES (2, 'person', 'Ann')",
                []
            )
            .is_err());
    }
    let ws = Workspace::open_with(&path, None).unwrap();
    crate::store::catalog::write_catalog(ws.conn(), 2026).unwrap();
    let back = transfer::apply(
        &ws,
        &Transfer {
            person_id: 5,
            to_unit_id: 2,
            date: "2026-09-01".into(),
            targets: Follow::Move,
        },
    )
    .unwrap()
    .new_person_id;
    let rows: Vec<(i64, i64, i64)> = {
        let mut st = ws
            .conn()
            .prepare("SELECT id, parent_id, active FROM org_unit WHERE name = 'Ann' ORDER BY id")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(rows, [(4, 2, 0), (5, 3, 0), (back, 2, 1)]);
    // Two current Anns under one team are still refused by the index.
    assert!(ws
        .conn()
        .execute(
            "INSERT INTO org_unit(parent_id, kind, name) VALUES (2, 'person', 'Ann')",
            []
        )
        .is_err());
}
