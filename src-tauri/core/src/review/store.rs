//! The review tables in SQL: reviews, their findings and their lessons/improvement items. The
//! read and write modules above hold the rules (what a check means, what may be stored); this
//! file holds the statements, on the shared query helpers.

use super::model::{Finding, FindingKind};
use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

/// A review as stored: id, unit, period, title, status, created at, findings, items.
pub(super) type SummaryRow = (i64, i64, String, String, String, String, i64, i64);

/// Every review (or review `only`), newest period first, with its counts.
pub(super) fn summary_rows(conn: &Connection, only: Option<i64>) -> Result<Vec<SummaryRow>> {
    conn.rows_of(
        "SELECT r.id, r.org_unit_id, r.period, r.title, r.status, r.created_at,
                (SELECT COUNT(*) FROM review_finding f WHERE f.review_id = r.id),
                (SELECT COUNT(*) FROM review_item i WHERE i.review_id = r.id)
         FROM review r WHERE ?1 IS NULL OR r.id = ?1 ORDER BY r.period DESC, r.id DESC",
        [only],
    )
}

/// A review's findings, success factors first.
pub(super) fn findings(conn: &Connection, review: i64) -> Result<Vec<Finding>> {
    conn.rows(
        "SELECT id, kind, category, controllable, text FROM review_finding
         WHERE review_id = ?1 ORDER BY kind DESC, id",
        [review],
        |r| {
            Ok(Finding {
                id: r.get(0)?,
                kind: FindingKind::parse(&r.get::<_, String>(1)?),
                category: r.get(2)?,
                controllable: r.get(3)?,
                text: r.get(4)?,
            })
        },
    )
}

/// An item as stored: id, list, text, owner, due, done, then its check's metric, node, dim,
/// member, threshold kind, threshold and window.
pub(super) type ItemRow = (
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

/// The items of a review (or only item `only`), in the order they were added.
pub(super) fn item_rows(conn: &Connection, review: i64, only: Option<i64>) -> Result<Vec<ItemRow>> {
    conn.rows(
        "SELECT id, list, text, owner_id, due, done, metric_id, node_id, dim, member_code,
                threshold_kind, threshold, window
         FROM review_item WHERE review_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY id",
        params![review, only],
        |r| {
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
        },
    )
}

/// The codes of the metrics the items' checks name.
pub(super) fn checked_metric_codes(conn: &Connection) -> Result<Vec<String>> {
    conn.rows(
        "SELECT DISTINCT m.code FROM review_item i JOIN metric m ON m.id = i.metric_id",
        [],
        |r| r.get(0),
    )
}

/// The review an item belongs to.
pub(super) fn review_of_item(conn: &Connection, item: i64) -> Result<Option<i64>> {
    conn.optional(
        "SELECT review_id FROM review_item WHERE id = ?1",
        [item],
        |r| r.get(0),
    )
}

/// The review of a unit for a period, if one was opened.
pub(super) fn review_at(conn: &Connection, unit: i64, period: &str) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM review WHERE org_unit_id = ?1 AND period = ?2",
        params![unit, period],
        |r| r.get(0),
    )
}

pub(super) fn insert_review(
    conn: &Connection,
    unit: i64,
    period: &str,
    title: &str,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO review(org_unit_id, period, title, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![unit, period, title, crate::now_stamp()],
    )
}

/// The period a review looks back on; `None` when there is no such review.
pub(super) fn review_period(conn: &Connection, review: i64) -> Result<Option<String>> {
    conn.optional("SELECT period FROM review WHERE id = ?1", [review], |r| {
        r.get(0)
    })
}

/// Sets a review's status (open or closed); false when there is no such review.
pub(super) fn set_status(conn: &Connection, review: i64, status: &str) -> Result<bool> {
    Ok(conn.run(
        "UPDATE review SET status = ?2 WHERE id = ?1",
        params![review, status],
    )? > 0)
}

/// Deletes a review with its findings and items; false when there was none.
pub(super) fn delete_review(conn: &Connection, review: i64) -> Result<bool> {
    Ok(conn.run("DELETE FROM review WHERE id = ?1", [review])? > 0)
}

/// A finding's stored fields: kind code, category, controllable, text.
pub(super) type FindingFields<'a> = (&'a str, &'a str, bool, &'a str);

pub(super) fn insert_finding(conn: &Connection, review: i64, f: FindingFields) -> Result<i64> {
    conn.insert(
        "INSERT INTO review_finding(review_id, kind, category, controllable, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![review, f.0, f.1, f.2, f.3],
    )
}

/// Rewrites a finding; false when there is none with this id.
pub(super) fn update_finding(conn: &Connection, id: i64, f: FindingFields) -> Result<bool> {
    Ok(conn.run(
        "UPDATE review_finding SET kind = ?2, category = ?3, controllable = ?4, text = ?5 WHERE id = ?1",
        params![id, f.0, f.1, f.2, f.3],
    )? > 0)
}

pub(super) fn delete_finding(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.run("DELETE FROM review_finding WHERE id = ?1", [id])? > 0)
}

/// The columns an item is stored in, its check resolved to ids.
pub(super) struct ItemColumns {
    pub list: &'static str,
    pub text: String,
    pub owner: Option<i64>,
    pub due: Option<String>,
    pub done: bool,
    pub metric: Option<i64>,
    pub node: Option<i64>,
    pub dim: Option<String>,
    pub member: Option<String>,
    pub kind: Option<&'static str>,
    pub threshold: Option<i64>,
    pub window: Option<String>,
}

/// The parameters both item statements take: ?1 the review (insert) or the item (update), then
/// the item's columns in the order ?2–?13 name them.
fn item_params<'a>(first: &'a i64, c: &'a ItemColumns) -> [&'a dyn rusqlite::ToSql; 13] {
    [
        first,
        &c.list,
        &c.text,
        &c.owner,
        &c.due,
        &c.done,
        &c.metric,
        &c.node,
        &c.dim,
        &c.member,
        &c.kind,
        &c.threshold,
        &c.window,
    ]
}

pub(super) fn insert_item(conn: &Connection, review: i64, c: &ItemColumns) -> Result<i64> {
    conn.insert(
        "INSERT INTO review_item(review_id, list, text, owner_id, due, done, metric_id, node_id, dim,
                                 member_code, threshold_kind, threshold, window)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        item_params(&review, c).as_slice(),
    )
}

/// Rewrites an item; false when there is none with this id.
pub(super) fn update_item(conn: &Connection, id: i64, c: &ItemColumns) -> Result<bool> {
    Ok(conn.run(
        "UPDATE review_item SET list = ?2, text = ?3, owner_id = ?4, due = ?5, done = ?6,
                metric_id = ?7, node_id = ?8, dim = ?9, member_code = ?10, threshold_kind = ?11,
                threshold = ?12, window = ?13
         WHERE id = ?1",
        item_params(&id, c).as_slice(),
    )? > 0)
}

pub(super) fn delete_item(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.run("DELETE FROM review_item WHERE id = ?1", [id])? > 0)
}

// ---- weekly_report --------------------------------------------------------------------------

/// Saves (or replaces) a person's report for a week: highlights and problems as JSON arrays.
pub(super) fn put_weekly(
    conn: &Connection,
    person: i64,
    week: &str,
    (highlights, problems, request): (&str, &str, &str),
) -> Result<()> {
    conn.run(
        "INSERT INTO weekly_report(person_id, week, highlights, problems, request, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(person_id, week) DO UPDATE SET highlights = excluded.highlights,
             problems = excluded.problems, request = excluded.request, updated_at = excluded.updated_at",
        params![person, week, highlights, problems, request, crate::now_stamp()],
    )?;
    Ok(())
}

/// A week's report as stored: highlights and problems (JSON), request, updated at.
pub(super) type WeeklyRow = (String, String, String, String);

pub(super) fn weekly(conn: &Connection, person: i64, week: &str) -> Result<Option<WeeklyRow>> {
    conn.optional_of(
        "SELECT highlights, problems, request, updated_at FROM weekly_report
         WHERE person_id = ?1 AND week = ?2",
        params![person, week],
    )
}
