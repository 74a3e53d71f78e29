//! The drawing code of each chart kind, generic over the plotters backend (SVG or bitmap).

use super::labels::labels;
use super::{Draw, DrawResult, Hit, Hits, Style};
use crate::error::Lang;
use crate::variance::{Cumulative, Funnel, Heatmap, Metric, VarianceReport};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const BLUE: RGBColor = RGBColor(37, 99, 235);
const ORANGE: RGBColor = RGBColor(234, 138, 30);
const PURPLE: RGBColor = RGBColor(139, 92, 246);
const BAND: RGBColor = RGBColor(34, 160, 90);
const GRAY: RGBColor = RGBColor(120, 120, 120);
const GRID: RGBColor = RGBColor(232, 232, 232);
const RED: RGBColor = RGBColor(214, 54, 56);
const GREEN: RGBColor = RGBColor(46, 150, 80);
const INK: RGBColor = RGBColor(40, 40, 40);

pub struct CumulativeChart<'a>(pub &'a Cumulative);
pub struct AchievementChart<'a>(pub &'a VarianceReport);
pub struct HeatmapChart<'a>(pub &'a Heatmap);
pub struct FunnelChart<'a>(pub &'a Funnel);

fn metric_name(m: &Metric, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &m.name_zh,
        Lang::En => &m.name_en,
    }
}

/// A percent label from basis points: 8532 -> "85.3%".
fn pct(bp: i64) -> String {
    format!("{:.1}%", bp as f64 / 100.0)
}

/// An axis label of a value already in display units (yuan for money).
fn axis_value(money: bool, lang: Lang, v: f64) -> String {
    if !money {
        return format!("{v:.0}");
    }
    let a = v.abs();
    match lang {
        Lang::Zh if a >= 1e8 => format!("{:.2}亿", v / 1e8),
        Lang::Zh if a >= 1e4 => format!("{:.0}万", v / 1e4),
        Lang::En if a >= 1e6 => format!("{:.1}M", v / 1e6),
        Lang::En if a >= 1e3 => format!("{:.0}k", v / 1e3),
        _ => format!("{v:.0}"),
    }
}

/// Red below 80%, amber to 100%, green above; lighter in between.
pub(crate) fn achievement_color(bp: i64) -> RGBColor {
    let stops = [
        (6000.0, (214.0, 54.0, 56.0)),
        (8000.0, (240.0, 120.0, 70.0)),
        (9500.0, (246.0, 196.0, 70.0)),
        (10_000.0, (150.0, 200.0, 90.0)),
        (12_000.0, (40.0, 140.0, 70.0)),
    ];
    let x = (bp as f64).clamp(stops[0].0, stops[stops.len() - 1].0);
    for w in stops.windows(2) {
        let ((x0, c0), (x1, c1)) = (w[0], w[1]);
        if x <= x1 {
            let t = (x - x0) / (x1 - x0);
            let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
            return RGBColor(mix(c0.0, c1.0), mix(c0.1, c1.1), mix(c0.2, c1.2));
        }
    }
    RGBColor(40, 140, 70)
}

fn no_data<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, st: Style, title: &str) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (w, h) = root.dim_in_pixel();
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, st.px(14.0)),
        st.font(22.0).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    root.draw(&Text::new(
        labels(st.lang).no_data.to_string(),
        (w as i32 / 2, h as i32 / 2),
        st.font(16.0)
            .color(&GRAY)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

impl Draw for CumulativeChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let d = self.0;
        let l = labels(st.lang);
        root.fill(&WHITE)?;
        let title = format!(
            "{} | {} | {} ({})",
            d.node_name,
            metric_name(&d.metric, st.lang),
            l.cumulative_title,
            d.period
        );
        if d.points.is_empty() {
            return no_data(root, st, &title);
        }
        let money = d.metric.unit == "currency";
        let unit = if money { 100.0 } else { 1.0 };
        let v = |x: i64| x as f64 / unit;
        let last = (d.points.len() - 1).max(1) as f64;
        let mut top = 1.0f64;
        for p in &d.points {
            top = top
                .max(v(p.expected.challenge))
                .max(v(p.actual.unwrap_or(0)));
        }
        if let Some(t) = d.target {
            top = top.max(v(t.challenge));
        }
        if let Some(f) = d.forecast {
            top = top.max(v(f));
        }
        let mut chart = ChartBuilder::on(root)
            .caption(&title, st.font(22.0))
            .margin(st.px(16.0))
            .x_label_area_size(st.px(36.0))
            .y_label_area_size(st.px(76.0))
            .build_cartesian_2d(0f64..last, 0f64..top * 1.08)?;
        let points = &d.points;
        let lang = st.lang;
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&|x| {
                points
                    .get(x.round().max(0.0) as usize)
                    .map(|p| p.date.format("%m-%d").to_string())
                    .unwrap_or_default()
            })
            .y_label_formatter(&|y| axis_value(money, lang, *y))
            .label_style(st.font(12.0))
            .axis_desc_style(st.font(13.0))
            .y_desc(if money { l.money_axis } else { l.count_axis })
            .draw()?;
        month_hits(&chart, points, top * 1.08, d, hits);
        let sw = |w: f64| st.w(w);
        if let Some(t) = d.target {
            let mut band: Vec<(f64, f64)> = points
                .iter()
                .enumerate()
                .map(|(i, p)| (i as f64, v(p.expected.challenge)))
                .collect();
            band.extend(
                points
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, p)| (i as f64, v(p.expected.floor))),
            );
            let s2 = st;
            chart
                .draw_series(std::iter::once(Polygon::new(band, BAND.mix(0.16).filled())))?
                .label(l.band)
                .legend(move |(x, y)| {
                    Rectangle::new(
                        [(x, y - s2.px(5.0)), (x + s2.px(20.0), y + s2.px(5.0))],
                        BAND.mix(0.3).filled(),
                    )
                });
            chart
                .draw_series(LineSeries::new(
                    [(0.0, v(t.base)), (last, v(t.base))],
                    GRAY.stroke_width(sw(1.0)),
                ))?
                .label(l.base_target)
                .legend(move |(x, y)| {
                    PathElement::new(
                        vec![(x, y), (x + s2.px(20.0), y)],
                        GRAY.stroke_width(s2.w(1.0)),
                    )
                });
            chart
                .draw_series(DashedLineSeries::new(
                    points
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (i as f64, v(p.expected.base))),
                    st.px(8.0),
                    st.px(5.0),
                    ORANGE.stroke_width(sw(2.0)),
                ))?
                .label(l.expected)
                .legend(move |(x, y)| {
                    PathElement::new(
                        vec![(x, y), (x + s2.px(20.0), y)],
                        ORANGE.stroke_width(s2.w(2.0)),
                    )
                });
        }
        let actual: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.actual.map(|a| (i as f64, v(a))))
            .collect();
        let s2 = st;
        chart
            .draw_series(LineSeries::new(actual.clone(), BLUE.stroke_width(sw(3.0))))?
            .label(l.actual)
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + s2.px(20.0), y)],
                    BLUE.stroke_width(s2.w(3.0)),
                )
            });
        if let (Some(f), Some(&(x0, y0))) = (d.forecast, actual.last()) {
            if x0 < last {
                chart
                    .draw_series(DashedLineSeries::new(
                        [(x0, y0), (last, v(f))],
                        st.px(4.0),
                        st.px(4.0),
                        PURPLE.stroke_width(sw(2.0)),
                    ))?
                    .label(format!("{} {}", l.forecast, axis_value(money, lang, v(f))))
                    .legend(move |(x, y)| {
                        PathElement::new(
                            vec![(x, y), (x + s2.px(20.0), y)],
                            PURPLE.stroke_width(s2.w(2.0)),
                        )
                    });
                chart.draw_series(std::iter::once(Text::new(
                    format!("{} {}", l.as_of, d.as_of.format("%m-%d")),
                    (x0, y0),
                    st.font(12.0)
                        .color(&INK)
                        .pos(Pos::new(HPos::Right, VPos::Bottom)),
                )))?;
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(st.font(12.0))
            .legend_area_size(st.px(26.0))
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .draw()?;
        Ok(())
    }
}

impl Draw for AchievementChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let r = self.0;
        let l = labels(st.lang);
        root.fill(&WHITE)?;
        let title = format!(
            "{} | {} | {} ({})",
            r.figures.name,
            metric_name(&r.metric, st.lang),
            l.achievement_title,
            r.period
        );
        let mut rows: Vec<(&str, i64, &str)> = r
            .figures
            .children
            .iter()
            .filter_map(|c| {
                c.achievement_bp
                    .map(|a| (c.name.as_str(), a, c.path.as_str()))
            })
            .collect();
        if rows.is_empty() {
            return no_data(root, st, &title);
        }
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let n = rows.len() as i32;
        let top = rows.iter().map(|r| r.1).max().unwrap_or(0).max(12_000) as f64 / 100.0 * 1.12;
        let mut chart = ChartBuilder::on(root)
            .caption(&title, st.font(22.0))
            .margin(st.px(16.0))
            .x_label_area_size(st.px(40.0))
            .y_label_area_size(st.px(60.0))
            .build_cartesian_2d(0f64..n as f64, 0f64..top)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_labels(0)
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .label_style(st.font(12.0))
            .axis_desc_style(st.font(13.0))
            .y_desc(l.achievement_axis)
            .draw()?;
        for (i, (name, bp, path)) in rows.iter().enumerate() {
            let i = i as f64;
            band_label(root, &chart, name, (i + 0.5, 0.0), st, Axis::X)?;
            hits.add(
                chart.backend_coord(&(i, top)),
                chart.backend_coord(&(i + 1.0, 0.0)),
                Hit::to(
                    format!("{name} {}", pct(*bp)),
                    Some(path.to_string()),
                    None,
                    None,
                ),
            );
        }
        let gap = st.w(if n > 12 { 4.0 } else { 14.0 });
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, bp, _))| {
            let mut bar = Rectangle::new(
                [(i as f64, 0.0), (i as f64 + 1.0, *bp as f64 / 100.0)],
                achievement_color(*bp).filled(),
            );
            bar.set_margin(0, 0, gap, gap);
            bar
        }))?;
        // Each bar's value just above it, or just inside its top where it would sit on the
        // 100% line.
        let line_y = chart.backend_coord(&(0.0, 100.0)).1;
        for (i, (_, bp, _)) in rows.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(i as f64 + 0.5, *bp as f64 / 100.0));
            let (label_top, label_bottom) = (y - st.px(16.0), y);
            let on_line = (label_top - st.px(2.0)..=label_bottom + st.px(2.0)).contains(&line_y);
            let inside = on_line && y + st.px(18.0) < chart.backend_coord(&(0.0, 0.0)).1;
            let (at, v) = if inside {
                ((x, y + st.px(3.0)), VPos::Top)
            } else {
                ((x, y - st.px(2.0)), VPos::Bottom)
            };
            root.draw(&Text::new(
                pct(*bp),
                at,
                st.font(11.0).color(&INK).pos(Pos::new(HPos::Center, v)),
            ))?;
        }
        let s2 = st;
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, 100.0), (n as f64, 100.0)],
                st.px(8.0),
                st.px(5.0),
                RED.stroke_width(st.w(2.0)),
            ))?
            .label(l.line_100)
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + s2.px(20.0), y)],
                    RED.stroke_width(s2.w(2.0)),
                )
            });
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, 80.0), (n as f64, 80.0)],
                st.px(4.0),
                st.px(4.0),
                GRAY.stroke_width(st.w(1.0)),
            ))?
            .label(l.floor_line)
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + s2.px(20.0), y)],
                    GRAY.stroke_width(s2.w(1.0)),
                )
            });
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(st.font(12.0))
            .legend_area_size(st.px(26.0))
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .draw()?;
        Ok(())
    }
}

fn month_label(key: &str, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m: usize = key.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    match (lang, m) {
        (_, 0) | (_, 13..) => key.to_string(),
        (Lang::Zh, m) => format!("{m}月"),
        (Lang::En, m) => EN[m - 1].to_string(),
    }
}

impl Draw for HeatmapChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let h = self.0;
        let l = labels(st.lang);
        root.fill(&WHITE)?;
        let title = format!(
            "{} | {} | {} ({})",
            h.node_name,
            metric_name(&h.metric, st.lang),
            l.heatmap_title,
            h.period
        );
        if h.rows.is_empty() || h.months.is_empty() {
            return no_data(root, st, &title);
        }
        let (m, r) = (h.months.len() as i32, h.rows.len() as i32);
        let mut chart = ChartBuilder::on(root)
            .caption(&title, st.font(22.0))
            .margin(st.px(16.0))
            .x_label_area_size(st.px(32.0))
            .y_label_area_size(st.px(96.0))
            .build_cartesian_2d(0f64..m as f64, 0f64..r as f64)?;
        let lang = st.lang;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .draw()?;
        for (j, month) in h.months.iter().enumerate() {
            let label = month_label(month, lang);
            band_label(root, &chart, &label, (j as f64 + 0.5, 0.0), st, Axis::X)?;
        }
        let pad = st.w(1.5);
        for (i, row) in h.rows.iter().enumerate() {
            let y = (r - 1 - i as i32) as f64;
            band_label(root, &chart, &row.name, (0.0, y + 0.5), st, Axis::Y)?;
            for (j, (cell, month)) in row.cells.iter().zip(&h.months).enumerate() {
                let j = j as f64;
                let value = cell.map(|bp| format!(" {:.0}%", bp as f64 / 100.0));
                hits.add(
                    chart.backend_coord(&(j, y + 1.0)),
                    chart.backend_coord(&(j + 1.0, y)),
                    Hit::to(
                        format!(
                            "{} {}{}",
                            row.name,
                            month_label(month, lang),
                            value.unwrap_or_default()
                        ),
                        Some(row.path.clone()),
                        Some(month.clone()),
                        None,
                    ),
                );
            }
            chart.draw_series(row.cells.iter().enumerate().map(|(j, cell)| {
                let color = cell
                    .map(achievement_color)
                    .unwrap_or(RGBColor(238, 238, 238));
                let mut rect =
                    Rectangle::new([(j as f64, y), (j as f64 + 1.0, y + 1.0)], color.filled());
                rect.set_margin(pad, pad, pad, pad);
                rect
            }))?;
            chart.draw_series(row.cells.iter().enumerate().filter_map(|(j, cell)| {
                cell.map(|bp| {
                    Text::new(
                        format!("{:.0}%", bp as f64 / 100.0),
                        (j as f64 + 0.5, y + 0.5),
                        st.font(12.0)
                            .color(&INK)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    )
                })
            }))?;
        }
        Ok(())
    }
}

impl Draw for FunnelChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let f = self.0;
        let l = labels(st.lang);
        root.fill(&WHITE)?;
        let title = format!(
            "{} | {} ({} {})",
            f.node_name,
            l.funnel_title,
            l.as_of,
            f.as_of.format("%Y-%m-%d")
        );
        let total = f.stages.first().map(|s| s.reached).unwrap_or(0);
        if total == 0 {
            return no_data(root, st, &title);
        }
        let (w, h) = root.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        root.draw(&Text::new(
            title,
            (w / 2, st.px(14.0)),
            st.font(22.0)
                .color(&INK)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let top = st.px(64.0);
        let row_h = (h - top - st.px(16.0)) / f.stages.len() as i32;
        let cx = w * 45 / 100;
        let max_w = w * 46 / 100;
        for (i, s) in f.stages.iter().enumerate() {
            let bw = ((max_w as i64 * s.reached / total) as i32).max(st.px(3.0));
            let y0 = top + i as i32 * row_h + st.px(4.0);
            let y1 = y0 + row_h - st.px(8.0);
            let mid = (y0 + y1) / 2;
            let shade = 235 - (i as i32 * 25).min(140);
            let color = RGBColor(37, (shade - 60).max(60) as u8, shade as u8);
            root.draw(&Rectangle::new(
                [(cx - bw / 2, y0), (cx + bw / 2, y1)],
                color.filled(),
            ))?;
            let name = match st.lang {
                Lang::Zh => &s.name_zh,
                Lang::En => &s.name_en,
            };
            hits.add(
                (st.px(16.0), y0),
                (cx + max_w / 2, y1),
                Hit::to(
                    format!("{name} {} {}", s.reached, l.deals),
                    None,
                    None,
                    Some(s.code.clone()),
                ),
            );
            root.draw(&Text::new(
                name.clone(),
                (st.px(24.0), mid),
                st.font(14.0)
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            let count = format!("{} {}", s.reached, l.deals);
            if bw > st.px(110.0) {
                root.draw(&Text::new(
                    count,
                    (cx, mid),
                    st.font(13.0)
                        .color(&WHITE)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))?;
            } else {
                root.draw(&Text::new(
                    count,
                    (cx + bw / 2 + st.px(8.0), mid),
                    st.font(13.0)
                        .color(&INK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
            let mut note = String::new();
            if let Some(c) = s.conversion_bp {
                note.push_str(&format!("→ {}", pct(c)));
                if let Some(b) = s.benchmark_bp {
                    note.push_str(&format!(" ({} {})", l.benchmark, pct(b)));
                }
            }
            if s.overdue > 0 {
                note.push_str(&format!("  {} {}", l.overdue, s.overdue));
            }
            if !note.is_empty() {
                let color = if s.below_benchmark || s.overdue > 0 {
                    RED
                } else {
                    GREEN
                };
                root.draw(&Text::new(
                    note,
                    (cx + max_w / 2 + st.px(16.0), mid),
                    st.font(13.0)
                        .color(&color)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
        }
        Ok(())
    }
}

/// One clickable band per calendar month of a cumulative chart that spans several months.
fn month_hits<DB: DrawingBackend>(
    chart: &ChartContext<
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    points: &[crate::variance::CumulativePoint],
    top: f64,
    d: &Cumulative,
    hits: &mut Hits,
) {
    let mut months: Vec<(String, usize, usize)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let key = p.date.format("%Y-%m").to_string();
        match months.last_mut() {
            Some(m) if m.0 == key => m.2 = i,
            _ => months.push((key, i, i)),
        }
    }
    if months.len() < 2 {
        return;
    }
    let last = points.len().saturating_sub(1);
    for (key, first, end) in months {
        // Each band reaches halfway to its neighbours' days so the bands tile the plot.
        let x0 = if first == 0 { 0.0 } else { first as f64 - 0.5 };
        let x1 = if end == last {
            end as f64
        } else {
            end as f64 + 0.5
        };
        hits.add(
            chart.backend_coord(&(x0, top)),
            chart.backend_coord(&(x1, 0.0)),
            Hit::to(
                format!("{} {}", d.node_name, key),
                Some(d.node.clone()),
                Some(key),
                None,
            ),
        );
    }
}

enum Axis {
    X,
    Y,
}

/// A category's name beside its band: under the x axis or left of the y axis. Drawn by hand
/// because plotters' segmented axes collapse to nothing when there is a single category.
fn band_label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    text: &str,
    at: (f64, f64),
    st: Style,
    axis: Axis,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (x, y) = chart.backend_coord(&at);
    let (pos, at) = match axis {
        Axis::X => (Pos::new(HPos::Center, VPos::Top), (x, y + st.px(8.0))),
        Axis::Y => (Pos::new(HPos::Right, VPos::Center), (x - st.px(8.0), y)),
    };
    root.draw(&Text::new(
        text.to_string(),
        at,
        st.font(12.0).color(&INK).pos(pos),
    ))?;
    Ok(())
}
