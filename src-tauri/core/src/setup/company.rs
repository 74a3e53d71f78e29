//! The company: the root of the organisation and its name (which the user can change).

use super::store::company as store;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::Workspace;

/// The root unit's id, if the organisation has one.
pub fn root_id(ws: &Workspace) -> Result<Option<i64>> {
    store::root_id(ws.conn())
}

/// The company's name: the one the user gave, else the root unit's.
pub fn name(ws: &Workspace) -> Result<Option<String>> {
    let Some(id) = root_id(ws)? else {
        return Ok(None);
    };
    if let Some(n) = ws.meta("company_name")?.filter(|n| !n.trim().is_empty()) {
        return Ok(Some(n));
    }
    Ok(Some(store::unit_name(ws.conn(), id)?))
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
                store::rename_root(conn, id, &name)?;
                id
            }
            None => store::insert_root(conn, &name)?,
        };
        ws.set_meta("company_name", &name)?;
        // An English name given with an earlier name no longer fits.
        store::forget_english_name(conn)?;
        Ok(id)
    })
}
