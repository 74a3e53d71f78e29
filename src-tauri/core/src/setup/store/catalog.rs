//! Dimension members (product lines, customer types, channels), a customer's type, and a year's
//! calendar days when the year follows no holidays.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};
use serde::Serialize;

/// One member of a dimension as the assistant lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub dim: String,
    /// Its code: the name it was first given (files and customers refer to it by this).
    pub code: String,
    pub name: String,
    /// Retired members keep their history and are hidden unless asked for.
    pub retired: bool,
}

/// The member of `dim` called `name` (its code or either name): id and whether retired.
pub(in crate::setup) fn member_named(
    conn: &Connection,
    dim: &str,
    name: &str,
) -> Result<Option<(i64, bool)>> {
    conn.optional_of(
        "SELECT id, retired_at IS NOT NULL FROM dimension_member
         WHERE dim = ?1 AND (code = ?2 OR name_zh = ?2 OR name_en = ?2) ORDER BY id LIMIT 1",
        params![dim, name],
    )
}

/// Gives a member one name in both languages.
pub(in crate::setup) fn rename_member(conn: &Connection, id: i64, name: &str) -> Result<()> {
    conn.run(
        "UPDATE dimension_member SET name_zh = ?2, name_en = ?2 WHERE id = ?1",
        params![id, name],
    )?;
    Ok(())
}

/// Retires a member as of `stamp` (kept if already retired), or restores it.
pub(in crate::setup) fn retire_member(
    conn: &Connection,
    id: i64,
    restore: bool,
    stamp: &str,
) -> Result<()> {
    super::set_retired(conn, super::Retirable::DimensionMember, id, restore, stamp)
}

/// Sets a customer's type; whether the customer exists.
pub(in crate::setup) fn set_customer_type(
    conn: &Connection,
    customer: i64,
    member: Option<i64>,
) -> Result<bool> {
    let changed = conn.run(
        "UPDATE customer SET customer_type_id = ?2 WHERE id = ?1",
        params![customer, member],
    )?;
    Ok(changed > 0)
}

/// Adds a member named `name` (its code too) at the end of `dim`.
pub(in crate::setup) fn add_member(conn: &Connection, dim: &str, name: &str) -> Result<()> {
    conn.run(
        "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort)
         VALUES (?1, ?2, ?2, ?2, (SELECT IFNULL(MAX(sort), -1) + 1 FROM dimension_member WHERE dim = ?1))",
        params![dim, name],
    )?;
    Ok(())
}

/// Every member of the three dimensions, in their order; retired ones only when asked for.
pub(in crate::setup) fn members(conn: &Connection, with_retired: bool) -> Result<Vec<Member>> {
    conn.rows(
        "SELECT dim, name_zh, retired_at IS NOT NULL, code FROM dimension_member
         WHERE dim IN ('product_line','customer_type','channel') AND (?1 OR retired_at IS NULL)
         ORDER BY dim, sort, id",
        [with_retired],
        |r| {
            Ok(Member {
                dim: r.get(0)?,
                code: r.get(3)?,
                name: r.get(1)?,
                retired: r.get(2)?,
            })
        },
    )
}

/// Drops `year`'s holidays and adjusted days: plain Monday–Friday weeks.
pub(in crate::setup) fn clear_calendar_year(conn: &Connection, year: i32) -> Result<()> {
    conn.run(
        "DELETE FROM calendar_day WHERE date >= ?1 AND date <= ?2",
        params![format!("{year:04}-01-01"), format!("{year:04}-12-31")],
    )?;
    Ok(())
}
