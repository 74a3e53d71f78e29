//! Evaluation: scorecards with weights and caps, ranked, each with the commission of the
//! workspace's plan; the settings they use; the table for meetings.

use crate::state::Shared;
use targetline_core::evaluation::{
    self, CommissionPlan, ScorecardConfig, ScorecardReport, Settings,
};
use targetline_core::ErrorDto;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn evaluation_report(
    state: State<'_, Shared>,
    node: String,
    period: String,
) -> Result<ScorecardReport, ErrorDto> {
    state
        .with_workspace(move |ws| evaluation::report(ws, &node, &period))
        .await
}

#[tauri::command]
pub async fn evaluation_settings(state: State<'_, Shared>) -> Result<Settings, ErrorDto> {
    state.with_workspace(|ws| evaluation::settings(ws)).await
}

/// Stores the scorecard's weights and caps (they must total 100%).
#[tauri::command]
pub async fn evaluation_save_scorecard(
    state: State<'_, Shared>,
    config: ScorecardConfig,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| evaluation::save_scorecard(ws, &config))
        .await
}

/// Stores the commission plan (tiers, target bonus, excess rate, cap).
#[tauri::command]
pub async fn evaluation_save_plan(
    state: State<'_, Shared>,
    plan: CommissionPlan,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| evaluation::save_plan(ws, &plan))
        .await
}

/// Saves the scorecards as CSV (UTF-8 with BOM) or XLSX through a save dialog.
#[tauri::command]
pub async fn evaluation_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    node: String,
    period: String,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(
        ("导出计分卡", "Export the scorecards"),
        &format!("{period}_scorecards"),
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        let report = evaluation::report(ws, &node, &period)?;
        targetline_core::export::export_table(&evaluation::scorecard_table(&report, lang), path)
    })
    .await
}
