//! The Gantt's drawing primitives in CSS pixels: rectangles, lines, filled polygons, and a
//! text cut to fit.

use crate::chart::{DrawResult, Style};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The chart font at `size`, anchored on the left and centred vertically.
pub(super) fn left(st: Style, size: f64) -> TextStyle<'static> {
    st.font(size).pos(Pos::new(HPos::Left, VPos::Center))
}

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

/// The text cut with "…" to fit `max_w` CSS pixels.
pub(super) fn fitted<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    text: &str,
    size: f64,
    max_w: f64,
) -> String {
    let font = st.font(size);
    let fits = |t: &str| {
        root.estimate_text_size(t, &font)
            .map(|(w, _)| (w as f64) <= max_w * st.s)
            .unwrap_or(true)
    };
    if fits(text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for n in (1..chars.len()).rev() {
        let t: String = chars[..n].iter().chain(std::iter::once(&'…')).collect();
        if fits(&t) {
            return t;
        }
    }
    String::new()
}
