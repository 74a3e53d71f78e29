//! Creating, changing and deleting actions. Each change reschedules the plan in the same
//! transaction (as the edits in [`super::edit`] do) and returns the rescheduled plan.

use super::edit::edit;
use super::outline::missing_action;
use super::store::{write_action, ActionFields};
use super::view::{summary_link_error, PlanState, PlanView};
use super::workdays::{WorkDays, MAX_SPAN_DAYS};
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Deserialize;

const PRIORITIES: [&str; 3] = ["high", "medium", "low"];
const STATUSES: [&str; 5] = ["planned", "active", "done", "blocked", "cancelled"];

/// An action as the UI enters it. Give `duration` (working days; 0 = milestone) or `finish`; with
/// neither, the action lasts one working day. Money in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ActionInput {
    pub parent_id: Option<i64>,
    pub target_id: Option<i64>,
    pub strategy_id: Option<i64>,
    pub objective: String,
    pub title: String,
    pub owner_id: Option<i64>,
    pub owner_name: String,
    pub start: NaiveDate,
    pub finish: Option<NaiveDate>,
    pub duration: Option<i64>,
    pub progress_bp: i64,
    pub priority: String,
    pub status: String,
    pub budget: i64,
    pub headcount: i64,
    pub resources: String,
    pub notes: String,
    pub expected_contribution: i64,
    pub rollup_weight: i64,
    pub sort: i64,
}

impl Default for ActionInput {
    fn default() -> Self {
        ActionInput {
            parent_id: None,
            target_id: None,
            strategy_id: None,
            objective: String::new(),
            title: String::new(),
            owner_id: None,
            owner_name: String::new(),
            start: NaiveDate::MIN,
            finish: None,
            duration: None,
            progress_bp: 0,
            priority: "medium".to_string(),
            status: "planned".to_string(),
            budget: 0,
            headcount: 0,
            resources: String::new(),
            notes: String::new(),
            expected_contribution: 0,
            rollup_weight: 1,
            sort: 0,
        }
    }
}

fn invalid(zh: String, en: String) -> Error {
    Error::new("bad_action", zh, en)
}

pub(super) fn normalised(a: &ActionInput) -> ActionInput {
    let mut a = a.clone();
    for text in [&mut a.title, &mut a.objective, &mut a.owner_name] {
        *text = text.trim().to_string();
    }
    a
}

pub(super) fn validate(a: &ActionInput) -> Result<()> {
    let t = a.title.trim();
    if t.is_empty() {
        return Err(invalid(
            "举措名称不能为空".into(),
            "An action needs a title".into(),
        ));
    }
    if a.start == NaiveDate::MIN {
        return Err(invalid(
            format!("举措“{t}”缺少开始日期"),
            format!("Action \"{t}\" needs a start date"),
        ));
    }
    if !(0..=10_000).contains(&a.progress_bp) {
        return Err(invalid(
            format!("举措“{t}”的进度应在 0% 到 100% 之间"),
            format!("The progress of \"{t}\" must be between 0% and 100%"),
        ));
    }
    if !PRIORITIES.contains(&a.priority.as_str()) {
        return Err(invalid(
            format!(
                "举措“{t}”的优先级“{}”无效：应为 high、medium 或 low",
                a.priority
            ),
            format!(
                "Invalid priority \"{}\" for \"{t}\": expected high, medium or low",
                a.priority
            ),
        ));
    }
    if !STATUSES.contains(&a.status.as_str()) {
        return Err(invalid(
            format!("举措“{t}”的状态“{}”无效：应为 planned、active、done、blocked 或 cancelled", a.status),
            format!("Invalid status \"{}\" for \"{t}\": expected planned, active, done, blocked or cancelled", a.status),
        ));
    }
    for (value, zh, en) in [
        (a.budget, "预算", "budget"),
        (a.headcount, "人数", "headcount"),
        (a.expected_contribution, "预期贡献", "expected contribution"),
        (a.rollup_weight, "汇总权重", "rollup weight"),
    ] {
        if value < 0 {
            return Err(invalid(
                format!("举措“{t}”的{zh}不能为负数"),
                format!("The {en} of \"{t}\" cannot be negative"),
            ));
        }
    }
    if let Some(f) = a.finish {
        if f < a.start {
            return Err(invalid(
                format!("举措“{t}”的完成日期 {f} 早于开始日期 {}", a.start),
                format!("\"{t}\" finishes ({f}) before it starts ({})", a.start),
            ));
        }
    }
    if let Some(d) = a.duration {
        if !(0..=MAX_SPAN_DAYS).contains(&d) {
            return Err(invalid(
                format!("举措“{t}”的工期 {d} 无效：应为 0 到 {MAX_SPAN_DAYS} 个工作日"),
                format!(
                    "Invalid duration {d} for \"{t}\": expected 0 to {MAX_SPAN_DAYS} working days"
                ),
            ));
        }
    }
    Ok(())
}

/// Start, finish and milestone flag as stored: the finish follows from the duration when given.
pub(super) fn stored_dates(
    state: &PlanState,
    a: &ActionInput,
) -> Result<(NaiveDate, NaiveDate, bool)> {
    let mut days = WorkDays::new(&state.cal, a.start)?;
    let start = days.origin();
    match (a.duration, a.finish) {
        (Some(0), _) => Ok((start, start, true)),
        (Some(d), _) => Ok((start, days.date(d - 1)?, false)),
        (None, Some(f)) => Ok((start, f.max(start), false)),
        (None, None) => Ok((start, start, false)),
    }
}

/// The parent must exist, not be linked (it becomes a summary), and not be the action itself
/// or one of its own sub-actions.
fn check_parent(state: &PlanState, parent: Option<i64>, moving: Option<i64>) -> Result<()> {
    let Some(p) = parent else {
        return Ok(());
    };
    let pi = state.outline.index_of(p)?;
    if state
        .links
        .iter()
        .any(|l| l.predecessor_id == p || l.successor_id == p)
    {
        return Err(summary_link_error(&state.actions[pi].title));
    }
    if let Some(id) = moving {
        let mut at = Some(pi);
        while let Some(i) = at {
            if state.actions[i].id == id {
                return Err(invalid(
                    "举措不能放到它自己或它的子举措下面".into(),
                    "An action cannot be placed under itself or one of its sub-actions".into(),
                ));
            }
            at = state.outline.parent[i];
        }
    }
    Ok(())
}

/// Writes the action's fields as entered, with its scheduled dates.
pub(super) fn write(
    conn: &Connection,
    id: Option<i64>,
    a: &ActionInput,
    dates: (NaiveDate, NaiveDate, bool),
) -> Result<i64> {
    let (start, finish) = (dates.0.to_string(), dates.1.to_string());
    let requested = a.start.to_string();
    let fields = ActionFields {
        parent_id: a.parent_id,
        target_id: a.target_id,
        strategy_id: a.strategy_id,
        objective: &a.objective,
        title: &a.title,
        owner_id: a.owner_id,
        owner_name: &a.owner_name,
        start: &start,
        finish: &finish,
        requested_start: Some(&requested),
        milestone: dates.2,
        progress_bp: a.progress_bp,
        priority: &a.priority,
        status: &a.status,
        budget: a.budget,
        headcount: a.headcount,
        resources: &a.resources,
        notes: &a.notes,
        expected_contribution: a.expected_contribution,
        rollup_weight: a.rollup_weight,
        sort: a.sort,
    };
    write_action(conn, id, &fields)
}

/// Adds an action; returns its id and the rescheduled plan.
pub fn create_action(ws: &Workspace, input: &ActionInput) -> Result<(i64, PlanView)> {
    let input = &normalised(input);
    validate(input)?;
    let mut new_id = 0;
    let view = edit(ws, |state, conn| {
        check_parent(state, input.parent_id, None)?;
        let dates = stored_dates(state, input)?;
        new_id = write(conn, None, input, dates)?;
        *state = PlanState::load(ws)?;
        Ok(())
    })?;
    Ok((new_id, view))
}

/// Changes every field of an action. A parent action's dates stay those of its sub-actions.
pub fn update_action(ws: &Workspace, id: i64, input: &ActionInput) -> Result<PlanView> {
    let input = &normalised(input);
    validate(input)?;
    edit(ws, |state, conn| {
        state.outline.index_of(id)?;
        check_parent(state, input.parent_id, Some(id))?;
        let dates = stored_dates(state, input)?;
        write(conn, Some(id), input, dates)?;
        *state = PlanState::load(ws)?;
        Ok(())
    })
}

/// Deletes an action with its sub-actions, their links and baseline entries.
pub fn delete_action(ws: &Workspace, id: i64) -> Result<PlanView> {
    edit(ws, |state, conn| {
        if !super::store::delete_action(conn, id)? {
            return Err(missing_action(id));
        }
        *state = PlanState::load(ws)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(ws: &Workspace, title: &str) -> i64 {
        ws.conn()
            .query_row("SELECT id FROM action WHERE title = ?1", [title], |r| {
                r.get(0)
            })
            .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn actions_are_created_changed_and_deleted() {
        let ws = crate::plan::edit::tests::demo();
        // Five working days from Thursday 10-08: 10-08, 10-09, Saturday 10-10, 10-12, 10-13.
        let input = ActionInput {
            parent_id: Some(id(&ws, "用户获取")),
            title: " 行业展会攻坚 ".into(),
            start: d("2026-10-08"),
            duration: Some(5),
            budget: 30_000 * 100,
            priority: "high".into(),
            sort: 14,
            ..Default::default()
        };
        let (new_id, v) = create_action(&ws, &input).unwrap();
        let row = v.tasks.iter().find(|t| t.id == new_id).unwrap();
        assert_eq!(row.title, "行业展会攻坚");
        assert_eq!(
            (row.start, row.finish, row.duration, row.depth),
            (d("2026-10-08"), d("2026-10-13"), 5, 1)
        );
        // A start on a holiday moves to the next working day; a finish gives the duration.
        let changed = ActionInput {
            start: d("2026-10-03"),
            duration: None,
            finish: Some(d("2026-10-16")),
            status: "active".into(),
            progress_bp: 2500,
            ..input.clone()
        };
        let v = update_action(&ws, new_id, &changed).unwrap();
        let row = v.tasks.iter().find(|t| t.id == new_id).unwrap();
        assert_eq!(
            (row.start, row.finish, row.duration),
            (d("2026-10-08"), d("2026-10-16"), 8)
        );
        assert_eq!((row.status.as_str(), row.progress_bp), ("active", 2500));
        // A linked action cannot become a parent; an action cannot go under its own child.
        let under_linked = ActionInput {
            parent_id: Some(id(&ws, "策划3场线上裂变活动")),
            ..input.clone()
        };
        assert_eq!(
            create_action(&ws, &under_linked).unwrap_err().code,
            "summary_link"
        );
        let parent = id(&ws, "用户获取");
        let loop_input = ActionInput {
            parent_id: Some(new_id),
            title: "用户获取".into(),
            ..input.clone()
        };
        assert_eq!(
            update_action(&ws, parent, &loop_input).unwrap_err().code,
            "bad_action"
        );
        for bad in [
            ActionInput {
                title: "  ".into(),
                ..input.clone()
            },
            ActionInput {
                priority: "urgent".into(),
                ..input.clone()
            },
            ActionInput {
                progress_bp: 10_001,
                ..input.clone()
            },
            ActionInput {
                budget: -1,
                ..input.clone()
            },
            ActionInput {
                duration: None,
                finish: Some(d("2026-10-01")),
                ..input.clone()
            },
        ] {
            assert_eq!(
                create_action(&ws, &bad).unwrap_err().code,
                "bad_action",
                "{bad:?}"
            );
        }
        // Deleting partners removes its two links; the festival keeps its own start 10-19.
        let links_before = v.links.len();
        let v = delete_action(&ws, id(&ws, "拓展5个渠道合作伙伴")).unwrap();
        assert_eq!(v.links.len(), links_before - 2);
        assert_eq!(v.tasks.len(), 8);
        let festival = v
            .tasks
            .iter()
            .find(|t| t.title == "Q4 节日促销活动")
            .unwrap();
        assert_eq!(festival.start, d("2026-10-19"));
        assert_eq!(delete_action(&ws, 9999).unwrap_err().code, "action_missing");
    }
}
