//! `import`, `undo-import`, `redo-import` and `import-batches`: the import pipeline, headless, JSON out.

use super::args::{DbArgs, ImportArgs, ImportFileArgs, PreviewArgs, UndoArgs};
use super::usage_error;
use serde_json::{json, Value};
use std::sync::atomic::AtomicBool;
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang, Result};
use targetline_core::import::{
    self, Action, EncodingChoice, ImportKind, ImportOptions, NumberFormat, Resolutions,
};
use targetline_core::store::Workspace;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))
}

/// Reads the options shared by the import commands.
pub fn options(args: &ImportFileArgs) -> Result<ImportOptions> {
    let kind = match &args.kind {
        Some(k) => ImportKind::parse(k)
            .ok_or_else(|| usage_error("--kind takes actuals, targets or org"))?,
        None => ImportKind::Actuals,
    };
    let encoding = match &args.encoding {
        Some(e) => EncodingChoice::parse(e).ok_or_else(|| {
            usage_error(
                "--encoding takes auto, utf-8, gbk, utf-16, big5, shift_jis or windows-1252",
            )
        })?,
        None => EncodingChoice::Auto,
    };
    let number_format = match args.number_format.as_deref() {
        None | Some("auto") => NumberFormat::Auto,
        Some("point") | Some("1,234.5") => NumberFormat::PointDecimal,
        Some("comma") | Some("1.234,5") => NumberFormat::CommaDecimal,
        Some(_) => {
            return Err(usage_error(
                "--number-format takes auto, point (1,234.5) or comma (1.234,5)",
            ))
        }
    };
    let delimiter = match args.delimiter.as_deref() {
        None => None,
        Some("tab") | Some("\\t") => Some('\t'),
        Some(",") | Some("comma") => Some(','),
        Some(";") | Some("semicolon") => Some(';'),
        Some(_) => return Err(usage_error("--delimiter takes comma, tab or semicolon")),
    };
    let overrides = match &args.map {
        Some(m) => import::mapping::parse_overrides(m)?,
        None => Vec::new(),
    };
    let mut opts = ImportOptions {
        kind,
        encoding,
        delimiter,
        number_format,
        overrides,
        template: args.mapping.clone(),
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        ..ImportOptions::default()
    };
    if let Some(m) = &args.metric {
        opts.metric_code = m.clone();
    }
    Ok(opts)
}

/// `import --db FILE --kind K [options] PATH`: unknown customers, product lines, customer types
/// and channels are created; unknown people are skipped and listed under "unresolved" (with their
/// amount) unless `--create-unknown` creates them under the team their rows name.
pub fn import(args: &ImportArgs, lang: Lang) -> Result<Value> {
    let opts = options(&args.file)?;
    let create = args.create_unknown;
    let path = &args.file.path;
    let mut ws = Workspace::open_existing(&args.file.db)?;
    let resolutions = Resolutions {
        items: Vec::new(),
        otherwise: create.then_some(Action::Create),
    };
    let cancel = AtomicBool::new(false);
    let s = import::commit(
        &mut ws,
        path,
        &opts,
        &resolutions,
        &mut import::no_progress,
        &cancel,
    )?;
    if let Some(name) = &args.save_mapping {
        let preview = import::preview(
            &ws,
            path,
            &ImportOptions {
                preview_rows: 0,
                ..opts.clone()
            },
            &resolutions,
            &mut import::no_progress,
            &cancel,
        )?;
        import::save_mapping(
            ws.conn(),
            name,
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
        "money": to_json(&s.money)?,
    }))
}

/// `import-preview --db FILE --kind K [options] PATH`: what an import would do, writing nothing.
pub fn preview(args: &PreviewArgs) -> Result<Value> {
    let mut opts = options(&args.file)?;
    if let Some(n) = args.rows {
        opts.preview_rows = n;
    }
    let path = &args.file.path;
    let ws = Workspace::open_existing(&args.file.db)?;
    let p = import::preview(
        &ws,
        path,
        &opts,
        &Resolutions::default(),
        &mut import::no_progress,
        &AtomicBool::new(false),
    )?;
    to_json(&p)
}

pub fn undo(args: &UndoArgs) -> Result<Value> {
    let mut ws = Workspace::open_existing(&args.db)?;
    to_json(&import::undo(&mut ws, args.batch)?)
}

pub fn redo(args: &UndoArgs) -> Result<Value> {
    let mut ws = Workspace::open_existing(&args.db)?;
    to_json(&import::redo(&mut ws, args.batch)?)
}

pub fn batches(args: &DbArgs) -> Result<Value> {
    to_json(&import::list_batches(&Workspace::open_existing(&args.db)?)?)
}

#[cfg(test)]
mod tests {
    use targetline_core::store::Workspace;

    use crate::cmd::run_json as cli;

    #[test]
    fn import_and_undo_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.targetline");
        {
            let ws = Workspace::open(&db).unwrap();
            ws.conn()
                .execute_batch(
                    "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
                       VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
                     INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', '公司');
                     INSERT INTO org_unit(id, parent_id, kind, name) VALUES (2, 1, 'person', '张三');",
                )
                .unwrap();
        }
        let csv = dir.path().join("gbk.csv");
        let text = "经手日期,经手人,成交额\n2026-03-01,张三,\"￥1,234.50\"\n2026-03-02,钱七,5\n2026-03-03,张三,x\n";
        std::fs::write(&csv, encoding_rs::GBK.encode(text).0).unwrap();
        let (db_s, csv_s) = (db.to_str().unwrap(), csv.to_str().unwrap());
        let v = cli(&[
            "import",
            "--db",
            db_s,
            "--kind",
            "actuals",
            "--map",
            "经手日期=date,经手人=person,成交额=amount",
            "--lang",
            "en",
            csv_s,
        ])
        .unwrap();
        assert_eq!(
            (
                &v["batch"],
                &v["encoding"],
                &v["rows"],
                &v["inserted"],
                &v["skipped"],
                &v["errorRows"]
            ),
            (
                &serde_json::json!(1),
                &serde_json::json!("GBK"),
                &serde_json::json!(3),
                &serde_json::json!(1),
                &serde_json::json!(1),
                &serde_json::json!(1)
            )
        );
        assert_eq!(
            v["errors"][0],
            serde_json::json!({"row": 4, "column": "成交额", "message": "\"x\" is not a number"})
        );
        assert_eq!(v["unresolved"][0]["value"], "钱七");
        let again = cli(&[
            "import",
            "--db",
            db_s,
            "--map",
            "经手日期=date,经手人=person,成交额=amount",
            csv_s,
        ])
        .unwrap();
        assert_eq!(
            (&again["alreadyImported"], &again["inserted"]),
            (&serde_json::json!(true), &serde_json::json!(0))
        );
        let batches = cli(&["import-batches", "--db", db_s]).unwrap();
        assert_eq!(batches[0]["fileName"], "gbk.csv");
        let u = cli(&["undo-import", "--db", db_s, "--batch", "1"]).unwrap();
        assert_eq!(u["actuals"], 1);
        // Redo puts the line back exactly (1,234.50 yuan), and only once.
        let sum = || -> i64 {
            Workspace::open_existing(&db)
                .unwrap()
                .conn()
                .query_row("SELECT IFNULL(SUM(amount), 0) FROM actual", [], |r| {
                    r.get(0)
                })
                .unwrap()
        };
        assert_eq!(sum(), 0);
        let r = cli(&["redo-import", "--db", db_s, "--batch", "1"]).unwrap();
        assert_eq!(r["actuals"], 1);
        assert_eq!(sum(), 123_450);
        let twice = cli(&["redo-import", "--db", db_s, "--batch", "1"]).unwrap_err();
        assert_eq!(twice.code, "import_batch_not_undone");
        cli(&["undo-import", "--db", db_s, "--batch", "1"]).unwrap();
        let created = cli(&[
            "import",
            "--db",
            db_s,
            "--create-unknown",
            "--map",
            "经手日期=date,经手人=person,成交额=amount",
            csv_s,
        ])
        .unwrap();
        // 钱七's rows name no team: he is not put at the company root, his row is skipped and
        // shown with its amount.
        assert_eq!(
            (
                &created["inserted"],
                &created["unresolved"][0]["value"],
                &created["unresolved"][0]["amount"],
                &created["money"]["fileTotal"]
            ),
            (
                &serde_json::json!(1),
                &serde_json::json!("钱七"),
                &serde_json::json!(500),
                &serde_json::json!(123_450 + 500)
            )
        );
        let missing = cli(&[
            "import",
            "--db",
            db_s,
            dir.path().join("nope.csv").to_str().unwrap(),
        ])
        .unwrap_err();
        assert_eq!(missing.code, "import_io");
        assert!(missing.en.contains("nope.csv"), "{}", missing.en);
        assert_eq!(
            cli(&["import", "--db", db_s, "--kind", "sales", csv_s])
                .unwrap_err()
                .code,
            "usage"
        );
    }
}
