//! Every fixed text of the charts, in zh-CN and en.

use super::fishbone::FISHBONE_CATEGORIES;
use crate::error::Lang;

#[derive(Debug, Clone, Copy)]
pub struct Labels {
    pub cumulative_title: &'static str,
    pub achievement_title: &'static str,
    pub heatmap_title: &'static str,
    pub funnel_title: &'static str,
    pub actual: &'static str,
    pub expected: &'static str,
    pub band: &'static str,
    pub base_target: &'static str,
    pub forecast: &'static str,
    pub as_of: &'static str,
    pub line_100: &'static str,
    pub floor_line: &'static str,
    pub no_data: &'static str,
    pub benchmark: &'static str,
    pub overdue: &'static str,
    pub deals: &'static str,
    pub money_axis: &'static str,
    pub count_axis: &'static str,
    pub achievement_axis: &'static str,
    /// The fishbone's six categories, in the order of [`FISHBONE_CATEGORIES`].
    pub fishbone_categories: [&'static str; 6],
    pub controllable: &'static str,
    pub not_controllable: &'static str,
    pub no_causes: &'static str,
    /// The heatmap's colour scale: below 80%, 80–95%, 95–100%, 100% and over, no data.
    pub heat_bands: [&'static str; 5],
    /// The funnel's legend: the bars, a note at its benchmark, a note below it or overdue.
    pub funnel_reached: &'static str,
    pub funnel_ok: &'static str,
    pub funnel_warn: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Zh => Labels {
            cumulative_title: "累计达成",
            achievement_title: "下级达成率",
            heatmap_title: "月度达成热力图",
            funnel_title: "销售漏斗",
            actual: "累计实际",
            expected: "应达进度（基准）",
            band: "保底—挑战区间",
            base_target: "基准目标",
            forecast: "预测",
            as_of: "截至",
            line_100: "100% 达成",
            floor_line: "保底 80%",
            no_data: "暂无数据",
            benchmark: "基准",
            overdue: "超时",
            deals: "个商机",
            money_axis: "金额（元）",
            count_axis: "数量",
            achievement_axis: "达成率",
            fishbone_categories: ["人员", "方法", "市场", "产品", "资源", "外部环境"],
            controllable: "可控",
            not_controllable: "不可控",
            no_causes: "暂无已记录的原因",
            heat_bands: ["低于 80%", "80%–95%", "95%–100%", "100% 及以上", "无数据"],
            funnel_reached: "到达该阶段的商机",
            funnel_ok: "转化达到基准",
            funnel_warn: "低于基准或有超时",
        },
        Lang::En => Labels {
            cumulative_title: "Cumulative progress",
            achievement_title: "Achievement by unit",
            heatmap_title: "Monthly achievement heatmap",
            funnel_title: "Sales funnel",
            actual: "Actual to date",
            expected: "Expected pace (base)",
            band: "Floor–challenge band",
            base_target: "Base target",
            forecast: "Forecast",
            as_of: "As of",
            line_100: "100% achieved",
            floor_line: "Floor 80%",
            no_data: "No data",
            benchmark: "benchmark",
            overdue: "overdue",
            deals: "deals",
            money_axis: "Amount (CNY)",
            count_axis: "Count",
            achievement_axis: "Achievement",
            fishbone_categories: [
                "People",
                "Method",
                "Market",
                "Product",
                "Resources",
                "External",
            ],
            controllable: "Controllable",
            not_controllable: "Not controllable",
            no_causes: "No causes recorded yet",
            heat_bands: [
                "Below 80%",
                "80%–95%",
                "95%–100%",
                "100% and over",
                "No data",
            ],
            funnel_reached: "Deals reaching the stage",
            funnel_ok: "Conversion at benchmark",
            funnel_warn: "Below benchmark or overdue",
        },
    }
}

impl Labels {
    /// Every text, to check the font has a glyph for each character.
    pub fn all(&self) -> Vec<&'static str> {
        let mut all = vec![
            self.cumulative_title,
            self.achievement_title,
            self.heatmap_title,
            self.funnel_title,
            self.actual,
            self.expected,
            self.band,
            self.base_target,
            self.forecast,
            self.as_of,
            self.line_100,
            self.floor_line,
            self.no_data,
            self.benchmark,
            self.overdue,
            self.deals,
            self.money_axis,
            self.count_axis,
            self.achievement_axis,
            self.controllable,
            self.not_controllable,
            self.no_causes,
            self.funnel_reached,
            self.funnel_ok,
            self.funnel_warn,
        ];
        all.extend(self.fishbone_categories);
        all.extend(self.heat_bands);
        all
    }
}

/// The name of a fishbone category (`people`, `method`, …); `None` for an unknown code.
pub fn fishbone_category(lang: Lang, code: &str) -> Option<&'static str> {
    let i = FISHBONE_CATEGORIES.iter().position(|c| *c == code)?;
    Some(labels(lang).fishbone_categories[i])
}

/// How many causes a bone has, for its tooltip: "3 条原因", "1 cause".
pub fn cause_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Zh, n) => format!("{n} 条原因"),
        (Lang::En, 1) => "1 cause".to_string(),
        (Lang::En, n) => format!("{n} causes"),
    }
}

/// The line standing for the causes a bone has no room for: "另有 2 条", "+2 more".
pub fn more_causes(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 条"),
        Lang::En => format!("+{n} more"),
    }
}
