//! Workspace subcommands: demo, info, headline.

use super::Args;
use crate::error::{Error, Result};
use crate::store::Workspace;
use serde_json::Value;
use std::path::PathBuf;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new("internal", e.to_string(), e.to_string()))
}

pub fn demo(args: &mut Args) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    let force = args.flag("--force");
    let seed = match args.value("--seed")? {
        Some(s) => s
            .parse()
            .map_err(|_| super::usage_error("--seed takes a whole number"))?,
        None => crate::demo::DEFAULT_SEED,
    };
    args.finish()?;
    if db.exists() {
        if !force {
            return Err(Error::new(
                "exists",
                format!("文件“{}”已存在；如要覆盖请加 --force", db.display()),
                format!(
                    "\"{}\" already exists; pass --force to overwrite it",
                    db.display()
                ),
            ));
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    let mut ws = Workspace::open(&db)?;
    crate::demo::create_demo(&mut ws, seed)?;
    to_json(&ws.info()?)
}

pub fn info(args: &mut Args) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    args.finish()?;
    to_json(&Workspace::open_existing(&db)?.info()?)
}

pub fn headline(args: &mut Args) -> Result<Value> {
    let db = PathBuf::from(args.required("--db")?);
    args.finish()?;
    let ws = Workspace::open_existing(&db)?;
    to_json(&crate::variance::company_headline(&ws)?)
}
