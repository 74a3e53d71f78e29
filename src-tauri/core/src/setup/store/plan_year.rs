//! Year plans' rows: the plan sets per fiscal year, a new one with its fiscal year, archiving,
//! and what a copy reads from an earlier year (its plan's company target, its actual months).

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::targets::tiers::TierRatios;
use rusqlite::{params, Connection};
use serde::Serialize;

/// One year's plan as the picker and Settings list it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PlanYear {
    pub year: i32,
    pub set_id: i64,
    pub name: String,
    /// "draft", "approved" or "archived".
    pub status: String,
    pub fiscal_start_month: u32,
    /// The company's base revenue target for the year, in fen, when it has one.
    pub target: Option<i64>,
}

/// Every year's plan, newest year first, with the company's revenue target of the year.
pub(in crate::setup) fn list(conn: &Connection) -> Result<Vec<PlanYear>> {
    conn.rows(
        "SELECT s.fiscal_year, s.id, s.name,
                CASE WHEN s.archived_at IS NOT NULL THEN 'archived' ELSE s.status END,
                IFNULL(f.start_month, 1),
                (SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                   JOIN metric m ON m.id = t.metric_id
                  WHERE t.target_set_id = s.id AND o.kind = 'company' AND m.code = 'revenue'
                    AND t.dimension_id IS NULL AND t.period = CAST(s.fiscal_year AS TEXT))
         FROM target_set s LEFT JOIN fiscal_year f ON f.year = s.fiscal_year
         ORDER BY s.fiscal_year DESC, s.id DESC",
        [],
        |r| {
            Ok(PlanYear {
                year: r.get(0)?,
                set_id: r.get(1)?,
                name: r.get(2)?,
                status: r.get(3)?,
                fiscal_start_month: r.get(4)?,
                target: r.get(5)?,
            })
        },
    )
}

/// Whether `year` has a plan (archived or not).
pub(in crate::setup) fn has_plan(conn: &Connection, year: i32) -> Result<bool> {
    conn.scalar(
        "SELECT EXISTS(SELECT 1 FROM target_set WHERE fiscal_year = ?1)",
        [year],
    )
}

/// The year's newest plan that is not archived: its id and status.
pub(in crate::setup) fn live_set(conn: &Connection, year: i32) -> Result<Option<(i64, String)>> {
    conn.optional_of(
        "SELECT id, status FROM target_set WHERE fiscal_year = ?1 AND archived_at IS NULL ORDER BY id DESC LIMIT 1",
        [year])
}

pub(in crate::setup) fn archive(conn: &Connection, set: i64, at: &str) -> Result<()> {
    conn.run(
        "UPDATE target_set SET archived_at = ?2 WHERE id = ?1",
        params![set, at],
    )?;
    Ok(())
}

/// Forgets the meta value `key`.
pub(in crate::setup) fn forget_meta(conn: &Connection, key: &str) -> Result<()> {
    conn.run("DELETE FROM meta WHERE key = ?1", [key])?;
    Ok(())
}

/// Records the fiscal year's start month (kept up to date).
pub(in crate::setup) fn set_fiscal_year(
    conn: &Connection,
    year: i32,
    start_month: u32,
) -> Result<()> {
    conn.run(
        "INSERT INTO fiscal_year(year, start_month) VALUES (?1, ?2)
         ON CONFLICT(year) DO UPDATE SET start_month = excluded.start_month",
        params![year, start_month],
    )?;
    Ok(())
}

/// A new draft plan for `year` with its tier ratios; its id.
pub(in crate::setup) fn insert_set(
    conn: &Connection,
    year: i32,
    name: &str,
    ratios: &TierRatios,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO target_set(fiscal_year, name, status, floor_bp, challenge_bp, sprint_bp)
         VALUES (?1, ?2, 'draft', ?3, ?4, ?5)",
        params![
            year,
            name,
            ratios.floor_bp,
            ratios.challenge_bp,
            ratios.sprint_bp
        ],
    )
}

/// The company's actual revenue of a month ("2026-03"), all dimensions together.
pub(in crate::setup) fn revenue_of_month(conn: &Connection, month: &str) -> Result<i64> {
    conn.scalar(
        "SELECT IFNULL(SUM(a.amount), 0) FROM actual_month a JOIN metric m ON m.id = a.metric_id
         WHERE m.code = 'revenue' AND a.dim = '' AND a.month = ?1",
        [month],
    )
}

/// The company's revenue target of `year` in its plan (the live one first, else the newest).
pub(in crate::setup) fn company_target(conn: &Connection, year: i32) -> Result<Option<i64>> {
    conn.optional(
        "SELECT t.base_value FROM target t JOIN target_set s ON s.id = t.target_set_id
           JOIN org_unit o ON o.id = t.org_unit_id JOIN metric m ON m.id = t.metric_id
          WHERE s.fiscal_year = ?1 AND o.kind = 'company' AND m.code = 'revenue'
            AND t.dimension_id IS NULL AND t.period = ?2
          ORDER BY s.archived_at IS NULL DESC, s.id DESC LIMIT 1",
        params![year, year.to_string()],
        |r| r.get(0),
    )
}

/// The revenue metric's id, if the workspace has one.
pub(in crate::setup) fn revenue_id(conn: &Connection) -> Result<Option<i64>> {
    conn.optional("SELECT id FROM metric WHERE code = 'revenue'", [], |r| {
        r.get(0)
    })
}
