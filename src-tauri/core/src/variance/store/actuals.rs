//! The actual sums a query reads per person or per day: from `actual_month` for whole months,
//! `actual_day` for the days of a partial month, and the raw `actual` rows only when a dimension
//! member filters a partial month. The statements are written per call (the people list and the
//! dimension column vary) and cached on the connection: a dashboard refresh runs the same few.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::variance::{DimFilter, Sum};
use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection};
use std::collections::{BTreeMap, HashMap};

/// What to sum: one metric's rows in `from..=to`, of one dimension member or all, of a list of
/// people or everyone.
#[derive(Clone, Copy)]
pub(crate) struct Range<'a> {
    pub metric_id: i64,
    pub dim: Option<&'a DimFilter>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub people: Option<&'a [i64]>,
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

/// Adds the `(person, amount, rows)` the statement returns to `out`.
fn collect_by_person(
    conn: &Connection,
    sql: &str,
    args: Vec<Value>,
    out: &mut HashMap<i64, Sum>,
) -> Result<()> {
    conn.each(sql, params_from_iter(args), |r| {
        *out.entry(r.get(0)?).or_default() += Sum {
            amount: r.get(1)?,
            rows: r.get(2)?,
        };
        Ok(())
    })
}

/// Amount and row count per `key` (person_id or date) over a day range: from the day
/// aggregates, or from the raw rows when a dimension member filters them.
fn day_sums_sql(key: &str, w: Range) -> (String, Vec<Value>) {
    let mut args = vec![
        Value::Integer(w.metric_id),
        Value::Text(w.from.to_string()),
        Value::Text(w.to.to_string()),
    ];
    let sql = match w.dim {
        None => {
            let who = people_clause(w.people, &mut args);
            format!(
                "SELECT {key}, SUM(amount), SUM(row_count) FROM actual_day
                 WHERE metric_id = ?1 AND date BETWEEN ?2 AND ?3{who} GROUP BY {key}"
            )
        }
        Some(f) => {
            args.push(Value::Integer(f.member_id));
            let who = people_clause(w.people, &mut args);
            format!(
                "SELECT {key}, SUM(amount), COUNT(*) FROM actual
                 WHERE metric_id = ?1 AND date BETWEEN ?2 AND ?3 AND {} = ?4{who} GROUP BY {key}",
                f.column()
            )
        }
    };
    (sql, args)
}

/// Adds the day-level sums of the range per person (a partial month) to `out`.
pub(crate) fn days_by_person(
    conn: &Connection,
    w: Range,
    out: &mut HashMap<i64, Sum>,
) -> Result<()> {
    let (sql, args) = day_sums_sql("person_id", w);
    collect_by_person(conn, &sql, args, out)
}

/// Adds the sums of the whole months `first..=last` (`YYYY-MM`) per person to `out` (the
/// range's days are not read: the months say which).
pub(crate) fn months_by_person(
    conn: &Connection,
    w: Range,
    (first, last): (&str, &str),
    out: &mut HashMap<i64, Sum>,
) -> Result<()> {
    let (dim_name, member) = match w.dim {
        None => (String::new(), 0),
        Some(f) => (f.dim.clone(), f.member_id),
    };
    let mut args = vec![
        Value::Integer(w.metric_id),
        Value::Text(dim_name),
        Value::Integer(member),
        Value::Text(first.to_string()),
        Value::Text(last.to_string()),
    ];
    let who = people_clause(w.people, &mut args);
    let sql = format!(
        "SELECT person_id, SUM(amount), SUM(row_count) FROM actual_month
         WHERE metric_id = ?1 AND dim = ?2 AND member_id = ?3 AND month BETWEEN ?4 AND ?5{who}
         GROUP BY person_id"
    );
    collect_by_person(conn, &sql, args, out)
}

/// Daily sums of the range; days that do not parse are passed over.
pub(crate) fn by_day(conn: &Connection, w: Range) -> Result<BTreeMap<NaiveDate, Sum>> {
    let (sql, args) = day_sums_sql("date", w);
    let mut out = BTreeMap::new();
    conn.each(&sql, params_from_iter(args), |r| {
        let d: String = r.get(0)?;
        if let Ok(date) = NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
            *out.entry(date).or_default() += Sum {
                amount: r.get(1)?,
                rows: r.get(2)?,
            };
        }
        Ok(())
    })?;
    Ok(out)
}
