//! The actual sums the engine keeps in memory, read in bulk: a month's totals per person (per
//! dimension member too) from `actual_month`, a month's days per person from `actual_day`, and
//! the raw rows of a partial month summed per dimension member and person.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::variance::Sum;
use chrono::NaiveDate;
use rusqlite::{Connection, Row};

/// The amount and row count in columns `at` and `at + 1`. Inlined: it runs for every row of the
/// engine's bulk reads.
#[inline(always)]
fn sum_at(r: &Row, at: usize) -> rusqlite::Result<Sum> {
    Ok(Sum {
        amount: r.get(at)?,
        rows: r.get(at + 1)?,
    })
}

/// A row of member, person, amount and row count (inlined, as [`sum_at`]).
#[inline(always)]
fn member_person_sum(r: &Row) -> rusqlite::Result<(i64, i64, Sum)> {
    Ok((r.get(0)?, r.get(1)?, sum_at(r, 2)?))
}

/// `(member, person, sum)` of one month (`YYYY-MM`) for a metric: `dim` `""` (member 0) for
/// the total, or `product_line`, `customer_type`, `channel` per member.
pub(crate) fn month_totals(
    conn: &Connection,
    metric_id: i64,
    dim: &str,
    month: &str,
) -> Result<Vec<(i64, i64, Sum)>> {
    conn.rows(
        "SELECT member_id, person_id, amount, row_count FROM actual_month
         WHERE metric_id = ?1 AND dim = ?2 AND month = ?3",
        rusqlite::params![metric_id, dim, month],
        member_person_sum,
    )
}

/// `(person, day, sum)` of every day in `from..=to` for a metric (all members).
pub(crate) fn days(
    conn: &Connection,
    metric_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, NaiveDate, Sum)>> {
    // Read in place (no text copied per row): a month of 5,000 people is 100,000 rows.
    let mut out = Vec::new();
    conn.each(
        "SELECT person_id, date, amount, row_count FROM actual_day
         WHERE metric_id = ?1 AND date BETWEEN ?2 AND ?3",
        rusqlite::params![metric_id, from.to_string(), to.to_string()],
        |r| {
            if let Some(d) = r
                .get_ref(1)?
                .as_str()
                .ok()
                .and_then(crate::calendar::iso_day)
            {
                out.push((r.get::<_, i64>(0)?, d, sum_at(r, 2)?));
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// `(member, person, sum)` of the raw rows in `from..=to` for a metric, by the member of the
/// dimension stored in `column` (a partial month of a dimension's figures).
pub(crate) fn member_range(
    conn: &Connection,
    metric_id: i64,
    column: &'static str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(i64, i64, Sum)>> {
    conn.rows(
        &format!(
            "SELECT {column}, person_id, SUM(amount), COUNT(*) FROM actual
             WHERE metric_id = ?1 AND date BETWEEN ?2 AND ?3 AND {column} IS NOT NULL
             GROUP BY {column}, person_id"
        ),
        rusqlite::params![metric_id, from.to_string(), to.to_string()],
        member_person_sum,
    )
}
