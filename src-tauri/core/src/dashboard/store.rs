//! The dashboard's own reads of the workspace (the figures come from the variance engine).

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;

/// Deals created by `people` between `from` and `to` (ISO days), and how many of them are won.
pub(crate) fn deals_created_won(
    conn: &Connection,
    people: &[i64],
    from: &str,
    to: &str,
) -> Result<(i64, i64)> {
    if people.is_empty() {
        return Ok((0, 0));
    }
    let ids = serde_json::to_string(people).unwrap_or_else(|_| "[]".into());
    conn.one_of(
        "SELECT COUNT(*), IFNULL(SUM(status = 'won'), 0) FROM deal
         WHERE created_on BETWEEN ?1 AND ?2 AND owner_id IN (SELECT value FROM json_each(?3))",
        rusqlite::params![from, to, ids],
    )
}
