//! A legend entry is a region that hides or shows its series: the hidden series is not drawn,
//! its entry is greyed, and the region says which series it is and that it is hidden.

use super::achievement::{SERIES_100, SERIES_FLOOR};
use super::cumulative::{
    SERIES_ACTUAL, SERIES_BAND, SERIES_BASE, SERIES_EXPECTED, SERIES_FORECAST,
};
use super::{render_chart_hiding, ChartKind, Format, Hit, Size};
use crate::error::Lang;
use crate::variance::{Engine, VarianceQuery};

fn draw(kind: ChartKind, lang: Lang, hidden: u32) -> (String, Vec<Hit>) {
    let ws = crate::demo::in_memory();
    let engine = Engine::new(&ws).unwrap();
    let q = VarianceQuery::new("revenue", "/", "2026-Q4");
    let (svg, hits) = render_chart_hiding(
        &engine,
        kind,
        &q,
        lang,
        Format::Svg,
        Size::new(640, 400),
        hidden,
    )
    .unwrap();
    (String::from_utf8(svg).unwrap(), hits)
}

fn legend(hits: &[Hit]) -> Vec<(&str, u32, bool)> {
    hits.iter()
        .filter_map(|h| h.series.map(|s| (h.label.as_str(), s, h.hidden)))
        .collect()
}

/// How many marks are stroked in `hex` (plotters writes `stroke="#2563EB"`).
fn strokes(svg: &str, hex: &str) -> usize {
    svg.matches(&format!("stroke=\"{hex}\"")).count()
}

#[test]
fn the_cumulative_legend_hides_and_shows_each_series() {
    let (svg, hits) = draw(ChartKind::Cumulative, Lang::Zh, 0);
    let entries = legend(&hits);
    assert_eq!(
        entries.iter().map(|e| e.1).collect::<Vec<_>>(),
        [
            SERIES_BAND,
            SERIES_BASE,
            SERIES_EXPECTED,
            SERIES_ACTUAL,
            SERIES_FORECAST
        ]
    );
    assert_eq!(entries[3], ("累计实际", SERIES_ACTUAL, false));
    // The actual line in blue: its legend sample and the line itself.
    assert_eq!(strokes(&svg, "#2563EB"), 2);
    let expected = strokes(&svg, "#EA8A1E");
    assert!(expected > 2, "the dashed expected line has many dashes");

    let (svg, hits) = draw(ChartKind::Cumulative, Lang::Zh, SERIES_ACTUAL);
    assert_eq!(
        strokes(&svg, "#2563EB"),
        0,
        "neither line nor coloured sample"
    );
    assert_eq!(legend(&hits)[3], ("累计实际", SERIES_ACTUAL, true));
    assert_eq!(strokes(&svg, "#EA8A1E"), expected, "the other series stay");
    assert!(hits
        .iter()
        .find(|h| h.series == Some(SERIES_ACTUAL))
        .unwrap()
        .tip
        .iter()
        .any(|t| t.value == "已隐藏：点击或按回车显示"));

    let (svg, _) = draw(
        ChartKind::Cumulative,
        Lang::En,
        SERIES_EXPECTED | SERIES_ACTUAL,
    );
    assert_eq!(strokes(&svg, "#EA8A1E") + strokes(&svg, "#2563EB"), 0);
}

#[test]
fn the_achievement_legend_hides_the_100_and_floor_lines() {
    let (svg, hits) = draw(ChartKind::Achievement, Lang::En, 0);
    let names: Vec<_> = legend(&hits).iter().map(|e| (e.0, e.1)).collect();
    assert_eq!(
        names,
        [("100% achieved", SERIES_100), ("Floor 80%", SERIES_FLOOR)]
    );
    let red = strokes(&svg, "#D63638");
    assert!(red > 2, "the dashed 100% line");
    let (svg, hits) = draw(ChartKind::Achievement, Lang::En, SERIES_100);
    assert_eq!(strokes(&svg, "#D63638"), 0);
    assert!(legend(&hits)[0].2, "the 100% entry says it is hidden");
    assert!(strokes(&svg, "#787878") > 0, "the floor line stays");
}

/// The heatmap says what its colours mean (a scale from below 80% to 100% and over, and no
/// data) and the funnel what its bars and its notes' colours mean, in both languages. These
/// legends hide nothing: every region stays a cell or a stage with its exact figures.
#[test]
fn the_heatmap_and_the_funnel_explain_their_colours() {
    for (lang, bands, funnel) in [
        (
            Lang::Zh,
            ["低于 80%", "80%–95%", "95%–100%", "100% 及以上", "无数据"],
            ["到达该阶段的商机", "转化达到基准", "低于基准或有超时"],
        ),
        (
            Lang::En,
            [
                "Below 80%",
                "80%–95%",
                "95%–100%",
                "100% and over",
                "No data",
            ],
            [
                "Deals reaching the stage",
                "Conversion at benchmark",
                "Below benchmark or overdue",
            ],
        ),
    ] {
        let (svg, hits) = draw(ChartKind::Heatmap, lang, 0);
        for band in bands {
            assert!(svg.contains(&format!(">\n{band}\n<")), "{band} in {svg}");
        }
        // Every region is a cell (a unit and a month) with its figures, none a legend entry.
        assert!(hits.iter().all(|h| h.series.is_none()));
        assert!(hits
            .iter()
            .all(|h| h.node.is_some() && h.period.is_some() && h.tip.len() >= 2));
        let (svg, hits) = draw(ChartKind::Funnel, lang, 0);
        for entry in funnel {
            assert!(svg.contains(&format!(">\n{entry}\n<")), "{entry} in {svg}");
        }
        assert!(hits.iter().all(|h| h.stage.is_some() && !h.tip.is_empty()));
    }
}
