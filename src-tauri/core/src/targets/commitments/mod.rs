//! Commitments from team leads, by spreadsheet round trip (自下而上). A unit's sheet lists the
//! unit and its sub-units, each month, quarter and year with its top-down target and an empty
//! commitment cell to type (everything else protected); the team lead fills it and sends it back.
//! Importing a filled sheet stores the commitments on the target cells — the bottom-up figures
//! the gap and reconcile read — as one step of the target tree's undo history and as a stored
//! batch that can be undone and redone after the workspace is reopened (`store`). A sheet for
//! another workspace, plan or unit, or whose target column was changed, is refused with nothing
//! written.

mod import;
mod layout;
mod sheet_read;
mod sheet_write;
mod store;

pub use import::{import_file, FileOutcome, RowError};
pub use store::{
    list as batches, undo_redo as undo_redo_batch, BatchCell, BatchState, CommitmentBatch,
    UndoneBatch,
};

use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::targets::tree::ops::{self, PlanSel};
use crate::targets::tree::Tree;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub(crate) const MAIN_SHEET: &str = "承诺 Commitments";
pub(crate) const ID_SHEET: &str = "targetline";
pub(crate) const MARKER: &str = "targetline-commitments";
/// The first line's row (0-based): title, two lines of instructions, a gap, the header.
pub(crate) const FIRST_LINE_ROW: u32 = 5;
/// The commitment column (D).
pub(crate) const COMMIT_COL: u16 = 3;
/// Where the hidden sheet's line map starts.
pub(crate) const ID_LINES_ROW: u32 = 12;

/// Who a sheet is for, as its hidden sheet holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetId {
    pub workspace: String,
    pub plan: i64,
    pub metric: String,
    pub unit: i64,
    pub path: String,
    pub year: i32,
    /// sha256 of every line's unit, period and target.
    pub checksum: String,
}

/// One written sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub path: String,
    pub unit_id: i64,
    pub unit_path: String,
    /// The unit's year target (base), fen.
    pub target: Option<i64>,
    /// How many lines a team lead types.
    pub cells: usize,
}

const WORKSPACE_KEY: &str = "workspace_id";

/// The workspace's identity (created once, at the first export).
pub(crate) fn workspace_id(conn: &Connection, create: bool) -> Result<Option<String>> {
    let id = store::meta_value(conn, WORKSPACE_KEY)?;
    if id.is_some() || !create {
        return Ok(id);
    }
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.write_u32(std::process::id());
    let seed = format!("{:016x}{}", h.finish(), crate::now_stamp());
    let id = hex(&Sha256::digest(seed.as_bytes()))[..32].to_string();
    store::insert_meta(conn, WORKSPACE_KEY, &id)?;
    Ok(Some(id))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The checksum of a target column: every line's unit, period and target (fen, or empty).
pub(crate) fn checksum<'a>(lines: impl Iterator<Item = (i64, &'a str, Option<i64>)>) -> String {
    let mut h = Sha256::new();
    for (unit, period, target) in lines {
        let t = target.map(|v| v.to_string()).unwrap_or_default();
        h.update(format!("{unit}|{period}|{t}\n").as_bytes());
    }
    hex(&h.finalize())
}

pub(crate) fn no_unit(path: &str) -> Error {
    Error::new(
        Code::NodeNotFound,
        format!("找不到组织节点“{path}”"),
        format!("No unit at \"{path}\""),
    )
}

/// A file name from a unit's path: `承诺表-commitments_2026_华东_华东一组.xlsx`.
fn file_name(tree: &Tree, unit: i64) -> String {
    let path = tree.unit_path(unit);
    let name = if path == "/" {
        tree.unit_name(unit).to_string()
    } else {
        path.trim_matches('/').replace('/', "_")
    };
    let safe: String = name
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!("承诺表-commitments_{}_{}.xlsx", tree.fiscal_year, safe)
}

/// The units below `unit` at every depth, depth first (active ones).
fn below(tree: &Tree, unit: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut stack = tree.active_kids(unit);
    stack.reverse();
    while let Some(u) = stack.pop() {
        out.push(u);
        let mut kids = tree.active_kids(u);
        kids.reverse();
        stack.extend(kids);
    }
    out
}

/// Writes the commitment sheet of the unit at `path` into `dir` (with `all`, one more sheet for
/// every unit below it); returns the files written.
pub fn export(
    ws: &Workspace,
    plan: &PlanSel,
    path: &str,
    dir: &Path,
    all: bool,
) -> Result<Vec<ExportedFile>> {
    let tree = ops::load(ws, plan)?;
    let unit = tree.unit_by_path(path).ok_or_else(|| no_unit(path))?;
    write_sheets(ws, plan, &tree, unit, dir, all)
}

/// [`export`] for the unit with id `unit` (the grid's selected row).
pub fn export_unit(
    ws: &Workspace,
    plan: &PlanSel,
    unit: i64,
    dir: &Path,
    all: bool,
) -> Result<Vec<ExportedFile>> {
    let tree = ops::load(ws, plan)?;
    if tree.unit_name(unit).is_empty() {
        return Err(no_unit(&unit.to_string()));
    }
    write_sheets(ws, plan, &tree, unit, dir, all)
}

fn write_sheets(
    ws: &Workspace,
    plan: &PlanSel,
    tree: &Tree,
    unit: i64,
    dir: &Path,
    all: bool,
) -> Result<Vec<ExportedFile>> {
    let mut units = vec![unit];
    if all {
        units.extend(below(tree, unit));
    }
    let workspace = workspace_id(ws.conn(), true)?.unwrap_or_default();
    let metric = plan.metric.clone().unwrap_or_else(|| "revenue".into());
    let mut out = Vec::new();
    for u in units {
        let lines = layout::lines(tree, u);
        let id = SheetId {
            workspace: workspace.clone(),
            plan: tree.set_id,
            metric: metric.clone(),
            unit: u,
            path: tree.unit_path(u),
            year: tree.fiscal_year,
            checksum: checksum(lines.iter().map(|l| (l.unit, l.period.as_str(), l.target))),
        };
        let bytes = sheet_write::write(&id, &lines)?;
        let file: PathBuf = dir.join(file_name(tree, u));
        // Written beside the final name first: a failed write never leaves half a sheet there.
        let tmp = file.with_extension("xlsx.part");
        std::fs::write(&tmp, bytes)
            .and_then(|()| std::fs::rename(&tmp, &file))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                log::warn!("commitment sheet {}: {e}", file.display());
                Error::new(
                    Code::ExportWrite,
                    format!("无法写入承诺表“{}”，请检查文件夹是否可写、文件是否正被其他程序打开", file.display()),
                    format!(
                        "Could not write the commitment sheet \"{}\"; check that the folder is writable and the file is not open in another program",
                        file.display()
                    ),
                )
            })?;
        out.push(ExportedFile {
            path: file.to_string_lossy().into_owned(),
            unit_id: u,
            unit_path: id.path.clone(),
            target: lines
                .iter()
                .find(|l| l.unit == u && l.kind == crate::calendar::PeriodKind::Year)
                .and_then(|l| l.target),
            cells: lines
                .iter()
                .filter(|l| l.role == layout::Role::Edit)
                .count(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod batch_tests;
#[cfg(test)]
mod tests;
