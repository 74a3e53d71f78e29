//! Durability through the app's commands on tauri's mock runtime: leaving the app leaves the
//! main file complete, other names of the open file are refused, backups restore.

mod common;

use common::{invoke, start};
use serde_json::json;
use std::path::Path;
use targetline::Launch;

fn launch(dir: &Path) -> Launch {
    Launch {
        workspace: Some(dir.join("w.targetline")),
        config_dir: Some(dir.join("config")),
    }
}

fn wal(path: &Path) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push("-wal");
    s.into()
}

#[test]
fn after_the_window_closes_the_main_file_alone_holds_the_last_edit() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.targetline");
    let (app, webview) = start(launch(dir.path()));
    invoke(
        &webview,
        "calendar_set_day",
        json!({ "date": "2026-11-11", "kind": "holiday", "nameZh": "双十一", "nameEn": "Singles' Day" }),
    )
    .unwrap();
    assert!(
        wal(&ws_path).metadata().map(|m| m.len()).unwrap_or(0) > 0,
        "the edit sits in the log before the app exits"
    );

    // The real app ends with process::exit, which drops nothing: keep the state alive here too,
    // so only the exit handler can have closed the workspace.
    let alive = tauri::Manager::state::<targetline::Shared>(&app)
        .inner()
        .clone();
    // Closing the last window once the loop runs ends it: ExitRequested, then Exit.
    app.run_return(move |app, event| {
        if let tauri::RunEvent::Ready = event {
            webview.destroy().unwrap();
        }
        targetline::on_run_event(app, &event);
    });

    let log = wal(&ws_path);
    assert!(!log.exists() || log.metadata().unwrap().len() == 0);
    let alone = dir.path().join("mailed.targetline");
    std::fs::copy(&ws_path, &alone).unwrap();
    let conn = rusqlite::Connection::open(&alone).unwrap();
    let day: (String, String) = conn
        .query_row(
            "SELECT kind, name_zh FROM calendar_day WHERE date = '2026-11-11'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(day, ("holiday".to_string(), "双十一".to_string()));
    // The session changed the workspace: a close backup was taken besides the daily open one.
    let folder = std::fs::read_dir(dir.path().join("config").join("backups"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut reasons: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|n| {
            n.trim_end_matches(".targetline")
                .rsplit('-')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    reasons.sort();
    assert_eq!(reasons, ["close", "open"]);
    drop(alive);
}

#[test]
fn other_names_of_the_open_file_and_foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.targetline");
    let (_app, webview) = start(launch(dir.path()));
    let answer = dir.path().join("dialog-answer.txt");
    // The only test of this binary that answers file dialogs.
    std::env::set_var("TARGETLINE_E2E_DIALOG_FILE", &answer);
    let files = |p: &Path| {
        (
            std::fs::read(p).unwrap(),
            std::fs::read(wal(p)).unwrap_or_default(),
        )
    };
    let before = files(&ws_path);

    let mut names = vec![dir.path().join("sub").join("..").join("w.targetline")];
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    #[cfg(unix)]
    {
        let link = dir.path().join("link.targetline");
        std::os::unix::fs::symlink(&ws_path, &link).unwrap();
        names.push(link);
    }
    let upper = dir.path().join("W.targetline");
    if upper.exists() {
        names.push(upper); // a case-insensitive volume
    }
    for name in &names {
        std::fs::write(&answer, name.display().to_string()).unwrap();
        let new = invoke(&webview, "workspace_new", json!({})).unwrap_err();
        assert_eq!(new["code"], "workspace_in_use", "{}", name.display());
        let copy = invoke(&webview, "workspace_save_copy", json!({})).unwrap_err();
        assert_eq!(copy["code"], "copy_onto_itself", "{}", name.display());
        assert!(files(&ws_path) == before, "{}", name.display());
    }

    // Another app's SQLite database (user_version 0) is refused and keeps every byte.
    let foreign = dir.path().join("contacts.targetline");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('赵六');",
        )
        .unwrap();
    }
    let foreign_bytes = std::fs::read(&foreign).unwrap();
    std::fs::write(&answer, foreign.display().to_string()).unwrap();
    let open = invoke(&webview, "workspace_open", json!({})).unwrap_err();
    assert_eq!(open["code"], "not_a_workspace");
    assert_eq!(std::fs::read(&foreign).unwrap(), foreign_bytes);
    let state = invoke(&webview, "app_state", json!({})).unwrap();
    assert_eq!(state["workspace"]["path"], ws_path.display().to_string());
}

#[test]
fn a_backup_restores_the_counts_it_listed() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.targetline");
    let (_app, webview) = start(launch(dir.path()));
    let listed = invoke(&webview, "workspace_backups", json!({})).unwrap();
    let backups = listed.as_array().unwrap();
    assert_eq!(backups.len(), 1, "the daily backup on open");
    assert_eq!(backups[0]["reason"], "open");
    let id = backups[0]["id"].as_str().unwrap().to_string();
    let sum = |p: &Path| -> (i64, i64) {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("SELECT COUNT(*), SUM(amount) FROM actual", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };
    let before = sum(&ws_path);
    assert_eq!(backups[0]["counts"]["actuals"], before.0);

    rusqlite::Connection::open(&ws_path)
        .unwrap()
        .execute("DELETE FROM actual WHERE id % 2 = 0", [])
        .unwrap();
    assert!(sum(&ws_path).0 < before.0);

    let state = invoke(&webview, "workspace_restore", json!({ "id": id })).unwrap();
    assert_eq!(state["workspace"]["info"]["actuals"], before.0);
    assert_eq!(sum(&ws_path), before);
    let after = invoke(&webview, "workspace_backups", json!({})).unwrap();
    let reasons: Vec<&str> = after
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["restore", "open"]);
    let bad = invoke(&webview, "workspace_restore", json!({ "id": "../w" })).unwrap_err();
    assert_eq!(bad["code"], "backup_not_found");
}
