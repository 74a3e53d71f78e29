//! The metrics catalog edited by hand (Settings → Metrics, the assistant's "metrics to track"
//! step, `targetline-cli metric`): add, edit, retire and restore a metric, and delete one that
//! nothing uses. Every change is checked first and refused with a message in both languages;
//! deleting a metric in use says where it is used (`metric_usage`) so it can be retired instead.

use super::metric_usage;
use super::store::metrics::{self as store, MetricRow};
pub use super::store::metrics::{MetricEntry, MetricPart, MetricSpec};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::Connection;

pub const UNITS: [&str; 4] = ["currency", "count", "percent", "ratio"];
pub const DIRECTIONS: [&str; 2] = ["higher", "lower"];
pub const KINDS: [&str; 4] = ["lagging", "leading", "risk", "health"];
pub const HORIZONS: [&str; 2] = ["short", "long"];
pub const AGGREGATIONS: [&str; 4] = ["sum", "average", "last", "ratio"];

/// The workspace's main metric: the dashboard, commission and the plans read it.
const MAIN: &str = "revenue";

fn bad(code: Code, zh: String, en: String) -> Error {
    Error::new(code, zh, en)
}

/// The metric named `key`: its code, or its Chinese or English name.
pub(crate) fn find(conn: &Connection, key: &str) -> Result<(i64, String)> {
    let key = key.trim();
    store::find(conn, key)?.ok_or_else(|| {
        bad(
            Code::MetricUnknown,
            format!("没有指标“{key}”"),
            format!("There is no metric \"{key}\""),
        )
    })
}

/// Every metric in catalog order; retired ones only when asked for.
pub fn list(ws: &Workspace, with_retired: bool) -> Result<Vec<MetricEntry>> {
    let conn = ws.conn();
    let usage = metric_usage::all(ws)?;
    let mut out = store::list(conn, with_retired)?;
    for m in &mut out {
        m.usage = usage.get(&m.code).cloned().unwrap_or_default();
    }
    Ok(out)
}

fn one_of(field: (&str, &str), value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(bad(
        Code::MetricBadField,
        format!("{}“{value}”无效：应为 {}", field.0, allowed.join("、")),
        format!(
            "Invalid {} \"{value}\": expected {}",
            field.1,
            allowed.join(", ")
        ),
    ))
}

fn check_name(conn: &Connection, spec: &MetricSpec, except: Option<i64>) -> Result<()> {
    for name in [&spec.name_zh, &spec.name_en] {
        let n = name.trim();
        if n.is_empty() || n.chars().count() > 60 {
            return Err(bad(
                Code::MetricNameInvalid,
                "指标的中文名和英文名都要填写，且不超过 60 个字".into(),
                "A metric needs a Chinese and an English name of at most 60 characters".into(),
            ));
        }
        let taken = store::name_taken(conn, n, except)?;
        if taken.is_some() {
            return Err(bad(
                Code::MetricNameTaken,
                format!("已有名为“{n}”的指标：请换一个名称"),
                format!("A metric named \"{n}\" already exists: choose another name"),
            ));
        }
    }
    Ok(())
}

/// The ratio's components (ids), checked: both named, known, summed and neither the ratio itself.
fn components(
    conn: &Connection,
    spec: &MetricSpec,
    own: Option<i64>,
) -> Result<(Option<i64>, Option<i64>)> {
    if spec.aggregation != "ratio" {
        return Ok((None, None));
    }
    let (Some(num), Some(den)) = (
        spec.numerator.as_deref().filter(|s| !s.trim().is_empty()),
        spec.denominator.as_deref().filter(|s| !s.trim().is_empty()),
    ) else {
        return Err(bad(
            Code::MetricRatioIncomplete,
            "比率指标要选择分子和分母两个指标".into(),
            "A ratio metric needs a numerator and a denominator metric".into(),
        ));
    };
    let (n, _) = find(conn, num)?;
    let (d, _) = find(conn, den)?;
    if own.is_some_and(|o| o == n || o == d) || [num, den].contains(&spec.name_zh.trim()) {
        return Err(bad(
            Code::MetricRatioSelf,
            "比率指标不能以它自己作分子或分母".into(),
            "A ratio cannot use itself as its numerator or denominator".into(),
        ));
    }
    if n == d {
        return Err(bad(
            Code::MetricRatioSame,
            "分子和分母不能是同一个指标".into(),
            "The numerator and the denominator must be two different metrics".into(),
        ));
    }
    // A retired metric is not chosen anew; a ratio that already divides by it keeps it.
    let current = match own {
        Some(o) => store::parts(conn, o)?,
        None => (None, None),
    };
    for (id, key) in [(n, num), (d, den)] {
        let (agg, retired) = store::aggregation_retired(conn, id)?;
        if retired && current.0 != Some(id) && current.1 != Some(id) {
            return Err(bad(
                Code::MetricRatioRetired,
                format!("“{key}”已停用，不能作为比率的分子或分母；请先恢复它"),
                format!("\"{key}\" is retired and cannot be a ratio's numerator or denominator; restore it first"),
            ));
        }
        if agg != "sum" {
            return Err(bad(
                Code::MetricRatioComponent,
                format!("“{key}”不是累加型指标，不能作为比率的分子或分母"),
                format!("\"{key}\" is not summed and cannot be a ratio's numerator or denominator"),
            ));
        }
    }
    Ok((Some(n), Some(d)))
}

fn check(
    conn: &Connection,
    spec: &MetricSpec,
    own: Option<i64>,
) -> Result<(Option<i64>, Option<i64>)> {
    check_name(conn, spec, own)?;
    one_of(("单位", "unit"), &spec.unit, &UNITS)?;
    one_of(("方向", "direction"), &spec.direction, &DIRECTIONS)?;
    one_of(("类型", "kind"), &spec.kind, &KINDS)?;
    one_of(("周期", "horizon"), &spec.horizon, &HORIZONS)?;
    one_of(
        ("汇总方式", "aggregation"),
        &spec.aggregation,
        &AGGREGATIONS,
    )?;
    if !(-10_000..=0).contains(&spec.alert_threshold_bp) {
        return Err(bad(
            Code::MetricBadThreshold,
            "预警阈值应在 -100% 到 0% 之间（进度偏差低于它时预警）".into(),
            "The alert threshold must be between -100% and 0% (pace variance below it alerts)"
                .into(),
        ));
    }
    components(conn, spec, own)
}

/// A code from the English name (`Average deal size` → `average_deal_size`), made unique.
fn new_code(conn: &Connection, name_en: &str) -> Result<String> {
    let mut base: String = name_en
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    base = base
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if base.is_empty() {
        base = "metric".into();
    }
    let mut code = base.clone();
    let mut n = 2;
    while store::code_exists(conn, &code)? {
        code = format!("{base}_{n}");
        n += 1;
    }
    Ok(code)
}

/// Adds a metric; returns its code.
pub fn add(ws: &Workspace, spec: &MetricSpec) -> Result<String> {
    let conn = ws.conn();
    let (num, den) = check(conn, spec, None)?;
    let code = new_code(conn, &spec.name_en)?;
    store::write(conn, MetricRow::New(&code), spec, (num, den))?;
    Ok(code)
}

/// Changes a metric. Its unit and aggregation stay while targets or actuals hold values in them
/// (fen would be read as basis points, sums as levels).
pub fn edit(ws: &Workspace, key: &str, spec: &MetricSpec) -> Result<String> {
    let conn = ws.conn();
    let (id, code) = find(conn, key)?;
    let (num, den) = check(conn, spec, Some(id))?;
    let (unit, aggregation) = store::unit_aggregation(conn, id)?;
    let used = metric_usage::of(ws, id)?;
    if (unit != spec.unit || aggregation != spec.aggregation) && used.targets + used.actuals > 0 {
        return Err(bad(
            Code::MetricUnitInUse,
            format!(
                "“{}”已有 {} 个目标和 {} 条实际数据：不能再改它的单位或汇总方式",
                spec.name_zh, used.targets, used.actuals
            ),
            format!(
                "\"{}\" already has {} targets and {} actuals: its unit and aggregation cannot change",
                spec.name_en, used.targets, used.actuals
            ),
        ));
    }
    store::write(conn, MetricRow::Existing(id), spec, (num, den))?;
    Ok(code)
}

fn not_main(code: &str) -> Result<()> {
    if code != MAIN {
        return Ok(());
    }
    Err(bad(
        Code::MetricMain,
        "销售额是工作区的主指标（仪表盘、提成和年度方案都用它），不能停用或删除".into(),
        "Revenue is the workspace's main metric (the dashboard, commission and year plans read it): it cannot be retired or deleted".into(),
    ))
}

/// Retires a metric (kept with its history, hidden by default); `restore` brings it back.
pub fn retire(ws: &Workspace, key: &str, restore: bool) -> Result<String> {
    let conn = ws.conn();
    let (id, code) = find(conn, key)?;
    if !restore {
        not_main(&code)?;
        crate::evaluation::defaults::keep_current(ws)?;
    }
    store::retire(conn, id, restore, &crate::now_stamp())?;
    Ok(code)
}

/// Deletes a metric nothing uses. One in use is refused with where it is used (error
/// `metric_in_use`): retire it instead.
pub fn delete(ws: &Workspace, key: &str) -> Result<()> {
    let conn = ws.conn();
    let (id, code) = find(conn, key)?;
    not_main(&code)?;
    let used = metric_usage::of(ws, id)?;
    if !used.is_empty() {
        let (zh, en) = used.describe();
        let name = store::names(conn, id)?;
        return Err(bad(
            Code::MetricInUse,
            format!("指标“{}”正在使用：{zh}。不能删除，可以改为停用。", name.0),
            format!(
                "The metric \"{}\" is in use: {en}. It cannot be deleted; retire it instead.",
                name.1
            ),
        ));
    }
    atomic(conn, || store::delete(conn, id))
}

/// The assistant's "metrics to track": the chosen ones (with revenue, and the components of
/// the chosen ratios) stay, the others are retired. Returns the codes kept.
pub fn track(ws: &Workspace, codes: &[String]) -> Result<Vec<String>> {
    let conn = ws.conn();
    let mut keep: Vec<String> = vec![MAIN.to_string()];
    for key in codes {
        let (id, code) = find(conn, key)?;
        keep.push(code);
        let parts = store::part_codes(conn, id)?;
        keep.extend(parts.0);
        keep.extend(parts.1);
    }
    keep.sort();
    keep.dedup();
    let stamp = crate::now_stamp();
    atomic(conn, || {
        let all = store::codes(conn)?;
        for code in all {
            let kept = keep.contains(&code);
            store::keep_or_retire(conn, &code, kept, &stamp)?;
        }
        Ok(())
    })?;
    Ok(keep)
}
