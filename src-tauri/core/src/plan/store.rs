//! Plan rows in and out of the workspace: actions, dependencies, scheduled dates.

use super::model::LinkKind;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

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
        "bad_action_date",
        format!("举措“{title}”（#{action}）的{zh}“{text}”不是有效日期"),
        format!("Action \"{title}\" (#{action}) has an invalid {en} \"{text}\""),
    )
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
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
        "bad_link_kind",
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

pub fn insert_link(
    conn: &Connection,
    pred: i64,
    succ: i64,
    kind: LinkKind,
    lag: i64,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO action_dependency(predecessor_id, successor_id, kind, lag_days) VALUES (?1, ?2, ?3, ?4)",
        params![pred, succ, kind.as_str(), lag],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Removes a dependency; false when there was none with this id.
pub fn delete_link(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM action_dependency WHERE id = ?1", [id])? == 1)
}
