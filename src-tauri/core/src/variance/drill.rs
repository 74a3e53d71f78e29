//! Drill-down: the transactions behind a figure, with where each came from (file, sheet, row).

use super::engine::{Engine, VarianceQuery};
use super::model::DrillRow;
use super::store::drill as store;
use crate::error::Result;
use serde::Serialize;

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
        let which = store::Rows {
            metrics: &metrics,
            people: &people,
            from: r.period.start,
            to: self.to_date(&r.period),
            dim: r.dim.as_ref(),
        };
        let ((total_rows, total_amount), rows) =
            store::page(self.conn, &which, limit, offset, |p| {
                let name = self.tree.get(p).map(|n| n.name.clone()).unwrap_or_default();
                (name, self.tree.path(p))
            })?;
        Ok(DrillDown {
            total_rows,
            total_amount,
            rows,
        })
    }
}
