//! File → New workspace / Open workspace / Save a copy. The native dialog opens on the Rust
//! side; JS never handles file paths. Cancelling a dialog returns the state unchanged.

use crate::dialogs::{self, workspace_ask, WORKSPACE_EXT};
use crate::state::{AppStateDto, Shared};
use targetline_core::error::Code;
use targetline_core::{Error, ErrorDto, Workspace};
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn workspace_new<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<AppStateDto, ErrorDto> {
    new(&app, &state).await
}

#[tauri::command]
pub async fn workspace_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<AppStateDto, ErrorDto> {
    open(&app, &state).await
}

#[tauri::command]
pub async fn workspace_save_copy<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<AppStateDto, ErrorDto> {
    save_copy(&app, &state).await
}

// The menu calls these too, so the menu and the buttons do exactly the same.

pub async fn new<R: Runtime>(app: &AppHandle<R>, state: &Shared) -> Result<AppStateDto, ErrorDto> {
    let ask = workspace_ask(
        ("新建工作区", "New workspace"),
        Some(format!("新工作区.{WORKSPACE_EXT}")),
    );
    let Some(path) = dialogs::save_file(app, ask, state.lang()).await else {
        return Ok(state.snapshot());
    };
    let open = state.workspace_path();
    if open
        .as_deref()
        .is_some_and(|o| o == path || targetline_core::store::files::same_file(o, &path))
    {
        return Err(state.dto(&Error::new(
            Code::WorkspaceInUse,
            "不能用新工作区覆盖当前打开的工作区，请换一个文件名。",
            "A new workspace cannot replace the one that is open; choose another file name.",
        )));
    }
    let year = chrono_year();
    state
        .replace_workspace(move |_| Workspace::create_blank(&path, year))
        .await
}

pub async fn open<R: Runtime>(app: &AppHandle<R>, state: &Shared) -> Result<AppStateDto, ErrorDto> {
    let ask = workspace_ask(("打开工作区", "Open workspace"), None);
    let Some(path) = dialogs::open_file(app, ask, state.lang()).await else {
        return Ok(state.snapshot());
    };
    let open = state.workspace_path();
    if open
        .as_deref()
        .is_some_and(|o| targetline_core::store::files::same_file(o, &path))
    {
        // Already open: one connection per file.
        return Ok(state.snapshot());
    }
    state
        .replace_workspace(move |backups| Workspace::open_existing_with(&path, Some(backups)))
        .await
}

/// Settings → Backups: the open workspace's backups, newest first (time, size, counts).
#[tauri::command]
pub async fn workspace_backups(
    state: State<'_, Shared>,
) -> Result<Vec<targetline_core::store::backup::BackupInfo>, ErrorDto> {
    state.backups().await
}

/// Settings → Backups → Back up now: a consistent copy of the open workspace, listed with the
/// others.
#[tauri::command]
pub async fn workspace_backup_now(
    state: State<'_, Shared>,
) -> Result<targetline_core::store::backup::BackupInfo, ErrorDto> {
    state.backup_now().await
}

/// Settings → Backups → Restore (after the window's confirmation): the workspace becomes the
/// backup `id`; what it replaces is backed up first.
#[tauri::command]
pub async fn workspace_restore(
    state: State<'_, Shared>,
    id: String,
) -> Result<AppStateDto, ErrorDto> {
    state.restore_backup(id).await
}

pub async fn save_copy<R: Runtime>(
    app: &AppHandle<R>,
    state: &Shared,
) -> Result<AppStateDto, ErrorDto> {
    let ask = workspace_ask(
        ("另存副本", "Save a copy"),
        Some(format!("副本.{WORKSPACE_EXT}")),
    );
    let Some(path) = dialogs::save_file(app, ask, state.lang()).await else {
        return Ok(state.snapshot());
    };
    state.with_workspace(move |ws| ws.save_copy(&path)).await?;
    Ok(state.snapshot())
}

fn chrono_year() -> i32 {
    targetline_core::calendar::FiscalYear::containing(targetline_core::today(), 1).year
}
