//! Many rows into one table with multi-row `INSERT … VALUES (…), (…), …` statements (one
//! prepared statement per chunk size, cached), so a deep split's tens of thousands of cells cost
//! a few hundred statements instead of one each.

use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

/// Rows per statement: well under SQLite's limit of 32,766 parameters for 14 columns.
const ROWS_PER_STATEMENT: usize = 100;

pub(crate) struct Batch<'c> {
    conn: &'c Connection,
    /// `INSERT INTO t(a, b, …) VALUES`
    head: &'static str,
    width: usize,
    values: Vec<Value>,
}

impl<'c> Batch<'c> {
    pub(crate) fn new(conn: &'c Connection, head: &'static str, width: usize) -> Batch<'c> {
        Batch {
            conn,
            head,
            width,
            values: Vec::with_capacity(width * ROWS_PER_STATEMENT),
        }
    }

    /// Adds one row (exactly `width` values); a full chunk is written at once.
    pub(crate) fn push(&mut self, row: impl IntoIterator<Item = Value>) -> Result<()> {
        self.values.extend(row);
        if self.values.len() >= self.width * ROWS_PER_STATEMENT {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the rows still held.
    pub(crate) fn flush(&mut self) -> Result<()> {
        let rows = self.values.len() / self.width;
        if rows == 0 {
            return Ok(());
        }
        let one = format!("({})", vec!["?"; self.width].join(", "));
        let sql = format!("{} {}", self.head, vec![one; rows].join(", "));
        self.conn
            .prepare_cached(&sql)?
            .execute(params_from_iter(self.values.drain(..)))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_arrive_in_chunks_and_the_rest_on_flush() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t(a INTEGER, b TEXT)")
            .unwrap();
        let mut b = Batch::new(&conn, "INSERT INTO t(a, b) VALUES", 2);
        for i in 0..250i64 {
            b.push([Value::Integer(i), Value::Text(format!("r{i}"))])
                .unwrap();
        }
        let count = |c: &Connection| -> i64 {
            c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
                .unwrap()
        };
        // Two full chunks of 100 are written, 50 wait for the flush.
        assert_eq!(count(&conn), 200);
        b.flush().unwrap();
        assert_eq!(count(&conn), 250);
        let (sum, last): (i64, String) = conn
            .query_row("SELECT SUM(a), MAX(b) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(sum, 249 * 250 / 2);
        assert_eq!(last, "r99");
    }
}
