//! Indexes set aside during a bulk write. Keeping an index up to date row by row costs about as
//! much as writing the row itself; a large import (more rows than the workspace held) drops the
//! look-up indexes of its table inside its own transaction, recording their definitions in
//! `pending_index`, and they are built again in one sorted pass after the commit, on a connection
//! of their own, one short transaction each. A unique index is set aside only by name
//! ([`set_aside_index`]) by an import that checks what it decides in memory instead (the
//! identities of `actual`); it is built first after the commit, and any writer that needs it
//! before then builds it in its own transaction ([`build_now`]). A rollback brings the indexes
//! back with the rows; a workspace closed before the rebuild finished rebuilds on open.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// Drops the non-unique indexes of `table`, recording them for [`rebuild`]. Returns how many.
pub fn set_aside(conn: &Connection, table: &str) -> Result<usize> {
    let indexes: Vec<(String, String)> = {
        let mut st = conn.prepare(
            "SELECT name, sql FROM sqlite_master
              WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL
                AND sql NOT LIKE 'CREATE UNIQUE%'",
        )?;
        let rows = st.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, sql) in &indexes {
        conn.execute(
            "INSERT OR REPLACE INTO pending_index(name, sql) VALUES (?1, ?2)",
            [name, sql],
        )?;
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    Ok(indexes.len())
}

/// Drops the index `name` (a unique one too), recording it for [`rebuild`]. Returns whether it
/// existed.
pub fn set_aside_index(conn: &Connection, name: &str) -> Result<bool> {
    let sql: Option<String> = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    let Some(sql) = sql else { return Ok(false) };
    conn.execute(
        "INSERT OR REPLACE INTO pending_index(name, sql) VALUES (?1, ?2)",
        [name, &sql],
    )?;
    conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    Ok(true)
}

/// Whether the index `name` waits to be built again.
pub fn is_pending(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM pending_index WHERE name = ?1",
            [name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Builds the index `name` now, in the caller's transaction, if it waits (a writer that needs a
/// unique index set aside by an earlier import). Returns whether it was built.
pub fn build_now(conn: &Connection, name: &str) -> Result<bool> {
    let sql: Option<String> = conn
        .query_row(
            "SELECT sql FROM pending_index WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    let Some(sql) = sql else { return Ok(false) };
    if !exists(conn, name)? {
        conn.execute_batch(&sql)?;
    }
    conn.execute("DELETE FROM pending_index WHERE name = ?1", [name])?;
    Ok(true)
}

fn exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'index' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

/// Whether indexes wait to be built again.
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM pending_index LIMIT 1", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Builds every set-aside index again, unique ones first (they keep duplicates out), each in a
/// transaction of its own (so other writers wait for one index at most), and forgets it.
/// Returns how many were built.
pub fn rebuild(conn: &mut Connection) -> Result<usize> {
    let mut built = 0;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let next: Option<(String, String)> = tx
            .query_row(
                "SELECT name, sql FROM pending_index
                  ORDER BY sql LIKE 'CREATE UNIQUE%' DESC, name LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((name, sql)) = next else {
            return Ok(built);
        };
        if !exists(&tx, &name)? {
            tx.execute_batch(&sql)?;
            built += 1;
        }
        tx.execute("DELETE FROM pending_index WHERE name = ?1", [&name])?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Workspace;

    const IDENTITY_SQL: &str = "CREATE UNIQUE INDEX actual_identity ON actual(fingerprint)";

    fn indexes(ws: &Workspace) -> Vec<String> {
        let mut st = ws
            .conn()
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actual' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    #[test]
    fn set_aside_indexes_come_back_exactly_and_a_rollback_keeps_them() {
        let mut ws = Workspace::open_in_memory().unwrap();
        let before = indexes(&ws);
        // Three look-up indexes and the identity's unique index (named since migration 19).
        assert_eq!(before.len(), 4, "{before:?}");
        // A rolled-back transaction changes nothing.
        {
            let tx = ws.conn_mut().transaction().unwrap();
            assert_eq!(super::set_aside(&tx, "actual").unwrap(), 3);
            assert_eq!(indexes_in(&tx), ["actual_identity"]);
        }
        assert_eq!(indexes(&ws), before);
        assert!(!super::any(ws.conn()).unwrap());
        // Committed: the indexes wait, then come back with the same definitions.
        {
            let tx = ws.conn_mut().transaction().unwrap();
            super::set_aside(&tx, "actual").unwrap();
            tx.commit().unwrap();
        }
        assert_eq!(indexes(&ws), [IDENTITY_SQL]);
        assert!(super::any(ws.conn()).unwrap());
        assert_eq!(super::rebuild(ws.conn_mut()).unwrap(), 3);
        assert_eq!(indexes(&ws), before);
        assert!(!super::any(ws.conn()).unwrap());
        // The identity's unique index was never touched.
        let unique: i64 = ws
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM pragma_index_list('actual') WHERE \"unique\" = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unique, 1);
    }

    #[test]
    fn a_workspace_closed_before_the_rebuild_rebuilds_after_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.targetline");
        let before = {
            let mut ws = Workspace::open(&path).unwrap();
            let before = indexes(&ws);
            let tx = ws.conn_mut().transaction().unwrap();
            super::set_aside(&tx, "actual").unwrap();
            tx.commit().unwrap();
            assert_eq!(indexes(&ws), [IDENTITY_SQL]);
            before
        };
        let mut ws = Workspace::open(&path).unwrap();
        ws.wait_for_checkpoint().unwrap();
        assert_eq!(indexes(&ws), before);
        assert!(!super::any(ws.conn()).unwrap());
    }

    fn indexes_in(conn: &rusqlite::Connection) -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actual' AND sql IS NOT NULL")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }
}
