//! Actual figures read from the aggregates (`actual_month` for whole months, `actual_day` for the
//! partial months at the edges of a range). Only a dimension-filtered partial month reads the raw
//! rows, over the few days at the edge.

use super::model::{DimFilter, Sum};
use super::period::months_between;
use super::store::actuals as store;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// Sums of `from..=to` per person for one metric, optionally one dimension member.
pub fn by_person(
    conn: &Connection,
    metric_id: i64,
    dim: Option<&DimFilter>,
    from: NaiveDate,
    to: NaiveDate,
    people: Option<&[i64]>,
) -> Result<HashMap<i64, Sum>> {
    let mut out = HashMap::new();
    if to < from {
        return Ok(out);
    }
    let range = store::Range {
        metric_id,
        dim,
        from,
        to,
        people,
    };
    let mut whole: Vec<String> = Vec::new();
    for (ms, me) in months_between(from, to) {
        if ms >= from && me <= to {
            whole.push(ms.format("%Y-%m").to_string());
        } else {
            let (from, to) = (ms.max(from), me.min(to));
            store::days_by_person(conn, store::Range { from, to, ..range }, &mut out)?;
        }
    }
    if let (Some(first), Some(last)) = (whole.first(), whole.last()) {
        store::months_by_person(conn, range, (first, last), &mut out)?;
    }
    Ok(out)
}
