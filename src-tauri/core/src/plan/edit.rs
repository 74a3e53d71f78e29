//! Edits the Gantt makes: move, lengthen, link, unlink. Each edit reschedules the whole plan in
//! one transaction (successors move as needed; a cycle is refused and nothing is written) and
//! returns the rescheduled plan.

use super::model::LinkKind;
use super::store;
use super::view::{plan_view, summary_link_error, PlanState, PlanView};
use super::workdays::MAX_SPAN_DAYS;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::Connection;

pub(super) fn edit(
    ws: &Workspace,
    change: impl FnOnce(&mut PlanState, &Connection) -> Result<()>,
) -> Result<PlanView> {
    let tx = ws.conn().unchecked_transaction()?;
    let mut state = PlanState::load(ws)?;
    change(&mut state, &tx)?;
    let sched = state.schedule()?;
    state.persist(&tx, &sched)?;
    tx.commit()?;
    plan_view(ws)
}

/// Schedules the whole plan again as it stands, e.g. after actions were written in bulk.
pub fn reschedule(ws: &Workspace) -> Result<PlanView> {
    edit(ws, |_, _| Ok(()))
}

/// A change of the working calendar with the plan following it, as a planning tool does: every
/// action keeps its length in working days as counted before the change and is scheduled again
/// on the new calendar (a new holiday inside a task moves its finish a working day later).
pub fn follow_calendar<T>(
    ws: &Workspace,
    change: impl FnOnce(&Workspace) -> Result<T>,
) -> Result<T> {
    // One savepoint around both: the calendar changes only if the plan can follow.
    crate::store::atomic(ws.conn(), || {
        let mut state = PlanState::load(ws)?;
        let out = change(ws)?;
        if state.actions.is_empty() {
            return Ok(out);
        }
        state.cal = crate::variance::workspace_calendar(ws)?;
        let sched = state.schedule()?;
        state.persist(ws.conn(), &sched)?;
        Ok(out)
    })
}

fn leaf(state: &PlanState, action_id: i64) -> Result<usize> {
    let i = state.outline.index_of(action_id)?;
    if state.outline.is_summary(i) {
        let title = &state.actions[i].title;
        return Err(Error::new(
            Code::SummaryTask,
            format!("“{title}”是汇总举措，其日期和工期由子举措决定"),
            format!(
                "\"{title}\" is a summary action: its dates and duration come from its sub-actions"
            ),
        ));
    }
    Ok(i)
}

/// Asks an action to start on `start` (or the first working day after it). Its predecessors may
/// still hold it later; its successors move later as needed.
pub fn move_task(ws: &Workspace, action_id: i64, start: NaiveDate) -> Result<PlanView> {
    edit(ws, |state, _| {
        let i = leaf(state, action_id)?;
        state.actions[i].requested_start = start;
        Ok(())
    })
}

/// What [`move_task`] would give, without saving anything (the Gantt while a bar is dragged).
pub fn preview_move_task(ws: &Workspace, action_id: i64, start: NaiveDate) -> Result<PlanView> {
    let mut state = PlanState::load(ws)?;
    let i = leaf(&state, action_id)?;
    state.actions[i].requested_start = start;
    let sched = state.schedule()?;
    Ok(state.view(&sched, super::rollup::rollup_mode(ws)?))
}

/// Moves and re-sizes an action at once (a Gantt bar dragged by one of its ends): it asks to start
/// on `start` and lasts the working days from `start` to `finish` (at least one).
pub fn reshape(
    ws: &Workspace,
    action_id: i64,
    start: NaiveDate,
    finish: NaiveDate,
) -> Result<PlanView> {
    let cal = crate::variance::workspace_calendar(ws)?;
    edit(ws, |state, _| {
        let i = leaf(state, action_id)?;
        if finish < start {
            let title = &state.actions[i].title;
            return Err(Error::new(
                Code::FinishBeforeStart,
                format!("“{title}”的完成日期 {finish} 早于开始日期 {start}"),
                format!("\"{title}\" would finish on {finish}, before it starts on {start}"),
            ));
        }
        let days = cal.working_days(start, finish).clamp(1, MAX_SPAN_DAYS);
        state.actions[i].requested_start = start;
        state.durations[i] = days;
        state.actions[i].milestone = false;
        Ok(())
    })
}

/// Puts an action back to a requested start and duration it had before (undo in the Gantt).
pub fn restore(
    ws: &Workspace,
    action_id: i64,
    requested_start: NaiveDate,
    days: i64,
) -> Result<PlanView> {
    edit(ws, |state, _| {
        let i = leaf(state, action_id)?;
        state.actions[i].requested_start = requested_start;
        state.durations[i] = days.clamp(0, MAX_SPAN_DAYS);
        state.actions[i].milestone = days == 0;
        Ok(())
    })
}

/// Sets an action's duration in working days (0 makes it a milestone).
pub fn set_duration(ws: &Workspace, action_id: i64, days: i64) -> Result<PlanView> {
    edit(ws, |state, _| {
        let i = leaf(state, action_id)?;
        if !(0..=MAX_SPAN_DAYS).contains(&days) {
            let title = &state.actions[i].title;
            return Err(Error::new(
                Code::BadDuration,
                format!("“{title}”的工期 {days} 无效：应为 0 到 {MAX_SPAN_DAYS} 个工作日（0 表示里程碑）"),
                format!("Invalid duration {days} for \"{title}\": expected 0 to {MAX_SPAN_DAYS} working days (0 is a milestone)"),
            ));
        }
        state.durations[i] = days;
        state.actions[i].milestone = days == 0;
        Ok(())
    })
}

/// Adds a dependency `predecessor → successor`; refused when it would close a cycle, touches a
/// summary action, or already exists.
pub fn add_link(
    ws: &Workspace,
    predecessor_id: i64,
    successor_id: i64,
    kind: LinkKind,
    lag_days: i64,
) -> Result<PlanView> {
    edit(ws, |state, conn| {
        for id in [predecessor_id, successor_id] {
            let i = state.outline.index_of(id)?;
            if state.outline.is_summary(i) {
                return Err(summary_link_error(&state.actions[i].title));
            }
        }
        if let Some(l) = state
            .links
            .iter()
            .find(|l| l.predecessor_id == predecessor_id && l.successor_id == successor_id)
        {
            return Err(Error::new(
                Code::LinkExists,
                format!(
                    "这两项举措之间已有依赖关系（{} 延隔 {} 天），请修改或删除它",
                    l.kind.as_str(),
                    l.lag_days
                ),
                format!(
                    "These actions are already linked ({} lag {}); edit or delete that link",
                    l.kind.as_str(),
                    l.lag_days
                ),
            ));
        }
        let id = store::insert_link(conn, predecessor_id, successor_id, kind, lag_days)?;
        state.links.push(store::LinkRow {
            id,
            predecessor_id,
            successor_id,
            kind,
            lag_days,
        });
        Ok(())
    })
}

/// Removes a dependency; its successor goes back to what its own requested start and its other
/// predecessors allow.
pub fn delete_link(ws: &Workspace, link_id: i64) -> Result<PlanView> {
    edit(ws, |state, conn| {
        if !store::delete_link(conn, link_id)? {
            return Err(Error::new(
                Code::LinkMissing,
                format!("找不到依赖关系 #{link_id}"),
                format!("Dependency #{link_id} does not exist"),
            ));
        }
        state.links.retain(|l| l.id != link_id);
        Ok(())
    })
}

#[cfg(test)]
pub(crate) mod tests;
