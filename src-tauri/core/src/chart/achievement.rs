//! Achievement of each sub-unit, sorted, with the 100% and floor lines: one bar per unit, its
//! name under it (shortened to the bar's room, the full name in the tooltip) and its value on it.

use super::axis::{thin_every, ValueUnit};
use super::draw::{achievement_color, metric_name, no_data, pct, GRAY, RED};
use super::labels::labels;
use super::layout::{self, legend, text, LegendEntry, Swatch, INK, MARGIN, TEXT};
use super::ruler::Ruler;
use super::value_plot::{css, value_plot, Frame, Plot, ValueAxis};
use super::{tips, Draw, DrawResult, Hit, Hits, Style, TipLine};
use crate::variance::VarianceReport;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub struct AchievementChart<'a>(pub &'a VarianceReport);

/// The lines a legend click hides or shows: their bits in `Style::hidden`.
pub const SERIES_100: u32 = 1;
pub const SERIES_FLOOR: u32 = 2;

/// A bar's tooltip: the unit, the period, its target and actual to the fen, achievement, pace.
fn bar_tip(r: &VarianceReport, path: &str, lang: crate::error::Lang) -> Vec<TipLine> {
    let Some(f) = r.figures.children.iter().find(|c| c.path == path) else {
        return Vec::new();
    };
    let w = tips::words(lang);
    let unit = r.metric.unit.as_str();
    let mut out = vec![
        tips::line(w.name, f.name.clone(), None),
        tips::line(w.period, r.period.clone(), None),
    ];
    if let Some(t) = f.target {
        out.push(tips::line(
            w.target,
            tips::exact(unit, t.base),
            Some(t.base),
        ));
    }
    out.push(tips::line(
        w.actual,
        tips::exact(unit, f.actual),
        Some(f.actual),
    ));
    if let Some(a) = f.achievement_bp {
        out.push(tips::line(w.achievement, tips::bp(a), Some(a)));
    }
    if let Some(p) = f.pace_variance_bp {
        out.push(tips::line(w.pace, tips::bp(p), Some(p)));
    }
    out
}

/// A unit's bar: its name, achievement in basis points and organisation path.
type Row<'a> = (&'a str, i64, &'a str);

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
        let metric = metric_name(&r.metric, st.lang);
        let parts = [r.figures.name.as_str(), metric, l.achievement_title];
        let (ruler, title) = layout::open(root, &parts, &r.period)?;
        let mut rows: Vec<Row> = r
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
        let n = rows.len();
        let entries = [
            LegendEntry {
                swatch: Swatch::Dashed(2.0),
                color: RED,
                label: l.line_100.into(),
                series: SERIES_100,
            },
            LegendEntry {
                swatch: Swatch::Dashed(1.0),
                color: GRAY,
                label: l.floor_line.into(),
                series: SERIES_FLOOR,
            },
        ];
        let head = layout::title(root, st, &ruler, &title)?;
        let head = legend(root, st, &ruler, &entries, head, hits)?;

        let h = st.wh().1;
        let x_axis_h = TEXT * 1.4 + 10.0;
        let plot_h = (h - head - x_axis_h - MARGIN).max(40.0);
        let top = rows.iter().map(|r| r.1).max().unwrap_or(0).max(12_000) as f64 / 100.0;
        let axis = ValueAxis::new(top * 1.06, plot_h, ValueUnit::Percent, st.lang);
        let frame = Frame {
            head,
            x_axis_h,
            right: MARGIN,
        };
        let mut chart = value_plot(root, st, &ruler, &axis, frame, n as f64)?;
        let band = css(st, chart.backend_coord(&(1.0, 0.0))).0
            - css(st, chart.backend_coord(&(0.0, 0.0))).0;
        names(root, &chart, st, &ruler, (r, &rows), band, hits)?;
        bars(&mut chart, st, &rows, band)?;
        values(root, &chart, st, &ruler, &rows, band)
    }
}

/// The names under the bars, each shortened to its band, every k-th when bands are narrow; and
/// each bar's clickable region with its tooltip.
fn names<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    st: Style,
    ruler: &Ruler,
    (r, rows): (&VarianceReport, &[Row]),
    band: f64,
    hits: &mut Hits,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let n = rows.len();
    let ymax = chart.y_range().end;
    let xs: Vec<f64> = (0..n)
        .map(|i| css(st, chart.backend_coord(&(i as f64 + 0.5, 0.0))).0)
        .collect();
    let min_label = ruler.width("名称…", TEXT);
    let k = thin_every(&xs, &vec![min_label; n], 4.0);
    let room = band * k as f64 - 6.0;
    let axis_y = css(st, chart.backend_coord(&(0.0, 0.0))).1;
    for (i, (name, bp, path)) in rows.iter().enumerate() {
        if i % k == 0 {
            let shown = ruler.fit(name, TEXT, room);
            text(
                root,
                st,
                &shown,
                (xs[i], axis_y + 8.0),
                TEXT,
                &INK,
                (HPos::Center, VPos::Top),
            )?;
        }
        hits.add(
            chart.backend_coord(&(i as f64, ymax)),
            chart.backend_coord(&(i as f64 + 1.0, 0.0)),
            Hit::to(
                format!("{name} {}", pct(*bp)),
                Some(path.to_string()),
                None,
                None,
            )
            .with_tip(bar_tip(r, path, st.lang)),
        );
    }
    Ok(())
}

/// The bars, coloured by achievement, then the dashed 100% and floor (80%) lines over them.
fn bars<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    st: Style,
    rows: &[Row],
    band: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let n = rows.len();
    let gap = st.w((band * 0.18).clamp(1.0, 14.0));
    chart.draw_series(rows.iter().enumerate().map(|(i, (_, bp, _))| {
        let mut bar = Rectangle::new(
            [(i as f64, 0.0), (i as f64 + 1.0, *bp as f64 / 100.0)],
            achievement_color(*bp).filled(),
        );
        bar.set_margin(0, 0, gap, gap);
        bar
    }))?;
    // Each line unless the reader hid it with its legend entry.
    if st.hidden & SERIES_100 == 0 {
        chart.draw_series(DashedLineSeries::new(
            [(0.0, 100.0), (n as f64, 100.0)],
            st.px(8.0),
            st.px(5.0),
            RED.stroke_width(st.w(2.0)),
        ))?;
    }
    if st.hidden & SERIES_FLOOR == 0 {
        chart.draw_series(DashedLineSeries::new(
            [(0.0, 80.0), (n as f64, 80.0)],
            st.px(4.0),
            st.px(4.0),
            GRAY.stroke_width(st.w(1.0)),
        ))?;
    }
    Ok(())
}

/// Each bar's value just above it, or just inside its top where it would sit on the 100% or
/// floor line; left out where the bar is narrower than the value (the tooltip has it).
fn values<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    st: Style,
    ruler: &Ruler,
    rows: &[Row],
    band: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let axis_y = css(st, chart.backend_coord(&(0.0, 0.0))).1;
    let lines_y = [100.0, 80.0].map(|v| css(st, chart.backend_coord(&(0.0, v))).1);
    for (i, (_, bp, _)) in rows.iter().enumerate() {
        let value = pct(*bp);
        if ruler.width(&value, TEXT) > band - 2.0 {
            continue;
        }
        let (x, y) = css(
            st,
            chart.backend_coord(&(i as f64 + 0.5, *bp as f64 / 100.0)),
        );
        let on_line = lines_y
            .iter()
            .any(|l| (y - TEXT - 4.0..=y + 2.0).contains(l));
        let inside = on_line && y + TEXT + 6.0 < axis_y;
        let (at, v) = if inside {
            ((x, y + 3.0), VPos::Top)
        } else {
            ((x, y - 2.0), VPos::Bottom)
        };
        text(root, st, &value, at, TEXT, &INK, (HPos::Center, v))?;
    }
    Ok(())
}
