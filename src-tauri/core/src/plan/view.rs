//! The workspace's plan, loaded and scheduled: what the Gantt shows.

use super::model::{Link, LinkKind, Network, Task};
use super::outline::Outline;
use super::rollup::{rolled_progress, rollup_mode, RollupMode};
use super::schedule::{schedule, TaskTimes};
use super::store::{self, ActionRow, LinkRow};
use crate::calendar::WorkCalendar;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

/// The plan as stored, ready to schedule or edit in memory.
pub struct PlanState {
    pub actions: Vec<ActionRow>,
    pub links: Vec<LinkRow>,
    pub outline: Outline,
    /// Working days of each action (0 for milestones; for parents, the span of their children).
    pub durations: Vec<i64>,
    pub cal: WorkCalendar,
}

/// Scheduled dates of every action (same order as [`PlanState::actions`]).
pub struct PlanSchedule {
    pub times: Vec<TaskTimes>,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
}

pub(crate) fn summary_link_error(title: &str) -> Error {
    Error::new(
        Code::SummaryLink,
        format!("“{title}”是汇总举措，其日期由子举措决定，不能设置依赖关系；请把依赖连到子举措上"),
        format!("\"{title}\" is a summary action whose dates come from its sub-actions; link its sub-actions instead"),
    )
}

impl PlanState {
    pub fn load(ws: &Workspace) -> Result<PlanState> {
        let actions = store::load_actions(ws.conn())?;
        let links = store::load_links(ws.conn())?;
        let outline = Outline::new(&actions)?;
        let cal = crate::variance::workspace_calendar(ws)?;
        let durations = actions
            .iter()
            .map(|a| {
                if a.milestone {
                    0
                } else {
                    cal.working_days(a.start, a.finish).max(1)
                }
            })
            .collect();
        Ok(PlanState {
            actions,
            links,
            outline,
            durations,
            cal,
        })
    }

    /// The leaf actions as a network (task `k` is action `leaves[k]`).
    fn network(&self) -> Result<(Network, Vec<usize>)> {
        let mut task_of = vec![usize::MAX; self.actions.len()];
        let mut leaves = Vec::new();
        let mut tasks = Vec::new();
        for (i, a) in self.actions.iter().enumerate() {
            if self.outline.is_summary(i) {
                continue;
            }
            task_of[i] = tasks.len();
            leaves.push(i);
            tasks.push(Task {
                name: a.title.clone(),
                duration: self.durations[i],
                not_before: Some(a.requested_start),
            });
        }
        let mut links = Vec::with_capacity(self.links.len());
        for l in &self.links {
            let p = self.outline.index_of(l.predecessor_id)?;
            let s = self.outline.index_of(l.successor_id)?;
            for end in [p, s] {
                if self.outline.is_summary(end) {
                    return Err(summary_link_error(&self.actions[end].title));
                }
            }
            links.push(Link {
                pred: task_of[p],
                succ: task_of[s],
                kind: l.kind,
                lag: l.lag_days,
            });
        }
        Ok((Network { tasks, links }, leaves))
    }

    /// Schedules the leaves from the earliest requested start; parents span their children.
    pub fn schedule(&self) -> Result<PlanSchedule> {
        let (net, leaves) = self.network()?;
        let Some(plan_start) = net.tasks.iter().filter_map(|t| t.not_before).min() else {
            return Ok(PlanSchedule {
                times: Vec::new(),
                start: None,
                finish: None,
            });
        };
        let s = schedule(&net, &self.cal, plan_start)?;
        let mut times: Vec<Option<TaskTimes>> = vec![None; self.actions.len()];
        for (k, &i) in leaves.iter().enumerate() {
            times[i] = Some(s.tasks[k].clone());
        }
        for i in self.outline.bottom_up() {
            let kids = &self.outline.children[i];
            if kids.is_empty() {
                continue;
            }
            let kid_times: Vec<&TaskTimes> =
                kids.iter().filter_map(|&c| times[c].as_ref()).collect();
            let span = TaskTimes {
                start: kid_times
                    .iter()
                    .map(|t| t.start)
                    .min()
                    .unwrap_or(plan_start),
                finish: kid_times
                    .iter()
                    .map(|t| t.finish)
                    .max()
                    .unwrap_or(plan_start),
                total_float: kid_times.iter().map(|t| t.total_float).min().unwrap_or(0),
                critical: kid_times.iter().any(|t| t.critical),
            };
            times[i] = Some(span);
        }
        let times: Vec<TaskTimes> = times.into_iter().flatten().collect();
        let start = times.iter().map(|t| t.start).min();
        Ok(PlanSchedule {
            times,
            start,
            finish: s.finish,
        })
    }

    /// Writes the scheduled dates back, so the stored plan always satisfies its dependencies; the
    /// requested starts are kept apart, so a successor pushed later returns when the push goes.
    pub fn persist(&self, conn: &Connection, sched: &PlanSchedule) -> Result<()> {
        for (i, a) in self.actions.iter().enumerate() {
            let t = &sched.times[i];
            let milestone = !self.outline.is_summary(i) && self.durations[i] == 0;
            store::write_dates(conn, a.id, a.requested_start, t.start, t.finish, milestone)?;
        }
        Ok(())
    }

    pub fn view(&self, sched: &PlanSchedule, mode: RollupMode) -> PlanView {
        let mut durations = self.durations.clone();
        for (i, d) in durations.iter_mut().enumerate() {
            if self.outline.is_summary(i) {
                let t = &sched.times[i];
                *d = self.cal.working_days(t.start, t.finish);
            }
        }
        let progress = rolled_progress(&self.actions, &self.outline, &self.durations, mode);
        let tasks = self
            .outline
            .order
            .iter()
            .map(|&i| {
                let a = &self.actions[i];
                let t = &sched.times[i];
                PlanTaskView {
                    id: a.id,
                    parent_id: a.parent_id,
                    depth: self.outline.depth[i],
                    objective: a.objective.clone(),
                    title: a.title.clone(),
                    owner_id: a.owner_id,
                    owner_name: a.owner_name.clone(),
                    target_id: a.target_id,
                    strategy_id: a.strategy_id,
                    requested_start: a.requested_start,
                    start: t.start,
                    finish: t.finish,
                    duration: durations[i],
                    milestone: !self.outline.is_summary(i) && self.durations[i] == 0,
                    summary: self.outline.is_summary(i),
                    progress_bp: progress[i],
                    status: a.status.clone(),
                    priority: a.priority.clone(),
                    budget: a.budget,
                    headcount: a.headcount,
                    resources: a.resources.clone(),
                    notes: a.notes.clone(),
                    expected_contribution: a.expected_contribution,
                    rollup_weight: a.rollup_weight,
                    total_float: t.total_float,
                    critical: t.critical,
                }
            })
            .collect();
        let links = self
            .links
            .iter()
            .map(|l| PlanLinkView {
                id: l.id,
                predecessor_id: l.predecessor_id,
                successor_id: l.successor_id,
                kind: l.kind,
                lag_days: l.lag_days,
            })
            .collect();
        PlanView {
            start: sched.start,
            finish: sched.finish,
            rollup: mode,
            tasks,
            links,
        }
    }
}

/// One row of the Gantt: an action with its scheduled dates. Money in fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanTaskView {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub depth: u32,
    pub objective: String,
    pub title: String,
    pub owner_id: Option<i64>,
    pub owner_name: String,
    pub target_id: Option<i64>,
    pub strategy_id: Option<i64>,
    /// The start the user asked for; `start` is later when predecessors hold the action back.
    pub requested_start: NaiveDate,
    pub start: NaiveDate,
    /// Last working day (a milestone: its day).
    pub finish: NaiveDate,
    /// Working days (0 for a milestone; a parent: working days of its span).
    pub duration: i64,
    pub milestone: bool,
    pub summary: bool,
    /// Own progress for a leaf, rolled up for a parent.
    pub progress_bp: i64,
    pub status: String,
    pub priority: String,
    pub budget: i64,
    pub headcount: i64,
    pub resources: String,
    pub notes: String,
    pub expected_contribution: i64,
    pub rollup_weight: i64,
    /// Working days (a parent: the least of its children's).
    pub total_float: i64,
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanLinkView {
    pub id: i64,
    pub predecessor_id: i64,
    pub successor_id: i64,
    pub kind: LinkKind,
    pub lag_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    pub rollup: RollupMode,
    /// Outline order (depth first).
    pub tasks: Vec<PlanTaskView>,
    pub links: Vec<PlanLinkView>,
}

/// The workspace's plan, scheduled (read only).
pub fn plan_view(ws: &Workspace) -> Result<PlanView> {
    let state = PlanState::load(ws)?;
    let sched = state.schedule()?;
    Ok(state.view(&sched, rollup_mode(ws)?))
}
