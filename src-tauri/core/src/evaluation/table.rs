//! The scorecard as an export table: one row per person, best first.

use super::ScorecardReport;
use crate::error::Lang;
use crate::export::{tr, Cell, Table};

/// Rank, name, team, each item's achievement, the subtotals and total score, revenue, target,
/// commission and the distance to the next commission tier.
pub fn scorecard_table(report: &ScorecardReport, lang: Lang) -> Table {
    let mut headers: Vec<String> = [("排名", "Rank"), ("姓名", "Name"), ("团队", "Team")]
        .iter()
        .map(|(zh, en)| tr(lang, zh, en))
        .collect();
    for c in &report.items {
        headers.push(match lang {
            Lang::Zh => format!("{}达成率", c.name_zh),
            Lang::En => format!("{} achievement", c.name_en),
        });
    }
    headers.extend(
        [
            ("短期得分", "Short-term score"),
            ("长期得分", "Long-term score"),
            ("总分", "Total score"),
            ("销售额", "Revenue"),
            ("销售目标", "Revenue target"),
            ("提成", "Commission"),
            ("距下一档", "To next tier"),
        ]
        .iter()
        .map(|(zh, en)| tr(lang, zh, en)),
    );
    let rows = report
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Int(r.rank),
                Cell::Text(r.name.clone()),
                Cell::Text(r.team.clone()),
            ];
            row.extend(
                r.achievements
                    .iter()
                    .map(|a| a.map(Cell::Percent).unwrap_or(Cell::Empty)),
            );
            row.extend([
                Cell::Percent(r.short_term_bp),
                Cell::Percent(r.long_term_bp),
                Cell::Percent(r.total_bp),
                Cell::Money(r.revenue_actual),
                r.revenue_target.map(Cell::Money).unwrap_or(Cell::Empty),
                Cell::Money(r.commission.total),
                r.commission
                    .next_tier
                    .map(|n| Cell::Money(n.distance))
                    .unwrap_or(Cell::Empty),
            ]);
            row
        })
        .collect();
    Table {
        sheet: tr(lang, "评分卡", "Scorecard"),
        headers,
        rows,
    }
}
