use super::weekly::{self, WeeklyInput};
use super::*;
use crate::demo;
use crate::export::Cell;
use crate::store::Workspace;
use crate::variance::{DimensionRef, Engine};
use chrono::NaiveDate;

/// Σ of a metric's actual amounts for the people under a path, in [from, to] (an independent
/// reading of the raw rows, to check the engine's figures against).
fn raw_sum(ws: &Workspace, metric: &str, node: &str, from: &str, to: &str) -> i64 {
    let eng = Engine::new(ws).unwrap();
    let people = eng.tree.people(eng.tree.resolve(node).unwrap().id);
    let list = people
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(",");
    ws.conn()
        .query_row(
            &format!(
                "SELECT COALESCE(SUM(amount), 0) FROM actual
                 WHERE metric_id = (SELECT id FROM metric WHERE code = ?1)
                   AND person_id IN ({list}) AND date BETWEEN ?2 AND ?3"
            ),
            rusqlite::params![metric, from, to],
            |r| r.get(0),
        )
        .unwrap()
}

fn check(metric: &str, node: &str, threshold: Threshold, window: &str) -> Check {
    Check {
        metric: metric.into(),
        node: node.into(),
        dimension: None,
        threshold,
        window: window.into(),
    }
}

fn improvement(text: &str, check: Option<Check>) -> ItemInput {
    ItemInput {
        list: ItemList::Improvement,
        text: text.into(),
        owner: None,
        due: None,
        done: false,
        check,
    }
}

fn verification(ws: &Workspace, review: i64, item: i64) -> Verification {
    get(ws, review)
        .unwrap()
        .improvements
        .into_iter()
        .find(|i| i.id == item)
        .unwrap()
        .verification
        .unwrap()
}

#[test]
fn a_review_is_one_per_node_and_period_and_says_why_not() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-q2", "华东二季度复盘").unwrap();
    let s = &list(&ws).unwrap()[0];
    assert_eq!(
        (
            s.id,
            s.node.as_str(),
            s.node_name.as_str(),
            s.period.as_str()
        ),
        (id, "/华东", "华东", "2026-Q2")
    );
    assert_eq!((s.title.as_str(), s.closed), ("华东二季度复盘", false));
    let again = create(&ws, "/华东", "2026-Q2", "").unwrap_err();
    assert_eq!(again.code, "review_exists");
    assert!(
        again.zh.contains("华东 的 2026-Q2 复盘已存在"),
        "{}",
        again.zh
    );
    assert_eq!(
        create(&ws, "/华东", "2026-Q5", "").unwrap_err().code,
        "bad_period"
    );
    assert!(create(&ws, "/华中", "2026-Q2", "").is_err());
    set_closed(&ws, id, true).unwrap();
    assert!(get(&ws, id).unwrap().summary.closed);
    assert_eq!(
        set_closed(&ws, 999, true).unwrap_err().code,
        "review_not_found"
    );
    // The results of the period come with the review: 华东's revenue in Q2.
    let r = get(&ws, id).unwrap();
    let revenue = &r.results[0].short_term[0];
    assert_eq!(revenue.metric.code, "revenue");
    assert_eq!(
        revenue.figures.actual,
        raw_sum(&ws, "revenue", "/华东", "2026-04-01", "2026-06-30")
    );
}

#[test]
fn findings_keep_their_fishbone_category_and_whether_they_are_controllable() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华南", "2026-Q3", "").unwrap();
    let cause = FindingInput {
        kind: FindingKind::Cause,
        category: "market".into(),
        controllable: false,
        text: "  竞品降价抢单  ".into(),
    };
    let c = add_finding(&ws, id, &cause).unwrap();
    let s = add_finding(
        &ws,
        id,
        &FindingInput {
            kind: FindingKind::Success,
            category: "method".into(),
            controllable: true,
            text: "直播带货转化率提升".into(),
        },
    )
    .unwrap();
    let f = get(&ws, id).unwrap().findings;
    // Success factors first, then root causes; texts trimmed.
    assert_eq!(
        f.iter()
            .map(|f| (
                f.id,
                f.kind,
                f.category.as_str(),
                f.controllable,
                f.text.as_str()
            ))
            .collect::<Vec<_>>(),
        vec![
            (
                s,
                FindingKind::Success,
                "method",
                true,
                "直播带货转化率提升"
            ),
            (c, FindingKind::Cause, "market", false, "竞品降价抢单"),
        ]
    );
    update_finding(
        &ws,
        c,
        &FindingInput {
            category: "people".into(),
            controllable: true,
            text: "新人培训不足".into(),
            ..cause.clone()
        },
    )
    .unwrap();
    let bad = FindingInput {
        category: "luck".into(),
        ..cause.clone()
    };
    let e = add_finding(&ws, id, &bad).unwrap_err();
    assert_eq!(e.code, "review_category");
    assert!(e.zh.contains("“luck”"), "{}", e.zh);
    let e = add_finding(
        &ws,
        id,
        &FindingInput {
            text: " ".into(),
            ..cause.clone()
        },
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.en.as_ref()),
        ("review_blank", "The finding's text must not be empty")
    );
    let e = add_finding(
        &ws,
        id,
        &FindingInput {
            text: "长".repeat(501),
            ..cause.clone()
        },
    )
    .unwrap_err();
    assert_eq!(e.zh, "发现的内容有 501 个字，最多 500 个");
    assert_eq!(
        add_finding(&ws, 999, &cause).unwrap_err().code,
        "review_not_found"
    );
    let f = get(&ws, id).unwrap().findings;
    assert_eq!(f.len(), 2);
    assert_eq!(
        (f[1].category.as_str(), f[1].text.as_str()),
        ("people", "新人培训不足")
    );
    delete_finding(&ws, s).unwrap();
    assert_eq!(
        delete_finding(&ws, s).unwrap_err().code,
        "review_entry_not_found"
    );
    // Deleting the review takes its findings and items with it.
    add_item(&ws, id, &improvement("加强新人带教", None)).unwrap();
    delete(&ws, id).unwrap();
    let left: i64 = ws
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM review_finding) + (SELECT COUNT(*) FROM review_item)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_revenue_improvement_is_verified_from_the_actuals() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    let item = add_item(
        &ws,
        id,
        &improvement(
            "重点客户季度营收 +10%",
            Some(check(
                "revenue",
                "/华东",
                Threshold::Relative { change_bp: 1000 },
                "2026-Q3",
            )),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, item);
    let q2 = raw_sum(&ws, "revenue", "/华东", "2026-04-01", "2026-06-30");
    let q3 = raw_sum(&ws, "revenue", "/华东", "2026-07-01", "2026-09-30");
    assert_eq!((v.baseline, v.measured), (Some(q2), Some(q3)));
    assert_eq!((q2, q3), (995_739_825, 953_679_674));
    // 995,739,825 × 1.1 = 1,095,313,807.5 -> 1,095,313,808 fen required; Q3 fell short.
    assert_eq!(v.required, Some(1_095_313_808));
    assert_eq!(v.status, VerifyStatus::Missed);
    // Holding within −5% is what Q3 did (−4.22%): 945,952,833.75 -> 945,952,834 required.
    update_item(
        &ws,
        item,
        &improvement(
            "季度营收降幅不超过 5%",
            Some(check(
                "revenue",
                "/华东",
                Threshold::Relative { change_bp: -500 },
                "2026-Q3",
            )),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, item);
    assert_eq!(
        (v.required, v.status),
        (Some(945_952_834), VerifyStatus::Met)
    );
}

#[test]
fn ratio_and_lower_is_better_metrics_improve_in_their_own_direction() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    let ten = Threshold::Relative { change_bp: 1000 };
    // Complaint rate = Σ complaints / Σ orders, lower is better: 10% better is 10% lower.
    let complaints = add_item(
        &ws,
        id,
        &improvement(
            "投诉率下降 10%",
            Some(check("complaint_rate", "/华东", ten, "2026-Q3")),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, complaints);
    let rate = |from: &str, to: &str| {
        crate::ratio_bp(
            raw_sum(&ws, "complaints", "/华东", from, to) as i128,
            raw_sum(&ws, "orders", "/华东", from, to) as i128,
        )
    };
    assert_eq!(v.baseline, Some(rate("2026-04-01", "2026-06-30")));
    assert_eq!(v.measured, Some(rate("2026-07-01", "2026-09-30")));
    assert_eq!(
        (
            v.baseline,
            v.required,
            v.measured,
            v.status,
            v.lower_is_better
        ),
        (Some(158), Some(142), Some(97), VerifyStatus::Met, true)
    );
    // Collection rate = collections / revenue: 89.61% would have to reach 98.57%; Q3 gave 88.44%.
    let collections = add_item(
        &ws,
        id,
        &improvement(
            "回款率提升 10%",
            Some(check("collection_rate", "/华东", ten, "2026-Q3")),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, collections);
    assert_eq!(
        (v.baseline, v.required, v.measured, v.status),
        (Some(8961), Some(9857), Some(8844), VerifyStatus::Missed)
    );
    // Conversion has no data before June: reviewed from Q1, a relative threshold has no
    // baseline; an absolute one is judged on the window alone.
    let q1 = create(&ws, "/华东", "2026-Q1", "").unwrap();
    let relative = add_item(
        &ws,
        q1,
        &improvement(
            "转化率 +10%",
            Some(check("conversion_rate", "/华东", ten, "2026-Q3")),
        ),
    )
    .unwrap();
    assert_eq!(
        verification(&ws, q1, relative).status,
        VerifyStatus::NoBaseline
    );
    let absolute = add_item(
        &ws,
        id,
        &improvement(
            "转化率达到 20%",
            Some(check(
                "conversion_rate",
                "/华东",
                Threshold::Absolute { value: 2000 },
                "2026-Q3",
            )),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, absolute);
    let conv = crate::ratio_bp(
        raw_sum(&ws, "new_customers", "/华东", "2026-07-01", "2026-09-30") as i128,
        raw_sum(&ws, "leads", "/华东", "2026-07-01", "2026-09-30") as i128,
    );
    assert_eq!(v.measured, Some(conv));
    assert_eq!(
        v.status,
        if conv >= 2000 {
            VerifyStatus::Met
        } else {
            VerifyStatus::Missed
        }
    );
}

#[test]
fn a_window_under_way_is_projected_and_a_future_one_waits() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q3", "").unwrap();
    let ten = Threshold::Relative { change_bp: 1000 };
    let item = add_item(
        &ws,
        id,
        &improvement(
            "四季度营收 +10%",
            Some(check("revenue", "/华东", ten, "2026-Q4")),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, item);
    // As of 2026-10-15: 7 of Q4's 62 working days have passed (the National Day holiday).
    let eng = Engine::new(&ws).unwrap();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (elapsed, all) = (
        eng.cal.working_days(d("2026-10-01"), d("2026-10-15")),
        eng.cal.working_days(d("2026-10-01"), d("2026-12-31")),
    );
    assert_eq!((elapsed, all), (7, 62));
    let so_far = raw_sum(&ws, "revenue", "/华东", "2026-10-01", "2026-10-15");
    assert_eq!(v.status, VerifyStatus::InProgress);
    assert_eq!(v.measured, Some(so_far));
    let projected = crate::variance::mul_div_round(so_far, 62, 7);
    assert_eq!(v.projected, Some(projected));
    let q3 = raw_sum(&ws, "revenue", "/华东", "2026-07-01", "2026-09-30");
    assert_eq!(v.baseline, Some(q3));
    assert_eq!(
        v.on_track,
        Some(projected as i128 * 10_000 >= q3 as i128 * 11_000)
    );
    let later = add_item(
        &ws,
        id,
        &improvement(
            "明年一季度",
            Some(check("revenue", "/华东", ten, "2027-Q1")),
        ),
    )
    .unwrap();
    let v = verification(&ws, id, later);
    assert_eq!(
        (v.status, v.measured, v.projected),
        (VerifyStatus::NotStarted, None, None)
    );
}

#[test]
fn items_have_owners_due_dates_and_say_when_they_are_overdue() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    let lesson = ItemInput {
        list: ItemList::Lesson,
        text: "优化后的客户谈判流程推广到全区".into(),
        owner: Some("/华东/华东一组/张三".into()),
        due: Some(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap()),
        done: false,
        check: None,
    };
    let a = add_item(&ws, id, &lesson).unwrap();
    let b = add_item(
        &ws,
        id,
        &ItemInput {
            due: Some(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            ..lesson.clone()
        },
    )
    .unwrap();
    let r = get(&ws, id).unwrap();
    assert_eq!(r.lessons.len(), 2);
    assert!(r.improvements.is_empty());
    let l = &r.lessons[0];
    assert_eq!(
        (l.id, l.owner.as_deref(), l.owner_name.as_deref(), l.overdue),
        (a, Some("/华东/华东一组/张三"), Some("张三"), true)
    );
    assert!(!r.lessons[1].overdue, "due after the as-of day");
    update_item(
        &ws,
        a,
        &ItemInput {
            done: true,
            ..lesson.clone()
        },
    )
    .unwrap();
    assert!(!get(&ws, id).unwrap().lessons[0].overdue, "done");
    let e = add_item(
        &ws,
        id,
        &ItemInput {
            owner: Some("/华东/无此人".into()),
            ..lesson.clone()
        },
    );
    assert!(e.is_err());
    let e = add_item(
        &ws,
        id,
        &improvement(
            "x",
            Some(check(
                "revenue",
                "/华东",
                Threshold::Relative { change_bp: 0 },
                "2026-Q3",
            )),
        ),
    )
    .unwrap_err();
    assert_eq!(e.code, "review_threshold");
    let e = add_item(
        &ws,
        id,
        &improvement(
            "x",
            Some(check(
                "revenue",
                "/华东",
                Threshold::Absolute { value: 1 },
                "2026-13",
            )),
        ),
    )
    .unwrap_err();
    assert_eq!(e.code, "bad_period");
    delete_item(&ws, b).unwrap();
    assert_eq!(
        delete_item(&ws, b).unwrap_err().code,
        "review_entry_not_found"
    );
}

#[test]
fn the_data_prompts_success_factors_and_root_causes() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    let p = get(&ws, id).unwrap().prompts;
    // Successes best first: 华东一组 beat its revenue target.
    assert_eq!(p[0].kind, FindingKind::Success);
    assert_eq!(
        p[0].text_zh,
        "华东一组营收达成 101.50%，超额完成：总结成功的关键因素"
    );
    assert_eq!(
        p[0].text_en,
        "华东一组: revenue at 101.50% of target — name what made it work"
    );
    // Causes worst first; 华东二组 missed by a little.
    let causes: Vec<_> = p.iter().filter(|p| p.kind == FindingKind::Cause).collect();
    assert!(causes
        .windows(2)
        .all(|w| w[0].achievement_bp <= w[1].achievement_bp));
    let second = p.iter().find(|p| p.subject_zh == "华东二组").unwrap();
    assert_eq!(
        (second.kind, second.achievement_bp),
        (FindingKind::Cause, 9744)
    );
    // Nobody left 华东 in Q2: attrition is at its best, not a cause.
    assert!(!p.iter().any(|p| p.subject_en == "Team attrition"));
    let complaints = p.iter().find(|p| p.subject_en == "Complaint rate").unwrap();
    assert_eq!(
        complaints.text_zh,
        "客户投诉率达成 63.29%，未达标：排查根本原因"
    );
    // Lower is better: the actual is above the target, so English names the achievement.
    assert_eq!(
        complaints.text_en,
        "Complaint rate: achievement 63.29% — find the root cause"
    );
}

#[test]
fn the_review_table_lists_findings_then_both_lists() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    add_finding(
        &ws,
        id,
        &FindingInput {
            kind: FindingKind::Cause,
            category: "external".into(),
            controllable: false,
            text: "政策调整".into(),
        },
    )
    .unwrap();
    add_item(
        &ws,
        id,
        &improvement(
            "营收 +10%",
            Some(check(
                "revenue",
                "/华东",
                Threshold::Relative { change_bp: 1000 },
                "2026-Q3",
            )),
        ),
    )
    .unwrap();
    let t = review_table(&get(&ws, id).unwrap(), crate::Lang::Zh);
    assert_eq!(t.sheet, "复盘");
    assert_eq!(t.headers.len(), 14);
    assert_eq!(t.rows.len(), 2);
    assert!(t.rows.iter().all(|r| r.len() == 14));
    assert_eq!(t.rows[0][2], Cell::Text("外部环境".into()));
    assert_eq!(t.rows[0][3], Cell::Bool(false));
    assert_eq!(t.rows[1][8], Cell::Text("提升 10.00%".into()));
    assert_eq!(t.rows[1][10], Cell::Money(995_739_825));
    assert_eq!(t.rows[1][11], Cell::Money(1_095_313_808));
    assert_eq!(t.rows[1][12], Cell::Money(953_679_674));
    assert_eq!(t.rows[1][13], Cell::Text("未达成".into()));
    let en = review_table(&get(&ws, id).unwrap(), crate::Lang::En);
    assert_eq!(en.rows[1][13], Cell::Text("Missed".into()));
}

fn report(h: [&str; 3], p: [&str; 2], r: &str) -> WeeklyInput {
    WeeklyInput {
        highlights: h.map(String::from),
        problems: p.map(String::from),
        request: r.into(),
    }
}

#[test]
fn the_weekly_3_2_1_report_needs_all_six_and_shows_who_is_missing() {
    let ws = demo::in_memory();
    let me = "/华东/华东一组/张三";
    let good = report(
        ["签下A类客户", "拜访 9 家", "回款 30 万"],
        ["报价审批慢", "样机不足"],
        "申请 2 台样机",
    );
    weekly::save(&ws, me, "2026-w42", &good).unwrap();
    let e = weekly::save(
        &ws,
        me,
        "2026-W42",
        &report(["a", "b", "c"], ["d", " "], "e"),
    )
    .unwrap_err();
    assert_eq!(e.code, "weekly_blank");
    assert_eq!(
        e.zh,
        "第 2 个问题为空：3-2-1 周报需要 3 个亮点、2 个问题、1 个求助"
    );
    assert_eq!(
        weekly::save(&ws, me, "2026-42", &good).unwrap_err().code,
        "weekly_bad_week"
    );
    assert_eq!(
        weekly::save(&ws, me, "2026-W54", &good).unwrap_err().code,
        "weekly_bad_week"
    );
    assert_eq!(
        weekly::save(&ws, "/华东/华东一组", "2026-W42", &good)
            .unwrap_err()
            .code,
        "weekly_not_person"
    );
    let w = weekly::week(&ws, "/华东/华东一组", "2026-W42").unwrap();
    assert_eq!(w.week, "2026-W42");
    assert_eq!(
        (w.start.to_string(), w.end.to_string()),
        ("2026-10-12".into(), "2026-10-18".into())
    );
    let n = w.rows.len();
    assert!(n > 1);
    assert_eq!((w.submitted, w.missing), (1, n - 1));
    let mine = w.rows.iter().find(|r| r.person == me).unwrap();
    let rep = mine.report.as_ref().unwrap();
    assert_eq!(
        rep.problems,
        ["报价审批慢".to_string(), "样机不足".to_string()]
    );
    assert_eq!(mine.team, "华东一组");
    // Saving again replaces the week's report.
    let mut better = good.clone();
    better.request = "申请 3 台样机".into();
    weekly::save(&ws, me, "2026-W42", &better).unwrap();
    let w = weekly::week(&ws, "/华东/华东一组", "2026-W42").unwrap();
    assert_eq!(w.submitted, 1);
    let t = weekly::week_table(&w, crate::Lang::Zh);
    assert_eq!(t.rows.len(), n);
    let row = t
        .rows
        .iter()
        .find(|r| r[2] == Cell::Text("张三".into()))
        .unwrap();
    assert_eq!(row[8], Cell::Text("申请 3 台样机".into()));
    let missing = t
        .rows
        .iter()
        .find(|r| r[2] != Cell::Text("张三".into()))
        .unwrap();
    assert_eq!(missing[3], Cell::Text("（未提交）".into()));
}

#[test]
fn the_pickers_offer_the_whole_organisation_in_tree_order() {
    let ws = demo::in_memory();
    let c = choices(&ws).unwrap();
    assert_eq!(
        c.units
            .iter()
            .take(3)
            .map(|u| (u.path.as_str(), u.depth))
            .collect::<Vec<_>>(),
        vec![("/", 0), ("/华东", 1), ("/华东/华东一组", 2)]
    );
    assert_eq!(c.units[3].depth, 3);
    assert_eq!(c.units[3].kind, "person");
    assert_eq!(c.periods.week, "2026-W42");
    assert_eq!(c.as_of.to_string(), "2026-10-15");
    assert!(c
        .members
        .iter()
        .any(|m| m.dim == "customer_type" && m.code == "A"));
    assert!(c.metrics.iter().any(|m| m.code == "conversion_rate"));
}

#[test]
fn the_root_causes_draw_as_a_fishbone_against_the_revenue_achievement() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    for (kind, category, controllable, text) in [
        (FindingKind::Cause, "market", false, "竞品降价抢单"),
        (FindingKind::Cause, "people", true, "新人培训不足"),
        (FindingKind::Success, "method", true, "直播带货"),
    ] {
        add_finding(
            &ws,
            id,
            &FindingInput {
                kind,
                category: category.into(),
                controllable,
                text: text.into(),
            },
        )
        .unwrap();
    }
    let r = get(&ws, id).unwrap();
    let zh = fishbone_data(&r, crate::Lang::Zh);
    // 995.74万 of 1,000万: 99.57%; only the root causes are bones' causes.
    assert_eq!(zh.effect, "营收达成 99.57%");
    assert_eq!(zh.title, "华东 · 2026-Q2 复盘：根本原因");
    assert_eq!(
        zh.causes
            .iter()
            .map(|c| (c.category.as_str(), c.text.as_str(), c.controllable))
            .collect::<Vec<_>>(),
        vec![
            ("market", "竞品降价抢单", false),
            ("people", "新人培训不足", true)
        ]
    );
    assert_eq!(
        fishbone_data(&r, crate::Lang::En).effect,
        "Revenue at 99.57% of target"
    );
    let (svg, hits) = fishbone_chart(&r, crate::Lang::Zh, crate::chart::Format::Svg).unwrap();
    assert_eq!(hits.len(), 6);
    assert!(String::from_utf8(svg).unwrap().contains("竞品降价抢单"));
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("鱼骨图.png");
    write_fishbone(&ws, id, crate::Lang::Zh, &png).unwrap();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // 960 CSS pixels drawn at 2×.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1920);
    let bad = write_fishbone(&ws, id, crate::Lang::Zh, &dir.path().join("x.jpg")).unwrap_err();
    assert_eq!(bad.code, "bad_chart_file");
}

/// Σ of a metric's amounts for one customer type under a path, in [from, to].
fn raw_sum_of_type(
    ws: &Workspace,
    metric: &str,
    node: &str,
    ty: &str,
    from: &str,
    to: &str,
) -> i64 {
    let eng = Engine::new(ws).unwrap();
    let people = eng.tree.people(eng.tree.resolve(node).unwrap().id);
    let list = people
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(",");
    ws.conn()
        .query_row(
            &format!(
                "SELECT COALESCE(SUM(amount), 0) FROM actual
                 WHERE metric_id = (SELECT id FROM metric WHERE code = ?1)
                   AND customer_type_id = (SELECT id FROM dimension_member WHERE dim = 'customer_type' AND code = ?2)
                   AND person_id IN ({list}) AND date BETWEEN ?3 AND ?4"
            ),
            rusqlite::params![metric, ty, from, to],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn seed_001_a_class_conversion_plus_ten_percent_within_three_months() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q3", "").unwrap();
    let mut c = check(
        "conversion_rate",
        "/华东",
        Threshold::Relative { change_bp: 1000 },
        "2026-Q4",
    );
    c.dimension = Some(DimensionRef {
        dim: "customer_type".into(),
        code: "A".into(),
    });
    let item = add_item(
        &ws,
        id,
        &improvement("A 类客户转化率 3 个月内提升 10%", Some(c)),
    )
    .unwrap();
    let v = verification(&ws, id, item);
    let conv = |from: &str, to: &str| {
        crate::ratio_bp(
            raw_sum_of_type(&ws, "new_customers", "/华东", "A", from, to) as i128,
            raw_sum_of_type(&ws, "leads", "/华东", "A", from, to) as i128,
        )
    };
    // Q3: the A-class leads of 华东 converted at 12.50%; 13.75% is required in Q4, which so far
    // (to 2026-10-15) runs at 33.33%.
    assert_eq!(v.baseline, Some(conv("2026-07-01", "2026-09-30")));
    assert_eq!(v.measured, Some(conv("2026-10-01", "2026-10-15")));
    assert_eq!(
        (v.baseline, v.required, v.measured, v.status, v.on_track),
        (
            Some(1250),
            Some(1375),
            Some(3333),
            VerifyStatus::InProgress,
            Some(true)
        )
    );
}

#[test]
fn an_improvement_joins_the_action_plan_once_under_its_review() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q3", "").unwrap();
    let item = add_item(
        &ws,
        id,
        &ItemInput {
            owner: Some("/华东/华东一组/张三".into()),
            due: Some(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            ..improvement(
                "建立行业案例库",
                Some(check(
                    "conversion_rate",
                    "/华东",
                    Threshold::Relative { change_bp: 1000 },
                    "2026-Q4",
                )),
            )
        },
    )
    .unwrap();
    let before = crate::plan::plan_view(&ws).unwrap().tasks.len();
    let action = add_to_plan(&ws, item, crate::Lang::Zh).unwrap();
    let view = crate::plan::plan_view(&ws).unwrap();
    assert_eq!(view.tasks.len(), before + 2);
    let t = view.tasks.iter().find(|t| t.id == action).unwrap();
    let parent_title = view
        .tasks
        .iter()
        .find(|p| Some(p.id) == t.parent_id)
        .map(|p| p.title.as_str());
    assert_eq!(parent_title, Some("华东 2026-Q3 复盘改进"));
    assert_eq!(t.title, "建立行业案例库");
    assert_eq!(t.owner_name, "张三");
    // From the as-of day to the due date.
    assert_eq!(
        (t.start.to_string(), t.finish.to_string()),
        ("2026-10-15".into(), "2026-12-31".into())
    );
    // A second time is refused; a second item joins the same objective.
    assert_eq!(
        add_to_plan(&ws, item, crate::Lang::Zh).unwrap_err().code,
        "review_in_plan"
    );
    let other = add_item(&ws, id, &improvement("周报 3-2-1 全员执行", None)).unwrap();
    add_to_plan(&ws, other, crate::Lang::Zh).unwrap();
    assert_eq!(crate::plan::plan_view(&ws).unwrap().tasks.len(), before + 3);
    assert_eq!(
        add_to_plan(&ws, 999, crate::Lang::Zh).unwrap_err().code,
        "review_entry_not_found"
    );
}

#[test]
fn windows_thresholds_and_keys_are_checked_and_written_one_way() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    let ten = Threshold::Relative { change_bp: 1000 };
    // The window must come after the reviewed period.
    for window in ["2026-Q2", "2026-06", "2026-H1"] {
        let e = add_item(
            &ws,
            id,
            &improvement("x", Some(check("revenue", "/华东", ten, window))),
        )
        .unwrap_err();
        assert_eq!(e.code, "review_window", "{window}");
    }
    let e = add_item(
        &ws,
        id,
        &improvement("x", Some(check("revenue", "/华东", ten, "2026-Q2"))),
    )
    .unwrap_err();
    assert_eq!(e.zh, "验证期 2026-Q2 应在复盘期间 2026-Q2 结束之后开始");
    // A lower-is-better metric cannot get 100% better.
    let e = add_item(
        &ws,
        id,
        &improvement(
            "x",
            Some(check(
                "complaint_rate",
                "/华东",
                Threshold::Relative { change_bp: 10_000 },
                "2026-Q3",
            )),
        ),
    )
    .unwrap_err();
    assert_eq!(e.code, "review_threshold");
    // Keys are written one way: "2026-q03" is 2026-Q3, "2026-w5" is 2026-W05.
    let item = add_item(
        &ws,
        id,
        &improvement("x", Some(check("revenue", "/华东", ten, "2026-q03"))),
    )
    .unwrap();
    assert_eq!(
        verification(&ws, id, item).window_start.to_string(),
        "2026-07-01"
    );
    let r = get(&ws, id).unwrap();
    assert_eq!(r.improvements[0].check.as_ref().unwrap().window, "2026-Q3");
    assert_eq!(
        create(&ws, "/华东", "2026-Q02", "").unwrap_err().code,
        "review_exists"
    );
    let good = report(["a", "b", "c"], ["d", "e"], "f");
    weekly::save(&ws, "/华东/华东一组/张三", "2026-w5", &good).unwrap();
    let w = weekly::week(&ws, "/华东/华东一组", "2026-W05").unwrap();
    assert_eq!((w.week.as_str(), w.submitted), ("2026-W05", 1));
}

#[test]
fn an_item_whose_check_cannot_be_read_any_more_says_so_and_the_review_still_opens() {
    let ws = demo::in_memory();
    let id = create(&ws, "/华东", "2026-Q2", "").unwrap();
    let mut c = check(
        "revenue",
        "/华东",
        Threshold::Relative { change_bp: 1000 },
        "2026-Q3",
    );
    c.dimension = Some(DimensionRef {
        dim: "channel".into(),
        code: "direct".into(),
    });
    add_item(&ws, id, &improvement("直销营收 +10%", Some(c))).unwrap();
    // The channel goes away (as when the import batch that made it is undone).
    ws.conn()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM dimension_member WHERE dim = 'channel' AND code = 'direct';
             PRAGMA foreign_keys = ON;",
        )
        .unwrap();
    let r = get(&ws, id).unwrap();
    let it = &r.improvements[0];
    assert!(it.verification.is_none());
    let why = it.unverifiable.as_ref().unwrap();
    assert!(why.zh.contains("direct"), "{}", why.zh);
}
