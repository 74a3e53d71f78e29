//! `commitments list|undo|redo`: the commitment sheets imported into a workspace, each a stored
//! batch that can be undone and redone in a later session (refused once the plan was approved
//! or its targets revised since).

use super::args::DbArgs;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::path::PathBuf;
use targetline_core::error::Result;
use targetline_core::store::Workspace;
use targetline_core::targets::commitments;

#[derive(Subcommand, Debug)]
pub enum CommitmentsCmd {
    /// Every imported commitment sheet, oldest first
    List(DbArgs),
    /// Undo one imported sheet (its commitments go back to what they were)
    Undo(BatchArgs),
    /// Redo an undone imported sheet
    Redo(BatchArgs),
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    #[arg(long, value_name = "N")]
    pub batch: i64,
}

pub fn commitments(cmd: &CommitmentsCmd) -> Result<Value> {
    match cmd {
        CommitmentsCmd::List(a) => Ok(json!(commitments::batches(&Workspace::open_existing(
            &a.db
        )?)?)),
        CommitmentsCmd::Undo(a) => undo_redo(a, true),
        CommitmentsCmd::Redo(a) => undo_redo(a, false),
    }
}

fn undo_redo(a: &BatchArgs, undo: bool) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    Ok(json!(commitments::undo_redo_batch(&ws, a.batch, undo)?))
}

#[cfg(test)]
mod tests {
    use crate::cmd::{run_json, run_text};

    #[test]
    fn commitment_imports_are_listed_and_an_unknown_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        let out = dir.path().to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        assert_eq!(
            run_json(&["commitments", "list", "--db", db]).unwrap(),
            serde_json::json!([])
        );
        // An exported sheet imported untouched changes nothing: no batch is stored.
        let files = run_json(&[
            "targets",
            "commitments-export",
            "--db",
            db,
            "--node",
            "/华东/华东一组",
            "--out",
            out,
        ])
        .unwrap();
        let team = files[0]["path"].as_str().unwrap();
        let taken = run_json(&["targets", "commitments-import", "--db", db, team]).unwrap();
        assert_eq!(taken[0]["batch"], serde_json::Value::Null);
        assert_eq!(
            run_json(&["commitments", "list", "--db", db]).unwrap(),
            serde_json::json!([])
        );
        let err = run_text(&["commitments", "undo", "--db", db, "--batch", "7"], "").unwrap_err();
        assert_eq!(err.code, "commitments_batch_not_found");
        assert!(
            err.zh.contains('7') && err.en.contains("numbered 7"),
            "{}",
            err.en
        );
    }
}
