//! What a review is made of: findings, lessons and improvement items with their checks, the
//! summaries the list shows, and the rules every text and finding must follow.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::variance::{DimensionRef, IndicatorGroup, Metric};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Prompt, Verification};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FindingKind {
    /// 成功的关键因素
    Success,
    /// 未达标的根本原因
    Cause,
}

impl FindingKind {
    pub(super) fn code(self) -> &'static str {
        match self {
            FindingKind::Success => "success",
            FindingKind::Cause => "cause",
        }
    }

    pub(super) fn parse(s: &str) -> FindingKind {
        if s == "success" {
            FindingKind::Success
        } else {
            FindingKind::Cause
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ItemList {
    /// 经验清单: what worked, to be made standard.
    Lesson,
    /// 改进清单: what to change.
    Improvement,
}

impl ItemList {
    pub(super) fn code(self) -> &'static str {
        match self {
            ItemList::Lesson => "lesson",
            ItemList::Improvement => "improvement",
        }
    }

    pub(super) fn parse(s: &str) -> ItemList {
        if s == "lesson" {
            ItemList::Lesson
        } else {
            ItemList::Improvement
        }
    }
}

/// What an item must show in the data: an improvement relative to the review period's value
/// in the metric's own direction (`changeBp` +1000 = 10% better: up for revenue, down for the
/// complaint rate) or an absolute value in the metric's unit (fen, count, bp) to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Threshold {
    Relative {
        #[serde(rename = "changeBp")]
        change_bp: i64,
    },
    Absolute {
        value: i64,
    },
}

/// How an item is verified: the metric of a node (optionally one dimension member) in a window
/// period, against the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub metric: String,
    /// Organisation path, `/华东`.
    pub node: String,
    pub dimension: Option<DimensionRef>,
    pub threshold: Threshold,
    /// Period key the change must show in, e.g. `2026-Q4` ("within 3 months").
    pub window: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingInput {
    pub kind: FindingKind,
    pub category: String,
    pub controllable: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: i64,
    pub kind: FindingKind,
    pub category: String,
    pub controllable: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub list: ItemList,
    pub text: String,
    /// Organisation path of the owner (a person or a unit).
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
    pub check: Option<Check>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: i64,
    pub list: ItemList,
    pub text: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// Past its due date and neither done nor met.
    pub overdue: bool,
    pub check: Option<Check>,
    pub verification: Option<Verification>,
    /// Why the check cannot be read from the data any more, in both languages.
    pub unverifiable: Option<crate::error::Message>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSummary {
    pub id: i64,
    pub node: String,
    pub node_name: String,
    pub period: String,
    pub title: String,
    pub closed: bool,
    pub created_at: String,
    pub findings: i64,
    pub items: i64,
}

/// A whole review: the results of the period (目标回顾), findings, the two lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub summary: ReviewSummary,
    pub as_of: NaiveDate,
    pub results: Vec<IndicatorGroup>,
    pub prompts: Vec<Prompt>,
    pub findings: Vec<Finding>,
    pub lessons: Vec<Item>,
    pub improvements: Vec<Item>,
}

pub(super) fn not_found(id: i64) -> Error {
    Error::new(
        Code::ReviewNotFound,
        format!("找不到复盘 #{id}（可能已被删除）"),
        format!("Review #{id} was not found (it may have been deleted)"),
    )
}

pub(super) fn blank(what_zh: &str, what_en: &str) -> Error {
    Error::new(
        Code::ReviewBlank,
        format!("{what_zh}不能为空"),
        format!("{what_en} must not be empty"),
    )
}

/// Longest text of a finding or an item, in characters.
pub const MAX_TEXT: usize = 500;

pub(super) fn clean_text(text: &str, what_zh: &str, what_en: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(blank(what_zh, what_en));
    }
    let n = t.chars().count();
    if n > MAX_TEXT {
        return Err(Error::new(
            Code::ReviewTextLong,
            format!("{what_zh}有 {n} 个字，最多 {MAX_TEXT} 个"),
            format!("{what_en} has {n} characters; at most {MAX_TEXT}"),
        ));
    }
    Ok(t.to_string())
}

pub(super) fn item_not_found(id: i64) -> Error {
    Error::new(
        Code::ReviewEntryNotFound,
        format!("找不到清单项 #{id}（可能已被删除）"),
        format!("Item #{id} was not found (it may have been deleted)"),
    )
}

pub(super) fn check_finding(f: &FindingInput) -> Result<String> {
    if !crate::chart::FISHBONE_CATEGORIES.contains(&f.category.as_str()) {
        return Err(Error::new(
            Code::ReviewCategory,
            format!(
                "鱼骨图类别“{}”无效：应为 人员、方法、市场、产品、资源 或 外部环境",
                f.category
            ),
            format!(
                "Invalid fishbone category \"{}\": expected people, method, market, product, resources or external",
                f.category
            ),
        ));
    }
    clean_text(&f.text, "发现的内容", "The finding's text")
}

/// A unit of the organisation as the pickers list it, indented by depth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unit {
    pub path: String,
    pub name: String,
    pub kind: String,
    pub depth: usize,
}

/// What the Reviews section's pickers offer: units, metrics, dimension members, periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choices {
    pub units: Vec<Unit>,
    pub metrics: Vec<Metric>,
    pub members: Vec<crate::variance::DimFilter>,
    pub periods: crate::dashboard::PeriodChoices,
    pub as_of: NaiveDate,
}
