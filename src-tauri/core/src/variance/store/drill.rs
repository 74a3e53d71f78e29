//! The actual rows behind a figure (drill-down), with where each came from. Written per call
//! (the dimension column varies) and run on demand, so prepared for the call, not cached.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::variance::{DimFilter, DrillRow};
use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection};

/// Which rows: these metrics' rows of these people in `from..=to`, of one dimension member.
pub(crate) struct Rows<'a> {
    pub metrics: &'a [i64],
    pub people: &'a [i64],
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub dim: Option<&'a DimFilter>,
}

/// How many rows and their total amount, then the page of `limit` rows from `offset`, newest
/// first; `person` gives a person's name and path.
pub(crate) fn page(
    conn: &Connection,
    w: &Rows,
    limit: i64,
    offset: i64,
    person: impl Fn(i64) -> (String, String),
) -> Result<((i64, i64), Vec<DrillRow>)> {
    let mut args = vec![
        Value::Text(serde_json::to_string(w.metrics).unwrap_or_default()),
        Value::Text(w.from.to_string()),
        Value::Text(w.to.to_string()),
        Value::Text(serde_json::to_string(w.people).unwrap_or_default()),
    ];
    let dim = match w.dim {
        Some(f) => {
            args.push(Value::Integer(f.member_id));
            format!(" AND a.{} = ?5", f.column())
        }
        None => String::new(),
    };
    let filter = format!(
        "FROM actual a WHERE a.metric_id IN (SELECT value FROM json_each(?1))
         AND a.date BETWEEN ?2 AND ?3 AND a.person_id IN (SELECT value FROM json_each(?4)){dim}"
    );
    let once = conn.uncached();
    let totals = once.one_of(
        &format!("SELECT COUNT(*), IFNULL(SUM(a.amount), 0) {filter}"),
        params_from_iter(args.iter()),
    )?;
    let n = args.len();
    args.push(Value::Integer(limit.max(0)));
    args.push(Value::Integer(offset.max(0)));
    let sql = format!(
        "SELECT a.id, a.date, m.code, a.person_id, a.amount, a.quantity,
                pl.name_zh, ct.name_zh, ch.name_zh, c.name, a.order_id, a.batch_id,
                b.file_name, a.source_sheet, a.source_row
         FROM (SELECT a.* {filter} ORDER BY a.date DESC, a.id DESC LIMIT ?{} OFFSET ?{}) a
         JOIN metric m ON m.id = a.metric_id
         JOIN import_batch b ON b.id = a.batch_id
         LEFT JOIN dimension_member pl ON pl.id = a.product_line_id
         LEFT JOIN dimension_member ct ON ct.id = a.customer_type_id
         LEFT JOIN dimension_member ch ON ch.id = a.channel_id
         LEFT JOIN customer c ON c.id = a.customer_id
         ORDER BY a.date DESC, a.id DESC",
        n + 1,
        n + 2
    );
    let rows = once.rows(&sql, params_from_iter(args.iter()), |row| {
        let (name, path) = person(row.get(3)?);
        Ok(DrillRow {
            id: row.get(0)?,
            date: row.get(1)?,
            metric: row.get(2)?,
            person: name,
            person_path: path,
            amount: row.get(4)?,
            quantity: row.get(5)?,
            product_line: row.get(6)?,
            customer_type: row.get(7)?,
            channel: row.get(8)?,
            customer: row.get(9)?,
            order_id: row.get(10)?,
            batch_id: row.get(11)?,
            file_name: row.get(12)?,
            source_sheet: row.get(13)?,
            source_row: row.get(14)?,
        })
    })?;
    Ok((totals, rows))
}
