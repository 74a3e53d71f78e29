//! The demo's import batch and its actual rows: the revenue lines it generates, one row of
//! another indicator, and the indicators it derives in SQL from rows already written (gross
//! profit by the product line's margin, orders, leads and new customers from the deals), with
//! the reads it derives others from. Each row's identity is `demo:` and a key of its own.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// The demo's batch, imported at `imported_at`; its id.
pub fn demo_batch(conn: &Connection, imported_at: &str) -> Result<i64> {
    conn.insert(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at, mapping_json) VALUES ('demo', '演示数据 demo', 'demo', ?1, '{}')",
        [imported_at],
    )
}

/// Sets the batch's rows read and inserted to the rows it holds.
pub fn count_rows(conn: &Connection, batch: i64) -> Result<()> {
    conn.run(
        "UPDATE import_batch SET rows_total = (SELECT COUNT(*) FROM actual WHERE batch_id = ?1),
                                 inserted = (SELECT COUNT(*) FROM actual WHERE batch_id = ?1)
         WHERE id = ?1",
        [batch],
    )?;
    Ok(())
}

/// One revenue line of the demo.
pub struct Sale<'a> {
    pub batch: i64,
    pub date: &'a str,
    pub person: i64,
    pub metric: i64,
    pub amount: i64,
    pub quantity: i64,
    /// Product line, customer type, channel, customer.
    pub ids: [i64; 4],
    pub order_id: &'a str,
    pub fingerprint: &'a str,
}

pub fn sale(conn: &Connection, s: &Sale) -> Result<()> {
    let [product, ctype, channel, customer] = s.ids;
    conn.run(
        "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, quantity, product_line_id,
                            customer_type_id, channel_id, customer_id, order_id, fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            s.batch,
            s.date,
            s.person,
            s.metric,
            s.amount,
            s.quantity,
            product,
            ctype,
            channel,
            customer,
            s.order_id,
            s.fingerprint
        ],
    )?;
    Ok(())
}

/// One row of an indicator: (batch, metric), person, day, amount, identity.
pub fn indicator_row(
    conn: &Connection,
    (batch, metric): (i64, i64),
    person: i64,
    day: &str,
    amount: i64,
    fingerprint: &str,
) -> Result<()> {
    conn.run(
        "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![batch, day, person, metric, amount, fingerprint],
    )?;
    Ok(())
}

/// Gross profit: per person, day and product line, the day's revenue of the line times the
/// line's margin (`margins`: code → bp), rounded to the fen. Returns the rows written.
pub fn gross_profit(
    conn: &Connection,
    batch: i64,
    (revenue, gp): (i64, i64),
    margins: &[(&str, i64)],
) -> Result<usize> {
    let margins = margins
        .iter()
        .map(|(code, bp)| format!("('{code}', {bp})"))
        .collect::<Vec<_>>()
        .join(", ");
    conn.run(
        &format!(
            "WITH m(code, bp) AS (VALUES {margins})
             INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, fingerprint)
             SELECT ?1, a.date, a.person_id, ?3, (SUM(a.amount) * m.bp + 5000) / 10000, a.product_line_id,
                    'demo:gp:' || a.person_id || ':' || a.date || ':' || d.code
             FROM actual a
             JOIN dimension_member d ON d.id = a.product_line_id
             JOIN m ON m.code = d.code
             WHERE a.metric_id = ?2
             GROUP BY a.person_id, a.date, a.product_line_id
             ORDER BY a.person_id, a.date, a.product_line_id"
        ),
        params![batch, revenue, gp],
    )
}

/// Orders: per person and month, the number of revenue rows, on the month's last day of sales.
/// Returns the rows written.
pub fn orders(conn: &Connection, batch: i64, (revenue, orders): (i64, i64)) -> Result<usize> {
    conn.run(
        "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
         SELECT ?1, MAX(date), person_id, ?3, COUNT(*), 'demo:orders:' || person_id || ':' || substr(date, 1, 7)
         FROM actual WHERE metric_id = ?2
         GROUP BY person_id, substr(date, 1, 7)
         ORDER BY person_id, substr(date, 1, 7)",
        params![batch, revenue, orders],
    )
}

/// One row of `metric` per deal (only the won ones when `won`), on the day it was created,
/// with its customer, customer type and product line; identity `demo:<key>:<deal>`. Returns
/// the rows written.
pub fn from_deals(
    conn: &Connection,
    (batch, metric): (i64, i64),
    won: bool,
    key: &str,
) -> Result<usize> {
    let filter = if won { " WHERE status = 'won'" } else { "" };
    conn.run(
        &format!(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, customer_id,
                                customer_type_id, fingerprint)
             SELECT ?1, created_on, owner_id, ?2, 1, product_line_id, customer_id,
                    (SELECT c.customer_type_id FROM customer c WHERE c.id = deal.customer_id),
                    'demo:{key}:' || id
             FROM deal{filter} ORDER BY id"
        ),
        params![batch, metric],
    )
}

/// Monthly revenue per person: (person, month "YYYY-MM", last day of sales, amount).
pub fn monthly(conn: &Connection, revenue: i64) -> Result<Vec<(i64, String, String, i64)>> {
    conn.rows_of(
        "SELECT person_id, substr(date, 1, 7), MAX(date), SUM(amount) FROM actual
         WHERE metric_id = ?1 GROUP BY person_id, substr(date, 1, 7) ORDER BY person_id, 2",
        [revenue],
    )
}

/// (person, calendar quarter index 0–3, distinct customers of the person's revenue rows in
/// it), to `until`.
pub fn customers_by_quarter(
    conn: &Connection,
    revenue: i64,
    until: &str,
) -> Result<Vec<(i64, i64, i64)>> {
    conn.rows_of(
        "SELECT person_id, (CAST(substr(date, 6, 2) AS INTEGER) - 1) / 3, COUNT(DISTINCT customer_id)
         FROM actual WHERE metric_id = ?1 AND date <= ?2 AND customer_id IS NOT NULL
         GROUP BY 1, 2",
        params![revenue, until])
}
