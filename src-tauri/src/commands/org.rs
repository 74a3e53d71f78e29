//! Settings → Organisation: the units, and adding, renaming, moving, retiring, describing them;
//! a person's transfer on a date, previewed first. Each change returns the units afresh.

use crate::state::Shared;
use targetline_core::org::edit::{self, NewUnit};
use targetline_core::org::transfer::{self, Transfer, TransferOutcome};
use targetline_core::org::{self, Unit};
use targetline_core::ErrorDto;
use tauri::State;

#[tauri::command]
pub async fn org_units(state: State<'_, Shared>) -> Result<Vec<Unit>, ErrorDto> {
    state.with_workspace(|ws| org::units(ws.conn())).await
}

#[tauri::command]
pub async fn org_add(state: State<'_, Shared>, unit: NewUnit) -> Result<Vec<Unit>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            edit::add(ws, &unit)?;
            org::units(ws.conn())
        })
        .await
}

#[tauri::command]
pub async fn org_rename(
    state: State<'_, Shared>,
    id: i64,
    name: String,
) -> Result<Vec<Unit>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            edit::rename(ws, id, &name)?;
            org::units(ws.conn())
        })
        .await
}

#[tauri::command]
pub async fn org_move(
    state: State<'_, Shared>,
    id: i64,
    parent_id: i64,
) -> Result<Vec<Unit>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            edit::move_unit(ws, id, parent_id)?;
            org::units(ws.conn())
        })
        .await
}

/// Retires a unit from a day (`restore` undoes it).
#[tauri::command]
pub async fn org_retire(
    state: State<'_, Shared>,
    id: i64,
    date: Option<String>,
    restore: bool,
) -> Result<Vec<Unit>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            if restore {
                edit::restore(ws, id)?;
            } else {
                let day = date.unwrap_or_else(|| targetline_core::today().to_string());
                edit::retire(ws, id, &day)?;
            }
            org::units(ws.conn())
        })
        .await
}

#[tauri::command]
pub async fn org_describe(
    state: State<'_, Shared>,
    id: i64,
    headcount: i64,
    capacity_per_head: Option<i64>,
    manager: String,
) -> Result<Vec<Unit>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            edit::describe(ws, id, headcount, capacity_per_head, &manager)?;
            org::units(ws.conn())
        })
        .await
}

/// What a transfer would do (`apply` false) or does (`apply` true).
#[tauri::command]
pub async fn org_transfer(
    state: State<'_, Shared>,
    transfer: Transfer,
    apply: bool,
) -> Result<TransferOutcome, ErrorDto> {
    state
        .with_workspace(move |ws| {
            if apply {
                transfer::apply(ws, &transfer)
            } else {
                transfer::preview(ws, &transfer)
            }
        })
        .await
}

/// Undoes the latest transfer of the person whose current row is `person`: targets exactly as
/// before, actuals back with the old row.
#[tauri::command]
pub async fn org_transfer_undo(
    state: State<'_, Shared>,
    person: i64,
) -> Result<Vec<Unit>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            targetline_core::org::transfer_undo::undo(ws, person)?;
            org::units(ws.conn())
        })
        .await
}
