//! The action plan kept by hand from the command line: add an action below another (or at the
//! end), delete one with its sub-actions, indent it under the action above or outdent it. Each
//! answers with the action's id and place and the plan's outline (id, parent, title, depth).

use super::args::DbArgs;
use clap::Subcommand;
use serde_json::{json, Value};
use targetline_core::error::Result;
use targetline_core::plan::{hand, PlanView};
use targetline_core::store::Workspace;

#[derive(Subcommand, Debug)]
pub enum ActionCmd {
    /// Add an action (5 working days from today) below another, or at the end
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// The action it goes below (its id); none: at the end
        #[arg(long, value_name = "ID")]
        after: Option<i64>,
    },
    /// Delete an action with its sub-actions and links
    Delete {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "ID")]
        id: i64,
    },
    /// Indent an action under the one above it; --outdent moves it out beside its parent
    Indent {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "ID")]
        id: i64,
        #[arg(long)]
        outdent: bool,
    },
}

/// The plan's outline, depth first.
fn outline(view: &PlanView) -> Value {
    Value::Array(
        view.tasks
            .iter()
            .map(|t| json!({ "id": t.id, "parentId": t.parent_id, "depth": t.depth, "title": t.title }))
            .collect(),
    )
}

pub fn action(c: &ActionCmd) -> Result<Value> {
    match c {
        ActionCmd::Add { db, title, after } => {
            let ws = Workspace::open_existing(db)?;
            let today = targetline_core::variance::as_of(&ws)?;
            let added = hand::add_below(&ws, *after, title, today)?;
            Ok(json!({ "id": added.id, "tasks": outline(&added.view) }))
        }
        ActionCmd::Delete { db, id } => {
            let ws = Workspace::open_existing(db)?;
            let deleted = hand::remove(&ws, *id)?;
            Ok(json!({ "deleted": id, "tasks": outline(&deleted.view) }))
        }
        ActionCmd::Indent { db, id, outdent } => {
            let ws = Workspace::open_existing(db)?;
            let moved = if *outdent {
                hand::outdent(&ws, *id)?
            } else {
                hand::indent(&ws, *id)?
            };
            Ok(json!({ "id": id, "tasks": outline(&moved.view) }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{new_company, run_json};
    use serde_json::json;

    /// (id, parent, title) of each action in outline order, from an answer.
    fn rows(v: &serde_json::Value) -> Vec<(i64, Option<i64>, String)> {
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["id"].as_i64().unwrap(),
                    t["parentId"].as_i64(),
                    t["title"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn actions_are_added_indented_and_deleted_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("own.targetline");
        let db = db.to_str().unwrap();
        new_company(db);
        let add = |title: &str, after: Option<i64>| {
            let mut args = vec!["action", "add", "--db", db, "--title", title];
            let after = after.map(|a| a.to_string());
            if let Some(a) = &after {
                args.extend(["--after", a.as_str()]);
            }
            run_json(&args).unwrap()
        };
        let a = add("拜访华东大客户", None)["id"].as_i64().unwrap();
        let c = add("季度复盘", None)["id"].as_i64().unwrap();
        // Added right below the first one, above the review.
        let b = add("准备报价方案", Some(a));
        let b_id = b["id"].as_i64().unwrap();
        assert_eq!(
            rows(&b),
            [
                (a, None, "拜访华东大客户".to_string()),
                (b_id, None, "准备报价方案".to_string()),
                (c, None, "季度复盘".to_string()),
            ]
        );
        // Indented under the action above it, then out again.
        let id = b_id.to_string();
        let indented = run_json(&["action", "indent", "--db", db, "--id", &id]).unwrap();
        assert_eq!(
            rows(&indented)[1],
            (b_id, Some(a), "准备报价方案".to_string())
        );
        let out = run_json(&["action", "indent", "--db", db, "--id", &id, "--outdent"]).unwrap();
        assert_eq!(rows(&out)[1], (b_id, None, "准备报价方案".to_string()));
        // The first action has nothing above it to go under: a clear refusal, nothing moves.
        let first = a.to_string();
        let err = run_json(&["action", "indent", "--db", db, "--id", &first]).unwrap_err();
        assert_eq!(err.code.as_str(), "plan_outline_move");
        // Deleting the parent takes its sub-action with it.
        run_json(&["action", "indent", "--db", db, "--id", &id]).unwrap();
        let left = run_json(&["action", "delete", "--db", db, "--id", &first]).unwrap();
        assert_eq!(left["deleted"], json!(a));
        assert_eq!(rows(&left), [(c, None, "季度复盘".to_string())]);
        // An action that is not there is refused.
        let err = run_json(&["action", "delete", "--db", db, "--id", &first]).unwrap_err();
        assert_eq!(err.code.as_str(), "action_missing");
    }
}
