//! Customers: ABC classes by potential (contribution × growth) and lifecycle stages.

use crate::state::Shared;
use targetline_core::customers::{self, AbcSettings, CustomerReport};
use targetline_core::ErrorDto;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn customers_report(state: State<'_, Shared>) -> Result<CustomerReport, ErrorDto> {
    state.with_workspace(|ws| customers::report(ws)).await
}

/// Sets a customer's growth coefficient (basis points: 12000 = 1.20).
#[tauri::command]
pub async fn customers_set_growth(
    state: State<'_, Shared>,
    id: i64,
    growth_bp: i64,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| customers::set_growth(ws, id, growth_bp))
        .await
}

/// Stores the class thresholds and the lifecycle days.
#[tauri::command]
pub async fn customers_save_settings(
    state: State<'_, Shared>,
    settings: AbcSettings,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| customers::save_settings(ws, &settings))
        .await
}

/// Saves the customers as CSV (UTF-8 with BOM) or XLSX through a save dialog.
#[tauri::command]
pub async fn customers_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(
        ("导出客户分层", "Export the customers"),
        "customers_ABC",
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        let r = customers::report(ws)?;
        targetline_core::export::export_table(&customers::customer_table(&r, lang), path)
    })
    .await
}
