//! Writing reviews: opening one, its findings and items (each check resolved to ids and
//! validated against the data), closing and deleting.

use super::model::*;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::variance::{Engine, Metric};
use rusqlite::{params, OptionalExtension};

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
        params![unit.id, period, title, crate::now_stamp()],
    )?;
    Ok(ws.conn().last_insert_rowid())
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
    list: &'static str,
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
        list: it.list.code(),
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
        item_params(&review, it, &c).as_slice(),
    )?;
    Ok(ws.conn().last_insert_rowid())
}

/// The parameters both item statements take: ?1 the review (insert) or the item (update), then
/// the item's columns in the order ?2–?13 name them.
fn item_params<'a>(
    first: &'a i64,
    it: &'a ItemInput,
    c: &'a ItemColumns,
) -> [&'a dyn rusqlite::ToSql; 13] {
    [
        first,
        &c.list,
        &c.text,
        &c.owner,
        &c.due,
        &it.done,
        &c.metric,
        &c.node,
        &c.dim,
        &c.member,
        &c.kind,
        &c.threshold,
        &c.window,
    ]
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
        item_params(&id, it, &c).as_slice(),
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
