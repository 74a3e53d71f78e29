//! What re-deriving a plan's tiers reads: its cells of additive, higher-is-better metrics in
//! organisation and period order, each unit's parent and each member's dimension.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::targets::store::tiers_at;
use crate::targets::tiers::Tiers;
use rusqlite::Connection;
use std::collections::HashMap;

/// One stored cell of a plan, as the tiers are re-derived from it.
pub(crate) struct TierCell {
    pub id: i64,
    pub metric: i64,
    pub unit: i64,
    pub dim: Option<i64>,
    pub period: String,
    pub start: String,
    pub end: String,
    pub tiers: Tiers,
}

/// The cells the ratios apply to: amounts and counts where more is better (see `retier`).
pub(crate) fn tier_cells(conn: &Connection, set_id: i64) -> Result<Vec<TierCell>> {
    conn.rows(
        "SELECT t.id, t.metric_id, t.org_unit_id, t.dimension_id, t.period, t.period_start, \
         t.period_end, t.floor_value, t.base_value, t.challenge_value, t.sprint_value \
         FROM target t JOIN org_unit o ON o.id = t.org_unit_id JOIN metric m ON m.id = t.metric_id \
         WHERE t.target_set_id = ?1 AND m.aggregation = 'sum' AND m.direction = 'higher' \
         ORDER BY o.sort, o.id, t.period_start, t.period, t.id",
        [set_id],
        |r| {
            Ok(TierCell {
                id: r.get(0)?,
                metric: r.get(1)?,
                unit: r.get(2)?,
                dim: r.get(3)?,
                period: r.get(4)?,
                start: r.get(5)?,
                end: r.get(6)?,
                tiers: tiers_at(r, 7)?,
            })
        },
    )
}

/// Each unit's parent (units with one).
pub(crate) fn unit_parents(conn: &Connection) -> Result<HashMap<i64, i64>> {
    Ok(conn
        .rows_of(
            "SELECT id, parent_id FROM org_unit WHERE parent_id IS NOT NULL",
            [],
        )?
        .into_iter()
        .collect())
}

/// Each dimension member's dimension.
pub(crate) fn member_dims(conn: &Connection) -> Result<HashMap<i64, String>> {
    Ok(conn
        .rows("SELECT id, dim FROM dimension_member", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .into_iter()
        .collect())
}
