//! The statements of undo and redo: the batch list, a batch's state, removing the rows a batch
//! created (units leaves first) and marking it undone or in effect again. The rules (what is
//! refused, in which order) are in [`crate::import::history`]; the rows set aside for redo are
//! in [`super::stash`].

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchInfo {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub imported_at: String,
    pub rows_total: i64,
    pub inserted: i64,
    pub duplicates: i64,
    pub skipped: i64,
    pub errors: i64,
    pub mapping_json: String,
    /// Σ of the batch's actual amounts (fen), kept while it is undone.
    pub amount: i64,
    /// When it was undone (it can be redone); None while it is in effect.
    pub undone_at: Option<String>,
}

/// Every batch, newest first.
pub fn list(conn: &Connection) -> Result<Vec<BatchInfo>> {
    conn.rows(
        "SELECT id, kind, file_name, sha256, imported_at, rows_total, inserted, duplicates, skipped, errors, mapping_json,
                CASE WHEN undone_at IS NULL
                     THEN (SELECT IFNULL(SUM(amount), 0) FROM actual a WHERE a.batch_id = b.id)
                     ELSE undone_amount END,
                undone_at
         FROM import_batch b ORDER BY id DESC",
        [],
        |r| {
            Ok(BatchInfo {
                id: r.get(0)?,
                kind: r.get(1)?,
                file_name: r.get(2)?,
                sha256: r.get(3)?,
                imported_at: r.get(4)?,
                rows_total: r.get(5)?,
                inserted: r.get(6)?,
                duplicates: r.get(7)?,
                skipped: r.get(8)?,
                errors: r.get(9)?,
                mapping_json: r.get(10)?,
                amount: r.get(11)?,
                undone_at: r.get(12)?,
            })
        },
    )
}

/// A batch's file name and when it was undone; None when there is no such batch.
pub fn state(conn: &Connection, id: i64) -> Result<Option<(String, Option<String>)>> {
    conn.optional_of(
        "SELECT file_name, undone_at FROM import_batch WHERE id = ?1",
        [id],
    )
}

/// How many of the batch's targets were approved or revised since the import.
pub fn targets_touched(conn: &Connection, id: i64) -> Result<i64> {
    conn.scalar(
        "SELECT COUNT(*) FROM target t WHERE t.batch_id = ?1 AND (
             EXISTS (SELECT 1 FROM target_revision r WHERE r.target_id = t.id)
          OR EXISTS (SELECT 1 FROM target_baseline b WHERE b.target_id = t.id)
          OR EXISTS (SELECT 1 FROM target_set s WHERE s.id = t.target_set_id AND s.status = 'approved'))",
        [id],
    )
}

/// Marks the batch undone now, keeping the Σ of its actual amounts for the list.
pub fn mark_undone(conn: &Connection, id: i64) -> Result<()> {
    conn.run(
        "UPDATE import_batch SET undone_amount = (SELECT IFNULL(SUM(amount), 0) FROM actual WHERE batch_id = ?1),
                                 undone_at = ?2 WHERE id = ?1",
        params![id, crate::now_stamp()],
    )?;
    Ok(())
}

/// Marks an undone batch in effect again.
pub fn mark_redone(conn: &Connection, id: i64) -> Result<()> {
    conn.run(
        "UPDATE import_batch SET undone_at = NULL, undone_amount = 0 WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// The tables whose rows a batch created, other than units (see [`delete_units`]).
#[derive(Debug, Clone, Copy)]
pub enum Created {
    Actual,
    Target,
    Customer,
    DimensionMember,
}

/// Deletes the batch's rows of one table; how many. Fails when other rows use them.
pub fn delete_created(conn: &Connection, id: i64, table: Created) -> Result<u64> {
    let sql = match table {
        Created::Actual => "DELETE FROM actual WHERE batch_id = ?1",
        Created::Target => "DELETE FROM target WHERE batch_id = ?1",
        Created::Customer => "DELETE FROM customer WHERE batch_id = ?1",
        Created::DimensionMember => "DELETE FROM dimension_member WHERE batch_id = ?1",
    };
    Ok(conn.run(sql, [id])? as u64)
}

/// Deletes the batch's units of one kind; how many. Fails when other rows use them.
pub fn delete_units(conn: &Connection, id: i64, kind: &str) -> Result<u64> {
    Ok(conn.run(
        "DELETE FROM org_unit WHERE batch_id = ?1 AND kind = ?2",
        params![id, kind],
    )? as u64)
}
