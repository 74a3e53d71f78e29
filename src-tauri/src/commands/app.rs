use crate::state::{AppStateDto, Shared};
use targetline_core::error::Code;
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
    lang: String,
) -> Result<AppStateDto, ErrorDto> {
    let lang = match lang.as_str() {
        "zh-CN" => Lang::Zh,
        "en" => Lang::En,
        other => {
            return Err(state.dto(&targetline_core::Error::new(
                Code::BadLang,
                format!("不支持的语言“{other}”：可选 zh-CN 或 en"),
                format!("Unsupported language \"{other}\": choose zh-CN or en"),
            )))
        }
    };
    state.set_lang(lang);
    crate::menu::relabel(&app, lang).map_err(|e| state.dto(&crate::menu::error(e)))?;
    Ok(state.snapshot())
}

/// Help → Copy diagnostics: version, OS, the workspace's schema and counts, the last errors.
#[tauri::command]
pub async fn diagnostics<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<String, ErrorDto> {
    Ok(crate::support::diagnostics(&app, &state))
}

/// Help → Open log folder.
#[tauri::command]
pub async fn open_log_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<(), ErrorDto> {
    reveal_logs(&app).map_err(|e| state.dto(&e))
}

pub fn reveal_logs<R: Runtime>(app: &AppHandle<R>) -> targetline_core::Result<()> {
    let dir = crate::support::log_dir(app).unwrap_or_default();
    crate::support::reveal(&dir).map_err(|e| {
        targetline_core::Error::new(
            Code::LogFolder,
            format!("无法打开日志文件夹 {}：{e}", dir.display()),
            format!("Could not open the log folder {}: {e}", dir.display()),
        )
    })
}

/// Ctrl+Q / ⌘Q in the window: leaves the app the way File → Quit does. The run loop's exit
/// handler backs the workspace up if it changed, checkpoints the write-ahead log into the file
/// (TRUNCATE) and closes it before the process ends.
#[tauri::command]
pub async fn app_quit<R: Runtime>(app: AppHandle<R>) -> Result<(), ErrorDto> {
    app.exit(0);
    Ok(())
}
