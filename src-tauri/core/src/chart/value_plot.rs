//! A plot with values up its left side: round steps, as many as the height holds, each one
//! labelled and ruled across the plot. The cumulative and the achievement charts draw on it.

use super::axis::{value_label, value_ticks, ValueUnit};
use super::draw::{GRAY, GRID};
use super::layout::{self, text, MARGIN, MUTED, TEXT};
use super::ruler::Ruler;
use super::Style;
use crate::error::Lang;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A plot with a value axis: x and y both in chart units.
pub(crate) type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The value axis: its ticks from 0 to the first round step at or above the top, and their
/// labels.
pub(crate) struct ValueAxis {
    pub ticks: Vec<f64>,
    pub labels: Vec<String>,
    /// The top of the plot: the last tick.
    pub max: f64,
}

impl ValueAxis {
    /// Ticks reaching `top`, about one every 34 px of a plot `plot_h` tall (4 to 8 of them).
    pub fn new(top: f64, plot_h: f64, unit: ValueUnit, lang: Lang) -> ValueAxis {
        let (ticks, step) = value_ticks(top, (plot_h / 34.0).clamp(4.0, 8.0) as usize);
        let labels = ticks
            .iter()
            .map(|y| value_label(*y, step, unit, lang))
            .collect();
        let max = *ticks.last().unwrap_or(&top);
        ValueAxis { ticks, labels, max }
    }
}

/// Where the plot sits in the picture, in CSS pixels: below `head`, above an x axis
/// `x_axis_h` tall, and `right` from the right edge.
pub(crate) struct Frame {
    pub head: f64,
    pub x_axis_h: f64,
    pub right: f64,
}

/// The plot from x 0 to `x_end`, with its two axes, the value labels and a light rule at
/// every tick above 0.
pub(crate) fn value_plot<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    st: Style,
    ruler: &Ruler,
    axis: &ValueAxis,
    frame: Frame,
    x_end: f64,
) -> Result<Plot<'a, DB>, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let y_axis_w = layout::widest(ruler, &axis.labels) + 10.0;
    let mut chart = ChartBuilder::on(root)
        .margin_top(st.px(frame.head))
        .margin_left(st.px(MARGIN))
        .margin_right(st.px(frame.right))
        .margin_bottom(st.px(MARGIN))
        .x_label_area_size(st.px(frame.x_axis_h))
        .y_label_area_size(st.px(y_axis_w))
        .build_cartesian_2d(0f64..x_end, 0f64..axis.max)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .axis_style(GRAY)
        .draw()?;
    for (y, label) in axis.ticks.iter().zip(&axis.labels) {
        if *y > 0.0 {
            chart.draw_series(LineSeries::new(
                [(0.0, *y), (x_end, *y)],
                GRID.stroke_width(st.w(1.0)),
            ))?;
        }
        let (px, py) = css(st, chart.backend_coord(&(0.0, *y)));
        text(
            root,
            st,
            label,
            (px - 6.0, py),
            TEXT,
            &MUTED,
            (HPos::Right, VPos::Center),
        )?;
    }
    Ok(chart)
}

/// A backend point in CSS pixels.
pub(crate) fn css(st: Style, p: (i32, i32)) -> (f64, f64) {
    (p.0 as f64 / st.s, p.1 as f64 / st.s)
}
