//! The setup area's SQL: the company's root, the catalog (metrics and their usage, dimension
//! members, customers, funnel stages) and the year plans. The feature modules check and decide;
//! these read and write the rows.

pub(super) mod catalog;
pub(super) mod company;
pub(super) mod metrics;
pub(super) mod plan_year;
pub(super) mod stages;
pub(super) mod usage;

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// A catalog table whose rows are retired as of a stamp rather than deleted.
#[derive(Clone, Copy)]
enum Retirable {
    Metric,
    DimensionMember,
}

/// Retires row `id` of `table` as of `stamp` (kept if already retired), or restores it.
fn set_retired(
    conn: &Connection,
    table: Retirable,
    id: i64,
    restore: bool,
    stamp: &str,
) -> Result<()> {
    let sql = match table {
        Retirable::Metric => {
            "UPDATE metric SET retired_at = CASE WHEN ?2 THEN NULL ELSE IFNULL(retired_at, ?3) END WHERE id = ?1"
        }
        Retirable::DimensionMember => {
            "UPDATE dimension_member SET retired_at = CASE WHEN ?2 THEN NULL ELSE IFNULL(retired_at, ?3) END WHERE id = ?1"
        }
    };
    conn.run(sql, params![id, restore, stamp])?;
    Ok(())
}
