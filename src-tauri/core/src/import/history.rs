//! Import batches: the list, undo, which removes a batch's rows and every record it created in
//! one transaction (after the derived-data hook), leaving the workspace as it was before the
//! import, and redo, which puts exactly those rows back (undo keeps them aside, see
//! [`super::stash`]). A targets batch whose targets were approved or revised since is never
//! undone: the baseline and the revisions with their reasons would go with it.

use super::store::batches::{self, Created};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use rusqlite::TransactionBehavior;

pub use super::store::batches::BatchInfo;

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
    batches::list(ws.conn())
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
    batches::state(tx, id)?.ok_or_else(|| no_batch(id))
}

/// Refuses to undo a batch whose targets were approved or revised since the import.
fn check_targets_untouched(tx: &rusqlite::Connection, id: i64, file: &str) -> Result<()> {
    let touched = batches::targets_touched(tx, id)?;
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
    batches::mark_undone(&tx, id)?;
    for table in super::store::stash::TABLES {
        super::store::stash::keep(&tx, id, table)?;
    }
    let actuals = batches::delete_created(&tx, id, Created::Actual)?;
    let targets = batches::delete_created(&tx, id, Created::Target)?;
    let customers = batches::delete_created(&tx, id, Created::Customer)
        .map_err(|_| in_use(&file, "客户", "customers"))?;
    let dimension_members =
        batches::delete_created(&tx, id, Created::DimensionMember).map_err(|_| {
            in_use(
                &file,
                "产品线/客户类型/渠道",
                "product lines, customer types or channels",
            )
        })?;
    // Units go leaves first: people, then teams, regions, the company.
    let mut org_units = 0u64;
    for kind in ["person", "team", "region", "company"] {
        org_units += batches::delete_units(&tx, id, kind)
            .map_err(|_| in_use(&file, "组织/人员", "people or organisation units"))?;
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
    crate::store::pending_index::build_now(&tx, super::store::insert::IDENTITY_INDEX)?;
    let mut put = [0u64; 5];
    for (i, table) in super::store::stash::TABLES.iter().rev().enumerate() {
        put[i] = super::store::stash::restore(&tx, id, table).map_err(conflict)?;
    }
    // Rows kept by an older version come back with the identity of today's format.
    super::store::stash::refresh_identities(&tx, id).map_err(conflict)?;
    batches::mark_redone(&tx, id)?;
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
