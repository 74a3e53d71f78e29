//! A transfer's rows: the person's new membership row and the end of the old one, what they
//! look after, and the remaining targets that move with them or are re-split.

use crate::error::Result;
use crate::store::query::ConnExt;
use crate::targets::store::tiers_at;
use crate::targets::store::StoredPeriod;
use crate::targets::tiers::Tiers;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Active, open-ended units under `parent` called `name`.
pub(in crate::org) fn active_named(conn: &Connection, parent: i64, name: &str) -> Result<i64> {
    conn.scalar(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND name = ?2 AND active = 1 AND valid_to IS NULL",
        params![parent, name],
    )
}

/// The key that ties a person's rows together (their first row's id).
pub(in crate::org) fn person_key(conn: &Connection, id: i64) -> Result<i64> {
    conn.scalar(
        "SELECT IFNULL(person_key, id) FROM org_unit WHERE id = ?1",
        [id],
    )
}

/// The person's new row under `to` from `day` (a copy of `person`'s row, last among its new
/// siblings); its id.
pub(in crate::org) fn start_row(
    conn: &Connection,
    person: i64,
    to: i64,
    day: &str,
    key: i64,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, team_type, headcount, capacity_per_head, sort, valid_from, person_key, manager)
         SELECT ?2, kind, name, team_type, headcount, capacity_per_head,
                (SELECT IFNULL(MAX(sort), -1) + 1 FROM org_unit WHERE parent_id = ?2), ?3, ?4, manager
         FROM org_unit WHERE id = ?1",
        params![person, to, day, key],
    )
}

/// Ends the person's old row on `last_day`.
pub(in crate::org) fn end_row(conn: &Connection, id: i64, last_day: &str, key: i64) -> Result<()> {
    conn.run(
        "UPDATE org_unit SET active = 0, valid_to = ?2, person_key = ?3 WHERE id = ?1",
        params![id, last_day, key],
    )?;
    Ok(())
}

/// Open deals and customers owned by `from` go to `to`.
pub(in crate::org) fn hand_over(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.run(
        "UPDATE deal SET owner_id = ?2 WHERE owner_id = ?1 AND status = 'open'",
        params![from, to],
    )?;
    conn.run(
        "UPDATE customer SET owner_id = ?2 WHERE owner_id = ?1",
        params![from, to],
    )?;
    Ok(())
}

/// A target cell of a unit as a transfer reads it.
pub(in crate::org) struct CellRow {
    pub set: i64,
    pub metric: i64,
    pub dim: Option<i64>,
    pub period: StoredPeriod,
    pub tiers: Tiers,
    /// The plan's fiscal start month.
    pub start_month: u32,
}

/// The unit's cells in every plan that is not archived.
pub(in crate::org) fn cells_of(conn: &Connection, unit: i64) -> Result<Vec<CellRow>> {
    conn.rows(
        "SELECT t.target_set_id, t.metric_id, t.dimension_id, t.period, t.period_start, t.period_end,
                t.floor_value, t.base_value, t.challenge_value, t.sprint_value, IFNULL(f.start_month, 1)
         FROM target t JOIN target_set s ON s.id = t.target_set_id
         LEFT JOIN fiscal_year f ON f.year = s.fiscal_year
         WHERE t.org_unit_id = ?1 AND s.archived_at IS NULL",
        [unit],
        |r| {
            Ok(CellRow {
                set: r.get(0)?,
                metric: r.get(1)?,
                dim: r.get(2)?,
                period: StoredPeriod {
                    key: r.get(3)?,
                    start: r.get(4)?,
                    end: r.get(5)?,
                },
                tiers: tiers_at(r, 6)?,
                start_month: r.get(10)?,
            })
        },
    )
}

/// The unit's cell of plan `set`, `metric`, member `dim` and `period`: its id and tiers.
pub(in crate::org) fn cell(
    conn: &Connection,
    (set, metric, unit, dim): (i64, i64, i64, Option<i64>),
    period: &str,
) -> Result<Option<(i64, Tiers)>> {
    conn.optional(
        "SELECT id, floor_value, base_value, challenge_value, sprint_value FROM target
         WHERE target_set_id = ?1 AND metric_id = ?2 AND org_unit_id = ?3
           AND dimension_id IS ?4 AND period = ?5",
        params![set, metric, unit, dim, period],
        |r| Ok((r.get(0)?, tiers_at(r, 1)?)),
    )
}

/// The other active people beside the person `id`, in order.
pub(in crate::org) fn colleagues(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT id FROM org_unit WHERE parent_id = (SELECT parent_id FROM org_unit WHERE id = ?1)
           AND kind = 'person' AND active = 1 AND id <> ?1 ORDER BY sort, id",
        [id],
        |r| r.get(0),
    )
}

/// Stored weeks and days from `day` on go from `from` to `to`.
pub(in crate::org) fn move_weeks_and_days(
    conn: &Connection,
    from: i64,
    to: i64,
    day: &str,
) -> Result<()> {
    conn.run(
        "UPDATE target SET org_unit_id = ?2 WHERE org_unit_id = ?1 AND period_start >= ?3 AND (period LIKE '%-W%' OR length(period) = 10)",
        params![from, to, day],
    )?;
    Ok(())
}

/// Stored weeks and days of `from` from `day` on are dropped.
pub(in crate::org) fn drop_weeks_and_days(conn: &Connection, from: i64, day: &str) -> Result<()> {
    conn.run(
        "DELETE FROM target WHERE org_unit_id = ?1 AND period_start >= ?2 AND (period LIKE '%-W%' OR length(period) = 10)",
        params![from, day],
    )?;
    Ok(())
}

/// Every unit's base revenue year target (no dimension) in plan `set`.
pub(in crate::org) fn year_targets(conn: &Connection, set: i64) -> Result<HashMap<i64, i64>> {
    Ok(conn
        .rows_of(
            "SELECT t.org_unit_id, t.base_value FROM target t JOIN target_set s ON s.id = t.target_set_id
             WHERE s.id = ?1 AND t.period = CAST(s.fiscal_year AS TEXT) AND t.dimension_id IS NULL
               AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [set])?
        .into_iter()
        .collect())
}
