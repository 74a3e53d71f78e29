//! What every dashboard chart lays out the same way, in CSS pixels at the size it is shown: the
//! title (shortened to the width), a legend that wraps under it, and texts placed by hand.

use super::ruler::Ruler;
use super::{DrawResult, Hit, Hits, Style};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub(crate) const INK: RGBColor = RGBColor(40, 40, 40);
pub(crate) const MUTED: RGBColor = RGBColor(90, 90, 90);
/// Every text of a chart is at least this size on screen.
pub(crate) const TEXT: f64 = 12.0;
/// Space around the drawing.
pub(crate) const MARGIN: f64 = 12.0;

/// The title's size: larger on a wide chart, never below 14 px.
pub(crate) fn title_size(st: Style) -> f64 {
    (st.wh().0 / 44.0).clamp(14.0, 20.0)
}

/// Draws one line of text at `at` (CSS pixels).
pub(crate) fn text<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    text: &str,
    at: (f64, f64),
    size: f64,
    color: &RGBColor,
    pos: (HPos, VPos),
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    if text.is_empty() {
        return Ok(());
    }
    root.draw(&Text::new(
        text.to_string(),
        (st.px(at.0), st.px(at.1)),
        st.font(size).color(color).pos(Pos::new(pos.0, pos.1)),
    ))?;
    Ok(())
}

/// What every dashboard chart opens with: a white page, the ruler that measures its texts, and
/// its title `{node} | {metric} | {kind} ({period})` — the parts joined by " | ", the period (or
/// the as-of day) in brackets.
pub(crate) fn open<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    parts: &[&str],
    bracket: &str,
) -> std::result::Result<(Ruler, String), Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let ruler = Ruler::new()?;
    root.fill(&WHITE)?;
    Ok((ruler, format!("{} ({bracket})", parts.join(" | "))))
}

/// The title, centred and shortened to the width; returns where the content below it starts.
pub(crate) fn title<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    ruler: &Ruler,
    title: &str,
) -> std::result::Result<f64, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let size = title_size(st);
    let w = st.wh().0;
    let shown = ruler.fit(title, size, w - 2.0 * MARGIN);
    text(
        root,
        st,
        &shown,
        (w / 2.0, MARGIN),
        size,
        &INK,
        (HPos::Center, VPos::Top),
    )?;
    Ok(MARGIN + size * 1.3 + 6.0)
}

/// How a legend entry's sample is drawn.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    Line(f64),
    Dashed(f64),
    Block,
}

pub(crate) struct LegendEntry {
    pub swatch: Swatch,
    pub color: RGBColor,
    pub label: String,
    /// The series' bit in [`Style::hidden`]: a click on the entry hides or shows it.
    pub series: u32,
}

/// A hidden series' legend entry: swatch and label in this grey.
const HIDDEN: RGBColor = RGBColor(190, 190, 190);

/// What a legend entry's tooltip says it does.
fn toggle_tip(lang: crate::error::Lang, hidden: bool) -> &'static str {
    match (lang, hidden) {
        (crate::error::Lang::Zh, false) => "已显示：点击或按回车隐藏",
        (crate::error::Lang::Zh, true) => "已隐藏：点击或按回车显示",
        (crate::error::Lang::En, false) => "Shown: click or press Enter to hide",
        (crate::error::Lang::En, true) => "Hidden: click or press Enter to show",
    }
}

const SWATCH_W: f64 = 22.0;

/// The legend as rows under the title, wrapping at the chart's width, each entry a region that
/// hides or shows its series (greyed while hidden); returns where the content below it starts.
pub(crate) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    st: Style,
    ruler: &Ruler,
    entries: &[LegendEntry],
    top: f64,
    hits: &mut Hits,
) -> std::result::Result<f64, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    if entries.is_empty() {
        return Ok(top);
    }
    let w = st.wh().0;
    let line_h = TEXT * 1.6;
    let (mut x, mut y) = (MARGIN, top + line_h / 2.0);
    for e in entries {
        let room = w - 2.0 * MARGIN - SWATCH_W - 6.0;
        let label = ruler.fit(&e.label, TEXT, room);
        let item_w = SWATCH_W + 6.0 + ruler.width(&label, TEXT);
        if x > MARGIN && x + item_w > w - MARGIN {
            x = MARGIN;
            y += line_h;
        }
        let (x0, x1) = (st.px(x), st.px(x + SWATCH_W));
        let cy = st.px(y);
        let hidden = st.hidden & e.series != 0;
        let (color, ink) = if hidden {
            (HIDDEN, HIDDEN)
        } else {
            (e.color, INK)
        };
        if e.series != 0 {
            let mut hit =
                Hit::to(e.label.clone(), None, None, None).with_tip(vec![super::tips::line(
                    &e.label,
                    toggle_tip(st.lang, hidden).into(),
                    None,
                )]);
            hit.series = Some(e.series);
            hit.hidden = hidden;
            hits.add(
                (st.px(x - 2.0), st.px(y - line_h / 2.0)),
                (st.px(x + item_w + 2.0), st.px(y + line_h / 2.0)),
                hit,
            );
        }
        match e.swatch {
            Swatch::Line(width) => root.draw(&PathElement::new(
                vec![(x0, cy), (x1, cy)],
                color.stroke_width(st.w(width)),
            ))?,
            Swatch::Dashed(width) => {
                for i in 0..3 {
                    let a = st.px(x + i as f64 * 8.0);
                    root.draw(&PathElement::new(
                        vec![(a, cy), (a + st.px(5.0), cy)],
                        color.stroke_width(st.w(width)),
                    ))?;
                }
            }
            Swatch::Block => root.draw(&Rectangle::new(
                [(x0, st.px(y - 5.0)), (x1, st.px(y + 5.0))],
                color.filled(),
            ))?,
        }
        text(
            root,
            st,
            &label,
            (x + SWATCH_W + 6.0, y),
            TEXT,
            &ink,
            (HPos::Left, VPos::Center),
        )?;
        x += item_w + 16.0;
    }
    Ok(y + line_h / 2.0 + 4.0)
}

/// The widest of `labels` at the tick size, in CSS pixels.
pub(crate) fn widest(ruler: &Ruler, labels: &[String]) -> f64 {
    labels
        .iter()
        .map(|l| ruler.width(l, TEXT))
        .fold(0.0, f64::max)
}
