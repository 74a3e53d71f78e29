//! The Gantt picture: sizes, colours at known places, texts, labels kept whole.

use super::*;
use crate::chart::PNG_SCALE;

use crate::demo::in_memory as demo;

use crate::chart::tests::{decode, ink};

fn pixel(w: u32, rgb: &[u8], x: u32, y: u32) -> (u8, u8, u8) {
    let i = ((y * w + x) * 3) as usize;
    (rgb[i], rgb[i + 1], rgb[i + 2])
}

#[test]
fn month_labels_in_both_languages() {
    let d = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
    assert_eq!(month_label(d, Lang::Zh), "2026年9月");
    assert_eq!(month_label(d, Lang::En), "2026-09");
    assert_eq!(short_month_label(d, Lang::Zh), "9月");
    assert_eq!(short_month_label(d, Lang::En), "Sep");
}

/// A plan over two years: months are about 28 px wide, too narrow for "2026年9月" (about 55 px):
/// each month is named by itself where that fits, none runs into the next, every text ≥ 12 px.
#[test]
fn a_long_plans_months_are_named_short() {
    let mut view = crate::plan::plan_view(&demo()).unwrap();
    view.tasks[1].start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    view.tasks[1].finish = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    let svg =
        String::from_utf8(gantt_chart(&view, None, &[], None, Lang::Zh, Format::Svg).unwrap())
            .unwrap();
    let texts = svg_texts(&svg);
    for m in ["2月", "9月"] {
        let n = texts.iter().filter(|t| t.text == m).count();
        assert_eq!(n, 2, "{m}: {texts:?}");
    }
    assert!(
        !texts.iter().any(|t| t.text.starts_with("2026年")),
        "{texts:?}"
    );
    assert!(texts.iter().all(|t| t.size >= 11.99));
    // No month's name runs into the next one's (a month too narrow even alone has none).
    let ruler = Ruler::new().unwrap();
    let months: Vec<&SvgText> = texts
        .iter()
        .filter(|t| t.y < 84.0 && t.x >= 260.0)
        .collect();
    for pair in months.windows(2) {
        let end = pair[0].x + ruler.width(&pair[0].text, 12.0);
        assert!(end + 2.0 <= pair[1].x, "{pair:?}");
    }
}

#[test]
fn demo_gantt_renders_png_and_svg() {
    let ws = demo();
    crate::plan::save_baseline(&ws, "基线 1").unwrap();
    let data = gantt_data(&ws).unwrap();
    assert_eq!(data.plan.tasks.len(), 8);
    let out = std::env::var_os("TL_GANTT_PNG_DIR");
    for lang in [Lang::Zh, Lang::En] {
        let png_bytes = workspace_gantt_chart(&ws, lang, Format::Png).unwrap();
        if let Some(dir) = &out {
            let name = format!("gantt-{}.png", if lang == Lang::Zh { "zh" } else { "en" });
            std::fs::write(std::path::Path::new(dir).join(name), &png_bytes).unwrap();
        }
        let (w, h, rgb) = decode(&png_bytes);
        // 2×: 960 wide; 44 title + 40 axis + 8 rows × 24 + 8 = 284 CSS pixels high.
        assert_eq!((w, h), (WIDTH * PNG_SCALE, 284 * PNG_SCALE));
        assert!(ink(w, &rgb, 0, 44 * PNG_SCALE) > 1500, "title has no ink");
        // The axis runs from Monday 2026-09-07 to Sunday 2027-01-03: 119 days over 684 px.
        let day_x = |days: f64| ((260.0 + days * 684.0 / 119.0) * PNG_SCALE as f64) as u32;
        let row_y = |row: u32, dy: u32| (84 + row * 24 + dy) * PNG_SCALE;
        // Row 1, 策划3场线上裂变活动 (from 09-07, not critical): blue; its progress strip darker.
        assert_eq!(pixel(w, &rgb, day_x(0.5), row_y(1, 8)), (0x4f, 0x8c, 0xf0));
        assert_eq!(pixel(w, &rgb, day_x(0.5), row_y(1, 17)), (0x1f, 0x5f, 0xcc));
        // Row 6, 建立用户社群运营体系 (from 10-12, critical): red.
        assert_eq!(pixel(w, &rgb, day_x(37.0), row_y(6, 8)), (0xe5, 0x53, 0x4b));
        // Row 7, the milestone on 11-16: a purple diamond.
        assert_eq!(
            pixel(w, &rgb, day_x(70.5), row_y(7, 12)),
            (0x82, 0x50, 0xdf)
        );
        // Row 0, 用户获取: a black summary bracket.
        assert_eq!(
            pixel(w, &rgb, day_x(10.0), row_y(0, 11)),
            (0x24, 0x29, 0x2f)
        );
        // The as-of line (2026-10-15, mid-day) in amber, on an empty row stretch.
        assert_eq!(pixel(w, &rgb, day_x(38.5), row_y(5, 2)), (0xd2, 0x99, 0x22));
    }
    let svg = String::from_utf8(
        gantt_chart(
            &data.plan,
            data.baseline.as_ref(),
            &data.holidays,
            Some(data.today),
            Lang::Zh,
            Format::Svg,
        )
        .unwrap(),
    )
    .unwrap();
    for title in [
        "策划3场线上裂变活动",
        "建立用户社群运营体系",
        "2026年9月",
        "行动计划甘特图",
    ] {
        assert!(svg.contains(title), "{title}");
    }
    let svg_en =
        String::from_utf8(gantt_chart(&data.plan, None, &[], None, Lang::En, Format::Svg).unwrap())
            .unwrap();
    assert!(svg_en.contains("2026-09") && svg_en.contains("Action plan Gantt"));
    assert!(!svg_en.contains("2026年9月"));
}

#[test]
fn large_plans_draw_the_first_rows_and_count_the_rest() {
    let ws = demo();
    crate::demo::synthetic::write_synthetic_plan(&ws, 200, 1).unwrap();
    let view = crate::plan::plan_view(&ws).unwrap();
    let svg =
        String::from_utf8(gantt_chart(&view, None, &[], None, Lang::Zh, Format::Svg).unwrap())
            .unwrap();
    assert!(svg.contains("另有 50 项举措未显示"));
    let png_bytes = gantt_chart(&view, None, &[], None, Lang::En, Format::Png).unwrap();
    let (_, h, _) = decode(&png_bytes);
    assert_eq!(h, (84 + 150 * 24 + 28) * PNG_SCALE);
}

/// One `<text>` of the SVG: where it starts, its size and what it says (unescaped).
#[derive(Debug)]
struct SvgText {
    x: f64,
    y: f64,
    size: f64,
    text: String,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    tag[at..].split('"').next()?.parse().ok()
}

fn svg_texts(svg: &str) -> Vec<SvgText> {
    svg.split("<text")
        .skip(1)
        .map(|part| {
            let (tag, rest) = part.split_once('>').unwrap();
            SvgText {
                x: attr(tag, "x").unwrap(),
                y: attr(tag, "y").unwrap(),
                size: attr(tag, "font-size").unwrap(),
                text: unescape(rest.split("</text>").next().unwrap().trim()),
            }
        })
        .collect()
}

fn svg_tips(svg: &str) -> Vec<String> {
    svg.split("<title>")
        .skip(1)
        .map(|p| unescape(p.split("</title>").next().unwrap()))
        .collect()
}

/// Dark pixels in the box (backend pixels).
fn ink_box(w: u32, rgb: &[u8], x0: u32, y0: u32, x1: u32, y1: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for y in y0..y1 {
        for x in x0..x1 {
            let (r, g, b) = pixel(w, rgb, x, y);
            if r < 160 && g < 160 && b < 160 {
                out.push((x, y));
            }
        }
    }
    out
}

const ZH_WRAPS: &str = "在华东和华南两个大区同步开展重点客户季度业务回顾与续约谈判";
const ZH_CUT: &str = "组织全国各大区销售团队开展为期三个月的新产品线专项培训、客户拜访演练、渠道伙伴联合推广以及季度复盘会议并形成书面改进报告提交管理层审阅";
const EN_WRAPS: &str = "Business reviews with every key account in East China";
const EN_CUT: &str = "Organise a three-month programme of product training, customer visit rehearsals, joint promotions with channel partners and a written quarterly review for the management team";
const ESCAPED: &str = "R&D <pilot> \"quick\" review";

/// The demo's plan with long Chinese and English titles (and one with XML's special signs).
fn long_titles_plan() -> PlanView {
    let ws = demo();
    let mut view = crate::plan::plan_view(&ws).unwrap();
    for (i, title) in [
        (1, ZH_WRAPS),
        (2, ZH_CUT),
        (3, EN_WRAPS),
        (4, EN_CUT),
        (5, ESCAPED),
    ] {
        view.tasks[i].title = title.to_string();
    }
    // Without the arrows: a link out of a task's start bends left of the time axis, a few
    // pixels into the gap the titles keep before it, where it would count as a title's ink.
    view.links.clear();
    view
}

#[test]
fn long_titles_are_wrapped_or_kept_whole_in_the_tooltip_and_never_cross_into_the_bars() {
    let view = long_titles_plan();
    let svg =
        String::from_utf8(gantt_chart(&view, None, &[], None, Lang::Zh, Format::Svg).unwrap())
            .unwrap();
    let texts = svg_texts(&svg);
    let tips = svg_tips(&svg);

    // Every title is whole in the SVG: its row's tooltip begins with it.
    assert_eq!(tips.len(), view.tasks.len());
    for (task, tip) in view.tasks.iter().zip(&tips) {
        assert!(tip.starts_with(&format!("{}\n", task.title)), "{tip}");
    }
    // Escaped in the file, so it stays well-formed.
    assert!(svg.contains("R&amp;D &lt;pilot&gt; &quot;quick&quot; review"));

    // The two that fit on two lines are drawn whole: their two lines, read together, are the
    // title (a Latin line breaks at a space).
    let label_lines = |first: &str| -> Vec<&SvgText> {
        let i = texts
            .iter()
            .position(|t| first.starts_with(&t.text))
            .unwrap();
        texts[i..i + 2].iter().collect()
    };
    for (title, joiner) in [(ZH_WRAPS, ""), (EN_WRAPS, " ")] {
        let lines = label_lines(title);
        assert_eq!(
            format!("{}{joiner}{}", lines[0].text, lines[1].text),
            title,
            "{lines:?}"
        );
        assert_eq!(lines[0].x, lines[1].x);
        assert_eq!(lines[1].y - lines[0].y, 15.0);
    }
    // The two too long for two lines end in "…" on the second line.
    for title in [ZH_CUT, EN_CUT] {
        let lines = label_lines(title);
        assert!(lines[1].text.ends_with('…'), "{lines:?}");
        assert!(title.starts_with(lines[0].text.as_str()));
    }

    // Every text is at least 12 px.
    let smallest = texts.iter().map(|t| t.size).fold(f64::MAX, f64::min);
    assert!(smallest >= 11.99, "smallest text {smallest} px");

    // The file is 960 wide; rows of two lines are 38 px high, others 24: 4 wrapped rows.
    let height = 44.0 + 40.0 + 4.0 * 38.0 + 4.0 * 24.0 + 8.0;
    assert!(
        svg.contains(&format!("height=\"{height}\"")),
        "{}",
        &svg[..200]
    );

    // The PNG is the same drawing at 2×: as high, and no title's ink reaches into the 7 px
    // before the line between the titles and the bars.
    let png = gantt_chart(&view, None, &[], None, Lang::Zh, Format::Png).unwrap();
    if let Some(dir) = std::env::var_os("TL_GANTT_PNG_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("gantt-long-zh.png"), &png).unwrap();
        std::fs::write(dir.join("gantt-long-zh.svg"), &svg).unwrap();
    }
    let (w, h, rgb) = decode(&png);
    assert_eq!((w, h), (960 * PNG_SCALE, height as u32 * PNG_SCALE));
    let gap = ink_box(
        w,
        &rgb,
        (260 - 7) * PNG_SCALE,
        86 * PNG_SCALE,
        (260 - 1) * PNG_SCALE,
        h,
    );
    assert!(
        gap.is_empty(),
        "title ink at {:?}",
        &gap[..gap.len().min(5)]
    );
}

#[test]
fn the_png_draws_each_title_as_wide_as_the_svg_says() {
    let view = long_titles_plan();
    let svg =
        String::from_utf8(gantt_chart(&view, None, &[], None, Lang::En, Format::Svg).unwrap())
            .unwrap();
    let png = gantt_chart(&view, None, &[], None, Lang::En, Format::Png).unwrap();
    let (w, _, rgb) = decode(&png);
    let ruler = Ruler::new().unwrap();
    let s = PNG_SCALE as f64;
    let mut checked = 0;
    for t in svg_texts(&svg).iter().filter(|t| t.x < 260.0 && t.y > 84.0) {
        // The ink of the line, in its own band (half a line above and below its middle).
        let (y0, y1) = (((t.y - 6.0) * s) as u32, ((t.y + 6.0) * s) as u32);
        let ink = ink_box(w, &rgb, 0, y0, 258 * PNG_SCALE, y1);
        let left = ink.iter().map(|p| p.0).min().unwrap() as f64 / s;
        let right = ink.iter().map(|p| p.0).max().unwrap() as f64 / s;
        let width = ruler.width(&t.text, t.size);
        assert!((left - t.x).abs() <= 2.0, "{t:?}: ink from {left}");
        assert!(
            (right - (t.x + width)).abs() <= 2.5,
            "{t:?}: ink to {right}, width {width}"
        );
        checked += 1;
    }
    assert!(checked >= 12, "{checked}");
}
