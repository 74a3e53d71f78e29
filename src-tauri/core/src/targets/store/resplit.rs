//! Re-splitting stored targets: a target split into its children and stored, the weeks of a
//! plan derived from its months, a node reconciled with its children's commitments, a quarter
//! re-paced, the remaining periods re-split after a mid-period revision, and the SMART check.
//! Cells are read and written through the repository in [`super`].

use super::*;
use crate::error::Code;
use crate::targets::reconcile::{self, Gap, ReconcileWay};
use crate::targets::smart::{smart_check, SmartCheck, SmartConfig, SmartInput};

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
            Code::SplitLengthMismatch,
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
                Code::PeriodClipped,
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
            Code::NotAMonth,
            format!("“{}”不是月度目标", month.period),
            format!("\"{}\" is not a month target", month.period),
        ));
    }
    let cells = row_cells(conn, &month)?;
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
                Code::MonthWithoutWorkingDays,
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
            Code::NoCommitments,
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
            Code::NotAQuarter,
            format!("“{}”不是季度目标", quarter.period),
            format!("\"{}\" is not a quarter target", quarter.period),
        ));
    }
    let months = period_children(conn, &quarter, PeriodKind::Month)?;
    if months.len() != 3 {
        return Err(Error::new(
            Code::QuarterMonthsMissing,
            format!("季度“{}”尚未拆分到 3 个月", quarter.period),
            format!(
                "Quarter \"{}\" has not been split into its 3 months",
                quarter.period
            ),
        ));
    }
    let weights = reconcile::quarter_month_weights(quarter.tiers.base, month_bases)?;
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
            Code::NoChildPeriods,
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
