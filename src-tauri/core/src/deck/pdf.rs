//! Drawing slides into a PDF with krilla: text in the chart font (embedded as a subset, so the
//! deck prints anywhere), boxes and lines, and each chart's SVG as vectors through krilla-svg.

use super::slides::{Align, Body, Card, Cover, Slide, TableSlide};
use crate::chart::font::{chart_font, ChartFont};
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;

/// A 16:9 page in points (13.33 × 7.5 inches, a widescreen slide).
pub const PAGE_W: f32 = 960.0;
pub const PAGE_H: f32 = 540.0;
/// Left and right margin; the content's width is what is left between them.
pub const MARGIN: f32 = 40.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// Where the content starts below the title bar, and where the footer begins.
pub const CONTENT_TOP: f32 = 78.0;
pub const FOOTER_TOP: f32 = 506.0;
/// The smallest text of the deck (table cells, footers): 12 pt.
pub const SMALL: f32 = 12.0;

const INK: (u8, u8, u8) = (31, 41, 55);
const MUTED: (u8, u8, u8) = (100, 110, 125);
const ACCENT: (u8, u8, u8) = (37, 99, 235);
const RULE: (u8, u8, u8) = (214, 219, 226);
const BAND: (u8, u8, u8) = (243, 245, 248);
const ALERT: (u8, u8, u8) = (185, 28, 28);
const ALERT_BAND: (u8, u8, u8) = (254, 236, 236);

fn pdf_error(e: impl std::fmt::Debug) -> Error {
    Error::new(
        Code::DeckPdf,
        format!("生成会议材料 PDF 失败：{e:?}"),
        format!("Could not write the meeting deck PDF: {e:?}"),
    )
}

/// The font every text of the deck is set in, with its measures, and the font database the
/// charts' SVG text is resolved from (the same face).
pub struct Ink {
    font: Font,
    face: ab_glyph::FontRef<'static>,
    fonts: Arc<usvg::fontdb::Database>,
    family: &'static str,
}

impl Ink {
    pub fn new() -> Result<Ink> {
        let cf: &'static ChartFont = chart_font()?;
        let font = Font::new(krilla::Data::from(cf.data), 0).ok_or_else(|| pdf_error("font"))?;
        let face = ab_glyph::FontRef::try_from_slice(cf.data).map_err(pdf_error)?;
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(cf.data.to_vec());
        Ok(Ink {
            font,
            face,
            fonts: Arc::new(db),
            family: cf.family,
        })
    }

    /// The width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        use ab_glyph::Font as _;
        let upem = self.face.units_per_em().unwrap_or(1000.0);
        text.chars()
            .map(|c| self.face.h_advance_unscaled(self.face.glyph_id(c)) / upem * size)
            .sum()
    }

    /// `text` shortened with an ellipsis to fit `max` points at `size`.
    pub fn fit(&self, text: &str, size: f32, max: f32) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty() && self.width(&format!("{out}…"), size) > max {
            out.pop();
        }
        format!("{out}…")
    }

    /// Parses one chart's SVG with the deck's font for its text.
    fn svg(&self, svg: &str) -> Result<usvg::Tree> {
        let opts = usvg::Options {
            fontdb: self.fonts.clone(),
            font_family: self.family.to_string(),
            ..Default::default()
        };
        usvg::Tree::from_str(svg, &opts).map_err(pdf_error)
    }
}

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// One page being drawn.
struct Painter<'a, 'b> {
    s: &'a mut Surface<'b>,
    ink: &'a Ink,
}

impl Painter<'_, '_> {
    /// `text` with its baseline at `y`, starting at `x` (left), ending at `x` (right) or centred.
    fn text(&mut self, x: f32, y: f32, size: f32, color: (u8, u8, u8), text: &str, align: Align) {
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x - self.ink.width(text, size),
            Align::Center => x - self.ink.width(text, size) / 2.0,
        };
        self.s.set_stroke(None);
        self.s.set_fill(Some(fill(color)));
        self.s.draw_text(
            Point::from_xy(x, y),
            self.ink.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
        let Some(r) = Rect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(path) = pb.finish() {
            self.s.set_stroke(None);
            self.s.set_fill(Some(fill(color)));
            self.s.draw_path(&path);
        }
    }

    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: (u8, u8, u8)) {
        let mut pb = PathBuilder::new();
        pb.move_to(x0, y0);
        pb.line_to(x1, y1);
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                width: 0.8,
                ..Default::default()
            }));
            self.s.draw_path(&path);
            self.s.set_stroke(None);
        }
    }

    /// A chart's SVG as vectors, its CSS pixels as points, at `x`, `y`.
    fn svg(&mut self, svg: &str, x: f32, y: f32, w: f32, h: f32) -> Result<()> {
        let tree = self.ink.svg(svg)?;
        let size = Size::from_wh(w, h).ok_or_else(|| pdf_error("size"))?;
        self.s.push_transform(&Transform::from_translate(x, y));
        self.s.draw_svg(&tree, size, SvgSettings::default());
        self.s.pop();
        Ok(())
    }

    fn cover(&mut self, c: &Cover) {
        self.rect(0.0, 0.0, 18.0, PAGE_H, ACCENT);
        self.text(80.0, 150.0, 22.0, MUTED, &c.company, Align::Left);
        self.text(80.0, 220.0, 44.0, INK, &c.node, Align::Left);
        self.text(80.0, 280.0, 26.0, ACCENT, &c.title, Align::Left);
        self.line(80.0, 310.0, PAGE_W - 80.0, 310.0, RULE);
        for (i, line) in c.lines.iter().enumerate() {
            self.text(80.0, 350.0 + 30.0 * i as f32, 18.0, INK, line, Align::Left);
        }
    }

    fn cards(&mut self, cards: &[Card]) {
        let cols = 3usize;
        let gap = 16.0;
        let w = (CONTENT_W - gap * (cols as f32 - 1.0)) / cols as f32;
        let h = 126.0;
        for (i, card) in cards.iter().enumerate() {
            let x = MARGIN + (i % cols) as f32 * (w + gap);
            let y = CONTENT_TOP + 20.0 + (i / cols) as f32 * (h + gap);
            let (band, value) = if card.alert {
                (ALERT_BAND, ALERT)
            } else {
                (BAND, INK)
            };
            self.rect(x, y, w, h, band);
            self.rect(x, y, 4.0, h, if card.alert { ALERT } else { ACCENT });
            self.text(x + 18.0, y + 30.0, 15.0, MUTED, &card.label, Align::Left);
            let v = self.ink.fit(&card.value, 26.0, w - 36.0);
            self.text(x + 18.0, y + 72.0, 26.0, value, &v, Align::Left);
            // A note too long for one line goes on two, split at its " · ".
            let lines: Vec<&str> = match card.note.split_once(" · ") {
                Some((a, b)) if self.ink.width(&card.note, 13.0) > w - 36.0 => vec![a, b],
                _ => vec![card.note.as_str()],
            };
            let first = if lines.len() > 1 { 98.0 } else { 104.0 };
            for (k, line) in lines.iter().enumerate() {
                let line = self.ink.fit(line, 13.0, w - 36.0);
                let at = y + first + 17.0 * k as f32;
                self.text(x + 18.0, at, 13.0, MUTED, &line, Align::Left);
            }
        }
    }

    fn table(&mut self, t: &TableSlide) {
        let widths = self.column_widths(t);
        let row_h = super::slides::ROW_H;
        let mut y = CONTENT_TOP + 6.0;
        if let Some(note) = &t.note {
            let note = self.ink.fit(note, 14.0, CONTENT_W);
            self.text(MARGIN, y + 14.0, 14.0, MUTED, &note, Align::Left);
            y += 28.0;
        }
        self.rect(MARGIN, y, CONTENT_W, row_h, BAND);
        self.cells(y, &widths, t, None);
        y += row_h;
        for (i, row) in t.rows.iter().enumerate() {
            if t.marked.get(i).copied().unwrap_or(false) {
                self.rect(MARGIN, y, CONTENT_W, row_h, ALERT_BAND);
            }
            self.cells(y, &widths, t, Some(row));
            y += row_h;
            self.line(MARGIN, y, MARGIN + CONTENT_W, y, RULE);
        }
    }

    /// Each column as wide as its widest text (header included); what is left of the page's
    /// width is shared by the columns' weights, and when the texts are wider than the page the
    /// columns shrink by weight and the longest texts are shortened.
    fn column_widths(&self, t: &TableSlide) -> Vec<f32> {
        let pad = 12.0;
        let natural: Vec<f32> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                t.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .chain(std::iter::once(&c.head))
                    .map(|s| self.ink.width(s, SMALL))
                    .fold(0.0, f32::max)
                    + pad
            })
            .collect();
        let weights: f32 = t.columns.iter().map(|c| c.weight).sum();
        let spare = CONTENT_W - natural.iter().sum::<f32>();
        natural
            .iter()
            .zip(&t.columns)
            .map(|(w, c)| (w + spare * c.weight / weights).max(pad + SMALL))
            .collect()
    }

    /// One row of a table at `y`: the header when `row` is None.
    fn cells(&mut self, y: f32, widths: &[f32], t: &TableSlide, row: Option<&Vec<String>>) {
        let pad = 6.0;
        let mut x = MARGIN;
        for (i, (col, w)) in t.columns.iter().zip(widths).enumerate() {
            let (text, color) = match row {
                None => (col.head.as_str(), MUTED),
                Some(r) => (r.get(i).map(String::as_str).unwrap_or(""), INK),
            };
            let text = self.ink.fit(text, SMALL, w - 2.0 * pad);
            let base = y + super::slides::ROW_H / 2.0 + SMALL * 0.36;
            match col.align {
                Align::Left => self.text(x + pad, base, SMALL, color, &text, Align::Left),
                Align::Right => self.text(x + w - pad, base, SMALL, color, &text, Align::Right),
                Align::Center => self.text(x + w / 2.0, base, SMALL, color, &text, Align::Center),
            }
            x += w;
        }
    }

    fn lines(&mut self, lines: &[String]) {
        for (i, line) in lines.iter().enumerate() {
            let line = self.ink.fit(line, 16.0, CONTENT_W);
            let y = CONTENT_TOP + 30.0 + 30.0 * i as f32;
            self.text(MARGIN, y, 16.0, INK, &line, Align::Left);
        }
    }

    /// The title bar, the footer and the page number around every page but the cover.
    fn frame(&mut self, slide: &Slide, footer: &str, page: usize, pages: usize, lang: Lang) {
        if !matches!(slide.body, Body::Cover(_)) {
            self.rect(0.0, 0.0, PAGE_W, 6.0, ACCENT);
            let title = self.ink.fit(&slide.title, 24.0, CONTENT_W);
            self.text(MARGIN, 50.0, 24.0, INK, &title, Align::Left);
            self.line(MARGIN, 64.0, PAGE_W - MARGIN, 64.0, RULE);
        }
        self.line(MARGIN, FOOTER_TOP, PAGE_W - MARGIN, FOOTER_TOP, RULE);
        let number = match lang {
            Lang::Zh => format!("第 {page} / {pages} 页"),
            Lang::En => format!("Page {page} of {pages}"),
        };
        let footer = self.ink.fit(footer, SMALL, CONTENT_W - 140.0);
        self.text(
            MARGIN,
            FOOTER_TOP + 22.0,
            SMALL,
            MUTED,
            &footer,
            Align::Left,
        );
        self.text(
            PAGE_W - MARGIN,
            FOOTER_TOP + 22.0,
            SMALL,
            MUTED,
            &number,
            Align::Right,
        );
    }
}

/// What the PDF says about itself: its title and language.
pub struct DocInfo {
    pub title: String,
    pub footer: String,
    pub lang: Lang,
}

/// Every slide as one page of a PDF; `progress(done, total)` after each page.
pub fn render(
    slides: &[Slide],
    info: &DocInfo,
    progress: &mut dyn FnMut(usize, usize) -> Result<()>,
) -> Result<Vec<u8>> {
    let ink = Ink::new()?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .language(info.lang.tag().to_string())
            .creator("Targetline".to_string()),
    );
    let pages = slides.len();
    for (i, slide) in slides.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| pdf_error("page"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let drawn = {
            let mut p = Painter {
                s: &mut surface,
                ink: &ink,
            };
            p.frame(slide, &info.footer, i + 1, pages, info.lang);
            match &slide.body {
                Body::Cover(c) => {
                    p.cover(c);
                    Ok(())
                }
                Body::Cards(cards) => {
                    p.cards(cards);
                    Ok(())
                }
                Body::Chart(c) => p.svg(&c.svg, MARGIN, CONTENT_TOP, c.width, c.height),
                Body::Table(t) => {
                    p.table(t);
                    Ok(())
                }
                Body::Lines(lines) => {
                    p.lines(lines);
                    Ok(())
                }
            }
        };
        surface.finish();
        page.finish();
        drawn?;
        progress(i + 1, pages)?;
    }
    doc.finish().map_err(pdf_error)
}
