use super::*;

use crate::demo::in_memory as demo;

/// Width, height and RGB bytes of a chart PNG.
pub(crate) fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let dec = png::Decoder::new(png_bytes);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Dark pixels in rows `y0..y1`.
pub(crate) fn ink(w: u32, rgb: &[u8], y0: u32, y1: u32) -> usize {
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
            let svg = String::from_utf8(
                render_chart(&e, kind, &q, lang, Format::Svg, Size::DEFAULT).unwrap(),
            )
            .unwrap();
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
            let png_bytes = render_chart(&e, kind, &q, lang, Format::Png, Size::DEFAULT).unwrap();
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

#[test]
fn screen_charts_carry_their_drill_down_regions() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let q = VarianceQuery::new("revenue", "/华东", "2026-Q4");
    // The marks' regions (the legend's entries are tested in legend_tests).
    let hits = |kind| {
        let (_, hits) =
            render_chart_with_hits(&e, kind, &q, Lang::Zh, Format::Svg, Size::DEFAULT).unwrap();
        hits.into_iter()
            .filter(|h| h.series.is_none())
            .collect::<Vec<_>>()
    };
    let inside = |h: &Hit| {
        h.x >= 0 && h.y >= 0 && h.x + h.w <= WIDTH as i32 && h.y + h.h <= HEIGHT as i32 && h.w > 0
    };
    // One bar per sub-unit with an achievement, sorted as drawn, each drilling to its team.
    let report = e.variance(&q).unwrap();
    let bars = hits(ChartKind::Achievement);
    assert_eq!(bars.len(), report.figures.children.len());
    assert!(bars.iter().all(inside));
    assert!(bars.windows(2).all(|w| w[0].x + w[0].w <= w[1].x + 1));
    let mut drawn: Vec<_> = report.figures.children.iter().collect();
    drawn.sort_by(|a, b| {
        b.achievement_bp
            .cmp(&a.achievement_bp)
            .then(a.name.cmp(&b.name))
    });
    for (hit, child) in bars.iter().zip(&drawn) {
        assert_eq!(hit.node.as_deref(), Some(child.path.as_str()));
        assert!(hit.label.starts_with(&child.name), "{}", hit.label);
        assert_eq!(hit.period, None);
    }
    // Heatmap: one cell per team and month, drilling to that team in that month.
    let heat = e.heatmap(&q).unwrap();
    let cells = hits(ChartKind::Heatmap);
    assert_eq!(cells.len(), heat.rows.len() * 3);
    assert_eq!(heat.months, ["2026-10", "2026-11", "2026-12"]);
    assert!(cells.iter().all(inside));
    assert_eq!(cells[0].node.as_deref(), Some(heat.rows[0].path.as_str()));
    assert_eq!(cells[0].period.as_deref(), Some("2026-10"));
    assert_eq!(cells[2].period.as_deref(), Some("2026-12"));
    assert!(cells[0].y < cells[3].y, "the first row is drawn on top");
    // Cumulative: one band per month of the quarter, side by side.
    let bands = hits(ChartKind::Cumulative);
    let months: Vec<_> = bands.iter().map(|h| h.period.clone().unwrap()).collect();
    assert_eq!(months, ["2026-10", "2026-11", "2026-12"]);
    assert!(bands.iter().all(|h| h.node.as_deref() == Some("/华东")));
    assert!(bands
        .windows(2)
        .all(|w| (w[0].x + w[0].w - w[1].x).abs() <= 1));
    // Funnel: one band per stage, naming the stage.
    let funnel = e.funnel("/华东").unwrap();
    let stages = hits(ChartKind::Funnel);
    let codes: Vec<_> = stages.iter().map(|h| h.stage.clone().unwrap()).collect();
    let expected: Vec<_> = funnel.stages.iter().map(|s| s.code.clone()).collect();
    assert_eq!(codes, expected);
    assert!(stages.iter().all(inside));
    // The PNG carries the same regions at its own scale, given back in CSS pixels.
    let png = render_chart_with_hits(
        &e,
        ChartKind::Achievement,
        &q,
        Lang::Zh,
        Format::Png,
        Size::DEFAULT,
    )
    .unwrap()
    .1;
    let png: Vec<_> = png.into_iter().filter(|h| h.series.is_none()).collect();
    for (a, b) in png.iter().zip(&bars) {
        assert!(
            (a.x - b.x).abs() <= 1 && (a.w - b.w).abs() <= 1,
            "{a:?} {b:?}"
        );
    }
}

#[test]
fn svg_text_is_the_size_the_png_draws() {
    // plotters writes font-size as the size asked for / 1.24; the SVG gets the drawn em back.
    let svg = super::svg_font_sizes_scaled(
        r#"<text font-size="17.741935483870968" x="1">a</text><text font-size="x">b</text>"#,
        1.24,
    );
    assert_eq!(
        svg,
        r#"<text font-size="22" x="1">a</text><text font-size="x">b</text>"#
    );
    // The size asked for is the font's line height: ascent − descent, in ems.
    use ab_glyph::Font;
    let f = ab_glyph::FontRef::try_from_slice(font::chart_font().unwrap().data).unwrap();
    let line =
        (f.ascent_unscaled() - f.descent_unscaled()) as f64 / f.units_per_em().unwrap() as f64;
    assert!((font::em_height() - line).abs() < 1e-9);
    assert!(line > 1.0, "{line}");
}
