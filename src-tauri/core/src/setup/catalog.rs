//! The assistant's catalog steps: the product lines, customer types and channels a company sells
//! by (typed, or pasted from a spreadsheet column), and its working calendar (the official
//! mainland-China holidays, or plain Monday–Friday weeks).

pub use super::store::catalog::Member;
use super::store::catalog::{self as store, member_named};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use serde::{Deserialize, Serialize};

/// The dimensions a user lists members of.
pub const DIMENSIONS: [&str; 3] = ["product_line", "customer_type", "channel"];

/// The names in a typed or pasted text: one per line, cell, comma or 、, trimmed, each once.
pub fn names_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in text.split(['\n', '\r', '\t', ',', '，', '、', ';', '；']) {
        let n = n.trim();
        if !n.is_empty() && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    }
    out
}

fn check_name(name: &str) -> Result<()> {
    if name.chars().count() > 60 {
        return Err(Error::new(
            Code::DimensionNameTooLong,
            format!("“{name}”太长：名称不超过 60 个字"),
            format!("\"{name}\" is too long: a name has at most 60 characters"),
        ));
    }
    Ok(())
}

fn member_missing(dim: &str, name: &str) -> Error {
    Error::new(
        Code::DimensionMemberNotFound,
        format!("{}中没有“{name}”", dim_label(dim).0),
        format!("There is no \"{name}\" among the {}", dim_label(dim).1),
    )
}

fn dim_label(dim: &str) -> (&'static str, &'static str) {
    match dim {
        "product_line" => ("产品线", "product lines"),
        "customer_type" => ("客户类型", "customer types"),
        _ => ("渠道", "channels"),
    }
}

/// Renames a member (its code stays, so files naming it the old way still match).
pub fn rename_member(ws: &Workspace, dim: &str, name: &str, new_name: &str) -> Result<()> {
    check_dim(dim)?;
    let conn = ws.conn();
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return Err(Error::new(
            Code::DimensionNameEmpty,
            "名称不能为空",
            "A name cannot be empty",
        ));
    }
    check_name(new_name)?;
    let (id, _) = member_named(conn, dim, name.trim())?.ok_or_else(|| member_missing(dim, name))?;
    if let Some((other, _)) = member_named(conn, dim, new_name)? {
        if other != id {
            return Err(Error::new(
                Code::DimensionNameTaken,
                format!("{}中已有“{new_name}”", dim_label(dim).0),
                format!("The {} already have a \"{new_name}\"", dim_label(dim).1),
            ));
        }
    }
    store::rename_member(conn, id, new_name)
}

/// Retires a member (kept with its history, hidden by default); `restore` brings it back.
pub fn retire_member(ws: &Workspace, dim: &str, name: &str, restore: bool) -> Result<()> {
    check_dim(dim)?;
    let conn = ws.conn();
    let (id, _) = member_named(conn, dim, name.trim())?.ok_or_else(|| member_missing(dim, name))?;
    store::retire_member(conn, id, restore, &crate::now_stamp())
}

/// Sets a customer's type to the customer-type member `name` (None: no type).
pub fn set_customer_type(ws: &Workspace, customer: i64, name: Option<&str>) -> Result<()> {
    let conn = ws.conn();
    let member = match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => None,
        Some(n) => Some(
            member_named(conn, "customer_type", n)?
                .ok_or_else(|| member_missing("customer_type", n))?
                .0,
        ),
    };
    if !store::set_customer_type(conn, customer, member)? {
        return Err(Error::new(
            Code::CustomerNotFound,
            format!("找不到客户 #{customer}"),
            format!("Customer #{customer} was not found"),
        ));
    }
    Ok(())
}

fn check_dim(dim: &str) -> Result<()> {
    if DIMENSIONS.contains(&dim) {
        return Ok(());
    }
    Err(Error::new(
        Code::DimensionUnknown,
        format!("没有“{dim}”这个维度：应为产品线、客户类型或渠道"),
        format!("There is no dimension \"{dim}\": expected product line, customer type or channel"),
    ))
}

/// Adds the names in `text` to `dim` (those it has already are kept as they are). Returns the
/// number added.
pub fn add_members(ws: &Workspace, dim: &str, text: &str) -> Result<usize> {
    check_dim(dim)?;
    let names = names_in(text);
    for n in &names {
        check_name(n)?;
    }
    let conn = ws.conn();
    atomic(conn, || {
        let mut added = 0;
        for name in &names {
            if let Some((id, retired)) = member_named(conn, dim, name)? {
                // A retired one typed again comes back.
                if retired {
                    store::retire_member(conn, id, true, "")?;
                }
                continue;
            }
            store::add_member(conn, dim, name)?;
            added += 1;
        }
        Ok(added)
    })
}

/// Every member of the three dimensions, in their order; retired ones only when asked for.
pub fn members(ws: &Workspace, with_retired: bool) -> Result<Vec<Member>> {
    store::members(ws.conn(), with_retired)
}

/// Which working calendar a year follows.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum CalendarChoice {
    /// The official mainland-China holidays and adjusted working days.
    China,
    /// Monday to Friday, no holidays.
    None,
}

/// Sets `year`'s working calendar; returns its working days.
pub fn choose_calendar(ws: &Workspace, year: i32, choice: CalendarChoice) -> Result<i64> {
    match choice {
        CalendarChoice::China => {
            crate::calendar::workspace::reset_year(ws, year)?;
        }
        CalendarChoice::None => {
            store::clear_calendar_year(ws.conn(), year)?;
        }
    }
    Ok(crate::calendar::workspace::year_days(ws, year)?.working_days)
}
