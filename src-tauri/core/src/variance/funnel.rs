//! The sales funnel of a node: deals per stage, conversion to the next stage against the
//! stage's benchmark, and time in stage against its limit (measured to the as-of day).

use super::engine::Engine;
use super::store::deals as store;
use crate::error::Result;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStage {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Deals in this stage now (open, won or lost there).
    pub count: i64,
    /// Deals that reached this stage or a later one.
    pub reached: i64,
    /// reached(next stage) / reached(this stage); None for the last stage or when none reached it.
    pub conversion_bp: Option<i64>,
    pub benchmark_bp: Option<i64>,
    pub below_benchmark: bool,
    pub max_days: Option<i64>,
    /// Open deals in this stage longer than max_days.
    pub overdue: i64,
    /// Their amount (fen).
    pub overdue_amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StuckDeal {
    pub deal_id: i64,
    pub name: String,
    pub owner: String,
    pub stage: String,
    pub days_in_stage: i64,
    pub max_days: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Funnel {
    pub node: String,
    pub node_name: String,
    pub as_of: NaiveDate,
    pub stages: Vec<FunnelStage>,
    pub overdue_deals: Vec<StuckDeal>,
}

impl Engine<'_> {
    /// The funnel of the deals owned by the people under the node at `path`.
    pub fn funnel(&self, path: &str) -> Result<Funnel> {
        let node = self.tree.resolve(path)?.id;
        let people = serde_json::to_string(&self.tree.people(node)).unwrap_or_default();
        let stages = store::stages(self.conn)?;
        let deals = store::deals_of(self.conn, &people, self.as_of)?;
        let pos = |stage_id: i64| stages.iter().position(|s| s.0 == stage_id);
        let mut count = vec![0i64; stages.len()];
        let mut overdue = vec![0i64; stages.len()];
        let mut overdue_amount = vec![0i64; stages.len()];
        let mut overdue_deals = Vec::new();
        for (id, name, owner, stage, amount, status, entered) in &deals {
            let Some(i) = pos(*stage) else { continue };
            count[i] += 1;
            let Ok(entered) = NaiveDate::parse_from_str(entered, "%Y-%m-%d") else {
                continue;
            };
            let days = (self.as_of - entered).num_days();
            if let (Some(max), "open") = (stages[i].5, status.as_str()) {
                if days > max {
                    overdue[i] += 1;
                    overdue_amount[i] += *amount;
                    overdue_deals.push(StuckDeal {
                        deal_id: *id,
                        name: name.clone(),
                        owner: self
                            .tree
                            .get(*owner)
                            .map(|o| o.name.clone())
                            .unwrap_or_default(),
                        stage: stages[i].1.clone(),
                        days_in_stage: days,
                        max_days: max,
                        amount: *amount,
                    });
                }
            }
        }
        let reached: Vec<i64> = (0..stages.len()).map(|i| count[i..].iter().sum()).collect();
        let out = stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let conversion = (i + 1 < stages.len() && reached[i] > 0)
                    .then(|| crate::ratio_bp(reached[i + 1] as i128, reached[i] as i128));
                FunnelStage {
                    code: s.1.clone(),
                    name_zh: s.2.clone(),
                    name_en: s.3.clone(),
                    count: count[i],
                    reached: reached[i],
                    conversion_bp: conversion,
                    benchmark_bp: s.4,
                    below_benchmark: matches!((conversion, s.4), (Some(c), Some(b)) if c < b),
                    max_days: s.5,
                    overdue: overdue[i],
                    overdue_amount: overdue_amount[i],
                }
            })
            .collect();
        overdue_deals.sort_by(|a, b| {
            b.days_in_stage
                .cmp(&a.days_in_stage)
                .then(a.deal_id.cmp(&b.deal_id))
        });
        Ok(Funnel {
            node: self.tree.path(node),
            node_name: self
                .tree
                .get(node)
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            as_of: self.as_of,
            stages: out,
            overdue_deals,
        })
    }
}
