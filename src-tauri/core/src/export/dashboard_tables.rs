//! The dashboard's other tables as they go to a meeting: the ranking, the indicator groups, the
//! funnel's stuck deals and the transactions behind a figure. (The variance table and the
//! figures by dimension member are [`super::figures_table`].)

use super::{metric_cell, tr, Cell, Table};
use crate::error::Lang;
use crate::variance::{DrillDown, Funnel, IndicatorGroup, Ranking};

fn headers(lang: Lang, names: &[(&str, &str)]) -> Vec<String> {
    names.iter().map(|(zh, en)| tr(lang, zh, en)).collect()
}

fn opt(v: Option<i64>, f: impl Fn(i64) -> Cell) -> Cell {
    v.map(f).unwrap_or(Cell::Empty)
}

fn text(v: &Option<String>) -> Cell {
    v.clone().map(Cell::Text).unwrap_or(Cell::Empty)
}

/// People ranked by achievement, best first.
pub fn ranking_table(r: &Ranking, lang: Lang) -> Table {
    Table {
        sheet: tr(lang, "排名", "Ranking"),
        headers: headers(
            lang,
            &[
                ("名次", "Rank"),
                ("姓名", "Name"),
                ("路径", "Path"),
                ("期间", "Period"),
                ("目标", "Target"),
                ("实际", "Actual"),
                ("达成率", "Achievement"),
            ],
        ),
        rows: r
            .rows
            .iter()
            .map(|row| {
                vec![
                    Cell::Int(row.rank),
                    Cell::Text(row.name.clone()),
                    Cell::Text(row.path.clone()),
                    Cell::Text(r.period.clone()),
                    opt(row.target, Cell::Money),
                    Cell::Money(row.actual),
                    opt(row.achievement_bp, Cell::Percent),
                ]
            })
            .collect(),
    }
}

/// Every indicator of the node: group (lagging, leading, risk, health), horizon, figures.
pub fn indicators_table(groups: &[IndicatorGroup], lang: Lang) -> Table {
    let kind = |k: &str| match k {
        "lagging" => tr(lang, "滞后指标", "Lagging"),
        "leading" => tr(lang, "领先指标", "Leading"),
        "risk" => tr(lang, "风险指标", "Risk"),
        "health" => tr(lang, "健康指标", "Health"),
        other => other.to_string(),
    };
    let mut rows = Vec::new();
    for g in groups {
        for (horizon, list) in [
            (tr(lang, "短期", "Short term"), &g.short_term),
            (tr(lang, "长期", "Long term"), &g.long_term),
        ] {
            for i in list {
                let m = &i.metric;
                let f = &i.figures;
                rows.push(vec![
                    Cell::Text(kind(&g.kind)),
                    Cell::Text(horizon.clone()),
                    Cell::Text(tr(lang, &m.name_zh, &m.name_en)),
                    opt(f.target.map(|t| t.base), |v| metric_cell(m, v)),
                    metric_cell(m, f.actual),
                    opt(f.achievement_bp, Cell::Percent),
                    opt(f.pace_variance_bp, Cell::Percent),
                    Cell::Bool(f.alert),
                ]);
            }
        }
    }
    Table {
        sheet: tr(lang, "指标体系", "Indicators"),
        headers: headers(
            lang,
            &[
                ("类别", "Group"),
                ("期限", "Horizon"),
                ("指标", "Metric"),
                ("目标", "Target"),
                ("实际", "Actual"),
                ("达成率", "Achievement"),
                ("进度偏差", "Pace variance"),
                ("预警", "Alert"),
            ],
        ),
        rows,
    }
}

/// Deals longer in their stage than the stage allows, longest first.
pub fn stuck_table(f: &Funnel, lang: Lang) -> Table {
    let stage = |code: &str| {
        f.stages
            .iter()
            .find(|s| s.code == code)
            .map(|s| tr(lang, &s.name_zh, &s.name_en))
            .unwrap_or_else(|| code.to_string())
    };
    Table {
        sheet: tr(lang, "卡单", "Stuck deals"),
        headers: headers(
            lang,
            &[
                ("商机", "Deal"),
                ("负责人", "Owner"),
                ("阶段", "Stage"),
                ("停留天数", "Days in stage"),
                ("时限（天）", "Limit (days)"),
                ("金额", "Amount"),
            ],
        ),
        rows: f
            .overdue_deals
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(d.name.clone()),
                    Cell::Text(d.owner.clone()),
                    Cell::Text(stage(&d.stage)),
                    Cell::Int(d.days_in_stage),
                    Cell::Int(d.max_days),
                    Cell::Money(d.amount),
                ]
            })
            .collect(),
    }
}

/// The transactions behind a figure, each with the file, sheet and row it came from.
pub fn transactions_table(d: &DrillDown, lang: Lang) -> Table {
    Table {
        sheet: tr(lang, "交易明细", "Transactions"),
        headers: headers(
            lang,
            &[
                ("日期", "Date"),
                ("销售员", "Sales rep"),
                ("金额", "Amount"),
                ("数量", "Quantity"),
                ("产品线", "Product line"),
                ("客户类型", "Customer type"),
                ("渠道", "Channel"),
                ("客户", "Customer"),
                ("订单号", "Order ID"),
                ("来源文件", "Source file"),
                ("工作表", "Sheet"),
                ("行号", "Row"),
            ],
        ),
        rows: d
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.date.clone()),
                    Cell::Text(r.person.clone()),
                    Cell::Money(r.amount),
                    Cell::Int(r.quantity),
                    text(&r.product_line),
                    text(&r.customer_type),
                    text(&r.channel),
                    text(&r.customer),
                    text(&r.order_id),
                    Cell::Text(r.file_name.clone()),
                    text(&r.source_sheet),
                    opt(r.source_row, Cell::Int),
                ]
            })
            .collect(),
    }
}
