//! Reviews (复盘, PDCA; DESIGN.md "Evaluation, adjustment, review"): per node and period, the
//! findings — success factors and root causes by fishbone category, controllable or not — and
//! the lessons list (经验清单) and improvement list (改进清单), each item with an owner, a due
//! date and, where it can be measured, the metric, threshold and window that verify it from the
//! data. The weekly 3-2-1 reports live in [`weekly`].

mod fishbone;
mod prompts;
mod table;
mod to_plan;
mod verify;
pub mod weekly;

pub use fishbone::{fishbone_chart, fishbone_data, write_fishbone};
pub use prompts::Prompt;
pub use table::review_table;
pub use to_plan::add_to_plan;
pub use verify::{Verification, VerifyStatus};

use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::variance::{DimensionRef, Engine, IndicatorGroup, Metric};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FindingKind {
    /// 成功的关键因素
    Success,
    /// 未达标的根本原因
    Cause,
}

impl FindingKind {
    fn code(self) -> &'static str {
        match self {
            FindingKind::Success => "success",
            FindingKind::Cause => "cause",
        }
    }

    fn parse(s: &str) -> FindingKind {
        if s == "success" {
            FindingKind::Success
        } else {
            FindingKind::Cause
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemList {
    /// 经验清单: what worked, to be made standard.
    Lesson,
    /// 改进清单: what to change.
    Improvement,
}

impl ItemList {
    fn code(self) -> &'static str {
        match self {
            ItemList::Lesson => "lesson",
            ItemList::Improvement => "improvement",
        }
    }

    fn parse(s: &str) -> ItemList {
        if s == "lesson" {
            ItemList::Lesson
        } else {
            ItemList::Improvement
        }
    }
}

/// What an item must show in the data: an improvement relative to the review period's value
/// in the metric's own direction (`changeBp` +1000 = 10% better: up for revenue, down for the
/// complaint rate) or an absolute value in the metric's unit (fen, count, bp) to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Threshold {
    Relative {
        #[serde(rename = "changeBp")]
        change_bp: i64,
    },
    Absolute {
        value: i64,
    },
}

/// How an item is verified: the metric of a node (optionally one dimension member) in a window
/// period, against the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub metric: String,
    /// Organisation path, `/华东`.
    pub node: String,
    pub dimension: Option<DimensionRef>,
    pub threshold: Threshold,
    /// Period key the change must show in, e.g. `2026-Q4` ("within 3 months").
    pub window: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingInput {
    pub kind: FindingKind,
    pub category: String,
    pub controllable: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: i64,
    pub kind: FindingKind,
    pub category: String,
    pub controllable: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub list: ItemList,
    pub text: String,
    /// Organisation path of the owner (a person or a unit).
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
    pub check: Option<Check>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: i64,
    pub list: ItemList,
    pub text: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// Past its due date and neither done nor met.
    pub overdue: bool,
    pub check: Option<Check>,
    pub verification: Option<Verification>,
    /// Why the check cannot be read from the data any more, in both languages.
    pub unverifiable: Option<crate::error::Message>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSummary {
    pub id: i64,
    pub node: String,
    pub node_name: String,
    pub period: String,
    pub title: String,
    pub closed: bool,
    pub created_at: String,
    pub findings: i64,
    pub items: i64,
}

/// A whole review: the results of the period (目标回顾), findings, the two lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub summary: ReviewSummary,
    pub as_of: NaiveDate,
    pub results: Vec<IndicatorGroup>,
    pub prompts: Vec<Prompt>,
    pub findings: Vec<Finding>,
    pub lessons: Vec<Item>,
    pub improvements: Vec<Item>,
}

fn not_found(id: i64) -> Error {
    Error::new(
        "review_not_found",
        format!("找不到复盘 #{id}（可能已被删除）"),
        format!("Review #{id} was not found (it may have been deleted)"),
    )
}

fn blank(what_zh: &str, what_en: &str) -> Error {
    Error::new(
        "review_blank",
        format!("{what_zh}不能为空"),
        format!("{what_en} must not be empty"),
    )
}

/// Longest text of a finding or an item, in characters.
pub const MAX_TEXT: usize = 500;

fn clean_text(text: &str, what_zh: &str, what_en: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(blank(what_zh, what_en));
    }
    let n = t.chars().count();
    if n > MAX_TEXT {
        return Err(Error::new(
            "review_text_long",
            format!("{what_zh}有 {n} 个字，最多 {MAX_TEXT} 个"),
            format!("{what_en} has {n} characters; at most {MAX_TEXT}"),
        ));
    }
    Ok(t.to_string())
}

/// Opens a review of `node` for `period`; one per node and period.
pub fn create(ws: &Workspace, node: &str, period: &str, title: &str) -> Result<i64> {
    let eng = Engine::new(ws)?;
    let unit = eng.tree.resolve(node)?;
    let period = eng.period_key(period)?;
    let existing: Option<i64> = ws
        .conn()
        .query_row(
            "SELECT id FROM review WHERE org_unit_id = ?1 AND period = ?2",
            params![unit.id, period],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        return Err(Error::new(
            "review_exists",
            format!("{} 的 {period} 复盘已存在，请打开它继续", unit.name),
            format!(
                "A review of {} for {period} already exists; open it to continue",
                unit.name
            ),
        ));
    }
    let title = title.trim();
    if title.chars().count() > MAX_TEXT {
        return Err(clean_text(title, "标题", "The title").unwrap_err());
    }
    ws.conn().execute(
        "INSERT INTO review(org_unit_id, period, title, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![unit.id, period, title, now()],
    )?;
    Ok(ws.conn().last_insert_rowid())
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Every review, newest period first.
pub fn list(ws: &Workspace) -> Result<Vec<ReviewSummary>> {
    summaries(ws, &Engine::new(ws)?, None)
}

/// One review's summary.
fn summary(ws: &Workspace, eng: &Engine, id: i64) -> Result<ReviewSummary> {
    summaries(ws, eng, Some(id))?
        .pop()
        .ok_or_else(|| not_found(id))
}

/// The summaries of every review, or of review `only`.
fn summaries(ws: &Workspace, eng: &Engine, only: Option<i64>) -> Result<Vec<ReviewSummary>> {
    let mut st = ws.conn().prepare(
        "SELECT r.id, r.org_unit_id, r.period, r.title, r.status, r.created_at,
                (SELECT COUNT(*) FROM review_finding f WHERE f.review_id = r.id),
                (SELECT COUNT(*) FROM review_item i WHERE i.review_id = r.id)
         FROM review r WHERE ?1 IS NULL OR r.id = ?1 ORDER BY r.period DESC, r.id DESC",
    )?;
    let rows = st
        .query_map([only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(
            |(id, unit, period, title, status, created_at, findings, items)| ReviewSummary {
                id,
                node: eng.tree.path(unit),
                node_name: eng
                    .tree
                    .get(unit)
                    .map(|n| n.name.clone())
                    .unwrap_or_default(),
                period,
                title,
                closed: status == "closed",
                created_at,
                findings,
                items,
            },
        )
        .collect())
}

/// One review with its results, what the data proposes to look at, and every item verified
/// against the data as of today. The period's indicators are read once for all of it.
pub fn get(ws: &Workspace, id: i64) -> Result<Review> {
    let eng = Engine::new(ws)?;
    let summary = summary(ws, &eng, id)?;
    let results = eng.indicators(&summary.node, &summary.period)?;
    let prompts = prompts::prompts(&eng, &summary.node, &summary.period, &results)?;
    let findings = findings(ws, id)?;
    let mut lessons = Vec::new();
    let mut improvements = Vec::new();
    for item in items(ws, &eng, id, &summary.period, None)? {
        match item.list {
            ItemList::Lesson => lessons.push(item),
            ItemList::Improvement => improvements.push(item),
        }
    }
    Ok(Review {
        summary,
        as_of: eng.as_of,
        results,
        prompts,
        findings,
        lessons,
        improvements,
    })
}

fn findings(ws: &Workspace, review: i64) -> Result<Vec<Finding>> {
    let mut st = ws.conn().prepare(
        "SELECT id, kind, category, controllable, text FROM review_finding
         WHERE review_id = ?1 ORDER BY kind DESC, id",
    )?;
    let v = st
        .query_map([review], |r| {
            Ok(Finding {
                id: r.get(0)?,
                kind: FindingKind::parse(&r.get::<_, String>(1)?),
                category: r.get(2)?,
                controllable: r.get(3)?,
                text: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

type ItemRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    bool,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// The items of a review (or only item `only`), each verified from the data.
fn items(
    ws: &Workspace,
    eng: &Engine,
    review: i64,
    period: &str,
    only: Option<i64>,
) -> Result<Vec<Item>> {
    let mut st = ws.conn().prepare(
        "SELECT id, list, text, owner_id, due, done, metric_id, node_id, dim, member_code,
                threshold_kind, threshold, window
         FROM review_item WHERE review_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY id",
    )?;
    let rows: Vec<ItemRow> = st
        .query_map(params![review, only], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, list, text, owner, due, done, metric, node, dim, member, kind, threshold, window) in
        rows
    {
        let check = match (metric, node, kind, threshold, window) {
            (Some(metric), Some(node), Some(kind), Some(threshold), Some(window)) => Some(Check {
                metric: Metric::by_id(ws.conn(), metric)?.code,
                node: eng.tree.path(node),
                dimension: dim
                    .zip(member)
                    .map(|(dim, code)| DimensionRef { dim, code }),
                threshold: if kind == "relative" {
                    Threshold::Relative {
                        change_bp: threshold,
                    }
                } else {
                    Threshold::Absolute { value: threshold }
                },
                window,
            }),
            _ => None,
        };
        // A check that can no longer be read (its product line was removed with an import,
        // say) is reported on the item, not as a failure of the whole review.
        let (verification, unverifiable) = match &check {
            Some(c) => match verify::verify(eng, period, c) {
                Ok(v) => (Some(v), None),
                Err(e) => (None, Some(crate::error::Message { zh: e.zh, en: e.en })),
            },
            None => (None, None),
        };
        let due = due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        let met = matches!(&verification, Some(v) if v.status == VerifyStatus::Met);
        out.push(Item {
            id,
            list: ItemList::parse(&list),
            text,
            owner: owner.map(|o| eng.tree.path(o)),
            owner_name: owner.and_then(|o| eng.tree.get(o)).map(|n| n.name.clone()),
            overdue: !done && !met && due.is_some_and(|d| d < eng.as_of),
            due,
            done,
            check,
            verification,
            unverifiable,
        });
    }
    Ok(out)
}

/// A review's summary and one of its items (without reading the period's indicators).
fn summary_and_item(ws: &Workspace, eng: &Engine, item: i64) -> Result<(ReviewSummary, Item)> {
    let review: i64 = ws
        .conn()
        .query_row(
            "SELECT review_id FROM review_item WHERE id = ?1",
            [item],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| item_not_found(item))?;
    let s = summary(ws, eng, review)?;
    let it = items(ws, eng, review, &s.period, Some(item))?
        .pop()
        .ok_or_else(|| item_not_found(item))?;
    Ok((s, it))
}

fn item_not_found(id: i64) -> Error {
    Error::new(
        "review_entry_not_found",
        format!("找不到清单项 #{id}（可能已被删除）"),
        format!("Item #{id} was not found (it may have been deleted)"),
    )
}

fn review_exists(ws: &Workspace, id: i64) -> Result<()> {
    let n: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM review WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    if n == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

fn check_finding(f: &FindingInput) -> Result<String> {
    if !crate::chart::FISHBONE_CATEGORIES.contains(&f.category.as_str()) {
        return Err(Error::new(
            "review_category",
            format!(
                "鱼骨图类别“{}”无效：应为 人员、方法、市场、产品、资源 或 外部环境",
                f.category
            ),
            format!(
                "Invalid fishbone category \"{}\": expected people, method, market, product, resources or external",
                f.category
            ),
        ));
    }
    clean_text(&f.text, "发现的内容", "The finding's text")
}

pub fn add_finding(ws: &Workspace, review: i64, f: &FindingInput) -> Result<i64> {
    review_exists(ws, review)?;
    let text = check_finding(f)?;
    ws.conn().execute(
        "INSERT INTO review_finding(review_id, kind, category, controllable, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![review, f.kind.code(), f.category, f.controllable, text],
    )?;
    Ok(ws.conn().last_insert_rowid())
}

pub fn update_finding(ws: &Workspace, id: i64, f: &FindingInput) -> Result<()> {
    let text = check_finding(f)?;
    let n = ws.conn().execute(
        "UPDATE review_finding SET kind = ?2, category = ?3, controllable = ?4, text = ?5 WHERE id = ?1",
        params![id, f.kind.code(), f.category, f.controllable, text],
    )?;
    gone(n, "发现", "Finding", id)
}

pub fn delete_finding(ws: &Workspace, id: i64) -> Result<()> {
    let n = ws
        .conn()
        .execute("DELETE FROM review_finding WHERE id = ?1", [id])?;
    gone(n, "发现", "Finding", id)
}

fn gone(n: usize, zh: &str, en: &str, id: i64) -> Result<()> {
    if n == 0 {
        return Err(Error::new(
            "review_entry_not_found",
            format!("找不到{zh} #{id}（可能已被删除）"),
            format!("{en} #{id} was not found (it may have been deleted)"),
        ));
    }
    Ok(())
}

/// The columns an item is stored in, its check resolved to ids and validated against the data.
struct ItemColumns {
    text: String,
    owner: Option<i64>,
    due: Option<String>,
    metric: Option<i64>,
    node: Option<i64>,
    dim: Option<String>,
    member: Option<String>,
    kind: Option<&'static str>,
    threshold: Option<i64>,
    window: Option<String>,
}

fn item_columns(ws: &Workspace, review_period: &str, it: &ItemInput) -> Result<ItemColumns> {
    let eng = Engine::new(ws)?;
    let text = clean_text(&it.text, "清单项的内容", "The item's text")?;
    let owner = match it.owner.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => Some(eng.tree.resolve(p)?.id),
        _ => None,
    };
    let mut cols = ItemColumns {
        text,
        owner,
        due: it.due.map(|d| d.format("%Y-%m-%d").to_string()),
        metric: None,
        node: None,
        dim: None,
        member: None,
        kind: None,
        threshold: None,
        window: None,
    };
    if let Some(c) = &it.check {
        let metric = Metric::by_code(ws.conn(), &c.metric)?;
        cols.node = Some(eng.tree.resolve(&c.node)?.id);
        if let Some(d) = &c.dimension {
            crate::variance::DimFilter::resolve(ws.conn(), &d.dim, &d.code)?;
            cols.dim = Some(d.dim.clone());
            cols.member = Some(d.code.clone());
        }
        let window = eng.period_key(&c.window)?;
        let (window_start, _) = eng.period_range(&window)?;
        let (_, review_end) = eng.period_range(review_period)?;
        if window_start <= review_end {
            return Err(Error::new(
                "review_window",
                format!("验证期 {window} 应在复盘期间 {review_period} 结束之后开始"),
                format!(
                    "The window {window} must start after the reviewed period {review_period} ends"
                ),
            ));
        }
        let (kind, value) = match c.threshold {
            Threshold::Relative { change_bp } => {
                // Lower-is-better metrics cannot improve by 100% or more (below zero).
                let most = if metric.lower_is_better {
                    9_999
                } else {
                    1_000_000
                };
                if change_bp == 0 || change_bp.abs() > most {
                    return Err(Error::new(
                        "review_threshold",
                        format!(
                            "相对改善应为非零百分比，且不超过 {}%，例如 +10% 或 −5%",
                            most / 100
                        ),
                        format!(
                            "The relative improvement must be a non-zero percentage of at most {}%, e.g. +10% or −5%",
                            most / 100
                        ),
                    ));
                }
                ("relative", change_bp)
            }
            Threshold::Absolute { value } => ("absolute", value),
        };
        cols.metric = Some(metric.id);
        cols.kind = Some(kind);
        cols.threshold = Some(value);
        cols.window = Some(window);
    }
    Ok(cols)
}

/// The period a review looks back on.
fn review_period(ws: &Workspace, review: i64) -> Result<String> {
    ws.conn()
        .query_row("SELECT period FROM review WHERE id = ?1", [review], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| not_found(review))
}

pub fn add_item(ws: &Workspace, review: i64, it: &ItemInput) -> Result<i64> {
    let period = review_period(ws, review)?;
    let c = item_columns(ws, &period, it)?;
    ws.conn().execute(
        "INSERT INTO review_item(review_id, list, text, owner_id, due, done, metric_id, node_id, dim,
                                 member_code, threshold_kind, threshold, window)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            review,
            it.list.code(),
            c.text,
            c.owner,
            c.due,
            it.done,
            c.metric,
            c.node,
            c.dim,
            c.member,
            c.kind,
            c.threshold,
            c.window
        ],
    )?;
    Ok(ws.conn().last_insert_rowid())
}

pub fn update_item(ws: &Workspace, id: i64, it: &ItemInput) -> Result<()> {
    let review: i64 = ws
        .conn()
        .query_row(
            "SELECT review_id FROM review_item WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| item_not_found(id))?;
    let c = item_columns(ws, &review_period(ws, review)?, it)?;
    let n = ws.conn().execute(
        "UPDATE review_item SET list = ?2, text = ?3, owner_id = ?4, due = ?5, done = ?6,
                metric_id = ?7, node_id = ?8, dim = ?9, member_code = ?10, threshold_kind = ?11,
                threshold = ?12, window = ?13
         WHERE id = ?1",
        params![
            id,
            it.list.code(),
            c.text,
            c.owner,
            c.due,
            it.done,
            c.metric,
            c.node,
            c.dim,
            c.member,
            c.kind,
            c.threshold,
            c.window
        ],
    )?;
    gone(n, "清单项", "Item", id)
}

pub fn delete_item(ws: &Workspace, id: i64) -> Result<()> {
    let n = ws
        .conn()
        .execute("DELETE FROM review_item WHERE id = ?1", [id])?;
    gone(n, "清单项", "Item", id)
}

/// Closes (or reopens) a review; a closed review is read only in the UI.
pub fn set_closed(ws: &Workspace, id: i64, closed: bool) -> Result<()> {
    let n = ws.conn().execute(
        "UPDATE review SET status = ?2 WHERE id = ?1",
        params![id, if closed { "closed" } else { "open" }],
    )?;
    if n == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn delete(ws: &Workspace, id: i64) -> Result<()> {
    let n = ws
        .conn()
        .execute("DELETE FROM review WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

/// A unit of the organisation as the pickers list it, indented by depth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unit {
    pub path: String,
    pub name: String,
    pub kind: String,
    pub depth: usize,
}

/// What the Reviews section's pickers offer: units, metrics, dimension members, periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choices {
    pub units: Vec<Unit>,
    pub metrics: Vec<Metric>,
    pub members: Vec<crate::variance::DimFilter>,
    pub periods: crate::dashboard::PeriodChoices,
    pub as_of: NaiveDate,
}

pub fn choices(ws: &Workspace) -> Result<Choices> {
    let eng = Engine::new(ws)?;
    let mut units = Vec::new();
    fn walk(eng: &Engine, id: i64, depth: usize, out: &mut Vec<Unit>) {
        let Some(n) = eng.tree.get(id) else { return };
        out.push(Unit {
            path: eng.tree.path(id),
            name: n.name.clone(),
            kind: n.kind.clone(),
            depth,
        });
        for c in eng.tree.children(id) {
            walk(eng, c.id, depth + 1, out);
        }
    }
    if let Some(root) = eng.tree.root() {
        walk(&eng, root.id, 0, &mut units);
    }
    let mut members = Vec::new();
    for dim in ["product_line", "customer_type", "channel"] {
        members.extend(crate::variance::DimFilter::members(ws.conn(), dim)?);
    }
    Ok(Choices {
        units,
        metrics: Metric::all(ws.conn())?,
        members,
        periods: crate::dashboard::period_choices(ws)?,
        as_of: eng.as_of,
    })
}

#[cfg(test)]
mod tests;
