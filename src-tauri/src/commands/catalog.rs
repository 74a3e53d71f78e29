//! Settings → Metrics and the catalog's members: metrics added, edited, retired, restored and
//! deleted (one in use is refused with where it is used), the assistant's metrics to track, and
//! product lines, customer types and channels renamed and retired; the scorecard defaults. Each
//! returns the list afresh.

use crate::state::Shared;
use targetline_core::evaluation::defaults::{self, ScorecardDefaults};
use targetline_core::evaluation::ScorecardConfig;
use targetline_core::setup::catalog::{self, Member};
use targetline_core::setup::metrics::{self, MetricEntry, MetricSpec};
use targetline_core::setup::stages::{self, Stage};
use targetline_core::variance::Dim;
use targetline_core::ErrorDto;
use tauri::State;

#[tauri::command]
pub async fn metric_list(
    state: State<'_, Shared>,
    with_retired: bool,
) -> Result<Vec<MetricEntry>, ErrorDto> {
    state
        .with_workspace(move |ws| metrics::list(ws, with_retired))
        .await
}

#[tauri::command]
pub async fn metric_add(
    state: State<'_, Shared>,
    spec: MetricSpec,
    with_retired: bool,
) -> Result<Vec<MetricEntry>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            metrics::add(ws, &spec)?;
            metrics::list(ws, with_retired)
        })
        .await
}

/// Changes the metric `code` (its unit and aggregation stay while it holds values).
#[tauri::command]
pub async fn metric_edit(
    state: State<'_, Shared>,
    code: String,
    spec: MetricSpec,
    with_retired: bool,
) -> Result<Vec<MetricEntry>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            metrics::edit(ws, &code, &spec)?;
            metrics::list(ws, with_retired)
        })
        .await
}

/// Retires a metric (`restore` brings it back).
#[tauri::command]
pub async fn metric_retire(
    state: State<'_, Shared>,
    code: String,
    restore: bool,
    with_retired: bool,
) -> Result<Vec<MetricEntry>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            metrics::retire(ws, &code, restore)?;
            metrics::list(ws, with_retired)
        })
        .await
}

/// Deletes a metric nothing uses; one in use is refused (`metric_in_use`) saying where.
#[tauri::command]
pub async fn metric_delete(
    state: State<'_, Shared>,
    code: String,
    with_retired: bool,
) -> Result<Vec<MetricEntry>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            metrics::delete(ws, &code)?;
            metrics::list(ws, with_retired)
        })
        .await
}

/// The assistant's metrics to track: the others are retired.
#[tauri::command]
pub async fn metric_track(
    state: State<'_, Shared>,
    codes: Vec<String>,
) -> Result<Vec<String>, ErrorDto> {
    state
        .with_workspace(move |ws| metrics::track(ws, &codes))
        .await
}

#[tauri::command]
pub async fn dim_rename(
    state: State<'_, Shared>,
    dim: Dim,
    name: String,
    new_name: String,
) -> Result<Vec<Member>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            catalog::rename_member(ws, dim.code(), &name, &new_name)?;
            catalog::members(ws, true)
        })
        .await
}

/// Retires a product line, customer type or channel (`restore` brings it back).
#[tauri::command]
pub async fn dim_retire(
    state: State<'_, Shared>,
    dim: Dim,
    name: String,
    restore: bool,
) -> Result<Vec<Member>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            catalog::retire_member(ws, dim.code(), &name, restore)?;
            catalog::members(ws, true)
        })
        .await
}

/// The sales funnel's stages with their benchmarks and time limits.
#[tauri::command]
pub async fn stage_list(state: State<'_, Shared>) -> Result<Vec<Stage>, ErrorDto> {
    state.with_workspace(|ws| stages::list(ws)).await
}

/// Saves every stage's names, benchmark and time limit, checked whole.
#[tauri::command]
pub async fn stage_save(
    state: State<'_, Shared>,
    stages: Vec<Stage>,
) -> Result<Vec<Stage>, ErrorDto> {
    state
        .with_workspace(move |ws| stages::save(ws, &stages))
        .await
}

/// Sets a customer's type (one of the customer types; None clears it).
#[tauri::command]
pub async fn customer_set_type(
    state: State<'_, Shared>,
    id: i64,
    name: Option<String>,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| catalog::set_customer_type(ws, id, name.as_deref()))
        .await
}

/// Settings → Scorecard defaults: the metrics, weights and caps an evaluation uses until it has
/// weights of its own; whether it follows them; the metrics a new item may name.
#[tauri::command]
pub async fn scorecard_defaults(state: State<'_, Shared>) -> Result<ScorecardDefaults, ErrorDto> {
    state.with_workspace(|ws| defaults::defaults(ws)).await
}

/// Stores the defaults (weights total 100%, caps above 0, no retired metric chosen anew).
#[tauri::command]
pub async fn scorecard_defaults_save(
    state: State<'_, Shared>,
    config: ScorecardConfig,
) -> Result<ScorecardDefaults, ErrorDto> {
    state
        .with_workspace(move |ws| {
            defaults::save_default(ws, &config)?;
            defaults::defaults(ws)
        })
        .await
}

/// The Evaluation section drops its own weights and uses the defaults again.
#[tauri::command]
pub async fn scorecard_use_defaults(
    state: State<'_, Shared>,
) -> Result<ScorecardDefaults, ErrorDto> {
    state
        .with_workspace(|ws| defaults::evaluation_use_defaults(ws))
        .await
}

/// Undoes "use the defaults": the Evaluation's own weights come back as they were (refused when
/// it saved other weights since).
#[tauri::command]
pub async fn scorecard_undo_use_defaults(
    state: State<'_, Shared>,
) -> Result<ScorecardDefaults, ErrorDto> {
    state
        .with_workspace(|ws| defaults::evaluation_undo_use_defaults(ws))
        .await
}
