//! Rows a generated workspace writes beyond the catalog every workspace starts with
//! ([`super::catalog`]): meta values, a fiscal year, dimension members, organisation units and
//! deals, and the reads it builds on (member ids, a unit's children, funnel stages). The demo
//! company and the synthetic benchmark organisation write through these; what they write is
//! theirs.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// Sets a meta value of a workspace that has none for `key`.
pub fn meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.run("INSERT INTO meta(key, value) VALUES (?1, ?2)", [key, value])?;
    Ok(())
}

/// Adds a fiscal year starting in `start_month`.
pub fn fiscal_year(conn: &Connection, year: i32, start_month: u32) -> Result<()> {
    conn.run(
        "INSERT INTO fiscal_year(year, start_month) VALUES (?1, ?2)",
        params![year, start_month],
    )?;
    Ok(())
}

/// Adds a member of dimension `dim`: (code, zh name, en name), in place `sort`.
pub fn member(
    conn: &Connection,
    dim: &str,
    (code, zh, en): (&str, &str, &str),
    sort: i64,
) -> Result<()> {
    conn.run(
        "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![dim, code, zh, en, sort],
    )?;
    Ok(())
}

/// The members of `dim`, in their order.
pub fn member_ids(conn: &Connection, dim: &str) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT id FROM dimension_member WHERE dim = ?1 ORDER BY sort",
        [dim],
        |r| r.get(0),
    )
}

/// How many organisation units the workspace holds.
pub fn unit_count(conn: &Connection) -> Result<i64> {
    conn.scalar("SELECT COUNT(*) FROM org_unit", [])
}

/// A new organisation unit.
pub struct NewUnit<'a> {
    pub parent: Option<i64>,
    pub kind: &'a str,
    pub name: &'a str,
    pub team_type: Option<&'a str>,
    pub headcount: i64,
    /// Capacity per head a year (fen).
    pub capacity: Option<i64>,
    pub sort: i64,
}

/// Adds a unit; its id.
pub fn unit(conn: &Connection, u: &NewUnit) -> Result<i64> {
    conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, team_type, headcount, capacity_per_head, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            u.parent,
            u.kind,
            u.name,
            u.team_type,
            u.headcount,
            u.capacity,
            u.sort
        ],
    )
}

/// The company unit.
pub fn company(conn: &Connection) -> Result<i64> {
    conn.scalar("SELECT id FROM org_unit WHERE kind = 'company'", [])
}

/// A unit's children, in their order.
pub fn children(conn: &Connection, parent: i64) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT id FROM org_unit WHERE parent_id = ?1 ORDER BY sort, id",
        [parent],
        |r| r.get(0),
    )
}

/// The person called `name`.
pub fn person_named(conn: &Connection, name: &str) -> Result<i64> {
    conn.scalar(
        "SELECT id FROM org_unit WHERE kind = 'person' AND name = ?1",
        [name],
    )
}

/// Empties the organisation and everything booked to it (targets, actions, actuals, deals,
/// customers and the aggregates), keeping the catalog and the target sets.
pub fn clear_organisation(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM target; DELETE FROM action; DELETE FROM actual; DELETE FROM deal; DELETE FROM customer;
         DELETE FROM actual_day; DELETE FROM actual_month;
         DELETE FROM org_unit WHERE kind = 'person'; DELETE FROM org_unit WHERE kind = 'team';
         DELETE FROM org_unit WHERE kind = 'region'; DELETE FROM org_unit;",
    )?;
    Ok(())
}

/// The funnel stages, in their order.
pub fn stage_ids(conn: &Connection) -> Result<Vec<i64>> {
    conn.rows("SELECT id FROM deal_stage ORDER BY sort", [], |r| r.get(0))
}

/// A new deal in the funnel.
pub struct NewDeal<'a> {
    pub name: &'a str,
    pub owner: i64,
    pub customer: i64,
    pub product_line: i64,
    pub stage: i64,
    /// Fen.
    pub amount: i64,
    pub win_bp: i64,
    /// Created, entered its stage, expected to close.
    pub days: (&'a str, &'a str, &'a str),
    pub status: &'a str,
}

pub fn deal(conn: &Connection, d: &NewDeal) -> Result<()> {
    conn.run(
        "INSERT INTO deal(name, owner_id, customer_id, product_line_id, stage_id, amount, win_bp,
                          created_on, stage_entered_on, expected_close, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            d.name,
            d.owner,
            d.customer,
            d.product_line,
            d.stage,
            d.amount,
            d.win_bp,
            d.days.0,
            d.days.1,
            d.days.2,
            d.status
        ],
    )?;
    Ok(())
}
