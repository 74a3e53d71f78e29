//! Last year's actuals of the places a target splits into (org units, months or dimension
//! members): the weights of a split by history (去年同期 = seasonality and mix).

use super::store::org::member_code;
use super::store::ChildPlace;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::variance::{by_person, DimFilter, OrgTree};
use chrono::{Months, NaiveDate};
use rusqlite::Connection;

/// The same dates one year earlier (29 February falls back to the 28th).
pub fn year_earlier(d: NaiveDate) -> NaiveDate {
    d.checked_sub_months(Months::new(12)).unwrap_or(d)
}

/// The dimension member of a stored target as a filter on the actuals.
pub fn member_filter(conn: &Connection, member_id: i64) -> Result<DimFilter> {
    let (dim, code) = member_code(conn, member_id)?.ok_or_else(|| {
        Error::new(
            Code::DimensionMemberNotFound,
            format!("找不到编号为 {member_id} 的维度成员"),
            format!("Dimension member {member_id} not found"),
        )
    })?;
    DimFilter::resolve(conn, &dim, &code)
}

/// Last fiscal year's actual of each place of `metric_id`: the place's period one year
/// earlier, over the people at or below its unit, restricted to its dimension member.
/// A net negative sum (returns) weighs 0. Refuses when every place had nothing last year.
pub fn last_year_actuals(
    conn: &Connection,
    metric_id: i64,
    places: &[ChildPlace],
) -> Result<Vec<i64>> {
    let tree = OrgTree::load(conn)?;
    let mut out = Vec::with_capacity(places.len());
    for p in places {
        let from = year_earlier(p.period.start);
        let to = year_earlier(p.period.end);
        let dim = p
            .dimension_id
            .map(|id| member_filter(conn, id))
            .transpose()?;
        let people = if tree.is_root(p.org_unit_id) {
            None
        } else if tree.get(p.org_unit_id).is_some() {
            Some(tree.people(p.org_unit_id))
        } else {
            Some(Vec::new())
        };
        let sums = match &people {
            Some(ids) if ids.is_empty() => Default::default(),
            _ => by_person(conn, metric_id, dim.as_ref(), from, to, people.as_deref())?,
        };
        out.push(sums.values().map(|s| s.amount).sum::<i64>().max(0));
    }
    if out.iter().all(|v| *v == 0) {
        let (from, to) = match (places.first(), places.last()) {
            (Some(a), Some(b)) => (year_earlier(a.period.start), year_earlier(b.period.end)),
            _ => {
                return Err(Error::new(
                    Code::SplitNoParts,
                    "没有可拆分的下级",
                    "There is nothing to split into",
                ))
            }
        };
        return Err(Error::new(
            Code::NoHistory,
            format!("没有去年同期实际数据（{from} 至 {to}），无法按历史拆分"),
            format!("No actuals for last year ({from} to {to}): cannot split by history"),
        ));
    }
    Ok(out)
}
