//! Undoing a transfer never overwrites later work, brings back every deal and refuses name
//! clashes in words; sibling-name checks name the active unit first.

use super::edit::{self, NewUnit};
use super::transfer::{self, Transfer};
use super::transfer_targets::Follow;
use super::transfer_undo::undo;
use crate::Workspace;
use rusqlite::params;

fn q(ws: &Workspace, sql: &str, p: impl rusqlite::Params) -> i64 {
    ws.conn().query_row(sql, p, |r| r.get(0)).unwrap()
}

fn go(ws: &Workspace, who: i64, to: i64, date: &str) -> i64 {
    transfer::apply(
        ws,
        &Transfer {
            person_id: who,
            to_unit_id: to,
            date: date.into(),
            targets: Follow::Move,
        },
    )
    .unwrap()
    .new_person_id
}

/// The first demo person, their team and a team under another region.
fn cast(ws: &Workspace) -> (i64, i64, i64) {
    let person = q(
        ws,
        "SELECT id FROM org_unit WHERE kind = 'person' ORDER BY id LIMIT 1",
        [],
    );
    let team = q(ws, "SELECT parent_id FROM org_unit WHERE id = ?1", [person]);
    let region = q(ws, "SELECT parent_id FROM org_unit WHERE id = ?1", [team]);
    let other = q(ws, "SELECT t.id FROM org_unit t JOIN org_unit r ON r.id = t.parent_id WHERE t.kind = 'team' AND r.id <> ?1 ORDER BY t.id LIMIT 1", [region]);
    (person, team, other)
}

fn name_of(ws: &Workspace, id: i64) -> String {
    ws.conn()
        .query_row("SELECT name FROM org_unit WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn undo_refuses_when_targets_of_the_units_changed_after_the_transfer() {
    let ws = crate::demo::in_memory();
    let (person, team, other) = cast(&ws);
    let away = go(&ws, person, other, "2026-07-01");
    // A later edit on the old team's year target (a commitment, which leaves no revision).
    let cell = q(
        &ws,
        "SELECT id FROM target WHERE org_unit_id = ?1 ORDER BY id LIMIT 1",
        [team],
    );
    let edited = q(
        &ws,
        "SELECT IFNULL(commitment, 0) + 777 FROM target WHERE id = ?1",
        [cell],
    );
    crate::targets::store::set_commitment(ws.conn(), cell, Some(edited)).unwrap();
    let err = undo(&ws, away).unwrap_err();
    assert_eq!(err.code, "transfer_undo_targets_changed");
    // Nothing was written back: the edit stands and the transfer stays.
    assert_eq!(
        q(&ws, "SELECT commitment FROM target WHERE id = ?1", [cell]),
        edited
    );
    assert_eq!(
        q(&ws, "SELECT active FROM org_unit WHERE id = ?1", [away]),
        1
    );
    assert_eq!(
        q(&ws, "SELECT active FROM org_unit WHERE id = ?1", [person]),
        0
    );
}

#[test]
fn undo_brings_back_deals_closed_since_the_transfer() {
    let ws = crate::demo::in_memory();
    let (person, _, other) = cast(&ws);
    let open = q(
        &ws,
        "SELECT COUNT(*) FROM deal WHERE owner_id = ?1 AND status = 'open'",
        [person],
    );
    assert!(open > 0);
    let all = q(
        &ws,
        "SELECT COUNT(*) FROM deal WHERE owner_id = ?1",
        [person],
    );
    let away = go(&ws, person, other, "2026-07-01");
    assert_eq!(
        q(&ws, "SELECT COUNT(*) FROM deal WHERE owner_id = ?1", [away]),
        open
    );
    let closed = q(
        &ws,
        "SELECT id FROM deal WHERE owner_id = ?1 ORDER BY id LIMIT 1",
        [away],
    );
    ws.conn()
        .execute("UPDATE deal SET status = 'won' WHERE id = ?1", [closed])
        .unwrap();
    assert_eq!(undo(&ws, away).unwrap(), person);
    assert_eq!(
        q(
            &ws,
            "SELECT COUNT(*) FROM deal WHERE owner_id = ?1",
            [person]
        ),
        all
    );
    assert_eq!(
        q(&ws, "SELECT owner_id FROM deal WHERE id = ?1", [closed]),
        person
    );
}

#[test]
fn undo_refuses_in_words_when_the_old_team_has_someone_of_the_same_name() {
    let ws = crate::demo::in_memory();
    let (person, team, other) = cast(&ws);
    let name = name_of(&ws, person);
    let away = go(&ws, person, other, "2026-07-01");
    // A namesake joins elsewhere and is then transferred into the old team.
    let third = q(
        &ws,
        "SELECT id FROM org_unit WHERE kind = 'team' AND id NOT IN (?1, ?2) ORDER BY id LIMIT 1",
        params![team, other],
    );
    let namesake = edit::add(
        &ws,
        &NewUnit {
            parent_id: third,
            kind: "person".into(),
            name: name.clone(),
            joined: Some("2026-01-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    go(&ws, namesake, team, "2026-08-01");
    let err = undo(&ws, away).unwrap_err();
    assert_eq!(err.code, "org_name_taken");
    assert!(err.en.contains(&name), "{}", err.en);
    assert_eq!(
        q(&ws, "SELECT active FROM org_unit WHERE id = ?1", [away]),
        1
    );
}

#[test]
fn a_new_sibling_named_like_an_active_and_a_retired_one_is_told_the_active_exists() {
    let ws = crate::demo::in_memory();
    let (person, team, other) = cast(&ws);
    let name = name_of(&ws, person);
    // Away and back: a retired and an active row of the same name under the same team.
    let away = go(&ws, person, other, "2026-07-01");
    go(&ws, away, team, "2026-10-01");
    assert_eq!(
        q(
            &ws,
            "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND name = ?2",
            params![team, name]
        ),
        2
    );
    let err = edit::add(
        &ws,
        &NewUnit {
            parent_id: team,
            kind: "person".into(),
            name,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "org_name_taken");
}
