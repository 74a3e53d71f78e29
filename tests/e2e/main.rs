//! End-to-end tests in the real window: the built app under Xvfb, driven through tauri-driver
//! and WebKitWebDriver. Run by `make e2e` (part of `make test`), which starts Xvfb and
//! tauri-driver; ignored by a plain `cargo test`.

mod webdriver;

use serde_json::json;
use std::path::{Path, PathBuf};
use webdriver::Session;

struct Env {
    driver: String,
    app: String,
    shots: PathBuf,
    dialog_file: PathBuf,
    dir: tempfile::TempDir,
}

fn env() -> Env {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let app = std::env::var("TARGETLINE_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target/debug/targetline"));
    assert!(
        app.is_file(),
        "build the app first: {} is missing",
        app.display()
    );
    let shots = root.join("target/e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let dialog_file = PathBuf::from(
        std::env::var("TARGETLINE_E2E_DIALOG_FILE")
            .expect("run through scripts/e2e.sh: TARGETLINE_E2E_DIALOG_FILE"),
    );
    Env {
        driver: std::env::var("TAURI_DRIVER_URL")
            .unwrap_or_else(|_| "http://127.0.0.1:4444".into()),
        app: app.display().to_string(),
        shots,
        dialog_file,
        dir: tempfile::tempdir().unwrap(),
    }
}

impl Env {
    fn launch(&self, workspace: Option<&Path>) -> Session {
        let mut args = vec![
            "--config-dir".to_string(),
            self.dir.path().join("config").display().to_string(),
        ];
        if let Some(w) = workspace {
            args.push("--workspace".into());
            args.push(w.display().to_string());
        }
        Session::start(&self.driver, &self.app, &args)
    }

    fn shot(&self, s: &Session, name: &str) {
        s.screenshot(&self.shots.join(format!("{name}.png")));
    }

    fn answer_dialog(&self, path: &Path) {
        std::fs::write(&self.dialog_file, path.display().to_string()).unwrap();
    }
}

/// Achievement as the dashboard prints it, computed here from the database alone.
fn expected_achievement(db: &Path) -> (i64, String) {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let (actual, target): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT SUM(a.amount) FROM actual a
                     WHERE a.date BETWEEN '2026-01-01' AND (SELECT value FROM meta WHERE key = 'as_of')),
                    (SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                     WHERE o.kind = 'company' AND t.period = '2026')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let bp = (actual as i128 * 20_000 + target as i128) / (2 * target as i128);
    (actual, format!("{}.{:02}%", bp / 100, bp % 100))
}

fn section(s: &Session, id: &str) {
    s.click(&format!("button[data-section='{id}']"));
    s.wait(&format!("[data-view='{id}']"));
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_real_window_shows_the_demo_in_both_languages() {
    let env = env();
    let ws = env.dir.path().join("demo.targetline");

    // First launch: the demo company is created and the dashboard leads with its 1亿 target.
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    assert_eq!(s.title(), "Targetline 业绩目标管理");
    assert_eq!(s.text("[data-testid='kpi-target'] .kpi-value"), "1.00亿");
    let (actual, achievement) = expected_achievement(&ws);
    assert_eq!(
        s.attr("[data-testid='kpi-actual']", "data-value"),
        actual.to_string()
    );
    assert_eq!(
        s.text("[data-testid='kpi-achievement'] .kpi-value"),
        achievement
    );
    assert_eq!(
        s.text("[data-testid='kpi-time-progress'] .kpi-value"),
        "77.82%"
    );
    assert!(s
        .text("[data-testid='dash-subtitle']")
        .contains("截至 2026-10-15"));
    env.shot(&s, "01-dashboard-zh");

    for id in ["targets", "plans", "actuals", "evaluation", "reviews"] {
        section(&s, id);
        assert!(
            !s.text("[data-testid='coming']").is_empty(),
            "{id} shows its coming state"
        );
        env.shot(&s, &format!("02-{id}-zh"));
    }
    section(&s, "settings");
    assert_eq!(
        s.text("[data-testid='workspace-path']"),
        ws.display().to_string()
    );
    assert!(s
        .text("[data-testid='workspace-counts']")
        .contains("30 名销售"));
    env.shot(&s, "03-settings-zh");

    // English: every label switches, numbers use Western grouping.
    s.click("button[data-lang='en']");
    s.wait_until("English labels", "return document.querySelector(\"button[data-section='dashboard']\").innerText.includes('Dashboard')");
    assert_eq!(s.title(), "Targetline");
    env.shot(&s, "04-settings-en");
    section(&s, "dashboard");
    s.wait("[data-testid='kpi-target']");
    assert_eq!(
        s.text("[data-testid='kpi-target'] .kpi-value"),
        "100,000,000"
    );
    assert_eq!(
        s.text("[data-testid='kpi-achievement'] .kpi-value"),
        achievement
    );
    env.shot(&s, "05-dashboard-en");

    // File actions: Save a copy, New (blank), Open the copy.
    section(&s, "settings");
    let copy = env.dir.path().join("副本.targetline");
    env.answer_dialog(&copy);
    s.click("#ws-copy");
    s.wait_until(
        "the copy notice",
        "return !!document.querySelector('.banner.notice')",
    );
    {
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let people: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM org_unit WHERE kind='person'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(people, 30);
    }
    let blank = env.dir.path().join("blank.targetline");
    env.answer_dialog(&blank);
    s.click("#ws-new");
    s.wait_until(
        "the blank workspace",
        &format!(
            "return document.querySelector(\"[data-testid='workspace-path']\")?.innerText === {}",
            json!(blank.display().to_string())
        ),
    );
    section(&s, "dashboard");
    s.wait("[data-testid='dash-empty']");
    env.shot(&s, "06-blank-en");
    section(&s, "settings");
    env.answer_dialog(&copy);
    s.click("#ws-open");
    s.wait_until(
        "the copy opened",
        &format!(
            "return document.querySelector(\"[data-testid='workspace-path']\")?.innerText === {}",
            json!(copy.display().to_string())
        ),
    );
    section(&s, "dashboard");
    assert_eq!(
        s.text("[data-testid='kpi-target'] .kpi-value"),
        "100,000,000"
    );
    drop(s);

    // Second launch without --workspace: language and last workspace are remembered.
    let s = env.launch(None);
    s.wait("[data-testid='kpi-target']");
    assert_eq!(s.title(), "Targetline");
    section(&s, "settings");
    assert_eq!(
        s.text("[data-testid='workspace-path']"),
        copy.display().to_string()
    );
    drop(s);

    // A workspace from a newer app is refused with a clear message and left untouched.
    let future = env.dir.path().join("future.targetline");
    {
        let conn = rusqlite::Connection::open(&future).unwrap();
        conn.execute_batch(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = std::fs::read(&future).unwrap();
    let s = env.launch(Some(&future));
    s.wait("[data-testid='error-banner']");
    assert_eq!(
        s.attr("[data-testid='error-banner']", "data-code"),
        "workspace_too_new"
    );
    assert!(s
        .text("[data-testid='error-banner']")
        .contains("newer Targetline"));
    env.shot(&s, "07-too-new-en");
    s.click("button[data-lang='zh-CN']");
    s.wait_until(
        "Chinese labels",
        "return document.title === 'Targetline 业绩目标管理'",
    );
    drop(s);
    assert_eq!(std::fs::read(&future).unwrap(), before);
}
