//! The deck's slides from the dashboard's view of a node and period (and the period's review
//! when there is one), every text in the deck's language.

use super::slides::{
    col, percent, signed_percent, table_slides, value, value_or_dash, Align, Body, Card, Cover,
    Slide, TableSlide,
};
use crate::dashboard::{AlertDrivers, DashboardView};
use crate::error::Lang;
use crate::export::tr;
use crate::review::{Item, Review};
use crate::variance::{Figures, RunRate, Tier};

/// Ranked people shown: the first slide's worth.
const RANKED: usize = super::slides::ROWS_PER_SLIDE;

fn tier_name(lang: Lang, tier: &str) -> String {
    match tier {
        "floor" => tr(lang, "保底", "Floor"),
        "base" => tr(lang, "基准", "Base"),
        "challenge" => tr(lang, "挑战", "Challenge"),
        _ => tr(lang, "未达保底", "Below floor"),
    }
}

fn tier_reached(lang: Lang, t: Option<Tier>) -> String {
    t.map_or_else(|| "—".to_string(), |t| tier_name(lang, t.code()))
}

/// The deck's name of the node: its own name (the company's for `/`).
pub fn node_name(v: &DashboardView) -> String {
    v.report.figures.name.clone()
}

pub fn company(v: &DashboardView) -> String {
    v.breadcrumb
        .first()
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// The line under every page: company, node, period and the node's achievement.
pub fn footer(v: &DashboardView, lang: Lang) -> String {
    let f = &v.report.figures;
    let mut parts = vec![company(v)];
    if f.path != "/" {
        parts.push(node_name(v));
    }
    parts.push(v.report.period.clone());
    parts.push(format!(
        "{} {}",
        tr(lang, "达成率", "Achievement"),
        percent(f.achievement_bp)
    ));
    parts.join(" · ")
}

pub fn cover(v: &DashboardView, lang: Lang) -> Slide {
    let r = &v.report;
    let (start, end, as_of) = (r.period_start, r.period_end, r.as_of);
    let lines = vec![
        match lang {
            Lang::Zh => format!("期间 {}（{start} 至 {end}）", r.period),
            Lang::En => format!("Period {} ({start} to {end})", r.period),
        },
        match lang {
            Lang::Zh => format!("数据截至 {as_of}"),
            Lang::En => format!("Figures as of {as_of}"),
        },
        format!(
            "{} {} · {} {}",
            tr(lang, "达成率", "Achievement"),
            percent(r.figures.achievement_bp),
            tr(lang, "时间进度", "Time progress"),
            percent(Some(r.figures.time_progress_bp)),
        ),
    ];
    Slide {
        title: tr(lang, "会议材料", "Meeting deck"),
        body: Body::Cover(Cover {
            // The company's own deck names it once, in large.
            company: if r.figures.path == "/" {
                String::new()
            } else {
                company(v)
            },
            node: node_name(v),
            title: match lang {
                Lang::Zh => format!("{} 业绩会议材料", r.period),
                Lang::En => format!("Performance review, {}", r.period),
            },
            lines,
        }),
    }
}

pub fn headline(v: &DashboardView, lang: Lang) -> Slide {
    let f = &v.report.figures;
    let unit = v.report.metric.unit.as_str();
    let t = f.target;
    let last = v.last_year.as_ref().and_then(|l| l.rows.first());
    let cards = vec![
        Card {
            label: tr(lang, "目标（基准）", "Target (base)"),
            value: value_or_dash(unit, t.map(|t| t.base)),
            note: match t {
                Some(t) => format!(
                    "{} {} · {} {}",
                    tr(lang, "保底", "Floor"),
                    value(unit, t.floor),
                    tr(lang, "挑战", "Challenge"),
                    value(unit, t.challenge)
                ),
                None => tr(lang, "未设目标", "No target set"),
            },
            alert: false,
        },
        Card {
            label: tr(lang, "实际", "Actual"),
            value: value(unit, f.actual),
            note: format!("{} {}", tr(lang, "截至", "As of"), v.report.as_of),
            alert: false,
        },
        Card {
            label: tr(lang, "达成率", "Achievement"),
            value: percent(f.achievement_bp),
            note: format!(
                "{} {}",
                tr(lang, "时间进度", "Time progress"),
                percent(Some(f.time_progress_bp))
            ),
            alert: false,
        },
        Card {
            label: tr(lang, "差距", "Gap"),
            value: value_or_dash(unit, f.gap),
            note: format!(
                "{} {}",
                tr(lang, "应达进度", "Expected to date"),
                value_or_dash(unit, f.expected_to_date)
            ),
            alert: f.gap.is_some_and(|g| g < 0),
        },
        Card {
            label: tr(lang, "进度偏差（相对应达）", "Pace variance (relative)"),
            value: signed_percent(f.pace_variance_bp),
            note: pace_points(f, lang),
            alert: f.alert,
        },
        Card {
            label: tr(lang, "预测 · 去年同期", "Forecast · last year"),
            value: value_or_dash(unit, f.forecast.map(|x| x.value)),
            note: match last.filter(|l| l.actual != 0 || l.growth_bp.is_some()) {
                Some(l) => format!(
                    "{} {} ({} {})",
                    tr(lang, "去年同期", "Last year"),
                    value(unit, l.actual),
                    tr(lang, "同比", "YoY"),
                    signed_percent(l.growth_bp)
                ),
                None => format!("{} —", tr(lang, "去年同期", "Last year")),
            },
            alert: last.and_then(|l| l.growth_bp).is_some_and(|g| g < 0),
        },
    ];
    Slide {
        title: tr(lang, "核心指标", "Headline figures"),
        body: Body::Cards(cards),
    }
}

/// The same pace gap as points of achievement: achievement − expected to date / target, as the
/// dashboard's card says it.
fn pace_points(f: &Figures, lang: Lang) -> String {
    let (Some(a), Some(t), Some(e)) = (f.achievement_bp, f.target, f.expected_to_date) else {
        return "—".to_string();
    };
    let pts = a - crate::ratio_bp(e as i128, t.base as i128);
    let sign = if pts > 0 { "+" } else { "" };
    let shown = crate::units::format_percent(pts);
    let number = shown.trim_end_matches('%');
    match lang {
        Lang::Zh => format!("达成率比应达 {sign}{number} 个百分点"),
        Lang::En => format!("{sign}{number} points of achievement"),
    }
}

pub fn sub_units(v: &DashboardView, lang: Lang) -> Vec<Slide> {
    let unit = v.report.metric.unit.as_str();
    let f = &v.report.figures;
    if f.children.is_empty() {
        return Vec::new();
    }
    let growth = |path: &str| {
        v.last_year
            .as_ref()
            .and_then(|l| l.rows.iter().find(|r| r.path == path))
            .and_then(|r| r.growth_bp)
    };
    let rows: Vec<&Figures> = std::iter::once(f).chain(f.children.iter()).collect();
    let table = TableSlide {
        note: Some(format!(
            "{} {}",
            tr(lang, "时间进度", "Time progress"),
            percent(Some(f.time_progress_bp))
        )),
        columns: vec![
            col(lang, "单位", "Unit", 1.5, Align::Left),
            col(lang, "目标（基准）", "Target (base)", 1.4, Align::Right),
            col(lang, "实际", "Actual", 1.4, Align::Right),
            col(lang, "达成率", "Achievement", 1.0, Align::Right),
            col(lang, "差距", "Gap", 1.4, Align::Right),
            col(lang, "进度偏差", "Pace variance", 1.0, Align::Right),
            col(lang, "预测", "Forecast", 1.4, Align::Right),
            col(lang, "预测档位", "Tier forecast", 0.9, Align::Center),
            col(lang, "同比", "YoY", 0.9, Align::Right),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    value_or_dash(unit, r.target.map(|t| t.base)),
                    value(unit, r.actual),
                    percent(r.achievement_bp),
                    value_or_dash(unit, r.gap),
                    signed_percent(r.pace_variance_bp),
                    value_or_dash(unit, r.forecast.map(|x| x.value)),
                    tier_reached(lang, r.tier_reached),
                    signed_percent(growth(&r.path)),
                ]
            })
            .collect(),
        marked: rows.iter().map(|r| r.alert).collect(),
    };
    table_slides(&tr(lang, "下级单位", "Sub-units"), lang, table)
}

fn versus(now: i64, reference: i64, bp: Option<i64>) -> String {
    format!("{now} / {reference} ({})", signed_percent(bp))
}

pub fn alerts(v: &DashboardView, lang: Lang) -> Vec<Slide> {
    let title = tr(lang, "预警与原因", "Alerts and their drivers");
    if v.alerts.is_empty() {
        return vec![Slide {
            title,
            body: Body::Lines(vec![tr(
                lang,
                "本期没有进度偏差低于预警线的单位。",
                "No unit is behind its pace beyond the alert threshold this period.",
            )]),
        }];
    }
    let money = |x: i64| value("currency", x);
    let row = |a: &AlertDrivers| {
        vec![
            a.name.clone(),
            signed_percent(Some(a.pace_variance_bp)),
            versus(a.orders, a.expected_orders, a.orders_bp),
            format!(
                "{} / {} ({})",
                money(a.order_value),
                money(a.parent_order_value),
                signed_percent(a.order_value_bp)
            ),
            versus(a.leads, a.expected_leads, a.leads_bp),
            format!(
                "{} / {}",
                percent(a.conversion_bp),
                percent(a.parent_conversion_bp)
            ),
        ]
    };
    let table = TableSlide {
        note: Some(tr(
            lang,
            "订单数、线索数：实际 / 应达；客单价、转化率：本单位 / 上级单位",
            "Orders, leads: actual / expected; order value, conversion: this unit / its parent",
        )),
        columns: vec![
            col(lang, "单位", "Unit", 1.2, Align::Left),
            col(lang, "进度偏差", "Pace variance", 1.0, Align::Right),
            col(lang, "订单数", "Orders", 1.5, Align::Right),
            col(lang, "客单价", "Order value", 2.6, Align::Right),
            col(lang, "线索数", "Leads", 1.5, Align::Right),
            col(lang, "转化率", "Conversion", 1.5, Align::Right),
        ],
        rows: v.alerts.iter().map(row).collect(),
        marked: v.alerts.iter().map(|_| true).collect(),
    };
    table_slides(&title, lang, table)
}

fn tier_cell(r: &RunRate, tier: &str) -> String {
    let Some(t) = r.tiers.iter().find(|t| t.tier == tier) else {
        return "—".to_string();
    };
    let needed = value_or_dash("currency", t.needed_per_day);
    if t.reachable {
        needed
    } else {
        format!("{needed} *")
    }
}

pub fn run_rates(v: &DashboardView, lang: Lang) -> Vec<Slide> {
    if v.run_rates.is_empty() {
        return Vec::new();
    }
    let money = |x: Option<i64>| value_or_dash("currency", x);
    let table = TableSlide {
        note: Some(tr(
            lang,
            "每个剩余工作日需达到的金额；* 表示按今年最佳月份的日均也难以达到",
            "Needed per remaining working day; * out of reach even at this year's best month's daily rate",
        )),
        columns: vec![
            col(lang, "单位", "Unit", 1.3, Align::Left),
            col(lang, "剩余工作日", "Days left", 0.9, Align::Right),
            col(lang, "当前日均", "Current per day", 1.3, Align::Right),
            col(lang, "保底需日均", "Floor per day", 1.4, Align::Right),
            col(lang, "基准需日均", "Base per day", 1.4, Align::Right),
            col(lang, "挑战需日均", "Challenge per day", 1.4, Align::Right),
            col(lang, "今年最佳日均", "Best per day", 1.3, Align::Right),
        ],
        rows: v
            .run_rates
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.remaining_days.to_string(),
                    money(r.current_per_day),
                    tier_cell(r, "floor"),
                    tier_cell(r, "base"),
                    tier_cell(r, "challenge"),
                    money(r.best_per_day),
                ]
            })
            .collect(),
        marked: v
            .run_rates
            .iter()
            .map(|r| r.tiers.iter().any(|t| t.tier == "floor" && !t.reachable))
            .collect(),
    };
    table_slides(
        &tr(lang, "所需日均（各档）", "Required run-rate"),
        lang,
        table,
    )
}

fn scope_word(lang: Lang, scope: &str) -> String {
    match scope {
        "week" => tr(lang, "本周", "this week"),
        "month" => tr(lang, "本月", "this month"),
        "quarter" => tr(lang, "本季", "this quarter"),
        "half" => tr(lang, "本半年", "this half-year"),
        "ytd" => tr(lang, "年初至今", "year to date"),
        _ => tr(lang, "本年", "this year"),
    }
}

pub fn ranking(v: &DashboardView, lang: Lang) -> Vec<Slide> {
    let rk = &v.ranking;
    if rk.rows.is_empty() {
        return Vec::new();
    }
    let unit = v.report.metric.unit.as_str();
    let scope = scope_word(lang, rk.scope);
    let note = match (&rk.champion, &rk.leader) {
        (Some(c), _) => match lang {
            Lang::Zh => format!("{scope}冠军：{}（{}）", c.name, percent(c.achievement_bp)),
            Lang::En => format!(
                "Champion {scope}: {} ({})",
                c.name,
                percent(c.achievement_bp)
            ),
        },
        (None, Some(l)) => match lang {
            Lang::Zh => format!(
                "{scope}暂时领先：{}（{}）",
                l.name,
                percent(l.achievement_bp)
            ),
            Lang::En => format!(
                "Leader so far {scope}: {} ({})",
                l.name,
                percent(l.achievement_bp)
            ),
        },
        _ => tr(lang, "暂无领先者", "No leader yet"),
    };
    let parent = |path: &str| {
        path.rsplit_once('/')
            .map(|(p, _)| p.rsplit('/').next().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    let rows: Vec<_> = rk.rows.iter().take(RANKED).collect();
    let table = TableSlide {
        note: Some(note),
        columns: vec![
            col(lang, "名次", "Rank", 0.6, Align::Right),
            col(lang, "姓名", "Name", 1.4, Align::Left),
            col(lang, "所属", "Unit", 1.4, Align::Left),
            col(lang, "目标", "Target", 1.5, Align::Right),
            col(lang, "实际", "Actual", 1.5, Align::Right),
            col(lang, "达成率", "Achievement", 1.0, Align::Right),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    r.name.clone(),
                    parent(&r.path),
                    value_or_dash(unit, r.target),
                    value(unit, r.actual),
                    percent(r.achievement_bp),
                ]
            })
            .collect(),
        marked: rows.iter().map(|_| false).collect(),
    };
    let title = match lang {
        Lang::Zh => format!("{scope}排名（前 {}）", rows.len()),
        Lang::En => format!("Ranking {scope} (top {})", rows.len()),
    };
    table_slides(&title, lang, table)
}

fn item_status(it: &Item, lang: Lang) -> String {
    if it.done {
        tr(lang, "已完成", "Done")
    } else if it.overdue {
        tr(lang, "已逾期", "Overdue")
    } else {
        tr(lang, "进行中", "Open")
    }
}

/// The review's fishbone (drawn by the chart engine) and its improvement list.
pub fn review(r: &Review, fishbone: Slide, lang: Lang) -> Vec<Slide> {
    let mut out = vec![fishbone];
    let table = TableSlide {
        note: Some(r.summary.title.clone()),
        columns: vec![
            col(lang, "改进事项", "Improvement", 4.0, Align::Left),
            col(lang, "负责人", "Owner", 1.2, Align::Left),
            col(lang, "期限", "Due", 1.1, Align::Center),
            col(lang, "状态", "Status", 0.9, Align::Center),
        ],
        rows: r
            .improvements
            .iter()
            .map(|it| {
                vec![
                    it.text.clone(),
                    it.owner_name.clone().unwrap_or_else(|| "—".into()),
                    it.due.map_or_else(|| "—".into(), |d| d.to_string()),
                    item_status(it, lang),
                ]
            })
            .collect(),
        marked: r.improvements.iter().map(|it| it.overdue).collect(),
    };
    out.extend(table_slides(
        &tr(lang, "复盘：改进清单", "Review: improvement list"),
        lang,
        table,
    ));
    out
}
