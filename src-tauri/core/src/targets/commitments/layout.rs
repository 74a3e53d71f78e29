//! What a unit's commitment sheet holds: one block of lines per unit (the unit itself, then each
//! of its active sub-units), each block the plan year's periods in the order a manager reads
//! them (three months, their quarter, …, the year). A line is typed by the team lead (a month
//! with a stored target), the sum of other lines (a quarter, a year, and every line of the unit
//! itself when it has sub-units: its commitment is theirs), or fixed (nothing to commit to).

use crate::calendar::PeriodKind;
use crate::targets::tree::Tree;

/// How a line's commitment comes about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    /// Typed by the team lead.
    Edit,
    /// The sum of these lines (by index).
    Sum(Vec<usize>),
    /// No target to commit to: locked and empty.
    Fixed,
}

/// One line of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub unit: i64,
    pub unit_name: String,
    pub period: String,
    pub kind: PeriodKind,
    /// The top-down base target (a quarter or year without a stored cell: Σ its months).
    pub target: Option<i64>,
    /// The commitment stored now.
    pub stored: Option<i64>,
    /// Whether a target cell is stored at this line (only stored cells keep a commitment).
    pub has_cell: bool,
    pub role: Role,
}

/// A period of the block: its key and kind, and the slots it sums (a quarter its months, the
/// year its quarters).
struct Slot {
    key: String,
    kind: PeriodKind,
    parts: Vec<usize>,
}

/// The year's periods in reading order: M, M, M, Q, …, Y.
fn slots(tree: &Tree) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut quarters = Vec::new();
    for (q, months) in tree
        .cal
        .groups
        .iter()
        .filter(|(p, _)| p.kind == PeriodKind::Quarter)
    {
        let mut parts = Vec::new();
        for m in months {
            parts.push(out.len());
            out.push(Slot {
                key: tree.cal.months[*m].key.clone(),
                kind: PeriodKind::Month,
                parts: Vec::new(),
            });
        }
        quarters.push(out.len());
        out.push(Slot {
            key: q.key.clone(),
            kind: PeriodKind::Quarter,
            parts,
        });
    }
    out.push(Slot {
        key: tree.cal.year.key.clone(),
        kind: PeriodKind::Year,
        parts: quarters,
    });
    out
}

/// The units a sheet for `unit` covers: the unit, then its active sub-units.
pub(crate) fn units_of(tree: &Tree, unit: i64) -> Vec<i64> {
    let mut units = vec![unit];
    units.extend(tree.active_kids(unit));
    units
}

/// The lines of the sheet for `unit`.
pub(crate) fn lines(tree: &Tree, unit: i64) -> Vec<Line> {
    let slots = slots(tree);
    let per = slots.len();
    let units = units_of(tree, unit);
    let has_kids = units.len() > 1;
    let mut out = Vec::with_capacity(per * units.len());
    for (ui, u) in units.iter().enumerate() {
        let cell = |key: &str| tree.get(&(*u, None, key.into()));
        let has_months = tree.cal.months.iter().any(|m| cell(&m.key).is_some());
        let base = ui * per;
        let month_target = |s: &Slot| -> Option<i64> {
            let parts: Vec<i64> = s
                .parts
                .iter()
                .flat_map(|i| match slots[*i].kind {
                    PeriodKind::Month => vec![*i],
                    _ => slots[*i].parts.clone(),
                })
                .filter_map(|i| cell(&slots[i].key).map(|c| c.tiers.base))
                .collect();
            (!parts.is_empty()).then(|| parts.iter().sum())
        };
        for (si, s) in slots.iter().enumerate() {
            let stored = cell(&s.key);
            let role = if ui == 0 && has_kids {
                Role::Sum((1..units.len()).map(|k| k * per + si).collect())
            } else {
                match s.kind {
                    PeriodKind::Month if stored.is_some() => Role::Edit,
                    PeriodKind::Month => Role::Fixed,
                    PeriodKind::Year if !has_months && stored.is_some() => Role::Edit,
                    PeriodKind::Year if !has_months => Role::Fixed,
                    _ => Role::Sum(s.parts.iter().map(|p| base + p).collect()),
                }
            };
            out.push(Line {
                unit: *u,
                unit_name: tree.unit_name(*u).to_string(),
                period: s.key.clone(),
                kind: s.kind,
                target: stored.map(|c| c.tiers.base).or_else(|| month_target(s)),
                stored: stored.and_then(|c| c.commitment),
                has_cell: stored.is_some(),
                role,
            });
        }
    }
    out
}

/// Each line's commitment once the typed ones are known (`typed[i]`: Some for a filled line;
/// a blank typed line keeps what is stored). Sums are None when none of their parts is set.
pub(crate) fn resolve(lines: &[Line], typed: &[Option<i64>]) -> Vec<Option<i64>> {
    let mut out: Vec<Option<Option<i64>>> = vec![None; lines.len()];
    fn value(
        i: usize,
        lines: &[Line],
        typed: &[Option<i64>],
        out: &mut Vec<Option<Option<i64>>>,
    ) -> Option<i64> {
        if let Some(v) = out[i] {
            return v;
        }
        let v = match &lines[i].role {
            Role::Edit => typed[i].or(lines[i].stored),
            Role::Fixed => None,
            Role::Sum(parts) => {
                let vals: Vec<i64> = parts
                    .iter()
                    .filter_map(|p| value(*p, lines, typed, out))
                    .collect();
                (!vals.is_empty()).then(|| vals.iter().sum())
            }
        };
        out[i] = Some(v);
        v
    }
    (0..lines.len())
        .map(|i| value(i, lines, typed, &mut out))
        .collect()
}
