//! End-to-end tests in the real window: the built app under Xvfb, driven through tauri-driver
//! and WebKitWebDriver. Run by `make e2e` (part of `make test`), which starts Xvfb and
//! tauri-driver; ignored by a plain `cargo test`.

mod backup_now;
mod bench_dashboard;
mod bench_grid;
mod catalog;
mod commitments;
mod dashboard_read;
mod deck;
mod durability;
mod every_section;
mod import_trust;
mod installed;
mod legend;
mod open_file;
mod plan_by_hand;
mod quit;
mod setup;
mod setup_journey;
mod targets_grid_toolbar;
mod targets_tree;
mod targets_typing;
mod webdriver;
mod x11;

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
                     WHERE a.date BETWEEN '2026-01-01' AND (SELECT value FROM meta WHERE key = 'as_of')
                     AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')),
                    (SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                     WHERE o.kind = 'company' AND t.period = '2026' AND t.dimension_id IS NULL
                     AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue'))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let bp = (actual as i128 * 20_000 + target as i128) / (2 * target as i128);
    (actual, format!("{}.{:02}%", bp / 100, bp % 100))
}

/// Switches the window's language by its button and waits until the window is drawn in it, so
/// the next click lands on the redrawn sidebar (its items move when the texts change length).
fn switch_lang(s: &Session, lang: &str) {
    s.click(&format!("button[data-lang='{lang}']"));
    s.wait(&format!(".lang-switch button.active[data-lang='{lang}']"));
}

/// Settings → New workspace… at `path` (answered in the file dialog), then the set-up assistant
/// that opens on a blank workspace is closed with Esc.
fn new_workspace_without_assistant(env: &Env, s: &Session, path: &Path) {
    section(s, "settings");
    env.answer_dialog(path);
    s.click("#ws-new");
    s.wait("#setup-assistant[open]");
    s.press(&[], webdriver::keys::ESCAPE);
    s.wait_until(
        "the assistant closed",
        "return !document.querySelector('#setup-assistant[open]')",
    );
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

    section(&s, "reviews");
    s.wait("[data-testid='reviews-empty']");
    env.shot(&s, "02-reviews-zh");
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
    // A blank workspace starts with the set-up assistant; Escape leaves it for later.
    s.wait("#setup-assistant[open]");
    s.press(&[], webdriver::keys::ESCAPE);
    s.wait_until(
        "the blank workspace",
        &format!(
            "return document.querySelector(\"[data-testid='workspace-path']\")?.innerText === {}",
            json!(blank.display().to_string())
        ),
    );
    section(&s, "dashboard");
    s.wait("[data-testid='empty-state']");
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

/// Drags the bar of the task titled `title` by `days` (synthetic pointer events on the canvas).
const DRAG_BAR: &str = r#"
const [title, days, targetTitle] = arguments;
const g = document.querySelector('tl-gantt');
const row = g.rows.findIndex((r) => r.title === title);
if (row < 0) return 'no row ' + title;
const t = g.rows[row];
const barX = (t.s - g.from) * g.ppd;
const barW = (t.f - t.s + 1) * g.ppd;
g.scroller.scrollLeft = Math.max(0, barX - 200);
g.scroller.scrollTop = 0;
g.renderNow();
const r = g.canvas.getBoundingClientRect();
const toClient = (x, rowIndex) => [r.left + x - g.scroller.scrollLeft, r.top + rowIndex * 28 + 14 - g.scroller.scrollTop];
let from, to;
if (targetTitle) {
  const row2 = g.rows.findIndex((x) => x.title === targetTitle);
  const t2 = g.rows[row2];
  from = toClient(barX + barW + 8, row);
  to = toClient((t2.s - g.from) * g.ppd + g.ppd / 2, row2);
} else {
  from = toClient(barX + Math.min(20, barW / 2), row);
  to = [from[0] + days * g.ppd, from[1]];
}
const fire = (type, [x, y]) => g.canvas.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, bubbles: true, isPrimary: true }));
fire('pointerdown', from);
fire('pointermove', [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]);
fire('pointermove', to);
fire('pointerup', to);
return 'ok';
"#;

fn task_start(s: &Session, title: &str) -> String {
    s.script(
        "return document.querySelector('tl-plans').data.plan.tasks.find((t) => t.title === arguments[0]).start",
        json!([title]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn wait_start(s: &Session, title: &str, start: &str) {
    s.wait_until(
        &format!("{title} to start on {start}"),
        &format!(
            "const t = document.querySelector('tl-plans')?.data?.plan?.tasks?.find((t) => t.title === {}); return t?.start === {}",
            json!(title),
            json!(start)
        ),
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_gantt_moves_successors_and_draws_links() {
    let env = env();
    let ws = env.dir.path().join("plan.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "plans");
    s.wait(".g-tr[data-task]");
    // The demo plan: 拓展5个渠道合作伙伴 finishes 2026-10-16 and holds Q4 节日促销活动 (FS) to 10-19.
    assert_eq!(task_start(&s, "拓展5个渠道合作伙伴"), "2026-09-14");
    assert_eq!(task_start(&s, "Q4 节日促销活动"), "2026-10-19");
    let critical = s.script(
        "return [...document.querySelectorAll('.g-tr.critical')].map((r) => r.innerText).join('|')",
        json!([]),
    );
    assert!(
        critical.as_str().unwrap().contains("建立用户社群运营体系"),
        "{critical}"
    );
    // Gap coverage: open actions are expected to bring 1900万 of the company's remaining
    // 2743.95万 (69.24%); the regions and teams have no plan yet.
    s.wait("[data-testid='coverage'] tr[data-coverage='星辰智能科技']");
    assert!(s
        .text("[data-testid='coverage'] tr[data-coverage='星辰智能科技']")
        .contains("69.24%"));
    assert!(s.text("[data-testid='unplanned']").contains("华东一组"));
    assert!(s.text("[data-testid='resources']").contains("80.00%"));
    env.shot(&s, "10-gantt-zh");

    // Three days later (Mon 09-14 -> Thu 09-17: three working days); the successor follows by
    // three working days: 10-19 -> 10-22.
    assert_eq!(
        s.script(DRAG_BAR, json!(["拓展5个渠道合作伙伴", 3, null])),
        json!("ok")
    );
    wait_start(&s, "拓展5个渠道合作伙伴", "2026-09-17");
    wait_start(&s, "Q4 节日促销活动", "2026-10-22");
    env.shot(&s, "11-gantt-moved-zh");
    s.click("#plan-undo");
    wait_start(&s, "Q4 节日促销活动", "2026-10-19");
    s.click("#plan-redo");
    wait_start(&s, "Q4 节日促销活动", "2026-10-22");

    // A link drawn from 优化新人引导流程's end to the review milestone.
    let links = "return document.querySelector('tl-plans').data.plan.links.length";
    assert_eq!(s.script(links, json!([])), json!(5));
    assert_eq!(
        s.script(
            DRAG_BAR,
            json!(["优化新人引导流程", 0, "里程碑：Q4 中期复盘"])
        ),
        json!("ok")
    );
    s.wait("dialog[open] #link-ok");
    // Before it is made, the dialog lists what the link would push (each line names the action
    // and both starts), never an error.
    s.wait("[data-testid='link-warnings']:not([data-ready=''])");
    let pushed: usize = s
        .attr("[data-testid='link-warnings']", "data-ready")
        .parse()
        .unwrap();
    assert_eq!(
        s.script(
            "return document.querySelectorAll(\"[data-testid='link-warnings'] li[data-pushed]\").length",
            json!([])
        ),
        json!(pushed)
    );
    assert!(s
        .find("[data-testid='link-warnings'] .error-text")
        .is_none());
    env.shot(&s, "12-gantt-link-dialog-zh");
    s.click("#link-ok");
    s.wait_until(
        "the new link",
        "return document.querySelector('tl-plans').data.plan.links.length === 6",
    );
    // Select the new link by clicking its horizontal run, then delete it with the Delete key.
    let picked = s.script(
        "const g = document.querySelector('tl-gantt');
         const a = g.rows.find((r) => r.title === '优化新人引导流程').id;
         const b = g.rows.find((r) => r.title === '里程碑：Q4 中期复盘').id;
         const p = g.paths.find((x) => x.link.from === a && x.link.to === b);
         if (!p) return 'no path';
         const [x1, y] = p.points[2]; const [x2] = p.points[3];
         const r = g.canvas.getBoundingClientRect();
         const cx = r.left + (x1 + x2) / 2 - g.scroller.scrollLeft, cy = r.top + y - g.scroller.scrollTop;
         g.canvas.dispatchEvent(new PointerEvent('pointerdown', { clientX: cx, clientY: cy, pointerId: 1, bubbles: true }));
         g.canvas.dispatchEvent(new PointerEvent('pointerup', { clientX: cx, clientY: cy, pointerId: 1, bubbles: true }));
         if (g.selectedLink < 0) return 'not selected';
         g.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }));
         return 'ok';",
        json!([]),
    );
    assert_eq!(picked, json!("ok"));
    s.wait_until(
        "the link deleted",
        "return document.querySelector('tl-plans').data.plan.links.length === 5",
    );
    s.click("#plan-undo");
    s.wait_until(
        "the link back",
        "return document.querySelector('tl-plans').data.plan.links.length === 6",
    );
    // The Gantt as a PNG for slides, and seed 002's action table imported from CSV.
    let png = env.dir.path().join("甘特图.png");
    env.answer_dialog(&png);
    s.click("#plan-png");
    s.wait_until(
        "the saved notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('.png')",
    );
    assert_eq!(&std::fs::read(&png).unwrap()[..8], b"\x89PNG\r\n\x1a\n");
    let table = env.dir.path().join("行动计划.csv");
    std::fs::write(
        &table,
        "目标维度,具体举措,责任人,完成时间,资源需求\n\
         用户获取,策划3场线上裂变活动,张三,第1-4周,设计预算5000元\n\
         ,拓展5个渠道合作伙伴,李四,第2-6周,法务支持\n\
         用户留存,优化新人引导流程,王五,第3-5周,产品开发资源\n\
         ,建立用户社群运营体系,赵六,持续进行,客服人力\n\
         用户留存,月度复盘会,刘洋,第6周,\n",
    )
    .unwrap();
    env.answer_dialog(&table);
    s.click("#plan-import");
    // The demo's plan is seed 002's: its four actions are there already and stay as they are;
    // only the new row joins its objective.
    s.wait_until(
        "the imported plan",
        "return document.querySelector('tl-plans').data.plan.tasks.length === 8 + 1",
    );
    s.wait_until(
        "the import notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('已导入 0 个目标维度、1 项举措（已在计划中 4 项未重复导入')",
    );
    env.shot(&s, "14-gantt-imported-zh");
    // English first (the switch redraws the window), then the section: only its rows count.
    switch_lang(&s, "en");
    section(&s, "plans");
    s.wait_until(
        "the plan loaded in English",
        "return !!document.querySelector('tl-plans')?.data?.plan && !!document.querySelector('.g-tr[data-task]')",
    );
    assert_eq!(s.script(links, json!([])), json!(6));
    env.shot(&s, "13-gantt-en");
}

#[test]
#[ignore = "benchmark: run `make bench-gantt`"]
fn bench_gantt() {
    let env = env();
    let ws_path = env.dir.path().join("big-plan.targetline");
    let tasks = 10_000;
    {
        let (ws, _) = targetline_core::Workspace::open_or_create_demo(&ws_path).unwrap();
        targetline_core::demo::synthetic::write_synthetic_plan(&ws, tasks, 7).unwrap();
    }
    let s = env.launch(Some(&ws_path));
    s.wait("[data-testid='kpi-target']");
    let clicked = std::time::Instant::now();
    section(&s, "plans");
    s.wait(".g-tr[data-task]");
    let shown_ms = clicked.elapsed().as_secs_f64() * 1000.0;
    let render_ms = s
        .script(
            "return document.querySelector('tl-gantt').lastRenderMs",
            json!([]),
        )
        .as_f64()
        .unwrap();
    let rows = s
        .script(
            "return document.querySelector('tl-gantt').rows.length",
            json!([]),
        )
        .as_u64()
        .unwrap();
    assert_eq!(rows, tasks as u64);
    let scroll_ms = s
        .script(
            "const g = document.querySelector('tl-gantt'); const n = 200; const t0 = performance.now();
             for (let i = 0; i < n; i++) { g.scroller.scrollTop = i * 1400; g.scroller.scrollLeft = (i % 20) * 90; g.renderNow(); }
             return (performance.now() - t0) / n;",
            json!([]),
        )
        .as_f64()
        .unwrap();
    env.shot(&s, "bench-gantt");
    println!("Gantt with {tasks} tasks in the real window:");
    println!("  layout + first draw in the webview: {render_ms:.1} ms (goal <= 300 ms)");
    println!("  click to chart shown, including IPC and scheduling in Rust: {shown_ms:.0} ms");
    println!("  one scroll frame (table rows + canvas), mean of 200: {scroll_ms:.2} ms (16.7 ms = 60 fps)");
    println!(
        "{}",
        json!({"bench": "gantt", "tasks": tasks, "firstRenderMs": (render_ms * 10.0).round() / 10.0,
               "scrollFrameMs": (scroll_ms * 100.0).round() / 100.0, "clickToShownMs": shown_ms.round()})
    );
}

/// A cell of the grid as the window holds it (rows out of view are not in the DOM).
const GRID_CELL: &str = "const g = document.querySelector('tl-targets')?.grid;
    if (!g) return null;
    const col = g.columns.findIndex((c) => c.key === arguments[1]);
    const cell = g.rows.find((r) => r.name === arguments[0])?.cells[col];
    return cell ? String(cell.value) : null;";

fn grid_value(s: &Session, unit: &str, period: &str) -> String {
    s.script(GRID_CELL, json!([unit, period]))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn wait_grid(s: &Session, unit: &str, period: &str, fen: i64) {
    let start = std::time::Instant::now();
    while grid_value(s, unit, period) != fen.to_string() {
        assert!(
            start.elapsed().as_secs() < 20,
            "{unit} {period}: {} != {fen}",
            grid_value(s, unit, period)
        );
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
}

/// Scrolls the virtualised grid so the row of `unit` is drawn.
/// Clicks a grid cell once it can be seen where it is: the point a pointer would press (its
/// centre) shows the cell itself, not the sticky names column, the header or a redraw in progress.
/// A covered or far cell is brought to the middle of the grid first, as a user scrolls to it.
fn click_cell(s: &Session, css: &str) {
    s.wait_until(
        &format!("{css} uncovered"),
        &format!(
            "const c = document.querySelector({}); if (!c) return false; const r = c.getBoundingClientRect();
             const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
             if (at && c.contains(at)) return true; c.scrollIntoView({{ block: 'center', inline: 'center' }}); return false;",
            json!(css)
        ),
    );
    s.click(css);
}

fn scroll_grid_to(s: &Session, unit: &str) {
    s.script(
        "const g = document.querySelector('tl-targets'); const i = g.rows.findIndex((r) => r.name === arguments[0]);
         g.scroller.scrollTop = Math.max(0, i * 30 - 60); g.renderRows();",
        json!([unit]),
    );
}

/// Every change to the approved plan asks its reason: the same one typed each time here.
fn give_reason(s: &Session) {
    s.wait("dialog[open] input[name='reason']");
    s.click("dialog[open] input[name='reason']");
    s.type_keys("华南市场扩张");
    s.click("#reason-ok");
}

/// Chooses the percent method in the open split dialog and types the shares.
fn split_by_percent(s: &Session, shares: &[(&str, &str)]) {
    s.click("#grid-split");
    s.wait("dialog[open] select[name='method']");
    // One level down (the dialog opens on "all levels down").
    set_select(s, "dialog[open] select[name='axis']", "org");
    set_select(s, "dialog[open] select[name='method']", "percent");
    for (unit, pct) in shares {
        s.wait(&format!("input[data-percent='{unit}']"));
        fill(s, &format!("input[data-percent='{unit}']"), pct);
    }
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_target_grid_splits_locks_and_undoes() {
    let env = env();
    let ws = env.dir.path().join("targets.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "targets");
    s.click("button[data-view-kind='year']");
    wait_grid(&s, "星辰智能科技", "2026", 10_000_000_000);
    assert_eq!(grid_value(&s, "华东", "2026"), "4000000000");
    env.shot(&s, "20-targets-zh");

    // Raise the company target to 1.2亿: the plan is approved, so a reason is asked first.
    click_cell(&s, ".tg-cell[data-unit='星辰智能科技'][data-period='2026']");
    s.type_keys("12000万");
    s.press(&[], webdriver::keys::ENTER);
    // The company has regions below: asked once what they do (kept here: the split below
    // shares the new year out), then why.
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-children-keep");
    s.click("#choice-ok");
    give_reason(&s);
    wait_grid(&s, "星辰智能科技", "2026", 12_000_000_000);

    // Split it 40/30/30 through the dialog; the preview and the stored cells add up exactly.
    click_cell(&s, ".tg-cell[data-unit='星辰智能科技'][data-period='2026']");
    split_by_percent(&s, &[("华东", "40"), ("华南", "30"), ("华北", "30")]);
    s.wait_until("the preview total", "return document.querySelector(\"[data-testid='split-total']\")?.innerText === '120,000,000.00'");
    env.shot(&s, "21-split-dialog-zh");
    s.click("#split-apply");
    give_reason(&s);
    wait_grid(&s, "华东", "2026", 4_800_000_000);
    assert_eq!(grid_value(&s, "华南", "2026"), "3600000000");
    assert_eq!(grid_value(&s, "华北", "2026"), "3600000000");
    let gaps = s.script(
        "return document.querySelectorAll('.tg-cell.gap').length",
        json!([]),
    );
    assert!(
        s.script("return !document.querySelector(\".tg-cell[data-unit='星辰智能科技'][data-period='2026']\").classList.contains('gap')", json!([])) == json!(true),
        "the company equals the sum of its regions ({gaps} gap cells)"
    );

    // Lock 华南 and split again 50/25/25: 华南 keeps 3600万; 华东 and 华北 share 8400万 as 2:1.
    click_cell(&s, ".tg-cell[data-unit='华南'][data-period='2026']");
    s.click("#grid-lock");
    s.wait(".tg-cell.locked[data-unit='华南'][data-period='2026']");
    click_cell(&s, ".tg-cell[data-unit='星辰智能科技'][data-period='2026']");
    split_by_percent(&s, &[("华东", "50"), ("华南", "25"), ("华北", "25")]);
    s.wait_until("the preview total", "return document.querySelector(\"[data-testid='split-total']\")?.innerText === '120,000,000.00'");
    s.click("#split-apply");
    give_reason(&s);
    wait_grid(&s, "华东", "2026", 5_600_000_000);
    assert_eq!(grid_value(&s, "华南", "2026"), "3600000000");
    assert_eq!(grid_value(&s, "华北", "2026"), "2800000000");
    env.shot(&s, "22-targets-locked-zh");

    // Undo the re-split.
    s.click("#grid-undo");
    wait_grid(&s, "华东", "2026", 4_800_000_000);
    assert_eq!(grid_value(&s, "华北", "2026"), "3600000000");
    // Every change was recorded as a revision with its reason.
    let conn =
        rusqlite::Connection::open_with_flags(&ws, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let reasons: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM target_revision WHERE reason = '华南市场扩张'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(reasons >= 3 * 4, "{reasons} revisions");
    // Bottom-up: the two 华南 teams commit 1800万 and 1500万; 华南 takes their sum.
    for (team, amount) in [("华南一组", "1800万"), ("华南二组", "1500万")] {
        // The virtualised grid draws the rows in view: bring the team's row there first.
        scroll_grid_to(&s, team);
        s.click(&format!(
            ".tg-cell[data-unit='{team}'][data-period='commitment']"
        ));
        s.type_keys(amount);
        s.press(&[], webdriver::keys::ENTER);
        s.wait(&format!(".tg-cell[data-unit='{team}'][data-period='commitment'][data-value]:not([data-value=''])"));
    }
    scroll_grid_to(&s, "华南");
    click_cell(&s, ".tg-cell[data-unit='华南'][data-period='2026']");
    s.wait_until(
        "华南's bottom-up line",
        "return document.querySelector(\"[data-testid='bottom-up']\")?.textContent.includes('33,000,000.00')",
    );
    assert!(
        s.text("[data-testid='smart']").contains("✗"),
        "no strategy is linked in the demo"
    );
    s.click("#reconcile-target");
    give_reason(&s);
    wait_grid(&s, "华南", "2026", 3_300_000_000);
    s.wait("[data-testid='revisions'] li");
    env.shot(&s, "23-targets-bottom-up-zh");
    // A mid-year revision of 华东: the panel re-splits the months that have not begun.
    scroll_grid_to(&s, "华东");
    click_cell(&s, ".tg-cell[data-unit='华东'][data-period='2026']");
    s.wait("[data-testid='revise'][data-unit='华东'] #revise-value");
    fill(&s, "#revise-value", "5000万");
    s.click("#revise-apply");
    give_reason(&s);
    wait_grid(&s, "华东", "2026", 5_000_000_000);
    // The formula panel solves the order value: 5000万 / (1000 customers × 150%) = ¥33,333.34.
    s.wait_until(
        "the formula",
        "return document.querySelector(\"[data-testid='formula-result']\")?.innerText.includes('33,333.34')",
    );
    env.shot(&s, "23-targets-panel-zh");
    // In the quarter view a quarter's months can be re-paced while their total holds.
    s.click("button[data-view-kind='quarter']");
    s.wait(".tg-cell[data-period='2026-Q2']");
    scroll_grid_to(&s, "华东一组");
    click_cell(&s, ".tg-cell[data-unit='华东一组'][data-period='2026-Q2']");
    s.wait_until(
        "the quarter panel",
        "return document.querySelector(\"[data-testid='repace-status']\")?.innerText.length > 0",
    );
    assert_eq!(
        s.script(
            "return document.querySelectorAll('input[data-month]').length",
            json!([])
        ),
        json!(3)
    );
    switch_lang(&s, "en");
    section(&s, "targets");
    s.wait(".tg-cell");
    env.shot(&s, "24-targets-en");
}

/// Σ of one row's cells in columns of `kind`, and how many of them are derived, from the grid
/// the window holds. `member` picks a dimension row under the unit ("" for the unit's own row).
const GRID_ROW_SUM: &str = "const g = document.querySelector('tl-targets')?.grid;
    if (!g) return null;
    const r = g.rows.find((r) => r.name === arguments[0] && (r.dimensionName ?? '') === arguments[1]);
    if (!r) return null;
    let sum = 0, derived = 0, n = 0;
    g.columns.forEach((c, i) => { if (c.kind === arguments[2] && r.cells[i]) { sum += r.cells[i].value; n += 1; if (r.cells[i].derived) derived += 1; } });
    return [sum, n, derived];";

fn grid_row_sum(s: &Session, unit: &str, member: &str, kind: &str) -> (i64, i64, i64) {
    let v = s.script(GRID_ROW_SUM, json!([unit, member, kind]));
    let n = |i: usize| v.get(i).and_then(|x| x.as_i64()).unwrap_or(-1);
    (n(0), n(1), n(2))
}

/// Chooses `value` in the select `css` by clicking its option, as a person picks from the list.
fn set_select(s: &Session, css: &str, value: &str) {
    s.click(&format!("{css} option[value='{value}']"));
}

/// Types `text` into the field `css` in place of what it holds (click, select all, type), as a
/// person does.
fn fill(s: &Session, css: &str, text: &str) {
    s.click(css);
    s.press(&[webdriver::keys::CONTROL], "a");
    s.type_keys(text);
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_target_grid_pastes_exports_crosses_and_shows_weeks() {
    let env = env();
    let ws = env.dir.path().join("grid2.targetline");
    // The demo's plan as a draft that has not been approved yet.
    {
        let (w, _) = targetline_core::Workspace::open_or_create_demo(&ws).unwrap();
        w.conn()
            .execute_batch(
                "DELETE FROM target_baseline; UPDATE target_set SET status = 'draft', approved_at = NULL, approved_by = NULL;",
            )
            .unwrap();
    }
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "targets");
    s.wait(".tg-cell[data-unit='华东'][data-period='2026-01']");
    let jan: i64 = grid_value(&s, "华东", "2026-01").parse().unwrap();
    let feb: i64 = grid_value(&s, "华东", "2026-02").parse().unwrap();
    let paste = || {
        click_cell(&s, ".tg-cell[data-unit='华东'][data-period='2026-01']");
        s.script(
            "const dt = new DataTransfer(); dt.setData('text/plain', '1,000.50\t2000\\r\\n');
             document.querySelector(\"[data-testid='target-grid']\").dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));",
            json!([]),
        );
    };

    // A block pasted from Excel lands at the active cell as one change; asked once what 华东's
    // teams and the company do (the defaults: spread, roll up); a draft asks no reason.
    paste();
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-ok");
    wait_grid(&s, "华东", "2026-01", 100_050);
    wait_grid(&s, "华东", "2026-02", 200_000);
    // Ctrl+Z undoes it, as in Excel.
    s.press(&[webdriver::keys::CONTROL], "z");
    wait_grid(&s, "华东", "2026-01", jan);
    wait_grid(&s, "华东", "2026-02", feb);

    // Approving the plan keeps today's values as its baseline; changes now ask why.
    s.click("#grid-approve");
    s.wait("dialog[open] input[name='approver']");
    fill(&s, "dialog[open] input[name='approver']", "总经理");
    s.click("#approve-ok");
    s.wait_until("approved", "return !document.querySelector('#grid-approve').offsetParent && !!document.querySelector('#grid-baseline').offsetParent");
    paste();
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-ok");
    give_reason(&s);
    wait_grid(&s, "华东", "2026-01", 100_050);
    wait_grid(&s, "华东", "2026-02", 200_000);
    let cell = ".tg-cell[data-unit='华东'][data-member=''][data-period='2026-01']";
    s.wait(&format!("{cell}.revised"));
    assert_eq!(s.attr(cell, "data-baseline"), jan.to_string());
    s.click("#grid-baseline");
    s.wait(&format!("{cell}.baseline"));
    assert_eq!(
        s.script(
            "return document.querySelector(arguments[0]).textContent",
            json!([cell])
        ),
        json!(fmt_yuan_grouped(jan))
    );
    env.shot(&s, "28-targets-baseline-zh");
    let panel = s.script(
        "return document.querySelector(\"[data-testid='cell-panel']\").textContent",
        json!([]),
    );
    assert!(
        panel.as_str().unwrap().contains("SMART") && !panel.as_str().unwrap().contains("null"),
        "{panel}"
    );
    s.click("#grid-baseline");
    s.wait(&format!("{cell}:not(.baseline)"));
    s.click("#grid-undo");
    wait_grid(&s, "华东", "2026-01", jan);
    wait_grid(&s, "华东", "2026-02", feb);

    // Tier ratios 85% / 130% and a sprint tier at 150%: every tier follows its base exactly.
    targets_grid_toolbar::more(&s, "#grid-ratios");
    s.wait("dialog[open] input[name='floor']");
    fill(&s, "dialog[open] input[name='floor']", "85");
    fill(&s, "dialog[open] input[name='challenge']", "130");
    if s.script(
        "return document.querySelector(\"dialog[open] input[name='sprintOn']\").checked",
        json!([]),
    ) != json!(true)
    {
        s.click("dialog[open] input[name='sprintOn']");
    }
    fill(&s, "dialog[open] input[name='sprint']", "150");
    s.click("#ratios-ok");
    give_reason(&s);
    s.wait("button[data-tier='sprint']:not([hidden])");
    s.click("button[data-tier='sprint']");
    wait_grid(&s, "华东", "2026", 6_000_000_000);
    wait_grid(&s, "星辰智能科技", "2026", 15_000_000_000);
    s.click("button[data-tier='floor']");
    wait_grid(&s, "华东", "2026", 3_400_000_000);
    s.click("button[data-tier='sprint']");
    wait_grid(&s, "华东", "2026", 6_000_000_000);
    s.click("#grid-undo");
    s.wait("button[data-tier='sprint'][hidden]");
    s.wait("button[data-tier='base'].active");
    s.click("button[data-tier='floor']");
    wait_grid(&s, "华东", "2026", 3_200_000_000);
    s.click("button[data-tier='base']");
    wait_grid(&s, "华东", "2026", 4_000_000_000);

    // The grid as CSV (UTF-8 with BOM) and XLSX through the save dialog.
    let csv = env.dir.path().join("目标表.csv");
    env.answer_dialog(&csv);
    targets_grid_toolbar::more(&s, "#grid-csv");
    s.wait_until(
        "the CSV",
        "return document.querySelector('.banner.notice')?.innerText.includes('目标表.csv')",
    );
    let text = std::fs::read(&csv).unwrap();
    assert_eq!(&text[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8(text[3..].to_vec()).unwrap();
    let east = text
        .lines()
        .find(|l| l.contains("华东") && !l.contains("组"))
        .unwrap();
    assert!(
        east.contains(&targetline_core::money::format_yuan(jan)),
        "{east}"
    );
    let xlsx = env.dir.path().join("目标表.xlsx");
    env.answer_dialog(&xlsx);
    targets_grid_toolbar::more(&s, "#grid-xlsx");
    s.wait_until(
        "the XLSX",
        "return document.querySelector('.banner.notice')?.innerText.includes('xlsx')",
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK");

    // Crossed with the product lines, 华东's year splits evenly into one target per line.
    s.click("button[data-view-kind='year']");
    set_select(&s, "#grid-cross", "product_line");
    s.wait_until("member rows", "return !!document.querySelector('tl-targets').grid?.rows.some((r) => r.dimensionId !== null)");
    let year: i64 = grid_value(&s, "华东", "2026").parse().unwrap();
    let members = s
        .script("return document.querySelector('tl-targets').grid.rows.filter((r) => r.name === '华东' && r.dimensionId !== null).map((r) => r.dimensionName)", json!([]));
    let members: Vec<String> = serde_json::from_value(members).unwrap();
    assert_eq!(members.len(), 4);
    click_cell(
        &s,
        ".tg-cell[data-unit='华东'][data-member=''][data-period='2026']",
    );
    s.click("#grid-split");
    s.wait("dialog[open] select[name='axis'] option[value='dimension']");
    set_select(&s, "dialog[open] select[name='axis']", "dimension");
    s.wait_until("the preview", &format!("return document.querySelectorAll(\"[data-testid='split-preview'] tr[data-part]\").length === 4 && document.querySelector(\"[data-testid='split-total']\")?.innerText === '{}'", fmt_yuan_grouped(year)));
    // Market potential 4:3:2:1 gives the first line 40% of the year in the preview; a blend
    // leaning on last year's actuals says plainly that there are none.
    set_select(&s, "dialog[open] select[name='method']", "potential");
    s.wait("dialog[open] input[data-potential]");
    let parts = s.script(
        "return [...document.querySelectorAll('dialog[open] input[data-potential]')].map((i) => i.dataset.potential)",
        json!([]),
    );
    for (part, v) in parts.as_array().unwrap().iter().zip(["4", "3", "2", "1"]) {
        let part = part.as_str().unwrap();
        fill(
            &s,
            &format!("dialog[open] input[data-potential='{part}']"),
            v,
        );
    }
    s.wait_until(
        "the potential preview",
        &format!(
            "return document.querySelector(\"[data-testid='split-preview'] tr[data-part] td.num\")?.innerText === '{}'",
            fmt_yuan_grouped(year * 4 / 10)
        ),
    );
    set_select(&s, "dialog[open] select[name='method']", "blend");
    s.wait("dialog[open] input[data-blend='history']");
    s.wait_until(
        "the blend's history message",
        "return document.querySelector(\"[data-testid='split-status']\")?.innerText.includes('没有去年同期实际数据')",
    );
    set_select(&s, "dialog[open] select[name='method']", "even");
    s.wait_until("the even preview", &format!("return document.querySelector(\"[data-testid='split-total']\")?.innerText === '{}' && document.querySelector(\"[data-testid='split-preview'] tr[data-part] td.num\")?.innerText === '{}'", fmt_yuan_grouped(year), fmt_yuan_grouped(year / 4)));
    env.shot(&s, "25-split-by-product-zh");
    s.click("#split-apply");
    give_reason(&s);
    s.wait_until("the product cells", &format!("return document.querySelector(\".tg-cell[data-unit='华东'][data-member='{}'][data-period='2026']\")?.dataset.value !== ''", members[0]));
    let mut parts = Vec::new();
    for m in &members {
        parts.push(grid_row_sum(&s, "华东", m, "year").0);
    }
    assert_eq!(parts.iter().sum::<i64>(), year);
    assert!(parts.iter().all(|p| (p - year / 4).abs() <= 1), "{parts:?}");
    env.shot(&s, "26-targets-by-product-zh");

    // Weeks: derived from the months by working days, adding up to the year exactly; stored on
    // request so they can be edited.
    set_select(&s, "#grid-cross", "");
    s.click("button[data-view-kind='week']");
    s.wait(".tg-cell[data-unit='华东'][data-period='2026-W14']");
    let (sum, n, derived) = grid_row_sum(&s, "华东", "", "week");
    assert_eq!((sum, n, derived), (year, 53, 53));
    click_cell(&s, ".tg-cell[data-unit='华东'][data-period='2026-W14']");
    targets_grid_toolbar::more(&s, "#grid-store-weeks");
    give_reason(&s);
    s.wait_until("stored weeks", "const g = document.querySelector('tl-targets').grid; const r = g.rows.find((r) => r.name === '华东' && r.dimensionId === null); return r.cells.filter((c) => c && !c.derived).length >= 53;");
    assert_eq!(grid_row_sum(&s, "华东", "", "week"), (year, 53, 0));
    assert_eq!(
        s.script("return document.querySelector(\".tg-cell[data-unit='华东'][data-period='2026-W14']\").className", json!([])),
        json!("tg-cell num week active")
    );
    env.shot(&s, "27-targets-weeks-zh");
}

/// 1234567 fen -> "12,345.67", as the grid shows money.
fn fmt_yuan_grouped(fen: i64) -> String {
    let y = (fen / 100).to_string();
    let mut out = String::new();
    for (i, c) in y.chars().enumerate() {
        if i > 0 && (y.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", fen % 100)
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_dashboard_matches_the_cli_drills_down_and_exports() {
    let env = env();
    let ws_path = env.dir.path().join("dash.targetline");
    let s = env.launch(Some(&ws_path));
    s.wait("[data-testid='kpi-target']");
    // The same figures as `targetline-cli variance --node /华东 --period 2026-Q4`.
    let expected = {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        let engine = targetline_core::variance::Engine::new(&ws).unwrap();
        engine
            .variance(&targetline_core::variance::VarianceQuery::new(
                "revenue", "/华东", "2026-Q4",
            ))
            .unwrap()
            .to_json()
    };
    s.click("button[data-period='quarter']");
    s.wait_until("the quarter", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('2026-Q4')");
    s.click("a[data-drill='/华东']");
    s.wait_until("华东", "return document.querySelector(\"[data-testid='breadcrumb'] strong\")?.innerText === '华东'");
    let fen = |key: &str| -> String {
        let yuan = expected[key].as_str().unwrap().replace('.', "");
        yuan.trim_start_matches('0').to_string()
    };
    assert_eq!(
        s.attr("[data-testid='kpi-target']", "data-value"),
        fen("target")
    );
    assert_eq!(
        s.attr("[data-testid='kpi-actual']", "data-value"),
        fen("actual")
    );
    assert_eq!(
        s.attr("[data-testid='kpi-achievement']", "data-value"),
        expected["achievement"].to_string()
    );
    assert_eq!(
        s.attr("[data-testid='kpi-pace']", "data-value"),
        expected["paceVariance"].to_string()
    );
    assert_eq!(
        s.attr("[data-testid='kpi-time-progress']", "data-value"),
        expected["timeProgress"].to_string()
    );
    assert_eq!(
        s.attr("[data-testid='kpi-forecast']", "data-value"),
        fen("forecast")
    );
    // The tables below the charts follow the charts onto the screen.
    s.wait("[data-testid='children'] tr[data-child]");
    let rows = s.script(
        "return document.querySelectorAll(\"[data-testid='children'] tr[data-child]\").length",
        json!([]),
    );
    assert_eq!(rows, json!(2));
    // The transactions behind the actual add up to it, each with its source file and row.
    s.click("#tx-open");
    s.wait("[data-testid='tx-summary'][data-total]");
    assert_eq!(
        s.attr("[data-testid='tx-summary']", "data-total"),
        fen("actual")
    );
    assert!(s
        .text("[data-testid='transactions'] tr[data-tx]")
        .contains("演示数据 demo"));
    env.shot(&s, "30-dashboard-east-q4-zh");

    // A chart exported as PNG through the save dialog; then the meeting pack into a folder.
    let png = env.dir.path().join("累计.png");
    env.answer_dialog(&png);
    s.click("button[data-export='cumulative-png']");
    s.wait_until(
        "the saved notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('累计.png')",
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(bytes.len() > 20_000, "a 2x chart, {} bytes", bytes.len());
    let pack = env.dir.path().join("会议资料");
    env.answer_dialog(&pack);
    s.click("#meeting-pack");
    s.wait_until(
        "the pack notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('16')",
    );
    // 4 charts as PNG; the variance, by product line, ranking, indicators, stuck deals and
    // transactions tables as XLSX and CSV.
    assert_eq!(std::fs::read_dir(&pack).unwrap().count(), 16);
    // Any one table from its own card: the stuck deals of 华东, every one of them.
    let stuck_csv = env.dir.path().join("卡单.csv");
    env.answer_dialog(&stuck_csv);
    s.click("button[data-export-table='stuck-csv']");
    s.wait_until(
        "the stuck deals notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('卡单.csv')",
    );
    let text = std::fs::read_to_string(&stuck_csv).unwrap();
    assert!(text.starts_with("\u{feff}商机,负责人,阶段"), "{text}");
    let overdue = {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        targetline_core::variance::Engine::new(&ws)
            .unwrap()
            .funnel("/华东")
            .unwrap()
            .overdue_deals
            .len()
    };
    assert_eq!(text.lines().count() - 1, overdue);
    // Down to a team for the fiscal year: 赵六 (selling at 78% of plan) alerts, with his drivers.
    s.click("button[data-period='year']");
    s.wait_until("the year", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('2026 财年')");
    s.click("a[data-drill='/华东/华东一组']");
    s.wait("[data-testid='alerts'] li[data-alert='赵六'] .drivers");
    assert!(s
        .text("[data-testid='alerts'] li[data-alert='赵六']")
        .contains("客单价"));
    env.shot(&s, "32-dashboard-team-alerts-zh");
    // Year to date for the team: the figures of `targetline-cli variance --period 2026-YTD`.
    let core = |node: &str, period: &str| {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        let engine = targetline_core::variance::Engine::new(&ws).unwrap();
        engine
            .variance(&targetline_core::variance::VarianceQuery::new(
                "revenue", node, period,
            ))
            .unwrap()
            .figures
    };
    let shows = |f: &targetline_core::variance::Figures| {
        assert_eq!(
            s.attr("[data-testid='kpi-target']", "data-value"),
            f.target.unwrap().base.to_string()
        );
        assert_eq!(
            s.attr("[data-testid='kpi-actual']", "data-value"),
            f.actual.to_string()
        );
        assert_eq!(
            s.attr("[data-testid='kpi-achievement']", "data-value"),
            f.achievement_bp.unwrap().to_string()
        );
    };
    s.click("button[data-period='ytd']");
    s.wait_until("year to date", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('年初至今')");
    let ytd = core("/华东/华东一组", "2026-YTD");
    assert_eq!(ytd.time_progress_bp, 10_000);
    shows(&ytd);
    s.click("a[data-path='/']");
    s.wait_until("the company", "return document.querySelector(\"[data-testid='breadcrumb'] strong\")?.innerText === '星辰智能科技'");
    // The funnel's stages list their stuck deals; the bars and cells of the charts drill down.
    let funnel = {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        targetline_core::variance::Engine::new(&ws)
            .unwrap()
            .funnel("/")
            .unwrap()
    };
    assert_eq!(
        s.attr("[data-testid='stuck']", "data-count"),
        funnel.overdue_deals.len().to_string()
    );
    let stuck_stage = funnel.stages.iter().find(|st| st.overdue > 0).unwrap();
    s.click(&format!(
        "figure[data-chart='funnel'] .hit[data-hit-stage='{}']",
        stuck_stage.code
    ));
    s.wait(&format!(
        "[data-testid='stuck'][data-stage='{}'][data-count='{}']",
        stuck_stage.code, stuck_stage.overdue
    ));
    env.shot(&s, "33-dashboard-stuck-deals-zh");
    // The company by product line and by channel adds up to its actual; revenue is a lagging
    // short-term indicator.
    let by_dim_total = |dim: &str| {
        s.wait(&format!(
            "[data-testid='by-dimension'][data-dim='{dim}'] tr.total [data-actual]"
        ));
        s.attr(
            &format!("[data-testid='by-dimension'][data-dim='{dim}'] tr.total [data-actual]"),
            "data-actual",
        )
    };
    assert_eq!(by_dim_total("product_line"), kpi_actual(&s).to_string());
    let parts: i64 = s
        .script(
            "return [...document.querySelectorAll(\"[data-testid='by-dimension'] tr[data-member]:not(.total) [data-actual]\")].reduce((a, e) => a + Number(e.dataset.actual), 0)",
            json!([]),
        )
        .as_i64()
        .unwrap();
    assert_eq!(parts, kpi_actual(&s));
    s.click("#dash-dim option[value='channel']");
    assert_eq!(by_dim_total("channel"), kpi_actual(&s).to_string());
    s.wait("[data-testid='indicators'] [data-group='lagging'] li[data-metric='revenue']");
    s.click("[data-testid='indicators'] button[data-horizon='long']");
    s.wait("[data-testid='indicators'] button[data-horizon='long'].active");
    env.shot(&s, "35-dashboard-dimension-indicators-zh");
    s.click("figure[data-chart='achievement'] .hit[data-hit-node='/华南']");
    s.wait_until("华南 from its bar", "return document.querySelector(\"[data-testid='breadcrumb'] strong\")?.innerText === '华南'");
    shows(&core("/华南", "2026-YTD"));
    s.click("figure[data-chart='heatmap'] .hit[data-hit-node='/华南/华南一组'][data-hit-period='2026-09']");
    s.wait_until("华南一组 in September", "return document.querySelector(\"[data-testid='breadcrumb'] strong\")?.innerText === '华南一组' && document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('2026-09')");
    shows(&core("/华南/华南一组", "2026-09"));
    env.shot(&s, "34-dashboard-heatmap-drill-zh");
    s.click("a[data-path='/']");
    s.wait_until("the company", "return document.querySelector(\"[data-testid='breadcrumb'] strong\")?.innerText === '星辰智能科技'");
    s.click("button[data-lang='en']");
    s.wait_until("English figures", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('as of')");
    env.shot(&s, "31-dashboard-company-q4-en");
    for (part, name) in [
        ("figure[data-chart='heatmap']", "36-dashboard-charts-en"),
        ("[data-testid='indicators']", "37-dashboard-indicators-en"),
    ] {
        s.script(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' })",
            json!([part]),
        );
        env.shot(&s, name);
    }
}

fn kpi_actual(s: &Session) -> i64 {
    s.attr("[data-testid='kpi-actual']", "data-value")
        .parse()
        .unwrap()
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_import_wizard_counts_every_row_and_undo_restores() {
    let env = env();
    let ws = env.dir.path().join("import.targetline");
    let csv = env.dir.path().join("十月销售明细.csv");
    // A title row above the header, three date styles, ¥ and thousands separators, another
    // line of order T-001, an unknown rep (skipped by the user) and a bad amount: 6 rows -> 4
    // inserted, 1 skipped, 1 error.
    std::fs::write(
        &csv,
        "\u{feff}星辰智能科技 10月销售明细（测试）\n\
         日期,销售员,金额,产品线,订单号\n\
         2026-10-12,张三,\"¥1,234.50\",智能硬件,T-001\n\
         2026/10/13,李四,\"2,000.00\",软件订阅,T-002\n\
         2026年10月14日,王五,300,运维服务,T-003\n\
         2026-10-14,张三,\"¥1,234.50\",智能硬件,T-001\n\
         2026-10-14,新人甲,500,智能硬件,T-004\n\
         2026-10-15,王五,abc,运维服务,T-005\n",
    )
    .unwrap();
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    let before = kpi_actual(&s);

    section(&s, "actuals");
    env.answer_dialog(&csv);
    s.click("#import-start");
    s.wait("[data-testid='import-wizard']");
    assert!(s.text("[data-testid='import-facts']").contains("6 行数据"));
    assert!(s.text("[data-testid='unknowns']").contains("新人甲"));
    assert!(s.text("[data-testid='preview-errors']").contains("第 8 行"));
    // The header row was found below the title (row 2); choosing row 1 proposes no mapping for
    // the title's cells, choosing row 2 again brings the mapping back.
    let header_row = |row: &str| {
        fill(&s, "#import-header-row", row);
        s.type_keys(webdriver::keys::TAB);
    };
    let first_field =
        "return document.querySelector(\"[data-testid='mapping'] select[data-column='0']\")?.value";
    assert_eq!(s.attr("#import-header-row", "value"), "2");
    assert_eq!(s.script(first_field, json!([])), json!("date"));
    header_row("1");
    s.wait_until(
        "the title row as header",
        "return document.querySelector('#import-header-row')?.value === '1' && !!document.querySelector(\"[data-testid='missing-fields']\")",
    );
    assert_ne!(s.script(first_field, json!([])), json!("date"));
    assert!(s.text("[data-testid='missing-fields']").contains("日期"));
    assert_eq!(s.attr("#import-commit", "disabled"), "true");
    header_row("2");
    s.wait_until(
        "the header row again",
        "return document.querySelector('#import-header-row')?.value === '2' && document.querySelector(\"[data-testid='mapping'] select[data-column='0']\")?.value === 'date'",
    );
    s.wait("[data-testid='unknowns']");
    assert!(s.text("[data-testid='unknowns']").contains("新人甲"));
    // An unknown rep needs a decision before the import can go in.
    assert_eq!(s.attr("#import-commit", "disabled"), "true");
    s.click("select[data-unknown='新人甲'] option[value='skip']");
    s.wait_until(
        "the decision previewed",
        "return document.querySelector('#import-commit')?.disabled === false",
    );
    env.shot(&s, "40-import-wizard-zh");
    s.click("#import-commit");
    s.wait("[data-testid='import-summary']");
    let count = |k: &str| s.attr(&format!("[data-count='{k}']"), "data-value");
    assert_eq!(
        [
            count("rows"),
            count("inserted"),
            count("duplicates"),
            count("skipped"),
            count("errorRows")
        ],
        ["6", "4", "0", "1", "1"]
    );
    env.shot(&s, "41-import-summary-zh");

    // The dashboard moves by exactly 2 × ¥1,234.50 + ¥2,000.00 + ¥300.00.
    section(&s, "dashboard");
    s.wait("[data-testid='kpi-actual']");
    let start = std::time::Instant::now();
    while kpi_actual(&s) != before + 476_900 {
        assert!(
            start.elapsed().as_secs() < 20,
            "actual {} != {}",
            kpi_actual(&s),
            before + 476_900
        );
        std::thread::sleep(std::time::Duration::from_millis(150));
    }

    // Importing the same file again adds nothing; undo restores the dashboard.
    section(&s, "actuals");
    s.click("#import-start");
    s.wait("[data-testid='already-imported']");
    let batch = s.attr("[data-testid='batches'] tr[data-batch]", "data-batch");
    s.click(&format!("button[data-undo='{batch}']"));
    s.click("#undo-confirm");
    s.wait_until(
        "the undo notice",
        "return !!document.querySelector('.banner.notice')",
    );
    section(&s, "dashboard");
    s.wait("[data-testid='kpi-actual']");
    let start = std::time::Instant::now();
    while kpi_actual(&s) != before {
        assert!(
            start.elapsed().as_secs() < 20,
            "actual {} != {before}",
            kpi_actual(&s)
        );
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    switch_lang(&s, "en");
    section(&s, "actuals");
    s.wait("[data-testid='batches']");
    env.shot(&s, "42-import-batches-en");
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_import_cancel_leaves_the_workspace_as_it_was() {
    let env = env();
    let ws = env.dir.path().join("cancel.targetline");
    // Big enough that the commit is still running when Cancel is pressed.
    let csv = env.dir.path().join("大批量明细.csv");
    let mut text = String::from("日期,销售员,金额,订单号\n");
    for i in 0..150_000 {
        text.push_str(&format!("2026-10-{:02},张三,100.00,CX-{i}\n", 1 + i % 15));
    }
    std::fs::write(&csv, text).unwrap();
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    let before = kpi_actual(&s);
    let batches_before = {
        let w = targetline_core::Workspace::open_existing(&ws).unwrap();
        w.conn()
            .query_row("SELECT COUNT(*) FROM import_batch", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };
    section(&s, "actuals");
    s.wait("[data-testid='batches'] h2");
    let listed =
        "return document.querySelectorAll(\"[data-testid='batches'] tr[data-batch]\").length";
    let listed_before = s.script(listed, json!([]));
    env.answer_dialog(&csv);
    s.click("#import-start");
    s.wait("[data-testid='import-wizard']");
    assert!(s.text("[data-testid='import-facts']").contains("150000"));
    s.click("#import-commit");
    // Rows are being written (the bar moves), then Cancel.
    s.wait_until(
        "progress",
        "const t = document.querySelector(\"[data-testid='import-progress']\")?.innerText ?? ''; return /[1-9]/.test(t);",
    );
    env.shot(&s, "43-import-progress-zh");
    s.click("#import-cancel");
    s.wait("[data-testid='error-banner'][data-code='import_cancelled']");
    assert!(s.text("[data-testid='error-banner']").contains("取消"));
    assert_eq!(s.script(listed, json!([])), listed_before);
    // The file is untouched by the cancelled import: same batches, same actuals.
    {
        let w = targetline_core::Workspace::open_existing(&ws).unwrap();
        let (batches, orders): (i64, i64) = w
            .conn()
            .query_row(
                "SELECT (SELECT COUNT(*) FROM import_batch), (SELECT COUNT(*) FROM actual WHERE order_id LIKE 'CX-%')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((batches, orders), (batches_before, 0));
    }
    section(&s, "dashboard");
    s.wait("[data-testid='kpi-actual']");
    assert_eq!(kpi_actual(&s), before);
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_working_calendar_edits_imports_and_moves_time_progress() {
    let env = env();
    let ws = env.dir.path().join("calendar.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-time-progress']");
    let progress =
        |s: &Session| -> String { s.attr("[data-testid='kpi-time-progress']", "data-value") };
    // 193 of the 248 working days of 2026 are done on 2026-10-15.
    assert_eq!(
        progress(&s),
        targetline_core::ratio_bp(193, 248).to_string()
    );
    section(&s, "settings");
    s.wait("[data-testid='cal-workdays'][data-value='248']");
    assert_eq!(
        s.attr(".cal-day[data-date='2026-10-01']", "data-kind"),
        "holiday"
    );
    assert_eq!(
        s.attr(".cal-day[data-date='2026-10-10']", "data-kind"),
        "adjustedWorkday"
    );
    env.shot(&s, "50-calendar-zh");

    // Friday 9 October becomes a company day off: one working day fewer, before the as-of day.
    s.click(".cal-day[data-date='2026-10-09']");
    s.wait("dialog[open] select[name='kind']");
    s.script(
        "const k = document.querySelector(\"dialog[open] select[name='kind']\"); k.value = 'holiday';
         document.querySelector(\"dialog[open] input[name='nameZh']\").value = '公司年会';",
        json!([]),
    );
    s.click("#day-ok");
    s.wait("[data-testid='cal-workdays'][data-value='247']");
    assert_eq!(
        s.attr(".cal-day[data-date='2026-10-09']", "data-kind"),
        "holiday"
    );
    section(&s, "dashboard");
    s.wait("[data-testid='kpi-time-progress']");
    assert_eq!(
        progress(&s),
        targetline_core::ratio_bp(192, 247).to_string()
    );
    // The plan follows: onboarding keeps its 9 working days and now ends on Saturday 10-10
    // (an adjusted working day), in the Gantt as in the core.
    let onboarding = |ws: &Path| {
        let w = targetline_core::Workspace::open_existing(ws).unwrap();
        let v = targetline_core::plan::plan_view(&w).unwrap();
        let t = v
            .tasks
            .iter()
            .find(|t| t.title == "优化新人引导流程")
            .unwrap();
        t.finish.to_string()
    };
    assert_eq!(onboarding(&ws), "2026-10-10");
    section(&s, "plans");
    s.wait_until(
        "onboarding in the Gantt",
        "return document.querySelector('tl-plans')?.data?.plan.tasks.find((t) => t.title === '优化新人引导流程')?.finish === '2026-10-10'",
    );

    // Undo, then an import that adds New Year's Eve off; a file with a bad row changes nothing.
    section(&s, "settings");
    s.wait("[data-testid='cal-workdays'][data-value='247']");
    s.click("#cal-undo");
    s.wait("[data-testid='cal-workdays'][data-value='248']");
    assert_eq!(onboarding(&ws), "2026-10-09");
    let good = env.dir.path().join("假期安排.csv");
    std::fs::write(&good, "日期,类型,名称\n2026/12/31,休,年终盘点\n").unwrap();
    env.answer_dialog(&good);
    s.click("#cal-import");
    s.wait("[data-testid='cal-workdays'][data-value='247']");
    assert!(s.text(".banner.notice").contains("假期安排.csv"));
    let bad = env.dir.path().join("错误.csv");
    std::fs::write(&bad, "日期,类型\n2026-12-30,休\n2026-13-01,休\n").unwrap();
    env.answer_dialog(&bad);
    s.click("#cal-import");
    s.wait("[data-testid='error-banner'][data-code='calendar_import_rows']");
    assert!(s.text("[data-testid='error-banner']").contains("第 3 行"));
    s.wait("[data-testid='cal-workdays'][data-value='247']");
    assert_eq!(
        s.attr(".cal-day[data-date='2026-12-30']", "data-kind"),
        "workday"
    );

    // The calendar goes out as CSV (UTF-8 with BOM) and back in the same.
    let csv = env.dir.path().join("calendar_2026.csv");
    env.answer_dialog(&csv);
    s.click("#cal-csv");
    s.wait_until(
        "the export",
        "return document.querySelector('.banner.notice')?.innerText.includes('calendar_2026.csv')",
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.contains("国庆节") && text.contains("年终盘点"),
        "{text}"
    );
    s.click("button[data-lang='en']");
    s.wait("[data-testid='cal-workdays'][data-value='247']");
    env.shot(&s, "51-calendar-en");
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_evaluation_ranks_scores_and_pays_commission() {
    let env = env();
    let ws_path = env.dir.path().join("evaluation.targetline");
    let s = env.launch(Some(&ws_path));
    s.wait("[data-testid='kpi-target']");
    section(&s, "evaluation");
    s.wait("[data-testid='scorecards'] tr[data-person]");
    set_select(&s, "#eval-period", "2026-Q3");
    s.wait_until(
        "the quarter",
        "return document.querySelector(\"[data-testid='evaluation-subtitle']\")?.innerText.startsWith('2026-Q3')",
    );
    // The window shows what the core computes: the champion, the score and the commission.
    let expected = || {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        targetline_core::evaluation::report(&ws, "/", "2026-Q3").unwrap()
    };
    let shown = |s: &Session| {
        let rows = s.script(
            "return [...document.querySelectorAll(\"[data-testid='scorecards'] tr[data-person]\")].map((r) => [r.dataset.person, Number(r.dataset.rank), Number(r.dataset.total), Number(r.dataset.commission)])",
            json!([]),
        );
        serde_json::from_value::<Vec<(String, i64, i64, i64)>>(rows).unwrap()
    };
    let matches = |s: &Session, r: &targetline_core::evaluation::ScorecardReport| {
        let want: Vec<(String, i64, i64, i64)> = r
            .rows
            .iter()
            .map(|x| (x.name.clone(), x.rank, x.total_bp, x.commission.total))
            .collect();
        shown(s) == want
    };
    let r = expected();
    assert_eq!(r.rows.len(), 30);
    assert!(matches(&s, &r));
    let champ = r.champion().cloned().unwrap();
    assert_eq!(
        s.attr("[data-testid='eval-champion']", "data-name"),
        champ.name
    );
    // Seed 001's plan on the champion's revenue: 8% up to 1,000,000, 10% above, 5% on the excess.
    assert_eq!(
        champ.commission.total,
        targetline_core::evaluation::compute(
            &targetline_core::evaluation::CommissionPlan::seed_default(),
            champ.revenue_actual,
            champ.revenue_target
        )
        .total
    );
    env.shot(&s, "60-evaluation-zh");

    // Weights that do not total 100% are refused with the total named; revenue alone ranks
    // like the dashboard's ranking.
    s.click("#eval-weights");
    s.wait("dialog[open] tr.weight-row");
    s.script(
        "const rows = [...document.querySelectorAll('dialog[open] tr.weight-row')];
         rows.slice(1).forEach((r) => r.remove());
         const first = rows[0];
         first.querySelector('select').value = 'revenue';
         const w = first.querySelector(\"input[name='weight']\"); w.value = '90'; w.dispatchEvent(new Event('input'));",
        json!([]),
    );
    s.click("#weights-ok");
    s.wait_until(
        "the weights message",
        "return document.querySelector(\"[data-testid='weights-status']\")?.innerText.includes('90.00%')",
    );
    s.script(
        "const w = document.querySelector(\"dialog[open] input[name='weight']\"); w.value = '100'; w.dispatchEvent(new Event('input'));",
        json!([]),
    );
    s.click("#weights-ok");
    s.wait("[data-testid='scorecards'] th:nth-child(4):nth-last-child(7)");
    let r = expected();
    assert_eq!(r.items.len(), 1);
    assert!(matches(&s, &r));
    let ranking = {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        targetline_core::variance::Engine::new(&ws)
            .unwrap()
            .ranking(&targetline_core::variance::VarianceQuery::new(
                "revenue", "/", "2026-Q3",
            ))
            .unwrap()
    };
    assert_eq!(r.rows[0].name, ranking.rows[0].name);

    // A stepped plan pays the reached band's rate on all of the revenue.
    s.click("#eval-plan");
    s.wait("dialog[open] select[name='kind']");
    set_select(&s, "dialog[open] select[name='kind']", "stepped");
    let before = shown(&s);
    s.click("#plan-ok");
    let start = std::time::Instant::now();
    let r = loop {
        let r = expected();
        if r.plan.kind == targetline_core::evaluation::CommissionKind::Stepped && matches(&s, &r) {
            break r;
        }
        assert!(
            start.elapsed().as_secs() < 20,
            "the stepped plan never showed"
        );
        std::thread::sleep(std::time::Duration::from_millis(150));
    };
    // Above 1,000,000 the whole revenue now earns 10%: 陈静 and the like earn more than before.
    let big = r
        .rows
        .iter()
        .find(|x| x.revenue_actual > 100_000_000)
        .unwrap();
    let stepped = {
        let mut plan = targetline_core::evaluation::CommissionPlan::seed_default();
        plan.kind = targetline_core::evaluation::CommissionKind::Stepped;
        plan
    };
    assert_eq!(
        big.commission.total,
        targetline_core::evaluation::compute(&stepped, big.revenue_actual, big.revenue_target)
            .total
    );
    let was = before.iter().find(|x| x.0 == big.name).unwrap().3;
    assert!(
        big.commission.total > was,
        "{} > {was}",
        big.commission.total
    );

    // The table for the meeting: one line per person.
    let csv = env.dir.path().join("计分卡.csv");
    env.answer_dialog(&csv);
    s.click("#eval-csv");
    s.wait_until(
        "the CSV notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('计分卡.csv')",
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 31);

    // Customers by potential (seed 001): the demo's 30 A, 53 B and 37 C. Judging the first
    // B-class customer to double makes it A-class, here and in the core.
    let customers = || {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        targetline_core::customers::report(&ws).unwrap()
    };
    s.wait("[data-testid='customers'] .kpi[data-class='A']");
    let counts = |s: &Session| {
        s.script(
            "return ['A', 'B', 'C'].map((c) => Number(document.querySelector(`[data-testid='customers'] .kpi[data-class='${c}']`).dataset.customers))",
            json!([]),
        )
    };
    assert_eq!(counts(&s), json!([30, 53, 37]));
    let before = customers();
    let b = before
        .rows
        .iter()
        .find(|c| c.class == targetline_core::customers::Class::B)
        .unwrap();
    set_input(&s, &format!("input[data-growth='{}']", b.id), "2.00");
    s.wait_until(
        "the new class",
        &format!("return document.querySelector(\"[data-testid='customer-table'] tr[data-customer='{}']\")?.dataset.class === 'A'", b.name),
    );
    assert_eq!(counts(&s), json!([31, 52, 37]));
    let after = customers();
    let c = after.rows.iter().find(|c| c.id == b.id).unwrap();
    assert_eq!((c.growth_bp, c.potential), (20_000, b.contribution * 2));
    s.script(
        "document.querySelector(\"[data-testid='customers']\").scrollIntoView()",
        json!([]),
    );
    env.shot(&s, "60-customers-zh");
    s.click("button[data-lang='en']");
    s.wait_until("English", "return document.querySelector(\"[data-testid='evaluation-subtitle']\")?.innerText.includes('as of')");
    env.shot(&s, "61-evaluation-en");
    s.wait_until(
        "the customers in English",
        "return document.querySelector(\"[data-testid='customers'] h2\")?.textContent.startsWith('Customers')",
    );
    s.script(
        "document.querySelector(\"[data-testid='customers']\").scrollIntoView()",
        json!([]),
    );
    env.shot(&s, "62-customers-en");
}

fn set_input(s: &Session, css: &str, value: &str) {
    s.script(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));",
        json!([css, value]),
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_review_verifies_improvements_from_the_data_and_collects_weekly_reports() {
    let env = env();
    let ws_path = env.dir.path().join("review.targetline");
    let s = env.launch(Some(&ws_path));
    s.wait("[data-testid='kpi-target']");
    section(&s, "reviews");
    s.wait("[data-testid='reviews-empty']");
    set_select(&s, "#review-node", "/华东");
    set_select(&s, "#review-period", "2026-Q2");
    set_input(&s, "#review-title", "华东二季度复盘");
    s.click("#review-create");
    s.wait("[data-testid='review'] [data-testid='review-results'] tr[data-metric='revenue']");
    // ① The results are the core's figures for 华东 in Q2.
    let id: i64 = s.attr("[data-testid='review']", "data-id").parse().unwrap();
    let core = || {
        let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
        targetline_core::review::get(&ws, id).unwrap()
    };
    let revenue = core().results[0].short_term[0].figures.actual;
    assert_eq!(revenue, 995_739_825);
    assert_eq!(
        s.attr(
            "[data-testid='review-results'] tr[data-metric='revenue']",
            "data-actual"
        ),
        revenue.to_string()
    );
    // ② The data proposes 华东一组 (101.50%) as a success; use it, then add a root cause.
    s.wait("[data-testid='review-prompts'] li[data-subject='华东一组'] button");
    s.click("[data-testid='review-prompts'] li[data-subject='华东一组'] button");
    set_select(
        &s,
        "[data-testid='finding-form'] select[name='category']",
        "method",
    );
    s.click("#finding-add");
    s.wait("[data-testid='findings'] tr[data-kind='success'][data-category='method']");
    set_select(
        &s,
        "[data-testid='finding-form'] select[name='kind']",
        "cause",
    );
    set_select(
        &s,
        "[data-testid='finding-form'] select[name='category']",
        "market",
    );
    s.script(
        "document.querySelector(\"[data-testid='finding-form'] input[name='controllable']\").checked = false",
        json!([]),
    );
    set_input(
        &s,
        "[data-testid='finding-form'] input[name='text']",
        "竞品降价抢单",
    );
    s.click("#finding-add");
    s.wait("[data-testid='findings'] tr[data-kind='cause'][data-category='market']");
    let f = core().findings;
    assert_eq!(f.len(), 2);
    assert_eq!(
        f[0].text,
        "华东一组营收达成 101.50%，超额完成：总结成功的关键因素"
    );
    assert_eq!(
        (f[1].text.as_str(), f[1].controllable),
        ("竞品降价抢单", false)
    );
    // The root cause is on the market bone of the fishbone; a click on the people bone files the
    // next cause there. The PNG for slides is drawn at 2×.
    s.wait_until(
        "the fishbone",
        "return decodeURIComponent(document.querySelector(\"[data-testid='fishbone'] img\")?.src ?? '').includes('竞品降价抢单')",
    );
    assert_eq!(
        s.script(
            "return document.querySelectorAll(\"[data-testid='fishbone'] .hit\").length",
            json!([])
        ),
        json!(6)
    );
    s.click("[data-testid='fishbone'] .hit[data-bone='people']");
    assert_eq!(
        s.script("return document.querySelector(\"[data-testid='finding-form'] select[name='category']\").value", json!([])),
        json!("people")
    );
    let png = env.dir.path().join("鱼骨图.png");
    env.answer_dialog(&png);
    s.click("#fishbone-png");
    s.wait_until(
        "the fishbone PNG",
        "return document.querySelector('.banner.notice')?.innerText.includes('鱼骨图.png')",
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1920);
    s.script(
        "document.querySelector(\"[data-testid='fishbone']\").scrollIntoView()",
        json!([]),
    );
    env.shot(&s, "59-review-fishbone-zh");
    // ④ An improvement verified from the data: revenue +10% in Q3. A bad threshold is said
    // plainly and the dialog keeps what was typed.
    s.click("#improvement-add");
    s.wait("dialog[open] input[name='text']");
    set_input(
        &s,
        "dialog[open] input[name='text']",
        "重点客户季度营收提升 10%",
    );
    set_select(
        &s,
        "dialog[open] select[name='owner']",
        "/华东/华东一组/张三",
    );
    set_input(&s, "dialog[open] input[name='due']", "2026-09-30");
    set_select(&s, "dialog[open] select[name='metric']", "revenue");
    set_select(&s, "dialog[open] select[name='window']", "2026-Q3");
    set_input(&s, "dialog[open] input[name='threshold']", "十");
    s.click("#item-save");
    s.wait_until(
        "the threshold message",
        "return document.querySelector(\"[data-testid='item-status']\")?.textContent.includes('阈值“十”无效')",
    );
    set_input(&s, "dialog[open] input[name='threshold']", "10");
    s.click("#item-save");
    s.wait("[data-testid='improvements'] tr[data-item]");
    let item = &core().improvements[0];
    let v = item.verification.as_ref().unwrap();
    assert_eq!(
        (v.baseline, v.required, v.measured),
        (Some(995_739_825), Some(1_095_313_808), Some(953_679_674))
    );
    assert_eq!(
        s.attr("[data-testid='improvements'] tr[data-item]", "data-status"),
        "missed"
    );
    assert_eq!(
        s.script("return document.querySelector(\"[data-testid='improvements'] [data-testid='verify-figures']\").textContent", json!([])),
        json!("基线 995.74万 → 要求 1,095.31万，实测 953.68万")
    );
    assert_eq!(item.owner_name.as_deref(), Some("张三"));
    // Edited in place: holding within −5% is what Q3 did, so the item is met.
    s.click("[data-testid='improvements'] button[data-edit-item]");
    s.wait_until(
        "the item's threshold",
        "return document.querySelector(\"dialog[open] input[name='threshold']\")?.value === '10.00'",
    );
    set_input(&s, "dialog[open] input[name='threshold']", "-5");
    s.click("#item-save");
    s.wait("[data-testid='improvements'] tr[data-item][data-status='met']");
    let v = core().improvements[0].verification.clone().unwrap();
    assert_eq!(v.required, Some(945_952_834));
    // And back to +10%, which Q3 missed.
    s.click("[data-testid='improvements'] button[data-edit-item]");
    s.wait("dialog[open] input[name='threshold']");
    set_input(&s, "dialog[open] input[name='threshold']", "10");
    s.click("#item-save");
    s.wait("[data-testid='improvements'] tr[data-item][data-status='missed']");
    // Seed 001's check on one customer type: A-class conversion of at least 25% in Q3.
    s.click("#improvement-add");
    s.wait("dialog[open] input[name='text']");
    set_input(
        &s,
        "dialog[open] input[name='text']",
        "A 类客户转化率达到 25%",
    );
    set_select(&s, "dialog[open] select[name='metric']", "conversion_rate");
    set_select(&s, "dialog[open] select[name='member']", "customer_type:A");
    set_select(&s, "dialog[open] select[name='thresholdKind']", "absolute");
    set_input(&s, "dialog[open] input[name='threshold']", "25");
    set_select(&s, "dialog[open] select[name='window']", "2026-Q3");
    s.click("#item-save");
    s.wait("[data-testid='improvements'] tr[data-item]:nth-of-type(3)");
    let a = core().improvements[1].clone();
    let check = a.check.clone().unwrap();
    assert_eq!(
        check.dimension.map(|d| (d.dim, d.code)),
        Some(("customer_type".to_string(), "A".to_string()))
    );
    let status = serde_json::to_value(a.verification.unwrap().status).unwrap();
    assert_eq!(
        s.attr(
            &format!("[data-testid='improvements'] tr[data-item='{}']", a.id),
            "data-status"
        ),
        status.as_str().unwrap()
    );
    env.shot(&s, "60-review-zh");
    // Into the action plan, where it is scheduled like any other action.
    s.click(&format!(
        "[data-testid='improvements'] button[data-to-plan='{}']",
        item.id
    ));
    s.wait_until(
        "the plan notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('已加入行动计划：重点客户季度营收提升 10%')",
    );
    // The review as a table for the meeting.
    let xlsx = env.dir.path().join("复盘.xlsx");
    env.answer_dialog(&xlsx);
    s.click("#review-xlsx");
    s.wait_until(
        "the XLSX",
        "return document.querySelector('.banner.notice')?.innerText.includes('复盘.xlsx')",
    );
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    // Closed, it is read only.
    s.click("#review-close");
    s.wait("[data-testid='review'][data-closed='true']");
    assert!(s.find("#finding-add").is_none());
    assert!(core().summary.closed);
    s.click("button[data-lang='en']");
    s.wait_until(
        "English",
        "return document.querySelector(\"[data-testid='improvements'] [data-testid='verify-figures']\")?.textContent === 'baseline 9,957,398 → required 10,953,138, measured 9,536,797'",
    );
    env.shot(&s, "61-review-en");
    s.click("button[data-lang='zh-CN']");
    s.wait_until(
        "Chinese again",
        "return document.querySelector(\"[data-testid='improvements'] [data-testid='verify-figures']\")?.textContent.startsWith('基线')",
    );

    // The weekly 3-2-1: a blank problem is refused with its name; then the week shows 1 of 5.
    s.wait("button[data-tab='weekly']");
    s.click("button[data-tab='weekly']");
    s.wait("[data-testid='weekly-status']");
    set_input(&s, "#weekly-week", "2026-W42");
    s.wait("[data-testid='weekly-table'] tr[data-person='/华东/华东一组/张三'][data-submitted='false']");
    let people = s.script(
        "return document.querySelectorAll(\"[data-testid='weekly-table'] tr[data-person]\").length",
        json!([]),
    );
    s.click("button[data-edit-weekly='/华东/华东一组/张三']");
    s.wait("dialog[open] input[data-weekly='h0']");
    for (k, v) in [
        ("h0", "签下A类客户"),
        ("h1", "拜访 9 家"),
        ("h2", "回款 30 万"),
        ("p0", "报价审批慢"),
        ("r", "申请 2 台样机"),
    ] {
        set_input(&s, &format!("dialog[open] input[data-weekly='{k}']"), v);
    }
    s.click("#weekly-save");
    s.wait_until(
        "the blank problem",
        "return document.querySelector(\"[data-testid='weekly-error']\")?.textContent.startsWith('第 2 个问题为空')",
    );
    set_input(&s, "dialog[open] input[data-weekly='p1']", "样机不足");
    s.click("#weekly-save");
    s.wait(
        "[data-testid='weekly-table'] tr[data-person='/华东/华东一组/张三'][data-submitted='true']",
    );
    assert_eq!(
        s.attr("[data-testid='weekly-status']", "data-submitted"),
        "1"
    );
    let ws = targetline_core::Workspace::open_existing(&ws_path).unwrap();
    let w = targetline_core::review::weekly::week(&ws, "/华东/华东一组", "2026-W42").unwrap();
    assert_eq!(json!(w.rows.len()), people);
    let mine = w.rows.iter().find(|r| r.name == "张三").unwrap();
    assert_eq!(mine.report.as_ref().unwrap().problems[1], "样机不足");
    env.shot(&s, "62-weekly-zh");
    // The improvement is in the Gantt under the review's objective, owned by 张三.
    section(&s, "plans");
    s.wait_until(
        "the improvement in the plan",
        "const p = document.querySelector('tl-plans')?.data?.plan; const t = p?.tasks.find((t) => t.title === '重点客户季度营收提升 10%'); return !!t && t.ownerName === '张三' && p.tasks.some((x) => x.id === t.parentId && x.title === '华东 2026-Q2 复盘改进');",
    );
}
