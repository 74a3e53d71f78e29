//! Undoing a transfer. A transfer logs (table `org_transfer`) the target rows of every unit it
//! could touch as they were before, and the target rows and revisions it created; undoing it
//! puts those rows back exactly, deletes what it created, returns the actuals, open deals and
//! customers to the old row and reopens it. Only a person's latest transfer can be undone, while
//! their new row is still current.

use super::store::transfer_undo::{self as store, Created};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What undoing one transfer restores.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(super) struct Snapshot {
    /// The target table's columns, in the order of each row below.
    columns: Vec<String>,
    /// Every target row of the touched units before the transfer.
    before: Vec<Vec<Value>>,
    /// Target rows the transfer created.
    created: Vec<i64>,
    /// Revisions the transfer recorded.
    revisions: Vec<i64>,
    /// The touched units and the new row.
    #[serde(default)]
    units: Vec<i64>,
    /// Their target rows just after the transfer: any difference later means targets were edited
    /// since, and writing `before` back would lose that work. Absent in logs from older versions.
    #[serde(default)]
    after: Option<Vec<Vec<Value>>>,
}

fn to_json(v: Sql) -> Value {
    match v {
        Sql::Integer(i) => Value::from(i),
        Sql::Real(f) => Value::from(f),
        Sql::Text(t) => Value::from(t),
        Sql::Null | Sql::Blob(_) => Value::Null,
    }
}

fn to_sql(v: &Value) -> Sql {
    match v {
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => Sql::Text(s.clone()),
        _ => Sql::Null,
    }
}

/// The target rows of `units`, every column, as JSON values.
fn rows_of(conn: &Connection, units: &[i64]) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let (columns, rows) = store::target_rows(conn, units)?;
    let rows = rows
        .into_iter()
        .map(|row| row.into_iter().map(to_json).collect())
        .collect();
    Ok((columns, rows))
}

/// Taken before a transfer writes: the touched units' rows and where new ids will start.
pub(super) struct Before {
    snapshot: Snapshot,
    target_max: i64,
    revision_max: i64,
}

/// The units a transfer of `person` to `to` can touch: both chains and the old unit's people.
pub(super) fn before(conn: &Connection, person: i64, to: i64) -> Result<Before> {
    let mut units = super::ancestry(conn, person)?;
    units.extend(super::ancestry(conn, to)?);
    units.extend(store::unit_and_mates(conn, person)?);
    units.sort_unstable();
    units.dedup();
    let (columns, before) = rows_of(conn, &units)?;
    Ok(Before {
        snapshot: Snapshot {
            columns,
            before,
            units,
            ..Default::default()
        },
        target_max: store::max_id(conn, Created::Targets)?,
        revision_max: store::max_id(conn, Created::Revisions)?,
    })
}

/// Logs the transfer (after it wrote) with what undoing it restores.
pub(super) fn log(conn: &Connection, b: Before, from: i64, to_row: i64, day: &str) -> Result<()> {
    let mut snap = b.snapshot;
    snap.created = store::ids_above(conn, Created::Targets, b.target_max)?;
    snap.revisions = store::ids_above(conn, Created::Revisions, b.revision_max)?;
    snap.units.push(to_row);
    snap.after = Some(rows_of(conn, &snap.units)?.1);
    let json = serde_json::to_string(&snap)
        .map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))?;
    store::log(conn, (from, to_row), day, &crate::now_stamp(), &json)
}

fn cannot(zh: &str, en: &str) -> Error {
    Error::new(
        Code::TransferUndoUnavailable,
        zh.to_string(),
        en.to_string(),
    )
}

/// Undoes the latest transfer of the person whose current row is `person` (the row the transfer
/// created). Returns the old row, current again.
pub fn undo(ws: &Workspace, person: i64) -> Result<i64> {
    let conn = ws.conn();
    let logged = store::latest(conn, person)?;
    let Some((log_id, from, json)) = logged else {
        return Err(cannot(
            "没有可以撤销的调动：只能撤销这个人最近一次调动",
            "There is no transfer to undo: only a person's latest transfer can be undone",
        ));
    };
    let current = super::unit(conn, person)?;
    if !current.active || current.valid_to.is_some() {
        return Err(cannot(
            "此人此后又有变动（离职或再次调动）：请先撤销那一次",
            "The person changed again since (left or transferred): undo that first",
        ));
    }
    let old = super::unit(conn, from)?;
    let clash = store::active_namesakes(conn, old.parent_id, &old.name, from)?;
    if clash > 0 {
        return Err(Error::new(
            Code::OrgNameTaken,
            format!("原团队下已有在用的“{}”：请先改名再撤销调动", old.name),
            format!(
                "An active \"{}\" is now in the old team: rename one before undoing the transfer",
                old.name
            ),
        ));
    }
    let snap: Snapshot = serde_json::from_str(&json)
        .map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))?;
    if let Some(after) = &snap.after {
        if rows_of(conn, &snap.units)?.1 != *after {
            return Err(Error::new(
                Code::TransferUndoTargetsChanged,
                "转岗后这些单位的目标又改过，不能撤销转岗：撤销会覆盖那些修改",
                "Targets of these units changed after the transfer: undoing it would overwrite those changes, so it cannot be undone",
            ));
        }
    }
    atomic(conn, || {
        crate::store::batches::reattribute(conn, person, from, "0000-00-00")?;
        store::give_back(conn, person, from)?;
        restore_targets(conn, &snap)?;
        store::forget_log(conn, log_id)?;
        if !store::delete_row(conn, person)? {
            return Err(cannot(
                "此人调动后的记录已被其他数据引用（如行动计划），不能撤销调动",
                "Other records (such as action plans) now refer to the person's new row: the transfer cannot be undone",
            ));
        }
        super::store::units::restore(conn, from)?;
        Ok(())
    })?;
    Ok(from)
}

fn restore_targets(conn: &Connection, snap: &Snapshot) -> Result<()> {
    store::delete_created(conn, Created::Targets, &snap.created)?;
    store::delete_created(conn, Created::Revisions, &snap.revisions)?;
    let rows: Vec<Vec<Sql>> = snap
        .before
        .iter()
        .map(|row| row.iter().map(to_sql).collect())
        .collect();
    store::put_back(conn, &snap.columns, &rows)?;
    Ok(())
}
