//! Actual figures read from the aggregates (`actual_month` for whole months, `actual_day` for the
//! partial months at the edges of a range). Only a dimension-filtered partial month reads the raw
//! rows, over the few days at the edge.

use super::metric::DimFilter;
use super::period::months_between;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection};
use std::collections::{BTreeMap, HashMap};

/// A sum of actual rows: amount in the metric's unit and how many rows made it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    pub amount: i64,
    pub rows: i64,
}

impl std::ops::AddAssign for Sum {
    /// Checked: a sum past the i64 range stops at its edge instead of wrapping to the other sign.
    fn add_assign(&mut self, o: Sum) {
        self.amount = self.amount.saturating_add(o.amount);
        self.rows = self.rows.saturating_add(o.rows);
    }
}

/// Which people to count: everyone, or a list.
fn people_clause(people: Option<&[i64]>, args: &mut Vec<Value>) -> String {
    match people {
        None => String::new(),
        Some(ids) => {
            args.push(Value::Text(
                serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()),
            ));
            format!(
                " AND person_id IN (SELECT value FROM json_each(?{}))",
                args.len()
            )
        }
    }
}

fn collect_by_person(
    conn: &Connection,
    sql: &str,
    args: Vec<Value>,
    out: &mut HashMap<i64, Sum>,
) -> Result<()> {
    let mut st = conn.prepare_cached(sql)?;
    let mut rows = st.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        *out.entry(r.get(0)?).or_default() += Sum {
            amount: r.get(1)?,
            rows: r.get(2)?,
        };
    }
    Ok(())
}

/// Amount and row count per `key` (person_id or date) over a day range: from the day
/// aggregates, or from the raw rows when a dimension member filters them.
fn day_sums_sql(
    key: &str,
    metric_id: i64,
    dim: Option<&DimFilter>,
    from: NaiveDate,
    to: NaiveDate,
    people: Option<&[i64]>,
) -> (String, Vec<Value>) {
    let mut args = vec![
        Value::Integer(metric_id),
        Value::Text(from.to_string()),
        Value::Text(to.to_string()),
    ];
    let sql = match dim {
        None => {
            let who = people_clause(people, &mut args);
            format!(
                "SELECT {key}, SUM(amount), SUM(row_count) FROM actual_day
                 WHERE metric_id = ?1 AND date BETWEEN ?2 AND ?3{who} GROUP BY {key}"
            )
        }
        Some(f) => {
            args.push(Value::Integer(f.member_id));
            let who = people_clause(people, &mut args);
            format!(
                "SELECT {key}, SUM(amount), COUNT(*) FROM actual
                 WHERE metric_id = ?1 AND date BETWEEN ?2 AND ?3 AND {} = ?4{who} GROUP BY {key}",
                f.column()
            )
        }
    };
    (sql, args)
}

/// Day-level sums of `from..=to` per person (a partial month).
fn days_by_person(
    conn: &Connection,
    metric_id: i64,
    dim: Option<&DimFilter>,
    from: NaiveDate,
    to: NaiveDate,
    people: Option<&[i64]>,
    out: &mut HashMap<i64, Sum>,
) -> Result<()> {
    let (sql, args) = day_sums_sql("person_id", metric_id, dim, from, to, people);
    collect_by_person(conn, &sql, args, out)
}

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
            days_by_person(
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
        let (dim_name, member) = match dim {
            None => (String::new(), 0),
            Some(f) => (f.dim.clone(), f.member_id),
        };
        let mut args = vec![
            Value::Integer(metric_id),
            Value::Text(dim_name),
            Value::Integer(member),
            Value::Text(first.clone()),
            Value::Text(last.clone()),
        ];
        let who = people_clause(people, &mut args);
        let sql = format!(
            "SELECT person_id, SUM(amount), SUM(row_count) FROM actual_month
             WHERE metric_id = ?1 AND dim = ?2 AND member_id = ?3 AND month BETWEEN ?4 AND ?5{who}
             GROUP BY person_id"
        );
        collect_by_person(conn, &sql, args, &mut out)?;
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
    let (sql, args) = day_sums_sql("date", metric_id, dim, from, to, people);
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params_from_iter(args))?;
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let d: String = r.get(0)?;
        if let Ok(date) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
            *out.entry(date).or_default() += Sum {
                amount: r.get(1)?,
                rows: r.get(2)?,
            };
        }
    }
    Ok(out)
}

#[cfg(test)]
mod sum_tests {
    use super::Sum;

    #[test]
    fn a_sum_never_wraps_to_the_other_sign() {
        let mut s = Sum {
            amount: i64::MAX - 5,
            rows: 1,
        };
        s += Sum {
            amount: 10,
            rows: 1,
        };
        assert_eq!(
            s,
            Sum {
                amount: i64::MAX,
                rows: 2
            }
        );
        let mut n = Sum {
            amount: i64::MIN + 5,
            rows: 0,
        };
        n += Sum {
            amount: -10,
            rows: 0,
        };
        assert_eq!(n.amount, i64::MIN);
    }
}
