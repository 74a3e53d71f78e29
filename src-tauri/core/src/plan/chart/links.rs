//! The Gantt's dependency arrows between drawn rows: out of the predecessor's start or finish,
//! into the successor's, around the bars when the successor lies behind; red when both ends
//! are critical.

use super::paint::{line, polygon};
use super::{GanttChart, CRITICAL, LINK};
use crate::chart::{DrawResult, Style};
use crate::plan::model::LinkKind;
use crate::plan::view::PlanTaskView;
use chrono::Duration;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::collections::HashMap;

impl GanttChart<'_> {
    /// Every link whose two tasks are drawn.
    pub(super) fn draw_links<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let by_id: HashMap<i64, &PlanTaskView> = self.tasks().iter().map(|t| (t.id, t)).collect();
        let row_of: HashMap<i64, usize> = self
            .tasks()
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        for l in &self.view.links {
            let (Some(&p), Some(&s)) = (by_id.get(&l.predecessor_id), by_id.get(&l.successor_id))
            else {
                continue;
            };
            let (rp, rs) = (row_of[&p.id], row_of[&s.id]);
            let end = |t: &PlanTaskView| self.x(t.finish + Duration::days(1));
            let x1 = match l.kind {
                LinkKind::FS | LinkKind::FF => end(p),
                LinkKind::SS | LinkKind::SF => self.x(p.start),
            };
            let x2 = match l.kind {
                LinkKind::FS | LinkKind::SS => self.x(s.start),
                LinkKind::FF | LinkKind::SF => end(s),
            };
            let (y1, to) = (self.rows[rp].middle(), &self.rows[rs]);
            let y2 = to.middle();
            let into_start = matches!(l.kind, LinkKind::FS | LinkKind::SS);
            let out_x = if matches!(l.kind, LinkKind::FS | LinkKind::FF) {
                x1 + 6.0
            } else {
                x1 - 6.0
            };
            let in_x = if into_start { x2 - 8.0 } else { x2 + 8.0 };
            let points = if (into_start && out_x <= in_x) || (!into_start && out_x >= in_x) {
                vec![(x1, y1), (out_x, y1), (out_x, y2), (x2, y2)]
            } else {
                // Along the edge of the successor's row that faces the predecessor.
                let ym = if y2 >= y1 { to.top } else { to.top + to.h };
                vec![
                    (x1, y1),
                    (out_x, y1),
                    (out_x, ym),
                    (in_x, ym),
                    (in_x, y2),
                    (x2, y2),
                ]
            };
            let color = if p.critical && s.critical {
                CRITICAL
            } else {
                LINK
            };
            line(root, st, &points, color.stroke_width(st.w(1.2)))?;
            let dir = if into_start { 1.0 } else { -1.0 };
            polygon(
                root,
                st,
                &[
                    (x2, y2),
                    (x2 - 6.0 * dir, y2 - 4.0),
                    (x2 - 6.0 * dir, y2 + 4.0),
                ],
                color,
            )?;
        }
        Ok(())
    }
}
