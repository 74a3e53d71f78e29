//! The dashboard of one node and one period: the figures with their children, the charts as the
//! screen shows them (SVG), the ranking, the funnel and the alerts — and the same charts and table
//! written to files for meetings.

mod kept;
mod store;
mod tables;

pub use tables::{view_table, write_table, TableName, ViewTable};

use crate::calendar::FiscalYear;
use crate::chart::{
    draw_chart, render_chart, render_chart_hiding, render_chart_with_hits, ChartData, ChartKind,
    Format, Hit, Size,
};
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::export::export_table;
use crate::store::Workspace;
use crate::variance::{Dim, Engine, VarianceQuery, VarianceReport};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub const METRIC: &str = "revenue";

/// The period keys the picker offers, all containing the as-of day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodChoices {
    pub week: String,
    pub month: String,
    pub quarter: String,
    /// Fiscal year to date: from the year's first day to the as-of day.
    pub ytd: String,
    pub year: String,
}

pub fn period_choices(ws: &Workspace) -> Result<PeriodChoices> {
    let as_of = crate::variance::as_of(ws)?;
    let start_month = crate::variance::fiscal_start_month(ws, as_of)?;
    let fy = FiscalYear::containing(as_of, start_month);
    let months_in = (as_of.month() + 12 - start_month) % 12;
    let w = as_of.iso_week();
    Ok(PeriodChoices {
        week: format!("{}-W{:02}", w.year(), w.week()),
        month: format!("{}-{:02}", as_of.year(), as_of.month()),
        quarter: format!("{}-Q{}", fy.year, months_in / 3 + 1),
        ytd: format!("{}-YTD", fy.year),
        year: fy.year.to_string(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Crumb {
    pub name: String,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartSvg {
    pub kind: &'static str,
    pub svg: String,
    /// The size it was drawn at, in CSS pixels (the regions are placed in it).
    pub width: u32,
    pub height: u32,
    /// Where a click on the chart drills to.
    pub hits: Vec<Hit>,
}

/// What drives a sub-unit's pace, against the parent as a whole: actual = orders × average order
/// value, so `(1 + orders) × (1 + orderValue) − 1` is the pace variance; leads and conversion
/// are the funnel behind the orders. Deviations in basis points (negative: behind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertDrivers {
    pub path: String,
    pub name: String,
    pub pace_variance_bp: i64,
    pub orders: i64,
    pub expected_orders: i64,
    pub orders_bp: Option<i64>,
    pub order_value: i64,
    pub parent_order_value: i64,
    pub order_value_bp: Option<i64>,
    pub leads: i64,
    pub expected_leads: i64,
    pub leads_bp: Option<i64>,
    pub conversion_bp: Option<i64>,
    pub parent_conversion_bp: Option<i64>,
    pub conversion_gap_bp: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardView {
    pub periods: PeriodChoices,
    pub breadcrumb: Vec<Crumb>,
    pub report: VarianceReport,
    pub ranking: crate::variance::Ranking,
    pub funnel: crate::variance::Funnel,
    pub charts: Vec<ChartSvg>,
    /// The alerting sub-units and what drives each.
    pub alerts: Vec<AlertDrivers>,
    /// The required run-rate per tier of the node and each sub-unit.
    pub run_rates: Vec<crate::variance::RunRate>,
    /// The period before and after, and the periods of its kind the picker offers.
    pub nav: crate::variance::PeriodNav,
    /// The same period last year, to the same point, for the node and each sub-unit.
    pub last_year: Option<crate::variance::LastYear>,
    /// Every metric with a target or an actual: lagging, leading, risk and health, each short
    /// and long term.
    pub indicators: Vec<crate::variance::IndicatorGroup>,
}

/// The ranking's rows the window lists (its leader and champion are named apart).
pub const WINDOW_RANKED: usize = 5;
/// The stuck deals of each funnel stage the window lists, the longest first.
pub const WINDOW_STUCK: usize = 12;

/// [`view`] as the window shows it: the ranking's first [`WINDOW_RANKED`] rows and, of each
/// stage, the [`WINDOW_STUCK`] deals stuck longest (each stage still counts and sums all of
/// them) — not every person and stuck deal of the company, which the window never lists (the
/// tables' exports still hold them all).
pub fn window_view(
    ws: &Workspace,
    node: &str,
    period: &str,
    lang: Lang,
    size: Size,
) -> Result<DashboardView> {
    let mut v = view(ws, node, period, lang, size)?;
    v.ranking.rows.truncate(WINDOW_RANKED);
    let mut listed: std::collections::HashMap<String, usize> = Default::default();
    v.funnel.overdue_deals.retain(|d| {
        let n = listed.entry(d.stage.clone()).or_default();
        *n += 1;
        *n <= WINDOW_STUCK
    });
    Ok(v)
}

/// One member of a dimension (a product line, customer type or channel) under a node.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub figures: crate::variance::Figures,
}

/// A node's figures split by the members of a dimension, with the node's own total.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionView {
    pub dim: String,
    pub metric: crate::variance::Metric,
    pub period: String,
    pub total: crate::variance::Figures,
    pub rows: Vec<DimensionRow>,
}

/// The node's revenue for the period by product line, customer type or channel.
pub fn by_dimension(ws: &Workspace, node: &str, period: &str, dim: &str) -> Result<DimensionView> {
    crate::variance::timing::step("dimension", || {
        dimension_view(&Engine::new(ws)?, node, period, dim)
    })
}

fn dimension_view(engine: &Engine, node: &str, period: &str, dim: &str) -> Result<DimensionView> {
    let report = engine.by_dimension(&query(node, period), dim)?;
    let members = crate::variance::DimFilter::members(engine.conn, dim)?;
    let mut total = report.figures;
    let rows = std::mem::take(&mut total.children)
        .into_iter()
        .zip(members)
        .map(|(figures, m)| DimensionRow {
            code: m.code,
            name_zh: m.name_zh,
            name_en: m.name_en,
            figures,
        })
        .collect();
    Ok(DimensionView {
        dim: dim.to_string(),
        metric: report.metric,
        period: report.period,
        total,
        rows,
    })
}

fn query(node: &str, period: &str) -> VarianceQuery {
    VarianceQuery::new(METRIC, node, period)
}

fn breadcrumb(engine: &Engine, node: &str) -> Result<Vec<Crumb>> {
    let mut out = Vec::new();
    let root = engine.tree.resolve("/")?;
    out.push(Crumb {
        name: root.name.clone(),
        path: "/".into(),
    });
    let mut path = String::new();
    for part in node.split('/').filter(|p| !p.trim().is_empty()) {
        path.push('/');
        path.push_str(part.trim());
        let n = engine.tree.resolve(&path)?;
        out.push(Crumb {
            name: n.name.clone(),
            path: path.clone(),
        });
    }
    Ok(out)
}

/// Everything the dashboard shows for `node` (an org path, `/` for the company) and `period`,
/// its charts drawn at `size` (the CSS size the window shows them at).
pub fn view(
    ws: &Workspace,
    node: &str,
    period: &str,
    lang: Lang,
    size: Size,
) -> Result<DashboardView> {
    use crate::variance::timing::step;
    let engine = step("view: engine", || Engine::new(ws))?;
    let q = query(node, period);
    // The report and the funnel are read once: for their charts and for the view itself.
    let report = step("view: report", || engine.variance(&q))?;
    let funnel = step("view: funnel", || kept::funnel(ws, &engine, node))?;
    let charts = ChartKind::ALL
        .into_iter()
        .map(|kind| {
            let (bytes, hits) = step(&format!("view: chart {}", kind.code()), || match kind {
                ChartKind::Achievement => {
                    draw_chart(ChartData::Achievement(&report), lang, Format::Svg, size)
                }
                ChartKind::Funnel => {
                    draw_chart(ChartData::Funnel(&funnel), lang, Format::Svg, size)
                }
                ChartKind::Cumulative => {
                    let curve = engine.cumulative_with(&q, &report)?;
                    draw_chart(ChartData::Cumulative(&curve), lang, Format::Svg, size)
                }
                _ => render_chart_with_hits(&engine, kind, &q, lang, Format::Svg, size),
            })?;
            crate::variance::timing::note(
                &format!("view: chart {} svg bytes / hits", kind.code()),
                format!("{} / {}", bytes.len(), hits.len()),
            );
            Ok(ChartSvg {
                kind: kind.code(),
                svg: String::from_utf8_lossy(&bytes).into_owned(),
                width: size.width,
                height: size.height,
                hits,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let alerts = step("view: alerts", || alert_drivers(&engine, &report))?;
    let run_rates = step("view: run rates", || engine.run_rates(&q, &report))?;
    let last_year = step("view: last year", || engine.last_year(&q, &report))?;
    Ok(DashboardView {
        run_rates,
        nav: step("view: period nav", || kept::period_nav(ws, &engine, period))?,
        last_year,
        periods: period_choices(ws)?,
        breadcrumb: breadcrumb(&engine, node)?,
        alerts,
        report,
        ranking: step("view: ranking", || engine.ranking(&q))?,
        funnel,
        indicators: step("view: indicators", || engine.indicators(node, period))?,
        charts,
    })
}

/// One chart of the view as the screen shows it (SVG and its regions), drawn at `size`
/// without the legend's series whose bits are set in `hidden`.
pub fn chart_svg(
    ws: &Workspace,
    kind: ChartKind,
    node: &str,
    period: &str,
    lang: Lang,
    size: Size,
    hidden: u32,
) -> Result<ChartSvg> {
    let engine = Engine::new(ws)?;
    let q = query(node, period);
    let (bytes, hits) = render_chart_hiding(&engine, kind, &q, lang, Format::Svg, size, hidden)?;
    Ok(ChartSvg {
        kind: kind.code(),
        svg: String::from_utf8_lossy(&bytes).into_owned(),
        width: size.width,
        height: size.height,
        hits,
    })
}

/// Orders (actual rows) and deals created / won by the people under `node` from `from` to `to`.
fn activity(
    engine: &Engine,
    metric: i64,
    node: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(i64, i64, i64)> {
    let orders = engine.rows_of(metric, from, to, node)?;
    let (created, won) = store::deals_created_won(
        engine.conn,
        &engine.tree.people(node),
        &from.to_string(),
        &to.to_string(),
    )?;
    Ok((orders, created, won))
}

fn deviation_bp(value: i64, reference: i64) -> Option<i64> {
    (reference != 0).then(|| crate::ratio_bp(value as i128 - reference as i128, reference as i128))
}

/// For every alerting sub-unit: orders and average order value against the parent's, and the
/// leads and conversion behind them.
pub fn alert_drivers(engine: &Engine, report: &VarianceReport) -> Result<Vec<AlertDrivers>> {
    let f = &report.figures;
    if report.metric.unit != "currency" || !f.children.iter().any(|c| c.alert) {
        return Ok(Vec::new());
    }
    let from = report.period_start;
    let to = report.as_of.min(report.period_end);
    let (p_orders, p_created, p_won) = activity(engine, report.metric.id, f.node_id, from, to)?;
    let parent_aov = if p_orders > 0 {
        (f.actual as i128 * 2 + p_orders as i128) / (2 * p_orders as i128)
    } else {
        0
    } as i64;
    let parent_expected = f.expected_to_date.unwrap_or(0);
    let parent_conversion =
        (p_created > 0).then(|| crate::ratio_bp(p_won as i128, p_created as i128));
    let mut out = Vec::new();
    for c in f.children.iter().filter(|c| c.alert) {
        let (orders, created, won) = activity(engine, report.metric.id, c.node_id, from, to)?;
        let expected = c.expected_to_date.unwrap_or(0);
        let expected_orders = if parent_aov > 0 {
            (expected + parent_aov / 2) / parent_aov
        } else {
            0
        };
        let aov = if orders > 0 {
            (c.actual + orders / 2) / orders
        } else {
            0
        };
        let expected_leads = if parent_expected > 0 {
            ((p_created as i128 * expected as i128 + parent_expected as i128 / 2)
                / parent_expected as i128) as i64
        } else {
            0
        };
        let conversion = (created > 0).then(|| crate::ratio_bp(won as i128, created as i128));
        out.push(AlertDrivers {
            path: c.path.clone(),
            name: c.name.clone(),
            pace_variance_bp: c.pace_variance_bp.unwrap_or(0),
            orders,
            expected_orders,
            orders_bp: deviation_bp(orders, expected_orders),
            order_value: aov,
            parent_order_value: parent_aov,
            order_value_bp: deviation_bp(aov, parent_aov),
            leads: created,
            expected_leads,
            leads_bp: deviation_bp(created, expected_leads),
            conversion_bp: conversion,
            parent_conversion_bp: parent_conversion,
            conversion_gap_bp: conversion.zip(parent_conversion).map(|(a, b)| a - b),
        });
    }
    Ok(out)
}

/// The transactions behind the view's actual, newest first, a page at a time, with their source.
pub fn transactions(
    ws: &Workspace,
    node: &str,
    period: &str,
    offset: i64,
) -> Result<crate::variance::DrillDown> {
    Engine::new(ws)?.drill_down(&query(node, period), 50, offset.max(0))
}

/// One chart as a PNG (2× for slides) or SVG file, drawn at `size` (CSS pixels): the size the
/// window shows it at, so the file is the picture on screen.
/// How a chart is shown on screen: its CSS size and the legend's series the user hid (bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub size: Size,
    pub hidden: u32,
}

impl Shown {
    /// Every series shown, at `size`.
    pub fn all(size: Size) -> Self {
        Shown { size, hidden: 0 }
    }
}

/// Writes one chart to `path` (PNG at 2× or SVG, by its extension) as it is shown: at its size
/// and without the series hidden from its legend.
pub fn write_chart(
    ws: &Workspace,
    kind: ChartKind,
    node: &str,
    period: &str,
    lang: Lang,
    shown: Shown,
    path: &Path,
) -> Result<()> {
    let engine = Engine::new(ws)?;
    let (bytes, _) = render_chart_hiding(
        &engine,
        kind,
        &query(node, period),
        lang,
        Format::from_path(path)?,
        shown.size,
        shown.hidden,
    )?;
    std::fs::write(path, bytes).map_err(|e| write_error(path, e))
}

/// A chart, deck or pack file that could not be written: its name and a plain reason, zh/en.
pub(crate) fn write_error(path: &Path, e: std::io::Error) -> Error {
    crate::export::write_failed(Code::WriteFailed, path, &e)
}

/// File names are made of the period and the node: `2026-Q4_华东_cumulative.png`.
fn safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The meeting pack: every chart (PNG) and the table (XLSX and CSV) of the view, in `dir`.
pub fn meeting_pack(
    ws: &Workspace,
    node: &str,
    period: &str,
    lang: Lang,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let engine = Engine::new(ws)?;
    let q = query(node, period);
    let name = safe(&engine.tree.resolve(node)?.name);
    let stem = format!("{}_{}", safe(period), name);
    let mut written = Vec::new();
    for kind in ChartKind::ALL {
        let path = dir.join(format!("{stem}_{}.png", kind.code()));
        std::fs::write(
            &path,
            render_chart(&engine, kind, &q, lang, Format::Png, Size::DEFAULT)?,
        )
        .map_err(|e| write_error(&path, e))?;
        written.push(path);
    }
    let tables = [
        ViewTable::Variance,
        ViewTable::Dimension(Dim::ProductLine),
        ViewTable::Ranking,
        ViewTable::Indicators,
        ViewTable::Stuck,
        ViewTable::Transactions,
    ];
    for table in &tables {
        let data = view_table(&engine, node, period, table, lang)?;
        for ext in ["xlsx", "csv"] {
            let path = dir.join(format!("{stem}_{}.{ext}", table.code()));
            export_table(&data, &path)?;
            written.push(path);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::demo::in_memory as demo;

    /// An exported chart is the picture on screen: the series hidden from its legend are left
    /// out of the file as they are of the window's drawing.
    #[test]
    fn an_exported_chart_leaves_out_the_series_hidden_from_its_legend() {
        let ws = demo();
        let size = Size::new(640, 400);
        let kind = ChartKind::Cumulative;
        let shown = chart_svg(&ws, kind, "/", "2026-Q4", Lang::Zh, size, 0).unwrap();
        let actual = shown
            .hits
            .iter()
            .find(|h| h.label == "累计实际")
            .and_then(|h| h.series)
            .expect("the actual line's legend entry");
        let on_screen = chart_svg(&ws, kind, "/", "2026-Q4", Lang::Zh, size, actual).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.svg");
        let hiding = Shown {
            size,
            hidden: actual,
        };
        write_chart(&ws, kind, "/", "2026-Q4", Lang::Zh, hiding, &file).unwrap();
        let exported = std::fs::read_to_string(&file).unwrap();
        assert_eq!(exported, on_screen.svg);
        // The actual line is drawn in blue: in the full picture, not in the exported one.
        assert!(shown.svg.contains("stroke=\"#2563EB\""));
        assert!(!exported.contains("stroke=\"#2563EB\""));
        write_chart(&ws, kind, "/", "2026-Q4", Lang::Zh, Shown::all(size), &file).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), shown.svg);
        // The PNG (2×) leaves it out too: it differs from the full picture's PNG.
        let png = dir.path().join("c.png");
        write_chart(&ws, kind, "/", "2026-Q4", Lang::Zh, hiding, &png).unwrap();
        let hidden_png = std::fs::read(&png).unwrap();
        write_chart(&ws, kind, "/", "2026-Q4", Lang::Zh, Shown::all(size), &png).unwrap();
        assert_ne!(hidden_png, std::fs::read(&png).unwrap());
    }

    /// A chart that cannot be written says which file and why, in both languages, without the
    /// system's own text.
    #[test]
    fn a_chart_written_into_a_missing_folder_names_the_file_and_the_reason() {
        let ws = demo();
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("会议");
        let path = folder.join("c.svg");
        let shown = Shown::all(Size::new(640, 400));
        let e =
            write_chart(&ws, ChartKind::Funnel, "/", "2026", Lang::Zh, shown, &path).unwrap_err();
        assert_eq!(e.code, "write_failed");
        assert_eq!(
            e.zh,
            format!("无法保存“c.svg”：文件夹“{}”不存在", folder.display())
        );
        assert_eq!(
            e.en,
            format!(
                "Could not save \"c.svg\": the folder \"{}\" does not exist",
                folder.display()
            )
        );
    }

    /// The engine keeps its sums and targets between views: the view after an import, and after
    /// its undo, shows the new figures at once (node, sub-unit and product line).
    #[test]
    fn a_view_after_an_import_and_its_undo_shows_the_new_figures() {
        use crate::import::{commit, no_progress, undo, ImportKind, ImportOptions, Resolutions};
        let mut ws = demo();
        let team = |v: &DashboardView| {
            v.report
                .figures
                .children
                .iter()
                .find(|c| c.name == "华东一组")
                .expect("华东一组")
                .actual
        };
        let hardware = |ws: &Workspace| {
            let v = by_dimension(ws, "/华东", "2026-10", "product_line").unwrap();
            v.rows
                .iter()
                .find(|r| r.name_zh == "智能硬件")
                .expect("智能硬件")
                .figures
                .actual
        };
        let before = view(&ws, "/华东", "2026-10", Lang::Zh, Size::DEFAULT).unwrap();
        let hardware_before = hardware(&ws);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("more.csv");
        std::fs::write(
            &path,
            "日期,业务员,团队,金额（元）,产品线,订单号\n2026-10-12,张三,华东一组,1000,智能硬件,T1\n2026-10-13,张三,华东一组,234.56,智能硬件,T2\n",
        )
        .unwrap();
        let opts = ImportOptions {
            kind: ImportKind::Actuals,
            ..ImportOptions::default()
        };
        let s = commit(
            &mut ws,
            &path,
            &opts,
            &Resolutions::default(),
            &mut no_progress,
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(s.inserted, 2);
        // 1,000.00 + 234.56 yuan = 123,456 fen, on days inside the month so far.
        let after = view(&ws, "/华东", "2026-10", Lang::Zh, Size::DEFAULT).unwrap();
        assert_eq!(
            after.report.figures.actual,
            before.report.figures.actual + 123_456
        );
        assert_eq!(team(&after), team(&before) + 123_456);
        assert_eq!(hardware(&ws), hardware_before + 123_456);
        undo(&mut ws, s.batch).unwrap();
        let undone = view(&ws, "/华东", "2026-10", Lang::Zh, Size::DEFAULT).unwrap();
        assert_eq!(undone.report.figures.actual, before.report.figures.actual);
        assert_eq!(team(&undone), team(&before));
        assert_eq!(hardware(&ws), hardware_before);
    }

    /// The window's view lists the first ranked and the longest stuck deals of each stage, with
    /// every stage's stuck amount; the rest is the full view's.
    #[test]
    fn the_windows_view_keeps_what_the_window_lists() {
        let ws = demo();
        let full = view(&ws, "/", "2026", Lang::Zh, Size::DEFAULT).unwrap();
        let win = window_view(&ws, "/", "2026", Lang::Zh, Size::DEFAULT).unwrap();
        assert!(full.ranking.rows.len() > WINDOW_RANKED);
        assert_eq!(win.ranking.rows, full.ranking.rows[..WINDOW_RANKED]);
        assert_eq!(win.ranking.leader, full.ranking.leader);
        assert_eq!(win.report, full.report);
        assert_eq!(win.charts, full.charts);
        assert_eq!(win.funnel.stages, full.funnel.stages);
        for stage in &win.funnel.stages {
            let all: Vec<_> = full
                .funnel
                .overdue_deals
                .iter()
                .filter(|d| d.stage == stage.code)
                .collect();
            let kept: Vec<_> = win
                .funnel
                .overdue_deals
                .iter()
                .filter(|d| d.stage == stage.code)
                .collect();
            assert_eq!(all.len() as i64, stage.overdue, "{}", stage.code);
            assert_eq!(kept, all[..all.len().min(WINDOW_STUCK)], "{}", stage.code);
            let sum: i64 = all.iter().map(|d| d.amount).sum();
            assert_eq!(stage.overdue_amount, sum, "{}", stage.code);
        }
        // Of all stages together, the longest stuck are still the first listed.
        let n = full.funnel.overdue_deals.len().min(WINDOW_STUCK);
        assert!(n > 0);
        assert_eq!(
            win.funnel.overdue_deals[..n],
            full.funnel.overdue_deals[..n]
        );
    }

    #[test]
    fn periods_contain_the_demo_day() {
        let ws = demo();
        let p = period_choices(&ws).unwrap();
        assert_eq!(
            (
                p.week.as_str(),
                p.month.as_str(),
                p.quarter.as_str(),
                p.ytd.as_str(),
                p.year.as_str()
            ),
            ("2026-W42", "2026-10", "2026-Q4", "2026-YTD", "2026")
        );
    }

    #[test]
    fn the_view_of_a_region_has_children_charts_and_a_breadcrumb() {
        let ws = demo();
        let v = view(&ws, "/华东", "2026-Q4", Lang::Zh, Size::DEFAULT).unwrap();
        assert_eq!(
            v.breadcrumb
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["星辰智能科技", "华东"]
        );
        assert_eq!(v.report.figures.children.len(), 2);
        assert_eq!(v.charts.len(), 4);
        assert!(v
            .charts
            .iter()
            .all(|c| c.svg.starts_with("<svg") || c.svg.starts_with("<?xml")));
        let actual: i64 = ws
            .conn()
            .query_row(
                "SELECT SUM(a.amount) FROM actual a JOIN org_unit p ON p.id = a.person_id JOIN org_unit t ON t.id = p.parent_id
                 JOIN org_unit r ON r.id = t.parent_id WHERE r.name = '华东' AND a.date BETWEEN '2026-10-01' AND '2026-10-15'
                 AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(v.report.figures.actual, actual);
    }

    #[test]
    fn a_node_splits_by_every_dimension_and_adds_up() {
        let ws = demo();
        for dim in ["product_line", "customer_type", "channel"] {
            let v = by_dimension(&ws, "/华东", "2026-Q3", dim).unwrap();
            let sum: i64 = v.rows.iter().map(|r| r.figures.actual).sum();
            assert_eq!(sum, v.total.actual, "{dim}");
            let sql: i64 = ws
                .conn()
                .query_row(
                    &format!(
                        "SELECT SUM(a.amount) FROM actual a JOIN dimension_member d ON d.id = a.{dim}_id
                         JOIN org_unit p ON p.id = a.person_id JOIN org_unit t ON t.id = p.parent_id
                         JOIN org_unit r ON r.id = t.parent_id
                         WHERE r.name = '华东' AND d.code = ?1 AND a.date BETWEEN '2026-07-01' AND '2026-09-30'
                         AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')"
                    ),
                    [&v.rows[0].code],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(v.rows[0].figures.actual, sql, "{dim}");
        }
        // A month in progress (to the as-of day, 2026-10-15): the partial month's raw rows.
        for dim in ["product_line", "channel"] {
            let v = by_dimension(&ws, "/华东", "2026-10", dim).unwrap();
            for row in &v.rows {
                let sql: i64 = ws
                    .conn()
                    .query_row(
                        &format!(
                            "SELECT IFNULL(SUM(a.amount), 0) FROM actual a JOIN dimension_member d ON d.id = a.{dim}_id
                             JOIN org_unit p ON p.id = a.person_id JOIN org_unit t ON t.id = p.parent_id
                             JOIN org_unit r ON r.id = t.parent_id
                             WHERE r.name = '华东' AND d.code = ?1 AND a.date BETWEEN '2026-10-01' AND '2026-10-15'
                             AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')"
                        ),
                        [&row.code],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(row.figures.actual, sql, "{dim} {}", row.code);
            }
        }
        let v = by_dimension(&ws, "/", "2026", "product_line").unwrap();
        assert_eq!(
            (v.rows[0].name_zh.as_str(), v.rows[0].name_en.as_str()),
            ("智能硬件", "Smart hardware")
        );
        assert_eq!(v.rows.len(), 4);
        assert_eq!(
            by_dimension(&ws, "/", "2026", "colour").unwrap_err().code,
            "bad_dimension"
        );
    }

    #[test]
    fn transactions_add_up_to_the_actual_and_name_their_source() {
        let ws = demo();
        let v = view(
            &ws,
            "/华东/华东一组/张三",
            "2026-10",
            Lang::Zh,
            Size::DEFAULT,
        )
        .unwrap();
        let page = transactions(&ws, "/华东/华东一组/张三", "2026-10", 0).unwrap();
        assert_eq!(page.total_amount, v.report.figures.actual);
        assert!(page.rows.len() <= 50 && page.total_rows >= page.rows.len() as i64);
        assert!(page
            .rows
            .iter()
            .all(|r| r.person == "张三" && r.file_name == "演示数据 demo"));
        assert!(page.rows.windows(2).all(|w| w[0].date >= w[1].date));
    }

    #[test]
    fn alerts_name_their_drivers() {
        let ws = demo();
        // 华东一组's reps: 赵六 sells at 78% of plan, so he is behind pace and alerts.
        let v = view(&ws, "/华东/华东一组", "2026", Lang::Zh, Size::DEFAULT).unwrap();
        let a = v
            .alerts
            .iter()
            .find(|a| a.name == "赵六")
            .expect("赵六 alerts");
        let orders: i64 = ws
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM actual a JOIN org_unit p ON p.id = a.person_id WHERE p.name = '赵六' AND a.date <= '2026-10-15'
                 AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(a.orders, orders);
        let actual: i64 = v
            .report
            .figures
            .children
            .iter()
            .find(|c| c.name == "赵六")
            .unwrap()
            .actual;
        assert_eq!(a.order_value, (actual + orders / 2) / orders);
        // orders × order value explains the pace: (1 + o)(1 + v) − 1 within rounding of 0.05%.
        let (o, val) = (
            a.orders_bp.unwrap() as f64 / 1e4,
            a.order_value_bp.unwrap() as f64 / 1e4,
        );
        let explained = ((1.0 + o) * (1.0 + val) - 1.0) * 1e4;
        assert!(
            (explained - a.pace_variance_bp as f64).abs() <= 5.0,
            "{explained} vs {}",
            a.pace_variance_bp
        );
        assert!(a.pace_variance_bp < -1000);
        assert!(v.alerts.iter().all(|x| v
            .report
            .figures
            .children
            .iter()
            .any(|c| c.name == x.name && c.alert)));
    }

    #[test]
    fn the_meeting_pack_writes_every_chart_and_table() {
        let ws = demo();
        let dir = tempfile::tempdir().unwrap();
        let files = meeting_pack(&ws, "/", "2026", Lang::En, dir.path()).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let mut expected: Vec<String> = ["cumulative", "achievement", "heatmap", "funnel"]
            .iter()
            .map(|k| format!("2026_星辰智能科技_{k}.png"))
            .collect();
        for t in [
            "variance",
            "by_product_line",
            "ranking",
            "indicators",
            "stuck_deals",
            "transactions",
        ] {
            for ext in ["xlsx", "csv"] {
                expected.push(format!("2026_星辰智能科技_{t}.{ext}"));
            }
        }
        assert_eq!(names, expected);
        for f in &files[..4] {
            assert_eq!(&std::fs::read(f).unwrap()[..8], b"\x89PNG\r\n\x1a\n");
        }
        let csv = std::fs::read(&files[5]).unwrap();
        assert_eq!(&csv[..3], b"\xEF\xBB\xBF");
        // Each table holds what the view shows: every transaction behind the actual, every
        // stuck deal, every ranked person, the members and their total.
        let engine = Engine::new(&ws).unwrap();
        let q = query("/", "2026");
        let report = engine.variance(&q).unwrap();
        let lines = |name: &str| {
            let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
            text.lines().count() - 1
        };
        let tx = engine.drill_down(&q, 1, 0).unwrap();
        assert_eq!(
            lines("2026_星辰智能科技_transactions.csv"),
            tx.total_rows as usize
        );
        let t = view_table(&engine, "/", "2026", &ViewTable::Transactions, Lang::En).unwrap();
        let sum: i64 = t
            .rows
            .iter()
            .map(|r| match r[2] {
                crate::export::Cell::Money(v) => v,
                _ => panic!("amount"),
            })
            .sum();
        assert_eq!(sum, report.figures.actual);
        assert_eq!(
            lines("2026_星辰智能科技_stuck_deals.csv"),
            engine.funnel("/").unwrap().overdue_deals.len()
        );
        assert_eq!(
            lines("2026_星辰智能科技_ranking.csv"),
            engine.ranking(&q).unwrap().rows.len()
        );
        let by = view_table(
            &engine,
            "/",
            "2026",
            &ViewTable::Dimension(Dim::ProductLine),
            Lang::Zh,
        )
        .unwrap();
        assert_eq!(by.rows.len(), 4 + 1);
        assert_eq!(by.rows[0][0], crate::export::Cell::Text("智能硬件".into()));
        assert_eq!(
            by.rows[4][7],
            crate::export::Cell::Money(report.figures.actual)
        );
        assert_eq!(ViewTable::parse("pie", None).unwrap_err().code, "bad_table");
        // The enum-like arguments a command receives: known codes pass, an unknown one is
        // refused with its own code and both messages.
        let kind: ChartKind = serde_json::from_str("\"heatmap\"").unwrap();
        assert_eq!(kind, ChartKind::Heatmap);
        let dim: Dim = serde_json::from_str("\"customer_type\"").unwrap();
        assert_eq!(dim, Dim::CustomerType);
        let refused = |e: serde_json::Error| -> serde_json::Value {
            let text = e.to_string();
            let json = &text[..text.rfind('}').unwrap() + 1];
            serde_json::from_str(json).unwrap()
        };
        let e = refused(serde_json::from_str::<ChartKind>("\"pie\"").unwrap_err());
        assert_eq!(e["code"], "bad_chart_kind");
        assert_eq!(
            e["zh"],
            "图表类型“pie”无效：应为 cumulative、achievement、heatmap 或 funnel"
        );
        assert_eq!(
            e["en"],
            "Invalid chart kind \"pie\": expected cumulative, achievement, heatmap or funnel"
        );
        let e = refused(serde_json::from_str::<TableName>("\"pie\"").unwrap_err());
        assert_eq!(e["code"], "bad_table");
        let e = refused(serde_json::from_str::<Dim>("\"colour\"").unwrap_err());
        assert_eq!(e["code"], "bad_dimension");
        let e = refused(serde_json::from_str::<Format>("\"gif\"").unwrap_err());
        assert_eq!(e["code"], "bad_chart_format");
        let e = refused(serde_json::from_str::<crate::export::TableFormat>("\"ods\"").unwrap_err());
        assert_eq!(e["code"], "bad_table_format");
    }
}
