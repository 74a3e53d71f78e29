//! Actual figures read from the aggregates (`actual_month` for whole months, `actual_day` for the
//! partial months at the edges of a range). Only a dimension-filtered partial month reads the raw
//! rows, over the few days at the edge.

use super::model::{DimFilter, Sum};
use super::period::months_between;
use super::store::actuals as store;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

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
    let mut whole: Vec<String> = Vec::new();
    for (ms, me) in months_between(from, to) {
        if ms >= from && me <= to {
            whole.push(ms.format("%Y-%m").to_string());
        } else {
            store::days_by_person(
                conn,
                metric_id,
                dim,
                ms.max(from),
                me.min(to),
                people,
                &mut out,
            )?;
        }
    }
    if let (Some(first), Some(last)) = (whole.first(), whole.last()) {
        store::months_by_person(conn, metric_id, dim, (first, last), people, &mut out)?;
    }
    Ok(out)
}

/// Daily sums of `from..=to` over the given people (for cumulative curves and "last value").
pub fn by_day(
    conn: &Connection,
    metric_id: i64,
    dim: Option<&DimFilter>,
    from: NaiveDate,
    to: NaiveDate,
    people: Option<&[i64]>,
) -> Result<BTreeMap<NaiveDate, Sum>> {
    store::by_day(conn, metric_id, dim, from, to, people)
}
