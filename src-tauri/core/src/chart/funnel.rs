//! The sales funnel: deals reaching each stage as centred bars, each stage's conversion against
//! its benchmark and its overdue deals beside it; three columns sized to the chart's width; a
//! legend under the title says what the bars and the notes' colours mean.

use super::draw::{no_data, pct, GREEN, RED};
use super::labels::labels;
use super::layout::{self, legend, text, LegendEntry, Swatch, INK, MARGIN, TEXT};
use super::{tips, Draw, DrawResult, Hit, Hits, Style, TipLine};
use crate::error::Lang;
use crate::variance::{Funnel, FunnelStage};

/// A stage's tooltip: deals that reached it, its conversion against the benchmark, overdue deals.
fn stage_tip(s: &FunnelStage, name: &str, lang: Lang) -> Vec<TipLine> {
    let w = tips::words(lang);
    let mut out = vec![
        tips::line(w.stage, name.to_string(), None),
        tips::line(w.reached, tips::exact("count", s.reached), Some(s.reached)),
    ];
    if let Some(c) = s.conversion_bp {
        out.push(tips::line(w.conversion, tips::bp(c), Some(c)));
    }
    if let Some(b) = s.benchmark_bp {
        out.push(tips::line(w.benchmark, tips::bp(b), Some(b)));
    }
    if s.overdue > 0 {
        out.push(tips::line(
            w.overdue,
            tips::exact("count", s.overdue),
            Some(s.overdue),
        ));
    }
    out
}
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub struct FunnelChart<'a>(pub &'a Funnel);

/// What a stage's note says, in full and short: "→ 45.0% (基准 30.0%)  超时 3".
fn notes(s: &FunnelStage, lang: Lang) -> (String, String) {
    let l = labels(lang);
    let (mut full, mut short) = (String::new(), String::new());
    if let Some(c) = s.conversion_bp {
        full.push_str(&format!("→ {}", pct(c)));
        short.push_str(&format!("→ {}", pct(c)));
        if let Some(b) = s.benchmark_bp {
            full.push_str(&format!(" ({} {})", l.benchmark, pct(b)));
            short.push_str(&format!(" / {}", pct(b)));
        }
    }
    if s.overdue > 0 {
        full.push_str(&format!("  {} {}", l.overdue, s.overdue));
        // "超时16" in Chinese; "overdue 16" in English, where a word needs its space.
        let gap = if lang == Lang::En { " " } else { "" };
        short.push_str(&format!(" {}{gap}{}", l.overdue, s.overdue));
    }
    (full, short)
}

/// The bar of stage `i` in this colour: darker down the funnel.
fn stage_color(i: usize) -> RGBColor {
    let shade = 235 - (i as i32 * 25).min(140);
    RGBColor(37, (shade - 60).max(60) as u8, shade as u8)
}

/// The legend: what a bar counts, and, when notes are shown, their two colours.
fn legend_entries(lang: Lang, with_notes: bool) -> Vec<LegendEntry> {
    let l = labels(lang);
    let block = |color, label: &str| LegendEntry {
        swatch: Swatch::Block,
        color,
        label: label.into(),
        series: 0,
    };
    let mut out = vec![block(stage_color(2), l.funnel_reached)];
    if with_notes {
        out.push(block(GREEN, l.funnel_ok));
        out.push(block(RED, l.funnel_warn));
    }
    out
}

fn stage_name(s: &FunnelStage, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &s.name_zh,
        Lang::En => &s.name_en,
    }
}

impl Draw for FunnelChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let f = self.0;
        let l = labels(st.lang);
        let (ruler, title) = layout::open(
            root,
            &[&f.node_name, l.funnel_title],
            &format!("{} {}", l.as_of, f.as_of.format("%Y-%m-%d")),
        )?;
        let total = f.stages.first().map(|s| s.reached).unwrap_or(0);
        if total == 0 {
            return no_data(root, st, &title);
        }
        let lang = st.lang;
        let head = layout::title(root, st, &ruler, &title)? + 4.0;
        let with_notes = f.stages.iter().any(|s| !notes(s, lang).0.is_empty());
        let head = legend(
            root,
            st,
            &ruler,
            &legend_entries(lang, with_notes),
            head,
            hits,
        )?;
        let (w, h) = st.wh();
        // Columns: stage names, bars, notes — the names and notes as wide as they need, within
        // a share of the width each.
        let names: Vec<String> = f
            .stages
            .iter()
            .map(|s| stage_name(s, lang).to_string())
            .collect();
        let name_w = layout::widest(&ruler, &names).min(w * 0.26);
        let all_notes: Vec<(String, String)> = f.stages.iter().map(|s| notes(s, lang)).collect();
        let full: Vec<String> = all_notes.iter().map(|n| n.0.clone()).collect();
        let short: Vec<String> = all_notes.iter().map(|n| n.1.clone()).collect();
        let note_cap = w * 0.34;
        let (use_full, note_w) = match layout::widest(&ruler, &full) {
            fw if fw <= note_cap => (true, fw),
            _ => (false, layout::widest(&ruler, &short).min(note_cap)),
        };
        let bar_left = MARGIN + name_w + 12.0;
        let bar_right = w - MARGIN - note_w - 12.0;
        let max_w = (bar_right - bar_left).max(20.0);
        let cx = bar_left + max_w / 2.0;
        let row_h = (h - head - MARGIN) / f.stages.len() as f64;
        for (i, s) in f.stages.iter().enumerate() {
            let bw = (max_w * s.reached as f64 / total as f64).max(3.0);
            let y0 = head + i as f64 * row_h + 3.0;
            let y1 = y0 + row_h - 6.0;
            let mid = (y0 + y1) / 2.0;
            let color = stage_color(i);
            root.draw(&Rectangle::new(
                [
                    (st.px(cx - bw / 2.0), st.px(y0)),
                    (st.px(cx + bw / 2.0), st.px(y1)),
                ],
                color.filled(),
            ))?;
            let name = stage_name(s, lang);
            let count = format!("{} {}", s.reached, l.deals);
            hits.add(
                (st.px(MARGIN), st.px(y0)),
                (st.px(bar_right), st.px(y1)),
                Hit::to(format!("{name} {count}"), None, None, Some(s.code.clone()))
                    .with_tip(stage_tip(s, name, lang)),
            );
            let shown = ruler.fit(name, TEXT, name_w);
            text(
                root,
                st,
                &shown,
                (MARGIN, mid),
                TEXT,
                &INK,
                (HPos::Left, VPos::Center),
            )?;
            let count_w = ruler.width(&count, TEXT);
            if count_w + 8.0 <= bw {
                text(
                    root,
                    st,
                    &count,
                    (cx, mid),
                    TEXT,
                    &WHITE,
                    (HPos::Center, VPos::Center),
                )?;
            } else if cx + bw / 2.0 + 6.0 + count_w <= bar_right {
                text(
                    root,
                    st,
                    &count,
                    (cx + bw / 2.0 + 6.0, mid),
                    TEXT,
                    &INK,
                    (HPos::Left, VPos::Center),
                )?;
            }
            let note = if use_full { &full[i] } else { &short[i] };
            if !note.is_empty() {
                let color = if s.below_benchmark || s.overdue > 0 {
                    RED
                } else {
                    GREEN
                };
                let shown = ruler.fit(note, TEXT, note_w);
                text(
                    root,
                    st,
                    &shown,
                    (bar_right + 12.0, mid),
                    TEXT,
                    &color,
                    (HPos::Left, VPos::Center),
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod note_tests {
    use super::notes;
    use crate::error::Lang;
    use crate::variance::FunnelStage;

    #[test]
    fn the_short_note_keeps_a_space_before_an_english_count() {
        let stage = FunnelStage {
            code: "objection".into(),
            name_zh: "异议处理".into(),
            name_en: "Objection handling".into(),
            count: 20,
            reached: 81,
            conversion_bp: Some(6_910),
            benchmark_bp: Some(5_000),
            below_benchmark: false,
            max_days: Some(2),
            overdue: 16,
            overdue_amount: 1_600_000,
        };
        assert_eq!(notes(&stage, Lang::En).1, "→ 69.1% / 50.0% overdue 16");
        assert_eq!(notes(&stage, Lang::Zh).1, "→ 69.1% / 50.0% 超时16");
    }
}
