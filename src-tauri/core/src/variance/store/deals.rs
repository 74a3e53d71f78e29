//! The deals the engine reads: the open pipeline per owner (every query with a forecast; cached)
//! and the stages and deals of a funnel (on demand; prepared for the call).

use crate::error::Result;
use crate::store::query::ConnExt;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

/// A deal stage: id, code, name zh, name en, benchmark conversion (bp), most days in it.
pub(crate) type StageRow = (i64, String, String, String, Option<i64>, Option<i64>);

/// A deal: id, name, owner, stage, amount, status, day it entered its stage.
pub(crate) type DealRow = (i64, String, i64, i64, i64, String, String);

/// Σ amount × win probability (in bp) of the open deals expected to close in `from..=to`, per
/// owner; `member` a product line (0: every deal).
pub(crate) fn pipeline_by_owner(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    member: i64,
) -> Result<HashMap<i64, i128>> {
    let mut out: HashMap<i64, i128> = HashMap::new();
    conn.each(
        "SELECT owner_id, amount, win_bp FROM deal WHERE status = 'open'
             AND expected_close BETWEEN ?1 AND ?2 AND (?3 = 0 OR product_line_id = ?3)",
        rusqlite::params![from.to_string(), to.to_string(), member],
        |row| {
            let (owner, amount, win): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            *out.entry(owner).or_default() += amount as i128 * win as i128;
            Ok(())
        },
    )?;
    Ok(out)
}

/// Every deal stage, in funnel order.
pub(crate) fn stages(conn: &Connection) -> Result<Vec<StageRow>> {
    conn.uncached().rows_of(
        "SELECT id, code, name_zh, name_en, benchmark_bp, max_days FROM deal_stage ORDER BY sort, id",
        [],
    )
}

/// The deals of `owners` (a JSON list of ids) created by `as_of`, by id.
pub(crate) fn deals_of(conn: &Connection, owners: &str, as_of: NaiveDate) -> Result<Vec<DealRow>> {
    conn.uncached().rows_of(
        "SELECT id, name, owner_id, stage_id, amount, status, stage_entered_on FROM deal
             WHERE owner_id IN (SELECT value FROM json_each(?1)) AND created_on <= ?2 ORDER BY id",
        rusqlite::params![owners, as_of.to_string()],
    )
}
