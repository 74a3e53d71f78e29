//! What every workspace starts with: the standard metrics (DESIGN.md "Targets"), the sales funnel
//! stages with their benchmarks, the fiscal year and the shipped holiday calendar.

use crate::error::Result;
use rusqlite::{params, Connection};

/// (code, zh, en, unit, direction, kind, horizon, aggregation)
pub type MetricDef = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);
pub const METRICS: [MetricDef; 19] = [
    (
        "revenue",
        "销售额",
        "Revenue",
        "currency",
        "higher",
        "lagging",
        "short",
        "sum",
    ),
    (
        "gross_profit",
        "毛利",
        "Gross profit",
        "currency",
        "higher",
        "lagging",
        "short",
        "sum",
    ),
    (
        "collection_rate",
        "回款率",
        "Collection rate",
        "percent",
        "higher",
        "lagging",
        "short",
        "ratio",
    ),
    (
        "market_share",
        "市场占有率",
        "Market share",
        "percent",
        "higher",
        "lagging",
        "long",
        "last",
    ),
    (
        "new_customers",
        "新增客户数",
        "New customers",
        "count",
        "higher",
        "leading",
        "short",
        "sum",
    ),
    (
        "visits",
        "客户拜访量",
        "Customer visits",
        "count",
        "higher",
        "leading",
        "short",
        "sum",
    ),
    (
        "leads",
        "线索数",
        "Leads",
        "count",
        "higher",
        "leading",
        "short",
        "sum",
    ),
    (
        "conversion_rate",
        "转化率",
        "Conversion rate",
        "percent",
        "higher",
        "leading",
        "short",
        "ratio",
    ),
    (
        "repurchase_rate",
        "复购率",
        "Repurchase rate",
        "percent",
        "higher",
        "health",
        "long",
        "ratio",
    ),
    (
        "nps",
        "客户满意度(NPS)",
        "Customer satisfaction (NPS)",
        "ratio",
        "higher",
        "health",
        "long",
        "average",
    ),
    (
        "complaint_rate",
        "客户投诉率",
        "Complaint rate",
        "percent",
        "lower",
        "risk",
        "short",
        "ratio",
    ),
    (
        "attrition",
        "团队流失率",
        "Team attrition",
        "percent",
        "lower",
        "health",
        "long",
        "ratio",
    ),
    // Components of the ratio metrics (see RATIO_COMPONENTS).
    (
        "collections",
        "回款额",
        "Collections",
        "currency",
        "higher",
        "lagging",
        "short",
        "sum",
    ),
    (
        "orders",
        "订单数",
        "Orders",
        "count",
        "higher",
        "lagging",
        "short",
        "sum",
    ),
    (
        "complaints",
        "客户投诉数",
        "Complaints",
        "count",
        "lower",
        "risk",
        "short",
        "sum",
    ),
    (
        "repeat_customers",
        "复购客户数",
        "Repeat customers",
        "count",
        "higher",
        "health",
        "long",
        "sum",
    ),
    (
        "active_customers",
        "成交客户数",
        "Customers served",
        "count",
        "higher",
        "health",
        "long",
        "sum",
    ),
    (
        "leavers",
        "离职人数",
        "Leavers",
        "count",
        "lower",
        "health",
        "long",
        "sum",
    ),
    (
        "headcount_avg",
        "平均在职人数",
        "Average headcount",
        "count",
        "higher",
        "health",
        "long",
        "sum",
    ),
];

/// (ratio metric, numerator, denominator): ratios computed from their summed components at every
/// level, never averaged. Migrations 7 and 9 link the later pairs in workspaces created before them.
pub const RATIO_COMPONENTS: [(&str, &str, &str); 5] = [
    ("conversion_rate", "new_customers", "leads"),
    ("collection_rate", "collections", "revenue"),
    ("complaint_rate", "complaints", "orders"),
    ("repurchase_rate", "repeat_customers", "active_customers"),
    ("attrition", "leavers", "headcount_avg"),
];

/// (code, zh, en, benchmark to next stage in bp, max days in stage, win probability bp)
pub type StageDef = (
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    Option<i64>,
    i64,
);
pub const STAGES: [StageDef; 6] = [
    ("lead", "线索", "Lead", Some(3000), Some(14), 500),
    ("need", "需求确认", "Need found", Some(5000), Some(10), 2000),
    (
        "proposal",
        "方案报价",
        "Proposal",
        Some(6000),
        Some(7),
        4000,
    ),
    (
        "objection",
        "异议处理",
        "Objection handling",
        Some(5000),
        Some(2),
        6000,
    ),
    ("signed", "签约成交", "Signed", None, None, 10_000),
    ("after_sales", "售后服务", "After-sales", None, None, 10_000),
];

/// Writes the catalog into an empty workspace: metrics, funnel stages and the fiscal year
/// `fiscal_year` (January start). The holiday calendar is the calendar's to seed
/// (`calendar::workspace::seed_official_days`); `bootstrap` does both for a new workspace.
pub fn write_catalog(conn: &Connection, fiscal_year: i32) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO fiscal_year(year, start_month) VALUES (?1, 1)",
        [fiscal_year],
    )?;
    for (i, m) in METRICS.iter().enumerate() {
        conn.execute(
            "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation, sort)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![m.0, m.1, m.2, m.3, m.4, m.5, m.6, m.7, i as i64],
        )?;
    }
    for (ratio, num, den) in RATIO_COMPONENTS {
        conn.execute(
            "UPDATE metric SET numerator_id = (SELECT id FROM metric WHERE code = ?2),
                               denominator_id = (SELECT id FROM metric WHERE code = ?3)
             WHERE code = ?1",
            [ratio, num, den],
        )?;
    }
    for (i, s) in STAGES.iter().enumerate() {
        conn.execute(
            "INSERT INTO deal_stage(code, name_zh, name_en, sort, benchmark_bp, max_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s.0, s.1, s.2, i as i64, s.3, s.4],
        )?;
    }
    Ok(())
}
