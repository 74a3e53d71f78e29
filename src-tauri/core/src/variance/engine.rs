//! The variance engine: for a metric, a node (and its children), an optional dimension member
//! and a period, every figure of the dashboard — target tiers, actual to date, achievement, gap,
//! time progress, expected to date, pace variance and alert, forecasts and the tier they reach.

use super::kept::KeptFigures;
use super::model::{DimFilter, Metric, Sum};
use super::period::{parse_period, PeriodRange};
use super::store;
use super::targets::{target_set_for, NodeTargets, TierValues};
use super::tree::OrgTree;
use super::{achievement_of, as_of, mul_div_round, workspace_calendar};
use crate::calendar::{time_progress_bp, FiscalYear, WorkCalendar};
use crate::error::Result;
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Which tier a forecast reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Tier {
    Challenge,
    Base,
    Floor,
    /// Below the floor.
    Below,
}

impl Tier {
    pub fn code(self) -> &'static str {
        match self {
            Tier::Challenge => "challenge",
            Tier::Base => "base",
            Tier::Floor => "floor",
            Tier::Below => "below",
        }
    }

    /// The highest tier `value` reaches; for lower-is-better metrics staying at or under it.
    pub fn reached(value: i64, t: TierValues, lower_is_better: bool) -> Tier {
        let ok = |limit: i64| {
            if lower_is_better {
                value <= limit
            } else {
                value >= limit
            }
        };
        if ok(t.challenge) {
            Tier::Challenge
        } else if ok(t.base) {
            Tier::Base
        } else if ok(t.floor) {
            Tier::Floor
        } else {
            Tier::Below
        }
    }
}

/// Forecasts to the end of the period, in the metric's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// The forecast the tier is judged on: seasonal, else linear.
    pub value: i64,
    /// Actual / cumulative share of the split.
    pub seasonal: Option<i64>,
    /// Actual / elapsed share of the working days.
    pub linear: Option<i64>,
    /// Σ amount × win probability of the open deals expected to close in the period (revenue).
    pub pipeline_weighted: Option<i64>,
    /// Actual plus the weighted pipeline.
    pub with_pipeline: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub node_id: i64,
    pub path: String,
    pub name: String,
    pub kind: String,
    /// Target of the whole period, every tier; None when the node has no target.
    pub target: Option<TierValues>,
    /// Actual to date (to the as-of day, or the period's end when it is over).
    pub actual: i64,
    pub achievement_bp: Option<i64>,
    pub gap: Option<i64>,
    pub time_progress_bp: i64,
    pub expected_to_date: Option<i64>,
    pub pace_variance_bp: Option<i64>,
    pub alert: bool,
    pub forecast: Option<Forecast>,
    pub tier_reached: Option<Tier>,
    pub children: Vec<Figures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceReport {
    pub metric: Metric,
    pub dimension: Option<DimFilter>,
    pub period: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub as_of: NaiveDate,
    pub figures: Figures,
}

/// What every variance question is asked against: the org tree, the calendar, the as-of day.
/// The tree and the calendar are kept with the workspace between questions (see
/// [`Workspace::memo`]) and read again only after the data changed.
pub struct Engine<'a> {
    pub(crate) conn: &'a Connection,
    pub tree: Arc<OrgTree>,
    pub cal: Arc<WorkCalendar>,
    /// Sums and target rows read once and kept (see [`KeptFigures`]).
    pub(crate) kept: Arc<KeptFigures>,
    pub as_of: NaiveDate,
    pub(crate) fiscal_start_month: u32,
}

/// What an engine keeps between questions while the data stays the same.
struct Kept {
    tree: Arc<OrgTree>,
    cal: Arc<WorkCalendar>,
    figures: Arc<KeptFigures>,
}

/// One question: metric, node path, period key, optional dimension member.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceQuery {
    pub metric: String,
    pub node: String,
    pub period: String,
    /// Restrict to one dimension member, e.g. `{ "dim": "product_line", "code": "saas" }`.
    pub dimension: Option<DimensionRef>,
}

/// A dimension member named by its dimension (product_line, customer_type, channel) and code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionRef {
    pub dim: String,
    pub code: String,
}

impl VarianceQuery {
    pub fn new(metric: &str, node: &str, period: &str) -> Self {
        VarianceQuery {
            metric: metric.into(),
            node: node.into(),
            period: period.into(),
            dimension: None,
        }
    }
}

/// A resolved query.
pub(crate) struct Resolved {
    pub metric: Metric,
    pub node: i64,
    pub period: PeriodRange,
    pub dim: Option<DimFilter>,
    pub set: Option<i64>,
    /// Weighted pipeline per owner, read on first use.
    pub pipeline: std::cell::OnceCell<HashMap<i64, i128>>,
}

impl<'a> Engine<'a> {
    pub fn new(ws: &'a Workspace) -> Result<Engine<'a>> {
        let conn = ws.conn();
        let as_of = as_of(ws)?;
        let fiscal_start_month = super::fiscal_start_month(ws, as_of)?;
        let kept = ws.memo(|ws| {
            Ok(Kept {
                tree: Arc::new(OrgTree::load(ws.conn())?),
                cal: Arc::new(workspace_calendar(ws)?),
                figures: Arc::default(),
            })
        })?;
        Ok(Engine {
            conn,
            tree: kept.tree.clone(),
            cal: kept.cal.clone(),
            kept: kept.figures.clone(),
            as_of,
            fiscal_start_month,
        })
    }

    pub(crate) fn resolve(&self, q: &VarianceQuery) -> Result<Resolved> {
        let metric = Metric::by_code(self.conn, &q.metric)?;
        let node = self.tree.resolve(&q.node)?.id;
        let period = parse_period(&q.period, self.fiscal_start_month, self.as_of)?;
        let dim = match &q.dimension {
            Some(d) => Some(DimFilter::resolve(self.conn, &d.dim, &d.code)?),
            None => None,
        };
        let fy = FiscalYear::containing(period.start, self.fiscal_start_month);
        let set = target_set_for(self.conn, fy.year)?;
        Ok(Resolved {
            metric,
            node,
            period,
            dim,
            set,
            pipeline: Default::default(),
        })
    }

    /// First and last day of a period key (`2026`, `2026-Q3`, `2026-03`, `2026-W14`, `2026-YTD`),
    /// or a clear error naming the accepted forms.
    pub fn period_range(&self, key: &str) -> Result<(NaiveDate, NaiveDate)> {
        let p = parse_period(key, self.fiscal_start_month, self.as_of)?;
        Ok((p.start, p.end))
    }

    /// A period key as it is written everywhere ("2026-w5" -> "2026-W05"), or the same error.
    pub fn period_key(&self, key: &str) -> Result<String> {
        Ok(parse_period(key, self.fiscal_start_month, self.as_of)?.key)
    }

    /// The last day counted for actuals of the period.
    pub(crate) fn to_date(&self, p: &PeriodRange) -> NaiveDate {
        self.as_of.min(p.end)
    }

    /// Per-person sums of a metric over `from..=to`: everyone's, kept (a node adds up its own
    /// people from it).
    pub(crate) fn person_sums(
        &self,
        metric_id: i64,
        dim: Option<&DimFilter>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Arc<HashMap<i64, Sum>>> {
        self.kept.by_person(self.conn, metric_id, dim, from, to)
    }

    /// How many actual rows (orders) of a metric the people under `node` have in `from..=to`.
    pub fn rows_of(
        &self,
        metric_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        node: i64,
    ) -> Result<i64> {
        let sums = self.person_sums(metric_id, None, from, to)?;
        Ok(self.node_sum(&sums, node).rows)
    }

    /// Daily sums of `from..=to` over the people under `node` (everyone's for the root).
    pub(crate) fn day_sums(
        &self,
        metric_id: i64,
        dim: Option<&DimFilter>,
        from: NaiveDate,
        to: NaiveDate,
        node: i64,
    ) -> Result<std::collections::BTreeMap<NaiveDate, Sum>> {
        let people = (!self.tree.is_root(node)).then(|| self.tree.people(node));
        match dim {
            None => self
                .kept
                .by_day(self.conn, metric_id, from, to, people.as_deref()),
            Some(_) => store::actuals::by_day(
                self.conn,
                store::actuals::Range {
                    metric_id,
                    dim,
                    from,
                    to,
                    people: people.as_deref(),
                },
            ),
        }
    }

    pub(crate) fn node_sum(&self, sums: &HashMap<i64, Sum>, node: i64) -> Sum {
        let mut s = Sum::default();
        for p in self.tree.people(node) {
            if let Some(v) = sums.get(&p) {
                s += *v;
            }
        }
        s
    }

    /// The actual value of each node over `from..=to`, aggregated as the metric says: sums add,
    /// averages divide the summed amount by the summed rows, ratios divide their summed
    /// components (never an average of ratios), "last" takes the latest day's value.
    pub(crate) fn actual_values(
        &self,
        m: &Metric,
        dim: Option<&DimFilter>,
        from: NaiveDate,
        to: NaiveDate,
        nodes: &[i64],
    ) -> Result<Vec<Option<i64>>> {
        if to < from {
            return Ok(vec![Some(0); nodes.len()]);
        }
        if let Some((num, den)) = m.components() {
            let ns = self.person_sums(num, dim, from, to)?;
            let ds = self.person_sums(den, dim, from, to)?;
            return Ok(nodes
                .iter()
                .map(|&n| m.ratio_value(self.node_sum(&ns, n).amount, self.node_sum(&ds, n).amount))
                .collect());
        }
        match m.aggregation.as_str() {
            "last" => nodes
                .iter()
                .map(|&n| {
                    let days = self.day_sums(m.id, dim, from, to, n)?;
                    Ok(days.values().next_back().map(|s| s.amount))
                })
                .collect(),
            agg => {
                let sums = self.person_sums(m.id, dim, from, to)?;
                Ok(nodes
                    .iter()
                    .map(|&n| {
                        let s = self.node_sum(&sums, n);
                        match agg {
                            "sum" => Some(s.amount),
                            _ if s.rows == 0 => None,
                            _ => Some(mul_div_round(s.amount, 1, s.rows)),
                        }
                    })
                    .collect())
            }
        }
    }

    pub(crate) fn node_targets(
        &self,
        r: &Resolved,
        metric_id: i64,
        node: i64,
        roll_up: bool,
    ) -> Result<NodeTargets> {
        match r.set {
            None => Ok(NodeTargets::default()),
            Some(set) => {
                let dim = r.dim.as_ref().map(|d| d.member_id);
                let rows = self.kept.targets(self.conn, set, metric_id, dim)?;
                Ok(NodeTargets::load(&rows, &self.tree, node, roll_up))
            }
        }
    }

    /// A node's target of the period: its own rows; for a ratio metric without rows, the ratio
    /// of its components' targets.
    pub(crate) fn target_of(
        &self,
        r: &Resolved,
        node: i64,
    ) -> Result<(NodeTargets, Option<TierValues>)> {
        let (s, e) = (r.period.start, r.period.end);
        let own = self.node_targets(r, r.metric.id, node, r.metric.is_additive())?;
        let own_target = if r.metric.is_additive() {
            own.for_range(&self.cal, s, e)
        } else {
            own.level_for(s, e)
        };
        if let Some(t) = own_target {
            return Ok((own, Some(t)));
        }
        if let Some((num, den)) = r.metric.components() {
            let n = self
                .node_targets(r, num, node, true)?
                .for_range(&self.cal, s, e);
            let d = self
                .node_targets(r, den, node, true)?
                .for_range(&self.cal, s, e);
            if let (Some(n), Some(d)) = (n, d) {
                let f = |a: i64, b: i64| r.metric.ratio_value(a, b).unwrap_or(0);
                let t = TierValues {
                    floor: f(n.floor, d.floor),
                    base: f(n.base, d.base),
                    challenge: f(n.challenge, d.challenge),
                };
                return Ok((own, Some(t)));
            }
        }
        Ok((own, None))
    }

    /// Σ amount × win probability (in bp) of the open deals expected to close in the period,
    /// per owner; read once per query.
    fn pipeline_by_owner(&self, r: &Resolved) -> Result<HashMap<i64, i128>> {
        let member = r.dim.as_ref().map(|d| d.member_id).unwrap_or(0);
        store::deals::pipeline_by_owner(self.conn, r.period.start, r.period.end, member)
    }

    /// Open deals of the people under `node`, expected to close in the period: Σ amount × win
    /// (revenue only; a dimension filter other than the product line has no pipeline).
    fn weighted_pipeline(&self, r: &Resolved, node: i64) -> Result<Option<i64>> {
        if r.metric.code != "revenue" || r.dim.as_ref().is_some_and(|d| d.dim != "product_line") {
            return Ok(None);
        }
        if r.pipeline.get().is_none() {
            let _ = r.pipeline.set(self.pipeline_by_owner(r)?);
        }
        let Some(by_owner) = r.pipeline.get() else {
            return Ok(None);
        };
        let total: i128 = self
            .tree
            .people(node)
            .iter()
            .filter_map(|p| by_owner.get(p))
            .sum();
        Ok(Some(
            i64::try_from((total + 5_000) / 10_000).unwrap_or(i64::MAX),
        ))
    }

    pub(crate) fn figures_of(
        &self,
        r: &Resolved,
        node: i64,
        actual: Option<i64>,
    ) -> Result<Figures> {
        let p = &r.period;
        let m = &r.metric;
        let n = self.tree.get(node).expect("node from the tree");
        let to = self.to_date(p);
        let actual_v = actual.unwrap_or(0);
        let (targets, target) = self.target_of(r, node)?;
        let time_progress = time_progress_bp(&self.cal, p.start, p.end, self.as_of);
        let mut f = Figures {
            node_id: node,
            path: self.tree.path(node),
            name: n.name.clone(),
            kind: n.kind.clone(),
            target,
            actual: actual_v,
            // A period that has not begun has no data yet (not zero complaints).
            achievement_bp: target.and_then(|t| {
                achievement_of(actual.filter(|_| to >= p.start), t.base, m.lower_is_better)
            }),
            gap: target.map(|t| actual_v - t.base),
            time_progress_bp: time_progress,
            expected_to_date: None,
            pace_variance_bp: None,
            alert: false,
            forecast: None,
            tier_reached: None,
            children: Vec::new(),
        };
        let Some(t) = target else {
            return Ok(f);
        };
        if !m.is_additive() {
            // Ratios, averages and last values do not accumulate: judge the value itself.
            f.tier_reached = actual.map(|a| Tier::reached(a, t, m.lower_is_better));
            return Ok(f);
        }
        let expected = targets.expected_by(&self.cal, t, p.start, p.end, to).base;
        f.expected_to_date = Some(expected);
        if to < p.start {
            // The period has not started: nothing to judge or forecast yet.
            return Ok(f);
        }
        if expected != 0 {
            let pace = crate::ratio_bp(actual_v as i128, expected as i128).saturating_sub(10_000);
            let pace = if m.lower_is_better { -pace } else { pace };
            f.pace_variance_bp = Some(pace);
            f.alert = pace < m.alert_threshold_bp;
        }
        let seasonal = (expected != 0).then(|| mul_div_round(actual_v, t.base, expected));
        let elapsed = self.cal.working_days(p.start, to);
        let linear = (elapsed > 0)
            .then(|| mul_div_round(actual_v, self.cal.working_days(p.start, p.end), elapsed));
        let pipeline = if self.as_of < p.end {
            self.weighted_pipeline(r, node)?
        } else {
            None
        };
        let value = if to >= p.end {
            actual_v
        } else {
            seasonal.or(linear).unwrap_or(actual_v)
        };
        f.forecast = Some(Forecast {
            value,
            seasonal,
            linear,
            pipeline_weighted: pipeline,
            with_pipeline: pipeline.map(|w| actual_v + w),
        });
        f.tier_reached = Some(Tier::reached(value, t, m.lower_is_better));
        Ok(f)
    }

    /// Figures of the node and of each of its children.
    pub(crate) fn report(&self, r: &Resolved) -> Result<VarianceReport> {
        let mut nodes = vec![r.node];
        nodes.extend(self.tree.children(r.node).iter().map(|c| c.id));
        let to = self.to_date(&r.period);
        let actual = self.actual_values(&r.metric, r.dim.as_ref(), r.period.start, to, &nodes)?;
        let mut figures = self.figures_of(r, r.node, actual[0])?;
        for (i, &c) in nodes.iter().enumerate().skip(1) {
            figures.children.push(self.figures_of(r, c, actual[i])?);
        }
        Ok(VarianceReport {
            metric: r.metric.clone(),
            dimension: r.dim.clone(),
            period: r.period.key.clone(),
            period_start: r.period.start,
            period_end: r.period.end,
            as_of: self.as_of,
            figures,
        })
    }

    /// Every figure of the query's node and its children.
    pub fn variance(&self, q: &VarianceQuery) -> Result<VarianceReport> {
        self.report(&self.resolve(q)?)
    }

    /// The node's figures split by the members of a dimension (product_line, customer_type,
    /// channel): one row per member, as `children` of the node's total.
    pub fn by_dimension(&self, q: &VarianceQuery, dim: &str) -> Result<VarianceReport> {
        let mut total = self.variance(&VarianceQuery {
            dimension: None,
            ..q.clone()
        })?;
        let mut rows = Vec::new();
        for member in DimFilter::members(self.conn, dim)? {
            let mut r = self.resolve(q)?;
            r.dim = Some(member.clone());
            let to = self.to_date(&r.period);
            let a = self.actual_values(&r.metric, r.dim.as_ref(), r.period.start, to, &[r.node])?;
            let mut f = self.figures_of(&r, r.node, a[0])?;
            f.name = member.name_zh.clone();
            f.path = format!("{}#{}={}", f.path, member.dim, member.code);
            rows.push(f);
        }
        total.figures.children = rows;
        Ok(total)
    }
}
