//! Charts for the screen (SVG) and for slides (PNG at 2× pixel density), drawn by the same code
//! with plotters: cumulative actual against the expected pace and the tier bands, achievement by
//! child node, a team × month heatmap, the sales funnel against its benchmarks, and a review's
//! fishbone of root causes. Every text exists in zh-CN and en.

mod achievement;
mod axis;
mod cumulative;
mod draw;
mod fishbone;
pub mod font;
mod funnel;
mod heatmap;
mod labels;
mod layout;
pub(crate) mod ruler;
mod tips;
mod value_plot;

pub use fishbone::{Fishbone, FishboneCause, FISHBONE_CATEGORIES};
pub use labels::{fishbone_category, labels, Labels};
/// A value in a metric's unit, exactly (money grouped with two decimals), as the tooltips show it.
pub(crate) use tips::exact as exact_value;

use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::variance::{Engine, VarianceQuery};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Size of a chart in CSS pixels when none is asked for; the PNG is drawn at twice the size.
pub const WIDTH: u32 = 960;
pub const HEIGHT: u32 = 540;
pub const PNG_SCALE: u32 = 2;

/// The size a chart is drawn at, in CSS pixels: the size the window shows it at, so its texts
/// keep their size on screen. Kept between 320×200 and 3840×2160.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const DEFAULT: Size = Size {
        width: WIDTH,
        height: HEIGHT,
    };
    pub const MIN: Size = Size {
        width: 320,
        height: 200,
    };
    pub const MAX: Size = Size {
        width: 3840,
        height: 2160,
    };

    pub fn new(width: u32, height: u32) -> Size {
        Size {
            width: width.clamp(Self::MIN.width, Self::MAX.width),
            height: height.clamp(Self::MIN.height, Self::MAX.height),
        }
    }

    /// The size asked for, or the default one.
    pub fn or_default(width: Option<u32>, height: Option<u32>) -> Size {
        Size::new(width.unwrap_or(WIDTH), height.unwrap_or(HEIGHT))
    }
}

impl Default for Size {
    fn default() -> Size {
        Size::DEFAULT
    }
}

/// How a chart is written: the UI names it `"png"` or `"svg"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

crate::error::deserialize_by_code!(Format);

impl Format {
    /// `svg` or `png`.
    pub fn parse(s: &str) -> Result<Format> {
        match s {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            _ => Err(Error::new(
                Code::BadChartFormat,
                format!("图片格式“{s}”无效：应为 png 或 svg"),
                format!("Invalid picture format \"{s}\": expected png or svg"),
            )),
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// From a file name: .svg or .png.
    pub fn from_path(path: &Path) -> Result<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
        {
            Some(e) if e == "svg" => Ok(Format::Svg),
            Some(e) if e == "png" => Ok(Format::Png),
            _ => Err(Error::new(
                Code::BadChartFile,
                format!("图表文件“{}”的扩展名应为 .png 或 .svg", path.display()),
                format!("Chart file \"{}\" must end in .png or .svg", path.display()),
            )),
        }
    }
}

/// A dashboard chart: the UI names it by its [`code`](ChartKind::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Cumulative,
    Achievement,
    Heatmap,
    Funnel,
}

crate::error::deserialize_by_code!(ChartKind);

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Cumulative,
        ChartKind::Achievement,
        ChartKind::Heatmap,
        ChartKind::Funnel,
    ];

    pub fn parse(s: &str) -> Result<ChartKind> {
        Self::ALL.into_iter().find(|k| k.code() == s).ok_or_else(|| {
            Error::new(
                Code::BadChartKind,
                format!("图表类型“{s}”无效：应为 cumulative、achievement、heatmap 或 funnel"),
                format!("Invalid chart kind \"{s}\": expected cumulative, achievement, heatmap or funnel"),
            )
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            ChartKind::Cumulative => "cumulative",
            ChartKind::Achievement => "achievement",
            ChartKind::Heatmap => "heatmap",
            ChartKind::Funnel => "funnel",
        }
    }
}

/// What the drawing code needs besides the data: scale, font family, language.
#[derive(Clone, Copy)]
pub(crate) struct Style {
    /// Backend pixels per CSS pixel: 1 for the SVG, [`PNG_SCALE`] for the PNG.
    pub s: f64,
    /// The chart's size in CSS pixels.
    pub size: Size,
    pub family: &'static str,
    pub lang: Lang,
    /// Drawn into a bitmap (the PNG): plotters places each glyph there without its side
    /// bearing, so a chart that needs exact spacing draws glyph by glyph (see the fishbone).
    pub bitmap: bool,
    /// The legend's series the reader has hidden: the bits of `layout::LegendEntry::series`
    /// — a hidden series is not drawn and its legend entry is greyed.
    pub hidden: u32,
}

impl Style {
    /// The chart font with `size`-pixel glyphs (its em), in the SVG and the PNG alike.
    pub fn font(&self, size: f64) -> TextStyle<'static> {
        TextStyle::from((self.family, size * self.s * font::em_height()).into_font())
    }

    /// Width and height in CSS pixels.
    pub fn wh(&self) -> (f64, f64) {
        (self.size.width as f64, self.size.height as f64)
    }

    pub fn px(&self, v: f64) -> i32 {
        (v * self.s).round() as i32
    }

    pub fn w(&self, v: f64) -> u32 {
        (v * self.s).round().max(1.0) as u32
    }
}

pub(crate) type DrawResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// A clickable region of a chart on screen, in CSS pixels of the SVG, and where it drills to:
/// an organisation path, a period, or a funnel stage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    /// What a tooltip says: the bar's or cell's name and value.
    pub label: String,
    pub node: Option<String>,
    pub period: Option<String>,
    pub stage: Option<String>,
    /// The tooltip's lines: name, period and the exact figures of the mark.
    pub tip: Vec<TipLine>,
    /// A legend entry: the bit of its series, which a click hides or shows again.
    pub series: Option<u32>,
    /// Whether that series is hidden now.
    pub hidden: bool,
}

/// One line of a mark's tooltip: `目标  3,600,000.00`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TipLine {
    pub label: String,
    pub value: String,
    /// The exact number behind the value (fen, bp, a count), for tests and copying.
    pub raw: Option<i64>,
}

/// Collects the hit regions while a chart draws; backend pixels are turned into CSS pixels.
pub(crate) struct Hits {
    scale: f64,
    pub list: Vec<Hit>,
}

impl Hits {
    fn new(scale: f64) -> Hits {
        Hits {
            scale,
            list: Vec::new(),
        }
    }

    /// A region between two backend pixel corners.
    pub fn add(&mut self, a: (i32, i32), b: (i32, i32), hit: Hit) {
        let css = |v: i32| (v as f64 / self.scale).round() as i32;
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        self.list.push(Hit {
            x: css(x0),
            y: css(y0),
            w: css(x1 - x0).max(1),
            h: css(y1 - y0).max(1),
            ..hit
        });
    }
}

impl Hit {
    /// A hit to be placed by [`Hits::add`].
    pub fn to(
        label: String,
        node: Option<String>,
        period: Option<String>,
        stage: Option<String>,
    ) -> Hit {
        Hit {
            x: 0,
            y: 0,
            w: 0,
            h: 0,
            label,
            node,
            period,
            stage,
            tip: Vec::new(),
            series: None,
            hidden: false,
        }
    }

    /// The same hit with its tooltip lines.
    pub(crate) fn with_tip(self, tip: Vec<TipLine>) -> Hit {
        Hit { tip, ..self }
    }
}

/// One chart's drawing code, the same for every backend.
pub(crate) trait Draw {
    /// Size in CSS pixels (the PNG is twice that): the size asked for, unless the chart's
    /// content decides (a Gantt grows with its rows).
    fn size(&self, asked: Size) -> Size {
        asked
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static;
}

fn draw_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        Code::ChartDraw,
        format!("绘制图表失败：{e}"),
        format!("Could not draw the chart: {e}"),
    )
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        enc.set_filter(png::FilterType::Sub);
        // 2× density: 192 dpi (7559 pixels per metre).
        enc.set_pixel_dims(Some(png::PixelDimensions {
            xppu: 7559,
            yppu: 7559,
            unit: png::Unit::Meter,
        }));
        let mut writer = enc.write_header().map_err(draw_error)?;
        writer.write_image_data(rgb).map_err(draw_error)?;
    }
    Ok(out)
}

/// plotters writes each SVG text's `font-size` as the size asked for / 1.24, and the size asked
/// for is the font's line height (see [`Style::font`]). Writes the em the layout was measured
/// and the PNG drawn with instead, so what the manager sees is what goes into the meeting.
fn svg_font_sizes_as_drawn(svg: &str) -> String {
    svg_font_sizes_scaled(svg, 1.24 / font::em_height())
}

fn svg_font_sizes_scaled(svg: &str, factor: f64) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{}", (v * factor * 1000.0).round() / 1000.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

pub(crate) fn render<C: Draw>(chart: &C, lang: Lang, format: Format) -> Result<Vec<u8>> {
    render_with_hits(chart, lang, format, Size::DEFAULT, 0).map(|(bytes, _)| bytes)
}

/// The chart and its clickable regions (in CSS pixels, the SVG's own size).
pub(crate) fn render_with_hits<C: Draw>(
    chart: &C,
    lang: Lang,
    format: Format,
    asked: Size,
    hidden: u32,
) -> Result<(Vec<u8>, Vec<Hit>)> {
    let font = font::chart_font()?;
    let family = font.css_family;
    let size = chart.size(asked);
    let (cw, ch) = (size.width, size.height);
    match format {
        Format::Svg => {
            let mut svg = String::new();
            let mut hits = Hits::new(1.0);
            {
                let root = SVGBackend::with_string(&mut svg, (cw, ch)).into_drawing_area();
                chart
                    .draw(
                        &root,
                        Style {
                            s: 1.0,
                            size,
                            family,
                            lang,
                            bitmap: false,
                            hidden,
                        },
                        &mut hits,
                    )
                    .map_err(draw_error)?;
                root.present().map_err(draw_error)?;
            }
            Ok((svg_font_sizes_as_drawn(&svg).into_bytes(), hits.list))
        }
        Format::Png => {
            let (w, h) = (cw * PNG_SCALE, ch * PNG_SCALE);
            let mut rgb = vec![255u8; (w * h * 3) as usize];
            let mut hits = Hits::new(PNG_SCALE as f64);
            {
                let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
                let st = Style {
                    s: PNG_SCALE as f64,
                    size,
                    family,
                    lang,
                    bitmap: true,
                    hidden,
                };
                chart.draw(&root, st, &mut hits).map_err(draw_error)?;
                root.present().map_err(draw_error)?;
            }
            Ok((encode_png(&rgb, w, h)?, hits.list))
        }
    }
}

/// The data of one chart, read once by whoever has it.
pub enum ChartData<'a> {
    /// Cumulative actual against the expected pace, the floor–challenge band and the forecast.
    Cumulative(&'a crate::variance::Cumulative),
    /// Achievement of each child of the report's node, sorted, with the 100% line.
    Achievement(&'a crate::variance::VarianceReport),
    /// Achievement of teams (or people) by month.
    Heatmap(&'a crate::variance::Heatmap),
    /// Deals reaching each stage, conversion against the benchmark, deals stuck too long.
    Funnel(&'a crate::variance::Funnel),
    /// A review's root causes by fishbone category, controllable or not, and the effect.
    Fishbone(&'a Fishbone),
}

/// Draws a chart at `size` (CSS pixels), with its clickable regions for the screen.
pub fn draw_chart(
    data: ChartData<'_>,
    lang: Lang,
    format: Format,
    size: Size,
) -> Result<(Vec<u8>, Vec<Hit>)> {
    draw_chart_hiding(data, lang, format, size, 0)
}

/// [`draw_chart`] without the legend's series whose bits are set in `hidden`.
pub fn draw_chart_hiding(
    data: ChartData<'_>,
    lang: Lang,
    format: Format,
    size: Size,
    hidden: u32,
) -> Result<(Vec<u8>, Vec<Hit>)> {
    match data {
        ChartData::Cumulative(d) => {
            render_with_hits(&cumulative::CumulativeChart(d), lang, format, size, hidden)
        }
        ChartData::Achievement(d) => render_with_hits(
            &achievement::AchievementChart(d),
            lang,
            format,
            size,
            hidden,
        ),
        ChartData::Heatmap(d) => {
            render_with_hits(&heatmap::HeatmapChart(d), lang, format, size, hidden)
        }
        ChartData::Funnel(d) => {
            render_with_hits(&funnel::FunnelChart(d), lang, format, size, hidden)
        }
        ChartData::Fishbone(d) => render_with_hits(
            &fishbone::FishboneChart::new(d)?,
            lang,
            format,
            size,
            hidden,
        ),
    }
}

pub fn cumulative(
    data: &crate::variance::Cumulative,
    lang: Lang,
    format: Format,
) -> Result<Vec<u8>> {
    Ok(draw_chart(ChartData::Cumulative(data), lang, format, Size::DEFAULT)?.0)
}

pub fn achievement(
    report: &crate::variance::VarianceReport,
    lang: Lang,
    format: Format,
) -> Result<Vec<u8>> {
    Ok(draw_chart(ChartData::Achievement(report), lang, format, Size::DEFAULT)?.0)
}

pub fn heatmap(data: &crate::variance::Heatmap, lang: Lang, format: Format) -> Result<Vec<u8>> {
    Ok(draw_chart(ChartData::Heatmap(data), lang, format, Size::DEFAULT)?.0)
}

pub fn funnel(data: &crate::variance::Funnel, lang: Lang, format: Format) -> Result<Vec<u8>> {
    Ok(draw_chart(ChartData::Funnel(data), lang, format, Size::DEFAULT)?.0)
}

/// Reads what the chart needs and draws it at `size`: the one call the CLI and the shell make.
pub fn render_chart(
    engine: &Engine,
    kind: ChartKind,
    q: &VarianceQuery,
    lang: Lang,
    format: Format,
    size: Size,
) -> Result<Vec<u8>> {
    Ok(render_chart_with_hits(engine, kind, q, lang, format, size)?.0)
}

/// [`render_chart`] with the chart's clickable regions, for the screen.
pub fn render_chart_with_hits(
    engine: &Engine,
    kind: ChartKind,
    q: &VarianceQuery,
    lang: Lang,
    format: Format,
    size: Size,
) -> Result<(Vec<u8>, Vec<Hit>)> {
    render_chart_hiding(engine, kind, q, lang, format, size, 0)
}

/// [`render_chart_with_hits`] without the legend's series whose bits are set in `hidden`.
pub fn render_chart_hiding(
    engine: &Engine,
    kind: ChartKind,
    q: &VarianceQuery,
    lang: Lang,
    format: Format,
    size: Size,
    hidden: u32,
) -> Result<(Vec<u8>, Vec<Hit>)> {
    let data;
    let report;
    let heat;
    let funnel;
    let chart = match kind {
        ChartKind::Cumulative => {
            data = engine.cumulative(q)?;
            ChartData::Cumulative(&data)
        }
        ChartKind::Achievement => {
            report = engine.variance(q)?;
            ChartData::Achievement(&report)
        }
        ChartKind::Heatmap => {
            heat = engine.heatmap(q)?;
            ChartData::Heatmap(&heat)
        }
        ChartKind::Funnel => {
            funnel = engine.funnel(&q.node)?;
            ChartData::Funnel(&funnel)
        }
    };
    draw_chart_hiding(chart, lang, format, size, hidden)
}

#[cfg(test)]
mod legend_tests;
#[cfg(test)]
mod size_tests;
#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tip_tests;
