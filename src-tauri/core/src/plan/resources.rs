//! The strategy–resource matching table (策略-资源匹配表): per strategy, the responsible
//! department, headcount, budget, tools and time nodes of its actions, with the budget totals
//! against the fiscal year's available budget and each strategy's share of it (the seeds' 80%
//! to high-potential customers / 20% to trials), split exactly with largest remainders.

use super::view::PlanState;
use crate::error::{Error, Result};
use crate::split::largest_remainder;
use crate::store::Workspace;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// One action of a strategy, as a time node of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeNode {
    pub action_id: i64,
    pub title: String,
    pub owner_name: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub milestone: bool,
}

/// One row: a strategy (or, with `strategy_id` `None`, the actions without one). Money in fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyResources {
    pub strategy_id: Option<i64>,
    pub title: String,
    pub department: String,
    pub tools: String,
    /// Σ headcount of its actions.
    pub headcount: i64,
    /// Σ budget of its actions.
    pub budget: i64,
    /// Its share of the available budget, when set.
    pub share_bp: Option<i64>,
    /// The available budget × share, split exactly.
    pub allocated: Option<i64>,
    /// Budget − allocated (positive: the actions ask for more than the strategy's share).
    pub over_allocated: Option<i64>,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Its actions by finish date.
    pub nodes: Vec<TimeNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceTable {
    pub fiscal_year: i32,
    pub available_budget: i64,
    pub rows: Vec<StrategyResources>,
    pub total_budget: i64,
    pub total_headcount: i64,
    /// Available − total budget (negative: over budget).
    pub remaining_budget: i64,
    /// The part of the available budget no strategy's share claims.
    pub unallocated: i64,
}

/// The fiscal year containing the as-of date and its available budget.
fn fiscal_year(ws: &Workspace, year: Option<i32>) -> Result<(i32, i64, NaiveDate, NaiveDate)> {
    let conn = ws.conn();
    let row = match year {
        Some(y) => super::store::fiscal_year_budget(conn, y)?,
        None => super::store::fiscal_year_budget_on(conn, crate::variance::as_of(ws)?)?,
    };
    let (y, month, budget) = match row {
        Some(r) => r,
        None => (year.unwrap_or(crate::variance::as_of(ws)?.year()), 1, 0),
    };
    let fy = crate::calendar::FiscalYear::new(y, month.clamp(1, 12));
    Ok((y, budget, fy.start(), fy.end()))
}

/// The matching table for a fiscal year (`None`: the one containing the as-of date). Counts the
/// leaf actions whose scheduled dates overlap that year.
pub fn resource_table(ws: &Workspace, year: Option<i32>) -> Result<ResourceTable> {
    let (fy, available, fy_start, fy_end) = fiscal_year(ws, year)?;
    let strategies = super::store::strategies(ws.conn())?;
    let mut rows: Vec<StrategyResources> = strategies
        .into_iter()
        .map(|(id, title, department, tools, share)| StrategyResources {
            strategy_id: Some(id),
            title,
            department,
            tools,
            headcount: 0,
            budget: 0,
            share_bp: share,
            allocated: None,
            over_allocated: None,
            start: None,
            finish: None,
            nodes: Vec::new(),
        })
        .collect();
    let state = PlanState::load(ws)?;
    let sched = state.schedule()?;
    let mut unassigned = StrategyResources {
        strategy_id: None,
        title: "未归属策略 / No strategy".to_string(),
        department: String::new(),
        tools: String::new(),
        headcount: 0,
        budget: 0,
        share_bp: None,
        allocated: None,
        over_allocated: None,
        start: None,
        finish: None,
        nodes: Vec::new(),
    };
    for &i in &state.outline.order {
        let t = &sched.times[i];
        if state.outline.is_summary(i) || t.finish < fy_start || t.start > fy_end {
            continue;
        }
        let a = &state.actions[i];
        let row = match rows
            .iter_mut()
            .find(|r| r.strategy_id.is_some() && r.strategy_id == a.strategy_id)
        {
            Some(r) => r,
            None => &mut unassigned,
        };
        row.headcount += a.headcount;
        row.budget += a.budget;
        row.start = Some(row.start.map_or(t.start, |s| s.min(t.start)));
        row.finish = Some(row.finish.map_or(t.finish, |f| f.max(t.finish)));
        row.nodes.push(TimeNode {
            action_id: a.id,
            title: a.title.clone(),
            owner_name: a.owner_name.clone(),
            start: t.start,
            finish: t.finish,
            milestone: state.durations[i] == 0,
        });
    }
    if !unassigned.nodes.is_empty() {
        rows.push(unassigned);
    }
    for r in &mut rows {
        r.nodes.sort_by_key(|n| (n.finish, n.start));
    }
    let unallocated = allocate(&mut rows, available)?;
    let total_budget: i64 = rows.iter().map(|r| r.budget).sum();
    Ok(ResourceTable {
        fiscal_year: fy,
        available_budget: available,
        total_headcount: rows.iter().map(|r| r.headcount).sum(),
        remaining_budget: available - total_budget,
        total_budget,
        unallocated,
        rows,
    })
}

/// Splits the available budget by the strategies' shares (the rest stays unallocated); returns
/// the unallocated part.
fn allocate(rows: &mut [StrategyResources], available: i64) -> Result<i64> {
    let shares: Vec<(usize, i64)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.share_bp.map(|s| (i, s)))
        .collect();
    let claimed: i64 = shares.iter().map(|s| s.1).sum();
    if claimed > 10_000 {
        // Basis points print as a percent with two decimals, the same digits as fen in yuan.
        return Err(Error::new(
            "budget_shares_exceed",
            format!(
                "各策略的预算占比合计 {}%，超过 100%",
                crate::money::format_yuan(claimed)
            ),
            format!(
                "The strategies' budget shares add up to {}%, more than 100%",
                crate::money::format_yuan(claimed)
            ),
        ));
    }
    if claimed == 0 {
        return Ok(available);
    }
    let mut weights: Vec<u128> = shares.iter().map(|s| s.1 as u128).collect();
    weights.push((10_000 - claimed) as u128);
    let parts = largest_remainder(available, &weights)?;
    for (k, &(i, _)) in shares.iter().enumerate() {
        rows[i].allocated = Some(parts[k]);
        rows[i].over_allocated = Some(rows[i].budget - parts[k]);
    }
    Ok(parts[shares.len()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    /// The demo's year budget is 10万: 80% (8万) to 高潜力客户深耕, 20% (2万) to 新渠道试点.
    /// 高潜力客户深耕 carries the festival (8万, 4 people), onboarding (3) and community (2);
    /// 新渠道试点 the campaigns (5000元, 2 people) and partners (1). The review milestone has no
    /// strategy.
    #[test]
    fn demo_matching_table_splits_the_budget_80_20() {
        let ws = crate::plan::edit::tests::demo();
        let t = resource_table(&ws, None).unwrap();
        assert_eq!((t.fiscal_year, t.available_budget), (2026, 10 * WAN));
        // (title, department, headcount, budget, allocated, over allocated)
        type Row<'a> = (&'a str, &'a str, i64, i64, Option<i64>, Option<i64>);
        let summary: Vec<Row> = t
            .rows
            .iter()
            .map(|r| {
                (
                    r.title.as_str(),
                    r.department.as_str(),
                    r.headcount,
                    r.budget,
                    r.allocated,
                    r.over_allocated,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "高潜力客户深耕",
                    "市场部",
                    9,
                    8 * WAN,
                    Some(8 * WAN),
                    Some(0)
                ),
                (
                    "新渠道试点",
                    "渠道部",
                    3,
                    5000 * 100,
                    Some(2 * WAN),
                    Some(5000 * 100 - 2 * WAN)
                ),
                ("未归属策略 / No strategy", "", 0, 0, None, None),
            ]
        );
        assert_eq!((t.total_budget, t.total_headcount), (85_000 * 100, 12));
        assert_eq!((t.remaining_budget, t.unallocated), (15_000 * 100, 0));
        let deep = &t.rows[0];
        assert_eq!(
            (
                deep.start.unwrap().to_string(),
                deep.finish.unwrap().to_string()
            ),
            ("2026-09-21".to_string(), "2026-12-31".to_string())
        );
        let nodes: Vec<&str> = deep.nodes.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(
            nodes,
            vec![
                "优化新人引导流程",
                "Q4 节日促销活动",
                "建立用户社群运营体系"
            ]
        );
        assert!(t.rows[2].nodes[0].milestone);
    }

    /// 10000.01元 split 80/20: 800000.8 and 200000.2 fen; the one fen left goes to the larger
    /// remainder. With shares of 60% and 20%, 20% stays unallocated.
    #[test]
    fn shares_split_exactly_and_cannot_exceed_100_percent() {
        let ws = crate::plan::edit::tests::demo();
        ws.conn()
            .execute(
                "UPDATE fiscal_year SET plan_budget = 1000001 WHERE year = 2026",
                [],
            )
            .unwrap();
        let t = resource_table(&ws, Some(2026)).unwrap();
        assert_eq!(
            (t.rows[0].allocated, t.rows[1].allocated),
            (Some(800_001), Some(200_000))
        );
        ws.conn()
            .execute(
                "UPDATE strategy SET budget_share_bp = 6000 WHERE title = '高潜力客户深耕'",
                [],
            )
            .unwrap();
        let t = resource_table(&ws, Some(2026)).unwrap();
        assert_eq!(
            (t.rows[0].allocated, t.rows[1].allocated, t.unallocated),
            (Some(600_001), Some(200_000), 200_000)
        );
        // A year without actions: nothing counted, the whole (unset) budget is zero.
        let t = resource_table(&ws, Some(2025)).unwrap();
        assert_eq!((t.total_budget, t.available_budget), (0, 0));
        ws.conn()
            .execute(
                "UPDATE strategy SET budget_share_bp = 9000 WHERE title = '高潜力客户深耕'",
                [],
            )
            .unwrap();
        assert_eq!(
            resource_table(&ws, Some(2026)).unwrap_err().code,
            "budget_shares_exceed"
        );
    }
}
