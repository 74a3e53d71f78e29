//! Measures chart texts in CSS pixels with the chart font, at the size they are shown (the em
//! is the font size, as in the SVG), and shortens them with "…" to fit.

use super::{font, DrawResult, Style};
use crate::error::Code;
use crate::error::{Error, Result};
use ab_glyph::{Font, FontRef, PxScaleFont, ScaleFont};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Measures texts in CSS pixels with the chart font, the way plotters lays them out, so a cut
/// text is the same in the SVG and the PNG.
pub(crate) struct Ruler(pub FontRef<'static>);

impl Ruler {
    pub fn new() -> Result<Ruler> {
        let data = font::chart_font()?.data;
        FontRef::try_from_slice(data).map(Ruler).map_err(|e| {
            Error::new(
                Code::ChartDraw,
                format!("绘制图表失败：无法读取字体（{e}）"),
                format!("Could not draw the chart: the font cannot be read ({e})"),
            )
        })
    }

    /// The font scaled so that its em is `size` pixels (ab_glyph's scale is the line height).
    pub fn scaled(&self, size: f64) -> PxScaleFont<&FontRef<'static>> {
        self.0.as_scaled((size * font::em_height()) as f32)
    }

    pub fn width(&self, text: &str, size: f64) -> f64 {
        let f = self.scaled(size);
        let mut w = 0f32;
        let mut prev = None;
        for c in text.chars() {
            let g = f.glyph_id(c);
            if let Some(p) = prev {
                w += f.kern(p, g);
            }
            w += f.h_advance(g);
            prev = Some(g);
        }
        w as f64
    }

    /// The text, cut with "…" when it is wider than `max`.
    pub fn fit(&self, text: &str, size: f64, max: f64) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        // The longest prefix that fits with the ellipsis.
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let candidate: String = chars[..mid].iter().collect::<String>() + "…";
            if self.width(&candidate, size) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // A Latin word cut in two goes whole to the ellipsis when little is lost.
        let in_word = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
        if lo > 0 && in_word(lo - 1) && in_word(lo) {
            if let Some(space) = chars[..lo].iter().rposition(|c| *c == ' ') {
                if space * 3 >= lo * 2 {
                    lo = space;
                }
            }
        }
        chars[..lo]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…"
    }

    /// The text in at most `max_lines` lines of width `max`, broken after a space where a line
    /// has one (Latin words) and anywhere otherwise (Chinese); the last line is cut with "…".
    pub fn wrap(&self, text: &str, size: f64, max: f64, max_lines: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut rest: Vec<char> = text.trim().chars().collect();
        while !rest.is_empty() && lines.len() + 1 < max_lines {
            let mut n = rest.len();
            while n > 1 && self.width(&rest[..n].iter().collect::<String>(), size) > max {
                n -= 1;
            }
            if n < rest.len() {
                if let Some(space) = rest[..=n].iter().rposition(|c| *c == ' ') {
                    if space > 0 {
                        n = space;
                    }
                }
            }
            lines.push(rest[..n].iter().collect::<String>().trim().to_string());
            rest = rest[n..].to_vec();
            while rest.first() == Some(&' ') {
                rest.remove(0);
            }
        }
        if !rest.is_empty() {
            lines.push(self.fit(&rest.iter().collect::<String>(), size, max));
        }
        lines
    }

    /// Draws one line of text centred vertically on `at` (CSS pixels), anchored by `h`. In a
    /// bitmap each glyph is placed by its advance and side bearing, as the SVG viewer does:
    /// plotters' bitmap text drops the bearings, which opens gaps after "（", "·" or "…", so a
    /// text is as wide in the PNG as [`Ruler::width`] says and as the SVG shows it.
    #[allow(clippy::too_many_arguments)]
    pub fn draw_text<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        text: &str,
        at: (f64, f64),
        size: f64,
        color: &RGBColor,
        h: HPos,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        if !st.bitmap {
            // The SVG's font sizes are restored to the drawn size after drawing (see
            // `svg_font_sizes_as_drawn`), so the screen shows the size of the PNG and the ruler.
            root.draw(&Text::new(
                text.to_string(),
                (st.px(at.0), st.px(at.1)),
                st.font(size).color(color).pos(Pos::new(h, VPos::Center)),
            ))?;
            return Ok(());
        }
        let style = st.font(size).color(color);
        let width = self.width(text, size) * st.s;
        let mut pen = at.0 * st.s
            - match h {
                HPos::Left => 0.0,
                HPos::Center => width / 2.0,
                HPos::Right => width,
            };
        // plotters' bitmap text sits a quarter of its size above the centre it is given.
        let y = st.px(at.1 + size / 4.0);
        let f = self.scaled(size * st.s);
        let style = style.pos(Pos::new(HPos::Left, VPos::Center));
        let mut prev = None;
        for c in text.chars() {
            let g = f.glyph_id(c);
            if let Some(p) = prev {
                pen += f.kern(p, g) as f64;
            }
            if let Some(outline) = f.outline_glyph(g.with_scale(f.scale())) {
                let bearing = outline.px_bounds().min.x as f64;
                root.draw(&Text::new(
                    c.to_string(),
                    ((pen + bearing).round() as i32, y),
                    style.clone(),
                ))?;
            }
            pen += f.h_advance(g) as f64;
            prev = Some(g);
        }
        Ok(())
    }
}
