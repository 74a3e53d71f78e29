//! Native file dialogs, opened from Rust. In debug builds the environment variable
//! `TARGETLINE_E2E_DIALOG_FILE` names a file whose content answers every dialog with a path (or
//! `cancel`), so end-to-end tests can drive File → New/Open/Save a copy; release builds ignore it.

use std::path::PathBuf;
use targetline_core::Lang;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    NewWorkspace,
    OpenWorkspace,
    SaveCopy,
}

const EXT: &str = "targetline";

impl Purpose {
    fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Purpose::NewWorkspace, Lang::Zh) => "新建工作区",
            (Purpose::NewWorkspace, Lang::En) => "New workspace",
            (Purpose::OpenWorkspace, Lang::Zh) => "打开工作区",
            (Purpose::OpenWorkspace, Lang::En) => "Open workspace",
            (Purpose::SaveCopy, Lang::Zh) => "另存副本",
            (Purpose::SaveCopy, Lang::En) => "Save a copy",
        }
    }
}

#[cfg(debug_assertions)]
fn test_answer() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("TARGETLINE_E2E_DIALOG_FILE")?;
    let answer = std::fs::read_to_string(file).unwrap_or_default();
    let answer = answer.trim();
    Some((!answer.is_empty() && answer != "cancel").then(|| PathBuf::from(answer)))
}

#[cfg(not(debug_assertions))]
fn test_answer() -> Option<Option<PathBuf>> {
    None
}

/// Asks the user for a file; None when cancelled.
pub async fn pick<R: Runtime>(app: &AppHandle<R>, purpose: Purpose, lang: Lang) -> Option<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer;
    }
    let filter = if lang == Lang::Zh {
        "Targetline 工作区"
    } else {
        "Targetline workspace"
    };
    let dialog = app
        .dialog()
        .file()
        .set_title(purpose.title(lang))
        .add_filter(filter, &[EXT]);
    let picked = tauri::async_runtime::spawn_blocking(move || match purpose {
        Purpose::OpenWorkspace => dialog.blocking_pick_file(),
        Purpose::NewWorkspace => dialog
            .set_file_name(format!("新工作区.{EXT}"))
            .blocking_save_file(),
        Purpose::SaveCopy => dialog
            .set_file_name(format!("副本.{EXT}"))
            .blocking_save_file(),
    })
    .await
    .ok()
    .flatten()?;
    let mut path = picked.into_path().ok()?;
    if path.extension().is_none() {
        path.set_extension(EXT);
    }
    Some(path)
}
