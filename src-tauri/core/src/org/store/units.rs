//! Organisation units: read one or all (parents before children), and the edits by hand.

use super::super::Unit;
use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection, Row};

fn unit_row(r: &Row) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        kind: r.get(2)?,
        name: r.get(3)?,
        headcount: r.get(4)?,
        capacity_per_head: r.get(5)?,
        manager: r.get(6)?,
        active: r.get::<_, i64>(7)? != 0,
        valid_from: r.get(8)?,
        valid_to: r.get(9)?,
    })
}

/// Every unit, parents before children, in display order.
pub(in crate::org) fn all(conn: &Connection) -> Result<Vec<Unit>> {
    conn.rows(
        "WITH RECURSIVE walk(id, depth, path) AS (
             SELECT id, 0, printf('%08d', sort) FROM org_unit WHERE parent_id IS NULL
             UNION ALL
             SELECT o.id, w.depth + 1, w.path || '/' || printf('%08d.%08d', o.sort, o.id)
             FROM org_unit o JOIN walk w ON o.parent_id = w.id)
         SELECT o.id, o.parent_id, o.kind, o.name, o.headcount, o.capacity_per_head, o.manager,
                o.active, o.valid_from, o.valid_to
         FROM walk w JOIN org_unit o ON o.id = w.id ORDER BY w.path",
        [],
        unit_row,
    )
}

/// The unit `id`, if it exists.
pub(in crate::org) fn one(conn: &Connection, id: i64) -> Result<Option<Unit>> {
    conn.optional(
        "SELECT id, parent_id, kind, name, headcount, capacity_per_head, manager, active,
                valid_from, valid_to FROM org_unit WHERE id = ?1",
        [id],
        unit_row,
    )
}

/// A unit's parent (None at the root or for an unknown id).
pub(in crate::org) fn parent_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .optional("SELECT parent_id FROM org_unit WHERE id = ?1", [id], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .flatten())
}

/// The unit under `parent` called `name` (not `except`): its id and whether active, the
/// active one first.
pub(in crate::org) fn sibling_named(
    conn: &Connection,
    parent: i64,
    name: &str,
    except: Option<i64>,
) -> Result<Option<(i64, bool)>> {
    conn.optional(
        "SELECT id, active FROM org_unit WHERE parent_id = ?1 AND name = ?2 AND id IS NOT ?3
           ORDER BY active DESC, id DESC LIMIT 1",
        params![parent, name, except],
        |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)),
    )
}

/// A unit to insert (its sort is the next under its parent).
pub(in crate::org) struct UnitRow<'a> {
    pub parent: i64,
    pub kind: &'a str,
    pub name: &'a str,
    pub headcount: i64,
    pub capacity_per_head: Option<i64>,
    pub manager: &'a str,
    pub valid_from: Option<String>,
}

/// Adds a unit last under its parent (a person is their own person key); its id.
pub(in crate::org) fn insert(conn: &Connection, u: &UnitRow) -> Result<i64> {
    let sort: i64 = conn.scalar(
        "SELECT IFNULL(MAX(sort), -1) + 1 FROM org_unit WHERE parent_id = ?1",
        [u.parent],
    )?;
    let id = conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, headcount, capacity_per_head, sort, manager, valid_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            u.parent,
            u.kind,
            u.name,
            u.headcount,
            u.capacity_per_head,
            sort,
            u.manager,
            u.valid_from
        ],
    )?;
    if u.kind == "person" {
        conn.run("UPDATE org_unit SET person_key = ?1 WHERE id = ?1", [id])?;
    }
    Ok(id)
}

pub(in crate::org) fn rename(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET name = ?2 WHERE id = ?1",
        params![id, name],
    )?;
    Ok(())
}

/// Moves a unit last under `parent`.
pub(in crate::org) fn move_under(conn: &Connection, id: i64, parent: i64) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET parent_id = ?2, sort = (SELECT IFNULL(MAX(sort), -1) + 1 FROM org_unit WHERE parent_id = ?2) WHERE id = ?1",
        params![id, parent],
    )?;
    Ok(())
}

/// The active units directly under `id`.
pub(in crate::org) fn active_members(conn: &Connection, id: i64) -> Result<i64> {
    conn.scalar(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND active = 1",
        [id],
    )
}

/// Retires a unit, its membership ending on `day` (ISO).
pub(in crate::org) fn retire(conn: &Connection, id: i64, day: &str) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET active = 0, valid_to = ?2 WHERE id = ?1",
        params![id, day],
    )?;
    Ok(())
}

/// Active, open-ended units under `parent` called `name`, other than `id`.
pub(in crate::org) fn active_namesakes(
    conn: &Connection,
    parent: i64,
    name: &str,
    id: i64,
) -> Result<i64> {
    conn.scalar(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND name = ?2 AND id <> ?3
           AND active = 1 AND valid_to IS NULL",
        params![parent, name, id],
    )
}

pub(in crate::org) fn restore(conn: &Connection, id: i64) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET active = 1, valid_to = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Headcount, capacity per head and manager of a unit.
pub(in crate::org) fn describe(
    conn: &Connection,
    id: i64,
    headcount: i64,
    per_head: Option<i64>,
    manager: &str,
) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET headcount = ?2, capacity_per_head = ?3, manager = ?4 WHERE id = ?1",
        params![id, headcount, per_head, manager],
    )?;
    Ok(())
}
