//! `import`, `undo-import` and `import-batches`: the import pipeline, headless, JSON out.

use super::{usage_error, Args};
use crate::error::{Error, Lang, Result};
use crate::import::{
    self, Action, EncodingChoice, ImportKind, ImportOptions, NumberFormat, Resolutions,
};
use crate::store::Workspace;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new("internal", e.to_string(), e.to_string()))
}

/// Reads the options shared by the import commands.
pub fn options(args: &mut Args) -> Result<ImportOptions> {
    let kind = match args.value("--kind")? {
        Some(k) => ImportKind::parse(&k)
            .ok_or_else(|| usage_error("--kind takes actuals, targets or org"))?,
        None => ImportKind::Actuals,
    };
    let encoding = match args.value("--encoding")? {
        Some(e) => EncodingChoice::parse(&e)
            .ok_or_else(|| usage_error("--encoding takes auto, utf-8, gbk or utf-16"))?,
        None => EncodingChoice::Auto,
    };
    let number_format = match args.value("--number-format")?.as_deref() {
        None | Some("auto") => NumberFormat::Auto,
        Some("point") | Some("1,234.5") => NumberFormat::PointDecimal,
        Some("comma") | Some("1.234,5") => NumberFormat::CommaDecimal,
        Some(_) => {
            return Err(usage_error(
                "--number-format takes auto, point (1,234.5) or comma (1.234,5)",
            ))
        }
    };
    let delimiter = match args.value("--delimiter")?.as_deref() {
        None => None,
        Some("tab") | Some("\\t") => Some('\t'),
        Some(",") | Some("comma") => Some(','),
        Some(";") | Some("semicolon") => Some(';'),
        Some(_) => return Err(usage_error("--delimiter takes comma, tab or semicolon")),
    };
    let overrides = match args.value("--map")? {
        Some(m) => import::mapping::parse_overrides(&m)?,
        None => Vec::new(),
    };
    let mut opts = ImportOptions {
        kind,
        encoding,
        delimiter,
        number_format,
        overrides,
        template: args.value("--mapping")?,
        sheet: args.value("--sheet")?,
        ..ImportOptions::default()
    };
    if let Some(m) = args.value("--metric")? {
        opts.metric_code = m;
    }
    Ok(opts)
}

/// `import --db FILE --kind K [options] PATH`: unknown people/products/customers are skipped and
/// listed under "unresolved" unless `--create-unknown` creates them.
pub fn import(args: &mut Args, lang: Lang) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    let opts = options(args)?;
    let create = args.flag("--create-unknown");
    let save_as = args.value("--save-mapping")?;
    let path = PathBuf::from(
        args.positional()
            .ok_or_else(|| usage_error("import needs the file to import"))?,
    );
    args.finish()?;
    let mut ws = Workspace::open_existing(&db)?;
    let resolutions = Resolutions {
        items: Vec::new(),
        otherwise: Some(if create { Action::Create } else { Action::Skip }),
    };
    let cancel = AtomicBool::new(false);
    let s = import::commit(
        &mut ws,
        &path,
        &opts,
        &resolutions,
        &mut import::no_progress,
        &cancel,
    )?;
    if let Some(name) = save_as {
        let preview = import::preview(
            &ws,
            &path,
            &ImportOptions {
                preview_rows: 0,
                ..opts.clone()
            },
            &mut import::no_progress,
            &cancel,
        )?;
        import::save_mapping(
            ws.conn(),
            &name,
            opts.kind,
            &preview.headers,
            &preview.mapping,
        )?;
    }
    let errors: Vec<Value> = s
        .errors
        .iter()
        .map(|e| json!({"row": e.row, "column": e.column, "message": e.message(lang)}))
        .collect();
    Ok(json!({
        "batch": s.batch,
        "alreadyImported": s.already_imported,
        "kind": s.kind,
        "file": s.file_name,
        "sha256": s.sha256,
        "encoding": s.encoding,
        "sheet": s.sheet,
        "rows": s.rows,
        "inserted": s.inserted,
        "duplicates": s.duplicates,
        "skipped": s.skipped,
        "errorRows": s.error_rows,
        "errors": errors,
        "unresolved": to_json(&s.unresolved)?,
        "created": to_json(&s.created)?,
    }))
}

/// `import-preview --db FILE --kind K [options] PATH`: what an import would do, writing nothing.
pub fn preview(args: &mut Args) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    let mut opts = options(args)?;
    if let Some(n) = args.value("--rows")? {
        opts.preview_rows = n
            .parse()
            .map_err(|_| usage_error("--rows takes a whole number"))?;
    }
    let path = PathBuf::from(
        args.positional()
            .ok_or_else(|| usage_error("import-preview needs the file"))?,
    );
    args.finish()?;
    let ws = Workspace::open_existing(&db)?;
    let p = import::preview(
        &ws,
        &path,
        &opts,
        &mut import::no_progress,
        &AtomicBool::new(false),
    )?;
    to_json(&p)
}

pub fn undo(args: &mut Args) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    let batch: i64 = args
        .required("--batch")?
        .parse()
        .map_err(|_| usage_error("--batch takes a batch id"))?;
    args.finish()?;
    let mut ws = Workspace::open_existing(&db)?;
    to_json(&import::undo(&mut ws, batch)?)
}

pub fn batches(args: &mut Args) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    args.finish()?;
    to_json(&import::list_batches(&Workspace::open_existing(&db)?)?)
}
