//! The one place where derived data follows the actual rows of an import batch: every path that
//! commits actuals (imports, the demo) calls `after_commit` inside its transaction, and every path
//! that removes a batch calls `before_remove` before deleting its rows.
//!
//! Derived data: the aggregates `actual_day` (person × metric × day) and `actual_month`
//! (person × metric × month, in total and per product line / customer type / channel) that the
//! dashboard reads instead of the raw rows. Each table is maintained with one set-based statement
//! per batch.

use crate::error::Result;
use rusqlite::Connection;

/// The batch's rows grouped per day; `sign` is +1 to add them, -1 to take them away.
fn day_sql(sign: &str) -> String {
    format!(
        "INSERT INTO actual_day(metric_id, date, person_id, amount, row_count)
         SELECT metric_id, date, person_id, {sign} SUM(amount), {sign} COUNT(*)
         FROM actual WHERE batch_id = ?1 GROUP BY metric_id, date, person_id
         ON CONFLICT(metric_id, date, person_id) DO UPDATE
         SET amount = amount + excluded.amount, row_count = row_count + excluded.row_count"
    )
}

/// The batch's rows grouped per month, once in total (dim '') and once per dimension: one
/// statement, a UNION ALL of four small GROUP BYs (faster than grouping a cross join).
fn month_sql(sign: &str) -> String {
    let part = |dim: &str, col: &str| {
        let known = if dim.is_empty() {
            String::new()
        } else {
            format!(" AND {col} IS NOT NULL")
        };
        format!(
            "SELECT metric_id, '{dim}' AS dim, {col} AS member, substr(date, 1, 7) AS month, person_id,
                    {sign} SUM(amount) AS amount, {sign} COUNT(*) AS n
             FROM actual WHERE batch_id = ?1{known} GROUP BY metric_id, member, month, person_id"
        )
    };
    format!(
        "INSERT INTO actual_month(metric_id, dim, member_id, month, person_id, amount, row_count)
         SELECT * FROM ({} UNION ALL {} UNION ALL {} UNION ALL {}) WHERE true
         ON CONFLICT(metric_id, dim, member_id, month, person_id) DO UPDATE
         SET amount = amount + excluded.amount, row_count = row_count + excluded.row_count",
        part("", "0"),
        part("product_line", "product_line_id"),
        part("customer_type", "customer_type_id"),
        part("channel", "channel_id"),
    )
}

/// Called inside the committing transaction, after the batch's rows are inserted.
pub fn after_commit(conn: &Connection, batch_id: i64) -> Result<()> {
    conn.execute(&day_sql(""), [batch_id])?;
    conn.execute(&month_sql(""), [batch_id])?;
    Ok(())
}

/// Called inside the removing transaction, before the batch's rows are deleted.
pub fn before_remove(conn: &Connection, batch_id: i64) -> Result<()> {
    conn.execute(&day_sql("-"), [batch_id])?;
    conn.execute(&month_sql("-"), [batch_id])?;
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
}
