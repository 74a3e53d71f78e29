//! What the engine reads about the catalog and the organisation: metric definitions, dimension
//! members, the org tree, the calendar exceptions, the fiscal years and the range of data and
//! plans. Read once per engine or per question, so prepared for the call, not cached.

use crate::calendar::HolidayKind;
use crate::error::Result;
use crate::store::query::ConnExt;
use crate::variance::{Metric, OrgNode};
use chrono::NaiveDate;
use rusqlite::{Connection, Row};

const METRIC_COLUMNS: &str =
    "id, code, name_zh, name_en, unit, direction, kind, horizon, aggregation,
                       numerator_id, denominator_id, alert_threshold_bp";

fn metric(r: &Row) -> rusqlite::Result<Metric> {
    Ok(Metric {
        id: r.get(0)?,
        code: r.get(1)?,
        name_zh: r.get(2)?,
        name_en: r.get(3)?,
        unit: r.get(4)?,
        lower_is_better: r.get::<_, String>(5)? == "lower",
        kind: r.get(6)?,
        horizon: r.get(7)?,
        aggregation: r.get(8)?,
        numerator_id: r.get(9)?,
        denominator_id: r.get(10)?,
        alert_threshold_bp: r.get(11)?,
    })
}

/// The metric with this code, if any.
pub(crate) fn metric_by_code(conn: &Connection, code: &str) -> Result<Option<Metric>> {
    conn.uncached().optional(
        &format!("SELECT {METRIC_COLUMNS} FROM metric WHERE code = ?1"),
        [code],
        metric,
    )
}

/// The metric with this id (none is an error).
pub(crate) fn metric_by_id(conn: &Connection, id: i64) -> Result<Metric> {
    conn.uncached().one(
        &format!("SELECT {METRIC_COLUMNS} FROM metric WHERE id = ?1"),
        [id],
        metric,
    )
}

/// Every metric, in catalog order.
pub(crate) fn metrics(conn: &Connection) -> Result<Vec<Metric>> {
    conn.uncached().rows(
        &format!("SELECT {METRIC_COLUMNS} FROM metric ORDER BY sort, id"),
        [],
        metric,
    )
}

/// The codes of the retired metrics.
pub(crate) fn retired_metric_codes(conn: &Connection) -> Result<Vec<String>> {
    conn.uncached().rows(
        "SELECT code FROM metric WHERE retired_at IS NOT NULL",
        [],
        |r| r.get(0),
    )
}

/// A dimension member's id and names, by dimension and code.
pub(crate) fn member(
    conn: &Connection,
    dim: &str,
    code: &str,
) -> Result<Option<(i64, String, String)>> {
    conn.uncached().optional_of(
        "SELECT id, name_zh, name_en FROM dimension_member WHERE dim = ?1 AND code = ?2",
        [dim, code],
    )
}

/// The codes of a dimension's members, in display order.
pub(crate) fn member_codes(conn: &Connection, dim: &str) -> Result<Vec<String>> {
    conn.uncached().rows(
        "SELECT code FROM dimension_member WHERE dim = ?1 ORDER BY sort, id",
        [dim],
        |r| r.get(0),
    )
}

/// Every org unit (inactive ones too: what people sold before they left still counts), in
/// display order, with no children yet.
pub(crate) fn org_units(conn: &Connection) -> Result<Vec<OrgNode>> {
    conn.uncached().rows(
        "SELECT id, parent_id, kind, name FROM org_unit ORDER BY sort, id",
        [],
        |r| {
            Ok(OrgNode {
                id: r.get(0)?,
                parent_id: r.get(1)?,
                kind: r.get(2)?,
                name: r.get(3)?,
                children: Vec::new(),
            })
        },
    )
}

/// The stored calendar exceptions (holidays and adjusted working days), in date order; rows
/// that do not parse are passed over.
pub(crate) fn calendar_days(conn: &Connection) -> Result<Vec<(NaiveDate, HolidayKind)>> {
    let mut out = Vec::new();
    conn.uncached().each(
        "SELECT date, kind FROM calendar_day ORDER BY date",
        [],
        |r| {
            let (d, k) = (r.get::<_, String>(0)?, r.get::<_, String>(1)?);
            if let (Ok(date), Some(kind)) = (
                NaiveDate::parse_from_str(&d, "%Y-%m-%d"),
                HolidayKind::parse(&k),
            ) {
                out.push((date, kind));
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// The start month of the newest fiscal year recorded up to `year`, if any.
pub(crate) fn fiscal_start_month(conn: &Connection, year: i32) -> Result<Option<u32>> {
    conn.uncached().optional(
        "SELECT start_month FROM fiscal_year WHERE year <= ?1 ORDER BY year DESC LIMIT 1",
        [year],
        |r| r.get(0),
    )
}

/// The first day with actuals (`YYYY-MM-DD`), if any.
pub(crate) fn first_actual_day(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .uncached()
        .optional("SELECT MIN(date) FROM actual_day", [], |r| {
            r.get::<_, Option<String>>(0)
        })?
        .flatten())
}

/// The first and the last fiscal year with a plan.
pub(crate) fn plan_years(conn: &Connection) -> Result<(Option<i32>, Option<i32>)> {
    conn.uncached().one_of(
        "SELECT MIN(fiscal_year), MAX(fiscal_year) FROM target_set",
        [],
    )
}

/// The company's newest revenue target for the period `period` (a fiscal year): the company's
/// name, floor, base and challenge.
pub(crate) fn company_revenue_target(
    conn: &Connection,
    period: &str,
) -> Result<Option<(String, i64, i64, i64)>> {
    conn.uncached().optional_of(
        "SELECT o.name, t.floor_value, t.base_value, t.challenge_value
             FROM target t JOIN org_unit o ON o.id = t.org_unit_id JOIN metric m ON m.id = t.metric_id
             JOIN target_set s ON s.id = t.target_set_id
             WHERE o.kind = 'company' AND m.code = 'revenue' AND t.period = ?1 AND t.dimension_id IS NULL
             ORDER BY s.id DESC LIMIT 1",
        [period],
    )
}
