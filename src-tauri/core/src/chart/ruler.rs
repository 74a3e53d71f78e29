//! Measures chart texts in CSS pixels with the chart font, at the size they are shown (the em
//! is the font size, as in the SVG), and shortens them with "…" to fit.

use super::font;
use crate::error::Code;
use crate::error::{Error, Result};
use ab_glyph::{Font, FontRef, PxScaleFont, ScaleFont};

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
}
