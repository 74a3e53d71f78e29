//! The workspace calendar in SQL: the `calendar_day` entries (a holiday or a working day that
//! differs from the plain week, with its names), read by range, written, removed. Which entries
//! are kept and what they mean is in `mod.rs`.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// An entry as stored: date, kind, zh name, en name.
pub(super) type DayRow = (String, String, String, String);

/// The entries between two dates (both included), by date.
pub(super) fn days(conn: &Connection, from: &str, to: &str) -> Result<Vec<DayRow>> {
    conn.rows_of(
        "SELECT date, kind, name_zh, name_en FROM calendar_day
         WHERE date >= ?1 AND date <= ?2 ORDER BY date",
        params![from, to],
    )
}

/// Adds an entry to a calendar that has none for its date (seeding a new workspace).
pub(super) fn insert_day(
    conn: &Connection,
    (date, kind, zh, en): (&str, &str, &str, &str),
) -> Result<()> {
    conn.run(
        "INSERT INTO calendar_day(date, kind, name_zh, name_en) VALUES (?1, ?2, ?3, ?4)",
        params![date, kind, zh, en],
    )?;
    Ok(())
}

/// Sets a date's entry, replacing the one it had.
pub(super) fn put_day(
    conn: &Connection,
    (date, kind, zh, en): (&str, &str, &str, &str),
) -> Result<()> {
    conn.run(
        "INSERT INTO calendar_day(date, kind, name_zh, name_en) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(date) DO UPDATE SET kind = excluded.kind,
             name_zh = excluded.name_zh, name_en = excluded.name_en",
        params![date, kind, zh, en],
    )?;
    Ok(())
}

/// Removes the entries between two dates (both included; one date when they are equal).
pub(super) fn delete_days(conn: &Connection, from: &str, to: &str) -> Result<()> {
    conn.run(
        "DELETE FROM calendar_day WHERE date >= ?1 AND date <= ?2",
        params![from, to],
    )?;
    Ok(())
}
