//! The Gantt table's cell edits: an action's title, owner and progress.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// The first person (by id) with this name, if any.
pub fn first_person_named(conn: &Connection, name: &str) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM org_unit WHERE kind = 'person' AND name = ?1 ORDER BY id LIMIT 1",
        [name],
        |r| r.get(0),
    )
}

pub fn set_action_title(conn: &Connection, id: i64, title: &str) -> Result<()> {
    conn.run(
        "UPDATE action SET title = ?1 WHERE id = ?2",
        params![title, id],
    )?;
    Ok(())
}

/// The owner as a person of the organisation (none: a name only).
pub fn set_action_owner_id(conn: &Connection, id: i64, owner: Option<i64>) -> Result<()> {
    conn.run(
        "UPDATE action SET owner_id = ?1 WHERE id = ?2",
        params![owner, id],
    )?;
    Ok(())
}

pub fn set_action_owner_name(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.run(
        "UPDATE action SET owner_name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    Ok(())
}

pub fn set_action_progress(conn: &Connection, id: i64, progress_bp: i64) -> Result<()> {
    conn.run(
        "UPDATE action SET progress_bp = ?1 WHERE id = ?2",
        params![progress_bp, id],
    )?;
    Ok(())
}
