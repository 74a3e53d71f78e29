//! Typing into the target grid like Excel, with real key events only: a new manager starts from
//! File → New workspace, creates the year's plan in the set-up assistant, then types figures into
//! the grid's cells. Each value typed is read back exactly as typed (the first key is never lost),
//! F2 edits in place, Esc cancels, Tab and Enter commit and move, and text an input method is
//! still composing is never committed half-way. In Chinese and in English.

use super::webdriver::{keys, Session};
use super::{env, section, Env};
use serde_json::json;
use std::path::Path;

fn click_and_type(s: &Session, css: &str, text: &str) {
    s.click(css);
    s.press(&[keys::CONTROL], "a");
    s.type_keys(text);
}

/// File → New workspace, then the assistant: the company and a 2027 plan of 10,000,000 yuan.
pub(crate) fn new_workspace_with_plan(env: &Env, s: &Session, db: &Path, company: &str) {
    section(s, "settings");
    env.answer_dialog(db);
    s.click("#ws-new");
    s.wait("#setup-assistant[open]");
    click_and_type(s, "#setup-company", company);
    s.click("#assistant-next");
    click_and_type(s, "#plan-year-input", "2027");
    click_and_type(s, "#plan-target", "10000000");
    s.click("#assistant-next");
    s.click("#assistant-finish");
    s.wait_until(
        "the assistant closed",
        "return !document.querySelector('#setup-assistant')",
    );
}

pub(crate) fn cell_css(unit: &str, period: &str) -> String {
    format!(".tg-cell[data-unit='{unit}'][data-member=''][data-period='{period}']")
}

pub(crate) fn cell_value(s: &Session, unit: &str, period: &str) -> String {
    s.script(
        &format!(
            "return document.querySelector(\"{}\")?.dataset.value ?? null",
            cell_css(unit, period)
        ),
        json!([]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// The text the cell shows.
pub(crate) fn cell_text(s: &Session, unit: &str, period: &str) -> String {
    s.script(
        &format!(
            "return document.querySelector(\"{}\")?.textContent ?? null",
            cell_css(unit, period)
        ),
        json!([]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the cell holds `fen` (the grid reloads what was stored).
pub(crate) fn wait_value(s: &Session, unit: &str, period: &str, fen: i64) {
    s.wait_until(
        &format!("{unit} {period} = {fen} fen"),
        &format!(
            "return document.querySelector(\"{}\")?.dataset.value === '{fen}'",
            cell_css(unit, period)
        ),
    );
}

/// Clicks a cell and waits until it is the active one with the editor idle over it.
pub(crate) fn select_cell(s: &Session, unit: &str, period: &str) {
    let css = cell_css(unit, period);
    s.click(&css);
    s.wait(&format!("{css}.active"));
    s.wait_until(
        "the editor has the focus",
        "return document.activeElement?.dataset.testid === 'cell-editor' && document.activeElement.dataset.state === 'idle'",
    );
}

fn editor_state(s: &Session) -> String {
    s.script(
        "return document.querySelector(\"[data-testid='cell-editor']\").dataset.state",
        json!([]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn no_error(s: &Session) {
    assert!(
        s.find("[data-testid='error-banner']").is_none(),
        "an error is shown: {}",
        s.text("[data-testid='error-banner']")
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn typing_into_the_grid_keeps_every_key_like_excel() {
    let env = env();
    let s = env.launch(None);
    let db = env.dir.path().join("typing.targetline");
    new_workspace_with_plan(&env, &s, &db, "Acme");
    section(&s, "targets");
    s.wait(&cell_css("Acme", "2027-03"));

    // Select a month and type: every key counts, the first one too.
    select_cell(&s, "Acme", "2027-03");
    s.type_keys("500000");
    assert_eq!(editor_state(&s), "editing");
    s.press(&[], keys::ENTER);
    wait_value(&s, "Acme", "2027-03", 50_000_000);
    assert_eq!(cell_text(&s, "Acme", "2027-03"), "500,000.00");

    // Tab commits and moves right: the next key goes to April.
    select_cell(&s, "Acme", "2027-04");
    s.type_keys("123456");
    s.press(&[], keys::TAB);
    wait_value(&s, "Acme", "2027-04", 12_345_600);
    s.wait(&format!("{}.active", cell_css("Acme", "2027-05")));
    assert_eq!(cell_text(&s, "Acme", "2027-04"), "123,456.00");

    // 万 and 亿, grouping commas and full-width digits read as the import reads them.
    s.type_keys("3,500万");
    s.press(&[], keys::ENTER);
    wait_value(&s, "Acme", "2027-05", 3_500_000_000);
    select_cell(&s, "Acme", "2027-06");
    s.type_keys("1.2亿");
    s.press(&[], keys::ENTER);
    wait_value(&s, "Acme", "2027-06", 12_000_000_000);
    select_cell(&s, "Acme", "2027-07");
    s.type_keys("１２３４５");
    s.press(&[], keys::ENTER);
    wait_value(&s, "Acme", "2027-07", 1_234_500);
    no_error(&s);
    env.shot(&s, "targets-typing-01-zh");

    // Esc cancels: the value stays what it was.
    let before = cell_value(&s, "Acme", "2027-08");
    select_cell(&s, "Acme", "2027-08");
    s.type_keys("999");
    s.press(&[], keys::ESCAPE);
    assert_eq!(editor_state(&s), "idle");
    assert_eq!(cell_value(&s, "Acme", "2027-08"), before);

    // Arrow keys walk back to March (scrolled out of sight by now); F2 edits the current value
    // in place, the caret at its end.
    for _ in 0..5 {
        s.press(&[], keys::LEFT);
    }
    s.wait(&format!("{}.active", cell_css("Acme", "2027-03")));
    s.press(&[], keys::F2);
    assert_eq!(editor_state(&s), "editing");
    s.press(&[], keys::BACKSPACE);
    s.press(&[], keys::BACKSPACE);
    s.press(&[], keys::BACKSPACE);
    s.type_keys("7");
    s.press(&[], keys::ENTER);
    // "500000.00" less ".00" and a 7: 5,000,007.
    wait_value(&s, "Acme", "2027-03", 500_000_700);

    // An input method composing: its Enter (here a real Enter inside a composition the test
    // opens as the IME would) commits nothing; after compositionend, Enter commits.
    select_cell(&s, "Acme", "2027-09");
    let september = cell_value(&s, "Acme", "2027-09");
    s.script(
        "document.activeElement.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }))",
        json!([]),
    );
    s.type_keys("88");
    s.press(&[], keys::ENTER);
    assert_eq!(editor_state(&s), "editing");
    std::thread::sleep(std::time::Duration::from_millis(600));
    assert_eq!(cell_value(&s, "Acme", "2027-09"), september);
    s.script(
        "document.activeElement.dispatchEvent(new CompositionEvent('compositionend', { data: '88' }))",
        json!([]),
    );
    s.press(&[], keys::ENTER);
    wait_value(&s, "Acme", "2027-09", 8_800);
    no_error(&s);

    // Weeks are headed with their dates; typing into a week (it follows its month) shows a hint,
    // not an error, and changes nothing.
    s.click("button[data-view-kind='week']");
    s.wait(&cell_css("Acme", "2027-W10"));
    let head = s.script(
        "return [...document.querySelectorAll('.tg-head .tg-hcell')].map((c) => c.textContent).find((t) => t.startsWith('W01'))",
        json!([]),
    );
    assert_eq!(head, json!("W01 01-04–01-10"));
    let week = cell_value(&s, "Acme", "2027-W10");
    select_cell(&s, "Acme", "2027-W10");
    s.type_keys("5");
    s.wait("[data-testid='grid-hint']:not([hidden])");
    assert!(s.text("[data-testid='grid-hint']").contains("周"));
    assert_eq!(editor_state(&s), "idle");
    assert_eq!(cell_value(&s, "Acme", "2027-W10"), week);
    no_error(&s);
    env.shot(&s, "targets-typing-03-week-hint-zh");
    s.click("button[data-view-kind='month']");
    s.wait(&cell_css("Acme", "2027-10"));

    // The same in English.
    s.click("button[data-lang='en']");
    s.wait_until(
        "the window redrawn in English",
        "return document.querySelector(\"button[data-section='targets']\")?.innerText.includes('Targets')",
    );
    section(&s, "targets");
    s.wait(&cell_css("Acme", "2027-10"));
    let october: i64 = cell_value(&s, "Acme", "2027-10").parse().unwrap();
    select_cell(&s, "Acme", "2027-10");
    s.type_keys("654321");
    s.press(&[], keys::ENTER);
    wait_value(&s, "Acme", "2027-10", 65_432_100);
    assert_eq!(cell_text(&s, "Acme", "2027-10"), "654,321.00");
    no_error(&s);
    env.shot(&s, "targets-typing-02-en");

    // The undo history outlives the section: after a visit to the dashboard, Ctrl+Z takes the
    // typed value back and Ctrl+Shift+Z puts it again.
    section(&s, "dashboard");
    section(&s, "targets");
    s.wait(&cell_css("Acme", "2027-10"));
    assert_eq!(
        s.script(
            "return document.querySelector('#grid-undo').disabled",
            json!([])
        ),
        json!(false)
    );
    select_cell(&s, "Acme", "2027-10");
    s.press(&[keys::CONTROL], "z");
    wait_value(&s, "Acme", "2027-10", october);
    s.press(&[keys::CONTROL, keys::SHIFT], "z");
    wait_value(&s, "Acme", "2027-10", 65_432_100);
    no_error(&s);

    // The workspace holds exactly what was typed.
    drop(s);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let month = |p: &str| -> i64 {
        conn.query_row(
            "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.kind = 'company' AND t.period = ?1 AND t.dimension_id IS NULL",
            [p],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(month("2027-03"), 500_000_700);
    assert_eq!(month("2027-04"), 12_345_600);
    assert_eq!(month("2027-05"), 3_500_000_000);
    assert_eq!(month("2027-06"), 12_000_000_000);
    assert_eq!(month("2027-07"), 1_234_500);
    assert_eq!(month("2027-09"), 8_800);
    assert_eq!(month("2027-10"), 65_432_100);
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn a_remembered_choice_that_cannot_be_saved_says_so_and_the_edit_stays() {
    let env = env();
    let ws = env.dir.path().join("remember.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "targets");
    let team = "华东一组";
    s.wait(&cell_css(team, "2026-03"));
    // The settings cannot be written: a folder stands where the app writes them first.
    std::fs::create_dir_all(env.dir.path().join("config").join("settings.json.tmp")).unwrap();
    let march: i64 = cell_value(&s, team, "2026-03").parse().unwrap();
    let new = march + 1_000_000;
    select_cell(&s, team, "2026-03");
    s.type_keys(&format!("{}.{:02}", new / 100, new % 100));
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-remember");
    s.click("#choice-ok");
    // The demo's plan is approved: a reason is asked.
    s.wait("dialog[open] input[name='reason']");
    s.click("dialog[open] input[name='reason']");
    s.type_keys("board");
    s.click("#reason-ok");
    wait_value(&s, team, "2026-03", new);
    s.wait_until(
        "the notice that the choice was not remembered",
        "return document.querySelector('.banner.notice')?.textContent.includes('未能保存“记住我的选择”')",
    );
    env.shot(&s, "targets-typing-04-remember-failed-zh");
    // Not remembered: the next edit asks again (cancelled: nothing changes).
    select_cell(&s, team, "2026-04");
    s.type_keys("1");
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-cancel");
    s.click("#choice-cancel");
    assert_eq!(cell_value(&s, team, "2026-03"), new.to_string());
}
