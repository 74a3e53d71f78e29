//! Where metrics are used: counts per metric code in each table that names one, and the ratio
//! metrics each metric is a part of.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub targets: i64,
    pub actuals: i64,
    pub imports: i64,
    /// Whether the scorecard weighs it.
    pub scorecard: bool,
    /// The ratio metrics it is the numerator or denominator of.
    pub ratios: Vec<RatioRef>,
    pub review_items: i64,
}

/// A ratio metric that divides by or into another metric.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RatioRef {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// The tables that name a metric, each with its metric column.
#[derive(Debug, Clone, Copy)]
pub(in crate::setup) enum UsedIn {
    Targets,
    Actuals,
    Imports,
    ReviewItems,
}

/// (metric code, rows) of every metric `table` names.
pub(in crate::setup) fn counts(conn: &Connection, table: UsedIn) -> Result<Vec<(String, i64)>> {
    let sql = match table {
        UsedIn::Targets => {
            "SELECT m.code, COUNT(*) FROM target x JOIN metric m ON m.id = x.metric_id GROUP BY m.code"
        }
        UsedIn::Actuals => {
            "SELECT m.code, COUNT(*) FROM actual x JOIN metric m ON m.id = x.metric_id GROUP BY m.code"
        }
        UsedIn::Imports => {
            "SELECT m.code, COUNT(*) FROM import_batch x JOIN metric m ON m.id = x.metric_id GROUP BY m.code"
        }
        UsedIn::ReviewItems => {
            "SELECT m.code, COUNT(*) FROM review_item x JOIN metric m ON m.id = x.metric_id GROUP BY m.code"
        }
    };
    conn.rows_of(sql, [])
}

/// (part's code, the ratio) for every part of every ratio metric, in catalog order.
pub(in crate::setup) fn ratio_parts(conn: &Connection) -> Result<Vec<(String, RatioRef)>> {
    conn.rows(
        "SELECT c.code, r.code, r.name_zh, r.name_en FROM metric r JOIN metric c ON c.id IN (r.numerator_id, r.denominator_id)
         WHERE r.aggregation = 'ratio' ORDER BY r.sort, r.id",
        [],
        |r| {
            Ok((
                r.get(0)?,
                RatioRef {
                    code: r.get(1)?,
                    name_zh: r.get(2)?,
                    name_en: r.get(3)?,
                },
            ))
        },
    )
}

/// The code of the metric `id`.
pub(in crate::setup) fn metric_code(conn: &Connection, id: i64) -> Result<String> {
    conn.scalar("SELECT code FROM metric WHERE id = ?1", [id])
}
