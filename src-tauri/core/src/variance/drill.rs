//! Drill-down: the transactions behind a figure, with where each came from (file, sheet, row).

use super::engine::{Engine, VarianceQuery};
use crate::error::Result;
use rusqlite::types::Value;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrillRow {
    pub id: i64,
    pub date: String,
    pub metric: String,
    pub person: String,
    pub person_path: String,
    pub amount: i64,
    pub quantity: i64,
    pub product_line: Option<String>,
    pub customer_type: Option<String>,
    pub channel: Option<String>,
    pub customer: Option<String>,
    pub order_id: Option<String>,
    pub batch_id: i64,
    pub file_name: String,
    pub source_sheet: Option<String>,
    pub source_row: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrillDown {
    /// Rows behind the figure in all (not only this page) and their total amount.
    pub total_rows: i64,
    pub total_amount: i64,
    pub rows: Vec<DrillRow>,
}

impl Engine<'_> {
    /// The actual rows behind the query's figure (a ratio's numerator and denominator rows),
    /// newest first, `limit` rows from `offset`.
    pub fn drill_down(&self, q: &VarianceQuery, limit: i64, offset: i64) -> Result<DrillDown> {
        let r = self.resolve(q)?;
        let metrics: Vec<i64> = match r.metric.components() {
            Some((n, d)) => vec![n, d],
            None => vec![r.metric.id],
        };
        let people = self.tree.people(r.node);
        let mut args = vec![
            Value::Text(serde_json::to_string(&metrics).unwrap_or_default()),
            Value::Text(r.period.start.to_string()),
            Value::Text(self.to_date(&r.period).to_string()),
            Value::Text(serde_json::to_string(&people).unwrap_or_default()),
        ];
        let dim = match &r.dim {
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
        let (total_rows, total_amount): (i64, i64) = self.conn.query_row(
            &format!("SELECT COUNT(*), IFNULL(SUM(a.amount), 0) {filter}"),
            rusqlite::params_from_iter(args.iter()),
            |row| Ok((row.get(0)?, row.get(1)?)),
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
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args.iter()), |row| {
                let person: i64 = row.get(3)?;
                Ok(DrillRow {
                    id: row.get(0)?,
                    date: row.get(1)?,
                    metric: row.get(2)?,
                    person: self
                        .tree
                        .get(person)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    person_path: self.tree.path(person),
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
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(DrillDown {
            total_rows,
            total_amount,
            rows,
        })
    }
}
