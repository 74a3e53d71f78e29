//! The commitment batches' store. Each imported commitment sheet is a stored batch, like the
//! other imports: it is kept in the workspace (so it can be undone and redone after the
//! workspace was closed and opened again),
//! with the commitments it changed, before and after. Undo puts the befores back, redo the
//! afters, each as one step. Where a batch stands is read from the commitments themselves (so the
//! grid's own Ctrl+Z of the import counts as undone). Refused, with nothing written, when the
//! plan was approved or its targets revised since the batch was imported (or last undone or
//! redone), or when the batch's commitments were changed since by other means.
//!
//! A batch is one row of `commitment_batch` (migration 20), under the plan it was imported into;
//! ids are never given twice. A row whose cells cannot be read is listed as damaged and refused
//! by name.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::query::ConnExt;
use crate::store::{atomic, Workspace};
use crate::targets::tree::ops::{self, CellRef, PlanSel};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

/// One commitment a batch changed: its cell, before and after (fen; None: no commitment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCell {
    #[serde(flatten)]
    pub cell: CellRef,
    pub before: Option<i64>,
    pub after: Option<i64>,
}

/// A stored batch, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    id: i64,
    /// The plan it was imported into (None: a record that could not be read when it moved here).
    set_id: Option<i64>,
    file: String,
    unit_id: i64,
    unit_path: String,
    year: i32,
    metric: String,
    imported_at: String,
    undone_at: Option<String>,
    /// The plan's approval when the batch was imported, undone or redone (None: a draft).
    approved_at: Option<String>,
    /// The newest revision of the plan's targets then.
    last_revision: i64,
    /// None: the stored cells cannot be read (the batch is damaged).
    cells: Option<Vec<BatchCell>>,
}

/// A commitment import as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentBatch {
    pub id: i64,
    /// The target plan it was imported into (None when damaged).
    pub target_set_id: Option<i64>,
    pub file: String,
    pub unit_id: i64,
    pub unit_path: String,
    pub year: i32,
    pub metric: String,
    pub imported_at: String,
    pub undone_at: Option<String>,
    /// Commitments the batch changed.
    pub cells: usize,
    pub state: BatchState,
}

/// What undoing or redoing a batch did: the batch now, and the step of the session's undo
/// history it made (so the grid's Ctrl+Z can take it back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoneBatch {
    pub batch: CommitmentBatch,
    pub step: Option<i64>,
}

/// The plan's approval (None: a draft, or no such plan).
fn approved_at(conn: &Connection, set: i64) -> Result<Option<String>> {
    Ok(conn
        .optional(
            "SELECT approved_at FROM target_set WHERE id = ?1 AND status = 'approved'",
            [set],
            |r| r.get::<_, Option<String>>(0),
        )?
        .flatten())
}

/// The newest revision of the plan's targets of `metric` (0 when none).
fn last_revision(conn: &Connection, set: i64, metric: &str) -> Result<i64> {
    conn.scalar(
        "SELECT IFNULL(MAX(r.id), 0) FROM target_revision r
           JOIN target t ON t.id = r.target_id
           JOIN metric m ON m.id = t.metric_id
          WHERE t.target_set_id = ?1 AND m.code = ?2",
        params![set, metric],
    )
}

const COLUMNS: &str =
    "b.id, b.target_set_id, b.file, b.unit_id, b.unit_path, IFNULL(s.fiscal_year, 0),
    b.metric, b.imported_at, b.undone_at, b.approved_at, b.last_revision, b.cells_json
    FROM commitment_batch b LEFT JOIN target_set s ON s.id = b.target_set_id";

fn stored(r: &Row) -> rusqlite::Result<Stored> {
    let set_id: Option<i64> = r.get(1)?;
    let json: String = r.get(11)?;
    Ok(Stored {
        id: r.get(0)?,
        set_id,
        file: r.get(2)?,
        unit_id: r.get(3)?,
        unit_path: r.get(4)?,
        year: r.get(5)?,
        metric: r.get(6)?,
        imported_at: r.get(7)?,
        undone_at: r.get(8)?,
        approved_at: r.get(9)?,
        last_revision: r.get(10)?,
        cells: set_id.and_then(|_| serde_json::from_str(&json).ok()),
    })
}

fn read(conn: &Connection, id: i64) -> Result<Stored> {
    conn.optional(&format!("SELECT {COLUMNS} WHERE b.id = ?1"), [id], stored)?
        .ok_or_else(|| {
            Error::new(
                Code::CommitmentsBatchNotFound,
                format!("找不到编号为 {id} 的承诺表导入记录"),
                format!("No commitment sheet import numbered {id}"),
            )
        })
}

fn damaged(b: &Stored) -> Error {
    Error::new(
        Code::CommitmentsBatchDamaged,
        format!(
            "承诺表导入记录 {}（“{}”）已损坏，无法读取它改动了哪些承诺，不能撤销或重做；请在目标表中直接修改承诺",
            b.id, b.file
        ),
        format!(
            "The commitment import record {} (\"{}\") is damaged: which commitments it changed cannot be read, so it cannot be undone or redone; change the commitments in the grid instead",
            b.id, b.file
        ),
    )
}

fn cells_json(cells: &[BatchCell]) -> Result<String> {
    // Cells are plain data (numbers and strings): serialising them cannot fail.
    serde_json::to_string(cells).map_err(|_| {
        Error::new(
            Code::CommitmentsBatchWrite,
            "承诺表导入记录无法保存",
            "The commitment import record could not be saved",
        )
    })
}

fn all(conn: &Connection) -> Result<Vec<Stored>> {
    conn.rows(&format!("SELECT {COLUMNS} ORDER BY b.id"), [], stored)
}

/// What the import that stores a batch knows about it.
pub(crate) struct NewBatch<'a> {
    pub file: &'a str,
    /// The plan the sheet was imported into.
    pub set_id: i64,
    pub unit_id: i64,
    pub unit_path: &'a str,
    pub metric: &'a str,
    pub cells: Vec<BatchCell>,
}

/// Stores a new batch (in the import's transaction); returns its id, never one given before.
pub(crate) fn record(conn: &Connection, new: NewBatch) -> Result<i64> {
    conn.insert(
        "INSERT INTO commitment_batch(target_set_id, metric, file, unit_id, unit_path, imported_at,
                                      approved_at, last_revision, cells_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            new.set_id,
            new.metric,
            new.file,
            new.unit_id,
            new.unit_path,
            crate::now_stamp(),
            approved_at(conn, new.set_id)?,
            last_revision(conn, new.set_id, new.metric)?,
            cells_json(&new.cells)?
        ],
    )
}

/// Records when the batch was undone (None: applied again).
fn write_undone(conn: &Connection, id: i64, undone_at: Option<&str>) -> Result<()> {
    conn.run(
        "UPDATE commitment_batch SET undone_at = ?2 WHERE id = ?1",
        params![id, undone_at],
    )?;
    Ok(())
}

/// Where a batch's commitments stand now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BatchState {
    /// Every commitment is what the import wrote.
    Applied,
    /// Every commitment is back to what it was before the import.
    Undone,
    /// Some were changed by other means since: neither undo nor redo applies.
    Changed,
    /// The record cannot be read: neither undo nor redo applies.
    Damaged,
}

impl CommitmentBatch {
    fn of(b: Stored, state: BatchState) -> Self {
        CommitmentBatch {
            id: b.id,
            target_set_id: b.set_id,
            cells: b.cells.as_ref().map_or(0, Vec::len),
            file: b.file,
            unit_id: b.unit_id,
            unit_path: b.unit_path,
            year: b.year,
            metric: b.metric,
            imported_at: b.imported_at,
            undone_at: b.undone_at,
            state,
        }
    }
}

/// Every commitment import of the workspace, oldest first, with where its commitments stand.
pub fn list(ws: &Workspace) -> Result<Vec<CommitmentBatch>> {
    let conn = ws.conn();
    all(conn)?
        .into_iter()
        .map(|b| {
            let state = state(conn, &b)?;
            Ok(CommitmentBatch::of(b, state))
        })
        .collect()
}

/// The commitment stored at `cell` of plan `set` (None: none, or no such cell).
fn current(conn: &Connection, set: i64, metric: &str, cell: &CellRef) -> Result<Option<i64>> {
    Ok(conn
        .optional(
            "SELECT t.commitment FROM target t JOIN metric m ON m.id = t.metric_id
              WHERE t.target_set_id = ?1 AND m.code = ?2 AND t.org_unit_id = ?3
                AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) AND t.period = ?5",
            params![set, metric, cell.unit_id, cell.dimension_id, cell.period],
            |r| r.get::<_, Option<i64>>(0),
        )?
        .flatten())
}

fn state(conn: &Connection, b: &Stored) -> Result<BatchState> {
    let (Some(set), Some(cells)) = (b.set_id, &b.cells) else {
        return Ok(BatchState::Damaged);
    };
    let (mut applied, mut undone) = (true, true);
    for c in cells {
        let now = current(conn, set, &b.metric, &c.cell)?;
        applied &= now == c.after;
        undone &= now == c.before;
    }
    Ok(match (applied, undone) {
        (true, _) => BatchState::Applied,
        (false, true) => BatchState::Undone,
        _ => BatchState::Changed,
    })
}

/// Undoes batch `id` (`undo`) or redoes it; see the module's notes.
pub fn undo_redo(ws: &Workspace, id: i64, undo: bool) -> Result<UndoneBatch> {
    let conn = ws.conn();
    let mut b = read(conn, id)?;
    let (Some(set), Some(cells)) = (b.set_id, b.cells.clone()) else {
        return Err(damaged(&b));
    };
    let f = &b.file;
    let plan = PlanSel {
        year: Some(b.year),
        metric: Some(b.metric.clone()),
    };
    if ops::load(ws, &plan)?.set_id != set {
        return Err(Error::new(
            Code::CommitmentsBatchOtherPlan,
            format!("“{f}”导入的是 {} 财年较早的目标方案，它已不是当前方案，不能再撤销或重做这次导入", b.year),
            format!("\"{f}\" was imported into an earlier target plan of fiscal {}, which is no longer the current plan, so this import can no longer be undone or redone", b.year),
        ));
    }
    if approved_at(conn, set)? != b.approved_at {
        return Err(Error::new(
            Code::CommitmentsBatchApprovedSince,
            format!("导入“{f}”之后目标方案已审批，不能再撤销或重做这次导入；请在目标表中直接修改承诺"),
            format!("The target plan was approved after \"{f}\" was imported, so this import can no longer be undone or redone; change the commitments in the grid instead"),
        ));
    }
    if last_revision(conn, set, &b.metric)? != b.last_revision {
        return Err(Error::new(
            Code::CommitmentsBatchRevisedSince,
            format!("导入“{f}”之后目标已被修订，不能再撤销或重做这次导入；请在目标表中直接修改承诺"),
            format!("The targets were revised after \"{f}\" was imported, so this import can no longer be undone or redone; change the commitments in the grid instead"),
        ));
    }
    match (state(conn, &b)?, undo) {
        (BatchState::Applied, true) | (BatchState::Undone, false) => {}
        (BatchState::Undone, true) => {
            return Err(Error::new(
                Code::CommitmentsBatchUndone,
                format!("“{f}”的导入已经撤销过了"),
                format!("The import of \"{f}\" is already undone"),
            ))
        }
        (BatchState::Applied, false) => {
            return Err(Error::new(
                Code::CommitmentsBatchNotUndone,
                format!("“{f}”的导入没有撤销，无需重做"),
                format!("The import of \"{f}\" is not undone, so there is nothing to redo"),
            ))
        }
        (BatchState::Changed | BatchState::Damaged, _) => {
            return Err(Error::new(
                Code::CommitmentsBatchChanged,
                format!("导入“{f}”之后这些承诺已被其他方式修改过，不能撤销或重做这次导入"),
                format!("These commitments were changed by other means after \"{f}\" was imported; the import cannot be undone or redone"),
            ))
        }
    }
    let changes: Vec<(CellRef, Option<i64>)> = cells
        .iter()
        .map(|c| (c.cell.clone(), if undo { c.before } else { c.after }))
        .collect();
    let label = if undo {
        "commitments-undo"
    } else {
        "commitments-redo"
    };
    let step = atomic(conn, || {
        let step = ops::set_commitments(ws, &plan, &changes, label)?.step;
        b.undone_at = undo.then(crate::now_stamp);
        write_undone(conn, b.id, b.undone_at.as_deref())?;
        Ok(step)
    })?;
    let state = if undo {
        BatchState::Undone
    } else {
        BatchState::Applied
    };
    Ok(UndoneBatch {
        batch: CommitmentBatch::of(b, state),
        step,
    })
}

/// The workspace setting `key` (None: not set).
pub(crate) fn meta_value(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.optional("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
}

/// Sets the workspace setting `key` for the first time.
pub(crate) fn insert_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.run("INSERT INTO meta(key, value) VALUES (?1, ?2)", [key, value])?;
    Ok(())
}
