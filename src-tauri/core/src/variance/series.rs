//! Series behind the charts: the cumulative curve of a node (actual against the expected pace
//! and the tier bands) and the achievement heatmap of a node's teams (or sub-units) by month.

use super::engine::{Engine, Resolved, VarianceQuery};
use super::period::months_between;
use super::targets::TierValues;
use super::VarianceReport;
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CumulativePoint {
    pub date: NaiveDate,
    /// Cumulative actual; None after the as-of day.
    pub actual: Option<i64>,
    /// Cumulative expected pace of each tier (the split's cumulative shares).
    pub expected: TierValues,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cumulative {
    pub metric: super::Metric,
    pub node: String,
    pub node_name: String,
    pub period: String,
    pub as_of: NaiveDate,
    pub target: Option<TierValues>,
    pub forecast: Option<i64>,
    pub points: Vec<CumulativePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatmapRow {
    pub name: String,
    pub path: String,
    /// Achievement of each month in basis points (the month in progress against its target
    /// to date); None for months not started or without target.
    pub cells: Vec<Option<i64>>,
    /// Each month's actual (to the as-of day) and base target (to date for the month in
    /// progress), as the cells compare them.
    pub actuals: Vec<Option<i64>>,
    pub targets: Vec<Option<i64>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Heatmap {
    pub metric: super::Metric,
    pub node: String,
    pub node_name: String,
    pub period: String,
    /// YYYY-MM of each column.
    pub months: Vec<String>,
    pub rows: Vec<HeatmapRow>,
}

fn needs_additive(code: &str) -> Error {
    Error::new(
        Code::MetricNotAdditive,
        format!("指标“{code}”不可累计（比率、平均或期末值），无法绘制累计曲线"),
        format!("Metric \"{code}\" does not accumulate (a ratio, average or last value); no cumulative curve"),
    )
}

/// The most teams a heatmap lists one per row; above it, it lists the node's own sub-units.
pub(crate) const HEATMAP_TEAMS: usize = 24;

impl Engine<'_> {
    /// Day by day over the period: cumulative actual to the as-of day and the cumulative
    /// expected pace of floor, base and challenge.
    pub fn cumulative(&self, q: &VarianceQuery) -> Result<Cumulative> {
        let r = self.resolve(q)?;
        let report = self.report(&r)?;
        self.cumulative_of(&r, &report)
    }

    /// [`Engine::cumulative`] of a query whose report is at hand (the dashboard has it already).
    pub fn cumulative_with(
        &self,
        q: &VarianceQuery,
        report: &VarianceReport,
    ) -> Result<Cumulative> {
        self.cumulative_of(&self.resolve(q)?, report)
    }

    fn cumulative_of(&self, r: &Resolved, report: &VarianceReport) -> Result<Cumulative> {
        if !r.metric.is_additive() {
            return Err(needs_additive(&r.metric.code));
        }
        let (p, node) = (&r.period, r.node);
        let to = self.to_date(p);
        let days = self.day_sums(r.metric.id, r.dim.as_ref(), p.start, to, node)?;
        let (targets, target) = self.target_of(r, node)?;
        let expected = target.map(|t| targets.expected_curve(&self.cal, t, p.start, p.end));
        let mut points = Vec::new();
        let mut running = 0i64;
        let mut d = p.start;
        while d <= p.end {
            if let Some(s) = days.get(&d) {
                running += s.amount;
            }
            let i = points.len();
            points.push(CumulativePoint {
                date: d,
                actual: (d <= to).then_some(running),
                expected: expected
                    .as_ref()
                    .and_then(|e| e.get(i).copied())
                    .unwrap_or_default(),
            });
            d += Duration::days(1);
        }
        Ok(Cumulative {
            metric: r.metric.clone(),
            node: self.tree.path(node),
            node_name: report.figures.name.clone(),
            period: p.key.clone(),
            as_of: self.as_of,
            target,
            forecast: report.figures.forecast.map(|f| f.value),
            points,
        })
    }

    /// Achievement by month of the node's own sub-units (a region's teams, a team's people; the
    /// company's regions, each a click away from its teams), or of the person itself.
    pub fn heatmap(&self, q: &VarianceQuery) -> Result<Heatmap> {
        let r = self.resolve(q)?;
        let node = self.tree.get(r.node).expect("resolved node");
        let rows = self.heatmap_rows(node.id);
        let months = months_between(r.period.start, r.period.end);
        let targets = rows
            .iter()
            .map(|&n| self.target_of(&r, n).map(|t| t.0))
            .collect::<Result<Vec<_>>>()?;
        let mut cells = vec![Vec::with_capacity(months.len()); rows.len()];
        let mut month_actuals = vec![Vec::with_capacity(months.len()); rows.len()];
        let mut month_targets = vec![Vec::with_capacity(months.len()); rows.len()];
        for &(ms, me) in &months {
            let (from, end) = (ms.max(r.period.start), me.min(r.period.end));
            let to = end.min(self.as_of);
            let actual = if to >= from {
                Some(self.actual_values(&r.metric, r.dim.as_ref(), from, to, &rows)?)
            } else {
                None
            };
            for (i, t) in targets.iter().enumerate() {
                // The month in progress is judged against its target to date.
                let target = t.for_range(&self.cal, from, to.max(from));
                let cell = match (&actual, target) {
                    (Some(a), Some(t)) => {
                        a[i].map(|v| super::achievement_bp(v, t.base, r.metric.lower_is_better))
                    }
                    _ => None,
                };
                cells[i].push(cell);
                month_actuals[i].push(actual.as_ref().and_then(|a| a[i]));
                month_targets[i].push(actual.as_ref().and(target).map(|t| t.base));
            }
        }
        Ok(Heatmap {
            metric: r.metric.clone(),
            node: self.tree.path(node.id),
            node_name: node.name.clone(),
            period: r.period.key.clone(),
            months: months
                .iter()
                .map(|(m, _)| m.format("%Y-%m").to_string())
                .collect(),
            rows: rows
                .iter()
                .zip(cells)
                .zip(month_actuals.into_iter().zip(month_targets))
                .map(|((&id, cells), (actuals, targets))| HeatmapRow {
                    name: self
                        .tree
                        .get(id)
                        .map(|n| n.name.clone())
                        .unwrap_or_default(),
                    path: self.tree.path(id),
                    cells,
                    actuals,
                    targets,
                })
                .collect(),
        })
    }

    /// The rows of a node's heatmap: the teams under it while they fit a readable chart (at most
    /// `HEATMAP_TEAMS`), else its own sub-units (a company of 500 teams shows its regions, each a
    /// click away from its teams); a team's people; the node itself when it has no sub-unit.
    fn heatmap_rows(&self, node: i64) -> Vec<i64> {
        let children: Vec<i64> = self.tree.children(node).iter().map(|n| n.id).collect();
        let teams: Vec<i64> = self
            .tree
            .descendants(node)
            .iter()
            .filter(|n| n.kind == "team" && n.id != node)
            .map(|n| n.id)
            .collect();
        if children.is_empty() {
            vec![node]
        } else if !teams.is_empty() && teams.len() <= HEATMAP_TEAMS {
            teams
        } else {
            children
        }
    }
}
