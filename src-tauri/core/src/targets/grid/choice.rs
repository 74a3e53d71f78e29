//! The split dialog's choices and the split method each one makes for the places of a split.

use super::super::history::last_year_actuals;
use super::super::store::{capacity_method, cells_at, get_target, workdays_method, ChildPlace};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::split::{Driver, Method};
use crate::store::Workspace;
use serde::{Deserialize, Serialize};

/// How the grid's split dialog splits. JSON: `{"method":"even"}`, `{"method":"percent","bp":[…]}`,
/// `{"method":"capacity"}`, `{"method":"workdays"}`, `{"method":"current"}`,
/// `{"method":"history"}`, `{"method":"potential","weights":[…]}`,
/// `{"method":"blend","drivers":[{"method":"history","weightBp":6000},…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "method")]
pub enum SplitChoice {
    Even,
    /// Basis points per child, in the children's order; must total 10000.
    Percent {
        bp: Vec<i64>,
    },
    /// Headcount × capacity per head of each child unit.
    Capacity,
    /// Working days of each child period.
    Workdays,
    /// The children's current values are the weights (keep the shape, change the total).
    Current,
    /// Last fiscal year's actuals of each child (same period a year earlier, the child's
    /// people, its dimension member).
    History,
    /// Market potential per child given by the user, in the children's order (non-negative).
    Potential {
        weights: Vec<i64>,
    },
    /// A weighted mix of drivers; the driver weights total 10000 bp.
    Blend {
        drivers: Vec<BlendDriver>,
    },
}

/// The method of one blended driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DriverMethod {
    History,
    Capacity,
    Workdays,
    Even,
    Potential,
}

/// One driver of a blended split: its method, its weight in basis points and, for a potential
/// driver, the potential per child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlendDriver {
    pub method: DriverMethod,
    pub weight_bp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential: Option<Vec<i64>>,
}

fn potential(weights: &[i64], n: usize) -> Result<Method> {
    if weights.len() != n {
        return Err(Error::new(
            Code::PotentialLengthMismatch,
            format!("市场潜力给出 {} 项，但下级有 {n} 个", weights.len()),
            format!(
                "The market potential has {} values for {n} children",
                weights.len()
            ),
        ));
    }
    let w = weights
        .iter()
        .enumerate()
        .map(|(i, v)| {
            u128::try_from(*v).map_err(|_| {
                Error::new(
                    Code::SplitNegativeWeight,
                    format!("第 {} 项的市场潜力不能为负数", i + 1),
                    format!("Part {}: the market potential cannot be negative", i + 1),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Method::Potential(w))
}

fn blend(
    ws: &Workspace,
    parent_id: i64,
    places: &[ChildPlace],
    drivers: &[BlendDriver],
) -> Result<Method> {
    let total: i64 = drivers.iter().map(|d| d.weight_bp).sum();
    if let Some((i, _)) = drivers.iter().enumerate().find(|(_, d)| d.weight_bp < 0) {
        return Err(Error::new(
            Code::BlendBadWeight,
            format!("第 {} 个驱动因素的权重不能为负数", i + 1),
            format!("Driver {} cannot have a negative weight", i + 1),
        ));
    }
    if total != 10_000 {
        let shown = format!("{}.{:02}", total / 100, (total % 100).abs());
        return Err(Error::new(
            Code::BlendNot100,
            format!("驱动因素权重合计必须等于100%（当前为 {shown}%）"),
            format!("The driver weights should add up to 100% (they add up to {shown}%)"),
        ));
    }
    let mut out = Vec::with_capacity(drivers.len());
    for (i, d) in drivers.iter().enumerate() {
        let method = match d.method {
            DriverMethod::History => method(ws, parent_id, places, &SplitChoice::History)?,
            DriverMethod::Capacity => method(ws, parent_id, places, &SplitChoice::Capacity)?,
            DriverMethod::Workdays => method(ws, parent_id, places, &SplitChoice::Workdays)?,
            DriverMethod::Even => Method::Even(places.len()),
            DriverMethod::Potential => {
                let w = d.potential.as_deref().ok_or_else(|| {
                    Error::new(
                        Code::BlendPotentialMissing,
                        format!("第 {} 个驱动因素是市场潜力，但没有给出各项潜力值", i + 1),
                        format!(
                            "Driver {} is market potential but gives no potential values",
                            i + 1
                        ),
                    )
                })?;
                potential(w, places.len())?
            }
        };
        out.push(Driver {
            weight: d.weight_bp,
            method,
        });
    }
    Ok(Method::Blend(out))
}

/// The split method a choice makes for the places of a split of `parent_id`.
pub(crate) fn method(
    ws: &Workspace,
    parent_id: i64,
    places: &[ChildPlace],
    choice: &SplitChoice,
) -> Result<Method> {
    let conn = ws.conn();
    Ok(match choice {
        SplitChoice::Even => Method::Even(places.len()),
        SplitChoice::Percent { bp } => Method::Percent(bp.clone()),
        SplitChoice::Capacity => {
            let ids: Vec<i64> = places.iter().map(|p| p.org_unit_id).collect();
            capacity_method(conn, &ids)?
        }
        SplitChoice::Workdays => workdays_method(ws, places)?,
        SplitChoice::Current => {
            let parent = get_target(conn, parent_id)?;
            let weights = cells_at(conn, &parent, places)?
                .iter()
                .map(|c| c.as_ref().map_or(0, |c| c.tiers.base.max(0) as u128))
                .collect();
            Method::Potential(weights)
        }
        SplitChoice::History => {
            let metric = get_target(conn, parent_id)?.metric_id;
            Method::History(last_year_actuals(conn, metric, places)?)
        }
        SplitChoice::Potential { weights } => potential(weights, places.len())?,
        SplitChoice::Blend { drivers } => blend(ws, parent_id, places, drivers)?,
    })
}
