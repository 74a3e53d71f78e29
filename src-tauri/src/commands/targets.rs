//! The target grid: read a tier in a period view, edit a cell, lock, split (with preview), undo.

use crate::state::Shared;
use serde::Deserialize;
use targetline_core::targets::grid::{
    self, CellSnapshot, Grid, GridView, SplitAxis, SplitChoice, SplitOutcome,
};
use targetline_core::targets::store::ReasonCategory;
use targetline_core::targets::Tier;
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
) -> Result<Grid, ErrorDto> {
    state
        .with_workspace(move |ws| grid::grid(ws, tier, view))
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
