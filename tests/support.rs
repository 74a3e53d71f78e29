//! Supportability through Tauri's mock runtime: a panic lands in the log file with its
//! backtrace, and the window is sent a friendly message instead of the panic text.

use std::sync::mpsc;
use std::time::Duration;
use targetline::Launch;
use tauri::{Listener, Manager};

#[test]
fn a_panic_is_logged_with_its_backtrace_and_the_window_gets_a_friendly_message() {
    let dir = tempfile::tempdir().unwrap();
    let launch = Launch {
        workspace: Some(dir.path().join("panic.targetline")),
        config_dir: Some(dir.path().join("config")),
    };
    let mut app = targetline::builder(tauri::test::mock_builder(), launch)
        .build(targetline::context())
        .unwrap();
    // The first turn of the event loop runs the setup: the log and the panic hook start there.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let (tx, rx) = mpsc::channel();
    app.listen_any("app-error", move |e| {
        let _ = tx.send(e.payload().to_string());
    });

    let marker = format!("support-test-panic-{}", std::process::id());
    let message = marker.clone();
    let panicked = std::thread::spawn(move || panic!("{message}")).join();
    assert!(panicked.is_err());

    let payload: serde_json::Value =
        serde_json::from_str(&rx.recv_timeout(Duration::from_secs(5)).unwrap()).unwrap();
    assert_eq!(payload["code"], "internal_panic");
    let shown = payload["message"].as_str().unwrap();
    assert!(
        shown.contains("已记录到日志") || shown.contains("written to the log"),
        "{shown}"
    );
    assert!(
        !shown.contains(&marker),
        "no raw panic text reaches the user"
    );

    let log_file = app.path().app_log_dir().unwrap().join("targetline.log");
    let log = std::fs::read_to_string(&log_file).unwrap();
    let at = log.find(&marker).expect("the panic is in the log");
    let line_start = log[..at].rfind('\n').map_or(0, |i| i + 1);
    // One line: where and what, so Help → Copy diagnostics shows it among the last errors.
    let head = &log[line_start..at];
    assert!(
        head.contains("[targetline::panic][ERROR] panicked at tests/support.rs:")
            && head.ends_with(": "),
        "{head}"
    );
    // The backtrace follows: it names the function that panicked.
    assert!(
        log[at..].contains(
            "a_panic_is_logged_with_its_backtrace_and_the_window_gets_a_friendly_message"
        ),
        "no backtrace after the panic in {}",
        log_file.display()
    );
}
