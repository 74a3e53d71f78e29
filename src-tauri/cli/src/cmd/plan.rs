//! `plan` subcommands: the schedule of a workspace's plan, of a plan given as JSON on stdin, and
//! the scheduling benchmark.

use super::args::{PlanArgs, TasksArgs};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::time::Instant;
use targetline_core::calendar::WorkCalendar;
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::money::format_yuan;
use targetline_core::plan::{schedule, Link, LinkKind, Network, Task};
use targetline_core::store::Workspace;

/// `plan --db FILE --schedule|--coverage|--resources` or `plan --schedule < plan.json`.
pub fn plan(args: &PlanArgs, stdin: &mut dyn Read) -> Result<Value> {
    let PlanArgs {
        db,
        schedule,
        coverage,
        resources,
        synthesize,
    } = args;
    if let (Some(db), Some(n)) = (db, *synthesize) {
        let ws = Workspace::open_existing(db)?;
        let links = targetline_core::demo::synthetic::write_synthetic_plan(&ws, n, 7)?;
        return Ok(json!({ "tasks": n, "links": links }));
    }
    match (db, schedule, coverage, resources) {
        (Some(db), true, false, false) => workspace_schedule(db),
        (Some(db), false, true, false) => workspace_coverage(db),
        (Some(db), false, false, true) => workspace_resources(db),
        (None, true, false, false) => {
            let mut text = String::new();
            stdin.read_to_string(&mut text)?;
            json_schedule(&text)
        }
        _ => Err(super::usage_error(
            "plan takes one of --schedule, --coverage, --resources (the last two with --db)",
        )),
    }
}

fn workspace_schedule(db: &std::path::Path) -> Result<Value> {
    let ws = Workspace::open_existing(db)?;
    let v = targetline_core::plan::plan_view(&ws)?;
    let tasks: Vec<Value> = v
        .tasks
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "parentId": t.parent_id,
                "title": t.title,
                "summary": t.summary,
                "milestone": t.milestone,
                "start": t.start.to_string(),
                "finish": t.finish.to_string(),
                "totalFloat": t.total_float,
                "critical": t.critical,
            })
        })
        .collect();
    Ok(json!({ "tasks": tasks, "finish": v.finish.map(|d| d.to_string()) }))
}

/// Money of a currency metric as a yuan string; counts as numbers.
fn amount(unit: &str, value: i64) -> Value {
    if unit == "currency" {
        Value::from(format_yuan(value))
    } else {
        Value::from(value)
    }
}

fn workspace_coverage(db: &std::path::Path) -> Result<Value> {
    let ws = Workspace::open_existing(db)?;
    let r = targetline_core::plan::gap_coverage(&ws)?;
    let row = |c: &targetline_core::plan::TargetCoverage| {
        json!({
            "targetId": c.target_id,
            "metricCode": c.metric_code,
            "orgUnitName": c.org_unit_name,
            "orgKind": c.org_kind,
            "period": c.period,
            "base": amount(&c.unit, c.base),
            "actualToDate": amount(&c.unit, c.actual_to_date),
            "remainingGap": amount(&c.unit, c.remaining_gap),
            "expectedContribution": amount(&c.unit, c.expected_contribution),
            "coverageBp": c.coverage_bp,
            "uncovered": amount(&c.unit, c.uncovered),
            "actionCount": c.action_count,
            "openActionCount": c.open_action_count,
        })
    };
    Ok(json!({
        "asOf": r.as_of.to_string(),
        "targets": r.targets.iter().map(row).collect::<Vec<_>>(),
        "unplanned": r.unplanned.iter().map(row).collect::<Vec<_>>(),
    }))
}

fn workspace_resources(db: &std::path::Path) -> Result<Value> {
    let ws = Workspace::open_existing(db)?;
    let t = targetline_core::plan::resource_table(&ws, None)?;
    let rows: Vec<Value> = t
        .rows
        .iter()
        .map(|r| {
            json!({
                "strategyId": r.strategy_id,
                "title": r.title,
                "department": r.department,
                "tools": r.tools,
                "headcount": r.headcount,
                "budget": format_yuan(r.budget),
                "shareBp": r.share_bp,
                "allocated": r.allocated.map(format_yuan),
                "overAllocated": r.over_allocated.map(format_yuan),
                "start": r.start.map(|d| d.to_string()),
                "finish": r.finish.map(|d| d.to_string()),
                "nodes": r.nodes.iter().map(|n| json!({
                    "actionId": n.action_id,
                    "title": n.title,
                    "ownerName": n.owner_name,
                    "start": n.start.to_string(),
                    "finish": n.finish.to_string(),
                    "milestone": n.milestone,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({
        "fiscalYear": t.fiscal_year,
        "availableBudget": format_yuan(t.available_budget),
        "totalBudget": format_yuan(t.total_budget),
        "totalHeadcount": t.total_headcount,
        "remainingBudget": format_yuan(t.remaining_budget),
        "unallocated": format_yuan(t.unallocated),
        "rows": rows,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanInput {
    start: String,
    #[serde(default)]
    calendar: Option<String>,
    tasks: Vec<TaskInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskInput {
    id: String,
    duration: i64,
    /// Optional "start no earlier than".
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    deps: Vec<DepInput>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DepInput {
    on: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    lag: i64,
}

fn bad_input(zh: String, en: String) -> Error {
    Error::new(Code::BadPlanJson, zh, en)
}

fn input_date(text: &str, what_zh: &str, what_en: &str) -> Result<NaiveDate> {
    targetline_core::plan::store::parse_date(text).ok_or_else(|| {
        bad_input(
            format!("{what_zh}的日期“{text}”无效，应为 YYYY-MM-DD"),
            format!("Invalid date \"{text}\" for {what_en}: expected YYYY-MM-DD"),
        )
    })
}

/// Reads the calendar name used by plan files and the CLI.
pub fn calendar_named(name: &str) -> Result<WorkCalendar> {
    match name {
        "weekdays" => Ok(WorkCalendar::weekdays()),
        "all-days" => Ok(WorkCalendar::all_days()),
        "cn" => Ok(WorkCalendar::cn()),
        other => Err(bad_input(
            format!("未知日历“{other}”：应为 weekdays、all-days 或 cn"),
            format!("Unknown calendar \"{other}\": expected weekdays, all-days or cn"),
        )),
    }
}

fn json_schedule(text: &str) -> Result<Value> {
    let input: PlanInput = serde_json::from_str(text).map_err(|e| {
        bad_input(
            format!(
                "计划 JSON 无效（第 {} 行第 {} 列）：{e}",
                e.line(),
                e.column()
            ),
            format!(
                "Invalid plan JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let start = input_date(&input.start, "计划开始", "the plan start")?;
    let cal = calendar_named(input.calendar.as_deref().unwrap_or("weekdays"))?;
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut net = Network::default();
    for (i, t) in input.tasks.iter().enumerate() {
        if index.insert(t.id.as_str(), i).is_some() {
            return Err(bad_input(
                format!("任务编号“{}”重复", t.id),
                format!("Task id \"{}\" appears twice", t.id),
            ));
        }
        let not_before = match &t.start {
            Some(s) => Some(input_date(
                s,
                &format!("任务“{}”", t.id),
                &format!("task \"{}\"", t.id),
            )?),
            None => None,
        };
        net.tasks.push(Task {
            name: t.id.clone(),
            duration: t.duration,
            not_before,
        });
    }
    for (succ, t) in input.tasks.iter().enumerate() {
        for dep in &t.deps {
            let pred = *index.get(dep.on.as_str()).ok_or_else(|| {
                bad_input(
                    format!("任务“{}”依赖的任务“{}”不存在", t.id, dep.on),
                    format!(
                        "Task \"{}\" depends on \"{}\", which does not exist",
                        t.id, dep.on
                    ),
                )
            })?;
            let kind = match dep.kind.as_deref() {
                None => LinkKind::FS,
                Some(k) => {
                    LinkKind::parse(k).ok_or_else(|| targetline_core::plan::store::bad_kind(k))?
                }
            };
            net.links.push(Link {
                pred,
                succ,
                kind,
                lag: dep.lag,
            });
        }
    }
    let s = schedule(&net, &cal, start)?;
    let tasks: Vec<Value> = input
        .tasks
        .iter()
        .zip(&s.tasks)
        .map(|(t, times)| {
            json!({
                "id": t.id,
                "start": times.start.to_string(),
                "finish": times.finish.to_string(),
                "totalFloat": times.total_float,
                "critical": times.critical,
            })
        })
        .collect();
    Ok(json!({ "tasks": tasks, "finish": s.finish.map(|d| d.to_string()) }))
}

/// A deterministic plan of `n` tasks: each after one or two of the 50 tasks before it, with
/// mixed link kinds and lags, durations of 0 (milestones) to 15 working days.
pub fn bench_network(n: usize) -> Network {
    let mut rng = targetline_core::demo::rng::Rng::new(20_260_302);
    let mut net = Network::default();
    for i in 0..n {
        let duration = if rng.range(0, 19) == 0 {
            0
        } else {
            rng.range(1, 15)
        };
        net.tasks.push(Task {
            name: format!("T{i}"),
            duration,
            not_before: None,
        });
        if i == 0 {
            continue;
        }
        let count = rng.range(1, 2);
        let mut first = usize::MAX;
        for _ in 0..count {
            let pred = i - 1 - rng.range(0, (i as i64 - 1).min(49)) as usize;
            if pred == first {
                continue;
            }
            first = pred;
            net.links.push(Link {
                pred,
                succ: i,
                kind: LinkKind::ALL[rng.weighted(&[70, 15, 10, 5])],
                lag: rng.range(-2, 5),
            });
        }
    }
    net
}

/// `bench plan [--tasks N]`: schedules (forward pass, backward pass, dates) on the China calendar.
pub fn bench_plan(args: &TasksArgs, out: &mut dyn Write) -> Result<Value> {
    let n = args.tasks.unwrap_or(10_000);
    let net = bench_network(n);
    let cal = WorkCalendar::cn();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date");
    let mut times_ms = Vec::new();
    let mut last = None;
    for _ in 0..21 {
        let t0 = Instant::now();
        let s = schedule(&net, &cal, start)?;
        times_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        last = Some(s);
    }
    times_ms.sort_by(f64::total_cmp);
    let median = times_ms[times_ms.len() / 2];
    let s = last.expect("ran at least once");
    let critical = s.tasks.iter().filter(|t| t.critical).count();
    writeln!(out, "plan: {n} tasks, {} links", net.links.len())?;
    writeln!(
        out,
        "schedule (forward + backward pass + dates, cn calendar): min {:.3} ms, median {median:.3} ms, max {:.3} ms over {} runs",
        times_ms[0],
        times_ms[times_ms.len() - 1],
        times_ms.len()
    )?;
    writeln!(
        out,
        "project finish {}, {critical} critical tasks",
        s.finish.map(|d| d.to_string()).unwrap_or_default()
    )?;
    Ok(json!({
        "bench": "plan",
        "tasks": n,
        "links": net.links.len(),
        "scheduleMs": (median * 1000.0).round() / 1000.0,
    }))
}

#[cfg(test)]
mod tests;
