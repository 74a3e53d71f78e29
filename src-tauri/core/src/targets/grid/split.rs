//! A split of one stored cell into its children: down the organisation, the calendar's months or
//! a dimension's members, with its preview (the same split inside a savepoint rolled back).

use super::{choice, dimension_members, CellSnapshot, SplitChoice};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::{Code, Error, Result};
use crate::store::Workspace;
use crate::targets::store::{
    fiscal_start_month, get_target, split_to_children, time_places, Change, ChildPlace,
};
use crate::targets::tiers::Tiers;
use serde::{Deserialize, Serialize};

/// Where a split goes: down the organisation (same period and member), down the calendar
/// (months; same unit and member), or down a dimension (one child per member of the dimension,
/// same unit and period). JSON: `"org"`, `"months"`, `{"dimension":"product_line"}`.
/// A person × product × month cell is reached by an org split, then a dimension split of the
/// person's cell, then a months split of the member cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SplitAxis {
    Org,
    Months,
    Dimension(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitPart {
    pub id: i64,
    pub label: String,
    pub tiers: Tiers,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitOutcome {
    pub parts: Vec<SplitPart>,
    /// The children as they were, for undo.
    pub before: Vec<CellSnapshot>,
}

fn places(
    ws: &Workspace,
    parent_id: i64,
    axis: &SplitAxis,
) -> Result<(Vec<ChildPlace>, Vec<String>)> {
    let conn = ws.conn();
    let parent = get_target(conn, parent_id)?;
    match axis {
        SplitAxis::Months => {
            let places = time_places(conn, &parent, PeriodKind::Month)?;
            let labels = places.iter().map(|p| p.period.key.clone()).collect();
            Ok((places, labels))
        }
        SplitAxis::Org => {
            let start_month = fiscal_start_month(conn, parent.target_set_id)?;
            let period = parse_period(&parent.period, start_month)?;
            let units = crate::targets::store::grid::active_kids(conn, parent.org_unit_id)?;
            if units.is_empty() {
                return Err(Error::new(
                    Code::NoChildren,
                    "这个组织单元没有下级，无法向下拆分",
                    "This unit has no sub-units to split into",
                ));
            }
            let labels = units.iter().map(|u| u.1.clone()).collect();
            let places = units
                .into_iter()
                .map(|(id, _)| ChildPlace {
                    org_unit_id: id,
                    dimension_id: parent.dimension_id,
                    period: period.clone(),
                })
                .collect();
            Ok((places, labels))
        }
        SplitAxis::Dimension(dim) => {
            if parent.dimension_id.is_some() {
                return Err(Error::new(
                    Code::AlreadyDimension,
                    "这个目标已经属于某个维度成员，不能再按维度拆分",
                    "This target already belongs to a dimension member and cannot be split along a dimension again",
                ));
            }
            let members = dimension_members(ws, dim)?;
            if members.is_empty() {
                return Err(Error::new(
                    Code::NoDimensionMembers,
                    format!("维度“{dim}”还没有成员，无法按它拆分"),
                    format!("Dimension \"{dim}\" has no members to split into"),
                ));
            }
            let start_month = fiscal_start_month(conn, parent.target_set_id)?;
            let period = parse_period(&parent.period, start_month)?;
            let labels = members.iter().map(|m| m.name_zh.clone()).collect();
            let places = members
                .iter()
                .map(|m| ChildPlace {
                    org_unit_id: parent.org_unit_id,
                    dimension_id: Some(m.member_id),
                    period: period.clone(),
                })
                .collect();
            Ok((places, labels))
        }
    }
}

/// Splits a stored cell into its children and stores them (locked children keep their values).
/// With `preview`, nothing is kept: the same split runs inside a savepoint that is rolled back.
pub fn split_cell(
    ws: &Workspace,
    parent_id: i64,
    axis: SplitAxis,
    choice: &SplitChoice,
    change: Option<&Change>,
    preview: bool,
) -> Result<SplitOutcome> {
    let conn = ws.conn();
    let (places, labels) = places(ws, parent_id, &axis)?;
    let m = choice::method(ws, parent_id, &places, choice)?;
    let parent = get_target(conn, parent_id)?;
    let before: Vec<Option<CellSnapshot>> =
        crate::targets::store::cells_at(conn, &parent, &places)?
            .into_iter()
            .map(|c| {
                c.map(|c| CellSnapshot {
                    id: c.id,
                    tiers: Some(c.tiers),
                    locked: c.locked,
                    commitment: c.commitment,
                })
            })
            .collect();
    let savepoint = crate::store::Savepoint::begin(conn, "grid_split")?;
    let result = split_to_children(conn, parent_id, &places, &m, change);
    let outcome = result.map(|stored| {
        let parts = stored
            .iter()
            .zip(&labels)
            .map(|(c, l)| SplitPart {
                id: c.id,
                label: l.clone(),
                tiers: c.tiers,
                locked: c.locked,
            })
            .collect::<Vec<_>>();
        let before = before
            .iter()
            .zip(&stored)
            .map(|(b, c)| {
                b.clone().unwrap_or(CellSnapshot {
                    id: c.id,
                    tiers: None,
                    locked: false,
                    commitment: None,
                })
            })
            .collect();
        SplitOutcome { parts, before }
    });
    if preview || outcome.is_err() {
        savepoint.rollback()?;
    } else {
        savepoint.commit()?;
    }
    outcome
}
