//! What a new link would do before it is made: the actions it would push later, flagged when one
//! has already started (its start is before today, or it has progress) or would finish after the
//! end of its target's period. The link dialog shows these and the user decides.

use super::model::LinkKind;
use super::store::LinkRow;
use super::view::PlanState;
use crate::error::Result;
use crate::store::Workspace;
use chrono::NaiveDate;
use serde::Serialize;

/// One action a new link would move.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Pushed {
    pub id: i64,
    pub title: String,
    pub start_before: NaiveDate,
    pub start_after: NaiveDate,
    pub finish_after: NaiveDate,
    /// It had started already (before today, or with progress).
    pub started: bool,
    /// The last day of its target's period, when the action would finish after it.
    pub past_period_end: Option<NaiveDate>,
}

/// The leaves a link `from` → `to` would move, with their warnings; nothing is written.
pub fn consequences(
    ws: &Workspace,
    from: i64,
    to: i64,
    kind: LinkKind,
    lag_days: i64,
    today: NaiveDate,
) -> Result<Vec<Pushed>> {
    let mut state = PlanState::load(ws)?;
    state.outline.index_of(from)?;
    state.outline.index_of(to)?;
    let before = state.schedule()?;
    state.links.push(LinkRow {
        id: 0,
        predecessor_id: from,
        successor_id: to,
        kind,
        lag_days,
    });
    let after = state.schedule()?;
    let conn = ws.conn();
    let mut out = Vec::new();
    for (i, a) in state.actions.iter().enumerate() {
        let (Some(b), Some(n)) = (before.times.get(i), after.times.get(i)) else {
            continue;
        };
        if n.start == b.start || !state.outline.children[i].is_empty() {
            continue;
        }
        let period_end: Option<String> = match a.target_id {
            Some(t) => super::store::target_period_end(conn, t)?,
            None => None,
        };
        let period_end = period_end.and_then(|e| super::store::parse_date(&e));
        out.push(Pushed {
            id: a.id,
            title: a.title.clone(),
            start_before: b.start,
            start_after: n.start,
            finish_after: n.finish,
            started: b.start < today || a.progress_bp > 0,
            past_period_end: period_end.filter(|e| n.finish > *e),
        });
    }
    Ok(out)
}
