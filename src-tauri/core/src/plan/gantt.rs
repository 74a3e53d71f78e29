//! What the Gantt screen needs in one read (the plan, the calendar's exceptions, today, the
//! newest baseline), and the edits its task table makes cell by cell.

use super::baseline::{list_baselines, BaselineView};
use super::edit::{edit, move_task, reshape};
use super::store::{
    first_person_named, set_action_owner_id, set_action_owner_name, set_action_progress,
    set_action_title,
};
use super::view::{plan_view, PlanView};
use crate::calendar::HolidayKind;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GanttData {
    pub plan: PlanView,
    /// Days off on the workspace calendar, and adjusted working days (调休).
    pub holidays: Vec<NaiveDate>,
    pub workdays: Vec<NaiveDate>,
    pub today: NaiveDate,
    /// The newest saved baseline, drawn as ghost bars.
    pub baseline: Option<BaselineView>,
}

pub fn gantt_data(ws: &Workspace) -> Result<GanttData> {
    let days = crate::variance::calendar_days(ws)?;
    let of = |k: HolidayKind| {
        days.iter()
            .filter(|d| d.1 == k)
            .map(|d| d.0)
            .collect::<Vec<_>>()
    };
    let (holidays, workdays) = (of(HolidayKind::Holiday), of(HolidayKind::Workday));
    let baseline = list_baselines(ws)?
        .into_iter()
        .max_by(|a, b| a.saved_at.cmp(&b.saved_at).then(a.id.cmp(&b.id)));
    Ok(GanttData {
        plan: plan_view(ws)?,
        holidays,
        workdays,
        today: crate::variance::as_of(ws)?,
        baseline,
    })
}

fn bad_value(field: &str, value: &str) -> Error {
    Error::new(
        Code::BadCell,
        format!("“{value}”不是有效的{}", field_zh(field)),
        format!("\"{value}\" is not a valid {}", field_en(field)),
    )
}

fn field_zh(field: &str) -> &'static str {
    match field {
        "title" => "举措名称",
        "owner" => "责任人",
        "start" => "开始日期（格式 2026-03-02）",
        "finish" => "完成日期（格式 2026-03-02）",
        "progress" => "进度（0 到 100 的整数）",
        _ => "字段",
    }
}

fn field_en(field: &str) -> &'static str {
    match field {
        "title" => "action name",
        "owner" => "owner",
        "start" => "start date (as 2026-03-02)",
        "finish" => "finish date (as 2026-03-02)",
        "progress" => "progress (a whole number from 0 to 100)",
        _ => "field",
    }
}

fn date(field: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| bad_value(field, value))
}

/// A text cell's new value, written in the plan's edit.
enum Cell {
    Title(String),
    Owner(String),
    /// Basis points.
    Progress(i64),
}

/// One cell of the task table edited: title, owner, start, finish or progress (percent).
pub fn edit_field(ws: &Workspace, id: i64, field: &str, value: &str) -> Result<PlanView> {
    let current = plan_view(ws)?
        .tasks
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| {
            Error::new(
                Code::NoAction,
                format!("找不到举措 {id}"),
                format!("Action {id} not found"),
            )
        })?;
    match field {
        "start" => move_task(ws, id, date(field, value)?),
        "finish" => reshape(ws, id, current.requested_start, date(field, value)?),
        "title" | "owner" | "progress" => {
            let text = value.trim().to_string();
            let cell = match field {
                "title" if !text.is_empty() => Cell::Title(text),
                "owner" => {
                    let owner_id = first_person_named(ws.conn(), &text)?;
                    set_action_owner_id(ws.conn(), id, owner_id)?;
                    Cell::Owner(text)
                }
                "progress" => {
                    let pct: i64 = text
                        .trim_end_matches('%')
                        .trim()
                        .parse()
                        .map_err(|_| bad_value(field, value))?;
                    if !(0..=100).contains(&pct) {
                        return Err(bad_value(field, value));
                    }
                    Cell::Progress(pct * 100)
                }
                _ => return Err(bad_value(field, value)),
            };
            edit(ws, |_, conn| match &cell {
                Cell::Title(title) => set_action_title(conn, id, title),
                Cell::Owner(name) => set_action_owner_name(conn, id, name),
                Cell::Progress(bp) => set_action_progress(conn, id, *bp),
            })
        }
        _ => Err(bad_value(field, value)),
    }
}

/// Sets a leaf action's progress in basis points (the Gantt's progress handle).
pub fn set_progress(ws: &Workspace, id: i64, progress_bp: i64) -> Result<PlanView> {
    if !(0..=10_000).contains(&progress_bp) {
        return Err(bad_value("progress", &format!("{}", progress_bp / 100)));
    }
    edit(ws, |_, conn| set_action_progress(conn, id, progress_bp))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::demo::in_memory as demo;

    fn task(view: &PlanView, title: &str) -> super::super::view::PlanTaskView {
        view.tasks
            .iter()
            .find(|t| t.title == title)
            .unwrap()
            .clone()
    }

    #[test]
    fn gantt_data_carries_the_calendar_and_today() {
        let ws = demo();
        let g = gantt_data(&ws).unwrap();
        assert_eq!(g.plan.tasks.len(), 8);
        assert_eq!(
            g.holidays.len(),
            crate::calendar::cn_holiday_entries()
                .iter()
                .filter(|e| e.kind == HolidayKind::Holiday)
                .count()
        );
        assert!(g
            .workdays
            .contains(&NaiveDate::from_ymd_opt(2026, 10, 10).unwrap()));
        assert_eq!(g.today, NaiveDate::from_ymd_opt(2026, 10, 15).unwrap());
        assert!(g.baseline.is_none());
    }

    #[test]
    fn cells_edit_and_bad_values_are_refused() {
        let ws = demo();
        let id = task(&plan_view(&ws).unwrap(), "优化新人引导流程").id;
        let v = edit_field(&ws, id, "progress", "80").unwrap();
        assert_eq!(task(&v, "优化新人引导流程").progress_bp, 8000);
        let v = edit_field(&ws, id, "title", "优化新人引导流程（二期）").unwrap();
        assert_eq!(task(&v, "优化新人引导流程（二期）").id, id);
        let v = edit_field(&ws, id, "owner", "陈静").unwrap();
        assert_eq!(task(&v, "优化新人引导流程（二期）").owner_name, "陈静");
        // 2026-09-21 (Mon) .. 2026-09-30 (Wed): 7 working days; the 25th is Mid-Autumn.
        let v = edit_field(&ws, id, "finish", "2026-09-30").unwrap();
        let t = task(&v, "优化新人引导流程（二期）");
        assert_eq!(
            (t.start.to_string(), t.finish.to_string(), t.duration),
            ("2026-09-21".into(), "2026-09-30".into(), 7)
        );
        for (field, value) in [
            ("progress", "120"),
            ("progress", "abc"),
            ("start", "2026/13/01"),
            ("title", " "),
            ("colour", "red"),
        ] {
            let e = edit_field(&ws, id, field, value).unwrap_err();
            assert_eq!(e.code, "bad_cell", "{field}={value}");
        }
        assert_eq!(set_progress(&ws, id, 10_001).unwrap_err().code, "bad_cell");
        // Undo puts the requested start and the duration back exactly: 14 working days from 09-21
        // skip Mid-Autumn (09-25) and National Day (10-01..07) and count Saturday 10-10 (调休).
        let v =
            super::super::edit::restore(&ws, id, NaiveDate::from_ymd_opt(2026, 9, 21).unwrap(), 14)
                .unwrap();
        let t = task(&v, "优化新人引导流程（二期）");
        assert_eq!(
            (t.start.to_string(), t.finish.to_string(), t.duration),
            ("2026-09-21".into(), "2026-10-15".into(), 14)
        );
        assert_eq!(
            task(
                &set_progress(&ws, id, 2500).unwrap(),
                "优化新人引导流程（二期）"
            )
            .progress_bp,
            2500
        );
    }
}
