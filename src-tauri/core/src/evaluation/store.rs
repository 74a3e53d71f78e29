//! The evaluation settings in SQL beyond reading and saving one (in `mod.rs`): dropping one, so
//! what it overrode applies again.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;

/// Drops the setting stored under `key`.
pub(super) fn delete_setting(conn: &Connection, key: &str) -> Result<()> {
    conn.run("DELETE FROM evaluation_setting WHERE key = ?1", [key])?;
    Ok(())
}
