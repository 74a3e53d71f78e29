//! Backup subcommands: backup, backups, restore — the same backups folder as the app's.

use super::args::{BackupArgs, RestoreArgs};
use serde_json::Value;
use std::path::PathBuf;
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::store::backup;
use targetline_core::Workspace;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))
}

fn root(args: &BackupArgs) -> Result<PathBuf> {
    args.backups
        .clone()
        .or_else(backup::app_root)
        .ok_or_else(|| {
            Error::new(
                Code::NoBackupsFolder,
                "找不到应用数据文件夹，请用 --backups 指定备份文件夹",
                "The app-data folder is unknown: name the backups folder with --backups",
            )
        })
}

pub fn backup(args: &BackupArgs) -> Result<Value> {
    let root = root(args)?;
    let ws = Workspace::open_existing_with(&args.db, Some(&root))?;
    let taken = backup::create(&ws, &root, backup::Reason::Manual)?;
    ws.close()?;
    to_json(&taken)
}

pub fn backups(args: &BackupArgs) -> Result<Value> {
    let root = root(args)?;
    if !args.db.is_file() {
        // The same message as opening it would give.
        Workspace::open_existing(&args.db)?;
    }
    to_json(&backup::list(&root, &args.db)?)
}

pub fn restore(args: &RestoreArgs) -> Result<Value> {
    let root = root(&args.at)?;
    let mut slot = Some(Workspace::open_existing_with(&args.at.db, Some(&root))?);
    backup::restore(&mut slot, &root, &args.backup)?;
    let ws = slot.expect("a restored workspace is open");
    let info = ws.info()?;
    ws.close()?;
    to_json(&info)
}
