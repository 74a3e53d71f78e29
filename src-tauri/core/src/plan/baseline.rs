//! Saved baselines (several, named): a snapshot of every action's scheduled dates, and the slip
//! of the current schedule against each, in working days.

use super::store::{
    baseline_dates, baseline_heads, baseline_name_taken, delete_baseline_row, insert_baseline,
};
use super::view::{PlanSchedule, PlanState};
use super::workdays::working_day_shift;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaselineTaskSlip {
    pub action_id: i64,
    pub title: String,
    pub baseline_start: NaiveDate,
    pub baseline_finish: NaiveDate,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// Working days the start moved (positive: later than the baseline).
    pub start_slip: i64,
    /// Working days the finish moved (positive: later than the baseline).
    pub finish_slip: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaselineView {
    pub id: i64,
    pub name: String,
    pub saved_at: String,
    pub baseline_finish: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Working days the project finish moved.
    pub finish_slip: i64,
    /// Actions present in both the baseline and the plan, in outline order.
    pub tasks: Vec<BaselineTaskSlip>,
}

/// Saves the current schedule under `name` (names are unique).
pub fn save_baseline(ws: &Workspace, name: &str) -> Result<BaselineView> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::new(
            Code::BaselineName,
            "基线名称不能为空",
            "A baseline needs a name",
        ));
    }
    if baseline_name_taken(ws.conn(), name)? {
        return Err(Error::new(
            Code::BaselineExists,
            format!("已有名为“{name}”的基线，请换一个名称"),
            format!("A baseline named \"{name}\" already exists; choose another name"),
        ));
    }
    let state = PlanState::load(ws)?;
    let sched = state.schedule()?;
    let tasks = state
        .actions
        .iter()
        .zip(&sched.times)
        .map(|(a, t)| (a.id, t.start, t.finish));
    let id = insert_baseline(ws.conn(), name, &crate::now_stamp(), tasks)?;
    let mut all = baselines_against(ws, &state, &sched)?;
    all.retain(|b| b.id == id);
    all.pop()
        .ok_or_else(|| Error::new(Code::Internal, "基线保存失败", "The baseline was not saved"))
}

/// Every baseline (oldest first) with the slip of the current schedule against it.
pub fn list_baselines(ws: &Workspace) -> Result<Vec<BaselineView>> {
    let state = PlanState::load(ws)?;
    let sched = state.schedule()?;
    baselines_against(ws, &state, &sched)
}

pub fn delete_baseline(ws: &Workspace, id: i64) -> Result<()> {
    if !delete_baseline_row(ws.conn(), id)? {
        return Err(Error::new(
            Code::BaselineMissing,
            format!("找不到基线 #{id}"),
            format!("Baseline #{id} does not exist"),
        ));
    }
    Ok(())
}

fn baselines_against(
    ws: &Workspace,
    state: &PlanState,
    sched: &PlanSchedule,
) -> Result<Vec<BaselineView>> {
    let heads = baseline_heads(ws.conn())?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, name, saved_at) in heads {
        let saved = baseline_dates(ws.conn(), id)?;
        let baseline_finish = saved.values().map(|x| x.1).max();
        let mut tasks = Vec::new();
        for &i in &state.outline.order {
            let a = &state.actions[i];
            let Some(&(bs, bf)) = saved.get(&a.id) else {
                continue;
            };
            let t = &sched.times[i];
            tasks.push(BaselineTaskSlip {
                action_id: a.id,
                title: a.title.clone(),
                baseline_start: bs,
                baseline_finish: bf,
                start: t.start,
                finish: t.finish,
                start_slip: working_day_shift(&state.cal, bs, t.start),
                finish_slip: working_day_shift(&state.cal, bf, t.finish),
            });
        }
        let finish_slip = match (baseline_finish, sched.finish) {
            (Some(b), Some(f)) => working_day_shift(&state.cal, b, f),
            _ => 0,
        };
        out.push(BaselineView {
            id,
            name,
            saved_at,
            baseline_finish,
            finish: sched.finish,
            finish_slip,
            tasks,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::edit::{move_task, set_duration};

    fn id(ws: &Workspace, title: &str) -> i64 {
        ws.conn()
            .query_row("SELECT id FROM action WHERE title = ?1", [title], |r| {
                r.get(0)
            })
            .unwrap()
    }

    fn slips(b: &BaselineView, title: &str) -> (i64, i64) {
        let t = b.tasks.iter().find(|t| t.title == title).unwrap();
        (t.start_slip, t.finish_slip)
    }

    /// After saving, campaigns move a week later (09-07 -> 09-14): their start slips 5 working
    /// days and their finish 09-30 -> 10-13 also 5 (10-08, 10-09, Saturday 10-10, 10-12, 10-13);
    /// partners end 10-23 instead of 10-16 (5), the festival 12-07 instead of 11-30 (5), the
    /// review 11-23 instead of 11-16 (5). Community still ends the project on 12-31: 0.
    #[test]
    fn baselines_show_slip_in_working_days() {
        let ws = crate::plan::edit::tests::demo();
        let first = save_baseline(&ws, "初始计划").unwrap();
        assert_eq!(first.tasks.len(), 8);
        assert!(first
            .tasks
            .iter()
            .all(|t| t.start_slip == 0 && t.finish_slip == 0));
        move_task(
            &ws,
            id(&ws, "策划3场线上裂变活动"),
            "2026-09-14".parse().unwrap(),
        )
        .unwrap();
        let second = save_baseline(&ws, "调整后").unwrap();
        // Lengthen community by 2 days: it now ends on 2027-01-04 (no 2027 holidays on file).
        set_duration(&ws, id(&ws, "建立用户社群运营体系"), 61).unwrap();
        let all = list_baselines(&ws).unwrap();
        assert_eq!(
            all.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(),
            vec!["初始计划", "调整后"]
        );
        assert_eq!(all[0].id, first.id);
        let b = &all[0];
        assert_eq!(slips(b, "策划3场线上裂变活动"), (5, 5));
        // Partners start 09-14 -> Sunday 09-20, a worked day: 09-15..09-18 and 09-20 = 5.
        assert_eq!(slips(b, "拓展5个渠道合作伙伴"), (5, 5));
        assert_eq!(slips(b, "Q4 节日促销活动"), (5, 5));
        assert_eq!(slips(b, "里程碑：Q4 中期复盘"), (5, 5));
        assert_eq!(slips(b, "建立用户社群运营体系"), (0, 2));
        assert_eq!(slips(b, "用户获取"), (5, 5));
        assert_eq!(b.finish_slip, 2);
        let b = &all[1];
        assert_eq!(slips(b, "策划3场线上裂变活动"), (0, 0));
        assert_eq!(slips(b, "建立用户社群运营体系"), (0, 2));
        assert_eq!(b.finish_slip, 2);
        assert_eq!(second.finish_slip, 0);
        assert_eq!(
            save_baseline(&ws, "调整后").unwrap_err().code,
            "baseline_exists"
        );
        assert_eq!(save_baseline(&ws, "  ").unwrap_err().code, "baseline_name");
        delete_baseline(&ws, first.id).unwrap();
        assert_eq!(list_baselines(&ws).unwrap().len(), 1);
        assert_eq!(
            delete_baseline(&ws, first.id).unwrap_err().code,
            "baseline_missing"
        );
    }
}
