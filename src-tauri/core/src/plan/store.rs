//! Plan rows in and out of the workspace: actions, dependencies, scheduled dates.

use super::model::LinkKind;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::query::ConnExt;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

mod baseline;
mod cells;
mod coverage;
mod hand;
pub mod seed;

pub use baseline::{
    baseline_dates, baseline_heads, baseline_name_taken, delete_baseline_row, insert_baseline,
    BaselineHead,
};
pub use cells::{
    first_person_named, set_action_owner_id, set_action_owner_name, set_action_progress,
    set_action_title,
};
pub use coverage::{actual_to_date, coverage_candidates, Candidate as CoverageCandidate};
pub use hand::{
    action_place, insert_rows, next_even_sort, set_place, sibling_above, sibling_defaults,
    sort_after_all, spread_sorts, subtree_rows, Rows,
};

/// One row of the `action` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub target_id: Option<i64>,
    pub strategy_id: Option<i64>,
    pub objective: String,
    pub title: String,
    pub owner_id: Option<i64>,
    pub owner_name: String,
    /// The start the user asked for ("start no earlier than"); the schedule may put it later.
    pub requested_start: NaiveDate,
    /// Scheduled start and finish (last working day) as last saved.
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub milestone: bool,
    pub progress_bp: i64,
    pub priority: String,
    pub status: String,
    /// Fen.
    pub budget: i64,
    pub headcount: i64,
    pub resources: String,
    pub notes: String,
    /// Fen (or the target metric's unit) the action is expected to add to its target.
    pub expected_contribution: i64,
    pub rollup_weight: i64,
    pub sort: i64,
}

impl ActionRow {
    /// Neither done nor cancelled: its expected contribution still counts.
    pub fn is_open(&self) -> bool {
        !matches!(self.status.as_str(), "done" | "cancelled")
    }
}

/// One row of the `action_dependency` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkRow {
    pub id: i64,
    pub predecessor_id: i64,
    pub successor_id: i64,
    pub kind: LinkKind,
    pub lag_days: i64,
}

fn bad_date(action: i64, title: &str, finish: bool, text: &str) -> Error {
    let (zh, en) = if finish {
        ("完成日期", "finish date")
    } else {
        ("开始日期", "start date")
    };
    Error::new(
        Code::BadActionDate,
        format!("举措“{title}”（#{action}）的{zh}“{text}”不是有效日期"),
        format!("Action \"{title}\" (#{action}) has an invalid {en} \"{text}\""),
    )
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    crate::calendar::iso_day(text.trim())
}

const ACTION_COLUMNS: &str = "id, parent_id, target_id, strategy_id, objective, title, owner_id, owner_name,
     start_date, finish_date, milestone, progress_bp, priority, status, budget, headcount, resources, notes,
     expected_contribution, rollup_weight, sort, IFNULL(requested_start, start_date)";

fn action_from(r: &Row) -> rusqlite::Result<(ActionRow, [String; 3])> {
    let start: String = r.get(8)?;
    let finish: String = r.get(9)?;
    let requested: String = r.get(21)?;
    let row = ActionRow {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        target_id: r.get(2)?,
        strategy_id: r.get(3)?,
        objective: r.get(4)?,
        title: r.get(5)?,
        owner_id: r.get(6)?,
        owner_name: r.get(7)?,
        requested_start: NaiveDate::MIN,
        start: NaiveDate::MIN,
        finish: NaiveDate::MIN,
        milestone: r.get::<_, i64>(10)? != 0,
        progress_bp: r.get(11)?,
        priority: r.get(12)?,
        status: r.get(13)?,
        budget: r.get(14)?,
        headcount: r.get(15)?,
        resources: r.get(16)?,
        notes: r.get(17)?,
        expected_contribution: r.get(18)?,
        rollup_weight: r.get(19)?,
        sort: r.get(20)?,
    };
    Ok((row, [start, finish, requested]))
}

/// Every action, in outline sort order.
pub fn load_actions(conn: &Connection) -> Result<Vec<ActionRow>> {
    let mut st = conn.prepare(&format!(
        "SELECT {ACTION_COLUMNS} FROM action ORDER BY sort, id"
    ))?;
    let rows = st.query_map([], action_from)?;
    let mut out = Vec::new();
    for row in rows {
        let (mut a, [start, finish, requested]) = row?;
        a.start = parse_date(&start).ok_or_else(|| bad_date(a.id, &a.title, false, &start))?;
        a.finish = parse_date(&finish).ok_or_else(|| bad_date(a.id, &a.title, true, &finish))?;
        a.requested_start =
            parse_date(&requested).ok_or_else(|| bad_date(a.id, &a.title, false, &requested))?;
        out.push(a);
    }
    Ok(out)
}

/// Every dependency, by id.
pub fn load_links(conn: &Connection) -> Result<Vec<LinkRow>> {
    let mut st = conn.prepare(
        "SELECT id, predecessor_id, successor_id, kind, lag_days FROM action_dependency ORDER BY id",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, pred, succ, kind, lag) = row?;
        let kind = LinkKind::parse(&kind).ok_or_else(|| bad_kind(&kind))?;
        out.push(LinkRow {
            id,
            predecessor_id: pred,
            successor_id: succ,
            kind,
            lag_days: lag,
        });
    }
    Ok(out)
}

pub fn bad_kind(text: &str) -> Error {
    Error::new(
        Code::BadLinkKind,
        format!("依赖类型“{text}”无效：应为 FS、SS、FF 或 SF"),
        format!("Invalid dependency type \"{text}\": expected FS, SS, FF or SF"),
    )
}

/// Writes an action's requested start, scheduled dates and milestone flag when they changed.
pub fn write_dates(
    conn: &Connection,
    id: i64,
    requested_start: NaiveDate,
    start: NaiveDate,
    finish: NaiveDate,
    milestone: bool,
) -> Result<()> {
    conn.execute(
        "UPDATE action SET requested_start = ?2, start_date = ?3, finish_date = ?4, milestone = ?5
         WHERE id = ?1 AND (requested_start IS NOT ?2 OR start_date <> ?3 OR finish_date <> ?4 OR milestone <> ?5)",
        params![
            id,
            requested_start.to_string(),
            start.to_string(),
            finish.to_string(),
            milestone as i64
        ],
    )?;
    Ok(())
}

/// An action's stored fields as one writer hands them over: a user's edit, the demo's plan and
/// the benchmarks' synthetic plan all write actions through [`write_action`]. Dates are ISO text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFields<'a> {
    pub parent_id: Option<i64>,
    pub target_id: Option<i64>,
    pub strategy_id: Option<i64>,
    pub objective: &'a str,
    pub title: &'a str,
    pub owner_id: Option<i64>,
    pub owner_name: &'a str,
    pub start: &'a str,
    pub finish: &'a str,
    /// The start the user asked for; `None` reads as the scheduled start.
    pub requested_start: Option<&'a str>,
    pub milestone: bool,
    pub progress_bp: i64,
    pub priority: &'a str,
    pub status: &'a str,
    /// Fen.
    pub budget: i64,
    pub headcount: i64,
    pub resources: &'a str,
    pub notes: &'a str,
    pub expected_contribution: i64,
    pub rollup_weight: i64,
    pub sort: i64,
}

impl Default for ActionFields<'_> {
    /// The table's own defaults.
    fn default() -> Self {
        ActionFields {
            parent_id: None,
            target_id: None,
            strategy_id: None,
            objective: "",
            title: "",
            owner_id: None,
            owner_name: "",
            start: "",
            finish: "",
            requested_start: None,
            milestone: false,
            progress_bp: 0,
            priority: "medium",
            status: "planned",
            budget: 0,
            headcount: 0,
            resources: "",
            notes: "",
            expected_contribution: 0,
            rollup_weight: 1,
            sort: 0,
        }
    }
}

/// Inserts an action (`id` None) or rewrites every field of one; returns its id.
pub fn write_action(conn: &Connection, id: Option<i64>, a: &ActionFields) -> Result<i64> {
    let values = params![
        a.parent_id,
        a.target_id,
        a.strategy_id,
        a.objective,
        a.title,
        a.owner_id,
        a.owner_name,
        a.start,
        a.finish,
        a.milestone as i64,
        a.progress_bp,
        a.priority,
        a.status,
        a.budget,
        a.headcount,
        a.resources,
        a.notes,
        a.expected_contribution,
        a.rollup_weight,
        a.sort,
        a.requested_start,
        id,
    ];
    match id {
        None => conn.insert(
            "INSERT INTO action(parent_id, target_id, strategy_id, objective, title, owner_id, owner_name,
                start_date, finish_date, milestone, progress_bp, priority, status, budget, headcount, resources,
                notes, expected_contribution, rollup_weight, sort, requested_start)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
            &values[..21],
        ),
        Some(existing) => {
            conn.run(
                "UPDATE action SET parent_id = ?1, target_id = ?2, strategy_id = ?3, objective = ?4, title = ?5,
                    owner_id = ?6, owner_name = ?7, start_date = ?8, finish_date = ?9, milestone = ?10,
                    progress_bp = ?11, priority = ?12, status = ?13, budget = ?14, headcount = ?15,
                    resources = ?16, notes = ?17, expected_contribution = ?18, rollup_weight = ?19, sort = ?20,
                    requested_start = ?21
                 WHERE id = ?22",
                values,
            )?;
            Ok(existing)
        }
    }
}

pub fn insert_link(
    conn: &Connection,
    pred: i64,
    succ: i64,
    kind: LinkKind,
    lag: i64,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO action_dependency(predecessor_id, successor_id, kind, lag_days) VALUES (?1, ?2, ?3, ?4)",
        params![pred, succ, kind.as_str(), lag],
    )
}

/// Removes every action (and, through the foreign keys, their links): a plan written anew.
pub fn delete_all_actions(conn: &Connection) -> Result<()> {
    conn.run("DELETE FROM action", [])?;
    Ok(())
}

/// Deletes an action (its sub-actions, links and baseline entries go with it); false when there
/// was none with this id.
pub fn delete_action(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.run("DELETE FROM action WHERE id = ?1", [id])? > 0)
}

/// Sets how much an action weighs in its parent's progress; false when there is no such action.
pub fn set_rollup_weight(conn: &Connection, id: i64, weight: i64) -> Result<bool> {
    Ok(conn.run(
        "UPDATE action SET rollup_weight = ?2 WHERE id = ?1",
        [id, weight],
    )? > 0)
}

/// The last day (ISO text) of the period a target covers.
pub fn target_period_end(conn: &Connection, target: i64) -> Result<Option<String>> {
    conn.optional(
        "SELECT period_end FROM target WHERE id = ?1",
        [target],
        |r| r.get(0),
    )
}

/// The active people with this name (an owner is linked only when exactly one matches).
pub fn active_people_named(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT id FROM org_unit WHERE kind = 'person' AND active = 1 AND name = ?1",
        [name],
        |r| r.get(0),
    )
}

/// A fiscal year's start month and available budget (fen): (year, start month, budget).
pub fn fiscal_year_budget(conn: &Connection, year: i32) -> Result<Option<(i32, u32, i64)>> {
    conn.optional_of(
        "SELECT year, start_month, plan_budget FROM fiscal_year WHERE year = ?1",
        [year],
    )
}

/// The same for the fiscal year a day falls in (the latest that started by then).
pub fn fiscal_year_budget_on(conn: &Connection, day: NaiveDate) -> Result<Option<(i32, u32, i64)>> {
    conn.optional_of(
        "SELECT year, start_month, plan_budget FROM fiscal_year
         WHERE printf('%04d-%02d-01', year, start_month) <= ?1 ORDER BY year DESC LIMIT 1",
        [day.to_string()],
    )
}

/// A strategy: (id, title, department, tools, budget share in basis points).
pub type StrategyRow = (i64, String, String, String, Option<i64>);

/// Every strategy, in the order they were made.
pub fn strategies(conn: &Connection) -> Result<Vec<StrategyRow>> {
    conn.rows_of(
        "SELECT id, title, department, tools, budget_share_bp FROM strategy ORDER BY id",
        [],
    )
}

/// Removes a dependency; false when there was none with this id.
pub fn delete_link(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM action_dependency WHERE id = ?1", [id])? == 1)
}
