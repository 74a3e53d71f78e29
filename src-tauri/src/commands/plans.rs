//! Action plans (the Gantt): each edit reschedules in core and returns the new plan.

use crate::state::Shared;
use chrono::NaiveDate;
use targetline_core::plan::{self, hand, BaselineView, GanttData, LinkKind, PlanView};
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

/// Saves the Gantt as PNG (2×, for slides) or SVG, drawn like the screen, through a save dialog.
#[tauri::command]
pub async fn plan_export_chart<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Shared>,
    format: super::ChartFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::chart_ask(("导出甘特图", "Export the Gantt chart"), "gantt", format);
    super::save_via_dialog(&app, &state, ask, |ws, lang, path| {
        let bytes = plan::chart::workspace_gantt_chart(
            ws,
            lang,
            targetline_core::chart::Format::from_path(path)?,
        )?;
        std::fs::write(path, bytes).map_err(targetline_core::Error::from)
    })
    .await
}

/// Saves the plan as a table: CSV (UTF-8 with BOM) or XLSX.
#[tauri::command]
pub async fn plan_export_table<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Shared>,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(("导出行动计划", "Export the action plan"), "plan", format);
    super::save_via_dialog(&app, &state, ask, |ws, lang, path| {
        targetline_core::export::export_table(
            &plan::table::plan_table(&plan::plan_view(ws)?, lang),
            path,
        )
    })
    .await
}

/// Imports an action plan from CSV/XLSX in seed 002's shape (目标维度 / 具体举措 / 责任人 /
/// 完成时间 / 资源需求); week ranges count from `plan_start`.
#[tauri::command]
pub async fn plan_import<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Shared>,
    plan_start: NaiveDate,
) -> Result<Option<plan::import::PlanImportSummary>, ErrorDto> {
    let lang = state.lang();
    let ask = super::sheet_ask(("导入行动计划", "Import an action plan"));
    let Some(path) = crate::dialogs::open_file(&app, ask, lang).await else {
        return Ok(None);
    };
    let summary = state
        .with_workspace(move |ws| plan::import::import_plan(ws, &path, plan_start, lang))
        .await?;
    Ok(Some(summary))
}

/// A new action right below `after` (or at the end), titled `title`.
#[tauri::command]
pub async fn plan_action_add(
    state: State<'_, Shared>,
    after: Option<i64>,
    title: String,
) -> Result<hand::Added, ErrorDto> {
    state
        .with_workspace(move |ws| {
            let today = targetline_core::variance::as_of(ws)?;
            hand::add_below(ws, after, &title, today)
        })
        .await
}

/// Deletes an action with its sub-actions and links; returns what went, for undo.
#[tauri::command]
pub async fn plan_action_delete(
    state: State<'_, Shared>,
    id: i64,
) -> Result<hand::Deleted, ErrorDto> {
    state.with_workspace(move |ws| hand::remove(ws, id)).await
}

/// Undoes a delete.
#[tauri::command]
pub async fn plan_action_restore(
    state: State<'_, Shared>,
    removed: hand::Removed,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| hand::restore(ws, &removed))
        .await
}

/// Indents an action under the one above it (`outdent`: beside its parent).
#[tauri::command]
pub async fn plan_action_indent(
    state: State<'_, Shared>,
    id: i64,
    outdent: bool,
) -> Result<hand::Moved, ErrorDto> {
    state
        .with_workspace(move |ws| {
            if outdent {
                hand::outdent(ws, id)
            } else {
                hand::indent(ws, id)
            }
        })
        .await
}

/// Puts an action back where it was (the undo of an indent or outdent).
#[tauri::command]
pub async fn plan_action_place(
    state: State<'_, Shared>,
    id: i64,
    at: hand::Place,
) -> Result<PlanView, ErrorDto> {
    state
        .with_workspace(move |ws| hand::place(ws, id, at))
        .await
}

/// What a link would push later, before it is made (started actions, past the target's period).
#[tauri::command]
pub async fn plan_link_preview(
    state: State<'_, Shared>,
    from: i64,
    to: i64,
    kind: LinkKind,
    lag: i64,
) -> Result<Vec<plan::link_warnings::Pushed>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            let today = targetline_core::variance::as_of(ws)?;
            plan::link_warnings::consequences(ws, from, to, kind, lag, today)
        })
        .await
}
