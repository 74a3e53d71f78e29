use crate::state::Shared;
use targetline_core::variance::{company_headline, Headline};
use targetline_core::ErrorDto;
use tauri::State;

/// The company's revenue headline for the current fiscal year (None when there is no target yet).
#[tauri::command]
pub async fn dashboard_headline(state: State<'_, Shared>) -> Result<Option<Headline>, ErrorDto> {
    state.with_workspace(|ws| company_headline(ws)).await
}
