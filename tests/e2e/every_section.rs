//! Every section at 1024×700, in Chinese then in English: nothing sticks out of the page; each
//! wide table scrolls sideways in its own frame with its first column kept in view, opaque and
//! edged, so scrolled to its right end no other column shows through or beside it as part of the
//! name; the Gantt's task table and its timeline share the pane and every task column is reached
//! with the keyboard.

use super::env;
use super::webdriver::{keys, Session};
use serde_json::json;

/// What is out of reach in the section on screen: the page scrolling sideways, or a table wider
/// than its box whose box does not scroll or whose first column does not stay in view.
const OUT_OF_REACH: &str = r#"
const c = document.querySelector('main.content');
const bad = [];
if (c.scrollWidth > c.clientWidth + 1) bad.push(`page ${c.scrollWidth} > ${c.clientWidth}`);
for (const t of c.querySelectorAll('table')) {
  if (!t.offsetParent) continue;
  const box = t.parentElement;
  if (t.scrollWidth <= box.clientWidth + 1) continue;
  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
  const first = t.querySelector('tr > :first-child');
  const sticky = !!first && getComputedStyle(first).position === 'sticky';
  if (!scrolls || !sticky) bad.push(`${t.dataset.testid ?? t.className}: scrolls ${scrolls}, sticky ${sticky}`);
}
return bad;"#;

/// Scrolls every wide table the helper drew (ui/js/wide-table.js) to its right end (reading the
/// result is the test; the user's own scrolling is the Gantt's keyboard walk below).
const SCROLL_WIDE_TABLES: &str = r#"
const frames = [...document.querySelectorAll('main.content .table-scroll[data-wide-table]')]
  .filter((f) => f.offsetParent && f.scrollWidth > f.clientWidth + 1);
for (const f of frames) f.scrollLeft = f.scrollWidth;
return frames.length;"#;

/// Each wide table scrolled to its right end: the kept name cells are opaque and lie above the
/// cells that pass beneath them, the frame casts its edge shadow, and every kept cell shows its
/// whole label (it fits, or its tooltip holds it).
const KEPT_COLUMN_WHOLE: &str = r#"
const bad = [];
for (const f of document.querySelectorAll('main.content .table-scroll[data-wide-table]')) {
  if (!f.offsetParent || f.scrollWidth <= f.clientWidth + 1) continue;
  const t = f.querySelector('table');
  const name = t.dataset.testid ?? t.className;
  if (!f.classList.contains('scrolled')) { bad.push(`${name}: no edge shadow when scrolled`); continue; }
  const kept = t.classList.contains('sticky-two') ? 2 : 1;
  for (const row of t.querySelectorAll('tr')) {
    const cell = row.children[kept - 1];
    if (!cell) continue;
    const st = getComputedStyle(cell);
    const bg = st.backgroundColor.match(/[\d.]+/g)?.map(Number) ?? [];
    if (bg.length === 4 && bg[3] < 1) bad.push(`${name}: kept cell see-through ${st.backgroundColor}`);
    const r = cell.getBoundingClientRect();
    const at = document.elementFromPoint(r.right - 2, r.top + r.height / 2);
    if (at && !cell.contains(at) && f.contains(at)) bad.push(`${name}: "${at.textContent.trim()}" over "${cell.textContent.trim()}"`);
    const text = cell.textContent.trim();
    if (text && cell.scrollWidth > cell.clientWidth + 1 && cell.title !== text) bad.push(`${name}: "${text}" cut`);
  }
}
return bad;"#;

/// The Gantt's pane: the task table and the timeline both have room, and where the focused task
/// cell is, relative to the kept title cell and its column header.
const GANTT_PANE: &str = r#"
const pane = document.querySelector('tl-gantt').getBoundingClientRect();
const table = document.querySelector('tl-gantt .g-tbody').getBoundingClientRect();
const time = document.querySelector('tl-gantt .g-time').getBoundingClientRect();
const cell = document.activeElement;
const row = cell.closest('.g-tr');
const title = row.querySelector('.g-td').getBoundingClientRect();
const c = cell.getBoundingClientRect();
const th = document.querySelector(`tl-gantt .g-th[data-col='${['title','owner','start','finish','progress','priority'][Number(cell.dataset.col)]}']`).getBoundingClientRect();
return {
  tableWidth: Math.round(table.width), timeWidth: Math.round(time.width), paneRight: Math.round(pane.right),
  timeRight: Math.round(time.right), col: Number(cell.dataset.col),
  inView: c.left >= table.left - 1 && c.right <= table.right + 1,
  titleKept: Math.abs(title.left - table.left) <= 1, clear: title.right <= c.left + 1,
  headerAligned: Math.abs(th.left - c.left) <= 1,
};"#;

/// Walks the Gantt's first task row to its last column with Tab, then back with Shift+Tab.
fn gantt_columns_reached(s: &Session, lang: &str) {
    s.pointer_click(".g-tr[data-task] .g-td[data-col='0']", 0, 0);
    s.wait_until(
        "the title cell focused",
        "return document.activeElement?.dataset?.col === '0'",
    );
    for _ in 0..5 {
        s.press(&[], keys::TAB);
    }
    s.wait_until(
        "the last column focused",
        "return document.activeElement?.dataset?.col === '5'",
    );
    // The header follows the rows' sideways scroll on the next frame.
    s.wait_until(
        "the header over the focused column",
        &format!("return (() => {{ {GANTT_PANE} }})().headerAligned"),
    );
    let at = s.script(GANTT_PANE, json!([]));
    assert!(at["tableWidth"].as_i64().unwrap() >= 220, "{lang}: {at}");
    assert!(at["timeWidth"].as_i64().unwrap() >= 300, "{lang}: {at}");
    assert!(
        at["timeRight"].as_i64().unwrap() <= at["paneRight"].as_i64().unwrap(),
        "{lang}: {at}"
    );
    for key in ["inView", "titleKept", "clear", "headerAligned"] {
        assert_eq!(at[key], json!(true), "{lang} priority column: {key} {at}");
    }
    for _ in 0..5 {
        s.press(&[keys::SHIFT], keys::TAB);
    }
    s.wait_until(
        "back on the title",
        "return document.activeElement?.dataset?.col === '0'",
    );
    s.wait_until(
        "the header back over the title",
        &format!("return (() => {{ {GANTT_PANE} }})().headerAligned"),
    );
    let at = s.script(GANTT_PANE, json!([]));
    assert_eq!(at["inView"], json!(true), "{lang} title column: {at}");
    assert_eq!(
        at["headerAligned"],
        json!(true),
        "{lang} title column: {at}"
    );
}

/// Every section a manager reads at 1024×700, in Chinese then in English.
#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn every_section_is_usable_at_1024_by_700() {
    let env = env();
    let db = env.dir.path().join("small.targetline");
    let s = env.launch(Some(&db));
    s.wait("[data-testid='kpi-target']");
    s.set_window_size(1024, 700);
    let sections = [
        ("dashboard", "[data-testid='kpi-target']"),
        ("targets", ".tg-cell[data-period]"),
        ("evaluation", "[data-testid='scorecards'] tr[data-person]"),
        (
            "reviews",
            "[data-testid='reviews'], [data-testid='reviews-empty']",
        ),
        ("plans", ".g-tr[data-task]"),
        ("actuals", "[data-testid='batches'] table"),
        (
            "settings",
            "[data-testid='metrics-table'] tr[data-code='revenue']",
        ),
    ];
    for lang in ["zh", "en"] {
        if lang == "en" {
            super::section(&s, "dashboard");
            super::switch_lang(&s, "en");
        }
        for (id, ready) in sections {
            super::section(&s, id);
            s.wait(ready);
            // The charts redraw at their size once the window has settled.
            if id == "dashboard" {
                s.wait_until(
                    "the charts at their shown size",
                    super::dashboard_read::CHARTS_AT_SIZE,
                );
            }
            assert_eq!(
                s.script(OUT_OF_REACH, json!([])),
                json!([]),
                "{id} at 1024×700 ({lang})"
            );
            env.shot(&s, &format!("80-{id}-1024-{lang}"));
            if s.script(SCROLL_WIDE_TABLES, json!([])).as_i64() > Some(0) {
                s.wait_until(
                    "the scrolled frames marked",
                    "return [...document.querySelectorAll('main.content .table-scroll[data-wide-table]')].every((f) => f.scrollLeft === 0 || f.classList.contains('scrolled'))",
                );
                assert_eq!(
                    s.script(KEPT_COLUMN_WHOLE, json!([])),
                    json!([]),
                    "{id} scrolled to the right at 1024×700 ({lang})"
                );
                env.shot(&s, &format!("81-{id}-1024-scrolled-{lang}"));
            }
            if id == "plans" {
                gantt_columns_reached(&s, lang);
                env.shot(&s, &format!("82-gantt-1024-{lang}"));
            }
        }
    }
}
