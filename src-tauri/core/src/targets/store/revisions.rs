//! The revision log's store: every recorded change of a plan's targets of one metric.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::Connection;
use serde::Serialize;

/// One revision of one tier, newest first in a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionLine {
    pub id: i64,
    pub target_id: i64,
    pub at: String,
    pub who: String,
    pub reason_category: String,
    pub reason: String,
    pub tier: String,
    pub old_value: i64,
    pub new_value: i64,
    pub approver: Option<String>,
    pub unit_id: i64,
    pub unit_path: String,
    pub unit_name: String,
    pub dimension_id: Option<i64>,
    pub member_zh: Option<String>,
    pub member_en: Option<String>,
    pub period: String,
}

/// Every revision of plan `set_id`'s targets of `metric_id`, newest first (the unit's path and
/// name left empty).
pub(crate) fn revision_lines(
    conn: &Connection,
    set_id: i64,
    metric_id: i64,
) -> Result<Vec<RevisionLine>> {
    conn.rows(
        "SELECT r.id, r.target_id, r.at, r.who, r.reason_category, r.reason, r.tier, r.old_value, \
         r.new_value, r.approver, t.org_unit_id, t.dimension_id, t.period, d.name_zh, d.name_en \
         FROM target_revision r JOIN target t ON t.id = r.target_id \
         LEFT JOIN dimension_member d ON d.id = t.dimension_id \
         WHERE t.target_set_id = ?1 AND t.metric_id = ?2 ORDER BY r.at DESC, r.id DESC",
        [set_id, metric_id],
        |r| {
            Ok(RevisionLine {
                id: r.get(0)?,
                target_id: r.get(1)?,
                at: r.get(2)?,
                who: r.get(3)?,
                reason_category: r.get(4)?,
                reason: r.get(5)?,
                tier: r.get(6)?,
                old_value: r.get(7)?,
                new_value: r.get(8)?,
                approver: r.get(9)?,
                unit_id: r.get(10)?,
                unit_path: String::new(),
                unit_name: String::new(),
                dimension_id: r.get(11)?,
                period: r.get(12)?,
                member_zh: r.get(13)?,
                member_en: r.get(14)?,
            })
        },
    )
}
