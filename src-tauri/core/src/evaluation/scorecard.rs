//! Scorecards (DESIGN.md "Evaluation"): weighted KPIs whose weights total 100%, each score capped
//! at an achievement (e.g. 120%), short-term and long-term subtotals (seed 000: "短期指标占60%、
//! 长期指标占40%"), the people of a node ranked (ties by revenue) and the champion (季度销售冠军).

use super::commission::{compute, Commission, CommissionPlan};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::money::format_yuan;
use crate::store::Workspace;
use crate::units::format_percent;
use crate::variance::{achievement_of, Engine, Metric, VarianceQuery};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreItem {
    /// Metric code (revenue, nps, …).
    pub metric: String,
    pub weight_bp: i64,
    /// The achievement the score stops at (12000 = 120%).
    pub cap_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardConfig {
    pub items: Vec<ScoreItem>,
}

fn item(metric: &str, weight_bp: i64) -> ScoreItem {
    ScoreItem {
        metric: metric.into(),
        weight_bp,
        cap_bp: 12_000,
    }
}

fn invalid(zh: String, en: String) -> Error {
    Error::new(Code::InvalidScorecard, zh, en)
}

impl ScorecardConfig {
    /// Seed 000's split: short-term metrics 60% (revenue 30, gross profit 10, collection rate 10,
    /// new customers 5, visits 5), long-term 40% (repurchase rate 15, NPS 15, attrition 10);
    /// every score capped at 120% achievement.
    pub fn seed_default() -> ScorecardConfig {
        ScorecardConfig {
            items: vec![
                item("revenue", 3000),
                item("gross_profit", 1000),
                item("collection_rate", 1000),
                item("new_customers", 500),
                item("visits", 500),
                item("repurchase_rate", 1500),
                item("nps", 1500),
                item("attrition", 1000),
            ],
        }
    }

    /// At least one item, each metric once, weights 0–100% totalling 100%, caps above 0.
    pub fn validate(&self) -> Result<()> {
        if self.items.is_empty() {
            return Err(invalid(
                "评分卡至少需要一个指标".into(),
                "The scorecard needs at least one metric".into(),
            ));
        }
        let mut seen = HashSet::new();
        for (i, it) in self.items.iter().enumerate() {
            let n = i + 1;
            if it.metric.trim().is_empty() {
                return Err(invalid(
                    format!("第 {n} 项没有指定指标"),
                    format!("Item {n} has no metric"),
                ));
            }
            if !seen.insert(it.metric.as_str()) {
                return Err(invalid(
                    format!("指标“{}”在评分卡中出现了不止一次", it.metric),
                    format!("The metric \"{}\" appears more than once", it.metric),
                ));
            }
            if !(0..=10_000).contains(&it.weight_bp) {
                return Err(invalid(
                    format!(
                        "指标“{}”的权重必须在 0% 到 100% 之间（当前 {}）",
                        it.metric,
                        format_percent(it.weight_bp)
                    ),
                    format!(
                        "The weight of \"{}\" must be between 0% and 100% (now {})",
                        it.metric,
                        format_percent(it.weight_bp)
                    ),
                ));
            }
            if it.cap_bp <= 0 {
                return Err(invalid(
                    format!("指标“{}”的得分封顶必须大于 0%", it.metric),
                    format!("The score cap of \"{}\" must be above 0%", it.metric),
                ));
            }
        }
        let total: i64 = self.items.iter().map(|i| i.weight_bp).sum();
        if total != 10_000 {
            return Err(invalid(
                format!("权重合计必须等于 100%（当前 {}）", format_percent(total)),
                format!(
                    "The weights must total 100% (now {})",
                    format_percent(total)
                ),
            ));
        }
        Ok(())
    }
}

/// A scorecard column: the item with its metric's names and horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreColumn {
    pub metric: String,
    pub name_zh: String,
    pub name_en: String,
    /// short | long
    pub horizon: String,
    pub weight_bp: i64,
    pub cap_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreRow {
    pub person_id: i64,
    pub path: String,
    pub name: String,
    /// The person's team (parent unit).
    pub team: String,
    /// Per item, in score basis points (weight × capped achievement); None without a target.
    pub scores: Vec<Option<i64>>,
    /// Per item, the achievement (before the cap); None without a target.
    pub achievements: Vec<Option<i64>>,
    /// Metrics without a target for the person or above (scored 0).
    pub missing: Vec<String>,
    /// Metrics judged against the bar of a unit above the person (rates set per region).
    pub inherited: Vec<String>,
    pub short_term_bp: i64,
    pub long_term_bp: i64,
    pub total_bp: i64,
    pub rank: i64,
    pub revenue_actual: i64,
    pub revenue_target: Option<i64>,
    pub commission: Commission,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorecardReport {
    pub period: String,
    pub node: String,
    pub as_of: chrono::NaiveDate,
    pub items: Vec<ScoreColumn>,
    pub plan: CommissionPlan,
    /// Best first.
    pub rows: Vec<ScoreRow>,
}

/// Item score: the achievement capped (and not below 0), times the weight.
pub fn item_score(achievement_bp: i64, item: &ScoreItem) -> i64 {
    let a = achievement_bp.clamp(0, item.cap_bp);
    crate::ratio_bp(a as i128 * item.weight_bp as i128, 100_000_000)
}

/// One metric for every person under the node: the achievement (None without a target of the
/// person's own nor, for rates and levels, one on a unit above; true when from a unit above), the
/// actual and the own target base.
struct ItemFigures {
    period: String,
    achievement: HashMap<i64, (Option<i64>, bool)>,
    values: HashMap<i64, (i64, Option<i64>)>,
}

fn item_figures(e: &Engine, m: &Metric, node: &str, period: &str) -> Result<ItemFigures> {
    let ranking = e.ranking(&VarianceQuery::new(&m.code, node, period))?;
    let mut bars: HashMap<i64, Option<i64>> = HashMap::new();
    let mut achievement = HashMap::new();
    let mut values = HashMap::new();
    for r in &ranking.rows {
        values.insert(r.person_id, (r.actual, r.target));
        if r.achievement_bp.is_some() || m.is_additive() {
            achievement.insert(r.person_id, (r.achievement_bp, false));
            continue;
        }
        // A rate or level set on a unit above applies to the people under it.
        let mut up = e.tree.get(r.person_id).and_then(|n| n.parent_id);
        let mut found = None;
        while let Some(unit) = up {
            let bar = match bars.get(&unit) {
                Some(b) => *b,
                None => {
                    let q = VarianceQuery::new(&m.code, &e.tree.path(unit), period);
                    let b = e.variance(&q)?.figures.target.map(|t| t.base);
                    bars.insert(unit, b);
                    b
                }
            };
            if let Some(b) = bar {
                found = achievement_of(r.has_actual.then_some(r.actual), b, m.lower_is_better);
                break;
            }
            up = e.tree.get(unit).and_then(|n| n.parent_id);
        }
        achievement.insert(r.person_id, (found, found.is_some()));
    }
    Ok(ItemFigures {
        period: ranking.period,
        achievement,
        values,
    })
}

/// The scorecards of the people under `node_path` for `period`, ranked, each with the
/// commission of the workspace's plan on their revenue.
pub fn scorecards(
    ws: &Workspace,
    node_path: &str,
    period: &str,
    config: &ScorecardConfig,
) -> Result<ScorecardReport> {
    // No item at all: a workspace with no active metric (the defaults are empty) scores no one
    // and still lists its people with their commission; a scorecard is not saved empty.
    if !config.items.is_empty() {
        config.validate()?;
    }
    let plan = super::load_plan(ws)?;
    plan.validate()?;
    let e = Engine::new(ws)?;
    let node = e.tree.resolve(node_path)?.id;
    let mut columns = Vec::new();
    let mut figures = Vec::new();
    for it in &config.items {
        let m = Metric::by_code(ws.conn(), &it.metric)?;
        figures.push(item_figures(&e, &m, node_path, period)?);
        columns.push(ScoreColumn {
            metric: m.code.clone(),
            name_zh: m.name_zh.clone(),
            name_en: m.name_en.clone(),
            horizon: m.horizon.clone(),
            weight_bp: it.weight_bp,
            cap_bp: it.cap_bp,
        });
    }
    let revenue = Metric::by_code(ws.conn(), "revenue")?;
    let revenue = item_figures(&e, &revenue, node_path, period)?;
    let mut rows = Vec::new();
    for person in e.tree.people(node) {
        let mut row = person_row(&e, person, &plan, &revenue.values);
        for ((it, col), f) in config.items.iter().zip(&columns).zip(&figures) {
            let (a, inherited) = f.achievement.get(&person).copied().unwrap_or((None, false));
            let score = a.map(|a| item_score(a, it));
            row.achievements.push(a);
            row.scores.push(score);
            if a.is_none() {
                row.missing.push(col.metric.clone());
            }
            if inherited {
                row.inherited.push(col.metric.clone());
            }
            let s = score.unwrap_or(0);
            if col.horizon == "long" {
                row.long_term_bp += s;
            } else {
                row.short_term_bp += s;
            }
        }
        row.total_bp = row.short_term_bp + row.long_term_bp;
        rows.push(row);
    }
    rows.sort_by(|a, b| {
        b.total_bp
            .cmp(&a.total_bp)
            .then(b.revenue_actual.cmp(&a.revenue_actual))
            .then(a.path.cmp(&b.path))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i as i64 + 1;
    }
    Ok(ScorecardReport {
        period: revenue.period,
        node: e.tree.path(node),
        as_of: e.as_of,
        items: columns,
        plan,
        rows,
    })
}

fn person_row(
    e: &Engine,
    person: i64,
    plan: &CommissionPlan,
    revenue: &HashMap<i64, (i64, Option<i64>)>,
) -> ScoreRow {
    let node = e.tree.get(person);
    let team = node
        .and_then(|n| n.parent_id)
        .and_then(|p| e.tree.get(p))
        .map(|t| t.name.clone())
        .unwrap_or_default();
    let (revenue_actual, revenue_target) = revenue.get(&person).copied().unwrap_or((0, None));
    ScoreRow {
        person_id: person,
        path: e.tree.path(person),
        name: node.map(|n| n.name.clone()).unwrap_or_default(),
        team,
        scores: Vec::new(),
        achievements: Vec::new(),
        missing: Vec::new(),
        inherited: Vec::new(),
        short_term_bp: 0,
        long_term_bp: 0,
        total_bp: 0,
        rank: 0,
        revenue_actual,
        revenue_target,
        commission: compute(plan, revenue_actual, revenue_target),
    }
}

impl ScoreRow {
    fn to_json(&self) -> Value {
        json!({
            "personId": self.person_id,
            "path": self.path,
            "name": self.name,
            "team": self.team,
            "scores": self.scores,
            "achievements": self.achievements,
            "missing": self.missing,
            "inherited": self.inherited,
            "shortTermBp": self.short_term_bp,
            "longTermBp": self.long_term_bp,
            "totalBp": self.total_bp,
            "rank": self.rank,
            "revenueActual": format_yuan(self.revenue_actual),
            "revenueTarget": self.revenue_target.map(format_yuan),
            "commission": self.commission.to_json(),
        })
    }
}

impl ScorecardReport {
    /// The champion: rank 1, the first row.
    pub fn champion(&self) -> Option<&ScoreRow> {
        self.rows.first()
    }

    /// JSON with money as decimal yuan strings (CLI).
    pub fn to_json(&self) -> Value {
        json!({
            "period": self.period,
            "node": self.node,
            "asOf": self.as_of,
            "items": self.items,
            "plan": super::plan_json(&self.plan),
            "rows": self.rows.iter().map(ScoreRow::to_json).collect::<Vec<_>>(),
            "champion": self.champion().map(ScoreRow::to_json),
        })
    }
}
