//! The metric catalog's rows: look-ups by name, the editor's list, a metric written whole,
//! retired or restored, deleted with its daily and monthly sums.

use super::usage::Usage;
use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// What a user types for a metric: its names, unit, direction, kind, horizon, aggregation (a
/// ratio names its numerator and denominator by code) and alert threshold.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MetricSpec {
    pub name_zh: String,
    pub name_en: String,
    /// currency, count, percent, ratio
    pub unit: String,
    /// higher, lower
    pub direction: String,
    /// lagging, leading, risk, health
    pub kind: String,
    /// short, long
    pub horizon: String,
    /// sum, average, last, ratio
    pub aggregation: String,
    #[serde(default)]
    pub numerator: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
    /// Pace variance below this alerts (−1000 = −10%).
    pub alert_threshold_bp: i64,
}

/// One metric as the editor lists it, with where it is used.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MetricEntry {
    pub code: String,
    #[serde(flatten)]
    pub spec: MetricSpec,
    pub retired: bool,
    pub usage: Usage,
    /// A ratio's numerator and denominator by name, each marked when retired (a retired part is
    /// hidden from the list but its ratio still names it).
    pub parts: Vec<MetricPart>,
}

/// A ratio's part as its metric's row shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MetricPart {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub retired: bool,
}

/// The metric whose code, Chinese name or English name (any case) is `key`, the code first:
/// its id and code.
pub(in crate::setup) fn find(conn: &Connection, key: &str) -> Result<Option<(i64, String)>> {
    conn.optional_of(
        "SELECT id, code FROM metric WHERE code = ?1 OR name_zh = ?1 OR lower(name_en) = lower(?1)
         ORDER BY code = ?1 DESC LIMIT 1",
        [key],
    )
}

/// Every metric in catalog order (retired ones only when asked for), usage left empty.
pub(in crate::setup) fn list(conn: &Connection, with_retired: bool) -> Result<Vec<MetricEntry>> {
    conn.rows(
        "SELECT m.code, m.name_zh, m.name_en, m.unit, m.direction, m.kind, m.horizon, m.aggregation,
                n.code, d.code, m.alert_threshold_bp, m.retired_at IS NOT NULL,
                n.name_zh, n.name_en, n.retired_at IS NOT NULL,
                d.name_zh, d.name_en, d.retired_at IS NOT NULL
         FROM metric m LEFT JOIN metric n ON n.id = m.numerator_id
                       LEFT JOIN metric d ON d.id = m.denominator_id
         WHERE ?1 OR m.retired_at IS NULL ORDER BY m.sort, m.id",
        [with_retired],
        |r| {
            // A part's code at `at`, its names and whether it is retired from `names` on.
            let part = |at: usize, names: usize| -> rusqlite::Result<Option<MetricPart>> {
                let Some(code) = r.get::<_, Option<String>>(at)? else {
                    return Ok(None);
                };
                Ok(Some(MetricPart {
                    code,
                    name_zh: r.get(names)?,
                    name_en: r.get(names + 1)?,
                    retired: r.get(names + 2)?,
                }))
            };
            let parts = [part(8, 12)?, part(9, 15)?].into_iter().flatten().collect();
            Ok(MetricEntry {
                code: r.get(0)?,
                spec: MetricSpec {
                    name_zh: r.get(1)?,
                    name_en: r.get(2)?,
                    unit: r.get(3)?,
                    direction: r.get(4)?,
                    kind: r.get(5)?,
                    horizon: r.get(6)?,
                    aggregation: r.get(7)?,
                    numerator: r.get(8)?,
                    denominator: r.get(9)?,
                    alert_threshold_bp: r.get(10)?,
                },
                retired: r.get(11)?,
                usage: Usage::default(),
                parts,
            })
        },
    )
}

/// The code of another metric (not `except`) whose code or either name is `name`.
pub(in crate::setup) fn name_taken(
    conn: &Connection,
    name: &str,
    except: Option<i64>,
) -> Result<Option<String>> {
    conn.optional(
        "SELECT code FROM metric WHERE id IS NOT ?2 AND (name_zh = ?1 OR lower(name_en) = lower(?1) OR code = ?1)",
        params![name, except],
        |r| r.get(0),
    )
}

/// A ratio metric's numerator and denominator ids.
pub(in crate::setup) fn parts(conn: &Connection, id: i64) -> Result<(Option<i64>, Option<i64>)> {
    conn.one_of(
        "SELECT numerator_id, denominator_id FROM metric WHERE id = ?1",
        [id],
    )
}

/// A ratio metric's numerator and denominator codes.
pub(in crate::setup) fn part_codes(
    conn: &Connection,
    id: i64,
) -> Result<(Option<String>, Option<String>)> {
    conn.one_of(
        "SELECT n.code, d.code FROM metric m LEFT JOIN metric n ON n.id = m.numerator_id
         LEFT JOIN metric d ON d.id = m.denominator_id WHERE m.id = ?1",
        [id],
    )
}

/// A metric's aggregation and whether it is retired.
pub(in crate::setup) fn aggregation_retired(conn: &Connection, id: i64) -> Result<(String, bool)> {
    conn.one_of(
        "SELECT aggregation, retired_at IS NOT NULL FROM metric WHERE id = ?1",
        [id],
    )
}

/// A metric's unit and aggregation.
pub(in crate::setup) fn unit_aggregation(conn: &Connection, id: i64) -> Result<(String, String)> {
    conn.one_of("SELECT unit, aggregation FROM metric WHERE id = ?1", [id])
}

/// A metric's Chinese and English names.
pub(in crate::setup) fn names(conn: &Connection, id: i64) -> Result<(String, String)> {
    conn.one_of("SELECT name_zh, name_en FROM metric WHERE id = ?1", [id])
}

/// Whether a metric has the code `code`.
pub(in crate::setup) fn code_exists(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn
        .optional("SELECT 1 FROM metric WHERE code = ?1", [code], |_| Ok(()))?
        .is_some())
}

/// Where a metric is written: a new one with its code, or an existing one by id.
pub(in crate::setup) enum MetricRow<'a> {
    New(&'a str),
    Existing(i64),
}

/// Writes a metric's fields (names trimmed; `parts`: the ratio's numerator and denominator ids),
/// a new one at the end of the catalog.
pub(in crate::setup) fn write(
    conn: &Connection,
    row: MetricRow,
    spec: &MetricSpec,
    (num, den): (Option<i64>, Option<i64>),
) -> Result<()> {
    let fields = |key: &dyn rusqlite::ToSql, sql: &str| -> Result<()> {
        conn.run(
            sql,
            params![
                key,
                spec.name_zh.trim(),
                spec.name_en.trim(),
                spec.unit,
                spec.direction,
                spec.kind,
                spec.horizon,
                spec.aggregation,
                num,
                den,
                spec.alert_threshold_bp
            ],
        )?;
        Ok(())
    };
    match row {
        MetricRow::New(code) => fields(
            &code,
            "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation,
                                numerator_id, denominator_id, alert_threshold_bp, sort)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, (SELECT IFNULL(MAX(sort), -1) + 1 FROM metric))",
        ),
        MetricRow::Existing(id) => fields(
            &id,
            "UPDATE metric SET name_zh = ?2, name_en = ?3, unit = ?4, direction = ?5, kind = ?6,
                    horizon = ?7, aggregation = ?8, numerator_id = ?9, denominator_id = ?10,
                    alert_threshold_bp = ?11 WHERE id = ?1",
        ),
    }
}

/// Retires a metric as of `stamp` (kept if already retired), or restores it.
pub(in crate::setup) fn retire(
    conn: &Connection,
    id: i64,
    restore: bool,
    stamp: &str,
) -> Result<()> {
    super::set_retired(conn, super::Retirable::Metric, id, restore, stamp)
}

/// Deletes a metric with its daily and monthly sums (the caller checked nothing else uses it).
pub(in crate::setup) fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.run("DELETE FROM actual_day WHERE metric_id = ?1", [id])?;
    conn.run("DELETE FROM actual_month WHERE metric_id = ?1", [id])?;
    conn.run("DELETE FROM metric WHERE id = ?1", [id])?;
    Ok(())
}

/// Every metric's code.
pub(in crate::setup) fn codes(conn: &Connection) -> Result<Vec<String>> {
    conn.rows("SELECT code FROM metric", [], |r| r.get(0))
}

/// Keeps (restores) or retires as of `stamp` the metric `code`.
pub(in crate::setup) fn keep_or_retire(
    conn: &Connection,
    code: &str,
    kept: bool,
    stamp: &str,
) -> Result<()> {
    conn.run(
        "UPDATE metric SET retired_at = CASE WHEN ?2 THEN NULL ELSE IFNULL(retired_at, ?3) END WHERE code = ?1",
        params![code, kept, stamp],
    )?;
    Ok(())
}
