//! The commitment batches' store. Each imported commitment sheet is a stored batch, like the
//! other imports: it is kept in the workspace (so it can be undone and redone after the
//! workspace was closed and opened again),
//! with the commitments it changed, before and after. Undo puts the befores back, redo the
//! afters, each as one step. Where a batch stands is read from the commitments themselves (so the
//! grid's own Ctrl+Z of the import counts as undone). Refused, with nothing written, when the
//! plan was approved or its targets revised since the batch was imported (or last undone or
//! redone), or when the batch's commitments were changed since by other means.
//!
//! A batch is one JSON document in the workspace's `meta` table under `commitments.batch.<id>`
//! (no schema change needed).

use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::{atomic, Workspace};
use crate::targets::tree::ops::{self, CellRef, PlanSel};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const PREFIX: &str = "commitments.batch.";

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    id: i64,
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
    cells: Vec<BatchCell>,
}

/// A commitment import as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitmentBatch {
    pub id: i64,
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

fn key(id: i64) -> String {
    format!("{PREFIX}{id}")
}

fn approved_at(conn: &Connection, year: i32) -> Result<Option<String>> {
    let at: Option<Option<String>> = conn
        .query_row(
            "SELECT approved_at FROM target_set WHERE fiscal_year = ?1 AND status = 'approved'
             ORDER BY id LIMIT 1",
            [year],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.flatten())
}

/// The newest revision of the plan's targets (0 when none).
fn last_revision(conn: &Connection, year: i32, metric: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT IFNULL(MAX(r.id), 0) FROM target_revision r
           JOIN target t ON t.id = r.target_id
           JOIN target_set s ON s.id = t.target_set_id
           JOIN metric m ON m.id = t.metric_id
          WHERE s.fiscal_year = ?1 AND m.code = ?2",
        params![year, metric],
        |r| r.get(0),
    )?)
}

fn read(conn: &Connection, id: i64) -> Result<Stored> {
    let json: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key(id)], |r| {
            r.get(0)
        })
        .optional()?;
    json.and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(|| {
            Error::new(
                Code::CommitmentsBatchNotFound,
                format!("找不到编号为 {id} 的承诺表导入记录"),
                format!("No commitment sheet import numbered {id}"),
            )
        })
}

fn write(conn: &Connection, b: &Stored) -> Result<()> {
    // A batch is plain data (numbers and strings): serialising it cannot fail.
    let json = serde_json::to_string(b).map_err(|_| {
        Error::new(
            Code::CommitmentsBatchWrite,
            "承诺表导入记录无法保存",
            "The commitment import record could not be saved",
        )
    })?;
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key(b.id), json],
    )?;
    Ok(())
}

fn all(conn: &Connection) -> Result<Vec<Stored>> {
    let mut st = conn.prepare("SELECT value FROM meta WHERE key LIKE ?1")?;
    let rows = st.query_map([format!("{PREFIX}%")], |r| r.get::<_, String>(0))?;
    let mut out: Vec<Stored> = rows
        .filter_map(|j| j.ok())
        .filter_map(|j| serde_json::from_str(&j).ok())
        .collect();
    out.sort_by_key(|b| b.id);
    Ok(out)
}

/// What the import that stores a batch knows about it.
pub(crate) struct NewBatch<'a> {
    pub file: &'a str,
    pub unit_id: i64,
    pub unit_path: &'a str,
    pub year: i32,
    pub metric: &'a str,
    pub cells: Vec<BatchCell>,
}

/// Stores a new batch (in the import's transaction); returns its id.
pub(crate) fn record(conn: &Connection, new: NewBatch) -> Result<i64> {
    let id = all(conn)?.last().map_or(1, |b| b.id + 1);
    write(
        conn,
        &Stored {
            id,
            file: new.file.to_string(),
            unit_id: new.unit_id,
            unit_path: new.unit_path.to_string(),
            approved_at: approved_at(conn, new.year)?,
            last_revision: last_revision(conn, new.year, new.metric)?,
            year: new.year,
            metric: new.metric.to_string(),
            imported_at: crate::now_stamp(),
            undone_at: None,
            cells: new.cells,
        },
    )?;
    Ok(id)
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
}

impl CommitmentBatch {
    fn of(b: Stored, state: BatchState) -> Self {
        CommitmentBatch {
            id: b.id,
            cells: b.cells.len(),
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

/// The commitment stored at `cell` of the plan (None: none, or no such cell).
fn current(conn: &Connection, b: &Stored, cell: &CellRef) -> Result<Option<i64>> {
    let v: Option<Option<i64>> = conn
        .query_row(
            "SELECT t.commitment FROM target t
               JOIN target_set s ON s.id = t.target_set_id
               JOIN metric m ON m.id = t.metric_id
              WHERE s.fiscal_year = ?1 AND m.code = ?2 AND t.org_unit_id = ?3
                AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) AND t.period = ?5",
            params![
                b.year,
                b.metric,
                cell.unit_id,
                cell.dimension_id,
                cell.period
            ],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.flatten())
}

fn state(conn: &Connection, b: &Stored) -> Result<BatchState> {
    let (mut applied, mut undone) = (true, true);
    for c in &b.cells {
        let now = current(conn, b, &c.cell)?;
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
    let f = &b.file;
    let approved = approved_at(conn, b.year)?;
    if approved != b.approved_at {
        return Err(Error::new(
            Code::CommitmentsBatchApprovedSince,
            format!("导入“{f}”之后目标方案已审批，不能再撤销或重做这次导入；请在目标表中直接修改承诺"),
            format!("The target plan was approved after \"{f}\" was imported, so this import can no longer be undone or redone; change the commitments in the grid instead"),
        ));
    }
    let revision = last_revision(conn, b.year, &b.metric)?;
    if revision != b.last_revision {
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
        (BatchState::Changed, _) => {
            return Err(Error::new(
                Code::CommitmentsBatchChanged,
                format!("导入“{f}”之后这些承诺已被其他方式修改过，不能撤销或重做这次导入"),
                format!("These commitments were changed by other means after \"{f}\" was imported; the import cannot be undone or redone"),
            ))
        }
    }
    let changes: Vec<(CellRef, Option<i64>)> = b
        .cells
        .iter()
        .map(|c| (c.cell.clone(), if undo { c.before } else { c.after }))
        .collect();
    let plan = PlanSel {
        year: Some(b.year),
        metric: Some(b.metric.clone()),
    };
    let label = if undo {
        "commitments-undo"
    } else {
        "commitments-redo"
    };
    let step = atomic(conn, || {
        let step = ops::set_commitments(ws, &plan, &changes, label)?.step;
        b.undone_at = undo.then(crate::now_stamp);
        write(conn, &b)?;
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
