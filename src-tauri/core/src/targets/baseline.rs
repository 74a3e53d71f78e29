//! The approved baseline of a target plan (审批基线): approving a draft plan snapshots the tiers
//! of every target it holds, and that snapshot stays readable however the targets are revised
//! afterwards. Targets created after the approval (a later split) have no baseline.

use super::store::atomic;
use super::store::baseline as store;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;

pub use store::baseline;
pub(crate) use store::snapshot_approved;

/// Approves the selected year's target plan: from now on every change needs who and why and writes a
/// revision, and today's values become the baseline. `at` is the approval time (ISO).
pub fn approve(ws: &Workspace, who: &str, at: &str) -> Result<usize> {
    let conn = ws.conn();
    let who = who.trim();
    if who.is_empty() {
        return Err(Error::new(
            Code::ApproverRequired,
            "请填写审批人",
            "Say who approves the plan",
        ));
    }
    let (id, name, status) = store::plan_status(conn, crate::selection::current_set_id(conn)?)?
        .ok_or_else(|| {
            Error::new(
                Code::NoTargetSet,
                "工作区还没有目标方案：请先新建年度目标",
                "The workspace has no target plan yet: create the year's targets first",
            )
        })?;
    if status == "approved" {
        return Err(Error::new(
            Code::AlreadyApproved,
            format!("目标方案“{name}”已经审批过了"),
            format!("The target plan \"{name}\" is already approved"),
        ));
    }
    atomic(conn, || {
        store::mark_approved(conn, id, at, who)?;
        store::snapshot_approved(conn)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::grid::{self, local_change};
    use crate::targets::store::{ReasonCategory, TargetCell};
    use crate::targets::Tier;

    use crate::demo::in_memory as demo;

    fn company_year(ws: &Workspace) -> TargetCell {
        let id: i64 = ws
            .conn()
            .query_row(
                "SELECT t.id FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                 WHERE o.kind = 'company' AND t.period = '2026' AND t.dimension_id IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        crate::targets::store::get_target(ws.conn(), id).unwrap()
    }

    #[test]
    fn the_demo_plan_keeps_its_approved_baseline_through_revisions() {
        let ws = demo();
        let cell = company_year(&ws);
        let before = baseline(ws.conn(), cell.target_set_id).unwrap();
        let all: i64 = ws
            .conn()
            .query_row("SELECT COUNT(*) FROM target", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before.len() as i64, all);
        assert_eq!(before[&cell.id].base, 10_000_000_000);
        let change = local_change(ReasonCategory::Market, "华南市场扩张");
        grid::set_cell(&ws, cell.id, Tier::Base, 12_000_000_000, Some(&change)).unwrap();
        let after = baseline(ws.conn(), cell.target_set_id).unwrap();
        assert_eq!(after[&cell.id].base, 10_000_000_000);
        assert_eq!(
            crate::targets::store::get_target(ws.conn(), cell.id)
                .unwrap()
                .tiers
                .base,
            12_000_000_000
        );
        // The grid shows both: the value now and the baseline it was approved at.
        let g = grid::grid(&ws, Tier::Base, grid::GridView::Year, None).unwrap();
        let company = g.rows.iter().find(|r| r.kind == "company").unwrap();
        let year = company.cells.last().unwrap().as_ref().unwrap();
        assert_eq!(
            (year.value, year.baseline),
            (12_000_000_000, Some(10_000_000_000))
        );
        let east = g.rows.iter().find(|r| r.name == "华东").unwrap();
        let east_year = east.cells.last().unwrap().as_ref().unwrap();
        assert_eq!(east_year.baseline, Some(east_year.value));
        assert_eq!(
            approve(&ws, "总经理", "2026-01-02T09:00:00")
                .unwrap_err()
                .code,
            "already_approved"
        );
    }

    #[test]
    fn approving_a_draft_snapshots_it_and_later_changes_need_a_reason() {
        let ws = demo();
        let cell = company_year(&ws);
        ws.conn()
            .execute_batch(
                "DELETE FROM target_baseline; UPDATE target_set SET status = 'draft', approved_at = NULL, approved_by = NULL;",
            )
            .unwrap();
        // A draft changes freely and has no baseline.
        grid::set_cell(&ws, cell.id, Tier::Base, 11_000_000_000, None).unwrap();
        assert!(baseline(ws.conn(), cell.target_set_id).unwrap().is_empty());
        assert_eq!(
            approve(&ws, "  ", "2026-01-02T09:00:00").unwrap_err().code,
            "approver_required"
        );
        let n = approve(&ws, "总经理", "2026-01-02T09:00:00").unwrap();
        let total: i64 = ws
            .conn()
            .query_row("SELECT COUNT(*) FROM target", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n as i64, total);
        let (status, by): (String, String) = ws
            .conn()
            .query_row(
                "SELECT status, approved_by FROM target_set WHERE id = ?1",
                [cell.target_set_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((status.as_str(), by.as_str()), ("approved", "总经理"));
        let b = baseline(ws.conn(), cell.target_set_id).unwrap();
        assert_eq!(b[&cell.id].base, 11_000_000_000);
        assert_eq!(
            grid::set_cell(&ws, cell.id, Tier::Base, 12_000_000_000, None)
                .unwrap_err()
                .code,
            "revision_reason_required"
        );
    }

    #[test]
    fn a_workspace_approved_before_baselines_existed_gets_the_value_before_its_first_revision() {
        let ws = demo();
        let cell = company_year(&ws);
        let change = local_change(ReasonCategory::Policy, "政策调整");
        grid::set_cell(&ws, cell.id, Tier::Base, 12_000_000_000, Some(&change)).unwrap();
        grid::set_cell(&ws, cell.id, Tier::Base, 13_000_000_000, Some(&change)).unwrap();
        // Run migration 6's backfill again over an emptied table.
        ws.conn()
            .execute("DELETE FROM target_baseline", [])
            .unwrap();
        let backfill = crate::store::migrations::MIGRATIONS[5]
            .split_once("INSERT INTO target_baseline")
            .unwrap()
            .1;
        ws.conn()
            .execute_batch(&format!("INSERT INTO target_baseline{backfill}"))
            .unwrap();
        let b = baseline(ws.conn(), cell.target_set_id).unwrap();
        assert_eq!(b[&cell.id].base, 10_000_000_000);
        assert_eq!(b[&cell.id].floor, 8_000_000_000);
    }
}
