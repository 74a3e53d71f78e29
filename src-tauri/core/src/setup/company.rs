//! The company: the root of the organisation and its name (which the user can change).

use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;
use rusqlite::OptionalExtension;

/// The root unit's id, if the organisation has one.
pub fn root_id(ws: &Workspace) -> Result<Option<i64>> {
    Ok(ws
        .conn()
        .query_row(
            "SELECT id FROM org_unit WHERE parent_id IS NULL AND kind = 'company' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The company's name: the one the user gave, else the root unit's.
pub fn name(ws: &Workspace) -> Result<Option<String>> {
    let Some(id) = root_id(ws)? else {
        return Ok(None);
    };
    if let Some(n) = ws.meta("company_name")?.filter(|n| !n.trim().is_empty()) {
        return Ok(Some(n));
    }
    Ok(Some(ws.conn().query_row(
        "SELECT name FROM org_unit WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?))
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::new(
            Code::CompanyNameEmpty,
            "请填写公司名称",
            "Enter the company's name",
        ));
    }
    if name.chars().count() > 80 || name.contains('/') {
        return Err(Error::new(
            Code::CompanyNameInvalid,
            "公司名称不能超过 80 个字，也不能含“/”",
            "The company's name must be at most 80 characters and contain no \"/\"",
        ));
    }
    Ok(name.to_string())
}

/// Names the company: creates the organisation's root when there is none, renames it otherwise.
/// Returns the root's id.
pub fn set_name(ws: &Workspace, name: &str) -> Result<i64> {
    let name = clean_name(name)?;
    let conn = ws.conn();
    atomic(conn, || {
        let id = match root_id(ws)? {
            Some(id) => {
                conn.execute(
                    "UPDATE org_unit SET name = ?2 WHERE id = ?1",
                    rusqlite::params![id, name],
                )?;
                id
            }
            None => {
                conn.execute(
                    "INSERT INTO org_unit(parent_id, kind, name, headcount) VALUES (NULL, 'company', ?1, 0)",
                    [&name],
                )?;
                conn.last_insert_rowid()
            }
        };
        ws.set_meta("company_name", &name)?;
        // An English name given with an earlier name no longer fits.
        conn.execute("DELETE FROM meta WHERE key = 'company_name_en'", [])?;
        Ok(id)
    })
}
