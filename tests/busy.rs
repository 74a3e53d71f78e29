//! A write that meets another connection's lock beyond the busy timeout answers `busy` with the
//! calm zh/en message the window shows as a notice (ui/js/errors.js retries it once first), and
//! the same command succeeds once the lock is gone.

mod common;

use common::{invoke, start};
use serde_json::json;
use targetline::Launch;

#[test]
fn a_write_held_up_by_another_connection_answers_busy_and_succeeds_later() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("busy.targetline");
    let launch = Launch {
        workspace: Some(ws_path.clone()),
        config_dir: Some(dir.path().join("config")),
    };
    let (_app, webview) = start(launch);
    invoke(&webview, "app_state", json!({})).unwrap();
    let batches = invoke(&webview, "import_batches", json!({})).unwrap();
    let batch = batches[0]["id"].as_i64().unwrap();

    // Another connection (as the background index rebuild does) holds the write lock.
    let other = rusqlite::Connection::open(&ws_path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = invoke(&webview, "import_undo", json!({ "batch": batch })).unwrap_err();
    assert_eq!(err["code"], "busy", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(
        [
            "工作区正忙（正在整理索引），请稍后再试",
            "The workspace is busy (rebuilding indexes); try again in a moment"
        ]
        .contains(&message),
        "{message}"
    );
    // Nothing was undone; once the lock is gone the same command goes through.
    other.execute_batch("ROLLBACK").unwrap();
    let undone = invoke(&webview, "import_undo", json!({ "batch": batch })).unwrap();
    assert_eq!(undone["batch"], batch);
}
