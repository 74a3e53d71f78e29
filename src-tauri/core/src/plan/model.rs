//! The scheduling model: tasks with a duration in working days, and dependencies with a lag.
//!
//! # Date semantics (shared with the Gantt UI)
//!
//! Working days are numbered 0, 1, 2, … on the plan's calendar. A task of duration `d ≥ 1` that
//! starts on working day `s` occupies days `s ..= s + d − 1`: its start date is day `s`, its
//! finish date is day `s + d − 1` (its last working day). Each task has two *points*:
//! `S = s` (the beginning of its first day) and `F = s + d` (the beginning of the working day
//! after its last one). A milestone has `d = 0`, so `S = F = s`, and its start and finish date
//! are both day `s`, the day it occurs.
//!
//! A dependency `pred → succ` of kind `XY` with lag `L` (working days, may be negative) means
//! `succ.Y ≥ pred.X + L`:
//!
//! | kind | constraint               | in dates, for tasks of at least one day                                   |
//! |------|--------------------------|---------------------------------------------------------------------------|
//! | FS   | `succ.S ≥ pred.F + L`    | lag 0: succ starts on the next working day after pred's finish; lag L: L working days later (L = −1: on pred's finish day) |
//! | SS   | `succ.S ≥ pred.S + L`    | lag 0: same start day; lag L: succ starts L working days after pred's start |
//! | FF   | `succ.F ≥ pred.F + L`    | lag 0: same finish day; lag L: succ finishes L working days after pred's finish |
//! | SF   | `succ.F ≥ pred.S + L`    | lag 0: succ finishes on the working day before pred's start; lag L: L working days after that |
//!
//! "L working days after day x" is day `x + L` in working-day numbers, so lags skip weekends and
//! holidays of the calendar. Into and out of a milestone the same formulas hold with `S = F`: an
//! FS lag 0 successor of a milestone starts on the milestone's day; a milestone that is an FS
//! lag 0 successor of a task falls on the next working day after the task's finish.
//!
//! The forward pass gives every task `s = max(own requested start, every constraint above)`:
//! moving or lengthening a task pushes its successors later, never earlier than they asked.
//! The backward pass runs from the project finish (the latest `F`); total float = late `F` −
//! early `F` in working days; a task is critical when its total float is 0.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which point of the predecessor constrains which point of the successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    /// Finish-to-start.
    FS,
    /// Start-to-start.
    SS,
    /// Finish-to-finish.
    FF,
    /// Start-to-finish.
    SF,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [LinkKind::FS, LinkKind::SS, LinkKind::FF, LinkKind::SF];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::FS => "FS",
            LinkKind::SS => "SS",
            LinkKind::FF => "FF",
            LinkKind::SF => "SF",
        }
    }

    pub fn parse(s: &str) -> Option<LinkKind> {
        LinkKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// True when the predecessor's finish (not its start) is the constraining point.
    pub fn from_finish(self) -> bool {
        matches!(self, LinkKind::FS | LinkKind::FF)
    }

    /// True when the constraint bounds the successor's finish (not its start).
    pub fn to_finish(self) -> bool {
        matches!(self, LinkKind::FF | LinkKind::SF)
    }
}

/// One schedulable task (a leaf of the outline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// How the task is named in messages (its id or title).
    pub name: String,
    /// Working days; 0 is a milestone.
    pub duration: i64,
    /// The task's own requested start ("start no earlier than"); `None` is the plan start.
    pub not_before: Option<NaiveDate>,
}

/// A dependency between two tasks, by index into [`Network::tasks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub pred: usize,
    pub succ: usize,
    pub kind: LinkKind,
    /// Working days; negative is a lead.
    pub lag: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    pub tasks: Vec<Task>,
    pub links: Vec<Link>,
}

/// Outgoing links of every task, as a compressed adjacency list of link indices.
pub(super) struct Successors {
    offsets: Vec<usize>,
    links: Vec<usize>,
}

impl Successors {
    pub(super) fn new(net: &Network) -> Self {
        let n = net.tasks.len();
        let mut offsets = vec![0usize; n + 1];
        for l in &net.links {
            offsets[l.pred + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut links = vec![0usize; net.links.len()];
        for (li, l) in net.links.iter().enumerate() {
            links[fill[l.pred]] = li;
            fill[l.pred] += 1;
        }
        Successors { offsets, links }
    }

    pub(super) fn of(&self, task: usize) -> &[usize] {
        &self.links[self.offsets[task]..self.offsets[task + 1]]
    }
}
