//! What the dashboard's charts share: colours, names, percent texts and the empty chart.

use super::labels::labels;
use super::layout;
use super::ruler::Ruler;
use super::{DrawResult, Style};
use crate::error::Lang;
use crate::variance::Metric;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub(crate) const BLUE: RGBColor = RGBColor(37, 99, 235);
pub(crate) const ORANGE: RGBColor = RGBColor(234, 138, 30);
pub(crate) const PURPLE: RGBColor = RGBColor(139, 92, 246);
pub(crate) const BAND: RGBColor = RGBColor(34, 160, 90);
pub(crate) const GRAY: RGBColor = RGBColor(120, 120, 120);
pub(crate) const GRID: RGBColor = RGBColor(232, 232, 232);
pub(crate) const RED: RGBColor = RGBColor(214, 54, 56);
pub(crate) const GREEN: RGBColor = RGBColor(46, 150, 80);

pub(crate) fn metric_name(m: &Metric, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &m.name_zh,
        Lang::En => &m.name_en,
    }
}

/// A percent label from basis points: 8532 -> "85.3%".
pub(crate) fn pct(bp: i64) -> String {
    crate::units::format_percent_to(bp, 1)
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

/// A chart with nothing to show: its title and "no data".
pub(crate) fn no_data<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    title: &str,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let ruler = Ruler::new()?;
    layout::title(root, st, &ruler, title)?;
    let (w, h) = st.wh();
    layout::text(
        root,
        st,
        labels(st.lang).no_data,
        (w / 2.0, h / 2.0),
        16.0,
        &GRAY,
        (HPos::Center, VPos::Center),
    )
}
