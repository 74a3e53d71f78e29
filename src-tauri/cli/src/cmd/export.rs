//! `export` subcommand: a table of the dashboard as CSV (UTF-8 with BOM) or XLSX.

use super::args::ExportArgs;
use serde_json::{json, Value};
use targetline_core::dashboard::{view_table, ViewTable};
use targetline_core::error::{Lang, Result};
use targetline_core::export::{export_table, variance_table, TableFormat};
use targetline_core::store::Workspace;
use targetline_core::variance::Engine;

pub fn export(args: &ExportArgs, lang: Lang) -> Result<Value> {
    let (table, out) = (&args.table, &args.out);
    TableFormat::from_path(out)?;
    let q = super::variance::query(&args.query)?;
    let ws = Workspace::open_existing(&args.query.db)?;
    let engine = Engine::new(&ws)?;
    // The variance table follows --metric and --dim; the others are the dashboard's (revenue).
    let t = match ViewTable::new(*table, args.by) {
        ViewTable::Variance => variance_table(&engine.variance(&q)?, lang),
        other => view_table(&engine, &q.node, &q.period, &other, lang)?,
    };
    export_table(&t, out)?;
    Ok(
        json!({ "out": out.display().to_string(), "table": table.code(), "rows": t.rows.len(), "lang": lang.tag() }),
    )
}
