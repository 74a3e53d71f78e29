//! The revisions' store: the revisions of one cell (its side panel) and every recorded change of
//! a plan's targets of one metric (the revision log), in one type.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{Connection, Row};
use serde::Serialize;

/// One recorded revision of one tier. A cell's own revisions are this alone; a line of the
/// plan's log also carries the revision's id and where its cell is (`place`). Neither is
/// written out when absent, so a cell's revisions keep their nine fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    /// The revision's id (in the log).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub target_id: i64,
    pub at: String,
    pub who: String,
    pub reason_category: String,
    pub reason: String,
    pub tier: String,
    pub old_value: i64,
    pub new_value: i64,
    pub approver: Option<String>,
    /// Where the revised cell is (in the log), its fields written beside the others.
    #[serde(flatten)]
    pub place: Option<RevisionPlace>,
}

/// Where a revised cell is: its unit, dimension member and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionPlace {
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_name: String,
    pub dimension_id: Option<i64>,
    pub member_zh: Option<String>,
    pub member_en: Option<String>,
    pub period: String,
}

/// The nine columns every revision has, from column `at` on: target, when, who, reason category,
/// reason, tier, old value, new value, approver.
fn revision_at(r: &Row, at: usize) -> rusqlite::Result<Revision> {
    Ok(Revision {
        id: None,
        target_id: r.get(at)?,
        at: r.get(at + 1)?,
        who: r.get(at + 2)?,
        reason_category: r.get(at + 3)?,
        reason: r.get(at + 4)?,
        tier: r.get(at + 5)?,
        old_value: r.get(at + 6)?,
        new_value: r.get(at + 7)?,
        approver: r.get(at + 8)?,
        place: None,
    })
}

/// Revisions of a cell, oldest first.
pub fn revisions(conn: &Connection, target_id: i64) -> Result<Vec<Revision>> {
    conn.uncached().rows(
        "SELECT target_id, at, who, reason_category, reason, tier, old_value, new_value, approver \
         FROM target_revision WHERE target_id = ?1 ORDER BY id",
        [target_id],
        |r| revision_at(r, 0),
    )
}

/// Every revision of plan `set_id`'s targets of `metric_id`, newest first, with its id and
/// place (the unit's path and name left empty).
pub(crate) fn revision_lines(
    conn: &Connection,
    set_id: i64,
    metric_id: i64,
) -> Result<Vec<Revision>> {
    conn.rows(
        "SELECT r.id, r.target_id, r.at, r.who, r.reason_category, r.reason, r.tier, r.old_value, \
         r.new_value, r.approver, t.org_unit_id, t.dimension_id, t.period, d.name_zh, d.name_en \
         FROM target_revision r JOIN target t ON t.id = r.target_id \
         LEFT JOIN dimension_member d ON d.id = t.dimension_id \
         WHERE t.target_set_id = ?1 AND t.metric_id = ?2 ORDER BY r.at DESC, r.id DESC",
        [set_id, metric_id],
        |r| {
            Ok(Revision {
                id: Some(r.get(0)?),
                place: Some(RevisionPlace {
                    unit_id: r.get(10)?,
                    unit_path: String::new(),
                    unit_name: String::new(),
                    dimension_id: r.get(11)?,
                    period: r.get(12)?,
                    member_zh: r.get(13)?,
                    member_en: r.get(14)?,
                }),
                ..revision_at(r, 1)?
            })
        },
    )
}
