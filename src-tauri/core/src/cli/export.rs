//! `export` subcommand: a table of the dashboard as CSV (UTF-8 with BOM) or XLSX.

use super::Args;
use crate::error::{Error, Lang, Result};
use crate::export::{export_table, variance_table, TableFormat};
use crate::store::Workspace;
use crate::variance::Engine;
use serde_json::{json, Value};
use std::path::PathBuf;

pub fn export(args: &mut Args, lang: Lang) -> Result<Value> {
    let table = args.required("--table")?;
    let out = PathBuf::from(args.required("--out")?);
    TableFormat::from_path(&out)?;
    let (db, q) = super::variance::query(args)?;
    args.finish()?;
    let ws = Workspace::open_existing(&db)?;
    let engine = Engine::new(&ws)?;
    let t = match table.as_str() {
        "variance" => variance_table(&engine.variance(&q)?, lang),
        other => {
            return Err(Error::new(
                "bad_export_table",
                format!("无法导出“{other}”：目前可导出的表为 variance"),
                format!("Cannot export \"{other}\": the table that can be exported is variance"),
            ))
        }
    };
    export_table(&t, &out)?;
    Ok(
        json!({ "out": out.display().to_string(), "table": table, "rows": t.rows.len(), "lang": lang.tag() }),
    )
}
