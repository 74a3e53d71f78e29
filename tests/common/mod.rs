//! What the command tests share: the app on tauri's mock runtime with the real context and
//! capabilities, and a way to call its commands as the window does.
#![allow(dead_code)]

use serde_json::Value;
use targetline::Launch;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

pub fn invoke(
    webview: &tauri::WebviewWindow<Mock>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

pub type Mock = tauri::test::MockRuntime;

/// Builds the app on the mock runtime with the real context, and its main window.
pub fn start(launch: Launch) -> (tauri::App<Mock>, tauri::WebviewWindow<Mock>) {
    let mut app = targetline::builder(mock_builder(), launch)
        .build(targetline::context())
        .unwrap();
    // The first turn of the event loop runs the app's setup (state, menu, main window).
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let webview = match app.get_webview_window("main") {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap(),
    };
    (app, webview)
}
