//! The Gantt as a picture (SVG for the screen, PNG at 2× for slides), drawn like the app's canvas
//! (ui/js/gantt/view.js): task titles indented by depth on the left, months and ISO weeks on top,
//! weekends and holidays shaded, blue bars with a darker progress strip, critical bars red,
//! summaries as black brackets, milestones as diamonds, baseline ghost bars, the as-of line and
//! the dependency arrows. It goes through [`crate::chart`]'s renderer (same font, same PNG path).

use super::baseline::BaselineView;
use super::gantt::gantt_data;
use super::view::{PlanTaskView, PlanView};
use crate::chart::{render, Draw, DrawResult, Format, Hits, Size, Style, WIDTH};
use crate::error::{Lang, Result};
use crate::store::Workspace;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::collections::{HashMap, HashSet};

mod links;
mod paint;

use paint::{fitted, left, line, polygon, rect};

const BAR: RGBColor = RGBColor(0x4f, 0x8c, 0xf0);
const BAR_DONE: RGBColor = RGBColor(0x1f, 0x5f, 0xcc);
const CRITICAL: RGBColor = RGBColor(0xe5, 0x53, 0x4b);
const CRITICAL_DONE: RGBColor = RGBColor(0xb6, 0x23, 0x24);
const MILESTONE: RGBColor = RGBColor(0x82, 0x50, 0xdf);
const SUMMARY: RGBColor = RGBColor(0x24, 0x29, 0x2f);
const BASELINE: RGBColor = RGBColor(99, 108, 118);
const WEEKEND: RGBColor = RGBColor(0xf1, 0xf3, 0xf5);
const HOLIDAY: RGBColor = RGBColor(0xff, 0xf1, 0xe5);
const TODAY: RGBColor = RGBColor(0xd2, 0x99, 0x22);
const LINK: RGBColor = RGBColor(0x6e, 0x77, 0x81);
const GRID: RGBColor = RGBColor(0xea, 0xee, 0xf2);
const HEADER: RGBColor = RGBColor(0xf6, 0xf8, 0xfa);
const INK: RGBColor = RGBColor(0x1f, 0x23, 0x28);
const MUTED: RGBColor = RGBColor(0x63, 0x6c, 0x76);

/// Layout in CSS pixels.
const LABEL_W: f64 = 260.0;
const RIGHT_PAD: f64 = 16.0;
const TITLE_H: f64 = 44.0;
const AXIS_H: f64 = 40.0;
const ROW_H: f64 = 24.0;
const BAR_Y: f64 = 5.0;
const BAR_H: f64 = 14.0;
const FOOTER_H: f64 = 28.0;
/// The top of the first row, under the title and the time axis.
const ROWS_TOP: f64 = TITLE_H + AXIS_H;
/// The right end of the rows' lines.
const RIGHT: f64 = WIDTH as f64 - RIGHT_PAD;
/// Rows drawn at most: a taller picture is no use on a slide (the rest is counted in the footer).
pub const MAX_ROWS: usize = 150;

struct Texts {
    title: &'static str,
    as_of: &'static str,
}

fn texts(lang: Lang) -> Texts {
    match lang {
        Lang::Zh => Texts {
            title: "行动计划甘特图",
            as_of: "截至",
        },
        Lang::En => Texts {
            title: "Action plan Gantt",
            as_of: "As of",
        },
    }
}

fn more_rows(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 项举措未显示（图中最多 {MAX_ROWS} 行）"),
        Lang::En => format!("{n} more actions not shown (at most {MAX_ROWS} rows are drawn)"),
    }
}

/// A month label: "2026年9月" / "2026-09".
pub fn month_label(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月", d.year(), d.month()),
        Lang::En => format!("{}-{:02}", d.year(), d.month()),
    }
}

struct GanttChart<'a> {
    view: &'a PlanView,
    baseline: HashMap<i64, (NaiveDate, NaiveDate)>,
    holidays: HashSet<NaiveDate>,
    as_of: Option<NaiveDate>,
    /// First and last day of the time axis (Monday to Sunday).
    from: NaiveDate,
    to: NaiveDate,
}

impl GanttChart<'_> {
    fn rows(&self) -> &[PlanTaskView] {
        &self.view.tasks[..self.view.tasks.len().min(MAX_ROWS)]
    }

    fn hidden(&self) -> usize {
        self.view.tasks.len() - self.rows().len()
    }

    fn height(&self) -> f64 {
        let footer = if self.hidden() > 0 { FOOTER_H } else { 8.0 };
        TITLE_H + AXIS_H + self.rows().len() as f64 * ROW_H + footer
    }

    /// The bottom of the last drawn row.
    fn rows_bottom(&self) -> f64 {
        ROWS_TOP + self.rows().len() as f64 * ROW_H
    }

    fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    fn day_w(&self) -> f64 {
        (WIDTH as f64 - LABEL_W - RIGHT_PAD) / self.days() as f64
    }

    /// Left edge of a day's column.
    fn x(&self, d: NaiveDate) -> f64 {
        LABEL_W + (d - self.from).num_days() as f64 * self.day_w()
    }
}

impl Draw for GanttChart<'_> {
    fn size(&self, _asked: Size) -> Size {
        Size {
            width: WIDTH,
            height: self.height().ceil() as u32,
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        _hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        root.fill(&WHITE)?;
        self.draw_title(root, st)?;
        self.draw_days_off(root, st)?;
        self.draw_axis(root, st)?;
        let row_of = self.draw_rows(root, st)?;
        self.draw_links(root, st, &row_of)?;

        // The as-of line.
        let rows_bottom = self.rows_bottom();
        if let Some(a) = self.as_of.filter(|a| (self.from..=self.to).contains(a)) {
            let x = self.x(a) + self.day_w() / 2.0;
            line(
                root,
                st,
                &[(x, TITLE_H + AXIS_H / 2.0), (x, rows_bottom)],
                TODAY.stroke_width(st.w(2.0)),
            )?;
        }

        if self.hidden() > 0 {
            root.draw(&Text::new(
                more_rows(st.lang, self.hidden()),
                (st.px(12.0), st.px(rows_bottom + FOOTER_H / 2.0)),
                left(st, 12.0).color(&MUTED),
            ))?;
        }
        Ok(())
    }
}

impl GanttChart<'_> {
    /// The title: the plan's name, its span and the as-of day.
    fn draw_title<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let t = texts(st.lang);
        let mut title = t.title.to_string();
        if let (Some(s), Some(f)) = (self.view.start, self.view.finish) {
            title.push_str(&format!("  {s} – {f}"));
        }
        if let Some(a) = self.as_of {
            title.push_str(&format!("  ({} {a})", t.as_of));
        }
        root.draw(&Text::new(
            title,
            (st.px(12.0), st.px(TITLE_H / 2.0)),
            left(st, 18.0).color(&INK),
        ))?;
        Ok(())
    }

    /// Non-working days, under everything: holidays in orange, weekends in grey.
    fn draw_days_off<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (dw, rows_bottom) = (self.day_w(), self.rows_bottom());
        let mut d = self.from;
        while d <= self.to {
            let fill = if self.holidays.contains(&d) {
                Some(HOLIDAY)
            } else if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                Some(WEEKEND)
            } else {
                None
            };
            if let Some(c) = fill {
                let x = self.x(d);
                rect(
                    root,
                    st,
                    (x, TITLE_H + AXIS_H / 2.0, x + dw, rows_bottom),
                    c.filled(),
                )?;
            }
            d += Duration::days(1);
        }
        Ok(())
    }

    /// The time axis: months on the first line, ISO weeks on the second.
    fn draw_axis<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let (dw, rows_bottom) = (self.day_w(), self.rows_bottom());
        rect(
            root,
            st,
            (0.0, TITLE_H, RIGHT, ROWS_TOP),
            HEADER.mix(0.6).filled(),
        )?;
        let mut m =
            NaiveDate::from_ymd_opt(self.from.year(), self.from.month(), 1).unwrap_or(self.from);
        while m <= self.to {
            let x = self.x(m.max(self.from));
            line(
                root,
                st,
                &[(x, TITLE_H), (x, rows_bottom)],
                GRID.stroke_width(st.w(1.0)),
            )?;
            let next = if m.month() == 12 {
                NaiveDate::from_ymd_opt(m.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1)
            }
            .unwrap_or(self.to + Duration::days(1));
            let label = month_label(m, st.lang);
            let span = self.x(next.min(self.to + Duration::days(1))) - x;
            let label = fitted(root, st, &label, 12.0, span - 6.0);
            root.draw(&Text::new(
                label,
                (st.px(x + 4.0), st.px(TITLE_H + AXIS_H / 4.0)),
                left(st, 12.0).color(&INK),
            ))?;
            m = next;
        }
        let mut w = self.from;
        while w <= self.to {
            let x = self.x(w);
            line(
                root,
                st,
                &[(x, TITLE_H + AXIS_H / 2.0), (x, ROWS_TOP)],
                MUTED.stroke_width(st.w(1.0)),
            )?;
            if dw * 7.0 >= 24.0 {
                root.draw(&Text::new(
                    format!("W{}", w.iso_week().week()),
                    (st.px(x + 3.0), st.px(TITLE_H + AXIS_H * 3.0 / 4.0)),
                    left(st, 10.0).color(&MUTED),
                ))?;
            }
            w += Duration::days(7);
        }
        line(
            root,
            st,
            &[(0.0, ROWS_TOP), (RIGHT, ROWS_TOP)],
            MUTED.stroke_width(st.w(1.0)),
        )
    }

    /// The rows: grid line, indented title, baseline ghost, bar; then the line between the
    /// titles and the bars. Returns the row of each drawn task.
    fn draw_rows<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
    ) -> Result<HashMap<i64, usize>, Box<dyn std::error::Error>>
    where
        DB::ErrorType: 'static,
    {
        let mut row_of = HashMap::new();
        for (i, task) in self.rows().iter().enumerate() {
            row_of.insert(task.id, i);
            let y = ROWS_TOP + i as f64 * ROW_H;
            line(
                root,
                st,
                &[(0.0, y + ROW_H), (RIGHT, y + ROW_H)],
                GRID.stroke_width(st.w(1.0)),
            )?;
            let indent = 10.0 + task.depth as f64 * 14.0;
            let label = fitted(root, st, &task.title, 12.0, LABEL_W - indent - 8.0);
            let color = if task.summary { INK } else { MUTED };
            root.draw(&Text::new(
                label,
                (st.px(indent), st.px(y + ROW_H / 2.0)),
                left(st, 12.0).color(&color),
            ))?;
            if let Some(&(bs, bf)) = self.baseline.get(&task.id) {
                let x0 = self.x(bs);
                let x1 = (self.x(bf + Duration::days(1))).max(x0 + 2.0);
                rect(
                    root,
                    st,
                    (x0, y + ROW_H - 7.0, x1, y + ROW_H - 3.0),
                    BASELINE.mix(0.28).filled(),
                )?;
            }
            self.draw_task(root, st, task, y)?;
        }
        line(
            root,
            st,
            &[(LABEL_W, TITLE_H), (LABEL_W, self.rows_bottom())],
            MUTED.stroke_width(st.w(1.0)),
        )?;
        Ok(row_of)
    }

    fn draw_task<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        task: &PlanTaskView,
        y: f64,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let x0 = self.x(task.start);
        let x1 = self.x(task.finish + Duration::days(1)).max(x0 + 2.0);
        let top = y + BAR_Y;
        if task.milestone {
            let (cx, cy) = (x0 + self.day_w() / 2.0, top + BAR_H / 2.0);
            let c = if task.critical { CRITICAL } else { MILESTONE };
            return polygon(
                root,
                st,
                &[
                    (cx, cy - 8.0),
                    (cx + 8.0, cy),
                    (cx, cy + 8.0),
                    (cx - 8.0, cy),
                ],
                c,
            );
        }
        if task.summary {
            let c = SUMMARY.filled();
            rect(root, st, (x0, top + 3.0, x1, top + 9.0), c)?;
            rect(root, st, (x0, top + 3.0, x0 + 3.0, top + 14.0), c)?;
            return rect(root, st, (x1 - 3.0, top + 3.0, x1, top + 14.0), c);
        }
        let (fill, done) = if task.critical {
            (CRITICAL, CRITICAL_DONE)
        } else {
            (BAR, BAR_DONE)
        };
        rect(root, st, (x0, top, x1, top + BAR_H), fill.filled())?;
        let progress = task.progress_bp.clamp(0, 10_000) as f64 / 10_000.0;
        if progress > 0.0 {
            rect(
                root,
                st,
                (
                    x0,
                    top + BAR_H - 5.0,
                    x0 + (x1 - x0) * progress,
                    top + BAR_H,
                ),
                done.filled(),
            )?;
        }
        Ok(())
    }
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// Draws the plan's Gantt. `baseline` adds ghost bars, `holidays` are shaded like weekends (in
/// orange), `as_of` draws the day line when it falls on the time axis. At most [`MAX_ROWS`] rows
/// are drawn; the footer counts the others. The PNG is 2× the CSS size (width
/// [`crate::chart::WIDTH`], height growing with the rows).
pub fn gantt_chart(
    view: &PlanView,
    baseline: Option<&BaselineView>,
    holidays: &[NaiveDate],
    as_of: Option<NaiveDate>,
    lang: Lang,
    format: Format,
) -> Result<Vec<u8>> {
    let baseline: HashMap<i64, (NaiveDate, NaiveDate)> = baseline
        .map(|b| {
            b.tasks
                .iter()
                .map(|t| (t.action_id, (t.baseline_start, t.baseline_finish)))
                .collect()
        })
        .unwrap_or_default();
    let first = view
        .tasks
        .iter()
        .map(|t| t.start)
        .chain(baseline.values().map(|b| b.0))
        .min();
    let last = view
        .tasks
        .iter()
        .map(|t| t.finish)
        .chain(baseline.values().map(|b| b.1))
        .max();
    let (first, last) = match (first, last) {
        (Some(f), Some(l)) => (f, l),
        _ => {
            let d = as_of.unwrap_or_else(crate::today);
            (d, d)
        }
    };
    let from = monday_of(first);
    let to = monday_of(last) + Duration::days(6);
    let chart = GanttChart {
        view,
        baseline,
        holidays: holidays.iter().copied().collect(),
        as_of,
        from,
        to,
    };
    render(&chart, lang, format)
}

/// The workspace's Gantt as the screen shows it: its plan, the newest baseline, the calendar's
/// holidays and the as-of day.
pub fn workspace_gantt_chart(ws: &Workspace, lang: Lang, format: Format) -> Result<Vec<u8>> {
    let data = gantt_data(ws)?;
    gantt_chart(
        &data.plan,
        data.baseline.as_ref(),
        &data.holidays,
        Some(data.today),
        lang,
        format,
    )
}

#[cfg(test)]
mod tests {
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
        let svg_en = String::from_utf8(
            gantt_chart(&data.plan, None, &[], None, Lang::En, Format::Svg).unwrap(),
        )
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
}
