//! Importing one filled commitment sheet: refused, with nothing written, when it is for another
//! workspace, plan or unit, its target column was changed, or the organisation changed since it
//! was exported; otherwise each typed commitment (and the sums it feeds) is stored on its target
//! cell as one step of the target tree's undo history. A typed cell that is not an amount is a
//! row error naming the cell; the others are imported.

use super::layout::{self, Role};
use super::sheet_read::{self, Typed};
use super::store::{self as batches, BatchCell, NewBatch};
use super::{checksum, workspace_id, FIRST_LINE_ROW};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::money::format_yuan;
use crate::store::{atomic, Workspace};
use crate::targets::reconcile::{self, Gap};
use crate::targets::tree::ops::{self, CellRef, PlanSel};
use crate::targets::tree::Tree;
use serde::Serialize;
use std::path::Path;

/// A typed cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// The cell, e.g. `D12`.
    pub cell: String,
    pub text: String,
    pub message_zh: String,
    pub message_en: String,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileOutcome {
    pub file: String,
    pub unit_id: i64,
    pub unit_path: String,
    /// The undo step (None when nothing changed).
    pub step: Option<i64>,
    /// The stored batch, undoable after the workspace is reopened (None when nothing changed).
    pub batch: Option<i64>,
    /// Typed commitments read.
    pub typed: usize,
    /// Target cells whose commitment changed.
    pub changed: usize,
    /// The unit's year: its target against Σ its sub-units' commitments (its own when it has
    /// none).
    pub gap: Gap,
    pub row_errors: Vec<RowError>,
    /// Lines whose target changed in the workspace since the sheet was exported.
    pub targets_changed_since: usize,
}

fn refuse(code: Code, zh: String, en: String) -> Error {
    Error::new(code, zh, en)
}

fn within(tree: &Tree, unit: i64, scope: i64) -> bool {
    let mut at = Some(unit);
    while let Some(u) = at {
        if u == scope {
            return true;
        }
        at = tree.parent_unit(u);
    }
    false
}

fn row_error(row: u32, text: &str, zh: String, en: String) -> RowError {
    RowError {
        cell: format!("D{}", row + 1),
        text: text.to_string(),
        message_zh: zh,
        message_en: en,
    }
}

/// Checks who the sheet is for against the open workspace, the plan and `scope` (the unit the
/// user imports into: the sheet must be for it or a unit below it).
fn check_identity(
    ws: &Workspace,
    plan: &PlanSel,
    tree: &Tree,
    sheet: &sheet_read::ReadSheet,
    file: &str,
    scope: Option<i64>,
) -> Result<()> {
    let id = &sheet.id;
    if workspace_id(ws.conn(), false)?.as_deref() != Some(id.workspace.as_str()) {
        return Err(refuse(
            Code::CommitmentsOtherWorkspace,
            format!("“{file}”是从另一个工作区导出的承诺表，不能导入到这里；未导入任何数据"),
            format!("\"{file}\" is a commitment sheet of another workspace and cannot be imported here; nothing was imported"),
        ));
    }
    if id.plan != tree.set_id || id.year != tree.fiscal_year {
        return Err(refuse(
            Code::CommitmentsOtherPlan,
            format!("“{file}”属于另一个目标方案（{} 财年），不是当前的 {} 财年方案；未导入任何数据", id.year, tree.fiscal_year),
            format!("\"{file}\" belongs to another target plan (fiscal {}), not the current fiscal {} plan; nothing was imported", id.year, tree.fiscal_year),
        ));
    }
    let metric = plan.metric.as_deref().unwrap_or("revenue");
    if id.metric != metric {
        return Err(refuse(
            Code::CommitmentsOtherMetric,
            format!("“{file}”是指标“{}”的承诺表，不是当前方案的指标“{metric}”；未导入任何数据", id.metric),
            format!("\"{file}\" is a commitment sheet for the metric \"{}\", not the current plan's metric \"{metric}\"; nothing was imported", id.metric),
        ));
    }
    if let Some(s) = scope.filter(|s| !within(tree, id.unit, *s)) {
        let here = tree.unit_path(s);
        return Err(refuse(
            Code::CommitmentsOtherUnit,
            format!("“{file}”是“{}”的承诺表，不属于“{here}”及其下级；未导入任何数据", id.path),
            format!("\"{file}\" is the commitment sheet of \"{}\", which is not \"{here}\" or a unit below it; nothing was imported", id.path),
        ));
    }
    let lines = sheet.lines.iter().zip(&sheet.targets);
    if checksum(lines.map(|((u, p), t)| (*u, p.as_str(), *t))) != id.checksum {
        return Err(refuse(
            Code::CommitmentsTargetChanged,
            format!("“{file}”中的目标列被修改过（与导出时不一致），不能导入；请重新导出承诺表，只填写承诺列"),
            format!("The target column of \"{file}\" was changed since it was exported, so it cannot be imported; export the sheet again and fill only the Commitment column"),
        ));
    }
    Ok(())
}

/// Imports one filled sheet into the plan `plan` (see the module's notes).
pub fn import_file(
    ws: &Workspace,
    plan: &PlanSel,
    path: &Path,
    scope: Option<i64>,
) -> Result<FileOutcome> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let sheet = sheet_read::read(path, &file)?;
    let tree = ops::load(ws, plan)?;
    check_identity(ws, plan, &tree, &sheet, &file, scope)?;
    let unit = sheet.id.unit;
    let lines = layout::lines(&tree, unit);
    let same_org = tree.unit_path(unit) == sheet.id.path
        && lines.len() == sheet.lines.len()
        && lines
            .iter()
            .zip(&sheet.lines)
            .all(|(l, (u, p))| l.unit == *u && l.period == *p);
    if !same_org {
        return Err(refuse(
            Code::CommitmentsOrgChanged,
            format!("导出“{file}”之后，“{}”的下级或期间已变动，不能导入；请重新导出承诺表", sheet.id.path),
            format!("The sub-units or periods of \"{}\" changed since \"{file}\" was exported, so it cannot be imported; export the sheet again", sheet.id.path),
        ));
    }
    let mut row_errors = Vec::new();
    let mut typed = vec![None; lines.len()];
    for (i, (l, t)) in lines.iter().zip(&sheet.typed).enumerate() {
        let row = FIRST_LINE_ROW + i as u32;
        match (&l.role, t) {
            (Role::Edit, Typed::Value(v)) if *v < 0 => row_errors.push(row_error(
                row,
                &format_yuan(*v),
                format!("承诺不能为负数（{}）", format_yuan(*v)),
                format!("a commitment cannot be negative ({})", format_yuan(*v)),
            )),
            (Role::Edit, Typed::Value(v)) => typed[i] = Some(*v),
            (Role::Edit, Typed::Bad(text)) => row_errors.push(row_error(
                row,
                text,
                format!("“{text}”不是金额（应为数字，可写 50万、1.2亿）"),
                format!("\"{text}\" is not an amount (a number; 50万 and 1.2亿 are fine)"),
            )),
            _ => {}
        }
    }
    let resolved = layout::resolve(&lines, &typed);
    let cells: Vec<BatchCell> = lines
        .iter()
        .zip(&resolved)
        .filter(|(l, v)| l.has_cell && v.is_some() && **v != l.stored)
        .map(|(l, v)| BatchCell {
            cell: CellRef {
                unit_id: l.unit,
                dimension_id: None,
                period: l.period.clone(),
            },
            before: l.stored,
            after: *v,
        })
        .collect();
    let changed = cells.len();
    let (step, batch) = if cells.is_empty() {
        (None, None)
    } else {
        let changes: Vec<(CellRef, Option<i64>)> =
            cells.iter().map(|c| (c.cell.clone(), c.after)).collect();
        atomic(ws.conn(), || {
            let step = ops::set_commitments(ws, plan, &changes, "commitments")?.step;
            let batch = batches::record(
                ws.conn(),
                NewBatch {
                    file: &file,
                    set_id: tree.set_id,
                    unit_id: unit,
                    unit_path: &sheet.id.path,
                    metric: plan.metric.as_deref().unwrap_or("revenue"),
                    cells,
                },
            )?;
            Ok((step, Some(batch)))
        })?
    };
    let year = |u: i64| {
        lines
            .iter()
            .position(|l| l.unit == u && l.kind == crate::calendar::PeriodKind::Year)
    };
    let own = year(unit).unwrap_or(0);
    let kids = layout::units_of(&tree, unit);
    let parts: Vec<Option<i64>> = if kids.len() > 1 {
        kids[1..]
            .iter()
            .filter_map(|k| year(*k))
            .map(|i| resolved[i])
            .collect()
    } else {
        vec![resolved[own]]
    };
    Ok(FileOutcome {
        file,
        unit_id: unit,
        unit_path: sheet.id.path.clone(),
        step,
        batch,
        typed: typed.iter().filter(|t| t.is_some()).count(),
        changed,
        gap: reconcile::gap(lines[own].target.unwrap_or(0), &parts),
        row_errors,
        targets_changed_since: lines
            .iter()
            .zip(&sheet.targets)
            .filter(|(l, t)| l.target != **t)
            .count(),
    })
}
