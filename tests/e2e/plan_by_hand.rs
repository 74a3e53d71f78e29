//! The action plan kept by hand, from a new workspace, with the keys of a planning tool: the
//! first action from the toolbar, then Insert adds the next one below and names it right away,
//! Alt+Shift+→ indents, Ctrl+Z undoes, F2 renames, Delete asks first and Ctrl+Z brings the action
//! back with its sub-action. A link that would push an action that has started asks first and
//! shows the consequence: Cancel changes nothing, OK makes the link and moves the action.

use super::setup::{assistant_at, click_and_type};
use super::webdriver::{keys, Session};
use super::{env, section, switch_lang};
use serde_json::json;

/// The Gantt's rows as drawn: (title, depth).
fn rows(s: &Session) -> Vec<(String, i64)> {
    let v = s.script(
        "return document.querySelector('tl-gantt').rows.map((n) => [n.title, n.depth])",
        json!([]),
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_i64().unwrap()))
        .collect()
}

fn wait_rows(s: &Session, want: &[(&str, i64)]) {
    let want = json!(want);
    s.wait_until(
        &format!("the rows {want}"),
        &format!(
            "return JSON.stringify(document.querySelector('tl-gantt')?.rows?.map((n) => [n.title, n.depth])) === JSON.stringify({want})"
        ),
    );
}

/// Clicks the title cell of `title` (it takes the focus).
fn click_title(s: &Session, title: &str) {
    // The plan may still be reloading after the last step: wait until the action is in it.
    s.wait_until(
        &format!("action {title} in the plan"),
        &format!(
            "return !!document.querySelector('tl-plans')?.data?.plan?.tasks?.some((t) => t.title === {})",
            json!(title)
        ),
    );
    let id = s.script(
        "return document.querySelector('tl-plans').data.plan.tasks.find((t) => t.title === arguments[0]).id",
        json!([title]),
    );
    s.click(&format!(".g-tr[data-task='{id}'] .g-td[data-col='0']"));
    s.wait_until(
        "the title cell focused",
        &format!("return document.activeElement?.closest('.g-tr')?.dataset.task === '{id}'"),
    );
}

/// Types a new action's title into the editor that opens with it.
fn name_new_action(s: &Session, title: &str) {
    s.wait(".g-td input.g-input");
    s.wait_until(
        "the title editor focused",
        "return document.activeElement?.classList.contains('g-input')",
    );
    s.press(&[keys::CONTROL], "a");
    s.type_keys(title);
    s.press(&[], keys::ENTER);
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_plan_is_kept_by_hand_with_insert_indent_rename_delete_and_undo() {
    let env = env();
    let s = env.launch(None);
    section(&s, "settings");
    let db = env.dir.path().join("plan.targetline");
    env.answer_dialog(&db);
    s.click("#ws-new");
    assistant_at(&s, 1);
    click_and_type(&s, "#setup-company", "Nova");
    s.click("#assistant-next");
    assistant_at(&s, 2);
    click_and_type(&s, "#plan-year-input", "2026");
    s.click("#assistant-next");
    assistant_at(&s, 3);
    s.click("#assistant-finish");

    section(&s, "plans");
    s.wait("tl-gantt");
    s.click("#plan-add");
    name_new_action(&s, "Kickoff");
    wait_rows(&s, &[("Kickoff", 0)]);
    // Insert adds below the focused action and opens its title.
    click_title(&s, "Kickoff");
    s.press(&[], keys::INSERT);
    name_new_action(&s, "Visit clients");
    click_title(&s, "Visit clients");
    s.press(&[], keys::INSERT);
    name_new_action(&s, "Close deals");
    wait_rows(
        &s,
        &[("Kickoff", 0), ("Visit clients", 0), ("Close deals", 0)],
    );

    // Alt+Shift+→ makes it a sub-action of the one above; Ctrl+Z and Ctrl+Shift+Z.
    click_title(&s, "Close deals");
    s.press(&[keys::ALT, keys::SHIFT], keys::RIGHT);
    wait_rows(
        &s,
        &[("Kickoff", 0), ("Visit clients", 0), ("Close deals", 1)],
    );
    env.shot(&s, "plan-hand-01-indented-zh");
    s.press(&[keys::CONTROL], "z");
    wait_rows(
        &s,
        &[("Kickoff", 0), ("Visit clients", 0), ("Close deals", 0)],
    );
    s.press(&[keys::CONTROL, keys::SHIFT], "z");
    wait_rows(
        &s,
        &[("Kickoff", 0), ("Visit clients", 0), ("Close deals", 1)],
    );

    // F2 renames.
    click_title(&s, "Kickoff");
    s.press(&[], keys::F2);
    name_new_action(&s, "Kick-off meeting");
    wait_rows(
        &s,
        &[
            ("Kick-off meeting", 0),
            ("Visit clients", 0),
            ("Close deals", 1),
        ],
    );

    // Delete asks, naming the sub-action; cancel keeps it, OK deletes both, Ctrl+Z restores.
    click_title(&s, "Visit clients");
    s.press(&[], keys::DELETE);
    s.wait("[data-testid='plan-delete-dialog']");
    assert!(s
        .text("[data-testid='plan-delete-dialog']")
        .contains("1 项子举措"));
    env.shot(&s, "plan-hand-02-delete-zh");
    s.click("#plan-delete-cancel");
    wait_rows(
        &s,
        &[
            ("Kick-off meeting", 0),
            ("Visit clients", 0),
            ("Close deals", 1),
        ],
    );
    click_title(&s, "Visit clients");
    s.press(&[], keys::DELETE);
    s.click("#plan-delete-ok");
    wait_rows(&s, &[("Kick-off meeting", 0)]);
    s.press(&[keys::CONTROL], "z");
    wait_rows(
        &s,
        &[
            ("Kick-off meeting", 0),
            ("Visit clients", 0),
            ("Close deals", 1),
        ],
    );
    assert_eq!(rows(&s).len(), 3, "the restored plan has its three actions");

    // English: the toolbar and the question in English.
    switch_lang(&s, "en");
    section(&s, "plans");
    s.wait("#plan-add");
    assert_eq!(s.text("#plan-indent"), "Indent");
    env.shot(&s, "plan-hand-03-en");
    drop(s);

    // The file holds the outline as it was left.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let parent: String = conn
        .query_row(
            "SELECT p.title FROM action a JOIN action p ON p.id = a.parent_id WHERE a.title = 'Close deals'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(parent, "Visit clients");
}

/// Where the pointer goes on the Gantt's canvas, in viewport pixels: the link handle just after
/// the bar of `from` (`handle`), or the middle of its bar.
fn bar_point(s: &Session, id: i64, handle: bool) -> (i64, i64) {
    let v = s.script(
        "const g = document.querySelector('tl-gantt');
         const r = g.canvas.getBoundingClientRect();
         const row = g.rows.findIndex((n) => n.id === arguments[0]);
         const n = g.rows[row];
         const rowH = g.spacer.offsetHeight / g.rows.length;
         const x = (n.s - g.from) * g.ppd, w = Math.max((n.f - n.s + 1) * g.ppd, 2);
         const px = arguments[1] ? x + w + 8 : x + w / 2;
         const py = row * rowH + rowH / 2;
         return [Math.round(r.left + px - g.scroller.scrollLeft), Math.round(r.top + py - g.scroller.scrollTop)];",
        json!([id, handle]),
    );
    (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
}

/// Drags a link from the handle after `from`'s bar onto `to`'s bar, as a person does.
fn drag_link(s: &Session, from: i64, to: i64) {
    let (x0, y0) = bar_point(s, from, true);
    let (x1, y1) = bar_point(s, to, false);
    s.actions(json!([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
        "actions": [
            {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x0, "y": y0},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerMove", "duration": 150, "origin": "viewport", "x": (x0 + x1) / 2, "y": (y0 + y1) / 2},
            {"type": "pointerMove", "duration": 150, "origin": "viewport", "x": x1, "y": y1},
            {"type": "pointerUp", "button": 0}]}]));
}

/// (id, start, number of links) of the action `title` in the plan as loaded.
fn task(s: &Session, title: &str) -> (i64, String, i64) {
    let v = s.script(
        "const p = document.querySelector('tl-plans').data.plan;
         const t = p.tasks.find((x) => x.title === arguments[0]);
         return [t.id, t.start, p.links.length];",
        json!([title]),
    );
    (
        v[0].as_i64().unwrap(),
        v[1].as_str().unwrap().to_string(),
        v[2].as_i64().unwrap(),
    )
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn a_link_that_would_push_a_started_action_asks_first() {
    let env = env();
    let s = env.launch(None);
    section(&s, "settings");
    let db = env.dir.path().join("link.targetline");
    env.answer_dialog(&db);
    s.click("#ws-new");
    assistant_at(&s, 1);
    click_and_type(&s, "#setup-company", "Nova");
    s.click("#assistant-next");
    assistant_at(&s, 2);
    click_and_type(&s, "#plan-year-input", "2026");
    s.click("#assistant-next");
    assistant_at(&s, 3);
    s.click("#assistant-finish");

    section(&s, "plans");
    s.wait("tl-gantt");
    s.click("#plan-add");
    name_new_action(&s, "Prepare");
    click_title(&s, "Prepare");
    s.press(&[], keys::INSERT);
    name_new_action(&s, "Visit");
    wait_rows(&s, &[("Prepare", 0), ("Visit", 0)]);
    // Visit is under way: 10% done, typed into its progress cell (four cells right of the title).
    click_title(&s, "Visit");
    for _ in 0..4 {
        s.press(&[], keys::RIGHT);
    }
    s.press(&[], keys::ENTER);
    s.wait_until(
        "the progress editor",
        "return document.activeElement?.classList.contains('g-input')",
    );
    s.press(&[keys::CONTROL], "a");
    s.type_keys("10");
    s.press(&[], keys::ENTER);
    s.wait_until(
        "Visit at 10%",
        "return document.querySelector('tl-plans')?.data?.plan?.tasks?.find((t) => t.title === 'Visit')?.progressBp === 1000",
    );
    let (prepare, _, _) = task(&s, "Prepare");
    let (visit, visit_start, links) = task(&s, "Visit");
    assert_eq!(links, 0);

    // Prepare → Visit (finish to start) would push Visit, which has started: the dialog says so.
    drag_link(&s, prepare, visit);
    s.wait("[data-testid='link-dialog'][open] [data-testid='link-warnings'][data-ready='1']");
    let warning = s.text(&format!(
        "[data-testid='link-warnings'] li[data-pushed='{visit}']"
    ));
    assert!(
        warning.starts_with(&format!("“Visit”将从 {visit_start} 推迟到"))
            && warning.ends_with("——它已经开始了"),
        "{warning}"
    );
    env.shot(&s, "plan-hand-04-warned-link-zh");
    // The dialog waits for the answer: still open, the warning still shown.
    assert_eq!(
        s.script(
            "const d = document.querySelector(\"[data-testid='link-dialog']\"); return [d.open, d.querySelectorAll('li.warn-text').length]",
            json!([]),
        ),
        json!([true, 1])
    );
    // Cancel: no link, Visit where it was.
    s.click("[data-testid='link-dialog'] .actions button:last-child");
    s.wait_until(
        "the link dialog closed",
        "return !document.querySelector(\"[data-testid='link-dialog'][open]\")",
    );
    assert_eq!(task(&s, "Visit"), (visit, visit_start.clone(), 0));

    // Again, and OK: the link is made and Visit starts where the warning said.
    drag_link(&s, prepare, visit);
    s.wait("[data-testid='link-dialog'][open] [data-testid='link-warnings'][data-ready='1']");
    let warning = s.text(&format!(
        "[data-testid='link-warnings'] li[data-pushed='{visit}']"
    ));
    let moved_to = warning
        .split("推迟到 ")
        .nth(1)
        .unwrap()
        .chars()
        .take(10)
        .collect::<String>();
    assert!(moved_to > visit_start, "{moved_to} after {visit_start}");
    s.click("#link-ok");
    s.wait_until(
        "the link made",
        "return document.querySelector('tl-plans')?.data?.plan?.links?.length === 1",
    );
    assert_eq!(task(&s, "Visit"), (visit, moved_to, 1));
}
