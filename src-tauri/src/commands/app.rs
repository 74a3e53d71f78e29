use crate::state::{AppStateDto, Shared};
use targetline_core::{ErrorDto, Lang};
use tauri::{AppHandle, Runtime, State};

/// Everything the window needs at start: language, the open workspace, any start-up error.
#[tauri::command]
pub async fn app_state(state: State<'_, Shared>) -> Result<AppStateDto, ErrorDto> {
    Ok(state.snapshot())
}

/// Switches the language of the window, the menu and the messages; remembered.
#[tauri::command]
pub async fn set_lang<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    lang: Lang,
) -> Result<AppStateDto, ErrorDto> {
    state.set_lang(lang);
    crate::menu::relabel(&app, lang).map_err(|e| state.dto(&crate::menu::error(e)))?;
    Ok(state.snapshot())
}
