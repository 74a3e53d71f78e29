//! Savepoints that cannot be left open: a [`Savepoint`] rolls back when it is dropped without
//! [`Savepoint::commit`] — on an early `?`, on an error and while a panic unwinds — and a
//! commit whose RELEASE fails (a deferred foreign key, a full disk) is rolled back too, so the
//! connection is always back where it was.

use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;

/// An open savepoint on `conn`; rolled back on drop unless committed.
pub struct Savepoint<'c> {
    conn: &'c Connection,
    name: &'static str,
    /// The savepoint opened the transaction (the connection was in autocommit before it).
    outermost: bool,
    done: bool,
}

impl<'c> Savepoint<'c> {
    /// Opens the savepoint `name` (a constant identifier; savepoints of one name nest).
    pub fn begin(conn: &'c Connection, name: &'static str) -> Result<Savepoint<'c>> {
        let outermost = conn.is_autocommit();
        conn.execute_batch(&format!("SAVEPOINT {name}"))?;
        Ok(Savepoint {
            conn,
            name,
            outermost,
            done: false,
        })
    }

    /// Keeps what was done inside. If the RELEASE fails, everything is rolled back and the
    /// error returned.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        match self.conn.execute_batch(&format!("RELEASE {}", self.name)) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.undo();
                Err(e.into())
            }
        }
    }

    /// Undoes what was done inside (a preview, an error the caller reports itself).
    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.undo();
        if self.outermost && !self.conn.is_autocommit() {
            return Err(Error::new(
                Code::RollbackFailed,
                "撤销未完成的修改失败",
                "Could not undo an unfinished change",
            ));
        }
        Ok(())
    }

    fn undo(&self) {
        let name = self.name;
        let _ = self
            .conn
            .execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"));
        if self.outermost && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

impl Drop for Savepoint<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.undo();
        }
    }
}

/// Runs `f` inside a savepoint: all of it is stored, or none of it — on an error, on a failed
/// commit and on a panic. Savepoints nest, so a change made of atomic steps is atomic as a whole.
pub(crate) fn atomic<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let sp = Savepoint::begin(conn, "atomic_write")?;
    let v = f()?;
    sp.commit()?;
    Ok(v)
}

/// Ends a transaction a command left open (it should never happen): rolls it back and says so,
/// so later edits are not silently nested inside it and lost.
pub fn end_open_transaction(conn: &Connection) -> Result<()> {
    if conn.is_autocommit() {
        return Ok(());
    }
    let _ = conn.execute_batch("ROLLBACK");
    Err(Error::new(
        Code::TransactionRolledBack,
        "上一步操作未能完整保存，已撤销，数据保持操作前的状态。请重试。",
        "The last action could not be saved completely and was undone; the data is as it was before. Please try again.",
    ))
}

#[cfg(test)]
mod tests;
