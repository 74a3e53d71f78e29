//! Leaving the app leaves everything in the workspace file: after an edit typed with real keys in
//! a new workspace, each way out a person takes (Ctrl+Q, closing the window by its ×, File → Quit
//! clicked in the native menu bar) ends the process, the write-ahead log is gone or empty, and a
//! copy of the main file alone (without its -wal) holds the edit.

use super::{env, new_workspace_without_assistant, section};
use crate::webdriver::keys;
use crate::x11::X;
use std::path::Path;
use std::time::{Duration, Instant};

/// The ids of running processes whose command line mentions `needle` (our own config folder).
fn processes_naming(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains(needle) {
            found.push(pid);
        }
    }
    found
}

fn wait_for_exit(needle: &str) {
    let start = Instant::now();
    while !processes_naming(needle).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the app is still running 30 s after it was asked to quit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The company name stored in a copy of `db` taken without its -wal.
fn company_in_file_alone(db: &Path, dir: &Path) -> Option<String> {
    let copy = dir.join("alone.targetline");
    std::fs::copy(db, &copy).unwrap();
    assert!(!dir.join("alone.targetline-wal").exists());
    let conn =
        rusqlite::Connection::open_with_flags(&copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(
        "SELECT value FROM meta WHERE key = 'company_name'",
        [],
        |r| r.get(0),
    )
    .ok()
}

fn wal_len(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

/// Quits by `how` (given the session and the app's process ids) after naming the company of a new
/// workspace by typing, and checks the workspace file alone holds the name once the process has
/// ended.
fn quit_keeps_the_edit_in_the_file(how: &dyn Fn(&crate::webdriver::Session, &[u32]), shot: &str) {
    let env = env();
    let config = env.dir.path().join("config");
    let needle = config.display().to_string();
    let s = env.launch(None);
    let ws = env.dir.path().join("quit.targetline");
    new_workspace_without_assistant(&env, &s, &ws);

    // The edit: the company is named by typing.
    section(&s, "reviews");
    s.click("#empty-company");
    s.click("#setup-company");
    s.press(&[keys::CONTROL], "a");
    s.type_keys("退出测试公司");
    s.click("#company-save");
    section(&s, "targets");
    s.wait("[data-testid='empty-state'][data-missing='plan']");
    // While the app runs, the edit sits in the write-ahead log.
    assert!(!processes_naming(&needle).is_empty(), "the app runs");
    assert!(wal_len(&ws) > 0, "the edit is in the -wal before quitting");
    env.shot(&s, shot);

    how(&s, &processes_naming(&needle));
    wait_for_exit(&needle);
    drop(s);

    assert_eq!(wal_len(&ws), 0, "the -wal is absent or empty");
    assert_eq!(
        company_in_file_alone(&ws, env.dir.path()).as_deref(),
        Some("退出测试公司")
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn ctrl_q_leaves_the_last_edit_in_the_workspace_file_alone() {
    // The app may end before the driver has released the keys: what counts is that it ends.
    quit_keeps_the_edit_in_the_file(
        &|s, _| {
            let _ = s.press_to_quit(&[keys::CONTROL], "q");
        },
        "quit-01-ctrl-q-zh",
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn closing_the_window_leaves_the_last_edit_in_the_workspace_file_alone() {
    // The request a window manager sends when the title bar's × is clicked (WM_DELETE_WINDOW).
    quit_keeps_the_edit_in_the_file(
        &|_, pids| {
            let x = X::open();
            x.request_close(x.window_of(pids));
        },
        "quit-02-close-window-zh",
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn file_quit_in_the_menu_bar_leaves_the_last_edit_in_the_workspace_file_alone() {
    // Real pointer and key events through the X server: a click on 文件 in the GTK menu bar
    // opens the menu (its window shows), Up selects its last item (退出) and Enter chooses it.
    quit_keeps_the_edit_in_the_file(
        &|_, pids| {
            let x = X::open();
            let (left, top) = x.origin(x.window_of(pids));
            let before = x.visible_windows();
            x.click_at(left + 18, top + 12);
            x.wait_for_new_window(&before);
            x.key(x11_dl::keysym::XK_Up);
            x.key(x11_dl::keysym::XK_Return);
        },
        "quit-03-file-quit-zh",
    );
}
