//! Inserting actual rows fast: rows are gathered (their text in one reused buffer) and written
//! with one multi-row `INSERT OR IGNORE` per chunk, so the statement's cursors are opened once per
//! chunk instead of once per row. Duplicates (same fingerprint) are ignored by the unique index
//! and counted exactly from the number of rows each statement changed. The rows that went in are
//! added to an in-memory [`AggregateDelta`] (when a chunk had duplicates, the new rows are told
//! apart by their ids, which only grow inside the transaction), applied once at the end, and their
//! amounts to the import's [`Ledger`].
//!
//! A preview uses the same inserter `dry`: each row's identity is looked up instead of written,
//! so it counts inserted and duplicate rows and money exactly as the commit will.
//!
//! A large import into a table that held few identities of its metric also sets the identity's
//! unique index aside: the identities the table held are loaded into memory once and each row
//! is checked there, exactly (the rows of one import never share an identity: identical rows
//! get successive occurrence numbers, see [`crate::import::identity`]). The index is built again first
//! after the commit; an import or a redo that starts before that builds it in its own
//! transaction, and a preview then checks in memory too.

use crate::error::Result;
use crate::import::reconcile::Ledger;
use crate::store::batches::{AggregateDelta, AggregateRow};
use crate::store::pending_index;
use rusqlite::{Connection, Statement};
use rustc_hash::FxHashSet;
use std::fmt::Write;
use std::ops::Range;

const COLUMNS: usize = 15;
/// A batch this large, and larger than the table was, writes without the look-up indexes
/// (`store::pending_index`): they are built again in one pass after the commit.
const BULK_ROWS: u64 = 20_000;
/// The identity's unique index (migration 19).
pub const IDENTITY_INDEX: &str = "actual_identity";
/// A bulk import checks identities in memory when the table held at most this many of its
/// metric (about 100 bytes each); with more it keeps the unique index.
const KNOWN_IN_MEMORY: usize = 1_000_000;
/// Rows per statement (15 × 64 = 960 parameters, under SQLite's default limit of 32766).
const CHUNK: usize = 64;

const INSERT_HEAD: &str = "INSERT OR IGNORE INTO actual(batch_id, date, person_id, metric_id, amount, quantity,
    product_line_id, customer_type_id, channel_id, customer_id, order_id, note, fingerprint, source_row, source_sheet)
    VALUES ";

fn sql(rows: usize) -> String {
    let mut s = String::from(INSERT_HEAD);
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..COLUMNS {
            if c > 0 {
                s.push(',');
            }
            let _ = write!(s, "?{}", r * COLUMNS + c + 1);
        }
        s.push(')');
    }
    s
}

/// One typed, resolved actual row; text lives in the inserter's buffer.
pub struct ActualRow<'a> {
    pub date: chrono::NaiveDate,
    pub person: i64,
    pub amount: i64,
    pub quantity: i64,
    pub product_line: Option<i64>,
    pub customer_type: Option<i64>,
    pub channel: Option<i64>,
    pub customer: Option<i64>,
    pub order_id: Option<&'a str>,
    pub note: &'a str,
    pub fingerprint: &'a str,
    pub source_row: i64,
}

struct Pending {
    day: chrono::NaiveDate,
    ints: [Option<i64>; 7],
    source_row: i64,
    date: Range<usize>,
    order_id: Option<Range<usize>>,
    note: Range<usize>,
    fingerprint: Range<usize>,
}

pub struct Inserter<'c> {
    conn: &'c Connection,
    /// Preview: count what a commit would do, write nothing.
    dry: bool,
    /// A preview's look-up of an identity by the unique index.
    exists: Option<Statement<'c>>,
    /// The identities the table held, when they are checked in memory (the unique index set
    /// aside by this import, or, for a preview, by an earlier one).
    known: Option<FxHashSet<Box<str>>>,
    /// The largest `actual` id so far: rows with larger ids are this import's newest.
    last_id: i64,
    /// The largest id before the import (about how many rows the table held).
    held: i64,
    /// Whether the look-up indexes are set aside (or the inserter is dry and never will).
    bulk: bool,
    one: Statement<'c>,
    many: Statement<'c>,
    batch: i64,
    metric: i64,
    sheet: Option<String>,
    text: String,
    rows: Vec<Pending>,
    pub inserted: u64,
    pub duplicates: u64,
    /// What the inserted rows add to the aggregates.
    pub delta: AggregateDelta,
    /// The money of every row of the file.
    pub ledger: Ledger,
}

impl<'c> Inserter<'c> {
    pub fn new(
        conn: &'c Connection,
        batch: i64,
        metric: i64,
        sheet: Option<String>,
        dry: bool,
    ) -> Result<Inserter<'c>> {
        let last_id = conn.query_row("SELECT IFNULL(MAX(id), 0) FROM actual", [], |r| r.get(0))?;
        let indexed = !pending_index::is_pending(conn, IDENTITY_INDEX)?;
        if !dry && !indexed {
            // An earlier import set the unique index aside and its rebuild has not run yet.
            pending_index::build_now(conn, IDENTITY_INDEX)?;
        }
        let (exists, known) = match (dry, indexed) {
            (true, true) => (
                Some(conn.prepare("SELECT 1 FROM actual WHERE fingerprint = ?1")?),
                None,
            ),
            (true, false) => (None, known_identities(conn, metric, i64::MAX, usize::MAX)?),
            (false, _) => (None, None),
        };
        Ok(Inserter {
            conn,
            dry,
            bulk: dry,
            exists,
            known,
            last_id,
            held: last_id,
            one: conn.prepare(&sql(1))?,
            many: conn.prepare(&sql(CHUNK))?,
            batch,
            metric,
            sheet,
            text: String::with_capacity(CHUNK * 64),
            rows: Vec::with_capacity(CHUNK),
            inserted: 0,
            duplicates: 0,
            delta: AggregateDelta::default(),
            ledger: Ledger::default(),
        })
    }

    fn keep(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }

    /// Whether the table holds the identity `fp` (by the index, or in memory).
    fn known(&mut self, fp: &str) -> Result<bool> {
        Ok(match (&self.known, &mut self.exists) {
            (Some(known), _) => known.contains(fp),
            (None, Some(exists)) => exists.exists([fp])?,
            (None, None) => false,
        })
    }

    pub fn push(&mut self, r: ActualRow) -> Result<()> {
        if self.dry {
            // A record the import would create (a stand-in id below zero) makes the row new.
            let stand_in = [Some(r.person), r.product_line, r.customer]
                .iter()
                .any(|id| id.is_some_and(|id| id < 0));
            if !stand_in && self.known(r.fingerprint)? {
                self.duplicates += 1;
                self.ledger.duplicate(r.amount);
            } else {
                self.inserted += 1;
                self.ledger.inserted(r.amount);
            }
            return Ok(());
        }
        if self
            .known
            .as_ref()
            .is_some_and(|k| k.contains(r.fingerprint))
        {
            self.duplicates += 1;
            self.ledger.duplicate(r.amount);
            return Ok(());
        }
        let start = self.text.len();
        crate::import::identity::push_date(&mut self.text, r.date);
        let date = start..self.text.len();
        let order_id = r.order_id.map(|o| self.keep(o));
        let note = self.keep(r.note);
        let fingerprint = self.keep(r.fingerprint);
        self.rows.push(Pending {
            day: r.date,
            ints: [
                Some(r.person),
                Some(r.amount),
                Some(r.quantity),
                r.product_line,
                r.customer_type,
                r.channel,
                r.customer,
            ],
            source_row: r.source_row,
            date,
            order_id,
            note,
            fingerprint,
        });
        if self.rows.len() == CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn bind(
        stmt: &mut Statement,
        base: usize,
        p: &Pending,
        text: &str,
        batch: i64,
        metric: i64,
        sheet: Option<&str>,
    ) -> Result<()> {
        let at = |i: usize| base + i;
        stmt.raw_bind_parameter(at(1), batch)?;
        stmt.raw_bind_parameter(at(2), &text[p.date.clone()])?;
        stmt.raw_bind_parameter(at(3), p.ints[0])?;
        stmt.raw_bind_parameter(at(4), metric)?;
        stmt.raw_bind_parameter(at(5), p.ints[1])?;
        stmt.raw_bind_parameter(at(6), p.ints[2])?;
        stmt.raw_bind_parameter(at(7), p.ints[3])?;
        stmt.raw_bind_parameter(at(8), p.ints[4])?;
        stmt.raw_bind_parameter(at(9), p.ints[5])?;
        stmt.raw_bind_parameter(at(10), p.ints[6])?;
        stmt.raw_bind_parameter(at(11), p.order_id.clone().map(|r| &text[r]))?;
        stmt.raw_bind_parameter(at(12), &text[p.note.clone()])?;
        stmt.raw_bind_parameter(at(13), &text[p.fingerprint.clone()])?;
        stmt.raw_bind_parameter(at(14), p.source_row)?;
        stmt.raw_bind_parameter(at(15), sheet)?;
        Ok(())
    }

    fn count(&mut self, p: &Pending) {
        self.ledger.inserted(p.ints[1].unwrap_or_default());
        self.delta.add(&AggregateRow {
            metric: self.metric,
            date: p.day,
            person: p.ints[0].unwrap_or_default(),
            amount: p.ints[1].unwrap_or_default(),
            product_line: p.ints[3],
            customer_type: p.ints[4],
            channel: p.ints[5],
        });
    }

    /// Writes the gathered rows.
    pub fn flush(&mut self) -> Result<()> {
        let n = self.rows.len();
        if n == 0 {
            return Ok(());
        }
        let sheet = self.sheet.take();
        let rows = std::mem::take(&mut self.rows);
        let changed = if n == CHUNK {
            for (k, p) in rows.iter().enumerate() {
                Self::bind(
                    &mut self.many,
                    k * COLUMNS,
                    p,
                    &self.text,
                    self.batch,
                    self.metric,
                    sheet.as_deref(),
                )?;
            }
            let changed = self.many.raw_execute()?;
            if changed == n {
                rows.iter().for_each(|p| self.count(p));
            } else if changed == 0 {
                rows.iter()
                    .for_each(|p| self.ledger.duplicate(p.ints[1].unwrap_or_default()));
            } else {
                // Some rows were duplicates: the new ones are those with ids above the last.
                let mut st = self
                    .conn
                    .prepare_cached("SELECT source_row FROM actual WHERE id > ?1")?;
                let fresh: std::collections::HashSet<i64> = st
                    .query_map([self.last_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for p in &rows {
                    if fresh.contains(&p.source_row) {
                        self.count(p);
                    } else {
                        self.ledger.duplicate(p.ints[1].unwrap_or_default());
                    }
                }
            }
            changed
        } else {
            let mut changed = 0;
            for p in &rows {
                Self::bind(
                    &mut self.one,
                    0,
                    p,
                    &self.text,
                    self.batch,
                    self.metric,
                    sheet.as_deref(),
                )?;
                if self.one.raw_execute()? == 1 {
                    changed += 1;
                    self.count(p);
                } else {
                    self.ledger.duplicate(p.ints[1].unwrap_or_default());
                }
            }
            changed
        };
        if changed > 0 {
            self.last_id = self.conn.last_insert_rowid();
        }
        self.sheet = sheet;
        self.rows = rows;
        self.inserted += changed as u64;
        self.duplicates += (n - changed) as u64;
        self.rows.clear();
        self.text.clear();
        if !self.bulk && self.inserted >= BULK_ROWS && self.inserted as i64 > self.held {
            self.bulk = true;
            pending_index::set_aside(self.conn, "actual")?;
            self.set_identity_aside()?;
        }
        Ok(())
    }

    /// Sets the unique identity index aside when the identities the table held before this
    /// import (of its metric) are few enough to check in memory; this import's own rows need
    /// no check (each has an identity of its own).
    fn set_identity_aside(&mut self) -> Result<()> {
        let Some(known) = known_identities(self.conn, self.metric, self.held, KNOWN_IN_MEMORY)?
        else {
            return Ok(());
        };
        if pending_index::set_aside_index(self.conn, IDENTITY_INDEX)? {
            self.known = Some(known);
        }
        Ok(())
    }
}

/// The identities of `metric` among rows with ids up to `up_to`, or None when there are more
/// than `at_most`. Every identity starts with its metric and `|` (`'}'` follows `'|'`), so the
/// range holds every identity a row of this metric could share.
fn known_identities(
    conn: &Connection,
    metric: i64,
    up_to: i64,
    at_most: usize,
) -> Result<Option<FxHashSet<Box<str>>>> {
    let mut st = conn.prepare(
        "SELECT fingerprint FROM actual WHERE fingerprint >= ?1 AND fingerprint < ?2 AND id <= ?3",
    )?;
    let mut rows = st.query(rusqlite::params![
        format!("{metric}|"),
        format!("{metric}}}"),
        up_to
    ])?;
    let mut known = FxHashSet::default();
    while let Some(row) = rows.next()? {
        if known.len() == at_most {
            return Ok(None);
        }
        let fp: String = row.get(0)?;
        known.insert(fp.into_boxed_str());
    }
    Ok(Some(known))
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod bulk_tests;

#[cfg(test)]
mod tests {
    use crate::import::tests::{count, opts, run, workspace, write};
    use crate::import::{ImportKind, Resolutions};

    #[test]
    fn a_large_import_writes_without_the_lookup_indexes_and_they_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace();
        let people = ["张三", "李四", "王五"];
        let rows = super::BULK_ROWS as usize + 5_000;
        let mut text = String::from("日期,销售员,金额\n");
        let mut sum = 0i64;
        for i in 0..rows {
            let fen = 100 + i as i64 * 7;
            sum += fen;
            let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                + chrono::Duration::days((i % 365) as i64);
            text += &format!("{day},{},{}.{:02}\n", people[i % 3], fen / 100, fen % 100);
        }
        let before = count(
            &ws,
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actual'",
        );
        let o = opts(ImportKind::Actuals);
        let r = Resolutions::default();
        let s = run(
            &mut ws,
            &write(dir.path(), "big.csv", text.as_bytes()),
            &o,
            &r,
        )
        .unwrap();
        assert_eq!(
            (s.inserted, s.duplicates, s.money.inserted),
            (rows as u64, 0, sum)
        );
        assert_eq!(count(&ws, "SELECT SUM(amount) FROM actual"), sum);
        // The look-up indexes are back, none waits, and the file is sound.
        assert_eq!(
            count(
                &ws,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actual'"
            ),
            before
        );
        assert_eq!(count(&ws, "SELECT COUNT(*) FROM pending_index"), 0);
        let check: String = ws
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        // The same lines again in another file, with one new line: exactly one goes in.
        text += "2026-12-31,王五,1.23\n";
        let s = run(
            &mut ws,
            &write(dir.path(), "again.csv", text.as_bytes()),
            &o,
            &r,
        )
        .unwrap();
        assert_eq!((s.inserted, s.duplicates), (1, rows as u64));
        assert_eq!((s.money.inserted, s.money.duplicates), (123, sum));
    }

    #[test]
    fn the_chunk_statement_numbers_every_parameter() {
        let s = super::sql(2);
        assert!(s.ends_with("(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15),(?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30)"), "{s}");
    }
}
