//! Import batches: the list, undo, which removes a batch's rows and every record it created in
//! one transaction (after the derived-data hook), leaving the workspace as it was before the
//! import, and redo, which puts exactly those rows back (undo keeps them aside, see
//! [`super::stash`]). A targets batch whose targets were approved or revised since is never
//! undone: the baseline and the revisions with their reasons would go with it.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoSummary {
    pub batch: i64,
    pub file_name: String,
    pub actuals: u64,
    pub targets: u64,
    pub org_units: u64,
    pub customers: u64,
    pub dimension_members: u64,
}

/// Every batch, newest first.
pub fn list_batches(ws: &Workspace) -> Result<Vec<BatchInfo>> {
    let mut stmt = ws.conn().prepare(
        "SELECT id, kind, file_name, sha256, imported_at, rows_total, inserted, duplicates, skipped, errors, mapping_json,
                CASE WHEN undone_at IS NULL
                     THEN (SELECT IFNULL(SUM(amount), 0) FROM actual a WHERE a.batch_id = b.id)
                     ELSE undone_amount END,
                undone_at
         FROM import_batch b ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
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
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn in_use(file: &str, what_zh: &str, what_en: &str) -> Error {
    Error::new(
        Code::ImportBatchInUse,
        format!("无法撤销导入“{file}”：它创建的{what_zh}已被其他数据使用（例如后来导入的实际数或目标）。请先撤销那些导入。"),
        format!("The import of \"{file}\" cannot be undone: the {what_en} it created are used by other data (such as later imports). Undo those first."),
    )
}

fn no_batch(id: i64) -> Error {
    Error::new(
        Code::ImportNoBatch,
        format!("没有编号为 {id} 的导入批次"),
        format!("There is no import batch {id}"),
    )
}

/// A batch's file name and when it was undone.
fn batch_state(tx: &rusqlite::Connection, id: i64) -> Result<(String, Option<String>)> {
    tx.query_row(
        "SELECT file_name, undone_at FROM import_batch WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| no_batch(id))
}

/// Refuses to undo a batch whose targets were approved or revised since the import.
fn check_targets_untouched(tx: &rusqlite::Connection, id: i64, file: &str) -> Result<()> {
    let touched: i64 = tx.query_row(
        "SELECT COUNT(*) FROM target t WHERE t.batch_id = ?1 AND (
             EXISTS (SELECT 1 FROM target_revision r WHERE r.target_id = t.id)
          OR EXISTS (SELECT 1 FROM target_baseline b WHERE b.target_id = t.id)
          OR EXISTS (SELECT 1 FROM target_set s WHERE s.id = t.target_set_id AND s.status = 'approved'))",
        [id],
        |r| r.get(0),
    )?;
    if touched == 0 {
        return Ok(());
    }
    Err(Error::new(
        Code::ImportBatchTargetsApproved,
        format!("无法撤销导入“{file}”：其中 {touched} 个目标已审批或修订过。撤销会删除审批基线和修订记录（含原因），因此不能撤销；如需更改，请在目标中修订。"),
        format!("The import of \"{file}\" cannot be undone: {touched} of its targets were approved or revised since. Undoing it would delete the approved baseline and the revisions with their reasons; revise the targets instead."),
    ))
}

/// Removes batch `id` (of any kind, the demo's too) and everything it created, keeping the rows
/// aside so [`redo`] can put them back. Refused, with nothing changed, when rows it created are
/// used elsewhere or its targets were approved or revised since.
pub fn undo(ws: &mut Workspace, id: i64) -> Result<UndoSummary> {
    let tx = ws
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (file, undone) = batch_state(&tx, id)?;
    if undone.is_some() {
        return Err(Error::new(
            Code::ImportBatchUndone,
            format!("导入“{file}”已撤销"),
            format!("The import of \"{file}\" is already undone"),
        ));
    }
    check_targets_untouched(&tx, id, &file)?;
    crate::store::batches::before_remove(&tx, id)?;
    tx.execute(
        "UPDATE import_batch SET undone_amount = (SELECT IFNULL(SUM(amount), 0) FROM actual WHERE batch_id = ?1),
                                 undone_at = ?2 WHERE id = ?1",
        params![id, crate::now_stamp()],
    )?;
    for table in super::stash::TABLES {
        super::stash::keep(&tx, id, table)?;
    }
    let actuals = tx.execute("DELETE FROM actual WHERE batch_id = ?1", [id])? as u64;
    let targets = tx.execute("DELETE FROM target WHERE batch_id = ?1", [id])? as u64;
    let customers = tx
        .execute("DELETE FROM customer WHERE batch_id = ?1", [id])
        .map_err(|_| in_use(&file, "客户", "customers"))? as u64;
    let dimension_members = tx
        .execute("DELETE FROM dimension_member WHERE batch_id = ?1", [id])
        .map_err(|_| {
            in_use(
                &file,
                "产品线/客户类型/渠道",
                "product lines, customer types or channels",
            )
        })? as u64;
    // Units go leaves first: people, then teams, regions, the company.
    let mut org_units = 0u64;
    for kind in ["person", "team", "region", "company"] {
        org_units += tx
            .execute(
                "DELETE FROM org_unit WHERE batch_id = ?1 AND kind = ?2",
                params![id, kind],
            )
            .map_err(|_| in_use(&file, "组织/人员", "people or organisation units"))?
            as u64;
    }
    tx.commit()?;
    Ok(UndoSummary {
        batch: id,
        file_name: file,
        actuals,
        targets,
        org_units,
        customers,
        dimension_members,
    })
}

/// Puts an undone batch back exactly as it was (the same rows, ids and values). Refused, with
/// nothing changed, when a later import or edit took their place (the same line, customer or name).
pub fn redo(ws: &mut Workspace, id: i64) -> Result<UndoSummary> {
    let tx = ws
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (file, undone) = batch_state(&tx, id)?;
    if undone.is_none() {
        return Err(Error::new(
            Code::ImportBatchNotUndone,
            format!("导入“{file}”没有被撤销，无需重做"),
            format!("The import of \"{file}\" is not undone; there is nothing to redo"),
        ));
    }
    let conflict = |e: rusqlite::Error| {
        match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::new(
            Code::ImportRedoConflict,
            format!("无法重做导入“{file}”：撤销之后，其中的记录已被再次导入或创建（例如同一笔交易或同名客户）。"),
            format!("The import of \"{file}\" cannot be redone: since it was undone, some of its records were imported or created again (such as the same transaction or a customer of the same name)."),
        ),
        _ => Error::from(e),
    }
    };
    // Restored rows must meet the identity's unique index, even one a large import set aside.
    crate::store::pending_index::build_now(&tx, super::insert::IDENTITY_INDEX)?;
    let mut put = [0u64; 5];
    for (i, table) in super::stash::TABLES.iter().rev().enumerate() {
        put[i] = super::stash::restore(&tx, id, table).map_err(conflict)?;
    }
    // Rows kept by an older version come back with the identity of today's format.
    super::stash::refresh_identities(&tx, id).map_err(conflict)?;
    tx.execute(
        "UPDATE import_batch SET undone_at = NULL, undone_amount = 0 WHERE id = ?1",
        [id],
    )?;
    crate::store::batches::after_commit(&tx, id)?;
    tx.commit()?;
    let [org_units, dimension_members, customers, targets, actuals] = put;
    Ok(UndoSummary {
        batch: id,
        file_name: file,
        actuals,
        targets,
        org_units,
        customers,
        dimension_members,
    })
}
