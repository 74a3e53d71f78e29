//! The action plan maintained by hand in the Gantt: a new action below the selected one (its
//! sibling, same objective and target), deleting one with what hangs on it (kept whole so undo
//! puts it back), indenting an action under the one above it and outdenting it beside its
//! parent. Each change reschedules the plan and returns it.

use super::actions::{create_action, delete_action, ActionInput};
use super::edit::edit;
use super::outline::missing_action;
use super::view::{PlanState, PlanView};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A new action and the plan with it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Added {
    pub id: i64,
    pub view: PlanView,
}

/// Rows of one table, column by column, as they were before a delete.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Rows {
    pub table: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
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

/// Renumbers every action's sort to even numbers in the current order, so an odd number always
/// fits right after any action.
fn spread_sorts(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM action ORDER BY sort, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare("UPDATE action SET sort = ?2 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        st.execute(params![id, (i as i64) * 2])?;
    }
    Ok(())
}

fn place_of(conn: &Connection, id: i64) -> Result<Place> {
    rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT parent_id, sort FROM action WHERE id = ?1",
        [id],
        |r| {
            Ok(Place {
                parent_id: r.get(0)?,
                sort: r.get(1)?,
            })
        },
    ))?
    .ok_or_else(|| missing_action(id))
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
                let (target, objective, start): (Option<i64>, String, String) = conn.query_row(
                    "SELECT target_id, objective, IFNULL(requested_start, start_date) FROM action WHERE id = ?1",
                    [a],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                input.parent_id = place.parent_id;
                input.target_id = target;
                input.objective = objective;
                input.start = super::store::parse_date(&start).unwrap_or(today);
                input.sort = place.sort + 1;
            }
            None => {
                input.sort =
                    conn.query_row("SELECT IFNULL(MAX(sort), -2) + 2 FROM action", [], |r| {
                        r.get(0)
                    })?;
            }
        }
    }
    let (id, view) = create_action(ws, &input)?;
    Ok(Added { id, view })
}

fn json_of(v: SqlValue) -> Value {
    match v {
        SqlValue::Null | SqlValue::Blob(_) => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(s) => Value::from(s),
    }
}

fn sql_of(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

fn snapshot(conn: &Connection, table: &str, sql: &str, root: i64) -> Result<Rows> {
    let mut st = conn.prepare(sql)?;
    let columns: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let rows = st
        .query_map([root], |r| {
            (0..n)
                .map(|i| r.get::<_, SqlValue>(i).map(json_of))
                .collect::<rusqlite::Result<Vec<Value>>>()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Rows {
        table: table.to_string(),
        columns,
        rows,
    })
}

const SUBTREE: &str = "WITH RECURSIVE sub(id, depth) AS (SELECT ?1, 0 UNION ALL
     SELECT a.id, s.depth + 1 FROM action a JOIN sub s ON a.parent_id = s.id)";

/// Deletes an action with its sub-actions, links and baseline entries; returns what it removed
/// (for [`restore`]) and the plan.
pub fn remove(ws: &Workspace, id: i64) -> Result<Deleted> {
    let conn = ws.conn();
    place_of(conn, id)?;
    let removed = Removed {
        tables: vec![
            snapshot(
                conn,
                "action",
                &format!("{SUBTREE} SELECT a.* FROM action a JOIN sub s ON s.id = a.id ORDER BY s.depth, a.id"),
                id,
            )?,
            snapshot(
                conn,
                "action_dependency",
                &format!("{SUBTREE} SELECT * FROM action_dependency WHERE predecessor_id IN (SELECT id FROM sub) OR successor_id IN (SELECT id FROM sub) ORDER BY id"),
                id,
            )?,
            snapshot(
                conn,
                "plan_baseline_task",
                &format!("{SUBTREE} SELECT * FROM plan_baseline_task WHERE action_id IN (SELECT id FROM sub)"),
                id,
            )?,
        ],
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
            let sql = format!(
                "INSERT INTO {}({}) VALUES ({})",
                t.table,
                t.columns.join(", "),
                vec!["?"; t.columns.len()].join(", ")
            );
            let mut st = conn.prepare(&sql)?;
            for row in &t.rows {
                st.execute(params_from_iter(row.iter().map(sql_of)))?;
            }
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
    let above: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT id FROM action WHERE parent_id IS ?1 AND id <> ?2 AND (sort < ?3 OR (sort = ?3 AND id < ?2))
         ORDER BY sort DESC, id DESC LIMIT 1",
        params![was.parent_id, id, was.sort],
        |r| r.get(0),
    ))?;
    let Some(above) = above else {
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
            sort: conn.query_row("SELECT IFNULL(MAX(sort), 0) + 1 FROM action", [], |r| {
                r.get(0)
            })?,
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
        conn.execute(
            "UPDATE action SET parent_id = ?2, sort = ?3 WHERE id = ?1",
            params![id, at.parent_id, at.sort],
        )?;
        *state = PlanState::load(ws)?;
        Ok(())
    })
}
