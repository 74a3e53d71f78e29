//! Import batches: the list, and undo, which removes a batch and every row it created in one
//! transaction (after the derived-data hook), leaving the workspace as it was before the import.

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
        "SELECT id, kind, file_name, sha256, imported_at, rows_total, inserted, duplicates, skipped, errors, mapping_json
         FROM import_batch ORDER BY id DESC",
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
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn in_use(file: &str, what_zh: &str, what_en: &str) -> Error {
    Error::new(
        "import_batch_in_use",
        format!("无法撤销导入“{file}”：它创建的{what_zh}已被其他数据使用（例如后来导入的实际数或目标）。请先撤销那些导入。"),
        format!("The import of \"{file}\" cannot be undone: the {what_en} it created are used by other data (such as later imports). Undo those first."),
    )
}

/// Removes batch `id` (of any kind, the demo's too) and everything it created. Refused, with
/// nothing changed, when rows it created are used elsewhere.
pub fn undo(ws: &mut Workspace, id: i64) -> Result<UndoSummary> {
    let tx = ws
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: Option<String> = tx
        .query_row(
            "SELECT file_name FROM import_batch WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(file) = found else {
        return Err(Error::new(
            "import_no_batch",
            format!("没有编号为 {id} 的导入批次"),
            format!("There is no import batch {id}"),
        ));
    };
    crate::store::batches::before_remove(&tx, id)?;
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
    tx.execute("DELETE FROM import_batch WHERE id = ?1", [id])?;
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
