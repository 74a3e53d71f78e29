//! The cumulative chart: actual to date against the expected pace, the floor–challenge band,
//! the base target and the forecast; days on the x axis ticked on months, weeks or days, money
//! on round steps.

use super::axis::{date_ticks, thin_every, value_label, ValueUnit};
use super::draw::{metric_name, no_data, BAND, BLUE, GRAY, ORANGE, PURPLE};
use super::labels::labels;
use super::layout::{self, legend, text, LegendEntry, Swatch, INK, MARGIN, MUTED, TEXT};
use super::ruler::Ruler;
use super::value_plot::{css, value_plot, Frame, Plot, ValueAxis};
use super::{tips, Draw, DrawResult, Hit, Hits, Style, TipLine};
use crate::variance::{Cumulative, CumulativePoint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The series a legend click hides or shows: their bits in `Style::hidden`.
pub const SERIES_BAND: u32 = 1;
pub const SERIES_BASE: u32 = 2;
pub const SERIES_EXPECTED: u32 = 4;
pub const SERIES_ACTUAL: u32 = 8;
pub const SERIES_FORECAST: u32 = 16;

/// The band's colour as its legend shows it (the band at 30% over white).
const BAND_LIGHT: RGBColor = RGBColor(189, 226, 205);

pub struct CumulativeChart<'a>(pub &'a Cumulative);

/// How the metric's integers become chart values: fen to yuan for money, counts as they are.
#[derive(Clone, Copy)]
struct Values {
    per: f64,
    unit: ValueUnit,
}

impl Values {
    fn of(d: &Cumulative) -> Values {
        if d.metric.unit == "currency" {
            Values {
                per: 100.0,
                unit: ValueUnit::Money,
            }
        } else {
            Values {
                per: 1.0,
                unit: ValueUnit::Count,
            }
        }
    }

    fn v(self, x: i64) -> f64 {
        x as f64 / self.per
    }
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
        let (ruler, title) = layout::open(
            root,
            &[
                &d.node_name,
                metric_name(&d.metric, st.lang),
                l.cumulative_title,
            ],
            &d.period,
        )?;
        if d.points.is_empty() {
            return no_data(root, st, &title);
        }
        let vals = Values::of(d);
        let points = &d.points;
        let last = (points.len() - 1).max(1) as f64;
        let actual: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.actual.map(|a| (i as f64, vals.v(a))))
            .collect();
        let forecast = d
            .forecast
            .filter(|_| actual.last().is_some_and(|&(x0, _)| x0 < last));

        // Title and legend on top.
        let entries = legend_entries(d, vals, forecast, st.lang);
        let head = layout::title(root, st, &ruler, &title)?;
        let head = legend(root, st, &ruler, &entries, head, hits)?;

        // Axes: round value steps, as many as the height holds; days ticked on natural periods.
        let h = st.wh().1;
        let x_axis_h = TEXT * 1.4 + 8.0;
        let plot_h = (h - head - x_axis_h - MARGIN).max(40.0);
        let axis = ValueAxis::new(top(d, vals), plot_h, vals.unit, st.lang);
        let frame = Frame {
            head,
            x_axis_h,
            right: MARGIN + 8.0,
        };
        let mut chart = value_plot(root, st, &ruler, &axis, frame, last)?;
        x_ticks(root, &chart, st, &ruler, points)?;
        month_hits(&chart, points, axis.max, d, st.lang, hits);

        // The series the reader has not hidden with their legend entries.
        let shown = |bit: u32| st.hidden & bit == 0;
        targets(&mut chart, st, d, vals)?;
        if shown(SERIES_ACTUAL) {
            chart.draw_series(LineSeries::new(
                actual.clone(),
                BLUE.stroke_width(st.w(3.0)),
            ))?;
        }
        if let (Some(f), Some(&from), true) = (forecast, actual.last(), shown(SERIES_FORECAST)) {
            chart.draw_series(DashedLineSeries::new(
                [from, (last, vals.v(f))],
                st.px(4.0),
                st.px(4.0),
                PURPLE.stroke_width(st.w(2.0)),
            ))?;
            as_of_label(root, &chart, st, &ruler, d, from, head)?;
        }
        Ok(())
    }
}

/// The top value to show: the highest of the challenge pace, the actual, the challenge
/// target and the forecast (at least 1).
fn top(d: &Cumulative, vals: Values) -> f64 {
    let mut top = 1.0f64;
    for p in &d.points {
        top = top
            .max(vals.v(p.expected.challenge))
            .max(vals.v(p.actual.unwrap_or(0)));
    }
    if let Some(t) = d.target {
        top = top.max(vals.v(t.challenge));
    }
    if let Some(f) = d.forecast {
        top = top.max(vals.v(f));
    }
    top
}

/// The legend: the band, base target and expected pace when there is a target, the actual,
/// and the forecast with its value when it is drawn.
fn legend_entries(
    d: &Cumulative,
    vals: Values,
    forecast: Option<i64>,
    lang: crate::error::Lang,
) -> Vec<LegendEntry> {
    let l = labels(lang);
    let mut entries = Vec::new();
    if d.target.is_some() {
        entries.push(LegendEntry {
            swatch: Swatch::Block,
            color: BAND_LIGHT,
            label: l.band.into(),
            series: SERIES_BAND,
        });
        entries.push(LegendEntry {
            swatch: Swatch::Line(1.0),
            color: GRAY,
            label: l.base_target.into(),
            series: SERIES_BASE,
        });
        entries.push(LegendEntry {
            swatch: Swatch::Dashed(2.0),
            color: ORANGE,
            label: l.expected.into(),
            series: SERIES_EXPECTED,
        });
    }
    entries.push(LegendEntry {
        swatch: Swatch::Line(3.0),
        color: BLUE,
        label: l.actual.into(),
        series: SERIES_ACTUAL,
    });
    if let Some(f) = forecast {
        let step = super::axis::nice_step(vals.v(f).abs().max(1.0), 100);
        entries.push(LegendEntry {
            swatch: Swatch::Dashed(2.0),
            color: PURPLE,
            label: format!(
                "{} {}",
                l.forecast,
                value_label(vals.v(f), step, vals.unit, lang)
            ),
            series: SERIES_FORECAST,
        });
    }
    entries
}

/// With a target: the floor–challenge band of the expected pace, the base target's level and
/// the expected base pace, dashed — each unless hidden.
fn targets<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    st: Style,
    d: &Cumulative,
    vals: Values,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let Some(t) = d.target else {
        return Ok(());
    };
    let points = &d.points;
    let last = (points.len() - 1).max(1) as f64;
    let v = |x: i64| vals.v(x);
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
    let shown = |bit: u32| st.hidden & bit == 0;
    if shown(SERIES_BAND) {
        chart.draw_series(std::iter::once(Polygon::new(band, BAND.mix(0.16).filled())))?;
    }
    if shown(SERIES_BASE) {
        chart.draw_series(LineSeries::new(
            [(0.0, v(t.base)), (last, v(t.base))],
            GRAY.stroke_width(st.w(1.0)),
        ))?;
    }
    if shown(SERIES_EXPECTED) {
        chart.draw_series(DashedLineSeries::new(
            points
                .iter()
                .enumerate()
                .map(|(i, p)| (i as f64, v(p.expected.base))),
            st.px(8.0),
            st.px(5.0),
            ORANGE.stroke_width(st.w(2.0)),
        ))?;
    }
    Ok(())
}

/// "As of 10-15" beside the last actual point, on the side with room, below the legend.
fn as_of_label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    st: Style,
    ruler: &Ruler,
    d: &Cumulative,
    (x0, y0): (f64, f64),
    head: f64,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let label = format!("{} {}", labels(st.lang).as_of, d.as_of.format("%m-%d"));
    let (px, py) = css(st, chart.backend_coord(&(x0, y0)));
    let (plot_left, _) = css(st, chart.backend_coord(&(0.0, 0.0)));
    let width = ruler.width(&label, TEXT);
    let (ax, anchor) = if px - width - 6.0 > plot_left {
        (px - 6.0, HPos::Right)
    } else {
        (px + 6.0, HPos::Left)
    };
    let ay = (py - 4.0).max(head + TEXT);
    text(
        root,
        st,
        &label,
        (ax, ay),
        TEXT,
        &INK,
        (anchor, VPos::Bottom),
    )
}

/// The day axis' labels: natural periods, every k-th so that none touch.
fn x_ticks<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    st: Style,
    ruler: &Ruler,
    points: &[CumulativePoint],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let days: Vec<chrono::NaiveDate> = points.iter().map(|p| p.date).collect();
    let ticks = date_ticks(&days, st.lang);
    let at: Vec<(f64, f64)> = ticks
        .iter()
        .map(|t| {
            let (x, y) = chart.backend_coord(&(t.index as f64, 0.0));
            (x as f64 / st.s, y as f64 / st.s)
        })
        .collect();
    let xs: Vec<f64> = at.iter().map(|p| p.0).collect();
    let ws: Vec<f64> = ticks.iter().map(|t| ruler.width(&t.label, TEXT)).collect();
    let k = thin_every(&xs, &ws, 8.0);
    let right = st.wh().0 - MARGIN / 2.0;
    for (i, t) in ticks.iter().enumerate().step_by(k) {
        let (x, y) = at[i];
        if x + ws[i] / 2.0 > right {
            continue;
        }
        root.draw(&PathElement::new(
            vec![(st.px(x), st.px(y)), (st.px(x), st.px(y + 4.0))],
            GRAY.stroke_width(st.w(1.0)),
        ))?;
        text(
            root,
            st,
            &t.label,
            (x, y + 6.0),
            TEXT,
            &MUTED,
            (HPos::Center, VPos::Top),
        )?;
    }
    Ok(())
}

/// A band's tooltip: the actual inside it, the cumulative actual and expected at its last day
/// (the as-of day for the band in progress).
fn band_tip(
    d: &Cumulative,
    points: &[CumulativePoint],
    (first, end): (usize, usize),
    what: (&str, String),
    inside: &str,
    lang: crate::error::Lang,
) -> Vec<TipLine> {
    let w = tips::words(lang);
    let unit = d.metric.unit.as_str();
    let before = first
        .checked_sub(1)
        .and_then(|i| points[i].actual)
        .unwrap_or(0);
    // The last day with an actual inside the band.
    let last = (first..=end).rev().find(|&i| points[i].actual.is_some());
    let mut out = vec![
        tips::line(w.name, d.node_name.clone(), None),
        tips::line(what.0, what.1, None),
    ];
    if let Some(i) = last {
        let cum = points[i].actual.unwrap_or(0);
        out.push(tips::line(
            inside,
            tips::exact(unit, cum - before),
            Some(cum - before),
        ));
        out.push(tips::line(
            w.cumulative_actual,
            tips::exact(unit, cum),
            Some(cum),
        ));
        if d.target.is_some() {
            let e = points[i].expected.base;
            out.push(tips::line(
                w.cumulative_expected,
                tips::exact(unit, e),
                Some(e),
            ));
        }
    }
    out
}

/// One clickable band per calendar month of a cumulative chart that spans several months (one
/// per day, with its tooltip only, when the period is a month or shorter).
fn month_hits<DB: DrawingBackend>(
    chart: &Plot<'_, DB>,
    points: &[CumulativePoint],
    top: f64,
    d: &Cumulative,
    lang: crate::error::Lang,
    hits: &mut Hits,
) {
    let w = tips::words(lang);
    let mut months: Vec<(String, usize, usize)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let key = p.date.format("%Y-%m").to_string();
        match months.last_mut() {
            Some(m) if m.0 == key => m.2 = i,
            _ => months.push((key, i, i)),
        }
    }
    if months.len() < 2 {
        for (i, p) in points.iter().enumerate() {
            let x0 = (i as f64 - 0.5).max(0.0);
            let x1 = (i as f64 + 0.5).min(points.len().saturating_sub(1) as f64);
            let day = p.date.format("%Y-%m-%d").to_string();
            hits.add(
                chart.backend_coord(&(x0, top)),
                chart.backend_coord(&(x1, 0.0)),
                Hit::to(format!("{} {day}", d.node_name), None, None, None).with_tip(band_tip(
                    d,
                    points,
                    (i, i),
                    (w.period, day),
                    w.day_actual,
                    lang,
                )),
            );
        }
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
                Some(key.clone()),
                None,
            )
            .with_tip(band_tip(
                d,
                points,
                (first, end),
                (w.month, key),
                w.month_actual,
                lang,
            )),
        );
    }
}
