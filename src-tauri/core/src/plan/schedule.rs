//! The forward pass: every task starts at the later of its own requested start and what its
//! predecessors allow (see [`super::model`] for the exact date semantics of each link kind).

use super::critical;
use super::model::{Network, Successors};
use super::workdays::{WorkDays, MAX_SPAN_DAYS};
use crate::calendar::WorkCalendar;
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::NaiveDate;

/// A scheduled task, in dates and working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTimes {
    pub start: NaiveDate,
    /// The last working day (a milestone: the day it occurs).
    pub finish: NaiveDate,
    /// Working days the task can slip without moving the project finish.
    pub total_float: i64,
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// One entry per task of the network, in the same order.
    pub tasks: Vec<TaskTimes>,
    /// The project's last working day (`None` for an empty plan).
    pub finish: Option<NaiveDate>,
}

fn validate(net: &Network) -> Result<()> {
    let n = net.tasks.len();
    for t in &net.tasks {
        if !(0..=MAX_SPAN_DAYS).contains(&t.duration) {
            return Err(Error::new(
                Code::BadDuration,
                format!("任务“{}”的工期 {} 无效：应为 0 到 {MAX_SPAN_DAYS} 个工作日（0 表示里程碑）", t.name, t.duration),
                format!("Task \"{}\" has an invalid duration {}: expected 0 to {MAX_SPAN_DAYS} working days (0 is a milestone)", t.name, t.duration),
            ));
        }
    }
    for l in &net.links {
        if l.pred >= n || l.succ >= n {
            return Err(Error::new(
                Code::BadLink,
                "依赖关系指向不存在的任务",
                "A dependency refers to a task that does not exist",
            ));
        }
        if l.lag.abs() > MAX_SPAN_DAYS {
            let (p, s) = (&net.tasks[l.pred].name, &net.tasks[l.succ].name);
            return Err(Error::new(
                Code::BadLag,
                format!("“{p}”到“{s}”的延隔 {} 超出范围（最多 ±{MAX_SPAN_DAYS} 个工作日）", l.lag),
                format!("The lag {} from \"{p}\" to \"{s}\" is out of range (at most ±{MAX_SPAN_DAYS} working days)", l.lag),
            ));
        }
    }
    Ok(())
}

/// Tasks in an order where every predecessor comes before its successors, or the cycle error.
fn topological_order(net: &Network, succ: &Successors) -> Result<Vec<usize>> {
    let n = net.tasks.len();
    let mut indegree = vec![0u32; n];
    for l in &net.links {
        indegree[l.succ] += 1;
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let u = order[head];
        head += 1;
        for &li in succ.of(u) {
            let v = net.links[li].succ;
            indegree[v] -= 1;
            if indegree[v] == 0 {
                order.push(v);
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    Err(cycle_error(net, &indegree))
}

/// Names one cycle among the tasks left with unmet predecessors. Every such task has a
/// predecessor that is also left, so walking backwards must come round to a task seen before.
fn cycle_error(net: &Network, indegree: &[u32]) -> Error {
    let mut pred_left: Vec<Option<usize>> = vec![None; net.tasks.len()];
    for l in &net.links {
        if indegree[l.pred] > 0 && indegree[l.succ] > 0 && pred_left[l.succ].is_none() {
            pred_left[l.succ] = Some(l.pred);
        }
    }
    let start = indegree.iter().position(|&d| d > 0).unwrap_or(0);
    let mut seen_at = vec![usize::MAX; net.tasks.len()];
    let mut walk = Vec::new();
    let mut at = start;
    while seen_at[at] == usize::MAX {
        seen_at[at] = walk.len();
        walk.push(at);
        match pred_left[at] {
            Some(p) => at = p,
            None => break,
        }
    }
    let mut cycle: Vec<usize> = walk[seen_at[at].min(walk.len())..].to_vec();
    cycle.reverse();
    // Start the message at the cycle's first task in plan order, so it reads the same each time.
    if let Some(first) = cycle
        .iter()
        .enumerate()
        .min_by_key(|(_, t)| **t)
        .map(|(i, _)| i)
    {
        cycle.rotate_left(first);
    }
    let mut names: Vec<&str> = cycle.iter().map(|&t| net.tasks[t].name.as_str()).collect();
    if let Some(first) = names.first().copied() {
        names.push(first);
    }
    let path = names.join(" → ");
    Error::new(
        Code::PlanCycle,
        format!("依赖关系形成循环：{path}。请删除其中一条依赖。"),
        format!("The dependencies form a cycle: {path}. Remove one of these links."),
    )
}

/// Schedules `net` on `cal` from `plan_start` (the earliest any task may start).
pub fn schedule(net: &Network, cal: &WorkCalendar, plan_start: NaiveDate) -> Result<Schedule> {
    validate(net)?;
    let succ = Successors::new(net);
    let order = topological_order(net, &succ)?;
    let mut days = WorkDays::new(cal, plan_start)?;
    let mut early = Vec::with_capacity(net.tasks.len());
    for t in &net.tasks {
        early.push(match t.not_before {
            Some(d) => days.index_on_or_after(d)?,
            None => 0,
        });
    }
    for &u in &order {
        let s = early[u];
        let f = s + net.tasks[u].duration;
        for &li in succ.of(u) {
            let l = &net.links[li];
            let point = if l.kind.from_finish() { f } else { s };
            let mut bound = point + l.lag;
            if l.kind.to_finish() {
                bound -= net.tasks[l.succ].duration;
            }
            if bound > early[l.succ] {
                early[l.succ] = bound;
            }
        }
    }
    let late_finish = critical::late_finish(net, &succ, &order, &early);
    let project_end = late_finish.iter().copied().max().unwrap_or(0);
    days.reach(project_end)?;
    let mut tasks = Vec::with_capacity(net.tasks.len());
    let mut finish: Option<NaiveDate> = None;
    for (i, t) in net.tasks.iter().enumerate() {
        let s = early[i];
        let f = s + t.duration;
        let total_float = late_finish[i] - f;
        let times = TaskTimes {
            start: days.date(s)?,
            finish: days.date(if t.duration > 0 { f - 1 } else { s })?,
            total_float,
            critical: total_float == 0,
        };
        finish = finish.max(Some(times.finish));
        tasks.push(times);
    }
    Ok(Schedule { tasks, finish })
}

#[cfg(test)]
mod tests;
