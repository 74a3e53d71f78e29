//! The workspace never loses work, in the real window: after an edit made with clicks and keys,
//! Settings → Backups lists the backups and restores one after confirmation, keeping a backup of
//! what it replaced. (That leaving the app leaves everything in the main file is proven in the
//! real window with Ctrl+Q in quit.rs, and for a closed window on the mock runtime in
//! tests/durability.rs: WebDriver's window close does not end the app here.)

use super::{env, section};
use std::path::Path;

/// (kind, Chinese name) of a day in the calendar table of the file at `db`, if it has a row.
fn day(db: &Path, date: &str) -> Option<(String, String)> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(
        "SELECT kind, name_zh FROM calendar_day WHERE date = ?1",
        [date],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ok()
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn settings_backups_restores_the_day_before_an_edit_by_clicks() {
    let env = env();
    let ws = env.dir.path().join("durable.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");

    // Friday 9 October becomes a company day off, chosen and named with clicks and keys.
    section(&s, "settings");
    s.wait("[data-testid='cal-workdays'][data-value='248']");
    s.click(".cal-day[data-date='2026-10-09']");
    s.wait("dialog[open] select[name='kind']");
    s.click("dialog[open] select[name='kind'] option[value='holiday']");
    s.pointer_click("dialog[open] input[name='nameZh']", 0, 0);
    s.type_keys("公司年会");
    s.click("#day-ok");
    s.wait("[data-testid='cal-workdays'][data-value='247']");
    assert_eq!(
        day(&ws, "2026-10-09"),
        Some(("holiday".into(), "公司年会".into()))
    );

    // Settings → Backups lists the day's open backup, taken before the edit; restoring it asks
    // first, then brings the day back, and what it replaced is kept as a backup.
    section(&s, "settings");
    s.wait("[data-testid='backups-list'] tr[data-backup]");
    let rows = s.script(
        "return [...document.querySelectorAll('[data-testid=backups-list] tr[data-backup]')].map((r) => r.dataset.backup)",
        serde_json::json!([]),
    );
    let ids: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert!(ids[0].ends_with("-open"), "{ids:?}");
    env.shot(&s, "90-backups-zh");
    s.click(&format!("button[data-restore='{}']", ids[0]));
    s.wait("dialog[open] [data-testid='restore-ask']");
    assert!(s.text("[data-testid='restore-ask']").contains("30 名销售"));
    env.shot(&s, "91-restore-ask-zh");
    s.click("#restore-confirm");
    s.wait("[data-testid='cal-workdays'][data-value='248']");
    assert_eq!(day(&ws, "2026-10-09"), None);
    s.wait("[data-testid='backups-list'] tr[data-backup$='-restore']");
    // The replaced workspace, with the day off, is the newest backup.
    let newest = s.attr(
        "[data-testid='backups-list'] tr[data-backup]",
        "data-backup",
    );
    let folder = std::fs::read_dir(env.dir.path().join("config").join("backups"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        day(&folder.join(format!("{newest}.targetline")), "2026-10-09"),
        Some(("holiday".into(), "公司年会".into()))
    );

    s.click("button[data-lang='en']");
    s.wait_until(
        "English backups",
        "return document.querySelector('tl-backups h2')?.innerText === 'Backups'",
    );
    env.shot(&s, "92-backups-en");
}
