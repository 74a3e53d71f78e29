use crate::cmd::run_json_with as run_json;
use serde_json::{json, Value};

/// Weekdays from Monday 03-02 (working day 0). A 0..2; B FS after A: 3..4; C SS+1 after A: day 1;
/// M (milestone) FS after B -> day 5 = Monday 03-09, and FF+2 after C only asks for day 4.
/// Backward from F = 5: C's finish point may be as late as 5 − 2 = 3 (last day Wednesday 03-04)
/// against 2: float 1; the rest 0.
#[test]
fn schedules_a_json_plan_from_stdin() {
    let plan = r#"{"start":"2026-03-02","calendar":"weekdays","tasks":[
        {"id":"A","duration":3},
        {"id":"B","duration":2,"deps":[{"on":"A","type":"FS","lag":0}]},
        {"id":"C","duration":1,"deps":[{"on":"A","type":"SS","lag":1}]},
        {"id":"M","duration":0,"deps":[{"on":"B"},{"on":"C","type":"FF","lag":2}]}]}"#;
    let v = run_json(&["plan", "--schedule"], plan).unwrap();
    assert_eq!(
        v,
        json!({"tasks":[
            {"id":"A","start":"2026-03-02","finish":"2026-03-04","totalFloat":0,"critical":true},
            {"id":"B","start":"2026-03-05","finish":"2026-03-06","totalFloat":0,"critical":true},
            {"id":"C","start":"2026-03-03","finish":"2026-03-03","totalFloat":1,"critical":false},
            {"id":"M","start":"2026-03-09","finish":"2026-03-09","totalFloat":0,"critical":true}],
            "finish":"2026-03-09"})
    );
}

/// China calendar: prep 09-28..09-30; launch FS −1 starts on prep's last day and its second day
/// is 10-08, after National Day. On the all-days calendar, B SF+3 after A (10-01..10-02) must
/// finish by the end of day 3 after A's start: it runs on 10-03.
#[test]
fn json_plans_use_the_named_calendar() {
    let cn = r#"{"start":"2026-09-28","calendar":"cn","tasks":[
        {"id":"prep","duration":3},
        {"id":"launch","duration":2,"deps":[{"on":"prep","type":"FS","lag":-1}]}]}"#;
    assert_eq!(
        run_json(&["plan", "--schedule"], cn).unwrap(),
        json!({"tasks":[
            {"id":"prep","start":"2026-09-28","finish":"2026-09-30","totalFloat":0,"critical":true},
            {"id":"launch","start":"2026-09-30","finish":"2026-10-08","totalFloat":0,"critical":true}],
            "finish":"2026-10-08"})
    );
    let all = r#"{"start":"2026-10-01","calendar":"all-days","tasks":[
        {"id":"A","duration":2},
        {"id":"B","duration":1,"deps":[{"on":"A","type":"SF","lag":3}]}]}"#;
    assert_eq!(
        run_json(&["plan", "--schedule"], all).unwrap(),
        json!({"tasks":[
            {"id":"A","start":"2026-10-01","finish":"2026-10-02","totalFloat":0,"critical":true},
            {"id":"B","start":"2026-10-03","finish":"2026-10-03","totalFloat":0,"critical":true}],
            "finish":"2026-10-03"})
    );
}

#[test]
fn a_cycle_and_bad_input_are_errors() {
    let cycle = r#"{"start":"2026-03-02","tasks":[
        {"id":"A","duration":1,"deps":[{"on":"C"}]},
        {"id":"B","duration":1,"deps":[{"on":"A"}]},
        {"id":"C","duration":1,"deps":[{"on":"B","type":"SS","lag":2}]}]}"#;
    let e = run_json(&["plan", "--schedule"], cycle).unwrap_err();
    assert_eq!(e.code, "plan_cycle");
    assert_eq!(
        e.to_dto(targetline_core::Lang::En).message,
        "The dependencies form a cycle: A → B → C → A. Remove one of these links."
    );
    assert_eq!(
        e.to_dto(targetline_core::Lang::Zh).message,
        "依赖关系形成循环：A → B → C → A。请删除其中一条依赖。"
    );
    let cases = [
        (
            r#"{"start":"2026-03-02","tasks":[{"id":"A","duration":1,"deps":[{"on":"Z"}]}]}"#,
            "bad_plan_json",
            "\"Z\"",
        ),
        (
            r#"{"start":"2026-03-02","tasks":[{"id":"A","duration":1},{"id":"A","duration":2}]}"#,
            "bad_plan_json",
            "twice",
        ),
        (
            r#"{"start":"2026-03-02","tasks":[{"id":"A","duration":1},{"id":"B","duration":1,"deps":[{"on":"A","type":"XX"}]}]}"#,
            "bad_link_kind",
            "XX",
        ),
        (
            r#"{"start":"2026-02-30","tasks":[]}"#,
            "bad_plan_json",
            "2026-02-30",
        ),
        (
            r#"{"start":"2026-03-02","calendar":"moon","tasks":[]}"#,
            "bad_plan_json",
            "moon",
        ),
        (
            r#"{"start":"2026-03-02","tasks":[{"id":"A","duration":-2}]}"#,
            "bad_duration",
            "\"A\"",
        ),
        (
            r#"{"start":"2026-03-02","tasks":[{"id":"A"}]}"#,
            "bad_plan_json",
            "line 1",
        ),
    ];
    for (input, code, mention) in cases {
        let e = run_json(&["plan", "--schedule"], input).unwrap_err();
        assert_eq!(e.code, code, "{input}");
        assert!(e.en.contains(mention), "{}", e.en);
    }
    assert_eq!(run_json(&["plan"], "").unwrap_err().code, "usage");
}

#[test]
fn schedules_the_demo_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.targetline");
    let db = db.to_str().unwrap();
    run_json(&["demo", "--db", db], "").unwrap();
    let v = run_json(&["plan", "--db", db, "--schedule"], "").unwrap();
    let t = |id: i64,
             parent: Option<i64>,
             title: &str,
             summary: bool,
             milestone: bool,
             start: &str,
             finish: &str,
             float: i64| {
        json!({"id": id, "parentId": parent, "title": title, "summary": summary, "milestone": milestone,
               "start": start, "finish": finish, "totalFloat": float, "critical": float == 0})
    };
    assert_eq!(
        v,
        json!({"tasks": [
            t(1, None, "用户获取", true, false, "2026-09-07", "2026-11-30", 23),
            t(2, Some(1), "策划3场线上裂变活动", false, false, "2026-09-07", "2026-09-30", 23),
            t(3, Some(1), "拓展5个渠道合作伙伴", false, false, "2026-09-14", "2026-10-16", 23),
            t(7, Some(1), "Q4 节日促销活动", false, false, "2026-10-19", "2026-11-30", 23),
            t(4, None, "用户留存", true, false, "2026-09-21", "2026-12-31", 0),
            t(5, Some(4), "优化新人引导流程", false, false, "2026-09-21", "2026-10-09", 1),
            t(6, Some(4), "建立用户社群运营体系", false, false, "2026-10-12", "2026-12-31", 0),
            t(8, Some(4), "里程碑：Q4 中期复盘", false, true, "2026-11-16", "2026-11-16", 34),
        ], "finish": "2026-12-31"})
    );
}

#[test]
fn bench_prints_figures_and_a_json_last_line() {
    let text = crate::cmd::run_text(&["bench", "plan", "--tasks", "300"], "").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let links = super::bench_network(300).links.len();
    assert_eq!(lines[0], format!("plan: 300 tasks, {links} links"));
    let last: Value = serde_json::from_str(lines.last().unwrap()).unwrap();
    assert_eq!(
        (last["bench"].as_str(), last["tasks"].as_i64()),
        (Some("plan"), Some(300))
    );
    assert_eq!(last["links"].as_u64(), Some(links as u64));
    assert!(last["scheduleMs"].as_f64().unwrap() >= 0.0);
}

#[test]
fn coverage_and_resources_of_the_demo_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.targetline");
    let db = db.to_str().unwrap();
    run_json(&["demo", "--db", db], "").unwrap();
    let actual: i64 = targetline_core::store::Workspace::open_existing(std::path::Path::new(db))
        .unwrap()
        .conn()
        .query_row(
            "SELECT SUM(amount) FROM actual WHERE date <= '2026-10-15' AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let gap = targetline_core::money::YI - actual;
    let open = 1900 * targetline_core::money::WAN;
    let v = run_json(&["plan", "--db", db, "--coverage"], "").unwrap();
    assert_eq!(v["asOf"], "2026-10-15");
    assert_eq!(
        v["targets"][0],
        json!({"targetId": 1, "metricCode": "revenue", "orgUnitName": "星辰智能科技", "orgKind": "company",
               "period": "2026", "base": "100000000.00",
               "actualToDate": targetline_core::money::format_yuan(actual),
               "remainingGap": targetline_core::money::format_yuan(gap),
               "expectedContribution": "19000000.00",
               "coverageBp": targetline_core::ratio_bp(open as i128, gap as i128),
               "uncovered": targetline_core::money::format_yuan((gap - open).max(0)),
               "actionCount": 8, "openActionCount": 8})
    );
    let unplanned = v["unplanned"].as_array().unwrap();
    let revenue = unplanned.iter().filter(|u| u["metricCode"] == "revenue");
    assert_eq!((revenue.count(), unplanned.len()), (9, 9 + 4 * 10));
    let v = run_json(&["plan", "--db", db, "--resources"], "").unwrap();
    assert_eq!(
        (
            &v["availableBudget"],
            &v["totalBudget"],
            &v["remainingBudget"],
            &v["totalHeadcount"]
        ),
        (
            &json!("100000.00"),
            &json!("85000.00"),
            &json!("15000.00"),
            &json!(12)
        )
    );
    assert_eq!(
        v["rows"][1],
        json!({"strategyId": 2, "title": "新渠道试点", "department": "渠道部", "tools": "短视频广告、电子签约系统",
               "headcount": 3, "budget": "5000.00", "shareBp": 2000, "allocated": "20000.00",
               "overAllocated": "-15000.00", "start": "2026-09-07", "finish": "2026-10-16",
               "nodes": [
                 {"actionId": 2, "title": "策划3场线上裂变活动", "ownerName": "张三", "start": "2026-09-07",
                  "finish": "2026-09-30", "milestone": false},
                 {"actionId": 3, "title": "拓展5个渠道合作伙伴", "ownerName": "李四", "start": "2026-09-14",
                  "finish": "2026-10-16", "milestone": false}]})
    );
    assert_eq!(
        run_json(&["plan", "--coverage"], "").unwrap_err().code,
        "usage"
    );
}
