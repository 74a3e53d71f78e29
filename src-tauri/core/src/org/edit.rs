//! Adding, renaming, moving, retiring and describing organisation units by hand. Each change is
//! checked first (a clear message in both languages) and written whole or not at all.

use super::store::units::{self as store, UnitRow};
use super::{ancestry, parse_date, unit, Unit};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::Connection;
use serde::Deserialize;

/// A new unit (the company is named in `setup::company`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NewUnit {
    pub parent_id: i64,
    /// "region", "team" or "person".
    pub kind: String,
    pub name: String,
    pub headcount: Option<i64>,
    pub capacity_per_head: Option<i64>,
    #[serde(default)]
    pub manager: String,
    /// A person who joins on this day (none: a member from the start).
    pub joined: Option<String>,
}

fn clean_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.contains('/') || n.chars().count() > 60 {
        return Err(Error::new(
            Code::OrgNameInvalid,
            "名称不能为空、不能含“/”，且不超过 60 个字",
            "A name must not be empty, contain \"/\" or be longer than 60 characters",
        ));
    }
    Ok(n.to_string())
}

/// Where a unit of `kind` may sit: regions under the company, teams under the company or a
/// region, people under a team or a region (never at the company's root).
fn check_place(kind: &str, parent: &Unit) -> Result<()> {
    let ok = match kind {
        "region" => parent.kind == "company",
        "team" => matches!(parent.kind.as_str(), "company" | "region"),
        "person" => matches!(parent.kind.as_str(), "region" | "team"),
        _ => false,
    };
    if ok && parent.active {
        return Ok(());
    }
    let (zh, en) = match kind {
        "region" => (
            "区域只能放在公司下面",
            "A region belongs directly under the company",
        ),
        "team" => (
            "团队只能放在公司或区域下面",
            "A team belongs under the company or a region",
        ),
        "person" => (
            "人员只能放在团队或区域下面，不能放在公司根节点",
            "A person belongs under a team or a region, not at the company's root",
        ),
        _ => (
            "类型应为区域、团队或人员",
            "The kind must be region, team or person",
        ),
    };
    if !parent.active {
        return Err(Error::new(
            Code::OrgParentRetired,
            format!("“{}”已停用，不能再放入成员", parent.name),
            format!("\"{}\" is retired and takes no new members", parent.name),
        ));
    }
    Err(Error::new(Code::OrgBadPlace, zh, en))
}

fn check_sibling_name(
    conn: &Connection,
    parent: i64,
    name: &str,
    except: Option<i64>,
) -> Result<()> {
    let clash = store::sibling_named(conn, parent, name, except)?;
    match clash {
        None => Ok(()),
        Some((_, true)) => Err(Error::new(
            Code::OrgNameTaken,
            format!("同一上级下已有“{name}”"),
            format!("\"{name}\" already exists there"),
        )),
        Some((_, false)) => Err(Error::new(
            Code::OrgNameTakenRetired,
            format!("同一上级下有已停用的“{name}”：请恢复它，或换一个名称"),
            format!("A retired \"{name}\" exists there: restore it or choose another name"),
        )),
    }
}

fn check_numbers(headcount: Option<i64>, per_head: Option<i64>) -> Result<()> {
    if headcount.is_some_and(|h| !(0..=100_000).contains(&h)) || per_head.is_some_and(|c| c < 0) {
        return Err(Error::new(
            Code::OrgBadCapacity,
            "人数应在 0 到 100000 之间，人均产能不能为负数",
            "Headcount must be 0 to 100,000 and capacity per head cannot be negative",
        ));
    }
    Ok(())
}

pub fn add(ws: &Workspace, new: &NewUnit) -> Result<i64> {
    let conn = ws.conn();
    let parent = unit(conn, new.parent_id)?;
    check_place(&new.kind, &parent)?;
    let name = clean_name(&new.name)?;
    check_sibling_name(conn, parent.id, &name, None)?;
    check_numbers(new.headcount, new.capacity_per_head)?;
    let joined = new.joined.as_deref().map(parse_date).transpose()?;
    let headcount = new
        .headcount
        .unwrap_or(if new.kind == "person" { 1 } else { 0 });
    atomic(conn, || {
        let id = store::insert(
            conn,
            &UnitRow {
                parent: parent.id,
                kind: &new.kind,
                name: &name,
                headcount,
                capacity_per_head: new.capacity_per_head,
                manager: new.manager.trim(),
                valid_from: joined.map(|d| d.to_string()),
            },
        )?;
        Ok(id)
    })
}

pub fn rename(ws: &Workspace, id: i64, name: &str) -> Result<()> {
    let conn = ws.conn();
    let u = unit(conn, id)?;
    if u.kind == "company" {
        crate::setup::company::set_name(ws, name)?;
        return Ok(());
    }
    let name = clean_name(name)?;
    check_sibling_name(conn, u.parent_id.unwrap_or(0), &name, Some(id))?;
    store::rename(conn, id, &name)
}

/// Moves a unit (with its members and its history) under another parent: a reorganisation. A
/// person who changes team on a date is transferred instead (`transfer`).
pub fn move_unit(ws: &Workspace, id: i64, new_parent: i64) -> Result<()> {
    let conn = ws.conn();
    let u = unit(conn, id)?;
    let parent = unit(conn, new_parent)?;
    if u.kind == "company" || ancestry(conn, new_parent)?.contains(&id) {
        return Err(Error::new(
            Code::OrgMoveCycle,
            "不能把单元移到它自己或它的下级里",
            "A unit cannot move into itself or one of its members",
        ));
    }
    check_place(&u.kind, &parent)?;
    check_sibling_name(conn, new_parent, &u.name, Some(id))?;
    store::move_under(conn, id, new_parent)
}

/// Retires a unit from a day (a person leaves): it keeps its history and is hidden by default.
pub fn retire(ws: &Workspace, id: i64, on: &str) -> Result<()> {
    let conn = ws.conn();
    let u = unit(conn, id)?;
    let day = parse_date(on)?;
    if u.kind == "company" {
        return Err(Error::new(
            Code::OrgRetireCompany,
            "公司不能停用",
            "The company cannot be retired",
        ));
    }
    let members = store::active_members(conn, id)?;
    if members > 0 {
        return Err(Error::new(
            Code::OrgRetireHasMembers,
            format!(
                "“{}”下还有 {members} 个在用的成员：请先调走或停用它们",
                u.name
            ),
            format!(
                "\"{}\" still has {members} active members: transfer or retire them first",
                u.name
            ),
        ));
    }
    store::retire(conn, id, &day.to_string())
}

/// Undoes a retirement.
pub fn restore(ws: &Workspace, id: i64) -> Result<()> {
    let conn = ws.conn();
    let u = unit(conn, id)?;
    if let Some(p) = u.parent_id {
        check_place(&u.kind, &unit(conn, p)?)?;
        let clash = store::active_namesakes(conn, p, &u.name, id)?;
        if clash > 0 {
            return Err(Error::new(
                Code::OrgNameTaken,
                format!("同一上级下已有在用的“{}”：请先改名再恢复", u.name),
                format!(
                    "An active \"{}\" already exists there: rename one before restoring",
                    u.name
                ),
            ));
        }
    }
    store::restore(conn, id)
}

/// Headcount, capacity per head (fen a year) and manager of a unit.
pub fn describe(
    ws: &Workspace,
    id: i64,
    headcount: i64,
    per_head: Option<i64>,
    manager: &str,
) -> Result<()> {
    let conn = ws.conn();
    unit(conn, id)?;
    check_numbers(Some(headcount), per_head)?;
    store::describe(conn, id, headcount, per_head, manager.trim())
}
