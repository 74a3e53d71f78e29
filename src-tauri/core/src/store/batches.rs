//! The one place where derived data follows the actual rows of an import batch: every path that
//! commits actuals (imports, the demo) calls `after_commit` inside its transaction, and every path
//! that removes a batch calls `before_remove` before deleting its rows.

use crate::error::Result;
use rusqlite::Connection;

/// Called inside the committing transaction, after the batch's rows are inserted.
pub fn after_commit(conn: &Connection, batch_id: i64) -> Result<()> {
    let _ = (conn, batch_id);
    Ok(())
}

/// Called inside the removing transaction, before the batch's rows are deleted.
pub fn before_remove(conn: &Connection, batch_id: i64) -> Result<()> {
    let _ = (conn, batch_id);
    Ok(())
}
