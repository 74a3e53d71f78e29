//! What the shell keeps between commands: the open workspace (the one writer connection), the
//! settings, and an error from start-up to show in the window.

use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};
use targetline_core::error::Code;
use targetline_core::settings::Settings;
use targetline_core::store::backup;
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
    /// Where backups go (the app-data folder's `backups`, or the launch's config folder's).
    backup_root: PathBuf,
    /// When the last command on the workspace ended, until the idle checkpoint has run.
    last_activity: Mutex<Option<Instant>>,
}

/// After this long without a command, the write-ahead log is copied into the file.
pub const IDLE_CHECKPOINT: Duration = Duration::from_secs(30);

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
        // A chosen config folder keeps everything of that launch in it (the default workspace and
        // the backups too), so a test run or a second profile never meets the user's own files.
        let data_dir = match (&launch.config_dir, os_data) {
            (None, Some(data)) => data,
            _ => config_dir.clone(),
        };
        let backup_root = data_dir.join("backups");
        let mut settings = Settings::load(&config_dir);
        let path = launch
            .workspace
            .clone()
            .or_else(|| settings.last_workspace.clone().filter(|p| p.is_file()))
            .unwrap_or_else(|| data_dir.join(DEFAULT_FILE));
        let (workspace, error) =
            match Workspace::open_or_create_demo_with(&path, Some(&backup_root)) {
                Ok((ws, _)) => {
                    daily_backup(&ws, &backup_root);
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
            backup_root,
            last_activity: Mutex::new(None),
        }));
        shared.save_settings();
        shared.watch_idle();
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

    /// Changes the settings and saves them; when they cannot be saved the change is taken back
    /// and the error returned (for a setting the user asked to keep, who must be told).
    pub fn update_settings_saved(&self, f: impl FnOnce(&mut Settings)) -> Result<(), ErrorDto> {
        let saved = {
            let mut s = lock(&self.0.settings);
            let before = s.clone();
            f(&mut s);
            let saved = s.save(&self.0.config_dir);
            if saved.is_err() {
                *s = before;
            }
            saved
        };
        saved.map_err(|e| {
            log::warn!("settings not saved: {}", e.en);
            self.dto(&Error::new(
                Code::SettingsNotSaved,
                "设置无法保存：请检查配置文件夹是否可写",
                "The settings could not be saved: check that the configuration folder can be written",
            ))
        })
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
    /// A panic becomes an internal error; a transaction left open is rolled back and reported,
    /// so no later edit is silently nested in it.
    pub async fn with_workspace<T, F>(&self, f: F) -> Result<T, ErrorDto>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace) -> targetline_core::Result<T> + Send + 'static,
    {
        let me = self.clone();
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = lock(&me.0.workspace);
            let Some(ws) = guard.as_mut() else {
                return Err(no_workspace());
            };
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(ws)));
            let closed = targetline_core::store::end_open_transaction(ws.conn());
            *lock(&me.0.last_activity) = Some(Instant::now());
            match out {
                Ok(r) => closed.and(r),
                // The panic hook has logged it with its backtrace; the user sees a friendly
                // message, never the panic's text.
                Err(_) => Err(crate::support::panic_message()),
            }
        })
        .await
        .map_err(|_| crate::support::panic_message());
        result.and_then(|r| r).map_err(|e| self.dto(&e))
    }

    /// Replaces the open workspace with the one `open` returns; the old one stays open on error.
    /// The old one is checkpointed and closed (and backed up if it changed), the new one gets
    /// its daily backup.
    pub async fn replace_workspace<F>(&self, open: F) -> Result<AppStateDto, ErrorDto>
    where
        F: FnOnce(&std::path::Path) -> targetline_core::Result<Workspace> + Send + 'static,
    {
        let me = self.clone();
        let root = self.0.backup_root.clone();
        let opened = tauri::async_runtime::spawn_blocking(move || {
            let ws = open(&root)?;
            daily_backup(&ws, &root);
            Ok(ws)
        })
        .await
        .map_err(|_| crate::support::panic_message())
        .and_then(|r| r)
        .map_err(|e| self.dto(&e))?;
        let path = opened.path().to_path_buf();
        let old = lock(&me.0.workspace).replace(opened);
        if let Some(old) = old {
            let root = me.0.backup_root.clone();
            let _ = tauri::async_runtime::spawn_blocking(move || finish(old, &root)).await;
        }
        *lock(&me.0.startup_error) = None;
        // A file picked for the old workspace is not imported into the new one.
        *lock(&me.0.import_file) = None;
        me.update_settings(|s| s.last_workspace = Some(path));
        Ok(me.snapshot())
    }

    /// Leaving the app: the workspace is backed up if it changed (once a day), checkpointed so
    /// the file alone holds everything, and closed.
    pub fn shutdown(&self) {
        let ws = lock(&self.0.workspace).take();
        if let Some(ws) = ws {
            finish(ws, &self.0.backup_root);
        }
    }

    /// Copies the write-ahead log into the file if no command ran for `idle` since the last one.
    pub fn checkpoint_if_idle(&self, idle: Duration) {
        let due = matches!(*lock(&self.0.last_activity), Some(t) if t.elapsed() >= idle);
        if !due {
            return;
        }
        // A command at work keeps the lock; the next round tries again.
        let Ok(mut guard) = self.0.workspace.try_lock() else {
            return;
        };
        if let Some(ws) = guard.as_mut() {
            if ws.checkpoint().unwrap_or(false) {
                *lock(&self.0.last_activity) = None;
            }
        }
    }

    fn watch_idle(&self) {
        let weak: Weak<Inner> = Arc::downgrade(&self.0);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(5));
            match weak.upgrade() {
                Some(inner) => Shared(inner).checkpoint_if_idle(IDLE_CHECKPOINT),
                None => break,
            }
        });
    }

    /// The open workspace's backups, newest first.
    pub async fn backups(&self) -> Result<Vec<backup::BackupInfo>, ErrorDto> {
        let root = self.0.backup_root.clone();
        self.with_workspace(move |ws| backup::list(&root, ws.path()))
            .await
    }

    /// Backs the open workspace up now (Settings → Backups → Back up now).
    pub async fn backup_now(&self) -> Result<backup::BackupInfo, ErrorDto> {
        let root = self.0.backup_root.clone();
        self.with_workspace(move |ws| backup::create(ws, &root, backup::Reason::Manual))
            .await
    }

    /// Replaces the open workspace with backup `id` (what it replaces is backed up first).
    pub async fn restore_backup(&self, id: String) -> Result<AppStateDto, ErrorDto> {
        let me = self.clone();
        let restored = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = lock(&me.0.workspace);
            if guard.is_none() {
                return Err(no_workspace());
            }
            backup::restore(&mut guard, &me.0.backup_root, &id)
        })
        .await
        .map_err(|_| crate::support::panic_message())
        .and_then(|r| r);
        restored.map_err(|e| self.dto(&e))?;
        Ok(self.snapshot())
    }

    pub fn set_import_file(&self, path: PathBuf) {
        *lock(&self.0.import_file) = Some(path);
    }

    pub fn import_file(&self) -> Result<PathBuf, ErrorDto> {
        lock(&self.0.import_file).clone().ok_or_else(|| {
            self.dto(&Error::new(
                Code::NoImportFile,
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

/// Takes the daily backup of a workspace just opened; a failed backup does not stop the work.
fn daily_backup(ws: &Workspace, root: &std::path::Path) {
    if !backup::taken_today(root, ws.path(), backup::Reason::Open) {
        let _ = backup::create(ws, root, backup::Reason::Open);
    }
}

/// Closes a workspace the app leaves: a backup if it changed (once a day), then checkpoint and
/// close. Nothing can be shown any more, so failures are dropped.
fn finish(ws: Workspace, root: &std::path::Path) {
    if ws.changes_since_open() > 0 && !backup::taken_today(root, ws.path(), backup::Reason::Close) {
        let _ = backup::create(&ws, root, backup::Reason::Close);
    }
    let _ = ws.close();
}

pub fn no_workspace() -> Error {
    Error::new(
        Code::NoWorkspace,
        "当前没有打开的工作区：请通过“文件”菜单新建或打开一个。",
        "No workspace is open: create or open one from the File menu.",
    )
}
