//! The members of a dimension, as a deep split across it needs them.

use crate::error::Result;
use rusqlite::Connection;

/// (id, name_zh, name_en) of each member of `dim`, in display order.
pub fn dimension_members(conn: &Connection, dim: &str) -> Result<Vec<(i64, String, String)>> {
    let mut st = conn.prepare(
        "SELECT id, name_zh, name_en FROM dimension_member WHERE dim = ?1 ORDER BY sort, id",
    )?;
    let rows = st.query_map([dim], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
