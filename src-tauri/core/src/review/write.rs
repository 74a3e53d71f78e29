//! Writing reviews: opening one, its findings and items (each check resolved to ids and
//! validated against the data), closing and deleting.

use super::model::*;
use super::store::{self, ItemColumns};
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::variance::{Engine, Metric};

/// Opens a review of `node` for `period`; one per node and period.
pub fn create(ws: &Workspace, node: &str, period: &str, title: &str) -> Result<i64> {
    let eng = Engine::new(ws)?;
    let unit = eng.tree.resolve(node)?;
    let period = eng.period_key(period)?;
    if store::review_at(ws.conn(), unit.id, &period)?.is_some() {
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
    store::insert_review(ws.conn(), unit.id, &period, title)
}

fn review_exists(ws: &Workspace, id: i64) -> Result<()> {
    review_period(ws, id).map(|_| ())
}

pub fn add_finding(ws: &Workspace, review: i64, f: &FindingInput) -> Result<i64> {
    review_exists(ws, review)?;
    let text = check_finding(f)?;
    store::insert_finding(
        ws.conn(),
        review,
        (f.kind.code(), &f.category, f.controllable, &text),
    )
}

pub fn update_finding(ws: &Workspace, id: i64, f: &FindingInput) -> Result<()> {
    let text = check_finding(f)?;
    let found = store::update_finding(
        ws.conn(),
        id,
        (f.kind.code(), &f.category, f.controllable, &text),
    )?;
    gone(found, "发现", "Finding", id)
}

pub fn delete_finding(ws: &Workspace, id: i64) -> Result<()> {
    gone(store::delete_finding(ws.conn(), id)?, "发现", "Finding", id)
}

fn gone(found: bool, zh: &str, en: &str, id: i64) -> Result<()> {
    if !found {
        return Err(Error::new(
            "review_entry_not_found",
            format!("找不到{zh} #{id}（可能已被删除）"),
            format!("{en} #{id} was not found (it may have been deleted)"),
        ));
    }
    Ok(())
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
        done: it.done,
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
    store::review_period(ws.conn(), review)?.ok_or_else(|| not_found(review))
}

pub fn add_item(ws: &Workspace, review: i64, it: &ItemInput) -> Result<i64> {
    let period = review_period(ws, review)?;
    let c = item_columns(ws, &period, it)?;
    store::insert_item(ws.conn(), review, &c)
}

pub fn update_item(ws: &Workspace, id: i64, it: &ItemInput) -> Result<()> {
    let review = store::review_of_item(ws.conn(), id)?.ok_or_else(|| item_not_found(id))?;
    let c = item_columns(ws, &review_period(ws, review)?, it)?;
    gone(store::update_item(ws.conn(), id, &c)?, "清单项", "Item", id)
}

pub fn delete_item(ws: &Workspace, id: i64) -> Result<()> {
    gone(store::delete_item(ws.conn(), id)?, "清单项", "Item", id)
}

/// Closes (or reopens) a review; a closed review is read only in the UI.
pub fn set_closed(ws: &Workspace, id: i64, closed: bool) -> Result<()> {
    if !store::set_status(ws.conn(), id, if closed { "closed" } else { "open" })? {
        return Err(not_found(id));
    }
    Ok(())
}

pub fn delete(ws: &Workspace, id: i64) -> Result<()> {
    if !store::delete_review(ws.conn(), id)? {
        return Err(not_found(id));
    }
    Ok(())
}
