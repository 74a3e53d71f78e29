//! What an engine derives from the workspace and keeps between commands (the variance engine's
//! organisation tree, calendar, targets and sums), so a click does not read it all again. Each
//! kept value carries the workspace's change stamp and is built again once the data may have
//! changed: SQLite's `data_version` moves when another connection commits (a background index
//! rebuild, a second window), and the connection's count of changed rows moves with every write
//! of our own (an import, its undo, a target edit, a setting stored in the file).

use super::Workspace;
use crate::error::Result;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// When the data last changed, as far as this connection can tell.
pub type ChangeStamp = (i64, u64);

type Slot = (ChangeStamp, Arc<dyn Any + Send + Sync>);

/// The kept values of one open workspace, one per type.
#[derive(Default)]
pub struct Memo {
    slots: Mutex<HashMap<TypeId, Slot>>,
}

impl Workspace {
    /// The change stamp now: cheap (one pragma read), so every command can ask.
    pub fn change_stamp(&self) -> Result<ChangeStamp> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok((version, self.conn.total_changes()))
    }

    /// The kept `T`, or a new one from `build` when there is none yet or the data changed since
    /// it was built.
    pub fn memo<T: Any + Send + Sync>(
        &self,
        build: impl FnOnce(&Workspace) -> Result<T>,
    ) -> Result<Arc<T>> {
        let stamp = self.change_stamp()?;
        let key = TypeId::of::<T>();
        {
            let slots = self.memo.slots.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((at, value)) = slots.get(&key) {
                if *at == stamp {
                    if let Ok(v) = Arc::clone(value).downcast::<T>() {
                        return Ok(v);
                    }
                }
            }
        }
        let value = Arc::new(build(self)?);
        // Kept only when nothing was written meanwhile and no transaction is open (its writes
        // could still be rolled back, and the count of changed rows would not go back).
        if self.conn.is_autocommit() && self.change_stamp()? == stamp {
            let mut slots = self.memo.slots.lock().unwrap_or_else(|p| p.into_inner());
            slots.insert(key, (stamp, value.clone() as Arc<dyn Any + Send + Sync>));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Count(i64);

    fn count(ws: &Workspace) -> Result<Count> {
        Ok(Count(ws.conn().query_row(
            "SELECT COUNT(*) FROM meta",
            [],
            |r| r.get(0),
        )?))
    }

    #[test]
    fn a_kept_value_is_built_once_and_again_after_any_write() {
        let ws = Workspace::open_in_memory().unwrap();
        let first = ws.memo(count).unwrap();
        let again = ws.memo(count).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        ws.conn()
            .execute("INSERT INTO meta(key, value) VALUES ('memo_test', 'x')", [])
            .unwrap();
        let after = ws.memo(count).unwrap();
        assert!(!Arc::ptr_eq(&first, &after));
        assert_eq!(after.0, first.0 + 1);
    }

    #[test]
    fn nothing_built_inside_a_transaction_is_kept() {
        let ws = Workspace::open_in_memory().unwrap();
        let before = ws.memo(count).unwrap();
        ws.conn().execute_batch("BEGIN").unwrap();
        ws.conn()
            .execute("INSERT INTO meta(key, value) VALUES ('memo_test', 'x')", [])
            .unwrap();
        assert_eq!(ws.memo(count).unwrap().0, before.0 + 1);
        ws.conn().execute_batch("ROLLBACK").unwrap();
        // The row was rolled back but the count of changed rows stays: still not the value seen
        // inside the transaction.
        assert_eq!(ws.memo(count).unwrap().0, before.0);
    }

    #[test]
    fn a_commit_from_another_connection_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.targetline");
        let ws = Workspace::open_with(&path, None).unwrap();
        let first = ws.memo(count).unwrap();
        let other = rusqlite::Connection::open(&path).unwrap();
        other
            .execute("INSERT INTO meta(key, value) VALUES ('memo_test', 'y')", [])
            .unwrap();
        let after = ws.memo(count).unwrap();
        assert_eq!(after.0, first.0 + 1);
    }
}
