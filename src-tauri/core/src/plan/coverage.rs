//! Gap coverage: how much of each target's remaining gap the plan's open actions are expected to
//! close, and which company/region/team year targets have no plan at all.
//!
//! Applies to additive, higher-is-better metrics (aggregation `sum`, direction `higher`), where
//! "remaining gap" has a meaning: remaining gap = base target − actual to date, where actual to
//! date = Σ `actual.amount` of the metric booked by anyone in the target's organisation subtree,
//! inside the target's period, up to the workspace's as-of date ([`crate::variance::as_of`]),
//! filtered by the target's product line / customer type / channel when it has one.
//! Coverage = Σ expected contributions of open actions (status neither done nor cancelled) /
//! remaining gap, in basis points.

use super::store::{actual_to_date, coverage_candidates};
use crate::error::Result;
use crate::store::Workspace;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetCoverage {
    pub target_id: i64,
    pub metric_code: String,
    pub metric_name_zh: String,
    pub metric_name_en: String,
    /// The metric's unit: currency (values in fen) or count.
    pub unit: String,
    pub org_unit_id: i64,
    pub org_unit_name: String,
    /// company, region, team or person.
    pub org_kind: String,
    pub period: String,
    /// Base target (metric's minor unit: fen for money).
    pub base: i64,
    pub actual_to_date: i64,
    /// Base − actual to date (negative: already exceeded).
    pub remaining_gap: i64,
    /// Σ expected contributions of the target's open actions.
    pub expected_contribution: i64,
    /// Expected contribution / remaining gap; `None` when nothing remains to cover.
    pub coverage_bp: Option<i64>,
    /// Remaining gap no open action is expected to close (never negative).
    pub uncovered: i64,
    pub action_count: i64,
    pub open_action_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageReport {
    pub as_of: NaiveDate,
    /// Targets with at least one action.
    pub targets: Vec<TargetCoverage>,
    /// Company, region and team year targets without any action.
    pub unplanned: Vec<TargetCoverage>,
}

/// The coverage of every planned target, and the year targets without a plan.
pub fn gap_coverage(ws: &Workspace) -> Result<CoverageReport> {
    let conn = ws.conn();
    let as_of = crate::variance::as_of(ws)?;
    let as_of_text = as_of.to_string();
    let mut report = CoverageReport {
        as_of,
        targets: Vec::new(),
        unplanned: Vec::new(),
    };
    for c in coverage_candidates(conn)? {
        let to = if c.end < as_of_text {
            c.end.clone()
        } else {
            as_of_text.clone()
        };
        let actual = actual_to_date(conn, &c, &to)?;
        let gap = c.base - actual;
        let row = TargetCoverage {
            target_id: c.target_id,
            metric_code: c.metric_code,
            metric_name_zh: c.metric_name.0,
            metric_name_en: c.metric_name.1,
            unit: c.unit,
            org_unit_id: c.org_unit_id,
            org_unit_name: c.org_unit_name,
            org_kind: c.org_kind,
            period: c.period,
            base: c.base,
            actual_to_date: actual,
            remaining_gap: gap,
            expected_contribution: c.expected,
            coverage_bp: (gap > 0).then(|| crate::ratio_bp(c.expected as i128, gap as i128)),
            uncovered: (gap - c.expected).max(0),
            action_count: c.action_count,
            open_action_count: c.open_action_count,
        };
        if c.action_count > 0 {
            report.targets.push(row);
        } else {
            report.unplanned.push(row);
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{WAN, YI};

    fn q(ws: &Workspace, sql: &str) -> i64 {
        ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn demo_plan_covers_part_of_the_company_gap() {
        let ws = crate::plan::edit::tests::demo();
        let company_target = q(
            &ws,
            "SELECT t.id FROM target t JOIN org_unit o ON o.id = t.org_unit_id WHERE o.kind = 'company' AND t.period = '2026'",
        );
        // Every demo sale is revenue booked by a rep of the company, 2026-01-01 up to 10-15.
        let actual = q(
            &ws,
            "SELECT SUM(amount) FROM actual WHERE date BETWEEN '2026-01-01' AND '2026-10-15'
             AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
        );
        let open = q(
            &ws,
            "SELECT SUM(expected_contribution) FROM action WHERE status NOT IN ('done','cancelled')",
        );
        // Seed 002's actions: 300万 + 500万 + 100万 + 200万 + 800万.
        assert_eq!(open, 1900 * WAN);
        let r = gap_coverage(&ws).unwrap();
        assert_eq!(r.as_of.to_string(), "2026-10-15");
        assert_eq!(r.targets.len(), 1);
        let c = &r.targets[0];
        assert_eq!(c.target_id, company_target);
        assert_eq!(
            (c.base, c.actual_to_date, c.remaining_gap),
            (YI, actual, YI - actual)
        );
        assert_eq!(c.expected_contribution, open);
        assert_eq!(
            c.coverage_bp,
            Some(crate::ratio_bp(open as i128, (YI - actual) as i128))
        );
        assert_eq!(c.uncovered, (YI - actual - open).max(0));
        assert_eq!((c.action_count, c.open_action_count), (8, 8));
        // No region or team has a plan of its own.
        let names: Vec<&str> = r
            .unplanned
            .iter()
            .filter(|u| u.metric_code == "revenue")
            .map(|u| u.org_unit_name.as_str())
            .collect();
        // Nor does any node for the demo's other additive targets (gross profit, visits, leads,
        // new customers): ten nodes each.
        assert_eq!(r.unplanned.len(), 9 + 4 * 10);
        assert_eq!(
            names,
            vec![
                "华东",
                "华东一组",
                "华东二组",
                "华南",
                "华南一组",
                "华南二组",
                "华北",
                "华北一组",
                "华北二组"
            ]
        );

        // The festival is done: its 800万 no longer counts. A new action for 华东 plans its target.
        ws.conn()
            .execute(
                "UPDATE action SET status = 'done' WHERE title = 'Q4 节日促销活动'",
                [],
            )
            .unwrap();
        ws.conn()
            .execute(
                "INSERT INTO action(target_id, title, start_date, finish_date, expected_contribution)
                 SELECT t.id, '华东大客户攻坚', '2026-10-19', '2026-11-13', 600000000 FROM target t
                 JOIN org_unit o ON o.id = t.org_unit_id WHERE o.name = '华东' AND t.period = '2026'
                 AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
                [],
            )
            .unwrap();
        let east_actual = q(
            &ws,
            "SELECT SUM(a.amount) FROM actual a JOIN org_unit p ON p.id = a.person_id
             JOIN org_unit team ON team.id = p.parent_id JOIN org_unit r ON r.id = team.parent_id
             WHERE r.name = '华东' AND a.date <= '2026-10-15' AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
        );
        let r = gap_coverage(&ws).unwrap();
        assert_eq!(r.targets.len(), 2);
        assert_eq!(r.targets[0].expected_contribution, 1100 * WAN);
        assert_eq!(
            (r.targets[0].action_count, r.targets[0].open_action_count),
            (8, 7)
        );
        let east = &r.targets[1];
        assert_eq!(east.org_unit_name, "华东");
        assert_eq!(east.base, 4000 * WAN);
        assert_eq!(east.actual_to_date, east_actual);
        assert_eq!(
            east.coverage_bp,
            Some(crate::ratio_bp(
                600 * WAN as i128,
                (4000 * WAN - east_actual) as i128
            ))
        );
        let revenue = r.unplanned.iter().filter(|u| u.metric_code == "revenue");
        assert_eq!((revenue.count(), r.unplanned.len()), (8, 8 + 4 * 10));
    }
}
