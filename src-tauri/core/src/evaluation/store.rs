//! The evaluation settings in SQL: one JSON document per key (`evaluation_setting`), read, saved
//! and dropped (so what it overrode applies again). What a document means is in `mod.rs`.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;

/// The JSON stored under `key`, if saved.
pub(super) fn setting_json(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.optional(
        "SELECT json FROM evaluation_setting WHERE key = ?1",
        [key],
        |r| r.get(0),
    )
}

/// Stores `json` under `key`, replacing what was there.
pub(super) fn put_setting_json(conn: &Connection, key: &str, json: &str) -> Result<()> {
    conn.run(
        "INSERT INTO evaluation_setting(key, json) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET json = excluded.json",
        [key, json],
    )?;
    Ok(())
}

/// Drops the setting stored under `key`.
pub(super) fn delete_setting(conn: &Connection, key: &str) -> Result<()> {
    conn.run("DELETE FROM evaluation_setting WHERE key = ?1", [key])?;
    Ok(())
}
