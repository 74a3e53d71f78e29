//! A person transfers to another unit on a date. Their row in the old unit ends the day before;
//! a new row under the new unit starts on the date (same person key). Actuals from the date on
//! follow them; earlier ones stay with the old unit, so every past figure is unchanged. Their
//! remaining targets move with them or are re-split among the old unit's other people; a
//! preview shows what each unit's year target becomes before anything is written.

use super::store::transfer as store;
use super::transfer_targets::{self, Follow, YearChange};
use super::{parse_date, unit};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::{atomic, Savepoint};
use crate::Workspace;
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
    let clash = store::active_named(conn, to.id, &person.name)?;
    if clash > 0 {
        return Err(Error::new(
            Code::OrgNameTaken,
            format!("“{}”下已有“{}”", to.name, person.name),
            format!("\"{}\" already has a \"{}\"", to.name, person.name),
        ));
    }
    let key = store::person_key(conn, person.id)?;
    let before = transfer_targets::year_targets(conn)?;
    let undo = super::transfer_undo::before(conn, person.id, to.id)?;
    let new_id = store::start_row(conn, person.id, to.id, &day.to_string(), key)?;
    let last_day = day.pred_opt().unwrap_or(day).to_string();
    store::end_row(conn, person.id, &last_day, key)?;
    let moved = crate::store::batches::reattribute(conn, person.id, new_id, &day.to_string())?;
    // What they look after from now on goes with them.
    store::hand_over(conn, person.id, new_id)?;
    transfer_targets::follow(conn, person.id, new_id, day, t.targets)?;
    super::transfer_undo::log(conn, undo, person.id, new_id, &day.to_string())?;
    let after = transfer_targets::year_targets(conn)?;
    Ok(TransferOutcome {
        new_person_id: new_id,
        actual_rows_moved: moved,
        targets: transfer_targets::changes(conn, &before, &after)?,
    })
}
