//! The organisation edited by hand: units added, renamed, moved, retired and given headcount,
//! capacity and a manager (`edit`), and people who join, leave or transfer on a date
//! (`transfer`). Membership has dates: a transfer ends the person's row and starts a new one
//! under the new unit, so every actual stays with the unit it was earned in.

pub mod edit;
pub mod transfer;
mod transfer_targets;
pub mod transfer_undo;

pub use transfer_targets::{Follow, YearChange};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod undo_tests;

use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// One unit as the organisation editor shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub headcount: i64,
    /// Fen per head per fiscal year.
    pub capacity_per_head: Option<i64>,
    pub manager: String,
    pub active: bool,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
}

/// Every unit, parents before children, in display order.
pub fn units(conn: &Connection) -> Result<Vec<Unit>> {
    let mut st = conn.prepare(
        "WITH RECURSIVE walk(id, depth, path) AS (
             SELECT id, 0, printf('%08d', sort) FROM org_unit WHERE parent_id IS NULL
             UNION ALL
             SELECT o.id, w.depth + 1, w.path || '/' || printf('%08d.%08d', o.sort, o.id)
             FROM org_unit o JOIN walk w ON o.parent_id = w.id)
         SELECT o.id, o.parent_id, o.kind, o.name, o.headcount, o.capacity_per_head, o.manager,
                o.active, o.valid_from, o.valid_to
         FROM walk w JOIN org_unit o ON o.id = w.id ORDER BY w.path",
    )?;
    let rows = st.query_map([], |r| {
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
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn unit(conn: &Connection, id: i64) -> Result<Unit> {
    units_where(conn, id)?.ok_or_else(|| {
        Error::new(
            Code::OrgUnitMissing,
            format!("找不到组织单元 {id}"),
            format!("No organisation unit {id}"),
        )
    })
}

fn units_where(conn: &Connection, id: i64) -> Result<Option<Unit>> {
    Ok(conn
        .query_row(
            "SELECT id, parent_id, kind, name, headcount, capacity_per_head, manager, active,
                    valid_from, valid_to FROM org_unit WHERE id = ?1",
            [id],
            |r| {
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
            },
        )
        .optional()?)
}

/// The ids from `id` up to the root, `id` first.
pub(crate) fn ancestry(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut out = vec![id];
    let mut cur = id;
    while let Some(p) = conn
        .query_row("SELECT parent_id FROM org_unit WHERE id = ?1", [cur], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten()
    {
        if out.contains(&p) {
            break;
        }
        out.push(p);
        cur = p;
    }
    Ok(out)
}

pub(crate) fn parse_date(text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::new(
            Code::OrgBadDate,
            format!("日期“{text}”无效：应形如 2026-07-01"),
            format!("Invalid date \"{text}\": expected e.g. 2026-07-01"),
        )
    })
}
