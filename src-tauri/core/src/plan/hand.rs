//! The action plan maintained by hand in the Gantt: a new action below the selected one (its
//! sibling, same objective and target), deleting one with what hangs on it (kept whole so undo
//! puts it back), indenting an action under the one above it and outdenting it beside its
//! parent. Each change reschedules the plan and returns it.

use super::actions::{create_action, delete_action, ActionInput};
use super::edit::edit;
use super::outline::missing_action;
use super::store::{
    action_place, insert_rows, next_even_sort, set_place, sibling_above, sibling_defaults,
    sort_after_all, spread_sorts, subtree_rows,
};
use super::view::{PlanState, PlanView};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

pub use super::store::Rows;

/// A new action and the plan with it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Added {
    pub id: i64,
    pub view: PlanView,
}

/// What a delete removed: the actions (parents first), their links and baseline entries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Removed {
    pub tables: Vec<Rows>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub removed: Removed,
    pub view: PlanView,
}

/// Where an action sits in the outline (to put it back on undo).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub parent_id: Option<i64>,
    pub sort: i64,
}

/// An indent or outdent: where the action was (for undo) and the plan.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    pub was: Place,
    pub view: PlanView,
}

fn place_of(conn: &Connection, id: i64) -> Result<Place> {
    let (parent_id, sort) = action_place(conn, id)?.ok_or_else(|| missing_action(id))?;
    Ok(Place { parent_id, sort })
}

/// Adds an action titled `title` right below `after` (its sibling, with its objective and
/// target, starting when it starts), or at the end of the plan; five working days long.
pub fn add_below(
    ws: &Workspace,
    after: Option<i64>,
    title: &str,
    today: NaiveDate,
) -> Result<Added> {
    let conn = ws.conn();
    let mut input = ActionInput {
        title: title.to_string(),
        start: today,
        duration: Some(5),
        ..Default::default()
    };
    // Each change below is its own transaction (the plan's edits open one), so the sorts are
    // spread first; that alone changes no order.
    crate::store::atomic(conn, || spread_sorts(conn))?;
    {
        match after {
            Some(a) => {
                let place = place_of(conn, a)?;
                let (target, objective, start) = sibling_defaults(conn, a)?;
                input.parent_id = place.parent_id;
                input.target_id = target;
                input.objective = objective;
                input.start = super::store::parse_date(&start).unwrap_or(today);
                input.sort = place.sort + 1;
            }
            None => input.sort = next_even_sort(conn)?,
        }
    }
    let (id, view) = create_action(ws, &input)?;
    Ok(Added { id, view })
}

/// Deletes an action with its sub-actions, links and baseline entries; returns what it removed
/// (for [`restore`]) and the plan.
pub fn remove(ws: &Workspace, id: i64) -> Result<Deleted> {
    let conn = ws.conn();
    place_of(conn, id)?;
    let removed = Removed {
        tables: subtree_rows(conn, id)?,
    };
    let view = delete_action(ws, id)?;
    Ok(Deleted { removed, view })
}

const RESTORABLE: [&str; 3] = ["action", "action_dependency", "plan_baseline_task"];

/// Puts back what [`remove`] removed, with the same ids.
pub fn restore(ws: &Workspace, removed: &Removed) -> Result<PlanView> {
    edit(ws, |state, conn| {
        for t in &removed.tables {
            if !RESTORABLE.contains(&t.table.as_str())
                || t.columns
                    .iter()
                    .any(|c| !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
            {
                return Err(Error::new(
                    Code::PlanRestoreInvalid,
                    "无法恢复：撤销数据无效",
                    "Cannot restore: the undo data is invalid",
                ));
            }
            insert_rows(conn, t)?;
        }
        *state = PlanState::load(ws)?;
        Ok(())
    })
}

fn refuse(zh: &str, en: &str) -> Error {
    Error::new(Code::PlanOutlineMove, zh, en)
}

/// Makes an action the last sub-action of the action just above it (its previous sibling).
/// Returns where it was, for undo.
pub fn indent(ws: &Workspace, id: i64) -> Result<Moved> {
    let conn = ws.conn();
    let was = place_of(conn, id)?;
    let Some(above) = sibling_above(conn, was.parent_id, id, was.sort)? else {
        return Err(refuse(
            "上面没有同级举措，无法降级",
            "There is no action above at the same level to indent under",
        ));
    };
    let view = place(
        ws,
        id,
        Place {
            parent_id: Some(above),
            sort: sort_after_all(conn)?,
        },
    )?;
    Ok(Moved { was, view })
}

/// Moves an action out of its parent, right below it. Returns where it was, for undo.
pub fn outdent(ws: &Workspace, id: i64) -> Result<Moved> {
    let conn = ws.conn();
    let was = place_of(conn, id)?;
    let Some(parent) = was.parent_id else {
        return Err(refuse(
            "已经是最上一级，无法升级",
            "The action is already at the top level",
        ));
    };
    crate::store::atomic(conn, || spread_sorts(conn))?;
    let p = place_of(conn, parent)?;
    let view = place(
        ws,
        id,
        Place {
            parent_id: p.parent_id,
            sort: p.sort + 1,
        },
    )?;
    Ok(Moved { was, view })
}

/// Puts an action at `at` in the outline (indent, outdent and their undo).
pub fn place(ws: &Workspace, id: i64, at: Place) -> Result<PlanView> {
    edit(ws, |state, conn| {
        state.outline.index_of(id)?;
        if let Some(p) = at.parent_id {
            let pi = state.outline.index_of(p)?;
            let mut up = Some(pi);
            while let Some(i) = up {
                if state.actions[i].id == id {
                    return Err(refuse(
                        "举措不能放到它自己或它的子举措下面",
                        "An action cannot be placed under itself or one of its sub-actions",
                    ));
                }
                up = state.outline.parent[i];
            }
            if state
                .links
                .iter()
                .any(|l| l.predecessor_id == p || l.successor_id == p)
            {
                return Err(super::view::summary_link_error(&state.actions[pi].title));
            }
        }
        set_place(conn, id, at.parent_id, at.sort)?;
        *state = PlanState::load(ws)?;
        Ok(())
    })
}
