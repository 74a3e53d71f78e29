//! Backups: consistent copies of a workspace (`VACUUM INTO` a temporary file, then renamed) in a
//! folder of their own per workspace under a backups root (the app-data folder's `backups`).
//! Taken before every migration, once a day on open, once a day on close after changes, before
//! a restore, and on demand. Kept: the newest 10, plus the newest of each month for a year.

use super::{files, info_of, migrations, Workspace, WorkspaceInfo};
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::{Datelike, Local, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many of the newest backups are always kept.
pub const KEEP_NEWEST: usize = 10;
/// For how many months the newest backup of each month is kept as well.
pub const KEEP_MONTHS: i32 = 12;

const EXT: &str = "targetline";
const STAMP: &str = "%Y%m%d-%H%M%S%3f";

/// Why a backup was taken (it is part of its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Before migrating from this schema version.
    Migration(i64),
    Open,
    Close,
    /// Of the workspace a restore replaced.
    Restore,
    Manual,
}

impl Reason {
    fn tag(self) -> String {
        match self {
            Reason::Migration(v) => format!("migration-v{v}"),
            Reason::Open => "open".into(),
            Reason::Close => "close".into(),
            Reason::Restore => "restore".into(),
            Reason::Manual => "manual".into(),
        }
    }
}

/// One backup as listed in Settings → Backups and by `targetline-cli backups`.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// Its file name without the extension; what restore takes.
    pub id: String,
    /// Local time it was taken, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    /// migration-vN, open, close, restore or manual.
    pub reason: String,
    pub size: u64,
    pub counts: WorkspaceInfo,
}

static DEFAULT_ROOT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Sets the backups root that [`Workspace::open`] uses before a migration (the CLI sets the
/// app's; the app passes its own explicitly; tests set none).
pub fn set_default_root(root: Option<PathBuf>) {
    *DEFAULT_ROOT.lock().unwrap_or_else(|p| p.into_inner()) = root;
}

pub fn default_root() -> Option<PathBuf> {
    DEFAULT_ROOT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

/// The app's backups root: `backups` in the app-data folder the desktop app uses
/// (`~/.local/share/<id>` on Linux, `~/Library/Application Support/<id>` on macOS,
/// `%APPDATA%\<id>` on Windows).
pub fn app_root() -> Option<PathBuf> {
    const IDENTIFIER: &str = "app.targetline.desktop";
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let data = if cfg!(windows) {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library").join("Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local").join("share")))
    };
    data.map(|d| d.join(IDENTIFIER).join("backups"))
}

/// The folder of `workspace`'s backups under `root`: its name and a hash of its full path, so
/// two files of one name in different folders keep apart.
pub fn folder(root: &Path, workspace: &Path) -> PathBuf {
    let full = std::fs::canonicalize(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    let hash = Sha256::digest(full.to_string_lossy().as_bytes());
    let stem: String = workspace
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let short: String = hash[..4].iter().map(|b| format!("{b:02x}")).collect();
    root.join(format!("{stem}-{short}"))
}

/// Takes a backup of `ws` now and prunes the old ones.
pub fn create(ws: &Workspace, root: &Path, reason: Reason) -> Result<BackupInfo> {
    let dir = folder(root, ws.path());
    std::fs::create_dir_all(&dir)?;
    let mut id = format!("{}-{}", Local::now().format(STAMP), reason.tag());
    while dir.join(format!("{id}.{EXT}")).exists() {
        std::thread::sleep(std::time::Duration::from_millis(2));
        id = format!("{}-{}", Local::now().format(STAMP), reason.tag());
    }
    let file = dir.join(format!("{id}.{EXT}"));
    files::write_copy(ws.conn(), &file)?;
    prune(&dir)?;
    read_info(&file)
}

/// Whether a backup for `reason` was already taken today (local date): open and close
/// backups are taken at most once a day each.
pub fn taken_today(root: &Path, workspace: &Path, reason: Reason) -> bool {
    let today = Local::now().format("%Y%m%d").to_string();
    let tag = reason.tag();
    ids(&folder(root, workspace))
        .iter()
        .any(|(id, _)| id.starts_with(&today) && id.ends_with(&tag))
}

/// The backups of `workspace`, newest first.
pub fn list(root: &Path, workspace: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    for (_, file) in ids(&folder(root, workspace)).into_iter().rev() {
        if let Ok(info) = read_info(&file) {
            out.push(info);
        }
    }
    Ok(out)
}

/// Replaces the open workspace in `slot` with backup `id`: the backup is checked first, what it
/// replaces is backed up (reason "restore"), the workspace is closed, the backup copied beside
/// it and renamed over it, and the file opened again. On failure the workspace that was open
/// is back in `slot`, open, whenever its file can be opened.
pub fn restore(slot: &mut Option<Workspace>, root: &Path, id: &str) -> Result<()> {
    let ws = slot.take().ok_or_else(|| {
        Error::new(
            Code::NoWorkspace,
            "当前没有打开的工作区",
            "No workspace is open",
        )
    })?;
    let source = match find(root, ws.path(), id).and_then(|f| check(&f).map(|_| f)) {
        Ok(f) => f,
        Err(e) => {
            *slot = Some(ws);
            return Err(e);
        }
    };
    // The chosen backup is copied beside the workspace first: taking the "restore" backup
    // below may prune older backups, the chosen one among them.
    let path = ws.path().to_path_buf();
    let tmp = files::temp_beside(&path);
    let staged = (|| -> Result<()> {
        std::fs::copy(&source, &tmp)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        Ok(())
    })()
    .and_then(|()| create(&ws, root, Reason::Restore).map(|_| ()));
    if let Err(e) = staged {
        let _ = std::fs::remove_file(&tmp);
        *slot = Some(ws);
        return Err(e);
    }
    let put = ws.close().and_then(|()| {
        let moved = (|| -> Result<()> {
            files::remove_companions(&path)?;
            std::fs::rename(&tmp, &path)?;
            Ok(())
        })();
        if moved.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        moved
    });
    let reopened = Workspace::open_with(&path, Some(root));
    match (put, reopened) {
        (Ok(()), Ok(ws)) => {
            *slot = Some(ws);
            Ok(())
        }
        (Err(e), reopened) => {
            *slot = reopened.ok();
            Err(e)
        }
        (Ok(()), Err(e)) => Err(e),
    }
}

fn not_found(id: &str) -> Error {
    Error::new(
        Code::BackupNotFound,
        format!("找不到备份“{id}”。"),
        format!("Backup \"{id}\" was not found."),
    )
}

/// The file of backup `id` of `workspace`; an id is a plain name from the list, never a path.
fn find(root: &Path, workspace: &Path, id: &str) -> Result<PathBuf> {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let file = folder(root, workspace).join(format!("{id}.{EXT}"));
    if !plain || !file.is_file() {
        return Err(not_found(id));
    }
    Ok(file)
}

/// A backup must be a sound Targetline workspace this app can read.
fn check(file: &Path) -> Result<()> {
    let damaged = || {
        Error::new(
            Code::BackupDamaged,
            format!("备份“{}”已损坏，未恢复。", file.display()),
            format!(
                "The backup \"{}\" is damaged; nothing was restored.",
                file.display()
            ),
        )
    };
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| damaged())?;
    let ok: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|_| damaged())?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| damaged())?;
    if ok != "ok" || version == 0 || version > migrations::LATEST {
        return Err(damaged());
    }
    Ok(())
}

fn read_info(file: &Path) -> Result<BackupInfo> {
    let id = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stamp, reason) = split_id(&id).ok_or_else(|| not_found(&id))?;
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(BackupInfo {
        created_at: stamp.format(crate::STAMP_FORMAT).to_string(),
        reason: reason.to_string(),
        size: std::fs::metadata(file)?.len(),
        counts: info_of(&conn)?,
        id,
    })
}

/// (taken at, reason) of a backup id `YYYYMMDD-HHMMSSmmm-reason`.
fn split_id(id: &str) -> Option<(NaiveDateTime, &str)> {
    let stamp = id.get(..18)?;
    let reason = id.get(19..)?;
    let t = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((t, reason))
}

/// (id, file) of every backup in `dir`, oldest first (ids sort by time).
fn ids(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == EXT))
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            split_id(&id)?;
            Some((id, p))
        })
        .collect();
    out.sort();
    out
}

/// Deletes the backups no rule keeps: the newest [`KEEP_NEWEST`] stay, and the newest of each
/// of the last [`KEEP_MONTHS`] months.
fn prune(dir: &Path) -> Result<()> {
    let all = ids(dir);
    let now = Local::now().naive_local();
    let month_index = |t: NaiveDateTime| t.year() * 12 + t.month0() as i32;
    let mut kept_months = std::collections::HashSet::new();
    for (i, (id, file)) in all.iter().enumerate().rev() {
        let newest = all.len() - i <= KEEP_NEWEST;
        let Some((t, _)) = split_id(id) else { continue };
        let month = month_index(t);
        let monthly = month_index(now) - month < KEEP_MONTHS && kept_months.insert(month);
        if !newest && !monthly {
            std::fs::remove_file(file)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
