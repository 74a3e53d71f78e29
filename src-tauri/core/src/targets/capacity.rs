//! A split by capacity: headcount × capacity per head of each unit; a unit without a capacity of
//! its own carries its active members' (a region built of teams, a team built of people).

use super::store::org::{active_members, own_capacity};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::split::{Capacity, Method};
use rusqlite::Connection;

/// Headcount × capacity per head of org units, in the given order (a split by capacity). A unit
/// without a capacity per head of its own carries its active members' capacities (a region built
/// of teams, a team built of people), so a split by capacity reaches every level.
pub fn capacity_method(conn: &Connection, org_unit_ids: &[i64]) -> Result<Method> {
    let mut caps = Vec::with_capacity(org_unit_ids.len());
    for id in org_unit_ids {
        let (headcount, per_head) = own_capacity(conn, *id)?.ok_or_else(|| {
            Error::new(
                Code::OrgUnitNotFound,
                format!("找不到编号为 {id} 的组织单元"),
                format!("Organisation unit {id} not found"),
            )
        })?;
        caps.push(match per_head {
            Some(per_head) => Capacity {
                headcount,
                per_head,
            },
            None => match members_capacity(conn, *id, 0)? {
                0 => Capacity {
                    headcount,
                    per_head: 0,
                },
                carried => Capacity {
                    headcount: 1,
                    per_head: carried,
                },
            },
        });
    }
    Ok(Method::Capacity(caps))
}

/// Σ of the active members' capacities (each its own, or its members' in turn).
fn members_capacity(conn: &Connection, id: i64, depth: u32) -> Result<i64> {
    if depth > 32 {
        return Ok(0);
    }
    let kids = active_members(conn, id)?;
    let mut sum = 0i64;
    for (kid, headcount, per_head) in kids {
        let c = match per_head {
            Some(p) => headcount.max(0).saturating_mul(p.max(0)),
            None => members_capacity(conn, kid, depth + 1)?,
        };
        sum = sum.saturating_add(c);
    }
    Ok(sum)
}
