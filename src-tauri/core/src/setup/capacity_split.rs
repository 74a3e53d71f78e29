//! The assistant's split: the year's company target shared down to every person by capacity
//! (headcount × capacity per head; a region or team without a capacity of its own carries the
//! capacity of its members), every level adding up exactly.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::grid::SplitChoice;
use crate::targets::tree::ops::PlanSel;
use crate::targets::tree::{split_deep, CellRef, DeepSplit};
use crate::Workspace;

/// Splits the company's `year` target down to the people by capacity; with `preview` nothing is
/// written and the people's shares are returned.
pub fn by_capacity(ws: &Workspace, year: i32, preview: bool) -> Result<DeepSplit> {
    let root = super::company::root_id(ws)?.ok_or_else(|| {
        Error::new(
            Code::CompanyMissing,
            "请先填写公司名称并建好组织",
            "Name the company and build the organisation first",
        )
    })?;
    let capacity = super::store::company::people_capacity(ws.conn())?;
    if capacity <= 0 {
        return Err(Error::new(
            Code::CapacityMissing,
            "还没有人员的人均产能：请先在组织中为每个人填写产能，再按产能拆分",
            "Nobody has a capacity yet: give each person a capacity in the organisation, then split by capacity",
        ));
    }
    let plan = PlanSel {
        year: Some(year),
        metric: None,
    };
    let cell = CellRef {
        unit_id: root,
        dimension_id: None,
        period: year.to_string(),
    };
    split_deep(
        ws,
        &plan,
        &cell,
        &SplitChoice::Capacity,
        None,
        None,
        preview,
    )
}
