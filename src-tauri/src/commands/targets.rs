//! The target grid: read a tier in a period view, edit a cell, lock, split (with preview), undo.

use crate::state::Shared;
use serde::Deserialize;
use targetline_core::targets::grid::{
    self, CellSnapshot, Grid, GridView, SplitAxis, SplitChoice, SplitOutcome,
};
use targetline_core::targets::store::ReasonCategory;
use targetline_core::targets::{Tier, TierRatios};
use targetline_core::ErrorDto;
use tauri::State;

/// Why an approved target changes, as the grid's reason dialog gives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub category: ReasonCategory,
    pub text: String,
}

fn change(reason: &Option<Reason>) -> Option<targetline_core::targets::store::Change> {
    reason
        .as_ref()
        .map(|r| grid::local_change(r.category, &r.text))
}

#[tauri::command]
pub async fn targets_grid(
    state: State<'_, Shared>,
    tier: Tier,
    view: GridView,
    cross: Option<String>,
) -> Result<Grid, ErrorDto> {
    state
        .with_workspace(move |ws| grid::grid(ws, tier, view, cross.as_deref()))
        .await
}

/// Changes the plan's tier ratios (floor, challenge, optional sprint); every tier is re-derived
/// from the base values, exactly along the organisation and the calendar.
#[tauri::command]
pub async fn targets_set_ratios(
    state: State<'_, Shared>,
    ratios: TierRatios,
    reason: Option<Reason>,
) -> Result<grid::TierRatiosOutcome, ErrorDto> {
    state
        .with_workspace(move |ws| grid::set_tier_ratios(ws, ratios, change(&reason).as_ref()))
        .await
}

/// Undoes a ratio change: the ratios and every cell as they were.
#[tauri::command]
pub async fn targets_restore_ratios(
    state: State<'_, Shared>,
    previous: TierRatios,
    before: Vec<CellSnapshot>,
    reason: Option<Reason>,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| {
            grid::restore_tier_ratios(ws, previous, &before, change(&reason).as_ref())
        })
        .await
}

/// Approves the newest (draft) plan: its values become the baseline and changes need a reason.
#[tauri::command]
pub async fn targets_approve(
    state: State<'_, Shared>,
    approver: String,
) -> Result<usize, ErrorDto> {
    state
        .with_workspace(move |ws| {
            let at = targetline_core::now_stamp();
            targetline_core::targets::baseline::approve(ws, &approver, &at)
        })
        .await
}

/// Stores a row's weeks (from its months, by working days) so they can be edited and locked.
#[tauri::command]
pub async fn targets_store_weeks(
    state: State<'_, Shared>,
    id: i64,
    reason: Option<Reason>,
) -> Result<Vec<CellSnapshot>, ErrorDto> {
    state
        .with_workspace(move |ws| grid::store_weeks(ws, id, change(&reason).as_ref()))
        .await
}

#[tauri::command]
pub async fn targets_set(
    state: State<'_, Shared>,
    id: i64,
    tier: Tier,
    value: i64,
    reason: Option<Reason>,
) -> Result<CellSnapshot, ErrorDto> {
    state
        .with_workspace(move |ws| grid::set_cell(ws, id, tier, value, change(&reason).as_ref()))
        .await
}

#[tauri::command]
pub async fn targets_lock(
    state: State<'_, Shared>,
    id: i64,
    locked: bool,
) -> Result<CellSnapshot, ErrorDto> {
    state
        .with_workspace(move |ws| grid::lock_cell(ws, id, locked))
        .await
}

#[tauri::command]
pub async fn targets_restore(
    state: State<'_, Shared>,
    cells: Vec<CellSnapshot>,
    reason: Option<Reason>,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| grid::restore_cells(ws, &cells, change(&reason).as_ref()))
        .await
}

#[tauri::command]
pub async fn targets_split(
    state: State<'_, Shared>,
    id: i64,
    axis: SplitAxis,
    choice: SplitChoice,
    reason: Option<Reason>,
    preview: bool,
) -> Result<SplitOutcome, ErrorDto> {
    state
        .with_workspace(move |ws| {
            grid::split_cell(ws, id, axis, &choice, change(&reason).as_ref(), preview)
        })
        .await
}

/// SMART flags, revisions and the bottom-up gap of one cell (the side panel).
#[tauri::command]
pub async fn targets_detail(
    state: State<'_, Shared>,
    id: i64,
) -> Result<grid::CellDetail, ErrorDto> {
    state
        .with_workspace(move |ws| grid::cell_detail(ws, id))
        .await
}

/// Records a node's bottom-up commitment in fen (None clears it).
#[tauri::command]
pub async fn targets_commit(
    state: State<'_, Shared>,
    id: i64,
    commitment: Option<i64>,
) -> Result<CellSnapshot, ErrorDto> {
    state
        .with_workspace(move |ws| grid::commit_cell(ws, id, commitment))
        .await
}

/// Reconciles a node with its children's commitments, either way.
#[tauri::command]
pub async fn targets_reconcile(
    state: State<'_, Shared>,
    id: i64,
    way: targetline_core::targets::ReconcileWay,
    reason: Option<Reason>,
) -> Result<Vec<CellSnapshot>, ErrorDto> {
    state
        .with_workspace(move |ws| grid::reconcile_cell(ws, id, way, change(&reason).as_ref()))
        .await
}

/// Exports the grid as it is shown (tier and view) to CSV (UTF-8 with BOM) or XLSX.
#[tauri::command]
pub async fn targets_export<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Shared>,
    tier: Tier,
    view: GridView,
    cross: Option<String>,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(
        ("导出目标表", "Export the target grid"),
        &format!("targets_{}", tier.as_str()),
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        targetline_core::export::export_table(
            &grid::grid_table(&grid::grid(ws, tier, view, cross.as_deref())?, lang),
            path,
        )
    })
    .await
}

/// Revises a year target: past months stay frozen, the remaining months are re-split.
#[tauri::command]
pub async fn targets_revise(
    state: State<'_, Shared>,
    id: i64,
    base: i64,
    reason: Option<Reason>,
) -> Result<Vec<CellSnapshot>, ErrorDto> {
    state
        .with_workspace(move |ws| grid::revise_year(ws, id, base, change(&reason).as_ref()))
        .await
}

/// The months of a unit inside a quarter (for re-pacing them).
#[tauri::command]
pub async fn targets_quarter(
    state: State<'_, Shared>,
    unit_id: i64,
    quarter: String,
) -> Result<Vec<grid::MonthCell>, ErrorDto> {
    state
        .with_workspace(move |ws| grid::quarter_months(ws, unit_id, &quarter))
        .await
}

/// Re-paces the months of a quarter; their total must stay the quarter's.
#[tauri::command]
pub async fn targets_repace(
    state: State<'_, Shared>,
    unit_id: i64,
    quarter: String,
    bases: Vec<i64>,
    reason: Option<Reason>,
) -> Result<Vec<CellSnapshot>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            grid::redistribute_months(ws, unit_id, &quarter, &bases, change(&reason).as_ref())
        })
        .await
}

/// Formula targets: revenue = new customers × average order value × repurchase rate, decomposed
/// for one driver or recomposed.
#[tauri::command]
pub async fn targets_formula(
    state: State<'_, Shared>,
    revenue: i64,
    drivers: targetline_core::targets::RevenueDrivers,
    solve_for: Option<targetline_core::targets::formula::Driver>,
) -> Result<targetline_core::targets::Decomposition, ErrorDto> {
    targetline_core::targets::formula::solve(revenue, drivers, solve_for).map_err(|e| state.dto(&e))
}
