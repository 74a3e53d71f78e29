//! `variance` and `chart` subcommands: the dashboard's figures as JSON, and its charts as files.

use super::Args;
use crate::chart::{self, ChartKind, Format};
use crate::error::{Lang, Result};
use crate::store::Workspace;
use crate::variance::{Engine, VarianceQuery};
use serde_json::{json, Value};
use std::path::PathBuf;

/// `--db`, `--node`, `--period`, `--metric` (revenue), `--dim product_line:saas`.
pub(crate) fn query(args: &mut Args) -> Result<(PathBuf, VarianceQuery)> {
    let db = PathBuf::from(args.required("--db")?);
    let node = args.value("--node")?.unwrap_or_else(|| "/".into());
    let period = args.required("--period")?;
    let metric = args.value("--metric")?.unwrap_or_else(|| "revenue".into());
    let dimension = match args.value("--dim")? {
        None => None,
        Some(d) => match d.split_once(':') {
            Some((dim, code)) => Some((dim.to_string(), code.to_string())),
            None => {
                return Err(super::usage_error(
                    "--dim takes dim:code, e.g. product_line:saas",
                ))
            }
        },
    };
    Ok((
        db,
        VarianceQuery {
            metric,
            node,
            period,
            dimension,
        },
    ))
}

pub fn variance(args: &mut Args) -> Result<Value> {
    let (db, q) = query(args)?;
    args.finish()?;
    let ws = Workspace::open_existing(&db)?;
    Ok(Engine::new(&ws)?.variance(&q)?.to_json())
}

pub fn chart(args: &mut Args, lang: Lang) -> Result<Value> {
    let kind = ChartKind::parse(&args.required("--kind")?)?;
    let out = PathBuf::from(args.required("--out")?);
    let format = Format::from_path(&out)?;
    let (db, q) = query(args)?;
    args.finish()?;
    let ws = Workspace::open_existing(&db)?;
    let bytes = chart::render_chart(&Engine::new(&ws)?, kind, &q, lang, format)?;
    std::fs::write(&out, &bytes)?;
    Ok(
        json!({ "out": out.display().to_string(), "kind": kind.code(), "bytes": bytes.len(), "lang": lang.tag() }),
    )
}
