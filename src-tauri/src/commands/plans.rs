//! Action plans (the Gantt): each edit reschedules in core and returns the new plan.

use crate::state::Shared;
use chrono::NaiveDate;
use targetline_core::plan::{self, BaselineView, GanttData, LinkKind, PlanView};
use targetline_core::ErrorDto;
use tauri::State;

#[tauri::command]
pub async fn plan_data(state: State<'_, Shared>) -> Result<GanttData, ErrorDto> {
    state.with_workspace(|ws| plan::gantt_data(ws)).await
}

#[tauri::command]
pub async fn plan_move(
    state: State<'_, Shared>,
    id: i64,
    start: NaiveDate,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::move_task(ws, id, start))
        .await
}

#[tauri::command]
pub async fn plan_reshape(
    state: State<'_, Shared>,
    id: i64,
    start: NaiveDate,
    finish: NaiveDate,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::reshape(ws, id, start, finish))
        .await
}

#[tauri::command]
pub async fn plan_restore(
    state: State<'_, Shared>,
    id: i64,
    requested_start: NaiveDate,
    duration: i64,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::restore(ws, id, requested_start, duration))
        .await
}

#[tauri::command]
pub async fn plan_progress(
    state: State<'_, Shared>,
    id: i64,
    progress_bp: i64,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::set_progress(ws, id, progress_bp))
        .await
}

#[tauri::command]
pub async fn plan_edit(
    state: State<'_, Shared>,
    id: i64,
    field: String,
    value: String,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::edit_field(ws, id, &field, &value))
        .await
}

#[tauri::command]
pub async fn plan_link_add(
    state: State<'_, Shared>,
    from: i64,
    to: i64,
    kind: LinkKind,
    lag: i64,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::add_link(ws, from, to, kind, lag))
        .await
}

#[tauri::command]
pub async fn plan_link_delete(state: State<'_, Shared>, id: i64) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::delete_link(ws, id))
        .await
}

#[tauri::command]
pub async fn plan_baseline_save(
    state: State<'_, Shared>,
    name: String,
) -> Result<BaselineView, ErrorDto> {
    state
        .with_workspace(move |ws| plan::save_baseline(ws, &name))
        .await
}

/// Per target: the remaining gap against the open actions' expected contributions, and the
/// targets with no plan at all.
#[tauri::command]
pub async fn plan_coverage(state: State<'_, Shared>) -> Result<plan::CoverageReport, ErrorDto> {
    state.with_workspace(|ws| plan::gap_coverage(ws)).await
}

/// The strategy–resource matching table (策略-资源匹配表) of the current fiscal year.
#[tauri::command]
pub async fn plan_resources(state: State<'_, Shared>) -> Result<plan::ResourceTable, ErrorDto> {
    state
        .with_workspace(|ws| plan::resource_table(ws, None))
        .await
}
