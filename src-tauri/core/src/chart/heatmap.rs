//! Achievement of teams (or people) by month: a cell per row and month coloured by achievement,
//! its value in it where it fits; row names shortened to their column (full name in the tooltip);
//! the colour scale as a legend under the title.

use super::axis::{month_name, thin_every};
use super::draw::{achievement_color, metric_name, no_data};
use super::labels::labels;
use super::layout::{self, legend, text, LegendEntry, Swatch, INK, MARGIN, MUTED, TEXT};
use super::{tips, Draw, DrawResult, Hit, Hits, Style};
use crate::error::Lang;
use crate::variance::Heatmap;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub struct HeatmapChart<'a>(pub &'a Heatmap);

/// No data in a cell: this grey, as the scale shows it.
const NO_DATA: RGBColor = RGBColor(238, 238, 238);

/// The colour scale: a swatch of each band's middle colour with its range, and "no data".
fn scale(lang: Lang) -> Vec<LegendEntry> {
    let bands = labels(lang).heat_bands;
    let colors = [
        achievement_color(7000),
        achievement_color(8750),
        achievement_color(9750),
        achievement_color(11_000),
        NO_DATA,
    ];
    bands
        .iter()
        .zip(colors)
        .map(|(label, color)| LegendEntry {
            swatch: Swatch::Block,
            color,
            label: (*label).into(),
            series: 0,
        })
        .collect()
}

/// "2026-03" -> "3月" / "Mar".
fn month_label(key: &str, lang: Lang) -> String {
    match key.get(5..7).and_then(|m| m.parse::<u32>().ok()) {
        Some(m @ 1..=12) => month_name(m, lang),
        _ => key.to_string(),
    }
}

impl Draw for HeatmapChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let hm = self.0;
        let l = labels(st.lang);
        let (ruler, title) = layout::open(
            root,
            &[
                &hm.node_name,
                metric_name(&hm.metric, st.lang),
                l.heatmap_title,
            ],
            &hm.period,
        )?;
        if hm.rows.is_empty() || hm.months.is_empty() {
            return no_data(root, st, &title);
        }
        let lang = st.lang;
        let head = layout::title(root, st, &ruler, &title)? + 4.0;
        let head = legend(root, st, &ruler, &scale(lang), head, hits)?;
        let (w, h) = st.wh();
        let names: Vec<String> = hm.rows.iter().map(|r| r.name.clone()).collect();
        let name_w = layout::widest(&ruler, &names).min(w * 0.28);
        let left = MARGIN + name_w + 8.0;
        let right = w - MARGIN;
        let x_axis_h = TEXT * 1.4 + 8.0;
        let bottom = h - MARGIN - x_axis_h;
        let (m, r) = (hm.months.len(), hm.rows.len());
        let cw = (right - left) / m as f64;
        let rh = (bottom - head) / r as f64;

        // Month labels, thinned so that none touch.
        let months: Vec<String> = hm.months.iter().map(|k| month_label(k, lang)).collect();
        let xs: Vec<f64> = (0..m).map(|j| left + (j as f64 + 0.5) * cw).collect();
        let ws: Vec<f64> = months.iter().map(|t| ruler.width(t, TEXT)).collect();
        let kx = thin_every(&xs, &ws, 6.0);
        for j in (0..m).step_by(kx) {
            text(
                root,
                st,
                &months[j],
                (xs[j], bottom + 6.0),
                TEXT,
                &MUTED,
                (HPos::Center, VPos::Top),
            )?;
        }
        // Row names, every k-th when rows are lower than a line of text.
        let ys: Vec<f64> = (0..r).map(|i| head + (i as f64 + 0.5) * rh).collect();
        let ky = thin_every(&ys, &vec![TEXT * 1.2; r], 0.0);
        let pad = 1.5;
        for (i, row) in hm.rows.iter().enumerate() {
            if i % ky == 0 {
                let shown = ruler.fit(&row.name, TEXT, name_w);
                text(
                    root,
                    st,
                    &shown,
                    (left - 8.0, ys[i]),
                    TEXT,
                    &INK,
                    (HPos::Right, VPos::Center),
                )?;
            }
            let y0 = head + i as f64 * rh;
            for (j, (cell, month)) in row.cells.iter().zip(&hm.months).enumerate() {
                let x0 = left + j as f64 * cw;
                let color = cell.map(achievement_color).unwrap_or(NO_DATA);
                root.draw(&Rectangle::new(
                    [
                        (st.px(x0 + pad), st.px(y0 + pad)),
                        (st.px(x0 + cw - pad), st.px(y0 + rh - pad)),
                    ],
                    color.filled(),
                ))?;
                let value = cell.map(|bp| crate::units::format_percent_to(bp, 0));
                if let Some(v) = &value {
                    if ruler.width(v, TEXT) + 4.0 <= cw && rh >= TEXT + 2.0 {
                        text(
                            root,
                            st,
                            v,
                            (x0 + cw / 2.0, y0 + rh / 2.0),
                            TEXT,
                            &INK,
                            (HPos::Center, VPos::Center),
                        )?;
                    }
                }
                hits.add(
                    (st.px(x0), st.px(y0)),
                    (st.px(x0 + cw), st.px(y0 + rh)),
                    Hit::to(
                        format!(
                            "{} {}{}",
                            row.name,
                            month_label(month, lang),
                            value.map(|v| format!(" {v}")).unwrap_or_default()
                        ),
                        Some(row.path.clone()),
                        Some(month.clone()),
                        None,
                    )
                    .with_tip({
                        let w = tips::words(lang);
                        let unit = hm.metric.unit.as_str();
                        let mut tip = vec![
                            tips::line(w.name, row.name.clone(), None),
                            tips::line(w.month, month.clone(), None),
                        ];
                        if let Some(t) = row.targets.get(j).copied().flatten() {
                            tip.push(tips::line(w.target_to_date, tips::exact(unit, t), Some(t)));
                        }
                        if let Some(a) = row.actuals.get(j).copied().flatten() {
                            tip.push(tips::line(w.actual, tips::exact(unit, a), Some(a)));
                        }
                        if let Some(bp) = *cell {
                            tip.push(tips::line(w.achievement, tips::bp(bp), Some(bp)));
                        }
                        tip
                    }),
                );
            }
        }
        Ok(())
    }
}
