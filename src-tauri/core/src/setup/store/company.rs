//! The organisation's root as the company, and the capacity the assistant splits by.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// The root unit's id, if the organisation has one.
pub(crate) fn root_id(conn: &Connection) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM org_unit WHERE parent_id IS NULL AND kind = 'company' ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )
}

/// A unit's name.
pub(crate) fn unit_name(conn: &Connection, id: i64) -> Result<String> {
    conn.scalar("SELECT name FROM org_unit WHERE id = ?1", [id])
}

pub(in crate::setup) fn rename_root(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET name = ?2 WHERE id = ?1",
        params![id, name],
    )?;
    Ok(())
}

/// Creates the organisation's root, the company; its id.
pub(in crate::setup) fn insert_root(conn: &Connection, name: &str) -> Result<i64> {
    conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, headcount) VALUES (NULL, 'company', ?1, 0)",
        [name],
    )
}

/// Forgets the company's English name (given with an earlier name).
pub(in crate::setup) fn forget_english_name(conn: &Connection) -> Result<()> {
    conn.run("DELETE FROM meta WHERE key = 'company_name_en'", [])?;
    Ok(())
}

/// Σ headcount × capacity per head of the active people, fen a year.
pub(in crate::setup) fn people_capacity(conn: &Connection) -> Result<i64> {
    conn.scalar(
        "SELECT IFNULL(SUM(headcount * IFNULL(capacity_per_head, 0)), 0) FROM org_unit
         WHERE kind = 'person' AND active = 1",
        [],
    )
}

/// Active regions and teams, and active people.
pub(in crate::setup) fn unit_counts(conn: &Connection) -> Result<(i64, i64)> {
    conn.one_of(
        "SELECT COUNT(*) FILTER (WHERE kind IN ('region','team')),
                COUNT(*) FILTER (WHERE kind = 'person')
         FROM org_unit WHERE active = 1",
        [],
    )
}
