//! The meeting deck: one PDF of 16:9 pages for a node and a period — a cover, the headline
//! cards, each dashboard chart as vectors, the sub-units, the alerts with their drivers, the
//! required run-rate, the ranking and, when the period has one, its review (fishbone and
//! improvement list); page numbers on every page, in zh-CN or en, the CJK font embedded as a
//! subset. A feature over the dashboard's view, the chart engine and the review.

mod content;
mod pdf;
mod slides;

pub use pdf::{PAGE_H, PAGE_W};
pub use slides::Slide;

use crate::chart::{draw_chart, ChartData, Format, Size};
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::export::tr;
use crate::store::Workspace;
use serde::Serialize;
use std::path::Path;

/// The size every chart is drawn at on its slide, in CSS pixels shown as points: the content
/// area under the title bar.
pub const CHART_SIZE: Size = Size {
    width: 880,
    height: 420,
};

/// What a written deck is: where, how many pages and bytes, in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeckSummary {
    pub out: String,
    pub pages: usize,
    pub bytes: usize,
    pub lang: &'static str,
}

/// A deck in memory: the PDF and the slides it was drawn from.
pub struct Deck {
    pub pdf: Vec<u8>,
    pub slides: Vec<Slide>,
}

/// The slides of the deck of `node` (`/` for the company) and `period`, and the footer line
/// every page carries.
pub fn slides(
    ws: &Workspace,
    node: &str,
    period: &str,
    lang: Lang,
) -> Result<(Vec<Slide>, String)> {
    let v = crate::dashboard::view(ws, node, period, lang, CHART_SIZE)?;
    let mut out = vec![content::cover(&v, lang), content::headline(&v, lang)];
    out.extend(v.charts.iter().map(|c| slides::chart_slide(c, lang)));
    out.extend(content::sub_units(&v, lang));
    out.extend(content::alerts(&v, lang));
    out.extend(content::run_rates(&v, lang));
    out.extend(content::ranking(&v, lang));
    let reviewed = crate::review::list(ws)?
        .into_iter()
        .find(|r| r.node == v.report.figures.path && r.period == v.report.period);
    if let Some(summary) = reviewed {
        let review = crate::review::get(ws, summary.id)?;
        let fish = crate::review::fishbone_data(&review, lang);
        let (svg, _) = draw_chart(ChartData::Fishbone(&fish), lang, Format::Svg, CHART_SIZE)?;
        let fishbone = slides::chart_slide(
            &crate::dashboard::ChartSvg {
                kind: "fishbone",
                svg: String::from_utf8_lossy(&svg).into_owned(),
                width: CHART_SIZE.width,
                height: CHART_SIZE.height,
                hits: Vec::new(),
            },
            lang,
        );
        let fishbone = Slide {
            title: format!(
                "{}{}",
                tr(lang, "复盘：鱼骨图 — ", "Review: fishbone — "),
                review.summary.title
            ),
            ..fishbone
        };
        out.extend(content::review(&review, fishbone, lang));
    }
    Ok((out, content::footer(&v, lang)))
}

/// The deck as PDF bytes; `progress(pages drawn, pages)` after each page (an error stops it).
pub fn build(
    ws: &Workspace,
    node: &str,
    period: &str,
    lang: Lang,
    progress: &mut dyn FnMut(usize, usize) -> Result<()>,
) -> Result<Deck> {
    let (slides, footer) = slides(ws, node, period, lang)?;
    let info = pdf::DocInfo {
        title: format!("{footer} — {}", tr(lang, "会议材料", "Meeting deck")),
        footer,
        lang,
    };
    let pdf = pdf::render(&slides, &info, progress)?;
    Ok(Deck { pdf, slides })
}

/// The error a deck ends with when the user stops it between pages (its progress returns it):
/// nothing is written.
pub fn stopped() -> Error {
    Error::new(
        Code::DeckStopped,
        "已停止：会议材料没有写入文件。",
        "Stopped: the meeting deck was not written.",
    )
}

/// Writes the deck to `path` (a .pdf file); nothing is left half-written on failure.
pub fn write(
    ws: &Workspace,
    node: &str,
    period: &str,
    lang: Lang,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize) -> Result<()>,
) -> Result<DeckSummary> {
    let is_pdf = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf {
        return Err(Error::new(
            Code::BadDeckFile,
            format!("会议材料文件“{}”的扩展名应为 .pdf", path.display()),
            format!(
                "The meeting deck file \"{}\" must end in .pdf",
                path.display()
            ),
        ));
    }
    let deck = build(ws, node, period, lang, progress)?;
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, &deck.pdf)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            crate::dashboard::write_error(path, e)
        })?;
    Ok(DeckSummary {
        out: path.display().to_string(),
        pages: deck.slides.len(),
        bytes: deck.pdf.len(),
        lang: lang.tag(),
    })
}

#[cfg(test)]
mod tests;
