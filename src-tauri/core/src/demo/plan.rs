//! Seed 002's action table (目标-举措-责任人-时间节点-资源需求) as the demo's action plan, starting on
//! 2026-09-07 as week 1, with the dependencies a manager would draw between them and seed 000's
//! strategy-resource matching.

use crate::error::Result;
use crate::money::WAN;
use crate::plan::store::{insert_link, seed, write_action, ActionFields};
use crate::plan::LinkKind;
use rusqlite::Transaction;
use std::collections::HashMap;

/// One row of the action table.
struct Action {
    key: &'static str,
    parent: Option<&'static str>,
    objective: &'static str,
    title: &'static str,
    owner: Option<&'static str>,
    start: &'static str,
    finish: &'static str,
    /// Fen.
    budget: i64,
    resources: &'static str,
    /// Fen.
    contribution: i64,
    progress_bp: i64,
    status: &'static str,
    priority: &'static str,
    sort: i64,
}

const fn group(
    key: &'static str,
    objective: &'static str,
    start: &'static str,
    finish: &'static str,
    priority: &'static str,
    sort: i64,
) -> Action {
    Action {
        key,
        parent: None,
        objective,
        title: objective,
        owner: None,
        start,
        finish,
        budget: 0,
        resources: "",
        contribution: 0,
        progress_bp: 0,
        status: "active",
        priority,
        sort,
    }
}

const ACTIONS: [Action; 8] = [
    group(
        "acquire",
        "用户获取",
        "2026-09-07",
        "2026-10-16",
        "high",
        10,
    ),
    Action {
        key: "campaigns",
        parent: Some("acquire"),
        objective: "用户获取",
        title: "策划3场线上裂变活动",
        owner: Some("张三"),
        start: "2026-09-07",
        finish: "2026-10-02",
        budget: 5000 * 100,
        resources: "设计预算5000元",
        contribution: 300 * WAN,
        progress_bp: 7000,
        status: "active",
        priority: "high",
        sort: 11,
    },
    Action {
        key: "partners",
        parent: Some("acquire"),
        objective: "用户获取",
        title: "拓展5个渠道合作伙伴",
        owner: Some("李四"),
        start: "2026-09-14",
        finish: "2026-10-16",
        budget: 0,
        resources: "法务支持",
        contribution: 500 * WAN,
        progress_bp: 4000,
        status: "active",
        priority: "high",
        sort: 12,
    },
    group(
        "retain",
        "用户留存",
        "2026-09-21",
        "2026-12-31",
        "medium",
        20,
    ),
    Action {
        key: "onboarding",
        parent: Some("retain"),
        objective: "用户留存",
        title: "优化新人引导流程",
        owner: Some("王五"),
        start: "2026-09-21",
        finish: "2026-10-09",
        budget: 0,
        resources: "产品开发资源",
        contribution: 100 * WAN,
        progress_bp: 5000,
        status: "active",
        priority: "medium",
        sort: 21,
    },
    Action {
        key: "community",
        parent: Some("retain"),
        objective: "用户留存",
        title: "建立用户社群运营体系",
        owner: Some("赵六"),
        start: "2026-10-12",
        finish: "2026-12-31",
        budget: 0,
        resources: "客服人力",
        contribution: 200 * WAN,
        progress_bp: 1000,
        status: "active",
        priority: "medium",
        sort: 22,
    },
    Action {
        key: "festival",
        parent: Some("acquire"),
        objective: "用户获取",
        title: "Q4 节日促销活动",
        owner: Some("陈静"),
        start: "2026-10-19",
        finish: "2026-11-30",
        budget: 80_000 * 100,
        resources: "促销预算8万元",
        contribution: 800 * WAN,
        progress_bp: 0,
        status: "planned",
        priority: "high",
        sort: 13,
    },
    Action {
        key: "review",
        parent: Some("retain"),
        objective: "用户留存",
        title: "里程碑：Q4 中期复盘",
        owner: Some("刘洋"),
        start: "2026-11-16",
        finish: "2026-11-16",
        budget: 0,
        resources: "",
        contribution: 0,
        progress_bp: 0,
        status: "planned",
        priority: "medium",
        sort: 23,
    },
];

/// (predecessor, successor, kind, lag in days).
const DEPENDENCIES: [(&str, &str, LinkKind, i64); 5] = [
    ("campaigns", "partners", LinkKind::SS, 5),
    ("onboarding", "community", LinkKind::FS, 0),
    ("campaigns", "festival", LinkKind::FS, 5),
    ("partners", "festival", LinkKind::FS, 0),
    ("festival", "review", LinkKind::SS, 20),
];

/// (action, strategy, headcount): who carries each strategy.
const STRATEGY_OF: [(&str, &str, i64); 5] = [
    ("campaigns", "新渠道试点", 2),
    ("partners", "新渠道试点", 1),
    ("festival", "高潜力客户深耕", 4),
    ("onboarding", "高潜力客户深耕", 3),
    ("community", "高潜力客户深耕", 2),
];

/// Writes the action plan under the company's 2026 target.
pub(super) fn write_plan(tx: &Transaction) -> Result<()> {
    let company_target = crate::targets::store::seed::company_target(tx, "2026")?;
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for a in &ACTIONS {
        let owner_id: Option<i64> = match a.owner {
            Some(name) => Some(crate::store::seed::person_named(tx, name)?),
            None => None,
        };
        let id = write_action(
            tx,
            None,
            &ActionFields {
                parent_id: a.parent.map(|p| ids[p]),
                target_id: Some(company_target),
                objective: a.objective,
                title: a.title,
                owner_id,
                owner_name: a.owner.unwrap_or(""),
                start: a.start,
                finish: a.finish,
                milestone: a.start == a.finish,
                progress_bp: a.progress_bp,
                priority: a.priority,
                status: a.status,
                budget: a.budget,
                resources: a.resources,
                expected_contribution: a.contribution,
                sort: a.sort,
                ..ActionFields::default()
            },
        )?;
        ids.insert(a.key, id);
    }
    for (pred, succ, kind, lag) in DEPENDENCIES {
        insert_link(tx, ids[pred], ids[succ], kind, lag)?;
    }
    // The strategy-resource matching table (seed 000): 80% of the year's 10万 market budget to
    // high-potential customers, 20% to trials; who carries each strategy, with which tools.
    seed::plan_budget(tx, 2026, 10_000_000)?;
    seed::strategy_resources(
        tx,
        "高潜力客户深耕",
        ("市场部", "CRM 系统、行业峰会赞助、个性化内容营销"),
        8000,
    )?;
    seed::strategy_resources(
        tx,
        "新渠道试点",
        ("渠道部", "短视频广告、电子签约系统"),
        2000,
    )?;
    for (action, strategy, headcount) in STRATEGY_OF {
        seed::action_strategy(tx, ids[action], strategy, headcount)?;
    }
    Ok(())
}
