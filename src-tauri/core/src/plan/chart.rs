//! The Gantt as a picture (SVG for the screen, PNG at 2× for slides), drawn like the app's canvas
//! (ui/js/gantt/view.js): task titles indented by depth on the left — whole, on two lines when
//! one is not enough; one still too long is shortened and the SVG carries every row's whole
//! title in its tooltip —, months and ISO weeks on top,
//! weekends and holidays shaded, blue bars with a darker progress strip, critical bars red,
//! summaries as black brackets, milestones as diamonds, baseline ghost bars, the as-of line and
//! the dependency arrows. It goes through [`crate::chart`]'s renderer (same font, same PNG path).

use super::baseline::BaselineView;
use super::gantt::gantt_data;
use super::view::{PlanTaskView, PlanView};
use crate::chart::ruler::Ruler;
use crate::chart::{render, Draw, DrawResult, Format, Hits, Size, Style, WIDTH};
use crate::error::{Lang, Result};
use crate::store::Workspace;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::collections::{HashMap, HashSet};

mod links;
mod paint;
mod rows;
mod tips;

use paint::{line, rect};
use rows::{layout_rows, RowLayout};
use tips::with_row_tips;

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
/// A row with a one-line title; a title that needs two lines gets a [`TALL_ROW_H`] row.
const ROW_H: f64 = 24.0;
const TALL_ROW_H: f64 = 38.0;
/// Between the two lines of a wrapped title.
const LINE_H: f64 = 15.0;
const LABEL_SIZE: f64 = 12.0;
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

/// A month alone, where the whole label has no room: "9月" / "Sep".
pub fn short_month_label(d: NaiveDate, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh => format!("{}月", d.month()),
        Lang::En => EN[d.month0() as usize].to_string(),
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
    /// Measures, wraps and (in the PNG) places every text, so both files show the same.
    ruler: Ruler,
    /// Each drawn row: where it lies and its title's lines.
    rows: Vec<RowLayout>,
}

impl GanttChart<'_> {
    fn tasks(&self) -> &[PlanTaskView] {
        &self.view.tasks[..self.rows.len()]
    }

    fn hidden(&self) -> usize {
        self.view.tasks.len() - self.rows.len()
    }

    fn height(&self) -> f64 {
        let footer = if self.hidden() > 0 { FOOTER_H } else { 8.0 };
        self.rows_bottom() + footer
    }

    /// The bottom of the last drawn row.
    fn rows_bottom(&self) -> f64 {
        self.rows.last().map_or(ROWS_TOP, |r| r.top + r.h)
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

    /// One line of text, its left end at `x`, centred on `y` (CSS pixels).
    fn text<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        text: &str,
        (x, y): (f64, f64),
        size: f64,
        color: &RGBColor,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        self.ruler
            .draw_text(root, st, text, (x, y), size, color, HPos::Left)
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
        self.draw_rows(root, st)?;
        self.draw_links(root, st)?;

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
            let more = more_rows(st.lang, self.hidden());
            let y = rows_bottom + FOOTER_H / 2.0;
            self.text(root, st, &more, (12.0, y), 12.0, &MUTED)?;
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
        let title = self.ruler.fit(&title, 18.0, RIGHT - 12.0);
        self.text(root, st, &title, (12.0, TITLE_H / 2.0), 18.0, &INK)
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

    /// The time axis: months on the first line, ISO weeks on the second (when a week has room
    /// for its 12-px label).
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
            let span = self.x(next.min(self.to + Duration::days(1))) - x;
            // The whole label, else the month alone (a long plan's narrow months), else none.
            let fits = |l: &&String| self.ruler.width(l, 12.0) <= span - 6.0;
            let labels = [month_label(m, st.lang), short_month_label(m, st.lang)];
            if let Some(label) = labels.iter().find(fits) {
                let at = (x + 4.0, TITLE_H + AXIS_H / 4.0);
                self.text(root, st, label, at, 12.0, &INK)?;
            }
            m = next;
        }
        let week_label_fits = dw * 7.0 >= self.ruler.width("W53", 12.0) + 6.0;
        let mut w = self.from;
        while w <= self.to {
            let x = self.x(w);
            line(
                root,
                st,
                &[(x, TITLE_H + AXIS_H / 2.0), (x, ROWS_TOP)],
                MUTED.stroke_width(st.w(1.0)),
            )?;
            if week_label_fits {
                let label = format!("W{}", w.iso_week().week());
                let at = (x + 3.0, TITLE_H + AXIS_H * 3.0 / 4.0);
                self.text(root, st, &label, at, 12.0, &MUTED)?;
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
    let ruler = Ruler::new()?;
    let rows = layout_rows(&ruler, &view.tasks[..view.tasks.len().min(MAX_ROWS)]);
    let chart = GanttChart {
        view,
        baseline,
        holidays: holidays.iter().copied().collect(),
        as_of,
        from,
        to,
        ruler,
        rows,
    };
    let picture = render(&chart, lang, format)?;
    Ok(match format {
        Format::Png => picture,
        Format::Svg => with_row_tips(picture, &chart.rows, chart.tasks(), lang),
    })
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
mod tests;
