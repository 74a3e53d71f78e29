//! What the shell keeps between commands: the open workspace (the one writer connection), the
//! settings, and an error from start-up to show in the window.

use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use targetline_core::settings::Settings;
use targetline_core::store::WorkspaceInfo;
use targetline_core::{Error, ErrorDto, Lang, Workspace};

/// Where to start: `--workspace PATH` (or `TARGETLINE_WORKSPACE`) and `--config-dir DIR` (or
/// `TARGETLINE_CONFIG_DIR`) for tests and portable use; else the OS folders.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub workspace: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
}

impl Launch {
    pub fn from_env() -> Launch {
        let mut args = std::env::args().skip(1);
        let mut workspace = std::env::var_os("TARGETLINE_WORKSPACE").map(PathBuf::from);
        let mut config_dir = std::env::var_os("TARGETLINE_CONFIG_DIR").map(PathBuf::from);
        while let Some(a) = args.next() {
            match a.as_str() {
                "--workspace" => workspace = args.next().map(PathBuf::from),
                "--config-dir" => config_dir = args.next().map(PathBuf::from),
                // A double-clicked .targetline file (the bundle's file association).
                other => {
                    if let Some(path) = crate::open_files::workspace_arg(other) {
                        workspace = Some(path);
                    }
                }
            }
        }
        Launch {
            workspace,
            config_dir,
        }
    }
}

pub struct Inner {
    workspace: Mutex<Option<Workspace>>,
    /// The file chosen in the import dialog; JS only ever sees its name.
    import_file: Mutex<Option<PathBuf>>,
    /// Set by the Cancel button of a running import.
    import_cancel: std::sync::atomic::AtomicBool,
    settings: Mutex<Settings>,
    config_dir: PathBuf,
    os_locale: Option<String>,
    startup_error: Mutex<Option<Error>>,
}

/// Managed state, cheap to clone into blocking tasks.
#[derive(Clone)]
pub struct Shared(Arc<Inner>);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceDto {
    pub path: String,
    pub file_name: String,
    pub info: WorkspaceInfo,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStateDto {
    pub lang: Lang,
    pub version: String,
    pub workspace: Option<WorkspaceDto>,
    pub error: Option<ErrorDto>,
}

const DEFAULT_FILE: &str = "Targetline.targetline";

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another command must not take the app down with it.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    /// Opens the workspace to start with: the launch choice, else the last one used, else the
    /// default file in the app-data folder, created with the demo company on first launch.
    pub fn start(launch: Launch, os_config: Option<PathBuf>, os_data: Option<PathBuf>) -> Shared {
        let config_dir = launch
            .config_dir
            .clone()
            .or(os_config)
            .unwrap_or_else(|| PathBuf::from("."));
        let data_dir = os_data.unwrap_or_else(|| config_dir.clone());
        let mut settings = Settings::load(&config_dir);
        let path = launch
            .workspace
            .clone()
            .or_else(|| settings.last_workspace.clone().filter(|p| p.is_file()))
            .unwrap_or_else(|| data_dir.join(DEFAULT_FILE));
        let (workspace, error) = match Workspace::open_or_create_demo(&path) {
            Ok((ws, _)) => {
                settings.last_workspace = Some(path);
                (Some(ws), None)
            }
            Err(e) => (None, Some(e)),
        };
        let shared = Shared(Arc::new(Inner {
            workspace: Mutex::new(workspace),
            import_file: Mutex::new(None),
            import_cancel: std::sync::atomic::AtomicBool::new(false),
            settings: Mutex::new(settings),
            config_dir,
            os_locale: sys_locale::get_locale(),
            startup_error: Mutex::new(error),
        }));
        shared.save_settings();
        shared
    }

    pub fn lang(&self) -> Lang {
        lock(&self.0.settings).effective_lang(self.0.os_locale.as_deref())
    }

    pub fn set_lang(&self, lang: Lang) {
        lock(&self.0.settings).lang = Some(lang);
        self.save_settings();
    }

    pub fn settings(&self) -> Settings {
        lock(&self.0.settings).clone()
    }

    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        f(&mut lock(&self.0.settings));
        self.save_settings();
    }

    fn save_settings(&self) {
        // Settings are a convenience: failing to save them must not stop the work.
        let _ = lock(&self.0.settings).save(&self.0.config_dir);
    }

    /// Localises a core error for the UI.
    pub fn dto(&self, e: &Error) -> ErrorDto {
        e.to_dto(self.lang())
    }

    /// Runs `f` on the open workspace on a blocking thread, so the window never waits on disk.
    pub async fn with_workspace<T, F>(&self, f: F) -> Result<T, ErrorDto>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace) -> targetline_core::Result<T> + Send + 'static,
    {
        let me = self.clone();
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = lock(&me.0.workspace);
            match guard.as_mut() {
                Some(ws) => f(ws),
                None => Err(no_workspace()),
            }
        })
        .await
        .map_err(join_error);
        result.and_then(|r| r).map_err(|e| self.dto(&e))
    }

    /// Replaces the open workspace with the one `open` returns; the old one stays open on error.
    pub async fn replace_workspace<F>(&self, open: F) -> Result<AppStateDto, ErrorDto>
    where
        F: FnOnce() -> targetline_core::Result<Workspace> + Send + 'static,
    {
        let me = self.clone();
        let opened = tauri::async_runtime::spawn_blocking(open)
            .await
            .map_err(join_error)
            .and_then(|r| r)
            .map_err(|e| self.dto(&e))?;
        let path = opened.path().to_path_buf();
        *lock(&me.0.workspace) = Some(opened);
        *lock(&me.0.startup_error) = None;
        me.update_settings(|s| s.last_workspace = Some(path));
        Ok(me.snapshot())
    }

    pub fn set_import_file(&self, path: PathBuf) {
        *lock(&self.0.import_file) = Some(path);
    }

    pub fn import_file(&self) -> Result<PathBuf, ErrorDto> {
        lock(&self.0.import_file).clone().ok_or_else(|| {
            self.dto(&Error::new(
                "no_import_file",
                "请先选择要导入的文件",
                "Choose a file to import first",
            ))
        })
    }

    /// The cancel flag of the running import (reset when an import starts).
    pub fn import_cancel(&self) -> &std::sync::atomic::AtomicBool {
        &self.0.import_cancel
    }

    /// The open workspace's path (for Save a copy).
    pub fn workspace_path(&self) -> Option<PathBuf> {
        lock(&self.0.workspace)
            .as_ref()
            .map(|w| w.path().to_path_buf())
    }

    pub fn snapshot(&self) -> AppStateDto {
        let lang = self.lang();
        let ws = lock(&self.0.workspace);
        let mut error = lock(&self.0.startup_error).as_ref().map(|e| e.to_dto(lang));
        let workspace = ws.as_ref().and_then(|w| match w.info() {
            Ok(info) => Some(WorkspaceDto {
                path: w.path().display().to_string(),
                file_name: w
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                info,
            }),
            Err(e) => {
                error = Some(e.to_dto(lang));
                None
            }
        });
        AppStateDto {
            lang,
            version: env!("CARGO_PKG_VERSION").to_string(),
            workspace,
            error,
        }
    }
}

/// A blocking task that did not finish (it panicked): an internal error in both languages.
fn join_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        "internal",
        format!("内部错误：{e}"),
        format!("Internal error: {e}"),
    )
}

pub fn no_workspace() -> Error {
    Error::new(
        "no_workspace",
        "当前没有打开的工作区：请通过“文件”菜单新建或打开一个。",
        "No workspace is open: create or open one from the File menu.",
    )
}
