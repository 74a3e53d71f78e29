//! The metrics catalog edited by hand (Settings → Metrics, the assistant's "metrics to track"
//! step, `targetline-cli metric`): add, edit, retire and restore a metric, and delete one that
//! nothing uses. Every change is checked first and refused with a message in both languages;
//! deleting a metric in use says where it is used (`metric_usage`) so it can be retired instead.

use super::metric_usage::{self, Usage};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};

/// What a user types for a metric: its names, unit, direction, kind, horizon, aggregation (a
/// ratio names its numerator and denominator by code) and alert threshold.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MetricSpec {
    pub name_zh: String,
    pub name_en: String,
    /// currency, count, percent, ratio
    pub unit: String,
    /// higher, lower
    pub direction: String,
    /// lagging, leading, risk, health
    pub kind: String,
    /// short, long
    pub horizon: String,
    /// sum, average, last, ratio
    pub aggregation: String,
    #[serde(default)]
    pub numerator: Option<String>,
    #[serde(default)]
    pub denominator: Option<String>,
    /// Pace variance below this alerts (−1000 = −10%).
    pub alert_threshold_bp: i64,
}

/// One metric as the editor lists it, with where it is used.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MetricEntry {
    pub code: String,
    #[serde(flatten)]
    pub spec: MetricSpec,
    pub retired: bool,
    pub usage: Usage,
    /// A ratio's numerator and denominator by name, each marked when retired (a retired part is
    /// hidden from the list but its ratio still names it).
    pub parts: Vec<MetricPart>,
}

/// A ratio's part as its metric's row shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MetricPart {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub retired: bool,
}

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
    conn.query_row(
        "SELECT id, code FROM metric WHERE code = ?1 OR name_zh = ?1 OR lower(name_en) = lower(?1)
         ORDER BY code = ?1 DESC LIMIT 1",
        [key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| {
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
    let mut st = conn.prepare(
        "SELECT m.code, m.name_zh, m.name_en, m.unit, m.direction, m.kind, m.horizon, m.aggregation,
                n.code, d.code, m.alert_threshold_bp, m.retired_at IS NOT NULL,
                n.name_zh, n.name_en, n.retired_at IS NOT NULL,
                d.name_zh, d.name_en, d.retired_at IS NOT NULL
         FROM metric m LEFT JOIN metric n ON n.id = m.numerator_id
                       LEFT JOIN metric d ON d.id = m.denominator_id
         WHERE ?1 OR m.retired_at IS NULL ORDER BY m.sort, m.id",
    )?;
    let rows = st.query_map([with_retired], |r| {
        // A part's code at `at`, its names and whether it is retired from `names` on.
        let part = |at: usize, names: usize| -> rusqlite::Result<Option<MetricPart>> {
            let Some(code) = r.get::<_, Option<String>>(at)? else {
                return Ok(None);
            };
            Ok(Some(MetricPart {
                code,
                name_zh: r.get(names)?,
                name_en: r.get(names + 1)?,
                retired: r.get(names + 2)?,
            }))
        };
        let parts = [part(8, 12)?, part(9, 15)?].into_iter().flatten().collect();
        Ok(MetricEntry {
            code: r.get(0)?,
            spec: MetricSpec {
                name_zh: r.get(1)?,
                name_en: r.get(2)?,
                unit: r.get(3)?,
                direction: r.get(4)?,
                kind: r.get(5)?,
                horizon: r.get(6)?,
                aggregation: r.get(7)?,
                numerator: r.get(8)?,
                denominator: r.get(9)?,
                alert_threshold_bp: r.get(10)?,
            },
            retired: r.get(11)?,
            usage: Usage::default(),
            parts,
        })
    })?;
    let mut out: Vec<MetricEntry> = rows.collect::<rusqlite::Result<_>>()?;
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
        let taken: Option<String> = conn
            .query_row(
                "SELECT code FROM metric WHERE id IS NOT ?2 AND (name_zh = ?1 OR lower(name_en) = lower(?1) OR code = ?1)",
                params![n, except],
                |r| r.get(0),
            )
            .optional()?;
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
    let current: (Option<i64>, Option<i64>) = match own {
        Some(o) => conn.query_row(
            "SELECT numerator_id, denominator_id FROM metric WHERE id = ?1",
            [o],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        None => (None, None),
    };
    for (id, key) in [(n, num), (d, den)] {
        let (agg, retired): (String, bool) = conn.query_row(
            "SELECT aggregation, retired_at IS NOT NULL FROM metric WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
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
    while conn
        .query_row("SELECT 1 FROM metric WHERE code = ?1", [&code], |_| Ok(()))
        .optional()?
        .is_some()
    {
        code = format!("{base}_{n}");
        n += 1;
    }
    Ok(code)
}

/// Runs `sql` (an INSERT or UPDATE of one metric) with `key` as ?1 and the spec's fields as
/// ?2..?11, in the order name_zh, name_en, unit, direction, kind, horizon, aggregation,
/// numerator, denominator, alert threshold.
fn write_spec(
    conn: &Connection,
    sql: &str,
    key: &dyn ToSql,
    spec: &MetricSpec,
    (num, den): (Option<i64>, Option<i64>),
) -> Result<()> {
    conn.execute(
        sql,
        params![
            key,
            spec.name_zh.trim(),
            spec.name_en.trim(),
            spec.unit,
            spec.direction,
            spec.kind,
            spec.horizon,
            spec.aggregation,
            num,
            den,
            spec.alert_threshold_bp
        ],
    )?;
    Ok(())
}

/// Adds a metric; returns its code.
pub fn add(ws: &Workspace, spec: &MetricSpec) -> Result<String> {
    let conn = ws.conn();
    let (num, den) = check(conn, spec, None)?;
    let code = new_code(conn, &spec.name_en)?;
    write_spec(
        conn,
        "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation,
                            numerator_id, denominator_id, alert_threshold_bp, sort)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, (SELECT IFNULL(MAX(sort), -1) + 1 FROM metric))",
        &code,
        spec,
        (num, den),
    )?;
    Ok(code)
}

/// Changes a metric. Its unit and aggregation stay while targets or actuals hold values in them
/// (fen would be read as basis points, sums as levels).
pub fn edit(ws: &Workspace, key: &str, spec: &MetricSpec) -> Result<String> {
    let conn = ws.conn();
    let (id, code) = find(conn, key)?;
    let (num, den) = check(conn, spec, Some(id))?;
    let (unit, aggregation): (String, String) = conn.query_row(
        "SELECT unit, aggregation FROM metric WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
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
    write_spec(
        conn,
        "UPDATE metric SET name_zh = ?2, name_en = ?3, unit = ?4, direction = ?5, kind = ?6,
                horizon = ?7, aggregation = ?8, numerator_id = ?9, denominator_id = ?10,
                alert_threshold_bp = ?11 WHERE id = ?1",
        &id,
        spec,
        (num, den),
    )?;
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
    conn.execute(
        "UPDATE metric SET retired_at = CASE WHEN ?2 THEN NULL ELSE IFNULL(retired_at, ?3) END WHERE id = ?1",
        params![id, restore, crate::now_stamp()],
    )?;
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
        let name: (String, String) = conn.query_row(
            "SELECT name_zh, name_en FROM metric WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        return Err(bad(
            Code::MetricInUse,
            format!("指标“{}”正在使用：{zh}。不能删除，可以改为停用。", name.0),
            format!(
                "The metric \"{}\" is in use: {en}. It cannot be deleted; retire it instead.",
                name.1
            ),
        ));
    }
    atomic(conn, || {
        conn.execute("DELETE FROM actual_day WHERE metric_id = ?1", [id])?;
        conn.execute("DELETE FROM actual_month WHERE metric_id = ?1", [id])?;
        conn.execute("DELETE FROM metric WHERE id = ?1", [id])?;
        Ok(())
    })
}

/// The assistant's "metrics to track": the chosen ones (with revenue, and the components of
/// the chosen ratios) stay, the others are retired. Returns the codes kept.
pub fn track(ws: &Workspace, codes: &[String]) -> Result<Vec<String>> {
    let conn = ws.conn();
    let mut keep: Vec<String> = vec![MAIN.to_string()];
    for key in codes {
        let (id, code) = find(conn, key)?;
        keep.push(code);
        let parts: (Option<String>, Option<String>) = conn.query_row(
            "SELECT n.code, d.code FROM metric m LEFT JOIN metric n ON n.id = m.numerator_id
             LEFT JOIN metric d ON d.id = m.denominator_id WHERE m.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        keep.extend(parts.0);
        keep.extend(parts.1);
    }
    keep.sort();
    keep.dedup();
    let stamp = crate::now_stamp();
    atomic(conn, || {
        let all: Vec<String> = conn
            .prepare("SELECT code FROM metric")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for code in all {
            let kept = keep.contains(&code);
            conn.execute(
                "UPDATE metric SET retired_at = CASE WHEN ?2 THEN NULL ELSE IFNULL(retired_at, ?3) END WHERE code = ?1",
                params![code, kept, stamp],
            )?;
        }
        Ok(())
    })?;
    Ok(keep)
}
