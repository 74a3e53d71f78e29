//! The workspace store: one SQLite file, one writer connection, WAL, foreign keys on,
//! migrations applied in one transaction keyed on `user_version`.

pub mod batches;
pub mod catalog;
pub mod migrations;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// An open workspace: the one writer connection to its file.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// A WAL checkpoint running on its own connection after a bulk import (see
    /// [`Workspace::checkpoint_in_background`]).
    checkpoint: Option<std::thread::JoinHandle<Result<()>>>,
}

fn newer_error(path: &Path, found: i64) -> Error {
    Error::new(
        "workspace_too_new",
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
        "not_a_workspace",
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
    /// A file written by a newer app is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Workspace> {
        tune_sqlite();
        if path.exists() {
            Self::check_version(path)?;
        }
        let conn = Connection::open(path)?;
        let ws = Self::configure(conn, path)?;
        ws.migrate(migrations::LATEST)?;
        Ok(ws)
    }

    /// Opens an existing workspace, failing if the file is missing.
    pub fn open_existing(path: &Path) -> Result<Workspace> {
        if !path.is_file() {
            return Err(Error::new(
                "workspace_missing",
                format!("找不到工作区文件“{}”。", path.display()),
                format!("Workspace file \"{}\" not found.", path.display()),
            ));
        }
        Self::open(path)
    }

    /// Opens the workspace at `path`; a missing file is created and filled with the demo company
    /// (first launch). Returns whether the demo was written.
    pub fn open_or_create_demo(path: &Path) -> Result<(Workspace, bool)> {
        if path.exists() {
            return Ok((Self::open(path)?, false));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut ws = Self::open(path)?;
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED)?;
        Ok((ws, true))
    }

    /// Creates a new, empty workspace at `path` (File → New workspace), replacing a file the user
    /// chose to overwrite. It starts with the standard metrics, funnel stages, the fiscal year
    /// `fiscal_year` and the holiday calendar.
    pub fn create_blank(path: &Path, fiscal_year: i32) -> Result<Workspace> {
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
        let mut ws = Self::open(path)?;
        let tx = ws.conn.transaction()?;
        catalog::write_catalog(&tx, fiscal_year)?;
        tx.commit()?;
        Ok(ws)
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
        if version > 0 {
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
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // 16 KiB pages for new files (an existing file keeps its own): fewer, fuller B-tree pages
        // make bulk imports and their index upkeep faster.
        conn.execute_batch(
            "PRAGMA page_size = 16384; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )?;
        if path != Path::new(":memory:") {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::new(
                    "wal_unavailable",
                    "无法启用 WAL 日志模式",
                    "Could not switch the workspace to WAL mode",
                ));
            }
        }
        Ok(Workspace {
            conn,
            path: path.to_path_buf(),
            checkpoint: None,
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
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version > current && version <= target {
                tx.execute_batch(sql)?;
            }
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
        Ok(())
    }

    /// Copies the write-ahead log into the file on a connection of its own, so that a bulk
    /// import's commit does not wait for it and the window stays free (PASSIVE: readers and
    /// writers go on meanwhile). A file's last connection would do it on close anyway.
    pub fn checkpoint_in_background(&mut self) {
        if self.path == Path::new(":memory:") {
            return;
        }
        let _ = self.wait_for_checkpoint();
        let path = self.path.clone();
        self.checkpoint = Some(std::thread::spawn(move || {
            let conn = Connection::open(&path)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
            Ok(())
        }));
    }

    /// Waits for a background checkpoint to finish (benchmarks time it on its own).
    pub fn wait_for_checkpoint(&mut self) -> Result<()> {
        match self.checkpoint.take() {
            Some(h) => h.join().unwrap_or(Ok(())),
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
        if dest == self.path {
            return Err(Error::new(
                "copy_onto_itself",
                "副本不能保存到当前工作区文件本身",
                "A copy cannot be saved over the open workspace itself",
            ));
        }
        if dest.exists() {
            std::fs::remove_file(dest)?;
        }
        let target = dest.to_string_lossy().to_string();
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }

    /// Counts for `targetline-cli info` and the status bar.
    pub fn info(&self) -> Result<WorkspaceInfo> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(WorkspaceInfo {
            schema_version: self.schema_version()?,
            org_units: count("SELECT COUNT(*) FROM org_unit WHERE kind <> 'person'")?,
            people: count("SELECT COUNT(*) FROM org_unit WHERE kind = 'person'")?,
            targets: count("SELECT COUNT(*) FROM target")?,
            actuals: count("SELECT COUNT(*) FROM actual")?,
            deals: count("SELECT COUNT(*) FROM deal")?,
            actions: count("SELECT COUNT(*) FROM action")?,
            company: self.meta("company_name")?,
        })
    }
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

/// Runs `f` inside a savepoint: all of it is stored, or none of it. Savepoints nest, so a
/// change made of atomic steps is atomic as a whole.
pub(crate) fn atomic<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT atomic_write")?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE atomic_write")?;
            Ok(v)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO atomic_write; RELEASE atomic_write");
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_migration_upgrades_to_latest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.targetline");
        {
            let conn = Connection::open(&path).unwrap();
            let ws = Workspace::configure(conn, &path).unwrap();
            ws.migrate(1).unwrap();
            assert_eq!(ws.schema_version().unwrap(), 1);
            ws.set_meta("company_name", "旧公司").unwrap();
        }
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(ws.schema_version().unwrap(), migrations::LATEST);
        assert_eq!(ws.meta("company_name").unwrap().as_deref(), Some("旧公司"));
        let mapping_table: i64 = ws
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'import_mapping'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(mapping_table, 1);
    }

    #[test]
    fn migrations_7_and_9_link_the_ratio_components_of_an_old_catalog() {
        let links = |ws: &Workspace| -> Vec<(String, String, String)> {
            let mut st = ws
                .conn()
                .prepare(
                    "SELECT r.code, n.code, d.code FROM metric r JOIN metric n ON n.id = r.numerator_id
                     JOIN metric d ON d.id = r.denominator_id ORDER BY r.code",
                )
                .unwrap();
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            v
        };
        // (code, sort, every other column of the definition)
        let metrics = |ws: &Workspace| -> Vec<(String, i64, String)> {
            let mut st = ws
                .conn()
                .prepare(
                    "SELECT code, sort, name_zh || '|' || name_en || '|' || unit || '|' || direction
                            || '|' || kind || '|' || horizon || '|' || aggregation
                     FROM metric ORDER BY sort, id",
                )
                .unwrap();
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            v
        };
        let fresh = Workspace::open_in_memory().unwrap();
        catalog::write_catalog(fresh.conn(), 2026).unwrap();
        let expected = links(&fresh);
        let pair = |r: &str, n: &str, d: &str| (r.to_string(), n.to_string(), d.to_string());
        assert_eq!(
            expected,
            vec![
                pair("attrition", "leavers", "headcount_avg"),
                pair("collection_rate", "collections", "revenue"),
                pair("complaint_rate", "complaints", "orders"),
                pair("conversion_rate", "new_customers", "leads"),
                pair("repurchase_rate", "repeat_customers", "active_customers"),
            ]
        );
        // A catalog as migrations 1-6 left it: 12 metrics, only conversion linked.
        let old =
            Workspace::configure(Connection::open_in_memory().unwrap(), Path::new(":memory:"))
                .unwrap();
        old.migrate(6).unwrap();
        catalog::write_catalog(old.conn(), 2026).unwrap();
        old.conn()
            .execute_batch(
                "UPDATE metric SET numerator_id = NULL, denominator_id = NULL WHERE code <> 'conversion_rate';
                 DELETE FROM metric WHERE sort >= 12;",
            )
            .unwrap();
        assert_eq!(links(&old).len(), 1);
        old.migrate(7).unwrap();
        assert_eq!(links(&old), expected[1..4].to_vec());
        old.migrate(8).unwrap();
        // Migration 9 adds the components of repurchase rate and attrition after the others
        // and links them; the old catalog now reads exactly as a new one.
        old.migrate(9).unwrap();
        assert_eq!(links(&old), expected);
        assert_eq!(metrics(&old), metrics(&fresh));
        // A workspace that already recorded attrition rates keeps reading them (the counts
        // cannot be made from the rates); repurchase, without rows, is linked.
        let with_rates =
            Workspace::configure(Connection::open_in_memory().unwrap(), Path::new(":memory:"))
                .unwrap();
        with_rates.migrate(8).unwrap();
        catalog::write_catalog(with_rates.conn(), 2026).unwrap();
        with_rates
            .conn()
            .execute_batch(
                "UPDATE metric SET numerator_id = NULL, denominator_id = NULL
                   WHERE code IN ('attrition', 'repurchase_rate');
                 DELETE FROM metric WHERE sort >= 15;
                 INSERT INTO org_unit(id, kind, name) VALUES (1, 'person', '张三');
                 INSERT INTO import_batch(id, kind, file_name, sha256, imported_at)
                   VALUES (1, 'actuals', 'a.csv', 'x', '2026-01-01T00:00:00');
                 INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
                   VALUES (1, '2026-03-31', 1, (SELECT id FROM metric WHERE code = 'attrition'), 1200, 'f');",
            )
            .unwrap();
        with_rates.migrate(9).unwrap();
        let linked: Vec<String> = links(&with_rates).into_iter().map(|l| l.0).collect();
        assert_eq!(
            linked,
            [
                "collection_rate",
                "complaint_rate",
                "conversion_rate",
                "repurchase_rate"
            ]
        );
        let last: Vec<(String, i64)> = metrics(&fresh)[12..]
            .iter()
            .map(|m| (m.0.clone(), m.1))
            .collect();
        assert_eq!(
            last,
            [
                "collections",
                "orders",
                "complaints",
                "repeat_customers",
                "active_customers",
                "leavers",
                "headcount_avg"
            ]
            .iter()
            .zip(12..)
            .map(|(c, i)| (c.to_string(), i))
            .collect::<Vec<_>>()
        );
        let count = |ws: &Workspace| -> i64 {
            ws.conn()
                .query_row("SELECT COUNT(*) FROM metric", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!((count(&old), count(&fresh)), (19, 19));
        // An empty workspace gets nothing from the migrations (the catalog writes it).
        let blank = Workspace::open_in_memory().unwrap();
        assert_eq!(count(&blank), 0);
    }

    #[test]
    fn newer_workspace_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.targetline");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); PRAGMA user_version = 999;",
            )
            .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Workspace::open(&path).err().unwrap();
        assert_eq!(err.code, "workspace_too_new");
        assert!(err.zh.contains("999"), "{}", err.zh);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!dir.path().join("new.targetline-wal").exists());
    }

    #[test]
    fn foreign_keys_and_wal_are_on() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
        let fk: i64 = ws
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        let mode: String = ws
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!((fk, mode.as_str()), (1, "wal"));
        let err = ws
            .conn()
            .execute(
                "INSERT INTO org_unit(parent_id, kind, name) VALUES (42, 'team', 'x')",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    }

    #[test]
    fn blank_workspace_has_the_catalog_and_no_company() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_blank(&dir.path().join("b.targetline"), 2027).unwrap();
        let info = ws.info().unwrap();
        assert_eq!((info.people, info.org_units, info.targets), (0, 0, 0));
        let metrics: i64 = ws
            .conn()
            .query_row("SELECT COUNT(*) FROM metric", [], |r| r.get(0))
            .unwrap();
        let year: i64 = ws
            .conn()
            .query_row("SELECT year FROM fiscal_year", [], |r| r.get(0))
            .unwrap();
        assert_eq!((metrics, year), (catalog::METRICS.len() as i64, 2027));
    }

    #[test]
    fn first_launch_writes_the_demo_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("w.targetline");
        let (ws, created) = Workspace::open_or_create_demo(&path).unwrap();
        assert!(created);
        assert_eq!(ws.info().unwrap().people, 30);
        drop(ws);
        let (ws, created) = Workspace::open_or_create_demo(&path).unwrap();
        assert!(!created);
        assert_eq!(ws.info().unwrap().people, 30);
    }

    #[test]
    fn save_copy_writes_a_consistent_file() {
        let dir = tempfile::tempdir().unwrap();
        let (ws, _) = Workspace::open_or_create_demo(&dir.path().join("w.targetline")).unwrap();
        let copy = dir.path().join("copy.targetline");
        ws.save_copy(&copy).unwrap();
        let other = Workspace::open(&copy).unwrap();
        assert_eq!(other.info().unwrap(), ws.info().unwrap());
        assert_eq!(
            ws.save_copy(ws.path()).unwrap_err().code,
            "copy_onto_itself"
        );
    }

    #[test]
    fn a_foreign_file_is_not_a_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(
            &path,
            "这不是数据库 — just text, long enough to not be a header ........",
        )
        .unwrap();
        let err = Workspace::open(&path).err().unwrap();
        assert_eq!(err.code, "not_a_workspace");
    }
}
