//! The CJK font every chart draws with. plotters has no per-glyph fallback, so one font must
//! cover Chinese and Latin text: Noto Sans CJK SC on Linux, Microsoft YaHei on Windows,
//! PingFang SC on macOS (and a few well-known others). Found through fontdb; a face inside a
//! collection (.ttc) is copied out into a standalone font, because plotters reads face 0 only.

use crate::error::Code;
use crate::error::{Error, Result};
use std::sync::OnceLock;

/// Families tried in order: simplified-Chinese faces first.
pub const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "SimHei",
];

/// The font charts use: its family name and its bytes (a single face).
#[derive(Debug)]
pub struct ChartFont {
    pub family: &'static str,
    /// The name charts draw with: the found family first, then the others and `sans-serif`, so
    /// an SVG shown on another machine still finds a Chinese font.
    pub css_family: &'static str,
    pub data: &'static [u8],
}

static FONT: OnceLock<std::result::Result<ChartFont, Error>> = OnceLock::new();

fn no_font() -> Error {
    Error::new(
        Code::NoCjkFont,
        format!(
            "找不到可显示中文的字体，无法绘制图表。请安装以下字体之一：{}",
            CJK_FAMILIES.join("、")
        ),
        format!(
            "No font that can show Chinese was found, so charts cannot be drawn. Install one of: {}",
            CJK_FAMILIES.join(", ")
        ),
    )
}

fn be_u32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

fn be_u16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

/// Face `index` of a font file as a standalone font (a plain .ttf/.otf is returned as is).
pub fn single_face(data: &[u8], index: u32) -> Option<Vec<u8>> {
    if data.get(0..4)? != b"ttcf" {
        return (index == 0).then(|| data.to_vec());
    }
    if index >= be_u32(data, 8)? {
        return None;
    }
    let off = be_u32(data, 12 + 4 * index as usize)? as usize;
    let n = be_u16(data, off + 4)? as usize;
    let header_len = 12 + 16 * n;
    let mut out = Vec::with_capacity(header_len);
    out.extend_from_slice(data.get(off..off + 12)?);
    out.resize(header_len, 0);
    for i in 0..n {
        let rec = off + 12 + 16 * i;
        let (t_off, t_len) = (
            be_u32(data, rec + 8)? as usize,
            be_u32(data, rec + 12)? as usize,
        );
        let table = data.get(t_off..t_off + t_len)?;
        let new_off = out.len() as u32;
        let at = 12 + 16 * i;
        out[at..at + 8].copy_from_slice(data.get(rec..rec + 8)?);
        out[at + 8..at + 12].copy_from_slice(&new_off.to_be_bytes());
        out[at + 12..at + 16].copy_from_slice(&(t_len as u32).to_be_bytes());
        out.extend_from_slice(table);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    Some(out)
}

fn find() -> Result<ChartFont> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    for &family in CJK_FAMILIES {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: fontdb::Weight::NORMAL,
            ..Default::default()
        };
        let Some(id) = db.query(&query) else { continue };
        let Some(Some(bytes)) = db.with_face_data(id, single_face) else {
            continue;
        };
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let mut list: Vec<&str> = vec![family];
        list.extend(CJK_FAMILIES.iter().filter(|f| **f != family));
        list.push("sans-serif");
        let css_family: &'static str = Box::leak(list.join(", ").into_boxed_str());
        let font = ChartFont {
            family,
            css_family,
            data,
        };
        if !missing_glyphs_in(&font, "业绩目标达成率Achievement 0123456789%").is_empty() {
            continue;
        }
        plotters::style::register_font(css_family, plotters::style::FontStyle::Normal, data)
            .map_err(|_| no_font())?;
        return Ok(font);
    }
    Err(no_font())
}

/// The chart font, found once per process; a clear `no_cjk_font` error when there is none.
pub fn chart_font() -> Result<&'static ChartFont> {
    FONT.get_or_init(find).as_ref().map_err(Clone::clone)
}

fn missing_glyphs_in(font: &ChartFont, text: &str) -> Vec<char> {
    use ab_glyph::Font;
    let Ok(f) = ab_glyph::FontRef::try_from_slice(font.data) else {
        return text.chars().collect();
    };
    text.chars()
        .filter(|c| !c.is_whitespace() && f.glyph_id(*c).0 == 0)
        .collect()
}

/// The characters of `text` the chart font has no glyph for (they would print as tofu).
pub fn missing_glyphs(text: &str) -> Result<Vec<char>> {
    Ok(missing_glyphs_in(chart_font()?, text))
}

/// The chart font's line height (ascent − descent) in ems. plotters and ab_glyph scale a font
/// by its line height while an SVG's `font-size` is its em, so a text asked for at `size`
/// pixels is drawn at `size × em_height()` to show `size`-pixel glyphs in both.
pub fn em_height() -> f64 {
    static EM: OnceLock<f64> = OnceLock::new();
    *EM.get_or_init(|| {
        use ab_glyph::Font;
        chart_font()
            .ok()
            .and_then(|f| ab_glyph::FontRef::try_from_slice(f.data).ok())
            .and_then(|f| {
                let upem = f.units_per_em()? as f64;
                let h = f.height_unscaled() as f64;
                (upem > 0.0 && h > 0.0).then_some(h / upem)
            })
            .unwrap_or(1.0)
    })
}
