//! The app's commands through tauri's mock runtime, with the real context and capabilities.

mod common;

use common::{invoke, start};
use serde_json::{json, Value};
use targetline::Launch;

#[test]
fn commands_open_the_demo_and_switch_language() {
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("e2e.targetline");
    let launch = Launch {
        workspace: Some(ws_path.clone()),
        config_dir: Some(dir.path().join("config")),
    };
    let (_app, webview) = start(launch);

    let state = invoke(&webview, "app_state", json!({})).unwrap();
    assert_eq!(state["workspace"]["info"]["people"], 30);
    assert_eq!(state["workspace"]["path"], ws_path.display().to_string());
    assert!(state["error"].is_null());

    let headline = invoke(&webview, "dashboard_headline", json!({})).unwrap();
    let conn = rusqlite::Connection::open(&ws_path).unwrap();
    let actual: i64 = conn
        .query_row(
            "SELECT SUM(amount) FROM actual WHERE date BETWEEN '2026-01-01' AND '2026-10-15'
             AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(headline["target"], 10_000_000_000i64);
    assert_eq!(headline["actual"], actual);
    assert_eq!(
        headline["achievementBp"],
        (actual * 20_000 + 10_000_000_000) / 20_000_000_000
    );
    assert_eq!(headline["timeProgressBp"], 7782);

    let en = invoke(&webview, "set_lang", json!({ "lang": "en" })).unwrap();
    assert_eq!(en["lang"], "en");
    let saved = std::fs::read_to_string(dir.path().join("config").join("settings.json")).unwrap();
    assert!(saved.contains("\"lang\": \"en\""), "{saved}");

    // A bad argument is refused with { code, message }, in the current language.
    let err = invoke(&webview, "set_lang", json!({ "lang": "fr" })).unwrap_err();
    assert_eq!(err["code"], "bad_lang");
    assert_eq!(
        err["message"],
        "Unsupported language \"fr\": choose zh-CN or en"
    );

    // An enum-like argument with an unknown value is refused with the core's code and both
    // messages (ui/js/errors.js shows the user's); a known one passes.
    let args = |dim: &str| json!({ "node": "/", "period": "2026", "dim": dim });
    let err = invoke(&webview, "dashboard_dimension", args("colour")).unwrap_err();
    let text = err.as_str().unwrap();
    assert!(
        text.contains(r#"{"code":"bad_dimension","zh":"维度“colour”无效：应为 product_line、customer_type 或 channel","en":"Invalid dimension \"colour\""#),
        "{text}"
    );
    let channels = invoke(&webview, "dashboard_dimension", args("channel")).unwrap();
    assert!(
        channels["rows"].as_array().is_some_and(|r| !r.is_empty()),
        "{channels}"
    );
}

#[test]
fn a_newer_workspace_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.targetline");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); PRAGMA user_version = 77;",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let launch = Launch {
        workspace: Some(path.clone()),
        config_dir: Some(dir.path().join("config")),
    };
    let (_app, webview) = start(launch);
    invoke(&webview, "set_lang", json!({ "lang": "zh-CN" })).unwrap();
    let state = invoke(&webview, "app_state", json!({})).unwrap();
    assert!(state["workspace"].is_null());
    assert_eq!(state["error"]["code"], "workspace_too_new");
    assert!(
        state["error"]["message"]
            .as_str()
            .unwrap()
            .contains("更新版本"),
        "{}",
        state["error"]
    );
    let err = invoke(&webview, "dashboard_headline", json!({})).unwrap_err();
    assert_eq!(err["code"], "no_workspace");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Every command the UI names as a string: the first string argument of `call`, `run`,
/// `saveFile` and `exportFile`.
fn ui_command_names() -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from("ui/js")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("js") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for caller in ["call(", "run(", "saveFile(", "exportFile("] {
                for (at, _) in text.match_indices(caller) {
                    let rest = text[at + caller.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let name: String = rest.chars().take_while(|c| *c != '"').collect();
                    if name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        && name.contains('_')
                    {
                        names.insert(name);
                    }
                }
            }
        }
    }
    names
}

#[test]
fn the_command_table_the_capability_and_the_ui_agree() {
    let table: std::collections::BTreeSet<String> = targetline::COMMAND_NAMES
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        table.len(),
        targetline::COMMAND_NAMES.len(),
        "a command is declared twice"
    );

    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string("src-tauri/capabilities/default.json").unwrap(),
    )
    .unwrap();
    let granted: std::collections::BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let not_granted: Vec<_> = table.difference(&granted).collect();
    let granted_unknown: Vec<_> = granted.difference(&table).collect();
    assert!(
        not_granted.is_empty(),
        "commands not granted in default.json: {not_granted:?}"
    );
    assert!(
        granted_unknown.is_empty(),
        "granted but not in the table: {granted_unknown:?}"
    );

    let ui = ui_command_names();
    assert!(
        ui.len() > 50,
        "the UI's command names were not found ({})",
        ui.len()
    );
    let unknown: Vec<_> = ui.difference(&table).collect();
    assert!(
        unknown.is_empty(),
        "the UI calls commands that do not exist: {unknown:?}"
    );
}

#[test]
fn diagnostics_name_the_version_and_the_open_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let launch = Launch {
        workspace: Some(dir.path().join("support.targetline")),
        config_dir: Some(dir.path().join("config")),
    };
    let (_app, webview) = start(launch);
    let text = invoke(&webview, "diagnostics", json!({})).unwrap();
    let text = text.as_str().unwrap();
    assert!(
        text.starts_with(&format!("Targetline {}\nOS: ", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains("\nWorkspace: support.targetline\n  schema "),
        "{text}"
    );
    assert!(text.contains("org units 10, people 30,"), "{text}");
}
