//! The workspace store: one SQLite file, one writer connection, WAL, foreign keys on,
//! migrations applied in one transaction keyed on `user_version`. Creating a workspace (blank or
//! the demo) belongs to the bootstrap module, above the features.

pub mod atomic;
pub mod backup;
pub mod batches;
pub mod bulk;
pub mod catalog;
pub mod files;
pub mod memo;
pub mod migrations;
pub mod pending_index;
pub mod query;
pub mod seed;

pub(crate) use atomic::atomic;
pub use atomic::{end_open_transaction, Savepoint};

use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another connection's lock before it fails as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The same while a background index rebuild runs (one index over millions of rows).
const REBUILD_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open workspace: the one writer connection to its file.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// A WAL checkpoint running on its own connection after a bulk import (see
    /// [`Workspace::checkpoint_in_background`]).
    checkpoint: Option<std::thread::JoinHandle<Result<()>>>,
    /// What engines keep between commands while the data stays the same (see [`memo`]).
    memo: memo::Memo,
}

fn newer_error(path: &Path, found: i64) -> Error {
    Error::new(
        Code::WorkspaceTooNew,
        format!(
            "工作区“{}”由更新版本的 Targetline 创建（数据版本 {found}，本程序支持到 {}）。为保护数据，未作任何修改。请升级 Targetline 后再打开。",
            path.display(),
            migrations::LATEST
        ),
        format!(
            "The workspace \"{}\" was written by a newer Targetline (schema {found}; this app knows up to {}). It was not touched. Please update Targetline to open it.",
            path.display(),
            migrations::LATEST
        ),
    )
}

fn not_a_workspace(path: &Path) -> Error {
    Error::new(
        Code::NotAWorkspace,
        format!("“{}”不是 Targetline 工作区文件。", path.display()),
        format!("\"{}\" is not a Targetline workspace file.", path.display()),
    )
}

/// Switches SQLite's memory statistics off, once, before this process opens its first connection:
/// they take a global mutex on every allocation and nothing here reads them (bulk imports spend a
/// few percent of their time in that mutex otherwise).
fn tune_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config with SQLITE_CONFIG_MEMSTATUS takes one int. Every connection of
        // the app is opened through `Workspace`, after this call; once the library is initialised
        // the call returns SQLITE_MISUSE and changes nothing, which is fine.
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::os::raw::c_int,
            );
        }
    });
}

impl Workspace {
    /// Opens (creating if missing) the workspace at `path` and brings its schema up to date.
    /// A file written by a newer app, or by another app, is refused before anything is written
    /// to it. Before a migration a backup goes to the default backups folder, if one is set.
    pub fn open(path: &Path) -> Result<Workspace> {
        Self::open_with(path, backup::default_root().as_deref())
    }

    /// [`Workspace::open`] with the backups folder `backups` (None: no backup before migrating).
    pub fn open_with(path: &Path, backups: Option<&Path>) -> Result<Workspace> {
        tune_sqlite();
        if path.exists() {
            Self::check_version(path)?;
        }
        let conn = Connection::open(path)?;
        let ws = Self::configure(conn, path)?;
        let current = ws.schema_version()?;
        if let Some(root) = backups {
            if current > 0 && current < migrations::LATEST {
                backup::create(&ws, root, backup::Reason::Migration(current))?;
            }
        }
        ws.migrate(migrations::LATEST)?;
        let mut ws = ws;
        // Look-up indexes a bulk import set aside, when the app ended before they were rebuilt:
        // built again off the open's path, by the background checkpoint (they change no result,
        // and a rebuild that fails there is retried by the next one).
        if pending_index::any(&ws.conn).unwrap_or(false) {
            ws.checkpoint_in_background();
        }
        Ok(ws)
    }

    /// Opens an existing workspace, failing if the file is missing.
    pub fn open_existing(path: &Path) -> Result<Workspace> {
        Self::open_existing_with(path, backup::default_root().as_deref())
    }

    /// [`Workspace::open_existing`] with the backups folder `backups`.
    pub fn open_existing_with(path: &Path, backups: Option<&Path>) -> Result<Workspace> {
        if !path.is_file() {
            return Err(Error::new(
                Code::WorkspaceMissing,
                format!("找不到工作区文件“{}”。", path.display()),
                format!("Workspace file \"{}\" not found.", path.display()),
            ));
        }
        Self::open_with(path, backups)
    }

    /// Opens an in-memory workspace (tests and pure CLI work).
    pub fn open_in_memory() -> Result<Workspace> {
        tune_sqlite();
        let conn = Connection::open_in_memory()?;
        let ws = Self::configure(conn, Path::new(":memory:"))?;
        ws.migrate(migrations::LATEST)?;
        Ok(ws)
    }

    /// Reads the schema version with a read-only connection, so a newer file is never touched.
    fn check_version(path: &Path) -> Result<()> {
        let ro = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let version: i64 = ro
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|_| not_a_workspace(path))?;
        if version > migrations::LATEST {
            return Err(newer_error(path, version));
        }
        if version == 0 {
            // Our files have a version from their first write on; a database with tables and
            // no version belongs to another app and is left alone.
            let objects: i64 = ro
                .query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|_| not_a_workspace(path))?;
            if objects > 0 {
                return Err(not_a_workspace(path));
            }
        } else {
            let has_meta: Option<String> = ro
                .query_row(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|_| not_a_workspace(path))?;
            if has_meta.is_none() {
                return Err(not_a_workspace(path));
            }
        }
        Ok(())
    }

    fn configure(conn: Connection, path: &Path) -> Result<Workspace> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // synchronous = FULL: in WAL mode every commit is flushed to disk before it returns, so
        // a committed change survives a power cut (NORMAL may lose the last commits).
        // 16 KiB pages for new files (an existing file keeps its own): fewer, fuller B-tree pages
        // make bulk imports and their index upkeep faster.
        conn.execute_batch(
            "PRAGMA page_size = 16384; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
        )?;
        if path != Path::new(":memory:") {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::new(
                    Code::WalUnavailable,
                    "无法启用 WAL 日志模式",
                    "Could not switch the workspace to WAL mode",
                ));
            }
        }
        Ok(Workspace {
            conn,
            path: path.to_path_buf(),
            checkpoint: None,
            memo: memo::Memo::default(),
        })
    }

    /// Applies migrations up to `target` (tests use a lower target to build old files).
    pub fn migrate(&self, target: i64) -> Result<()> {
        let current = self.schema_version()?;
        if current > migrations::LATEST {
            return Err(newer_error(&self.path, current));
        }
        if current >= target {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        migrations::apply(&tx, current, target)?;
        tx.commit()?;
        Ok(())
    }

    /// Copies the write-ahead log into the file on a connection of its own, so that a bulk
    /// import's commit does not wait for it and the window stays free (PASSIVE: readers and
    /// writers go on meanwhile). A file's last connection would do it on close anyway.
    /// Look-up indexes a bulk import set aside are built again first, on the same connection.
    pub fn checkpoint_in_background(&mut self) {
        if self.path == Path::new(":memory:") {
            let _ = pending_index::rebuild(&mut self.conn);
            return;
        }
        let _ = self.wait_for_checkpoint();
        // While indexes are rebuilt, one CREATE INDEX over millions of rows can hold the write
        // lock longer than the usual timeout: an edit meanwhile waits for it instead of failing.
        if pending_index::any(&self.conn).unwrap_or(false) {
            let _ = self.conn.busy_timeout(REBUILD_BUSY_TIMEOUT);
        }
        let path = self.path.clone();
        self.checkpoint = Some(std::thread::spawn(move || {
            let mut conn = Connection::open(&path)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.execute_batch("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;")?;
            pending_index::rebuild(&mut conn)?;
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
            Ok(())
        }));
    }

    /// Copies the whole write-ahead log into the file and empties it (TRUNCATE), so the main
    /// file alone holds every committed change. Returns false if a reader kept part of the log.
    pub fn checkpoint(&mut self) -> Result<bool> {
        self.wait_for_checkpoint()?;
        if self.path == Path::new(":memory:") {
            return Ok(true);
        }
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// Checkpoints and closes the connection: after it the file alone is the workspace (SQLite
    /// removes the emptied -wal of its last connection).
    pub fn close(mut self) -> Result<()> {
        self.checkpoint()?;
        self.conn.close().map_err(|(_, e)| e)?;
        Ok(())
    }

    /// Changes made through this connection since it opened (a close after changes is backed up).
    pub fn changes_since_open(&self) -> u64 {
        self.conn.total_changes()
    }

    /// Waits for a background checkpoint to finish (benchmarks time it on its own).
    pub fn wait_for_checkpoint(&mut self) -> Result<()> {
        match self.checkpoint.take() {
            Some(h) => {
                let done = h.join().unwrap_or(Ok(()));
                self.conn.busy_timeout(BUSY_TIMEOUT)?;
                done
            }
            None => Ok(()),
        }
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Writes a consistent copy of the workspace to `dest` (File → Save a copy).
    pub fn save_copy(&self, dest: &Path) -> Result<()> {
        if dest == self.path || files::same_file(dest, &self.path) {
            return Err(Error::new(
                Code::CopyOntoItself,
                "副本不能保存到当前工作区文件本身",
                "A copy cannot be saved over the open workspace itself",
            ));
        }
        files::write_copy(&self.conn, dest)
    }

    /// Counts for `targetline-cli info` and the status bar.
    pub fn info(&self) -> Result<WorkspaceInfo> {
        info_of(&self.conn)
    }
}

/// The counts of the workspace behind `conn` (also read from backups).
pub fn info_of(conn: &Connection) -> Result<WorkspaceInfo> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let company: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'company_name'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(WorkspaceInfo {
        schema_version: count("PRAGMA user_version")?,
        org_units: count("SELECT COUNT(*) FROM org_unit WHERE kind <> 'person'")?,
        // Current people: a transfer ends one row and starts another for the same person.
        people: count("SELECT COUNT(*) FROM org_unit WHERE kind = 'person' AND active = 1")?,
        targets: count("SELECT COUNT(*) FROM target")?,
        actuals: count("SELECT COUNT(*) FROM actual")?,
        deals: count("SELECT COUNT(*) FROM deal")?,
        actions: count("SELECT COUNT(*) FROM action")?,
        company,
    })
}

#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInfo {
    pub schema_version: i64,
    pub org_units: i64,
    pub people: i64,
    pub targets: i64,
    pub actuals: i64,
    pub deals: i64,
    pub actions: i64,
    pub company: Option<String>,
}

#[cfg(test)]
mod tests;
