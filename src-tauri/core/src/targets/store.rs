//! Targets in the workspace: read and write target cells, split a target into its children and
//! store them, lock flags and commitments, the top-down/bottom-up gap, quarter redistribution,
//! revisions once a target set is approved, and the re-split of the remaining periods.
//!
//! Functions take a `&Connection` and run inside a savepoint, so they are atomic on their own
//! and compose inside a caller's transaction.

pub use super::capacity::capacity_method;
use super::reconcile::{self, Gap, ReconcileWay};
use super::smart::{smart_check, SmartCheck, SmartConfig, SmartInput};
use super::tiers::{Tier, TierRatios, Tiers};
use crate::calendar::{parse_period, Period, PeriodKind};
use crate::error::{Error, Result};
use crate::split::Method;
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// One stored target cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetCell {
    pub id: i64,
    pub target_set_id: i64,
    pub metric_id: i64,
    pub org_unit_id: i64,
    pub dimension_id: Option<i64>,
    pub period: String,
    pub period_start: String,
    pub period_end: String,
    pub tiers: Tiers,
    pub commitment: Option<i64>,
    pub locked: bool,
    pub strategy_id: Option<i64>,
    pub last_year_actual: Option<i64>,
}

/// A period with its key and bounds already in stored form (built once, shared by many cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPeriod {
    pub key: String,
    pub start: String,
    pub end: String,
}

impl From<&Period> for StoredPeriod {
    fn from(p: &Period) -> Self {
        StoredPeriod {
            key: p.key.clone(),
            start: p.start.format("%Y-%m-%d").to_string(),
            end: p.end.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A cell to insert.
#[derive(Debug, Clone, Copy)]
pub struct NewTarget<'a> {
    pub target_set_id: i64,
    pub metric_id: i64,
    pub org_unit_id: i64,
    pub dimension_id: Option<i64>,
    pub period: &'a StoredPeriod,
    pub tiers: Tiers,
    pub last_year_actual: Option<i64>,
}

/// Where a child of a split goes: an organisation unit, an optional dimension member, a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildPlace {
    pub org_unit_id: i64,
    pub dimension_id: Option<i64>,
    pub period: Period,
}

/// Why an approved target changed (目标调整): external (policy, market) or internal
/// (execution, resources).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonCategory {
    Policy,
    Market,
    Execution,
    Resources,
    Other,
}

impl ReasonCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCategory::Policy => "policy",
            ReasonCategory::Market => "market",
            ReasonCategory::Execution => "execution",
            ReasonCategory::Resources => "resources",
            ReasonCategory::Other => "other",
        }
    }
}

/// Who changes a target, when and why; required once the target set is approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub who: String,
    /// ISO timestamp, e.g. 2026-05-10T09:30:00.
    pub at: String,
    pub category: ReasonCategory,
    pub reason: String,
    pub approver: Option<String>,
}

/// One recorded revision of one tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    pub target_id: i64,
    pub at: String,
    pub who: String,
    pub reason_category: String,
    pub reason: String,
    pub tier: String,
    pub old_value: i64,
    pub new_value: i64,
    pub approver: Option<String>,
}

const COLS: &str = "t.id, t.target_set_id, t.metric_id, t.org_unit_id, t.dimension_id, t.period, \
    t.period_start, t.period_end, t.floor_value, t.base_value, t.challenge_value, t.sprint_value, \
    t.commitment, t.locked, t.strategy_id, t.last_year_actual";

const INSERT: &str = "INSERT INTO target(target_set_id, metric_id, org_unit_id, dimension_id, \
    period, period_start, period_end, floor_value, base_value, challenge_value, sprint_value, \
    last_year_actual) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

fn read_cell(r: &Row) -> rusqlite::Result<TargetCell> {
    Ok(TargetCell {
        id: r.get(0)?,
        target_set_id: r.get(1)?,
        metric_id: r.get(2)?,
        org_unit_id: r.get(3)?,
        dimension_id: r.get(4)?,
        period: r.get(5)?,
        period_start: r.get(6)?,
        period_end: r.get(7)?,
        tiers: Tiers {
            floor: r.get(8)?,
            base: r.get(9)?,
            challenge: r.get(10)?,
            sprint: r.get(11)?,
        },
        commitment: r.get(12)?,
        locked: r.get::<_, i64>(13)? != 0,
        strategy_id: r.get(14)?,
        last_year_actual: r.get(15)?,
    })
}

pub(crate) use crate::store::atomic;

pub fn get_target(conn: &Connection, id: i64) -> Result<TargetCell> {
    conn.query_row(
        &format!("SELECT {COLS} FROM target t WHERE t.id = ?1"),
        [id],
        read_cell,
    )
    .optional()?
    .ok_or_else(|| {
        Error::new(
            "target_not_found",
            format!("找不到编号为 {id} 的目标"),
            format!("Target {id} not found"),
        )
    })
}

/// The cell at (set, metric, unit, dimension, period), if stored.
pub fn find_target(
    conn: &Connection,
    target_set_id: i64,
    metric_id: i64,
    org_unit_id: i64,
    dimension_id: Option<i64>,
    period: &str,
) -> Result<Option<TargetCell>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLS} FROM target t WHERE t.target_set_id = ?1 AND t.metric_id = ?2 \
             AND t.org_unit_id = ?3 AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) AND t.period = ?5"
        ))?
        .query_row(
            params![target_set_id, metric_id, org_unit_id, dimension_id, period],
            read_cell,
        )
        .optional()?)
}

/// The cell stored at each child place of `parent` (same plan and metric), if any.
pub fn cells_at(
    conn: &Connection,
    parent: &TargetCell,
    places: &[ChildPlace],
) -> Result<Vec<Option<TargetCell>>> {
    places
        .iter()
        .map(|p| {
            find_target(
                conn,
                parent.target_set_id,
                parent.metric_id,
                p.org_unit_id,
                p.dimension_id,
                &p.period.key,
            )
        })
        .collect()
}

/// Inserts cells with one prepared statement (the caller's transaction makes it fast);
/// returns how many were stored.
pub fn insert_targets<'a>(
    conn: &Connection,
    cells: impl IntoIterator<Item = NewTarget<'a>>,
) -> Result<usize> {
    let mut st = conn.prepare_cached(INSERT)?;
    let mut n = 0;
    for c in cells {
        st.execute(params![
            c.target_set_id,
            c.metric_id,
            c.org_unit_id,
            c.dimension_id,
            c.period.key,
            c.period.start,
            c.period.end,
            c.tiers.floor,
            c.tiers.base,
            c.tiers.challenge,
            c.tiers.sprint,
            c.last_year_actual,
        ])?;
        n += 1;
    }
    Ok(n)
}

/// Inserts one cell and returns its id.
pub fn insert_target(conn: &Connection, cell: NewTarget) -> Result<i64> {
    insert_targets(conn, [cell])?;
    Ok(conn.last_insert_rowid())
}

fn set_approved(conn: &Connection, target_set_id: i64) -> Result<bool> {
    let status: String = conn.query_row(
        "SELECT status FROM target_set WHERE id = ?1",
        [target_set_id],
        |r| r.get(0),
    )?;
    Ok(status == "approved")
}

/// The tier ratios of a target set.
pub fn set_ratios(conn: &Connection, target_set_id: i64) -> Result<TierRatios> {
    Ok(conn.query_row(
        "SELECT floor_bp, challenge_bp, sprint_bp FROM target_set WHERE id = ?1",
        [target_set_id],
        |r| {
            Ok(TierRatios {
                floor_bp: r.get(0)?,
                challenge_bp: r.get(1)?,
                sprint_bp: r.get(2)?,
            })
        },
    )?)
}

/// Stores the tier ratios of a target set (after [`TierRatios::validate`]); the cells keep their
/// values (see `targets::grid::set_tier_ratios` to re-derive them).
pub fn save_ratios(conn: &Connection, target_set_id: i64, ratios: TierRatios) -> Result<()> {
    ratios.validate()?;
    conn.execute(
        "UPDATE target_set SET floor_bp = ?1, challenge_bp = ?2, sprint_bp = ?3 WHERE id = ?4",
        params![
            ratios.floor_bp,
            ratios.challenge_bp,
            ratios.sprint_bp,
            target_set_id
        ],
    )?;
    Ok(())
}

/// The fiscal year's start month of a target set (January when the year is not recorded).
pub fn fiscal_start_month(conn: &Connection, target_set_id: i64) -> Result<u32> {
    let m: Option<u32> = conn
        .query_row(
            "SELECT f.start_month FROM target_set s JOIN fiscal_year f ON f.year = s.fiscal_year \
             WHERE s.id = ?1",
            [target_set_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(m.unwrap_or(1))
}

/// Writes new tiers to a cell. Once its target set is approved, a [`Change`] is required and
/// every tier that moves is recorded in `target_revision`.
pub fn update_tiers(conn: &Connection, id: i64, new: Tiers, change: Option<&Change>) -> Result<()> {
    let old = get_target(conn, id)?;
    if old.tiers == new {
        return Ok(());
    }
    atomic(conn, || {
        if set_approved(conn, old.target_set_id)? {
            let Some(ch) = change else {
                return Err(Error::new(
                    "revision_reason_required",
                    format!(
                        "目标（{}）所属方案已审批，修改须填写调整人和原因",
                        old.period
                    ),
                    format!(
                        "The target ({}) belongs to an approved plan: a change needs who and why",
                        old.period
                    ),
                ));
            };
            let mut st = conn.prepare_cached(
                "INSERT INTO target_revision(target_id, at, who, reason_category, reason, tier, \
                 old_value, new_value, approver) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for tier in Tier::ALL {
                let (o, n) = (old.tiers.get(tier), new.get(tier));
                if o != n {
                    st.execute(params![
                        id,
                        ch.at,
                        ch.who,
                        ch.category.as_str(),
                        ch.reason,
                        tier.as_str(),
                        o.unwrap_or(0),
                        n.unwrap_or(0),
                        ch.approver,
                    ])?;
                }
            }
        }
        conn.prepare_cached(
            "UPDATE target SET floor_value = ?1, base_value = ?2, challenge_value = ?3, \
             sprint_value = ?4 WHERE id = ?5",
        )?
        .execute(params![new.floor, new.base, new.challenge, new.sprint, id])?;
        Ok(())
    })
}

pub fn set_locked(conn: &Connection, id: i64, locked: bool) -> Result<()> {
    get_target(conn, id)?;
    conn.execute(
        "UPDATE target SET locked = ?1 WHERE id = ?2",
        params![locked as i64, id],
    )?;
    Ok(())
}

/// Records a node's bottom-up commitment (None clears it).
pub fn set_commitment(conn: &Connection, id: i64, commitment: Option<i64>) -> Result<()> {
    get_target(conn, id)?;
    conn.execute(
        "UPDATE target SET commitment = ?1 WHERE id = ?2",
        params![commitment, id],
    )?;
    Ok(())
}

/// Revisions of a cell, oldest first.
pub fn revisions(conn: &Connection, target_id: i64) -> Result<Vec<Revision>> {
    let mut st = conn.prepare(
        "SELECT target_id, at, who, reason_category, reason, tier, old_value, new_value, approver \
         FROM target_revision WHERE target_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([target_id], |r| {
        Ok(Revision {
            target_id: r.get(0)?,
            at: r.get(1)?,
            who: r.get(2)?,
            reason_category: r.get(3)?,
            reason: r.get(4)?,
            tier: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
            approver: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Splits a stored target into `children` with `method` and stores them: existing child cells
/// are updated (locked ones keep their values and the rest re-balances), missing ones are
/// inserted. Every tier is split with the same weights. Returns the children as stored.
pub fn split_to_children(
    conn: &Connection,
    parent_id: i64,
    children: &[ChildPlace],
    method: &Method,
    change: Option<&Change>,
) -> Result<Vec<TargetCell>> {
    let parent = get_target(conn, parent_id)?;
    if method.len() != children.len() {
        return Err(Error::new(
            "split_length_mismatch",
            format!(
                "拆分方法给出 {} 项，但下级有 {} 个",
                method.len(),
                children.len()
            ),
            format!(
                "The split method has {} parts for {} children",
                method.len(),
                children.len()
            ),
        ));
    }
    let start_month = fiscal_start_month(conn, parent.target_set_id)?;
    for c in children {
        let whole = parse_period(&c.period.key, start_month)?;
        if (whole.start, whole.end) != (c.period.start, c.period.end) {
            return Err(Error::new(
                "period_clipped",
                format!(
                    "期间“{}”跨越上级期间的边界，只能由覆盖整个期间的上级拆分后保存",
                    c.period.key
                ),
                format!(
                    "Period \"{}\" crosses the parent's boundary; store it from a parent that covers all of it",
                    c.period.key
                ),
            ));
        }
    }
    let existing: Vec<Option<TargetCell>> = children
        .iter()
        .map(|c| {
            find_target(
                conn,
                parent.target_set_id,
                parent.metric_id,
                c.org_unit_id,
                c.dimension_id,
                &c.period.key,
            )
        })
        .collect::<Result<_>>()?;
    let locks: Vec<Option<Tiers>> = existing
        .iter()
        .map(|e| e.as_ref().filter(|c| c.locked).map(|c| c.tiers))
        .collect();
    if matches!(method, Method::Manual(_)) {
        // Manual values must add up to the parent's base (locks included).
        let base_locks: Vec<Option<i64>> = locks.iter().map(|l| l.map(|t| t.base)).collect();
        crate::split::split(parent.tiers.base, method, &base_locks)?;
    }
    let parts = parent.tiers.split_locked(&method.weights()?, &locks)?;
    atomic(conn, || {
        let mut ids = Vec::with_capacity(children.len());
        for ((c, old), tiers) in children.iter().zip(&existing).zip(parts) {
            match old {
                Some(cell) => {
                    update_tiers(conn, cell.id, tiers, change)?;
                    ids.push(cell.id);
                }
                None => {
                    let period = StoredPeriod::from(&c.period);
                    ids.push(insert_target(
                        conn,
                        NewTarget {
                            target_set_id: parent.target_set_id,
                            metric_id: parent.metric_id,
                            org_unit_id: c.org_unit_id,
                            dimension_id: c.dimension_id,
                            period: &period,
                            tiers,
                            last_year_actual: None,
                        },
                    )?);
                }
            }
        }
        ids.iter().map(|id| get_target(conn, *id)).collect()
    })
}

/// The child periods of `kind` inside a stored target's period, as places on the same unit and
/// dimension (ready for [`split_to_children`]).
pub fn time_places(
    conn: &Connection,
    parent: &TargetCell,
    kind: PeriodKind,
) -> Result<Vec<ChildPlace>> {
    let start_month = fiscal_start_month(conn, parent.target_set_id)?;
    Ok(parse_period(&parent.period, start_month)?
        .children(kind, start_month)?
        .into_iter()
        .map(|period| ChildPlace {
            org_unit_id: parent.org_unit_id,
            dimension_id: parent.dimension_id,
            period,
        })
        .collect())
}

/// A split by working days of each place's period, in the workspace's holiday calendar.
pub fn workdays_method(ws: &Workspace, places: &[ChildPlace]) -> Result<Method> {
    let cal = crate::variance::workspace_calendar(ws)?;
    Ok(Method::Workdays(
        places.iter().map(|p| p.period.working_days(&cal)).collect(),
    ))
}

/// Derives the ISO-week cells of a plan from its month cells. Each month's tiers are apportioned
/// to the weeks it touches by working days (exact within the month); a week that crosses a month
/// boundary is stored whole and holds its parts from both months, so the weeks add up exactly
/// to the months. `month_target_id` names any month of the plan (same set, metric, unit and
/// dimension); every stored month of that plan is used. Returns the weeks as stored.
pub fn store_weeks_from_months(
    conn: &Connection,
    month_target_id: i64,
    cal: &crate::calendar::WorkCalendar,
    change: Option<&Change>,
) -> Result<Vec<TargetCell>> {
    let month = get_target(conn, month_target_id)?;
    let start_month = fiscal_start_month(conn, month.target_set_id)?;
    if parse_period(&month.period, start_month)?.kind != PeriodKind::Month {
        return Err(Error::new(
            "not_a_month",
            format!("“{}”不是月度目标", month.period),
            format!("\"{}\" is not a month target", month.period),
        ));
    }
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM target t WHERE t.org_unit_id = ?1 AND t.target_set_id = ?2 \
         AND t.metric_id = ?3 AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) ORDER BY t.period_start"
    ))?;
    let cells = st
        .query_map(
            params![
                month.org_unit_id,
                month.target_set_id,
                month.metric_id,
                month.dimension_id
            ],
            read_cell,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut weeks: std::collections::BTreeMap<String, (Period, Tiers)> = Default::default();
    for cell in cells {
        let Ok(period) = parse_period(&cell.period, start_month) else {
            continue;
        };
        if period.kind != PeriodKind::Month {
            continue;
        }
        let parts = period.children(PeriodKind::Week, start_month)?;
        let days: Vec<u128> = parts.iter().map(|w| w.working_days(cal) as u128).collect();
        let shares = cell.tiers.split(&days).map_err(|_| {
            Error::new(
                "month_without_working_days",
                format!("月份“{}”没有工作日，无法按周分摊", cell.period),
                format!(
                    "Month \"{}\" has no working day to spread over weeks",
                    cell.period
                ),
            )
        })?;
        for (w, t) in parts.iter().zip(shares) {
            let entry = match weeks.entry(w.key.clone()) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert((parse_period(&w.key, start_month)?, Tiers::default()))
                }
            };
            entry.1 = entry.1 + t;
        }
    }
    atomic(conn, || {
        let mut ids = Vec::with_capacity(weeks.len());
        for (key, (period, tiers)) in &weeks {
            let existing = find_target(
                conn,
                month.target_set_id,
                month.metric_id,
                month.org_unit_id,
                month.dimension_id,
                key,
            )?;
            match existing {
                Some(cell) => {
                    update_tiers(conn, cell.id, *tiers, change)?;
                    ids.push(cell.id);
                }
                None => {
                    let stored = StoredPeriod::from(period);
                    ids.push(insert_target(
                        conn,
                        NewTarget {
                            target_set_id: month.target_set_id,
                            metric_id: month.metric_id,
                            org_unit_id: month.org_unit_id,
                            dimension_id: month.dimension_id,
                            period: &stored,
                            tiers: *tiers,
                            last_year_actual: None,
                        },
                    )?);
                }
            }
        }
        ids.iter().map(|id| get_target(conn, *id)).collect()
    })
}

/// The cells one level down the organisation: same set, metric, dimension and period, on the
/// child units of the parent's unit, in the units' order.
pub fn org_children(conn: &Connection, parent: &TargetCell) -> Result<Vec<TargetCell>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM target t JOIN org_unit o ON o.id = t.org_unit_id \
         WHERE o.parent_id = ?1 AND t.target_set_id = ?2 AND t.metric_id = ?3 \
         AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) AND t.period = ?5 ORDER BY o.sort, o.id"
    ))?;
    let rows = st.query_map(
        params![
            parent.org_unit_id,
            parent.target_set_id,
            parent.metric_id,
            parent.dimension_id,
            parent.period
        ],
        read_cell,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The cells of a finer period `kind` inside the parent's period, for the same set, metric,
/// unit and dimension, in time order.
pub fn period_children(
    conn: &Connection,
    parent: &TargetCell,
    kind: PeriodKind,
) -> Result<Vec<TargetCell>> {
    let start_month = fiscal_start_month(conn, parent.target_set_id)?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM target t WHERE t.org_unit_id = ?1 AND t.target_set_id = ?2 \
         AND t.metric_id = ?3 AND IFNULL(t.dimension_id, 0) = IFNULL(?4, 0) \
         AND t.period_start >= ?5 AND t.period_end <= ?6 AND t.id <> ?7 \
         ORDER BY t.period_start, t.period"
    ))?;
    let rows = st.query_map(
        params![
            parent.org_unit_id,
            parent.target_set_id,
            parent.metric_id,
            parent.dimension_id,
            parent.period_start,
            parent.period_end,
            parent.id
        ],
        read_cell,
    )?;
    let mut out = Vec::new();
    for cell in rows {
        let cell = cell?;
        if parse_period(&cell.period, start_month).is_ok_and(|p| p.kind == kind) {
            out.push(cell);
        }
    }
    Ok(out)
}

/// The gap between a node's target and its organisation children's commitments.
pub fn node_gap(conn: &Connection, target_id: i64) -> Result<Gap> {
    let parent = get_target(conn, target_id)?;
    let children = org_children(conn, &parent)?;
    let commitments: Vec<Option<i64>> = children.iter().map(|c| c.commitment).collect();
    Ok(reconcile::gap(parent.tiers.base, &commitments))
}

/// Reconciles a node with its children's commitments: either the children's targets become
/// the commitments scaled exactly to the node's target (every tier split by the commitments),
/// or the children's targets become their commitments (tiers from the set's ratios) and the
/// node's target their sum.
pub fn reconcile_node(
    conn: &Connection,
    target_id: i64,
    way: ReconcileWay,
    change: Option<&Change>,
) -> Result<()> {
    let parent = get_target(conn, target_id)?;
    let children = org_children(conn, &parent)?;
    if children.iter().all(|c| c.commitment.is_none()) {
        return Err(Error::new(
            "no_commitments",
            format!("目标“{}”的下级尚无任何承诺值", parent.period),
            format!("No child of target \"{}\" has committed yet", parent.period),
        ));
    }
    let commitments: Vec<i64> = children.iter().map(|c| c.commitment.unwrap_or(0)).collect();
    atomic(conn, || {
        match way {
            ReconcileWay::ScaleCommitments => {
                // Validates signs and that someone committed, then splits every tier alike.
                reconcile::scale_commitments(parent.tiers.base, &commitments)?;
                let weights: Vec<u128> = commitments.iter().map(|c| *c as u128).collect();
                let parts = parent.tiers.split(&weights)?;
                for (c, t) in children.iter().zip(parts) {
                    update_tiers(conn, c.id, t, change)?;
                }
            }
            ReconcileWay::TargetToCommitments => {
                let ratios = set_ratios(conn, parent.target_set_id)?;
                let mut sum = Tiers::default();
                for (c, v) in children.iter().zip(&commitments) {
                    let t = ratios.tiers(*v);
                    update_tiers(conn, c.id, t, change)?;
                    sum = sum + t;
                }
                update_tiers(conn, parent.id, sum, change)?;
            }
        }
        Ok(())
    })
}

/// A team re-paces the three months of its quarter; the quarter total must hold. Each month's
/// other tiers follow the new base shares.
pub fn redistribute_quarter(
    conn: &Connection,
    quarter_target_id: i64,
    month_bases: &[i64],
    change: Option<&Change>,
) -> Result<Vec<TargetCell>> {
    let quarter = get_target(conn, quarter_target_id)?;
    let start_month = fiscal_start_month(conn, quarter.target_set_id)?;
    if parse_period(&quarter.period, start_month)?.kind != PeriodKind::Quarter {
        return Err(Error::new(
            "not_a_quarter",
            format!("“{}”不是季度目标", quarter.period),
            format!("\"{}\" is not a quarter target", quarter.period),
        ));
    }
    let months = period_children(conn, &quarter, PeriodKind::Month)?;
    if months.len() != 3 {
        return Err(Error::new(
            "quarter_months_missing",
            format!("季度“{}”尚未拆分到 3 个月", quarter.period),
            format!(
                "Quarter \"{}\" has not been split into its 3 months",
                quarter.period
            ),
        ));
    }
    reconcile::check_quarter_redistribution(quarter.tiers.base, month_bases)?;
    let weights: Vec<u128> = month_bases
        .iter()
        .map(|v| u128::try_from(*v))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::new(
                "negative_month",
                "月度目标不能为负数",
                "A month's target cannot be negative",
            )
        })?;
    let parts = quarter.tiers.split(&weights)?;
    atomic(conn, || {
        for (m, t) in months.iter().zip(parts) {
            update_tiers(conn, m.id, t, change)?;
        }
        months.iter().map(|m| get_target(conn, m.id)).collect()
    })
}

/// Revises a target mid-period and re-splits its remaining `kind` periods: periods that began
/// on or before `as_of` stay frozen (as do locked cells), the later ones share the rest in
/// proportion to their current base values (so seasonality holds; evenly if they are all
/// zero), and every tier adds up exactly to the new parent. Returns the children as stored.
pub fn resplit_remaining(
    conn: &Connection,
    parent_id: i64,
    new_parent: Tiers,
    kind: PeriodKind,
    as_of: NaiveDate,
    change: Option<&Change>,
) -> Result<Vec<TargetCell>> {
    let parent = get_target(conn, parent_id)?;
    let children = period_children(conn, &parent, kind)?;
    if children.is_empty() {
        return Err(Error::new(
            "no_child_periods",
            format!("目标“{}”尚未拆分到下级期间", parent.period),
            format!("Target \"{}\" has no child periods yet", parent.period),
        ));
    }
    let as_of_text = as_of.format("%Y-%m-%d").to_string();
    let frozen: Vec<bool> = children
        .iter()
        .map(|c| c.locked || c.period_start <= as_of_text)
        .collect();
    let locks: Vec<Option<Tiers>> = children
        .iter()
        .zip(&frozen)
        .map(|(c, f)| f.then_some(c.tiers))
        .collect();
    let mut weights: Vec<u128> = children
        .iter()
        .map(|c| c.tiers.base.max(0) as u128)
        .collect();
    let open_weight: u128 = weights
        .iter()
        .zip(&frozen)
        .filter(|(_, f)| !**f)
        .map(|(w, _)| *w)
        .sum();
    if open_weight == 0 {
        weights.iter_mut().for_each(|w| *w = 1);
    }
    let parts = new_parent.split_locked(&weights, &locks)?;
    atomic(conn, || {
        update_tiers(conn, parent.id, new_parent, change)?;
        for (c, t) in children.iter().zip(parts) {
            update_tiers(conn, c.id, t, change)?;
        }
        children.iter().map(|c| get_target(conn, c.id)).collect()
    })
}

/// The SMART check of a stored target.
pub fn smart_check_target(
    conn: &Connection,
    target_id: i64,
    config: &SmartConfig,
) -> Result<SmartCheck> {
    let cell = get_target(conn, target_id)?;
    let (code, unit, direction): (String, String, String) = conn.query_row(
        "SELECT code, unit, direction FROM metric WHERE id = ?1",
        [cell.metric_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let input = SmartInput {
        metric_code: Some(&code),
        unit: Some(&unit),
        lower_is_better: direction == "lower",
        base: cell.tiers.base,
        last_year_actual: cell.last_year_actual,
        strategy_id: cell.strategy_id,
        period: Some(&cell.period),
        fiscal_start_month: fiscal_start_month(conn, cell.target_set_id)?,
    };
    Ok(smart_check(&input, config))
}

#[cfg(test)]
mod tests;
