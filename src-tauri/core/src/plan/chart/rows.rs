//! The Gantt's rows: each task's title on the left (indented by depth, on two lines when one is
//! not enough, shortened only past two), its baseline ghost and its bar, summary bracket or
//! milestone diamond on the right.

use super::paint::{line, polygon, rect};
use super::{
    GanttChart, BAR, BAR_DONE, BAR_H, BAR_Y, BASELINE, CRITICAL, CRITICAL_DONE, GRID, INK,
    LABEL_SIZE, LABEL_W, LINE_H, MILESTONE, MUTED, RIGHT, ROWS_TOP, ROW_H, SUMMARY, TALL_ROW_H,
    TITLE_H,
};
use crate::chart::ruler::Ruler;
use crate::chart::{DrawResult, Style};
use crate::plan::view::PlanTaskView;
use chrono::Duration;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where one drawn row lies (CSS pixels) and its title as drawn.
pub(super) struct RowLayout {
    pub top: f64,
    pub h: f64,
    /// The title's left end.
    pub indent: f64,
    /// One line, or two when one is not enough (the second shortened with "…" when two are
    /// not enough either).
    pub lines: Vec<String>,
}

impl RowLayout {
    /// The vertical middle of the row: bars, diamonds and links are centred on it.
    pub fn middle(&self) -> f64 {
        self.top + self.h / 2.0
    }
}

/// A title on one line of words: line breaks and runs of spaces become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The room a title has: from its indent to a gap before the line between titles and bars.
pub(super) fn title_room(depth: u32) -> (f64, f64) {
    let indent = (10.0 + depth as f64 * 14.0).min(LABEL_W / 2.0);
    (indent, LABEL_W - indent - 8.0)
}

/// Lays the rows out from the top: a title wider than its room is wrapped onto two lines in a
/// taller row, and shortened with "…" only when two lines are not enough.
pub(super) fn layout_rows(ruler: &Ruler, tasks: &[PlanTaskView]) -> Vec<RowLayout> {
    let mut top = ROWS_TOP;
    tasks
        .iter()
        .map(|task| {
            let (indent, room) = title_room(task.depth);
            let title = one_line(&task.title);
            let lines = if ruler.width(&title, LABEL_SIZE) <= room {
                vec![title.clone()]
            } else {
                ruler.wrap(&title, LABEL_SIZE, room, 2)
            };
            let h = if lines.len() > 1 { TALL_ROW_H } else { ROW_H };
            let row = RowLayout {
                top,
                h,
                indent,
                lines,
            };
            top += h;
            row
        })
        .collect()
}

impl GanttChart<'_> {
    /// The rows: grid line, title, baseline ghost, bar; then the line between the titles and
    /// the bars.
    pub(super) fn draw_rows<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        for (task, row) in self.tasks().iter().zip(&self.rows) {
            line(
                root,
                st,
                &[(0.0, row.top + row.h), (RIGHT, row.top + row.h)],
                GRID.stroke_width(st.w(1.0)),
            )?;
            let color = if task.summary { INK } else { MUTED };
            let n = row.lines.len() as f64;
            for (k, text) in row.lines.iter().enumerate() {
                let y = row.middle() + (k as f64 - (n - 1.0) / 2.0) * LINE_H;
                self.text(root, st, text, (row.indent, y), LABEL_SIZE, &color)?;
            }
            // The bars sit where a one-line row has them, centred in a taller row.
            let y = row.middle() - ROW_H / 2.0;
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
        )
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
