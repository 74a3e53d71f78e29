//! What a split reads of the organisation and the dimensions: each unit's capacity, its active
//! members', and a dimension member's code.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;

/// (headcount, capacity per head) of unit `id` (None: no such unit).
pub(crate) fn own_capacity(conn: &Connection, id: i64) -> Result<Option<(i64, Option<i64>)>> {
    conn.optional_of(
        "SELECT headcount, capacity_per_head FROM org_unit WHERE id = ?1",
        [id],
    )
}

/// (id, headcount, capacity per head) of the active members of unit `id`.
pub(crate) fn active_members(conn: &Connection, id: i64) -> Result<Vec<(i64, i64, Option<i64>)>> {
    conn.rows_of(
        "SELECT id, headcount, capacity_per_head FROM org_unit WHERE parent_id = ?1 AND active = 1",
        [id],
    )
}

/// (dimension, code) of member `member_id` (None: no such member).
pub(crate) fn member_code(conn: &Connection, member_id: i64) -> Result<Option<(String, String)>> {
    conn.optional_of(
        "SELECT dim, code FROM dimension_member WHERE id = ?1",
        [member_id],
    )
}
