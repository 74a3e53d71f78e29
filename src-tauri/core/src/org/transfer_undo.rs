//! Undoing a transfer. A transfer logs (table `org_transfer`) the target rows of every unit it
//! could touch as they were before, and the target rows and revisions it created; undoing it
//! puts those rows back exactly, deletes what it created, returns the actuals, open deals and
//! customers to the old row and reopens it. Only a person's latest transfer can be undone, while
//! their new row is still current.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
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

fn in_list(units: &[i64]) -> String {
    units
        .iter()
        .map(|u| u.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The target rows of `units`, every column.
fn rows_of(conn: &Connection, units: &[i64]) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
    let mut st = conn.prepare(&format!(
        "SELECT * FROM target WHERE org_unit_id IN ({}) ORDER BY id",
        in_list(units)
    ))?;
    let columns: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let rows = st.query_map([], |r| {
        (0..n)
            .map(|i| r.get::<_, Sql>(i).map(to_json))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    Ok((columns, rows.collect::<rusqlite::Result<_>>()?))
}

fn max_id(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT IFNULL(MAX(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?)
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
    let mut st = conn.prepare(
        "SELECT id FROM org_unit WHERE parent_id = (SELECT parent_id FROM org_unit WHERE id = ?1)",
    )?;
    let mates = st.query_map([person], |r| r.get::<_, i64>(0))?;
    for m in mates {
        units.push(m?);
    }
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
        target_max: max_id(conn, "target")?,
        revision_max: max_id(conn, "target_revision")?,
    })
}

/// Logs the transfer (after it wrote) with what undoing it restores.
pub(super) fn log(conn: &Connection, b: Before, from: i64, to_row: i64, day: &str) -> Result<()> {
    let mut snap = b.snapshot;
    let ids = |sql: &str, above: i64| -> Result<Vec<i64>> {
        let mut st = conn.prepare(sql)?;
        let v = st
            .query_map([above], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    };
    snap.created = ids("SELECT id FROM target WHERE id > ?1", b.target_max)?;
    snap.revisions = ids(
        "SELECT id FROM target_revision WHERE id > ?1",
        b.revision_max,
    )?;
    snap.units.push(to_row);
    snap.after = Some(rows_of(conn, &snap.units)?.1);
    let json = serde_json::to_string(&snap)
        .map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))?;
    conn.execute(
        "INSERT INTO org_transfer(from_row, to_row, date, at, undo_json) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![from, to_row, day, crate::now_stamp(), json],
    )?;
    Ok(())
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
    let logged: Option<(i64, i64, String)> = conn
        .query_row(
            "SELECT id, from_row, undo_json FROM org_transfer WHERE to_row = ?1 ORDER BY id DESC LIMIT 1",
            [person],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
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
    let clash: i64 = conn.query_row(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id IS ?1 AND name = ?2 AND id <> ?3
           AND active = 1 AND valid_to IS NULL",
        params![old.parent_id, old.name, from],
        |r| r.get(0),
    )?;
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
        conn.execute(
            "UPDATE deal SET owner_id = ?2 WHERE owner_id = ?1",
            params![person, from],
        )?;
        conn.execute(
            "UPDATE customer SET owner_id = ?2 WHERE owner_id = ?1",
            params![person, from],
        )?;
        restore_targets(conn, &snap)?;
        conn.execute("DELETE FROM org_transfer WHERE id = ?1", [log_id])?;
        conn.execute("DELETE FROM org_unit WHERE id = ?1", [person])
            .map_err(|e| match e.sqlite_error() {
                Some(f) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => cannot(
                    "此人调动后的记录已被其他数据引用（如行动计划），不能撤销调动",
                    "Other records (such as action plans) now refer to the person's new row: the transfer cannot be undone",
                ),
                _ => Error::from(e),
            })?;
        conn.execute(
            "UPDATE org_unit SET active = 1, valid_to = NULL WHERE id = ?1",
            [from],
        )?;
        Ok(())
    })?;
    Ok(from)
}

fn restore_targets(conn: &Connection, snap: &Snapshot) -> Result<()> {
    for id in &snap.created {
        conn.execute("DELETE FROM target WHERE id = ?1", [id])?;
    }
    for id in &snap.revisions {
        conn.execute("DELETE FROM target_revision WHERE id = ?1", [id])?;
    }
    let cols = &snap.columns;
    let sets = cols
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let update = format!("UPDATE target SET {sets} WHERE id = ?1");
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let insert = format!("INSERT INTO target({}) VALUES ({marks})", cols.join(", "));
    for row in &snap.before {
        let values: Vec<Sql> = row.iter().map(to_sql).collect();
        if conn.execute(&update, params_from_iter(values.iter()))? == 0 {
            conn.execute(&insert, params_from_iter(values.iter()))?;
        }
    }
    Ok(())
}
