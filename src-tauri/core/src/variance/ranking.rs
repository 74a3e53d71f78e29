//! Rankings of people by achievement (the quarterly champion), and the indicator groups of a
//! node: lagging / leading / risk / health metrics, short- and long-term.

use super::engine::{Engine, Figures, VarianceQuery};
use super::model::Metric;
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RankRow {
    pub rank: i64,
    pub person_id: i64,
    pub name: String,
    pub path: String,
    pub target: Option<i64>,
    pub actual: i64,
    /// Whether any data was recorded (a lower-is-better metric without data has no achievement).
    pub has_actual: bool,
    pub achievement_bp: Option<i64>,
}

/// A champion is named once this share of the period's working days is gone (before that the
/// first is only the leader so far).
pub const CHAMPION_AFTER_BP: i64 = 5_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    pub metric: String,
    pub period: String,
    /// What the ranking is of: `week`, `month`, `quarter`, `half`, `year` or `ytd` (本周/本月/本季…).
    pub scope: &'static str,
    /// Working days of the period gone, in bp.
    pub time_progress_bp: i64,
    pub rows: Vec<RankRow>,
    /// The first of the ranking when it has achieved anything (never an empty "champion").
    pub leader: Option<RankRow>,
    /// The leader is the champion: at least [`CHAMPION_AFTER_BP`] of the working days gone and
    /// an achievement at or above the time progress (on pace). Otherwise "leader so far".
    pub champion: Option<RankRow>,
}

/// The kind of a period key: `2026` year, `2026-H1` half, `2026-Q3` quarter, `2026-W14` week,
/// `2026-YTD` year to date, `2026-03` month.
pub(crate) fn period_scope(key: &str) -> &'static str {
    match key.get(4..) {
        None | Some("") => "year",
        Some(r) if r.starts_with("-H") => "half",
        Some(r) if r.starts_with("-Q") => "quarter",
        Some(r) if r.starts_with("-W") => "week",
        Some("-YTD") => "ytd",
        Some(_) => "month",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub metric: Metric,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorGroup {
    /// lagging 滞后, leading 领先, risk 风险, health 健康.
    pub kind: String,
    pub short_term: Vec<Indicator>,
    pub long_term: Vec<Indicator>,
}

impl Engine<'_> {
    /// The people under the query's node ranked by achievement (then actual), best first.
    pub fn ranking(&self, q: &VarianceQuery) -> Result<Ranking> {
        let r = self.resolve(q)?;
        let people = self.tree.people(r.node);
        let to = self.to_date(&r.period);
        let actual = self.actual_values(&r.metric, r.dim.as_ref(), r.period.start, to, &people)?;
        let mut rows = Vec::with_capacity(people.len());
        for (i, &p) in people.iter().enumerate() {
            let a = actual[i].unwrap_or(0);
            let (_, target) = self.target_of(&r, p)?;
            rows.push(RankRow {
                rank: 0,
                person_id: p,
                name: self.tree.get(p).map(|n| n.name.clone()).unwrap_or_default(),
                path: self.tree.path(p),
                target: target.map(|t| t.base),
                actual: a,
                has_actual: actual[i].is_some(),
                achievement_bp: target.and_then(|t| {
                    super::achievement_of(actual[i], t.base, r.metric.lower_is_better)
                }),
            });
        }
        rows.sort_by(|a, b| {
            b.achievement_bp
                .cmp(&a.achievement_bp)
                .then(b.actual.cmp(&a.actual))
                .then(a.person_id.cmp(&b.person_id))
        });
        for (i, row) in rows.iter_mut().enumerate() {
            row.rank = i as i64 + 1;
        }
        let time_progress_bp =
            crate::calendar::time_progress_bp(&self.cal, r.period.start, r.period.end, self.as_of);
        let leader = rows
            .first()
            .filter(|f| f.has_actual && f.actual != 0 && f.achievement_bp.is_some_and(|a| a > 0))
            .cloned();
        let champion = leader.clone().filter(|l| {
            time_progress_bp >= CHAMPION_AFTER_BP
                && l.achievement_bp.is_some_and(|a| a >= time_progress_bp)
        });
        Ok(Ranking {
            metric: r.metric.code.clone(),
            period: r.period.key.clone(),
            scope: period_scope(&r.period.key),
            time_progress_bp,
            leader,
            champion,
            rows,
        })
    }

    /// The quarterly champion: the best achiever of `year`-Q`quarter` under the node.
    pub fn quarterly_champion(
        &self,
        metric: &str,
        node: &str,
        year: i32,
        quarter: u32,
    ) -> Result<Option<RankRow>> {
        Ok(self
            .ranking(&VarianceQuery::new(
                metric,
                node,
                &format!("{year}-Q{quarter}"),
            ))?
            .champion)
    }

    /// Every metric with a target or an actual for the node, grouped by kind and horizon.
    pub fn indicators(&self, node: &str, period: &str) -> Result<Vec<IndicatorGroup>> {
        let mut groups: Vec<IndicatorGroup> = ["lagging", "leading", "risk", "health"]
            .iter()
            .map(|k| IndicatorGroup {
                kind: k.to_string(),
                short_term: Vec::new(),
                long_term: Vec::new(),
            })
            .collect();
        for m in Metric::all(self.conn)? {
            let r = self.resolve(&VarianceQuery::new(&m.code, node, period))?;
            let to = self.to_date(&r.period);
            let actual = self.actual_values(&m, None, r.period.start, to, &[r.node])?;
            let figures = self.figures_of(&r, r.node, actual[0])?;
            if figures.target.is_none() && actual[0].unwrap_or(0) == 0 {
                continue;
            }
            let Some(g) = groups.iter_mut().find(|g| g.kind == m.kind) else {
                continue;
            };
            let list = if m.horizon == "long" {
                &mut g.long_term
            } else {
                &mut g.short_term
            };
            list.push(Indicator { metric: m, figures });
        }
        Ok(groups)
    }
}
