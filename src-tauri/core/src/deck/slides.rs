//! What each slide of the deck says, before it is drawn: the cover, the headline cards, one slide
//! per chart, and tables split over as many slides as their rows need.

use crate::chart::exact_value;
use crate::dashboard::ChartSvg;
use crate::error::Lang;
use crate::export::tr;

/// Rows of a table on one slide, and the height of each.
pub const ROWS_PER_SLIDE: usize = 13;
pub const ROW_H: f32 = 26.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

#[derive(Debug, Clone)]
pub struct Cover {
    pub company: String,
    pub node: String,
    pub title: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Card {
    pub label: String,
    pub value: String,
    pub note: String,
    /// Drawn in the alert colour (behind pace, below last year).
    pub alert: bool,
}

#[derive(Debug, Clone)]
pub struct ChartSlide {
    pub svg: String,
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub head: String,
    /// Share of the content width, relative to the other columns.
    pub weight: f32,
    pub align: Align,
}

#[derive(Debug, Clone)]
pub struct TableSlide {
    pub note: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Rows drawn on the alert band.
    pub marked: Vec<bool>,
}

#[derive(Debug, Clone)]
pub enum Body {
    Cover(Cover),
    Cards(Vec<Card>),
    Chart(ChartSlide),
    Table(TableSlide),
    Lines(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Slide {
    pub title: String,
    pub body: Body,
}

impl Slide {
    /// Every text the slide shows (for tests and for checking the font covers it).
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.title.clone()];
        match &self.body {
            Body::Cover(c) => {
                out.extend([c.company.clone(), c.node.clone(), c.title.clone()]);
                out.extend(c.lines.iter().cloned());
            }
            Body::Cards(cards) => {
                for c in cards {
                    out.extend([c.label.clone(), c.value.clone(), c.note.clone()]);
                }
            }
            Body::Chart(_) => {}
            Body::Table(t) => {
                out.extend(t.note.iter().cloned());
                out.extend(t.columns.iter().map(|c| c.head.clone()));
                out.extend(t.rows.iter().flatten().cloned());
            }
            Body::Lines(lines) => out.extend(lines.iter().cloned()),
        }
        out
    }
}

/// A column: its header in both languages, its weight and alignment.
pub fn col(lang: Lang, zh: &str, en: &str, weight: f32, align: Align) -> Column {
    Column {
        head: tr(lang, zh, en),
        weight,
        align,
    }
}

/// A table over as many slides as its rows need; the title of the later ones says so.
pub fn table_slides(title: &str, lang: Lang, table: TableSlide) -> Vec<Slide> {
    if table.rows.is_empty() {
        return vec![Slide {
            title: title.to_string(),
            body: Body::Table(table),
        }];
    }
    let chunks: Vec<(Vec<Vec<String>>, Vec<bool>)> = table
        .rows
        .chunks(ROWS_PER_SLIDE)
        .zip(table.marked.chunks(ROWS_PER_SLIDE))
        .map(|(r, m)| (r.to_vec(), m.to_vec()))
        .collect();
    let n = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, (rows, marked))| Slide {
            title: if i == 0 {
                title.to_string()
            } else {
                format!("{title}{}", tr(lang, "（续）", " (continued)"))
            }
            .to_string()
                + &if n > 1 {
                    format!(" {}/{}", i + 1, n)
                } else {
                    String::new()
                },
            body: Body::Table(TableSlide {
                note: if i == 0 { table.note.clone() } else { None },
                columns: table.columns.clone(),
                rows,
                marked,
            }),
        })
        .collect()
}

/// A chart of the view as a slide, its title in the deck's language.
pub fn chart_slide(chart: &ChartSvg, lang: Lang) -> Slide {
    let title = match chart.kind {
        "cumulative" => tr(
            lang,
            "累计实际与应达进度",
            "Cumulative actual against the expected pace",
        ),
        "achievement" => tr(lang, "下级单位达成率", "Achievement by sub-unit"),
        "heatmap" => tr(lang, "各月达成率", "Achievement by month"),
        "funnel" => tr(lang, "销售漏斗", "Sales funnel"),
        other => other.to_string(),
    };
    Slide {
        title,
        body: Body::Chart(ChartSlide {
            svg: chart.svg.clone(),
            width: chart.width as f32,
            height: chart.height as f32,
        }),
    }
}

/// Money and other metric values, exactly (money in yuan with separators and two decimals).
pub fn value(unit: &str, v: i64) -> String {
    exact_value(unit, v)
}

/// An optional value, or a dash.
pub fn value_or_dash(unit: &str, v: Option<i64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| value(unit, v))
}

/// Basis points as a percent, or a dash.
pub fn percent(v: Option<i64>) -> String {
    v.map_or_else(|| "—".to_string(), crate::units::format_percent)
}

/// A signed percent: "+25.00%", "-3.10%".
pub fn signed_percent(v: Option<i64>) -> String {
    match v {
        Some(v) if v > 0 => format!("+{}", crate::units::format_percent(v)),
        other => percent(other),
    }
}
