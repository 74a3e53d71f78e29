//! Workspace subcommands: demo, info, headline.

use super::args::{DbArgs, DemoArgs};
use serde_json::Value;
use std::path::PathBuf;
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::store::Workspace;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))
}

pub fn demo(args: &DemoArgs) -> Result<Value> {
    let db = &args.db;
    let seed = args.seed.unwrap_or(targetline_core::demo::DEFAULT_SEED);
    if db.exists() {
        if !args.force {
            return Err(Error::new(
                Code::Exists,
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
    let mut ws = Workspace::open(db)?;
    targetline_core::demo::create_demo(&mut ws, seed)?;
    info_of(&ws)
}

pub fn info(args: &DbArgs) -> Result<Value> {
    info_of(&Workspace::open_existing(&args.db)?)
}

/// What `info` prints (and `demo` after creating): the counts, the company and its plan years.
fn info_of(ws: &Workspace) -> Result<Value> {
    let mut v = to_json(&ws.info()?)?;
    let setup = targetline_core::setup::status(ws)?;
    v["company"] = to_json(&setup.company)?;
    v["planYears"] = to_json(&setup.plan_years)?;
    Ok(v)
}

pub fn headline(args: &DbArgs) -> Result<Value> {
    let ws = Workspace::open_existing(&args.db)?;
    let year = targetline_core::setup::plan_year::selected_year(&ws)?;
    to_json(&targetline_core::variance::company_headline(&ws, year)?)
}
