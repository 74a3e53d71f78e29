//! Reading reviews back: the list, one review with its results and prompts, its items verified
//! against the data, and the pickers' choices.

use super::model::*;
use super::store;
use super::{prompts, verify, VerifyStatus};
use crate::error::Result;
use crate::store::Workspace;
use crate::variance::{DimensionRef, Engine, Metric};
use chrono::NaiveDate;

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
    let rows = store::summary_rows(ws.conn(), only)?;
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
    store::findings(ws.conn(), review)
}

/// The items of a review (or only item `only`), each verified from the data.
fn items(
    ws: &Workspace,
    eng: &Engine,
    review: i64,
    period: &str,
    only: Option<i64>,
) -> Result<Vec<Item>> {
    let rows = store::item_rows(ws.conn(), review, only)?;
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
pub(super) fn summary_and_item(
    ws: &Workspace,
    eng: &Engine,
    item: i64,
) -> Result<(ReviewSummary, Item)> {
    let review = store::review_of_item(ws.conn(), item)?.ok_or_else(|| item_not_found(item))?;
    let s = summary(ws, eng, review)?;
    let it = items(ws, eng, review, &s.period, Some(item))?
        .pop()
        .ok_or_else(|| item_not_found(item))?;
    Ok((s, it))
}

/// The metrics the improvements' checks name.
fn checked_metrics(ws: &Workspace) -> Result<Vec<String>> {
    let mut st = ws
        .conn()
        .prepare("SELECT DISTINCT m.code FROM review_item i JOIN metric m ON m.id = i.metric_id")?;
    let v = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
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
        // Retired metrics are not offered for a new check, but stay for the checks naming them.
        metrics: Metric::choosable(ws.conn(), &checked_metrics(ws)?)?,
        members,
        periods: crate::dashboard::period_choices(ws)?,
        as_of: eng.as_of,
    })
}
