//! The targets gap coverage reads, and their actuals to date.

use crate::error::Result;
use rusqlite::{params, Connection};

/// A target whose gap coverage is reported, with its action counts and expected contribution.
pub struct Candidate {
    pub target_id: i64,
    pub metric_id: i64,
    pub metric_code: String,
    pub metric_name: (String, String),
    pub unit: String,
    pub org_unit_id: i64,
    pub org_unit_name: String,
    pub org_kind: String,
    pub dim: Option<(String, i64)>,
    pub period: String,
    pub start: String,
    pub end: String,
    pub base: i64,
    pub action_count: i64,
    pub open_action_count: i64,
    pub expected: i64,
}

/// Every additive, higher-is-better target that has actions, or is a company/region/team year
/// target (which should have some).
pub fn coverage_candidates(conn: &Connection) -> Result<Vec<Candidate>> {
    let mut st = conn.prepare(
        "SELECT t.id, m.id, m.code, m.unit, o.id, o.name, o.kind, d.dim, d.id, t.period, t.period_start, t.period_end,
                t.base_value,
                (SELECT COUNT(*) FROM action a WHERE a.target_id = t.id),
                (SELECT COUNT(*) FROM action a WHERE a.target_id = t.id AND a.status NOT IN ('done','cancelled')),
                (SELECT IFNULL(SUM(a.expected_contribution), 0) FROM action a
                  WHERE a.target_id = t.id AND a.status NOT IN ('done','cancelled')),
                m.name_zh, m.name_en
         FROM target t
         JOIN metric m ON m.id = t.metric_id
         JOIN org_unit o ON o.id = t.org_unit_id
         LEFT JOIN dimension_member d ON d.id = t.dimension_id
         WHERE m.aggregation = 'sum' AND m.direction = 'higher'
           AND (EXISTS (SELECT 1 FROM action a WHERE a.target_id = t.id)
                OR (o.kind IN ('company','region','team') AND length(t.period) = 4))
         ORDER BY t.target_set_id, m.sort, o.id, t.id",
    )?;
    let rows = st.query_map([], |r| {
        let dim: Option<String> = r.get(7)?;
        let member: Option<i64> = r.get(8)?;
        Ok(Candidate {
            target_id: r.get(0)?,
            metric_id: r.get(1)?,
            metric_code: r.get(2)?,
            metric_name: (r.get(16)?, r.get(17)?),
            unit: r.get(3)?,
            org_unit_id: r.get(4)?,
            org_unit_name: r.get(5)?,
            org_kind: r.get(6)?,
            dim: dim.zip(member),
            period: r.get(9)?,
            start: r.get(10)?,
            end: r.get(11)?,
            base: r.get(12)?,
            action_count: r.get(13)?,
            open_action_count: r.get(14)?,
            expected: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Σ actual.amount of the metric in the unit's subtree between `from` and `to` (inclusive).
pub fn actual_to_date(conn: &Connection, c: &Candidate, to: &str) -> Result<i64> {
    if to < c.start.as_str() {
        return Ok(0);
    }
    let dim_filter = match c.dim.as_ref().map(|d| d.0.as_str()) {
        Some("product_line") => "AND a.product_line_id = ?5",
        Some("customer_type") => "AND a.customer_type_id = ?5",
        Some("channel") => "AND a.channel_id = ?5",
        // No filter (the region dimension has no column on actuals); ?5 is still bound.
        _ => "AND (?5 IS NULL OR 1)",
    };
    let sql = format!(
        "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id)
         SELECT IFNULL(SUM(a.amount), 0) FROM actual a
         WHERE a.person_id IN (SELECT id FROM sub) AND a.metric_id = ?2 AND a.date BETWEEN ?3 AND ?4 {dim_filter}"
    );
    let member = c.dim.as_ref().map(|d| d.1);
    Ok(conn.query_row(
        &sql,
        params![c.org_unit_id, c.metric_id, c.start, to, member],
        |r| r.get(0),
    )?)
}
