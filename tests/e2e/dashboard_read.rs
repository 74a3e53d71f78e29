//! Reading the dashboard like a manager does, in the real window: each chart is drawn once, at
//! the size it is shown; hovering a bar shows its exact figures (added up here from the rows);
//! the arrow goes to the previous quarter; last year's same period and its growth are shown;
//! after a resize to 1024×700 the charts are drawn again at their new size with no text under
//! 12 px and nothing sticks out of the page.

use super::{env, fmt_yuan_grouped};
use serde_json::json;
use std::path::Path;

/// Revenue of the people under the unit `name` between two days, summed from the rows.
fn sum(db: &Path, name: &str, from: &str, to: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(
        "WITH RECURSIVE under(id) AS (SELECT id FROM org_unit WHERE name = ?1
             UNION ALL SELECT o.id FROM org_unit o JOIN under u ON o.parent_id = u.id)
         SELECT IFNULL(SUM(a.amount), 0) FROM actual a WHERE a.person_id IN (SELECT id FROM under)
         AND a.date BETWEEN ?2 AND ?3 AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
        [name, from, to],
        |r| r.get(0),
    )
    .unwrap()
}

/// The demo with last year's sales: every line of 2026 again a year earlier at 80%.
fn demo_with_last_year(path: &Path) {
    let (ws, _) = targetline_core::Workspace::open_or_create_demo(path).unwrap();
    let c = ws.conn();
    c.execute(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', '2025.csv', 'ly', '2026-01-02T00:00:00')",
        [],
    )
    .unwrap();
    let batch = c.last_insert_rowid();
    c.execute(
        "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
         SELECT ?1, date(date, '-1 year'), person_id, metric_id, amount * 4 / 5, 'ly:' || fingerprint FROM actual",
        [batch],
    )
    .unwrap();
    targetline_core::store::batches::after_commit(c, batch).unwrap();
}

/// Every chart is shown at the size it was drawn at (the size the window computes from its
/// stage's width), and no SVG text is under 12 CSS px as shown.
pub(crate) const CHARTS_AT_SIZE: &str = r#"
const figs = [...document.querySelectorAll('tl-dashboard figure.chart')];
if (figs.length !== 4) return false;
return figs.every((f) => {
  const stage = f.querySelector('.chart-stage');
  const img = stage?.querySelector('img');
  if (!img || !img.clientWidth) return false;
  const w = Math.max(320, Math.round(stage.clientWidth));
  return Number(stage.dataset.drawnWidth) === w;
});"#;

const SMALLEST_TEXT: &str = r#"
let min = 1e9;
for (const f of document.querySelectorAll('tl-dashboard figure.chart')) {
  const stage = f.querySelector('.chart-stage');
  const img = stage.querySelector('img');
  const svg = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
  const scale = img.clientWidth / Number(stage.dataset.drawnWidth);
  for (const m of svg.matchAll(/font-size="([0-9.]+)/g)) min = Math.min(min, Number(m[1]) * scale);
}
return min;"#;

/// Scrolls `css` into the middle of the window (as the wheel would) and moves the pointer onto it.
fn hover(s: &super::webdriver::Session, css: &str) {
    s.wait(css);
    s.script(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        json!([css]),
    );
    s.hover(css, 0, 0);
}

/// The tooltip of `figure`'s mark: its line labelled `label`, as [raw, shown].
fn tip_line(s: &super::webdriver::Session, figure: &str, label: &str) -> (String, String) {
    s.wait(&format!(
        "figure[data-chart='{figure}'] .chart-tip:not([hidden]) .tip-line[data-label='{label}']"
    ));
    let v = s.script(
        "const l = document.querySelector(`figure[data-chart='${arguments[0]}'] .chart-tip .tip-line[data-label='${arguments[1]}']`); return [l.dataset.raw, l.querySelector('.tip-value').textContent];",
        json!([figure, label]),
    );
    (
        v[0].as_str().unwrap().to_string(),
        v[1].as_str().unwrap().to_string(),
    )
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_dashboard_reads_exact_figures_moves_between_periods_and_redraws_at_its_size() {
    let env = env();
    let db = env.dir.path().join("read.targetline");
    demo_with_last_year(&db);
    // The window opens at 1280×800.
    let s = env.launch(Some(&db));
    s.wait("[data-testid='kpi-target']");
    s.wait_until("the charts at their shown size", CHARTS_AT_SIZE);
    // Drawn once: the first request already had the measured size, so nothing was redrawn.
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert_eq!(
        s.script(
            "return document.querySelector('tl-dashboard').dataset.chartRedraws ?? '0'",
            json!([])
        ),
        json!("0")
    );

    // The quarter, then a bar: its tooltip holds 华东's Q4 actual to the fen.
    s.click("button[data-period='quarter']");
    s.wait_until("the quarter", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('2026-Q4')");
    let bar = "figure[data-chart='achievement'] .hit[data-hit-node='/华东']";
    hover(&s, bar);
    let q4 = sum(&db, "华东", "2026-10-01", "2026-10-15");
    assert_eq!(
        tip_line(&s, "achievement", "实际"),
        (q4.to_string(), fmt_yuan_grouped(q4))
    );
    assert_eq!(tip_line(&s, "achievement", "期间").1, "2026-Q4");
    env.shot(&s, "40-dashboard-tooltip-zh");
    // Last year's Q4 to 15 October, and the growth over it, added up from the rows.
    let ly = sum(&db, "星辰智能科技", "2025-10-01", "2025-10-15");
    let now = sum(&db, "星辰智能科技", "2026-10-01", "2026-10-15");
    assert_eq!(
        s.attr("[data-testid='kpi-last-year']", "data-value"),
        ly.to_string()
    );
    let growth = ((now - ly) as f64 * 10_000.0 / ly as f64).round() as i64;
    assert_eq!(
        s.attr("[data-testid='kpi-last-year'] [data-growth]", "data-growth"),
        growth.to_string()
    );

    // The arrow to the previous period: Q3, and the same bar now holds Q3's actual.
    s.script(
        "document.querySelector('main.content').scrollTo(0, 0)",
        json!([]),
    );
    s.pointer_click("button[data-period-step='previous']", 0, 0);
    s.wait_until("Q3", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('2026-Q3')");
    hover(&s, bar);
    let q3 = sum(&db, "华东", "2026-07-01", "2026-09-30");
    assert_eq!(
        tip_line(&s, "achievement", "实际"),
        (q3.to_string(), fmt_yuan_grouped(q3))
    );
    // Q3 is over: its champion is named for the quarter.
    assert!(s
        .text("[data-testid='champion']")
        .starts_with("2026-Q3 季度冠军"));
    // The run-rate table: the company and its regions, each tier.
    assert_eq!(
        s.script(
            "return document.querySelectorAll(\"[data-testid='run-rate'] tr[data-rr]\").length",
            json!([])
        ),
        json!(4)
    );
    // Q3 is over: the table says so instead of asking for a daily pace.
    assert!(s
        .text("[data-testid='run-rate-note']")
        .contains("个工作日已全部过去"));
    env.shot(&s, "41-dashboard-q3-zh");
    let smallest = s.script(SMALLEST_TEXT, json!([])).as_f64().unwrap();
    assert!(smallest >= 11.99, "chart text at {smallest} px");

    // A smaller window: the charts are drawn again at their new size; nothing sticks out.
    let drawn_before = s.attr(
        "figure[data-chart='cumulative'] .chart-stage",
        "data-drawn-width",
    );
    s.set_window_size(1024, 700);
    s.wait_until(
        "charts redrawn at the new size",
        &format!(
            "return document.querySelector(\"figure[data-chart='cumulative'] .chart-stage\")?.dataset.drawnWidth !== '{drawn_before}' && (() => {{ {CHARTS_AT_SIZE} }})()"
        ),
    );
    let smallest = s.script(SMALLEST_TEXT, json!([])).as_f64().unwrap();
    assert!(
        smallest >= 11.99,
        "chart text at {smallest} px after the resize"
    );
    assert_eq!(
        s.script(
            "const c = document.querySelector('main.content'); return c.scrollWidth <= c.clientWidth;",
            json!([])
        ),
        json!(true),
        "something sticks out of the page at 1024 px"
    );
    env.shot(&s, "42-dashboard-1024-zh");
    s.script(
        "document.querySelector(\"[data-testid='run-rate']\").scrollIntoView({ block: 'start' })",
        json!([]),
    );
    env.shot(&s, "43-dashboard-1024-runrate-zh");

    // The evaluation at 1024 px: the scorecards scroll sideways, rank and name stay in view.
    super::section(&s, "evaluation");
    s.wait("[data-testid='scorecards'] tr[data-person]");
    let kept = s.script(
        "const t = document.querySelector(\"[data-testid='scorecards']\"); const box = t.parentElement; box.scrollLeft = box.scrollWidth;
         const b = box.getBoundingClientRect(); const name = t.querySelector('tr[data-person] td:nth-child(2)').getBoundingClientRect();
         const last = [...t.querySelectorAll('tr:first-child th')].pop().getBoundingClientRect();
         return [name.left >= b.left - 1 && name.right <= b.right, last.right <= b.right + 1];",
        json!([]),
    );
    assert_eq!(kept, json!([true, true]), "scorecards at 1024 px");
    env.shot(&s, "46-evaluation-1024-zh");
    super::section(&s, "dashboard");
    s.wait("[data-testid='kpi-target']");

    // In English: the same tooltip, its words translated.
    s.click("button[data-lang='en']");
    s.wait_until("English figures", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('as of')");
    hover(&s, bar);
    assert_eq!(
        tip_line(&s, "achievement", "Actual"),
        (q3.to_string(), fmt_yuan_grouped(q3))
    );
    env.shot(&s, "44-dashboard-1024-tooltip-en");
    s.set_window_size(1280, 800);
    s.wait_until("charts at 1280", CHARTS_AT_SIZE);
    s.script(
        "document.querySelector(\"[data-testid='run-rate']\").scrollIntoView({ block: 'start' })",
        json!([]),
    );
    env.shot(&s, "45-dashboard-runrate-en");
}
