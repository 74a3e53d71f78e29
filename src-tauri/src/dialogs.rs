//! Native file dialogs, opened from Rust. In debug builds the environment variable
//! `TARGETLINE_E2E_DIALOG_FILE` names a file whose content answers every dialog with a path (or
//! `cancel`), so end-to-end tests can drive File → New/Open/Save a copy and the exports; release
//! builds ignore it.

use std::path::PathBuf;
use targetline_core::Lang;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// What a dialog asks for: its title in both languages, the file type and a proposed name.
pub struct Ask<'a> {
    pub title: (&'a str, &'a str),
    pub filter: (&'a str, &'a str),
    pub extensions: &'a [&'a str],
    pub file_name: Option<String>,
}

pub const WORKSPACE_EXT: &str = "targetline";

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

fn pick_lang<'a>(pair: (&'a str, &'a str), lang: Lang) -> &'a str {
    if lang == Lang::Zh {
        pair.0
    } else {
        pair.1
    }
}

enum Mode {
    Open,
    Save,
    Folder,
}

async fn ask<R: Runtime>(
    app: &AppHandle<R>,
    ask: Ask<'_>,
    lang: Lang,
    mode: Mode,
) -> Option<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer;
    }
    let mut dialog = app.dialog().file().set_title(pick_lang(ask.title, lang));
    if !ask.extensions.is_empty() {
        dialog = dialog.add_filter(pick_lang(ask.filter, lang), ask.extensions);
    }
    if let Some(name) = &ask.file_name {
        dialog = dialog.set_file_name(name);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || match mode {
        Mode::Open => dialog.blocking_pick_file(),
        Mode::Save => dialog.blocking_save_file(),
        Mode::Folder => dialog.blocking_pick_folder(),
    })
    .await
    .ok()
    .flatten()?;
    let mut path = picked.into_path().ok()?;
    if let (Some(ext), None) = (ask.extensions.first(), path.extension()) {
        path.set_extension(ext);
    }
    Some(path)
}

/// Asks for an existing file; None when cancelled.
pub async fn open_file<R: Runtime>(app: &AppHandle<R>, a: Ask<'_>, lang: Lang) -> Option<PathBuf> {
    ask(app, a, lang, Mode::Open).await
}

/// Asks where to save; None when cancelled. A missing extension gets the first allowed one.
pub async fn save_file<R: Runtime>(app: &AppHandle<R>, a: Ask<'_>, lang: Lang) -> Option<PathBuf> {
    ask(app, a, lang, Mode::Save).await
}

/// Asks for one or more existing files; None when cancelled. (The test answer holds one path a
/// line.)
pub async fn open_files<R: Runtime>(
    app: &AppHandle<R>,
    a: Ask<'_>,
    lang: Lang,
) -> Option<Vec<PathBuf>> {
    if let Some(answer) = test_answer() {
        let text = answer?.to_string_lossy().into_owned();
        return Some(text.lines().map(|l| PathBuf::from(l.trim())).collect());
    }
    let mut dialog = app.dialog().file().set_title(pick_lang(a.title, lang));
    if !a.extensions.is_empty() {
        dialog = dialog.add_filter(pick_lang(a.filter, lang), a.extensions);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_files())
        .await
        .ok()
        .flatten()?;
    Some(
        picked
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect(),
    )
}

/// Asks for a folder; None when cancelled.
pub async fn folder<R: Runtime>(
    app: &AppHandle<R>,
    title: (&str, &str),
    lang: Lang,
) -> Option<PathBuf> {
    let a = Ask {
        title,
        filter: ("", ""),
        extensions: &[],
        file_name: None,
    };
    ask(app, a, lang, Mode::Folder).await
}

pub fn workspace_ask(
    title: (&'static str, &'static str),
    file_name: Option<String>,
) -> Ask<'static> {
    Ask {
        title,
        filter: ("Targetline 工作区", "Targetline workspace"),
        extensions: &[WORKSPACE_EXT],
        file_name,
    }
}
