//! The one place where derived data follows the actual rows of an import batch: every path that
//! commits actuals (imports, the demo) calls `after_commit` (or `apply_delta` with the deltas it
//! gathered while inserting) inside its transaction, and every path that removes a batch calls
//! `before_remove` before deleting its rows.
//!
//! Derived data: the aggregates `actual_day` (person × metric × day) and `actual_month`
//! (person × metric × month, in total and per product line / customer type / channel) that the
//! dashboard reads instead of the raw rows. The changes are gathered in memory as an
//! [`AggregateDelta`] (one pass over the rows, no sorting) and upserted by one code path,
//! [`apply_delta`], once per batch.

use crate::error::Code;
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use rustc_hash::FxHashMap;

/// The dimensions `actual_month` is kept for; index 0 is the total (dim '', member 0).
const DIMS: [&str; 4] = ["", "product_line", "customer_type", "channel"];

/// The fields of one actual row the aggregates depend on.
#[derive(Debug, Clone, Copy)]
pub struct AggregateRow {
    pub metric: i64,
    pub date: NaiveDate,
    pub person: i64,
    pub amount: i64,
    pub product_line: Option<i64>,
    pub customer_type: Option<i64>,
    pub channel: Option<i64>,
}

/// (amount, row count) added to one aggregate row.
type Sum = (i64, i64);
/// (metric, dimension index in DIMS, member, (year, month), person).
type MonthKey = (i64, u8, i64, (i32, u32), i64);

/// What a set of actual rows adds to the aggregate tables, gathered in memory.
#[derive(Debug, Default)]
pub struct AggregateDelta {
    day: FxHashMap<(i64, NaiveDate, i64), Sum>,
    month: FxHashMap<MonthKey, Sum>,
}

impl AggregateDelta {
    pub fn add(&mut self, r: &AggregateRow) {
        let day = self.day.entry((r.metric, r.date, r.person)).or_default();
        day.0 += r.amount;
        day.1 += 1;
        let month = (r.date.year(), r.date.month());
        let members = [Some(0), r.product_line, r.customer_type, r.channel];
        for (dim, member) in members.iter().enumerate() {
            if let Some(member) = member {
                let m = self
                    .month
                    .entry((r.metric, dim as u8, *member, month, r.person))
                    .or_default();
                m.0 += r.amount;
                m.1 += 1;
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// The delta of the rows a batch holds, read in one pass.
    fn of_batch(conn: &Connection, batch_id: i64) -> Result<AggregateDelta> {
        Self::of_rows(conn, "batch_id = ?1", [batch_id], None)
    }

    /// The delta of the rows `filter` selects, counted for `person_as` when given.
    fn of_rows(
        conn: &Connection,
        filter: &str,
        args: impl rusqlite::Params,
        person_as: Option<i64>,
    ) -> Result<AggregateDelta> {
        let mut delta = AggregateDelta::default();
        let mut st = conn.prepare(&format!(
            "SELECT metric_id, date, person_id, amount, product_line_id, customer_type_id, channel_id, batch_id
             FROM actual WHERE {filter}"
        ))?;
        let mut rows = st.query(args)?;
        while let Some(r) = rows.next()? {
            let date: String = r.get(1)?;
            let batch_id: i64 = r.get(7)?;
            let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                Error::new(
                    Code::ActualBadDate,
                    format!("批次 {batch_id} 中有无效日期“{date}”"),
                    format!("batch {batch_id} holds an invalid date \"{date}\""),
                )
            })?;
            delta.add(&AggregateRow {
                metric: r.get(0)?,
                date,
                person: person_as.map_or_else(|| r.get(2), Ok)?,
                amount: r.get(3)?,
                product_line: r.get(4)?,
                customer_type: r.get(5)?,
                channel: r.get(6)?,
            });
        }
        Ok(delta)
    }
}

/// Adds (`sign` = 1) or takes away (`sign` = -1) a delta: one upsert per aggregate row.
fn upsert(conn: &Connection, delta: &AggregateDelta, sign: i64) -> Result<()> {
    let mut day = conn.prepare_cached(
        "INSERT INTO actual_day(metric_id, date, person_id, amount, row_count) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(metric_id, date, person_id) DO UPDATE
         SET amount = amount + excluded.amount, row_count = row_count + excluded.row_count",
    )?;
    let mut keys: Vec<_> = delta.day.iter().collect();
    keys.sort_unstable_by_key(|(k, _)| **k);
    for ((metric, date, person), (amount, n)) in keys {
        let date = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
        day.execute(params![metric, date, person, sign * amount, sign * n])?;
    }
    let mut month = conn.prepare_cached(
        "INSERT INTO actual_month(metric_id, dim, member_id, month, person_id, amount, row_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(metric_id, dim, member_id, month, person_id) DO UPDATE
         SET amount = amount + excluded.amount, row_count = row_count + excluded.row_count",
    )?;
    let mut keys: Vec<_> = delta.month.iter().collect();
    keys.sort_unstable_by_key(|(k, _)| **k);
    for ((metric, dim, member, (y, m), person), (amount, n)) in keys {
        let ym = format!("{y:04}-{m:02}");
        let dim = DIMS[*dim as usize];
        month.execute(params![
            metric,
            dim,
            member,
            ym,
            person,
            sign * amount,
            sign * n
        ])?;
    }
    Ok(())
}

/// Adds the deltas an import gathered while inserting its rows (inside its transaction).
pub fn apply_delta(conn: &Connection, delta: &AggregateDelta) -> Result<()> {
    upsert(conn, delta, 1)
}

/// Called inside the committing transaction, after the batch's rows are inserted.
pub fn after_commit(conn: &Connection, batch_id: i64) -> Result<()> {
    apply_delta(conn, &AggregateDelta::of_batch(conn, batch_id)?)
}

/// A transfer: the person's actuals from `since` on (ISO date) now belong to `to` (the person's
/// row in the new unit); earlier ones stay. Returns how many rows moved. Call inside the
/// transfer's transaction.
pub fn reattribute(conn: &Connection, from: i64, to: i64, since: &str) -> Result<usize> {
    let filter = "person_id = ?1 AND date >= ?2";
    let old = AggregateDelta::of_rows(conn, filter, params![from, since], None)?;
    let new = AggregateDelta::of_rows(conn, filter, params![from, since], Some(to))?;
    upsert(conn, &old, -1)?;
    upsert(conn, &new, 1)?;
    conn.execute("DELETE FROM actual_day WHERE row_count = 0", [])?;
    conn.execute("DELETE FROM actual_month WHERE row_count = 0", [])?;
    Ok(conn.execute(
        "UPDATE actual SET person_id = ?2 WHERE person_id = ?1 AND date >= ?3",
        params![from, to, since],
    )?)
}

/// Called inside the removing transaction, before the batch's rows are deleted.
pub fn before_remove(conn: &Connection, batch_id: i64) -> Result<()> {
    upsert(conn, &AggregateDelta::of_batch(conn, batch_id)?, -1)?;
    conn.execute("DELETE FROM actual_day WHERE row_count = 0", [])?;
    conn.execute("DELETE FROM actual_month WHERE row_count = 0", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Workspace;

    fn agg_matches_raw(conn: &Connection) {
        let day_diff: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM (
                   SELECT metric_id, date, person_id, SUM(amount) s, COUNT(*) n FROM actual
                   GROUP BY metric_id, date, person_id
                   EXCEPT SELECT metric_id, date, person_id, amount, row_count FROM actual_day)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let day_rows: (i64, i64) = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM actual_day),
                        (SELECT COUNT(*) FROM (SELECT DISTINCT metric_id, date, person_id FROM actual))",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(day_diff, 0);
        assert_eq!(day_rows.0, day_rows.1);
        let product_diff: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM (
                   SELECT metric_id, product_line_id, substr(date,1,7), person_id, SUM(amount), COUNT(*)
                   FROM actual WHERE product_line_id IS NOT NULL GROUP BY 1, 2, 3, 4
                   EXCEPT SELECT metric_id, member_id, month, person_id, amount, row_count
                   FROM actual_month WHERE dim = 'product_line')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(product_diff, 0);
        let totals: (i64, i64) = conn
            .query_row(
                "SELECT (SELECT IFNULL(SUM(amount), 0) FROM actual),
                        (SELECT IFNULL(SUM(amount), 0) FROM actual_month WHERE dim = '')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(totals.0, totals.1);
    }

    #[test]
    fn migration_fills_the_aggregates_of_an_older_file() {
        let conn = Connection::open_in_memory().unwrap();
        let ws = Workspace::configure(conn, std::path::Path::new(":memory:")).unwrap();
        ws.migrate(2).unwrap();
        ws.conn()
            .execute_batch(
                "INSERT INTO org_unit(kind, name) VALUES ('person', 'p');
                 INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
                   VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
                 INSERT INTO dimension_member(dim, code, name_zh, name_en) VALUES ('channel', 'd', '直销', 'Direct');
                 INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'a.csv', 'h', 'now');
                 INSERT INTO actual(batch_id, date, person_id, metric_id, amount, channel_id, fingerprint) VALUES
                   (1, '2026-01-05', 1, 1, 100, 1, 'a'), (1, '2026-01-05', 1, 1, 250, NULL, 'b'),
                   (1, '2026-02-01', 1, 1, 7, 1, 'c');",
            )
            .unwrap();
        ws.migrate(4).unwrap();
        agg_matches_raw(ws.conn());
        let channel: (i64, i64) = ws
            .conn()
            .query_row(
                "SELECT SUM(amount), SUM(row_count) FROM actual_month WHERE dim = 'channel'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(channel, (107, 2));
    }

    #[test]
    fn aggregates_follow_commits_and_removals() {
        let mut ws = Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        let conn = ws.conn();
        agg_matches_raw(conn);
        // A second batch on the same days adds to the same aggregate rows.
        conn.execute_batch(
            "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'march.xlsx', 'x', '2026-04-01');
             INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, fingerprint, source_row, source_sheet)
             SELECT (SELECT MAX(id) FROM import_batch), '2026-03-02', o.id, 1, 12345, NULL, 'extra:' || o.id, 2, 'Sheet1'
             FROM org_unit o WHERE o.kind = 'person';",
        )
        .unwrap();
        let batch: i64 = conn
            .query_row("SELECT MAX(id) FROM import_batch", [], |r| r.get(0))
            .unwrap();
        let before: i64 = conn
            .query_row(
                "SELECT SUM(amount) FROM actual_month WHERE dim = '' AND month = '2026-03'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        after_commit(conn, batch).unwrap();
        agg_matches_raw(conn);
        let after: i64 = conn
            .query_row(
                "SELECT SUM(amount) FROM actual_month WHERE dim = '' AND month = '2026-03'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(after - before, 30 * 12345);
        before_remove(conn, batch).unwrap();
        conn.execute("DELETE FROM actual WHERE batch_id = ?1", [batch])
            .unwrap();
        agg_matches_raw(conn);
        // Removing the demo batch too leaves no aggregate rows at all.
        before_remove(conn, 1).unwrap();
        conn.execute("DELETE FROM actual WHERE batch_id = 1", [])
            .unwrap();
        let left: i64 = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM actual_day) + (SELECT COUNT(*) FROM actual_month)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
    }

    /// One CSV row: (day of March, person index, order id, fen); no order id leaves the column
    /// empty (the row's fingerprint is then a hash of its values).
    type Line = (usize, usize, Option<String>, i64);

    fn actuals_csv(
        dir: &std::path::Path,
        name: &str,
        rows: &[Line],
        people: &[String],
    ) -> std::path::PathBuf {
        let mut text = String::from("日期,销售员,金额,产品线,渠道,订单号\n");
        for (day, person, order, fen) in rows {
            text += &format!(
                "2026-03-{day:02},{},{}.{:02},{},{},{}\n",
                people[*person],
                fen / 100,
                fen % 100,
                if fen % 3 == 0 { "" } else { "软件订阅" },
                if fen % 2 == 0 { "直销" } else { "" },
                order.as_deref().unwrap_or("")
            );
        }
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn aggregates_count_only_the_rows_an_import_really_inserted() {
        use crate::import::{self, ImportOptions, Resolutions};
        let mut ws = Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        let people: Vec<String> = {
            let mut st = ws
                .conn()
                .prepare("SELECT name FROM org_unit WHERE kind = 'person' ORDER BY id LIMIT 3")
                .unwrap();
            st.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let line = |i: i64, order: Option<String>, fen: i64| -> Line {
            (1 + (i % 28) as usize, (i % 3) as usize, order, fen)
        };
        let dir = tempfile::tempdir().unwrap();
        let first: Vec<Line> = (0..100)
            .map(|i| line(i, Some(format!("DUP-O{i}")), 10_000 + i))
            .collect();
        // 30 new orders, 50 orders of the first file (so the first 64-row chunk is partly new and
        // the second goes row by row), 40 new orders, another line of one of those orders, and a
        // row without order id twice (two equal sales, both kept) beside a third that differs.
        let new_order = |i: i64| line(i, Some(format!("DUP-N{i}")), 20_000 + i);
        let mut second: Vec<Line> = (0..30).map(new_order).collect();
        second.extend((0..50).map(|i| line(i, Some(format!("DUP-O{i}")), 10_000 + i)));
        second.extend((30..70).map(new_order));
        second.push(line(5, Some("DUP-N5".to_string()), 99_999));
        second.push((9, 1, None, 31_415));
        second.push((9, 1, None, 27_182));
        second.push((9, 1, None, 31_415));
        let p1 = actuals_csv(dir.path(), "first.csv", &first, &people);
        let p2 = actuals_csv(dir.path(), "second.csv", &second, &people);
        let commit = |ws: &mut Workspace, p: &std::path::Path| {
            import::commit(
                ws,
                p,
                &ImportOptions::default(),
                &Resolutions::default(),
                &mut import::no_progress,
                &std::sync::atomic::AtomicBool::new(false),
            )
            .unwrap()
        };
        let total = |ws: &Workspace| -> i64 {
            ws.conn()
                .query_row(
                    "SELECT SUM(amount) FROM actual_month WHERE dim = ''",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let before = total(&ws);
        let s1 = commit(&mut ws, &p1);
        assert_eq!((s1.rows, s1.inserted, s1.duplicates), (100, 100, 0));
        agg_matches_raw(ws.conn());
        let first_sum: i64 = (0..100).map(|i| 10_000 + i).sum();
        assert_eq!(total(&ws) - before, first_sum);
        let s2 = commit(&mut ws, &p2);
        assert_eq!((s2.rows, s2.inserted, s2.duplicates), (124, 74, 50));
        agg_matches_raw(ws.conn());
        let second_sum: i64 =
            (0..70).map(|i| 20_000 + i).sum::<i64>() + 99_999 + 31_415 * 2 + 27_182;
        assert_eq!(total(&ws) - before, first_sum + second_sum);
        import::undo(&mut ws, s2.batch).unwrap();
        agg_matches_raw(ws.conn());
        assert_eq!(total(&ws) - before, first_sum);
        import::undo(&mut ws, s1.batch).unwrap();
        agg_matches_raw(ws.conn());
        assert_eq!(total(&ws), before);
    }
}
