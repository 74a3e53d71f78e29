//! Query helpers every store module writes its SQL with (in the spirit of a `ConnExt`): one row,
//! an optional row, many rows, a single value, a statement. Each maps SQLite's error to the
//! core's bilingual [`Error`](crate::Error), so a store reads as its SQL and its mapping, with no
//! `.optional()?` chains or `collect::<rusqlite::Result<_>>` repeated in every file.
//!
//! Statements are cached on the connection (`prepare_cached`), so a loop that writes row after
//! row through a helper prepares its SQL once.

use crate::error::Result;
use rusqlite::types::FromSql;
use rusqlite::{Connection, OptionalExtension, Params, Row};

pub trait ConnExt {
    /// The connection the helpers run on.
    fn conn(&self) -> &Connection;

    /// The one row the query returns (no row is an error).
    fn one<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row) -> rusqlite::Result<T>,
    ) -> Result<T> {
        Ok(self.conn().prepare_cached(sql)?.query_row(params, map)?)
    }

    /// The first row, or `None` when the query returns none.
    fn optional<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_row(params, map)
            .optional()?)
    }

    /// Every row, mapped.
    fn rows<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn().prepare_cached(sql)?;
        let rows = st.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }

    /// The first column of the one row the query returns.
    fn scalar<T: FromSql, P: Params>(&self, sql: &str, params: P) -> Result<T> {
        self.one(sql, params, |r| r.get(0))
    }

    /// Runs one statement; the number of rows it changed.
    fn run<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        Ok(self.conn().prepare_cached(sql)?.execute(params)?)
    }

    /// Runs one `INSERT`; the new row's id.
    fn insert<P: Params>(&self, sql: &str, params: P) -> Result<i64> {
        self.run(sql, params)?;
        Ok(self.conn().last_insert_rowid())
    }
}

impl ConnExt for Connection {
    fn conn(&self) -> &Connection {
        self
    }
}

impl ConnExt for rusqlite::Transaction<'_> {
    fn conn(&self) -> &Connection {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::ConnExt;
    use rusqlite::Connection;

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, fen INTEGER NOT NULL);
             INSERT INTO t(name, fen) VALUES ('华东', 150), ('华北', 250), ('华南', 600);",
        )
        .unwrap();
        c
    }

    #[test]
    fn one_optional_rows_and_scalar_read_what_the_table_holds() {
        let c = db();
        let name: String = c
            .one("SELECT name FROM t WHERE fen = ?1", [250], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "华北");
        let none: Option<i64> = c
            .optional("SELECT id FROM t WHERE name = ?1", ["西北"], |r| r.get(0))
            .unwrap();
        assert_eq!(none, None);
        let names: Vec<(String, i64)> = c
            .rows(
                "SELECT name, fen FROM t WHERE fen > ?1 ORDER BY fen",
                [200],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            names,
            [("华北".to_string(), 250), ("华南".to_string(), 600)]
        );
        // 150 + 250 + 600, summed by hand.
        assert_eq!(
            c.scalar::<i64, _>("SELECT SUM(fen) FROM t", []).unwrap(),
            1000
        );
    }

    #[test]
    fn run_and_insert_report_what_they_changed() {
        let c = db();
        assert_eq!(
            c.run("UPDATE t SET fen = fen + 1 WHERE fen < ?1", [300])
                .unwrap(),
            2
        );
        let id = c
            .insert("INSERT INTO t(name, fen) VALUES (?1, ?2)", ("西南", 5))
            .unwrap();
        assert_eq!(id, 4);
    }

    #[test]
    fn a_missing_row_and_bad_sql_are_our_bilingual_database_error() {
        let c = db();
        let e = c
            .one("SELECT id FROM t WHERE name = ?1", ["西北"], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_err();
        assert_eq!(e.code, "database");
        assert!(e.zh.starts_with("数据库错误"), "{}", e.zh);
        let e = c.run("UPDATE nowhere SET x = 1", []).unwrap_err();
        assert_eq!(e.code, "database");
        assert!(e.en.starts_with("Database error"), "{}", e.en);
    }
}
