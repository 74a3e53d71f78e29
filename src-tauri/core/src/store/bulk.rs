//! A connection set up for one bulk write (an import of many rows), and put back afterwards.

use crate::error::Result;
use rusqlite::Connection;

/// Settings for one bulk transaction, restored when the import ends however it ends.
/// Foreign keys are not re-checked row by row: every id an import writes comes from the lookups
/// loaded inside the same transaction, from rows it created itself, or from a user's mapping that
/// is checked before use. A larger page cache keeps the indexes of a big batch in memory.
pub struct BulkMode<'c> {
    conn: &'c Connection,
    foreign_keys: bool,
    cache_size: i64,
    autocheckpoint: i64,
}

impl<'c> BulkMode<'c> {
    pub fn enter(conn: &'c Connection) -> Result<BulkMode<'c>> {
        let foreign_keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        let cache_size: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let autocheckpoint: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", false)?;
        conn.pragma_update(None, "cache_size", -98_304)?;
        // The log is copied into the file once, after the commit and off the user's path
        // (`Workspace::checkpoint_in_background`), not again and again while rows go in.
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(BulkMode {
            conn,
            foreign_keys,
            cache_size,
            autocheckpoint,
        })
    }
}

impl Drop for BulkMode<'_> {
    fn drop(&mut self) {
        let _ = self
            .conn
            .pragma_update(None, "foreign_keys", self.foreign_keys);
        let _ = self.conn.pragma_update(None, "cache_size", self.cache_size);
        let _ = self
            .conn
            .pragma_update(None, "wal_autocheckpoint", self.autocheckpoint);
    }
}
