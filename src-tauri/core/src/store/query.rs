//! Query helpers every store module writes its SQL with (in the spirit of a `ConnExt`): one row,
//! an optional row, many rows, a single value, a statement. Each maps SQLite's error to the
//! core's bilingual [`Error`](crate::Error), so a store reads as its SQL and its mapping, with no
//! `.optional()?` chains or `collect::<rusqlite::Result<_>>` repeated in every file.
//!
//! Statements are cached on the connection (`prepare_cached`), so a loop that writes row after
//! row through a helper prepares its SQL once. A statement run once in a while, or written per
//! call, goes through [`ConnExt::uncached`] instead: prepared for the call and dropped, it never
//! pushes a hot statement out of the connection's small cache.
//!
//! A row read as a tuple of columns needs no mapping closure: [`ConnExt::rows_of`],
//! [`ConnExt::one_of`] and [`ConnExt::optional_of`] read any [`FromRow`] type, which every tuple
//! of up to eight [`FromSql`] columns is.

use crate::error::Result;
use rusqlite::types::FromSql;
use rusqlite::{CachedStatement, Connection, OptionalExtension, Params, Row, Statement};
use std::ops::{Deref, DerefMut};

/// A value read from the columns of a row, first column first.
pub trait FromRow: Sized {
    fn from_row(row: &Row) -> rusqlite::Result<Self>;
}

macro_rules! tuple_from_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: FromSql),+> FromRow for ($($t,)+) {
            #[inline]
            fn from_row(row: &Row) -> rusqlite::Result<Self> {
                Ok(($(row.get::<_, $t>($i)?,)+))
            }
        }
    };
}
tuple_from_row!(A 0);
tuple_from_row!(A 0, B 1);
tuple_from_row!(A 0, B 1, C 2);
tuple_from_row!(A 0, B 1, C 2, D 3);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

/// A prepared statement: kept in the connection's cache, or prepared for one call.
pub enum Prepared<'c> {
    Cached(CachedStatement<'c>),
    Once(Statement<'c>),
}

impl<'c> Deref for Prepared<'c> {
    type Target = Statement<'c>;
    fn deref(&self) -> &Statement<'c> {
        match self {
            Prepared::Cached(s) => s,
            Prepared::Once(s) => s,
        }
    }
}

impl DerefMut for Prepared<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Prepared::Cached(s) => s,
            Prepared::Once(s) => s,
        }
    }
}

/// The helpers over statements prepared per call (see [`ConnExt::uncached`]).
pub struct Uncached<'c>(&'c Connection);

pub trait ConnExt {
    /// The connection the helpers run on.
    fn conn(&self) -> &Connection;

    /// The statement for `sql`, from the connection's cache (prepared the first time).
    fn statement(&self, sql: &str) -> rusqlite::Result<Prepared<'_>> {
        Ok(Prepared::Cached(self.conn().prepare_cached(sql)?))
    }

    /// The same helpers with each statement prepared for its call and dropped after it: for SQL
    /// written per call or run rarely, which would only push the hot statements out of the
    /// cache.
    fn uncached(&self) -> Uncached<'_> {
        Uncached(self.conn())
    }

    /// The one row the query returns (no row is an error).
    fn one<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row) -> rusqlite::Result<T>,
    ) -> Result<T> {
        Ok(self.statement(sql)?.query_row(params, map)?)
    }

    /// The first row, or `None` when the query returns none.
    fn optional<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        Ok(self.statement(sql)?.query_row(params, map).optional()?)
    }

    /// Every row, mapped.
    fn rows<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.statement(sql)?;
        let rows = st.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }

    /// Hands every row to `each` as it is read, keeping none: for folding many rows into a
    /// total without a vector of them in between.
    fn each<P: Params>(
        &self,
        sql: &str,
        params: P,
        mut each: impl FnMut(&Row) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut st = self.statement(sql)?;
        let mut rows = st.query(params)?;
        while let Some(r) = rows.next()? {
            each(r)?;
        }
        Ok(())
    }

    /// Every row, read as `T` (a tuple of its columns).
    fn rows_of<T: FromRow, P: Params>(&self, sql: &str, params: P) -> Result<Vec<T>> {
        self.rows(sql, params, T::from_row)
    }

    /// The one row the query returns, read as `T` (no row is an error).
    fn one_of<T: FromRow, P: Params>(&self, sql: &str, params: P) -> Result<T> {
        self.one(sql, params, T::from_row)
    }

    /// The first row read as `T`, or `None` when the query returns none.
    fn optional_of<T: FromRow, P: Params>(&self, sql: &str, params: P) -> Result<Option<T>> {
        self.optional(sql, params, T::from_row)
    }

    /// The first column of the one row the query returns.
    fn scalar<T: FromSql, P: Params>(&self, sql: &str, params: P) -> Result<T> {
        self.one(sql, params, |r| r.get(0))
    }

    /// Runs one statement; the number of rows it changed.
    fn run<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        Ok(self.statement(sql)?.execute(params)?)
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

impl ConnExt for Uncached<'_> {
    fn conn(&self) -> &Connection {
        self.0
    }

    fn statement(&self, sql: &str) -> rusqlite::Result<Prepared<'_>> {
        Ok(Prepared::Once(self.0.prepare(sql)?))
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
    fn typed_rows_each_and_uncached_read_the_same_rows() {
        let c = db();
        let sql = "SELECT id, name, fen FROM t WHERE fen >= ?1 ORDER BY id";
        let all: Vec<(i64, String, i64)> = c.rows_of(sql, [250]).unwrap();
        assert_eq!(all, [(2, "华北".into(), 250), (3, "华南".into(), 600)]);
        assert_eq!(
            c.uncached()
                .rows_of::<(i64, String, i64), _>(sql, [250])
                .unwrap(),
            all
        );
        let (name, fen): (String, i64) = c
            .one_of("SELECT name, fen FROM t WHERE id = ?1", [1])
            .unwrap();
        assert_eq!((name.as_str(), fen), ("华东", 150));
        assert_eq!(
            c.optional_of::<(i64,), _>("SELECT id FROM t WHERE name = ?1", ["西北"])
                .unwrap(),
            None
        );
        // 150 + 250 + 600 rows folded one by one, none kept.
        let mut total = 0i64;
        c.each("SELECT fen FROM t", [], |r| {
            total += r.get::<_, i64>(0)?;
            Ok(())
        })
        .unwrap();
        assert_eq!(total, 1000);
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
