//! The Gantt's drawing primitives in CSS pixels: rectangles, lines and filled polygons.

use crate::chart::{DrawResult, Style};
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) fn rect<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    style: ShapeStyle,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.draw(&Rectangle::new(
        [(st.px(x0), st.px(y0)), (st.px(x1), st.px(y1))],
        style,
    ))?;
    Ok(())
}

pub(super) fn line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    points: &[(f64, f64)],
    style: ShapeStyle,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (st.px(x), st.px(y))).collect();
    root.draw(&PathElement::new(pts, style))?;
    Ok(())
}

pub(super) fn polygon<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    points: &[(f64, f64)],
    color: RGBColor,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (st.px(x), st.px(y))).collect();
    root.draw(&Polygon::new(pts, color.filled()))?;
    Ok(())
}
