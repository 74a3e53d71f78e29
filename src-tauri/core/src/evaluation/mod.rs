//! Evaluation (DESIGN.md "Evaluation, adjustment, review"): tiered commission with the target
//! bonus and the excess, scorecards with weights, caps, short/long-term subtotals and rankings,
//! the settings they are computed with, and their export table.

pub mod commission;
pub mod defaults;
pub mod scorecard;
mod store;
mod table;

pub use commission::{
    compute, Commission, CommissionKind, CommissionPlan, CommissionTier, NextTier,
};
pub use scorecard::{
    item_score, scorecards, ScoreColumn, ScoreItem, ScoreRow, ScorecardConfig, ScorecardReport,
};
pub use table::scorecard_table;

use crate::error::Code;
use crate::error::{Error, Result};
use crate::money::format_yuan;
use crate::store::Workspace;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

const PLAN_KEY: &str = "commission_plan";
const SCORECARD_KEY: &str = "scorecard";

/// A setting stored as one JSON document under `key` (evaluation_setting), if saved.
pub(crate) fn load_setting<T: DeserializeOwned>(ws: &Workspace, key: &str) -> Result<Option<T>> {
    let json = store::setting_json(ws.conn(), key)?;
    match json {
        None => Ok(None),
        Some(j) => serde_json::from_str(&j).map(Some).map_err(|e| {
            Error::new(
                Code::EvaluationSetting,
                format!("考核设置“{key}”已损坏：{e}"),
                format!("The evaluation setting \"{key}\" is damaged: {e}"),
            )
        }),
    }
}

pub(crate) fn save_setting<T: Serialize>(ws: &Workspace, key: &str, value: &T) -> Result<()> {
    save_setting_in(ws.conn(), key, value)
}

/// [`save_setting`] on a connection (inside a caller's transaction).
pub(crate) fn save_setting_in<T: Serialize>(
    conn: &rusqlite::Connection,
    key: &str,
    value: &T,
) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|e| {
        Error::new(
            Code::EvaluationSetting,
            format!("考核设置“{key}”无法保存：{e}"),
            format!("The evaluation setting \"{key}\" could not be saved: {e}"),
        )
    })?;
    store::put_setting_json(conn, key, &json)?;
    Ok(())
}

/// The workspace's commission plan; seed 001/002's plan when none was saved.
pub fn load_plan(ws: &Workspace) -> Result<CommissionPlan> {
    Ok(load_setting(ws, PLAN_KEY)?.unwrap_or_else(CommissionPlan::seed_default))
}

/// Validates, then stores the plan.
pub fn save_plan(ws: &Workspace, plan: &CommissionPlan) -> Result<()> {
    plan.validate()?;
    save_setting(ws, PLAN_KEY, plan)
}

/// The scorecard the evaluation uses: its own weights when saved there, else the workspace's
/// scorecard defaults (Settings).
pub fn load_scorecard(ws: &Workspace) -> Result<ScorecardConfig> {
    match load_setting(ws, SCORECARD_KEY)? {
        Some(c) => Ok(c),
        None => defaults::load_default(ws),
    }
}

/// Validates (weights total 100%, every metric known and not newly a retired one), then stores
/// the evaluation's own scorecard.
pub fn save_scorecard(ws: &Workspace, config: &ScorecardConfig) -> Result<()> {
    config.validate()?;
    defaults::check_metrics(ws, config, &load_scorecard(ws)?)?;
    save_setting(ws, SCORECARD_KEY, config)
}

/// What the Evaluation section edits: the commission plan, the scorecard and the metrics a
/// scorecard may weigh.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub plan: CommissionPlan,
    pub scorecard: ScorecardConfig,
    pub metrics: Vec<crate::variance::Metric>,
}

pub fn settings(ws: &Workspace) -> Result<Settings> {
    let scorecard = load_scorecard(ws)?;
    // Retired metrics are not offered, except those the scorecard already weighs.
    let keep: Vec<String> = scorecard.items.iter().map(|i| i.metric.clone()).collect();
    Ok(Settings {
        plan: load_plan(ws)?,
        metrics: crate::variance::Metric::choosable(ws.conn(), &keep)?,
        scorecard,
    })
}

/// The scorecards of the people under `node_path` with the workspace's own settings.
pub fn report(ws: &Workspace, node_path: &str, period: &str) -> Result<ScorecardReport> {
    scorecards(ws, node_path, period, &load_scorecard(ws)?)
}

/// A plan as JSON with money as decimal yuan strings (CLI).
pub fn plan_json(plan: &CommissionPlan) -> Value {
    json!({
        "kind": plan.kind,
        "tiers": plan.tiers.iter().map(|t| json!({
            "from": format_yuan(t.from),
            "rateBp": t.rate_bp,
        })).collect::<Vec<_>>(),
        "targetBonus": format_yuan(plan.target_bonus),
        "excessBp": plan.excess_bp,
        "cap": plan.cap.map(format_yuan),
    })
}

#[cfg(test)]
mod defaults_tests;
#[cfg(test)]
mod tests;
