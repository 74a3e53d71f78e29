//! Actuals → Import: pick a file (native dialog), preview with the mapping and row errors,
//! commit as one batch with progress and cancel, list and undo batches.

use crate::dialogs;
use crate::state::Shared;
use std::sync::atomic::Ordering;
use targetline_core::import::{
    self, BatchInfo, Candidate, ImportKind, ImportOptions, ImportSummary, Mapping, Preview,
    Progress, Resolutions, UndoSummary, UnknownKind,
};
use targetline_core::ErrorDto;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

/// Opens the file dialog; returns the chosen file's name (None when cancelled).
#[tauri::command]
pub async fn import_pick<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::sheet_ask(("导入数据", "Import data"));
    let Some(path) = dialogs::open_file(&app, ask, state.lang()).await else {
        return Ok(None);
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.set_import_file(path);
    Ok(Some(name))
}

/// Runs a preview or a commit on the chosen file: the cancel flag reset, progress streamed to
/// the window over `on_progress`.
async fn run_on_file<T, F>(
    state: &Shared,
    on_progress: Channel<Progress>,
    run: F,
) -> Result<T, ErrorDto>
where
    T: Send + 'static,
    F: FnOnce(
            &mut targetline_core::Workspace,
            &std::path::Path,
            &mut dyn FnMut(Progress),
            &std::sync::atomic::AtomicBool,
        ) -> targetline_core::Result<T>
        + Send
        + 'static,
{
    let path = state.import_file()?;
    let me = state.clone();
    // Reset before waiting for the workspace: a Cancel pressed while an earlier command still
    // holds it is not lost.
    me.import_cancel().store(false, Ordering::SeqCst);
    state
        .with_workspace(move |ws| {
            run(
                ws,
                &path,
                &mut |p| drop(on_progress.send(p)),
                me.import_cancel(),
            )
        })
        .await
}

/// The most typed rows a preview sends to the window.
const PREVIEW_ROWS_MAX: usize = 1_000;

/// What a commit with these resolutions would do (the defaults when absent), writing nothing.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, Shared>,
    options: ImportOptions,
    resolutions: Option<Resolutions>,
    on_progress: Channel<Progress>,
) -> Result<Preview, ErrorDto> {
    let resolutions = resolutions.unwrap_or_default();
    // The window shows a page of typed rows; a larger number is not kept in memory.
    let options = ImportOptions {
        preview_rows: options.preview_rows.min(PREVIEW_ROWS_MAX),
        ..options
    };
    run_on_file(&state, on_progress, move |ws, path, progress, cancel| {
        import::preview(ws, path, &options, &resolutions, progress, cancel)
    })
    .await
}

#[tauri::command]
pub async fn import_commit(
    state: State<'_, Shared>,
    options: ImportOptions,
    resolutions: Resolutions,
    on_progress: Channel<Progress>,
) -> Result<ImportSummary, ErrorDto> {
    run_on_file(&state, on_progress, move |ws, path, progress, cancel| {
        import::commit(ws, path, &options, &resolutions, progress, cancel)
    })
    .await
}

/// Cancels the running preview or commit; the workspace stays exactly as before.
#[tauri::command]
pub async fn import_cancel(state: State<'_, Shared>) -> Result<(), ErrorDto> {
    state.import_cancel().store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn import_batches(state: State<'_, Shared>) -> Result<Vec<BatchInfo>, ErrorDto> {
    state.with_workspace(|ws| import::list_batches(ws)).await
}

#[tauri::command]
pub async fn import_undo(state: State<'_, Shared>, batch: i64) -> Result<UndoSummary, ErrorDto> {
    state
        .with_workspace(move |ws| import::undo(ws, batch))
        .await
}

/// Puts an undone batch back exactly as it was.
#[tauri::command]
pub async fn import_redo(state: State<'_, Shared>, batch: i64) -> Result<UndoSummary, ErrorDto> {
    state
        .with_workspace(move |ws| import::redo(ws, batch))
        .await
}

#[tauri::command]
pub async fn import_candidates(
    state: State<'_, Shared>,
    kind: UnknownKind,
) -> Result<Vec<Candidate>, ErrorDto> {
    state
        .with_workspace(move |ws| import::candidates(ws.conn(), kind))
        .await
}

/// Saves the confirmed mapping as a template, proposed again for files with the same headers.
#[tauri::command]
pub async fn import_save_mapping(
    state: State<'_, Shared>,
    name: String,
    kind: ImportKind,
    headers: Vec<String>,
    mapping: Mapping,
) -> Result<i64, ErrorDto> {
    state
        .with_workspace(move |ws| import::save_mapping(ws.conn(), &name, kind, &headers, &mapping))
        .await
}
