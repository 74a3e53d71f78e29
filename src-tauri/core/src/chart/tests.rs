use super::*;
use crate::store::Workspace;

fn demo() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
    ws
}

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let dec = png::Decoder::new(png_bytes);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Dark pixels in rows `y0..y1`.
fn ink(w: u32, rgb: &[u8], y0: u32, y1: u32) -> usize {
    (y0..y1)
        .flat_map(|y| (0..w).map(move |x| ((y * w + x) * 3) as usize))
        .filter(|&i| rgb[i] < 128 && rgb[i + 1] < 128 && rgb[i + 2] < 128)
        .count()
}

#[test]
fn chinese_title_renders_in_png_without_tofu() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let q = VarianceQuery::new("revenue", "/华东", "2026");
    let report = e.variance(&q).unwrap();
    let png_bytes = achievement(&report, Lang::Zh, Format::Png).unwrap();
    let (w, h, rgb) = decode(&png_bytes);
    assert_eq!((w, h), (WIDTH * PNG_SCALE, HEIGHT * PNG_SCALE));
    // The caption sits in the top 60 CSS pixels: it has ink; a blank band below the plot has none.
    assert!(ink(w, &rgb, 0, 60 * PNG_SCALE) > 2000, "title has no ink");
    // Every character of every chart text has a glyph in the font (no tofu boxes).
    for lang in [Lang::Zh, Lang::En] {
        for text in labels(lang).all() {
            assert_eq!(
                font::missing_glyphs(text).unwrap(),
                Vec::<char>::new(),
                "{text}"
            );
        }
    }
    let title = format!("{} · 销售额 · 下级达成率（2026）", report.figures.name);
    assert_eq!(font::missing_glyphs(&title).unwrap(), Vec::<char>::new());
    let names: String = e.tree.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(font::missing_glyphs(&names).unwrap(), Vec::<char>::new());
    // A character outside the font is reported.
    assert_eq!(
        font::missing_glyphs("\u{10FFFD}").unwrap(),
        vec!['\u{10FFFD}']
    );
}

#[test]
fn every_kind_renders_svg_and_png_in_both_languages() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let q = VarianceQuery::new("revenue", "/", "2026");
    for kind in ChartKind::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let svg =
                String::from_utf8(render_chart(&e, kind, &q, lang, Format::Svg).unwrap()).unwrap();
            assert!(svg.starts_with("<svg"), "{kind:?}");
            assert!(
                svg.contains("Microsoft YaHei, "),
                "the SVG names fallback fonts"
            );
            let title = match lang {
                Lang::Zh => labels(Lang::Zh),
                Lang::En => labels(Lang::En),
            };
            let expected = match kind {
                ChartKind::Cumulative => title.cumulative_title,
                ChartKind::Achievement => title.achievement_title,
                ChartKind::Heatmap => title.heatmap_title,
                ChartKind::Funnel => title.funnel_title,
            };
            assert!(svg.contains(expected), "{kind:?} {lang:?}");
            let png_bytes = render_chart(&e, kind, &q, lang, Format::Png).unwrap();
            assert_eq!(&png_bytes[1..4], b"PNG");
        }
    }
    assert_eq!(ChartKind::parse("pie").unwrap_err().code, "bad_chart_kind");
    assert_eq!(
        Format::from_path(std::path::Path::new("x.jpg"))
            .unwrap_err()
            .code,
        "bad_chart_file"
    );
}

#[test]
fn ttc_faces_are_copied_out_whole() {
    // A two-face collection whose second face has one table.
    let mut ttc = Vec::new();
    ttc.extend_from_slice(b"ttcf");
    ttc.extend_from_slice(&[0, 1, 0, 0]);
    ttc.extend_from_slice(&2u32.to_be_bytes());
    ttc.extend_from_slice(&20u32.to_be_bytes());
    ttc.extend_from_slice(&20u32.to_be_bytes());
    // Face at 20: sfnt header with one table record pointing at offset 48, length 3.
    ttc.extend_from_slice(&[0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0]);
    ttc.extend_from_slice(b"abcd");
    ttc.extend_from_slice(&0u32.to_be_bytes());
    ttc.extend_from_slice(&48u32.to_be_bytes());
    ttc.extend_from_slice(&3u32.to_be_bytes());
    ttc.extend_from_slice(b"xyz");
    let face = font::single_face(&ttc, 1).unwrap();
    assert_eq!(&face[0..6], &[0, 1, 0, 0, 0, 1]);
    assert_eq!(&face[12..16], b"abcd");
    assert_eq!(u32::from_be_bytes(face[20..24].try_into().unwrap()), 28);
    assert_eq!(&face[28..31], b"xyz");
    assert_eq!(face.len(), 32);
    assert!(font::single_face(&ttc, 2).is_none());
}
