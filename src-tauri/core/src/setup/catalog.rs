//! The assistant's catalog steps: the product lines, customer types and channels a company sells
//! by (typed, or pasted from a spreadsheet column), and its working calendar (the official
//! mainland-China holidays, or plain Monday–Friday weeks).

use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// The dimensions a user lists members of.
pub const DIMENSIONS: [&str; 3] = ["product_line", "customer_type", "channel"];

/// One member of a dimension as the assistant lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub dim: String,
    pub name: String,
}

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

fn check_dim(dim: &str) -> Result<()> {
    if DIMENSIONS.contains(&dim) {
        return Ok(());
    }
    Err(Error::new(
        "dimension_unknown",
        format!("没有“{dim}”这个维度：应为产品线、客户类型或渠道"),
        format!("There is no dimension \"{dim}\": expected product line, customer type or channel"),
    ))
}

/// Adds the names in `text` to `dim` (those it has already are kept as they are). Returns the
/// number added.
pub fn add_members(ws: &Workspace, dim: &str, text: &str) -> Result<usize> {
    check_dim(dim)?;
    let names = names_in(text);
    if let Some(long) = names.iter().find(|n| n.chars().count() > 60) {
        return Err(Error::new(
            "dimension_name_too_long",
            format!("“{long}”太长：名称不超过 60 个字"),
            format!("\"{long}\" is too long: a name has at most 60 characters"),
        ));
    }
    let conn = ws.conn();
    atomic(conn, || {
        let mut added = 0;
        for name in &names {
            let known: i64 = conn.query_row(
                "SELECT COUNT(*) FROM dimension_member WHERE dim = ?1 AND (code = ?2 OR name_zh = ?2 OR name_en = ?2)",
                params![dim, name],
                |r| r.get(0),
            )?;
            if known > 0 {
                continue;
            }
            conn.execute(
                "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort)
                 VALUES (?1, ?2, ?2, ?2, (SELECT IFNULL(MAX(sort), -1) + 1 FROM dimension_member WHERE dim = ?1))",
                params![dim, name],
            )?;
            added += 1;
        }
        Ok(added)
    })
}

/// Every member of the three dimensions, in their order.
pub fn members(ws: &Workspace) -> Result<Vec<Member>> {
    let mut st = ws.conn().prepare(
        "SELECT dim, name_zh FROM dimension_member WHERE dim IN ('product_line','customer_type','channel')
         ORDER BY dim, sort, id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Member {
            dim: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
            ws.conn().execute(
                "DELETE FROM calendar_day WHERE date >= ?1 AND date <= ?2",
                params![format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            )?;
        }
    }
    Ok(crate::calendar::workspace::year_days(ws, year)?.working_days)
}
