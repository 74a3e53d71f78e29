//! `export` subcommand: a table of the dashboard as CSV (UTF-8 with BOM) or XLSX.

use super::Args;
use crate::dashboard::{view_table, ViewTable};
use crate::error::{Lang, Result};
use crate::export::{export_table, variance_table, TableFormat};
use crate::store::Workspace;
use crate::variance::Engine;
use serde_json::{json, Value};
use std::path::PathBuf;

pub fn export(args: &mut Args, lang: Lang) -> Result<Value> {
    let table = args.required("--table")?;
    let by = args.value("--by")?;
    let out = PathBuf::from(args.required("--out")?);
    TableFormat::from_path(&out)?;
    let (db, q) = super::variance::query(args)?;
    args.finish()?;
    let ws = Workspace::open_existing(&db)?;
    let engine = Engine::new(&ws)?;
    // The variance table follows --metric and --dim; the others are the dashboard's (revenue).
    let t = match ViewTable::parse(&table, by.as_deref())? {
        ViewTable::Variance => variance_table(&engine.variance(&q)?, lang),
        other => view_table(&engine, &q.node, &q.period, &other, lang)?,
    };
    export_table(&t, &out)?;
    Ok(
        json!({ "out": out.display().to_string(), "table": table, "rows": t.rows.len(), "lang": lang.tag() }),
    )
}
