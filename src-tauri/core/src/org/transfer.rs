//! A person transfers to another unit on a date. Their row in the old unit ends the day before;
//! a new row under the new unit starts on the date (same person key). Actuals from the date on
//! follow them; earlier ones stay with the old unit, so every past figure is unchanged. Their
//! remaining targets move with them or are re-split among the old unit's other people; a
//! preview shows what each unit's year target becomes before anything is written.

use super::transfer_targets::{self, Follow, YearChange};
use super::{parse_date, unit};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::{atomic, Savepoint};
use crate::Workspace;
use rusqlite::params;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    pub person_id: i64,
    pub to_unit_id: i64,
    /// The first day in the new unit (ISO).
    pub date: String,
    pub targets: Follow,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TransferOutcome {
    /// The person's row in the new unit.
    pub new_person_id: i64,
    pub actual_rows_moved: usize,
    /// Each affected unit's year target (base tier) of the selected plan, before and after.
    pub targets: Vec<YearChange>,
}

/// What the transfer would do, without writing anything.
pub fn preview(ws: &Workspace, t: &Transfer) -> Result<TransferOutcome> {
    let sp = Savepoint::begin(ws.conn(), "transfer_preview")?;
    let out = apply_inner(ws, t);
    sp.rollback()?;
    out
}

pub fn apply(ws: &Workspace, t: &Transfer) -> Result<TransferOutcome> {
    atomic(ws.conn(), || apply_inner(ws, t))
}

fn apply_inner(ws: &Workspace, t: &Transfer) -> Result<TransferOutcome> {
    let conn = ws.conn();
    let person = unit(conn, t.person_id)?;
    let to = unit(conn, t.to_unit_id)?;
    let day = parse_date(&t.date)?;
    if person.kind != "person" || !person.active {
        return Err(Error::new(
            Code::TransferNotAMember,
            format!("“{}”不是在职人员，不能调动", person.name),
            format!(
                "\"{}\" is not an active person and cannot transfer",
                person.name
            ),
        ));
    }
    if !matches!(to.kind.as_str(), "team" | "region") || !to.active {
        return Err(Error::new(
            Code::TransferBadUnit,
            format!("不能调到“{}”：请选择在用的团队或区域", to.name),
            format!(
                "Cannot transfer to \"{}\": choose an active team or region",
                to.name
            ),
        ));
    }
    if person.parent_id == Some(to.id) {
        return Err(Error::new(
            Code::TransferSameUnit,
            format!("“{}”已经在“{}”", person.name, to.name),
            format!("\"{}\" is already in \"{}\"", person.name, to.name),
        ));
    }
    if person
        .valid_from
        .as_deref()
        .is_some_and(|f| f >= t.date.trim())
    {
        return Err(Error::new(
            Code::TransferBeforeJoining,
            "调动日期应晚于入职日期",
            "The transfer date must come after the person joined",
        ));
    }
    let clash: i64 = conn.query_row(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND name = ?2 AND active = 1 AND valid_to IS NULL",
        params![to.id, person.name],
        |r| r.get(0),
    )?;
    if clash > 0 {
        return Err(Error::new(
            Code::OrgNameTaken,
            format!("“{}”下已有“{}”", to.name, person.name),
            format!("\"{}\" already has a \"{}\"", to.name, person.name),
        ));
    }
    let key: i64 = conn.query_row(
        "SELECT IFNULL(person_key, id) FROM org_unit WHERE id = ?1",
        [person.id],
        |r| r.get(0),
    )?;
    let before = transfer_targets::year_targets(conn)?;
    let undo = super::transfer_undo::before(conn, person.id, to.id)?;
    conn.execute(
        "INSERT INTO org_unit(parent_id, kind, name, team_type, headcount, capacity_per_head, sort, valid_from, person_key, manager)
         SELECT ?2, kind, name, team_type, headcount, capacity_per_head,
                (SELECT IFNULL(MAX(sort), -1) + 1 FROM org_unit WHERE parent_id = ?2), ?3, ?4, manager
         FROM org_unit WHERE id = ?1",
        params![person.id, to.id, day.to_string(), key],
    )?;
    let new_id = conn.last_insert_rowid();
    let last_day = day.pred_opt().unwrap_or(day).to_string();
    conn.execute(
        "UPDATE org_unit SET active = 0, valid_to = ?2, person_key = ?3 WHERE id = ?1",
        params![person.id, last_day, key],
    )?;
    let moved = crate::store::batches::reattribute(conn, person.id, new_id, &day.to_string())?;
    // What they look after from now on goes with them.
    conn.execute(
        "UPDATE deal SET owner_id = ?2 WHERE owner_id = ?1 AND status = 'open'",
        params![person.id, new_id],
    )?;
    conn.execute(
        "UPDATE customer SET owner_id = ?2 WHERE owner_id = ?1",
        params![person.id, new_id],
    )?;
    transfer_targets::follow(conn, person.id, new_id, day, t.targets)?;
    super::transfer_undo::log(conn, undo, person.id, new_id, &day.to_string())?;
    let after = transfer_targets::year_targets(conn)?;
    Ok(TransferOutcome {
        new_person_id: new_id,
        actual_rows_moved: moved,
        targets: transfer_targets::changes(conn, &before, &after)?,
    })
}
