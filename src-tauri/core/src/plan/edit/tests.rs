use super::*;
use crate::plan::rollup::{set_rollup_mode, set_rollup_weight, RollupMode};
use crate::plan::view::PlanTaskView;

pub(crate) use crate::demo::in_memory as demo;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn id(ws: &Workspace, title: &str) -> i64 {
    ws.conn()
        .query_row("SELECT id FROM action WHERE title = ?1", [title], |r| {
            r.get(0)
        })
        .unwrap()
}

fn row<'a>(v: &'a PlanView, title: &str) -> &'a PlanTaskView {
    v.tasks.iter().find(|t| t.title == title).unwrap()
}

fn dates(v: &PlanView, title: &str) -> (NaiveDate, NaiveDate) {
    let t = row(v, title);
    (t.start, t.finish)
}

const CAMPAIGNS: &str = "策划3场线上裂变活动";
const PARTNERS: &str = "拓展5个渠道合作伙伴";
const FESTIVAL: &str = "Q4 节日促销活动";
const ONBOARDING: &str = "优化新人引导流程";
const COMMUNITY: &str = "建立用户社群运营体系";
const REVIEW: &str = "里程碑：Q4 中期复盘";

/// Seed 002's table on the China calendar (Mid-Autumn 09-25, National Day 10-01..10-07, Sunday 09-20
/// and Saturday 10-10 worked). Campaigns 09-07..09-30 is 18 working days, partners 09-14..10-16 is
/// 21, festival 10-19..11-30 is 31, onboarding 09-21..10-09 is 9, community 10-12..12-31 is 59.
/// The project ends with community on 12-31 (critical). Onboarding may finish on Saturday 10-10 at
/// the latest: float 1. Festival may end on 12-31: the 23 working days of December are its float,
/// and campaigns -> partners -> festival is one chain with that float. The review milestone
/// (11-16) could sit on any working day up to 12-31: float 34 (11 in November, 23 in December).
#[test]
fn demo_plan_schedules_with_float_and_critical_path() {
    let ws = demo();
    let v = plan_view(&ws).unwrap();
    assert_eq!(v.tasks.len(), 8);
    // Stored as 09-07..10-02, but 10-01 and 10-02 are holidays: its last working day is 09-30.
    assert_eq!(dates(&v, CAMPAIGNS), (d("2026-09-07"), d("2026-09-30")));
    assert_eq!(dates(&v, PARTNERS), (d("2026-09-14"), d("2026-10-16")));
    assert_eq!(dates(&v, FESTIVAL), (d("2026-10-19"), d("2026-11-30")));
    assert_eq!(dates(&v, ONBOARDING), (d("2026-09-21"), d("2026-10-09")));
    assert_eq!(dates(&v, COMMUNITY), (d("2026-10-12"), d("2026-12-31")));
    assert_eq!(dates(&v, REVIEW), (d("2026-11-16"), d("2026-11-16")));
    let durations: Vec<(&str, i64)> =
        [CAMPAIGNS, PARTNERS, FESTIVAL, ONBOARDING, COMMUNITY, REVIEW]
            .iter()
            .map(|t| (*t, row(&v, t).duration))
            .collect();
    assert_eq!(
        durations,
        vec![
            (CAMPAIGNS, 18),
            (PARTNERS, 21),
            (FESTIVAL, 31),
            (ONBOARDING, 9),
            (COMMUNITY, 59),
            (REVIEW, 0)
        ]
    );
    let floats: Vec<(&str, i64, bool)> = v
        .tasks
        .iter()
        .map(|t| (t.title.as_str(), t.total_float, t.critical))
        .collect();
    assert_eq!(
        floats,
        vec![
            ("用户获取", 23, false),
            (CAMPAIGNS, 23, false),
            (PARTNERS, 23, false),
            (FESTIVAL, 23, false),
            ("用户留存", 0, true),
            (ONBOARDING, 1, false),
            (COMMUNITY, 0, true),
            (REVIEW, 34, false),
        ]
    );
    assert_eq!(
        (v.start, v.finish),
        (Some(d("2026-09-07")), Some(d("2026-12-31")))
    );
    assert_eq!(row(&v, "用户获取").depth, 0);
    assert_eq!(row(&v, CAMPAIGNS).depth, 1);
    assert!(row(&v, REVIEW).milestone);
}

fn link_count(ws: &Workspace) -> i64 {
    ws.conn()
        .query_row("SELECT COUNT(*) FROM action_dependency", [], |r| r.get(0))
        .unwrap()
}

fn stored(ws: &Workspace, title: &str) -> (String, String, i64) {
    ws.conn()
        .query_row(
            "SELECT start_date, finish_date, milestone FROM action WHERE title = ?1",
            [title],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// Campaigns moved a week later (09-14, 18 working days -> 10-13). Partners (SS 5) must wait until
/// Sunday 09-20 (a worked day) and its 21 days end 10-23. Festival waits for partners (FS 0 ->
/// 10-26; campaigns' FS 5 only asks for 10-21) and ends 12-07. The review milestone (SS 20 after
/// the festival's start) moves from 11-16 to 11-23. Onboarding and community are untouched.
#[test]
fn moving_a_task_moves_its_successors_and_is_saved() {
    let ws = demo();
    let preview = preview_move_task(&ws, id(&ws, CAMPAIGNS), d("2026-09-14")).unwrap();
    assert_eq!(
        dates(&preview, PARTNERS),
        (d("2026-09-20"), d("2026-10-23"))
    );
    assert_eq!(
        stored(&ws, PARTNERS),
        ("2026-09-14".to_string(), "2026-10-16".to_string(), 0),
        "a preview saves nothing"
    );
    let v = move_task(&ws, id(&ws, CAMPAIGNS), d("2026-09-14")).unwrap();
    assert_eq!(dates(&v, CAMPAIGNS), (d("2026-09-14"), d("2026-10-13")));
    assert_eq!(dates(&v, PARTNERS), (d("2026-09-20"), d("2026-10-23")));
    assert_eq!(dates(&v, FESTIVAL), (d("2026-10-26"), d("2026-12-07")));
    assert_eq!(dates(&v, REVIEW), (d("2026-11-23"), d("2026-11-23")));
    assert_eq!(dates(&v, COMMUNITY), (d("2026-10-12"), d("2026-12-31")));
    assert_eq!(dates(&v, "用户获取"), (d("2026-09-14"), d("2026-12-07")));
    assert_eq!(
        stored(&ws, PARTNERS),
        ("2026-09-20".to_string(), "2026-10-23".to_string(), 0)
    );
    // The festival now ends 12-07: the chain's float is the 18 working days 12-08..12-31.
    assert_eq!(row(&v, FESTIVAL).total_float, 18);
    assert_eq!(row(&v, PARTNERS).requested_start, d("2026-09-14"));
    // Moving it back lets the successors return to their own requested starts.
    let v = move_task(&ws, id(&ws, CAMPAIGNS), d("2026-09-07")).unwrap();
    assert_eq!(dates(&v, CAMPAIGNS), (d("2026-09-07"), d("2026-09-30")));
    assert_eq!(dates(&v, PARTNERS), (d("2026-09-14"), d("2026-10-16")));
    assert_eq!(dates(&v, FESTIVAL), (d("2026-10-19"), d("2026-11-30")));
    assert_eq!(dates(&v, REVIEW), (d("2026-11-16"), d("2026-11-16")));
    // A task cannot be moved before what its predecessors allow: partners stays SS 5 after campaigns.
    let v = move_task(&ws, id(&ws, PARTNERS), d("2026-09-01")).unwrap();
    assert_eq!(dates(&v, PARTNERS), (d("2026-09-14"), d("2026-10-16")));
}

/// Campaigns lengthened from 18 to 22 working days (09-30, then 10-08, 10-09, Saturday 10-10,
/// 10-12) ends on 10-12; the festival's FS 5 then asks for
/// 10-20 (10-13 + 5 working days), a day after its own 10-19, so it ends 12-01 and the review
/// (SS 20) moves to 11-17. A duration of 0 makes a milestone.
#[test]
fn changing_a_duration_reschedules_and_zero_is_a_milestone() {
    let ws = demo();
    let v = set_duration(&ws, id(&ws, CAMPAIGNS), 22).unwrap();
    assert_eq!(dates(&v, CAMPAIGNS), (d("2026-09-07"), d("2026-10-12")));
    assert_eq!(dates(&v, FESTIVAL), (d("2026-10-20"), d("2026-12-01")));
    assert_eq!(dates(&v, REVIEW), (d("2026-11-17"), d("2026-11-17")));
    assert_eq!(row(&v, CAMPAIGNS).duration, 22);
    let v = set_duration(&ws, id(&ws, ONBOARDING), 0).unwrap();
    assert!(row(&v, ONBOARDING).milestone);
    assert_eq!(dates(&v, ONBOARDING), (d("2026-09-21"), d("2026-09-21")));
    assert_eq!(
        stored(&ws, ONBOARDING),
        ("2026-09-21".to_string(), "2026-09-21".to_string(), 1)
    );
    assert_eq!(
        set_duration(&ws, id(&ws, "用户获取"), 5).unwrap_err().code,
        "summary_task"
    );
    assert_eq!(
        set_duration(&ws, id(&ws, CAMPAIGNS), -1).unwrap_err().code,
        "bad_duration"
    );
}

#[test]
fn links_are_added_and_deleted_and_cycles_refused() {
    let ws = demo();
    let before = link_count(&ws);
    // Community after the festival's finish (FF lag 5): community must end 5 working days
    // after 11-30 at the earliest (12-07); it already ends 12-31, so nothing moves.
    let v = add_link(&ws, id(&ws, FESTIVAL), id(&ws, COMMUNITY), LinkKind::FF, 5).unwrap();
    assert_eq!(v.links.len() as i64, before + 1);
    assert_eq!(dates(&v, COMMUNITY), (d("2026-10-12"), d("2026-12-31")));
    let e = add_link(&ws, id(&ws, FESTIVAL), id(&ws, CAMPAIGNS), LinkKind::FS, 0).unwrap_err();
    assert_eq!(e.code, "plan_cycle");
    assert_eq!(
        e.zh,
        "依赖关系形成循环：策划3场线上裂变活动 → Q4 节日促销活动 → 策划3场线上裂变活动。请删除其中一条依赖。"
    );
    assert_eq!(link_count(&ws), before + 1, "a refused link is not saved");
    assert_eq!(
        add_link(
            &ws,
            id(&ws, "用户获取"),
            id(&ws, ONBOARDING),
            LinkKind::FS,
            0
        )
        .unwrap_err()
        .code,
        "summary_link"
    );
    assert_eq!(
        add_link(&ws, id(&ws, FESTIVAL), id(&ws, COMMUNITY), LinkKind::SS, 0)
            .unwrap_err()
            .code,
        "link_exists"
    );
    let added = v.links.last().unwrap().id;
    let v = delete_link(&ws, added).unwrap();
    assert_eq!(v.links.len() as i64, before);
    assert_eq!(delete_link(&ws, added).unwrap_err().code, "link_missing");
}

/// By duration: 用户获取 = (70% × 18 + 40% × 21 + 0% × 31) / 70 = 30.00%;
/// 用户留存 = (50% × 9 + 10% × 59 + milestone) / 68 = 1529.41 bp -> 1529.
/// By manual weight (campaigns 1, partners 1, festival 2): (7000 + 4000 + 0) / 4 = 2750.
#[test]
fn progress_rolls_up_by_duration_or_weight() {
    let ws = demo();
    let v = plan_view(&ws).unwrap();
    assert_eq!(v.rollup, RollupMode::Duration);
    assert_eq!(row(&v, "用户获取").progress_bp, 3000);
    assert_eq!(row(&v, "用户留存").progress_bp, 1529);
    assert_eq!(row(&v, CAMPAIGNS).progress_bp, 7000);
    set_rollup_mode(&ws, RollupMode::Weight).unwrap();
    set_rollup_weight(&ws, id(&ws, FESTIVAL), 2).unwrap();
    let v = plan_view(&ws).unwrap();
    assert_eq!(v.rollup, RollupMode::Weight);
    assert_eq!(row(&v, "用户获取").progress_bp, 2750);
    // Weights 1, 1, 1 under 用户留存: (5000 + 1000 + 0) / 3 = 2000.
    assert_eq!(row(&v, "用户留存").progress_bp, 2000);
    assert_eq!(
        set_rollup_weight(&ws, id(&ws, FESTIVAL), -1)
            .unwrap_err()
            .code,
        "bad_weight"
    );
}

#[test]
fn an_empty_workspace_has_an_empty_plan() {
    let ws = Workspace::open_in_memory().unwrap();
    let v = plan_view(&ws).unwrap();
    assert_eq!(
        (v.tasks.len(), v.links.len(), v.start, v.finish),
        (0, 0, None, None)
    );
    assert_eq!(
        move_task(&ws, 1, d("2026-03-02")).unwrap_err().code,
        "action_missing"
    );
    let c = crate::plan::gap_coverage(&ws).unwrap();
    assert!(c.targets.is_empty() && c.unplanned.is_empty());
    let r = crate::plan::resource_table(&ws, None).unwrap();
    assert_eq!(
        (r.rows.len(), r.total_budget, r.available_budget),
        (0, 0, 0)
    );
}

#[test]
fn a_new_holiday_moves_the_plan_and_its_undo_moves_it_back() {
    use crate::calendar::workspace::{restore_day, set_day, DayKind};
    let ws = demo();
    let before = plan_view(&ws).unwrap();
    // Onboarding runs 09-21..10-09 (9 working days); a company day off on Thursday 10-08 keeps
    // its 9 days, so it finishes on Saturday 10-10 (an adjusted working day) instead.
    assert_eq!(
        dates(&before, ONBOARDING),
        (d("2026-09-21"), d("2026-10-09"))
    );
    let snapshot = follow_calendar(&ws, |ws| {
        set_day(
            ws,
            "2026-10-08",
            DayKind::Holiday,
            "公司年会",
            "Company day",
        )
    })
    .unwrap();
    let after = plan_view(&ws).unwrap();
    assert_eq!(
        dates(&after, ONBOARDING),
        (d("2026-09-21"), d("2026-10-10"))
    );
    let cal = crate::variance::workspace_calendar(&ws).unwrap();
    assert_eq!(cal.working_days(d("2026-09-21"), d("2026-10-10")), 9);
    // Campaigns ended before the day: unchanged.
    assert_eq!(dates(&after, CAMPAIGNS), dates(&before, CAMPAIGNS));
    // Undone, every action is back where it was.
    follow_calendar(&ws, |ws| restore_day(ws, &snapshot)).unwrap();
    let back = plan_view(&ws).unwrap();
    for t in &before.tasks {
        assert_eq!(dates(&back, &t.title), (t.start, t.finish), "{}", t.title);
    }
}

#[test]
fn a_calendar_change_that_fails_half_way_leaves_the_calendar_and_the_plan_as_they_were() {
    use crate::calendar::workspace::{set_day, DayKind};
    let ws = demo();
    let before = plan_view(&ws).unwrap();
    let days = || {
        crate::variance::workspace_calendar(&ws)
            .unwrap()
            .working_days(d("2026-10-01"), d("2026-10-31"))
    };
    let working = days();
    let e = follow_calendar(&ws, |ws| {
        set_day(
            ws,
            "2026-10-08",
            DayKind::Holiday,
            "公司年会",
            "Company day",
        )?;
        set_day(ws, "2026-13-01", DayKind::Holiday, "x", "x")
    })
    .unwrap_err();
    assert_eq!(e.code, "calendar_bad_date");
    assert_eq!(days(), working);
    assert_eq!(
        dates(&plan_view(&ws).unwrap(), ONBOARDING),
        dates(&before, ONBOARDING)
    );
}
