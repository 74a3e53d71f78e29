//! The organisation edited by hand: units added, renamed, moved, retired and given headcount,
//! capacity and a manager (`edit`), and people who join, leave or transfer on a date
//! (`transfer`). Membership has dates: a transfer ends the person's row and starts a new one
//! under the new unit, so every actual stays with the unit it was earned in.

pub mod edit;
mod store;
pub mod transfer;
mod transfer_targets;
pub mod transfer_undo;

pub use transfer_targets::{Follow, YearChange};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod undo_tests;

use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;

/// One unit as the organisation editor shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub headcount: i64,
    /// Fen per head per fiscal year.
    pub capacity_per_head: Option<i64>,
    pub manager: String,
    pub active: bool,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
}

/// Every unit, parents before children, in display order.
pub fn units(conn: &Connection) -> Result<Vec<Unit>> {
    store::units::all(conn)
}

pub(crate) fn unit(conn: &Connection, id: i64) -> Result<Unit> {
    units_where(conn, id)?.ok_or_else(|| {
        Error::new(
            Code::OrgUnitMissing,
            format!("找不到组织单元 {id}"),
            format!("No organisation unit {id}"),
        )
    })
}

fn units_where(conn: &Connection, id: i64) -> Result<Option<Unit>> {
    store::units::one(conn, id)
}

/// The ids from `id` up to the root, `id` first.
pub(crate) fn ancestry(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut out = vec![id];
    let mut cur = id;
    while let Some(p) = store::units::parent_of(conn, cur)? {
        if out.contains(&p) {
            break;
        }
        out.push(p);
        cur = p;
    }
    Ok(out)
}

pub(crate) fn parse_date(text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::new(
            Code::OrgBadDate,
            format!("日期“{text}”无效：应形如 2026-07-01"),
            format!("Invalid date \"{text}\": expected e.g. 2026-07-01"),
        )
    })
}
