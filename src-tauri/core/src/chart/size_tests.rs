//! Charts drawn at the size they are shown: at every size a window gives them, every text is at
//! least 12 CSS px, inside the picture and clear of every other text, and the PNG is the same
//! drawing at twice the size. Texts are read back from the SVG and measured with the font's own
//! advances (ab_glyph), not with the chart code's ruler.

use super::tests::decode;
use super::*;
use crate::demo::in_memory as demo;
use ab_glyph::{Font, FontRef};

/// One `<text>` of an SVG: where it is, how big, its colour and its words.
#[derive(Debug, Clone)]
struct SvgText {
    x: f64,
    y: f64,
    size: f64,
    anchor: String,
    dy: String,
    fill: String,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn texts(svg: &str) -> Vec<SvgText> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        let tail = &rest[i..];
        let close = tail.find('>').unwrap();
        let tag = &tail[..close];
        let end = tail.find("</text>").unwrap();
        out.push(SvgText {
            x: attr(tag, "x").unwrap().parse().unwrap(),
            y: attr(tag, "y").unwrap().parse().unwrap(),
            size: attr(tag, "font-size").unwrap().parse().unwrap(),
            anchor: attr(tag, "text-anchor").unwrap_or_default(),
            dy: attr(tag, "dy").unwrap_or_default(),
            fill: attr(tag, "fill").unwrap_or_default(),
            text: unescape(tail[close + 1..end].trim()),
        });
        rest = &tail[end..];
    }
    out
}

/// The box a text covers: its advance width at its em, one em high.
fn bbox(t: &SvgText, font: &FontRef) -> (f64, f64, f64, f64) {
    let upem = font.units_per_em().unwrap() as f64;
    let w: f64 = t
        .text
        .chars()
        .map(|c| font.h_advance_unscaled(font.glyph_id(c)) as f64 / upem * t.size)
        .sum();
    let x0 = match t.anchor.as_str() {
        "middle" => t.x - w / 2.0,
        "end" => t.x - w,
        _ => t.x,
    };
    // plotters' anchors: top "0.76em" below y, centre "0.5ex", bottom "-0.5ex" (baseline).
    let top = match t.dy.as_str() {
        "0.76em" => t.y,
        "0.5ex" => t.y - 0.5 * t.size,
        _ => t.y - t.size,
    };
    (x0, top, x0 + w, top + t.size)
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    const SLACK: f64 = 0.5;
    a.0 < b.2 - SLACK && b.0 < a.2 - SLACK && a.1 < b.3 - SLACK && b.1 < a.3 - SLACK
}

const SIZES: [(u32, u32); 3] = [(470, 300), (640, 360), (960, 540)];

#[test]
fn every_chart_text_is_readable_whole_and_alone_at_every_size() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let font = FontRef::try_from_slice(font::chart_font().unwrap().data).unwrap();
    let queries = [
        VarianceQuery::new("revenue", "/", "2026"),
        VarianceQuery::new("revenue", "/华东", "2026-Q4"),
        VarianceQuery::new("revenue", "/华东/华东一组", "2026-10"),
        VarianceQuery::new("revenue", "/华东/华东一组", "2026-W42"),
    ];
    for q in &queries {
        for kind in ChartKind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                for (w, h) in SIZES {
                    let size = Size::new(w, h);
                    let at = format!("{kind:?} {lang:?} {} {} {w}×{h}", q.node, q.period);
                    let svg = render_chart(&e, kind, q, lang, Format::Svg, size).unwrap();
                    let svg = String::from_utf8(svg).unwrap();
                    assert!(
                        svg.contains(&format!("width=\"{w}\" height=\"{h}\"")),
                        "{at}"
                    );
                    let list = texts(&svg);
                    assert!(list.len() >= 3, "{at}: {list:?}");
                    let boxes: Vec<_> = list.iter().map(|t| bbox(t, &font)).collect();
                    for (t, b) in list.iter().zip(&boxes) {
                        assert!(t.size >= 12.0, "{at}: {t:?}");
                        assert!(
                            b.0 >= -0.5
                                && b.2 <= w as f64 + 0.5
                                && b.1 >= -0.5
                                && b.3 <= h as f64 + 0.5,
                            "{at}: cut {t:?} {b:?}"
                        );
                    }
                    for i in 0..list.len() {
                        for j in i + 1..list.len() {
                            assert!(
                                !overlap(boxes[i], boxes[j]),
                                "{at}: {:?} overlaps {:?}",
                                list[i],
                                list[j]
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_png_is_the_svg_drawn_at_twice_the_size() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let font = FontRef::try_from_slice(font::chart_font().unwrap().data).unwrap();
    let q = VarianceQuery::new("revenue", "/", "2026");
    for kind in ChartKind::ALL {
        for (w, h) in SIZES {
            let size = Size::new(w, h);
            let (svg, svg_hits) =
                render_chart_with_hits(&e, kind, &q, Lang::Zh, Format::Svg, size).unwrap();
            let (png, png_hits) =
                render_chart_with_hits(&e, kind, &q, Lang::Zh, Format::Png, size).unwrap();
            let (pw, ph, rgb) = decode(&png);
            assert_eq!((pw, ph), (w * PNG_SCALE, h * PNG_SCALE), "{kind:?}");
            // The same clickable regions, within a pixel of rounding.
            assert_eq!(svg_hits.len(), png_hits.len(), "{kind:?}");
            for (a, b) in svg_hits.iter().zip(&png_hits) {
                assert!(
                    (a.x - b.x).abs() <= 1 && (a.y - b.y).abs() <= 1 && (a.w - b.w).abs() <= 1,
                    "{kind:?} {a:?} {b:?}"
                );
                assert_eq!(a.label, b.label);
            }
            // Every dark text of the SVG has ink in its box of the PNG, and its box is about as
            // wide as the ink there (the same glyph size in both).
            let svg = String::from_utf8(svg).unwrap();
            for t in texts(&svg).iter().filter(|t| t.fill == "#282828") {
                let (x0, y0, x1, y1) = bbox(t, &font);
                let s = PNG_SCALE as f64;
                let (px0, px1) = ((x0 * s).max(0.0) as u32, ((x1 * s) as u32).min(pw));
                let (py0, py1) = ((y0 * s).max(0.0) as u32, ((y1 * s) as u32).min(ph));
                let mut cols = (u32::MAX, 0u32);
                for y in py0..py1 {
                    for x in px0.saturating_sub(8)..(px1 + 8).min(pw) {
                        let i = ((y * pw + x) * 3) as usize;
                        if rgb[i] < 110 && rgb[i + 1] < 110 && rgb[i + 2] < 110 {
                            cols = (cols.0.min(x), cols.1.max(x));
                        }
                    }
                }
                assert!(cols.0 <= cols.1, "{kind:?} {w}×{h}: no ink for {t:?}");
                let ink_w = (cols.1 - cols.0 + 1) as f64 / s;
                assert!(
                    ink_w >= (x1 - x0) * 0.6 && ink_w <= (x1 - x0) + 8.0,
                    "{kind:?} {w}×{h}: {t:?} ink {ink_w} box {}",
                    x1 - x0
                );
            }
        }
    }
}
