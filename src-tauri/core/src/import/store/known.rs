//! What the workspace already knows, read for an import: its units, dimension members and
//! customers (for the name maps of [`crate::import::lookup`]), whether a record a user mapped a
//! value to exists, the company root (created when there is none), the records offered in the
//! wizard, and the plan year periods belong to.

use crate::error::Result;
use crate::import::UnknownKind;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// An organisation unit row: id, kind, name, person key, valid from, valid to.
pub type UnitRow = (i64, String, String, i64, Option<String>, Option<String>);

/// Every unit, the earliest stints first.
pub fn units(conn: &Connection) -> Result<Vec<UnitRow>> {
    conn.rows_of(
        "SELECT id, kind, name, IFNULL(person_key, id), valid_from, valid_to FROM org_unit
         ORDER BY IFNULL(valid_from, ''), id",
        [],
    )
}

/// A dimension member row: id, dimension, code, zh name, en name.
pub type MemberRow = (i64, String, String, String, String);

pub fn members(conn: &Connection) -> Result<Vec<MemberRow>> {
    conn.rows_of(
        "SELECT id, dim, code, name_zh, name_en FROM dimension_member",
        [],
    )
}

/// Every customer: id and name.
pub fn customers(conn: &Connection) -> Result<Vec<(i64, String)>> {
    conn.rows_of("SELECT id, name FROM customer", [])
}

/// Whether record `id` exists as the kind a user's "map to id" answer names.
pub fn id_exists(conn: &Connection, kind: UnknownKind, id: i64) -> Result<bool> {
    let (sql, dim) = match kind {
        UnknownKind::Person => (
            "SELECT COUNT(*) FROM org_unit WHERE id = ?1 AND kind = 'person' AND ?2 = ?2",
            "",
        ),
        UnknownKind::OrgUnit => (
            "SELECT COUNT(*) FROM org_unit WHERE id = ?1 AND ?2 = ?2",
            "",
        ),
        UnknownKind::Customer => (
            "SELECT COUNT(*) FROM customer WHERE id = ?1 AND ?2 = ?2",
            "",
        ),
        UnknownKind::ProductLine => (
            "SELECT COUNT(*) FROM dimension_member WHERE id = ?1 AND dim = ?2",
            "product_line",
        ),
        UnknownKind::CustomerType => (
            "SELECT COUNT(*) FROM dimension_member WHERE id = ?1 AND dim = ?2",
            "customer_type",
        ),
        UnknownKind::Channel => (
            "SELECT COUNT(*) FROM dimension_member WHERE id = ?1 AND dim = ?2",
            "channel",
        ),
    };
    let n: i64 = conn.scalar(sql, params![id, dim])?;
    Ok(n > 0)
}

/// The company (root) unit, created (in `batch`) when the workspace has none; whether it was.
pub fn company_root(conn: &Connection, batch: Option<i64>) -> Result<(i64, bool)> {
    let found: Option<i64> = conn
        .optional(
            "SELECT id FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok()
        .flatten();
    if let Some(id) = found {
        return Ok((id, false));
    }
    let name: String = conn
        .scalar("SELECT value FROM meta WHERE key = 'company_name'", [])
        .unwrap_or_else(|_| "公司".to_string());
    let id = conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, headcount, batch_id) VALUES (NULL, 'company', ?1, 0, ?2)",
        params![name, batch],
    )?;
    Ok((id, true))
}

/// The records of a kind the wizard offers to map a value to: id, name, unit kind.
pub fn candidates(
    conn: &Connection,
    kind: UnknownKind,
) -> Result<Vec<(i64, String, Option<String>)>> {
    let sql = match kind {
        UnknownKind::Person => {
            "SELECT id, name, kind FROM org_unit WHERE kind = 'person' AND active = 1 ORDER BY name"
        }
        UnknownKind::OrgUnit => {
            "SELECT id, name, kind FROM org_unit WHERE active = 1 ORDER BY sort, name"
        }
        UnknownKind::ProductLine => {
            "SELECT id, name_zh, NULL FROM dimension_member WHERE dim = 'product_line' ORDER BY sort"
        }
        UnknownKind::CustomerType => {
            "SELECT id, name_zh, NULL FROM dimension_member WHERE dim = 'customer_type' ORDER BY sort"
        }
        UnknownKind::Channel => {
            "SELECT id, name_zh, NULL FROM dimension_member WHERE dim = 'channel' ORDER BY sort"
        }
        UnknownKind::Customer => "SELECT id, name, NULL FROM customer ORDER BY name",
    };
    conn.rows_of(sql, [])
}

/// The plan year selected in the workspace and its first month, when there is one.
pub fn selected_plan_year(conn: &Connection) -> Option<(i32, u32)> {
    conn.one(
        "SELECT ts.fiscal_year, fy.start_month FROM target_set ts JOIN fiscal_year fy ON fy.year = ts.fiscal_year
         WHERE ts.id = ?1",
        [crate::selection::current_set_id(conn).ok().flatten()],
        |r| Ok((r.get::<_, i32>(0)?, r.get::<_, u32>(1)?)),
    )
    .ok()
}
