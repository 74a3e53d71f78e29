//! Settings → Backups → Back up now, by real clicks in a new workspace: the list refreshes with
//! the new manual backup on top, and its file holds the workspace.

use super::{env, new_workspace_without_assistant, section};
use serde_json::json;

fn backup_ids(s: &crate::webdriver::Session) -> Vec<String> {
    s.script(
        "return [...document.querySelectorAll('[data-testid=backups-list] tr[data-backup]')].map((r) => r.dataset.backup)",
        json!([]),
    )
    .as_array()
    .unwrap()
    .iter()
    .map(|v| v.as_str().unwrap().to_string())
    .collect()
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn back_up_now_adds_a_manual_backup_to_the_list() {
    let env = env();
    let s = env.launch(None);
    let ws = env.dir.path().join("backed-up.targetline");
    new_workspace_without_assistant(&env, &s, &ws);
    section(&s, "settings");
    // Opening the new workspace took its daily backup.
    s.wait("[data-testid='backups-list'] tr[data-backup$='-open']");
    assert_eq!(backup_ids(&s).len(), 1);

    s.pointer_click("#backup-now", 0, 0);
    s.wait("[data-testid='backups-list'] tr[data-backup$='-manual']");
    let ids = backup_ids(&s);
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert!(ids[0].ends_with("-manual"), "newest first: {ids:?}");
    assert_eq!(
        s.text("[data-testid='backups-list'] tr[data-backup$='-manual'] td:nth-child(2)"),
        "手动"
    );
    assert!(s.text(".banner.notice").starts_with("已备份："));
    env.shot(&s, "backup-now-zh");
    // The file is there, a workspace of its own.
    let folder = std::fs::read_dir(env.dir.path().join("config").join("backups"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join(format!("{}.targetline", ids[0])).is_file())
        .expect("the manual backup's file");
    let conn = rusqlite::Connection::open_with_flags(
        folder.join(format!("{}.targetline", ids[0])),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, targetline_core::store::migrations::LATEST);

    s.click("button[data-lang='en']");
    s.wait_until(
        "English backups",
        "return document.querySelector('#backup-now')?.innerText === 'Back up now'",
    );
    s.pointer_click("#backup-now", 0, 0);
    s.wait_until(
        "a third backup",
        "return document.querySelectorAll('[data-testid=backups-list] tr[data-backup]').length === 3",
    );
    assert_eq!(
        s.text("[data-testid='backups-list'] tr[data-backup] td:nth-child(2)"),
        "Manual"
    );
    env.shot(&s, "backup-now-en");
}
