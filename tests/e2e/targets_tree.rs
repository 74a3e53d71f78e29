//! Edits in the target grid go through the target tree, with real keys and clicks: the demo
//! company's three levels (regions, teams, people, each with targets) are what a parent-and-child
//! edit needs, and a blank workspace has no people with targets until a split is made, so these
//! journeys start from the demo. Expected figures are computed here from the rows read with SQL
//! before the edit, by hand.

use super::targets_typing::{cell_css, select_cell, wait_value};
use super::webdriver::{keys, Session};
use super::{env, section};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

fn db(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// The 2026 revenue base target of `unit` at `period` (fen), as stored.
fn base(path: &Path, unit: &str, period: &str) -> i64 {
    db(path)
        .query_row(
            "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             JOIN target_set s ON s.id = t.target_set_id
             WHERE o.name = ?1 AND t.period = ?2 AND t.dimension_id IS NULL AND s.fiscal_year = 2026
             AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

fn children(path: &Path, unit: &str) -> Vec<String> {
    let conn = db(path);
    let mut st = conn
        .prepare(
            "SELECT c.name FROM org_unit c JOIN org_unit p ON p.id = c.parent_id
             WHERE p.name = ?1 AND c.active = 1 ORDER BY c.id",
        )
        .unwrap();
    st.query_map([unit], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn revisions(path: &Path) -> i64 {
    db(path)
        .query_row("SELECT COUNT(*) FROM target_revision", [], |r| r.get(0))
        .unwrap()
}

/// Types `text` into the reason dialog (a change to the approved plan asks each time).
fn give_reason(s: &Session, text: &str) {
    s.wait("dialog[open] input[name='reason']");
    s.click("dialog[open] input[name='reason']");
    s.type_keys(text);
    s.click("#reason-ok");
}

/// The yuan text of a fen amount as the grid writes it with 2 decimals ("1,234.50").
fn typed(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn a_parent_edit_spreads_a_child_edit_rolls_up_and_undo_restores() {
    let env = env();
    let ws = env.dir.path().join("tree.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "targets");
    let (company, region, team) = ("星辰智能科技", "华东", "华东一组");
    s.wait(&cell_css(team, "2026-03"));

    // 1. The team's March doubled, spread to its people in their shape, rolled up above.
    let people = children(&ws, team);
    assert!(people.len() >= 2, "{people:?}");
    let v = base(&ws, team, "2026-03");
    let p: Vec<i64> = people.iter().map(|n| base(&ws, n, "2026-03")).collect();
    assert_eq!(
        p.iter().sum::<i64>(),
        v,
        "the demo's team is the sum of its people"
    );
    let (r0, c0, y0) = (
        base(&ws, region, "2026-03"),
        base(&ws, company, "2026-03"),
        base(&ws, team, "2026"),
    );
    let before = revisions(&ws);
    select_cell(&s, team, "2026-03");
    s.type_keys(&typed(2 * v));
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-ok");
    env.shot(&s, "targets-tree-01-choice-zh");
    s.click("#choice-children-spread");
    s.click("#choice-parent-rollUp");
    s.click("#choice-ok");
    give_reason(&s, "board raised March");
    wait_value(&s, team, "2026-03", 2 * v);
    for (name, old) in people.iter().zip(&p) {
        assert_eq!(base(&ws, name, "2026-03"), 2 * old, "{name}");
    }
    assert_eq!(base(&ws, region, "2026-03"), r0 + v);
    assert_eq!(base(&ws, company, "2026-03"), c0 + v);
    assert_eq!(
        base(&ws, team, "2026"),
        y0 + v,
        "the year follows its month"
    );
    assert!(revisions(&ws) > before);

    // 2. Cancel leaves everything unchanged: no cell, no revision.
    let after_one = revisions(&ws);
    select_cell(&s, team, "2026-04");
    let april = base(&ws, team, "2026-04");
    s.type_keys("1");
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-cancel");
    s.click("#choice-cancel");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(base(&ws, team, "2026-04"), april);
    assert_eq!(revisions(&ws), after_one);

    // 3. A person's April up by 10,000 yuan, rolled up to the team, the region and the company;
    //    the choice remembered in the settings.
    let person = &people[0];
    let (pa, ta, ra, ca) = (
        base(&ws, person, "2026-04"),
        base(&ws, team, "2026-04"),
        base(&ws, region, "2026-04"),
        base(&ws, company, "2026-04"),
    );
    select_cell(&s, person, "2026-04");
    s.type_keys(&typed(pa + 1_000_000));
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-parent-rollUp");
    s.click("#choice-remember");
    s.click("#choice-ok");
    give_reason(&s, "new key account");
    wait_value(&s, person, "2026-04", pa + 1_000_000);
    wait_value(&s, team, "2026-04", ta + 1_000_000);
    assert_eq!(base(&ws, region, "2026-04"), ra + 1_000_000);
    assert_eq!(base(&ws, company, "2026-04"), ca + 1_000_000);
    env.shot(&s, "targets-tree-02-rolled-up-zh");
    // The remembered choice is kept in the settings: read back by command.
    s.script(
        "window.__remembered = null; window.__TAURI__.core.invoke('targets_remembered_choice')
           .then((c) => { window.__remembered = JSON.stringify(c); });",
        serde_json::json!([]),
    );
    s.wait_until(
        "the remembered choice read back from the settings",
        "return window.__remembered !== null",
    );
    assert_eq!(
        s.script("return window.__remembered", serde_json::json!([])),
        serde_json::json!(r#"{"children":"spread","parent":"rollUp"}"#)
    );

    // 4. Undo (Ctrl+Z) puts the four cells back; after visiting another section, Ctrl+Y redoes.
    s.press(&[keys::CONTROL], "z");
    wait_value(&s, team, "2026-04", ta);
    assert_eq!(base(&ws, person, "2026-04"), pa);
    assert_eq!(base(&ws, company, "2026-04"), ca);
    section(&s, "dashboard");
    section(&s, "targets");
    select_cell(&s, person, "2026-04");
    s.press(&[keys::CONTROL], "y");
    wait_value(&s, team, "2026-04", ta + 1_000_000);
    assert_eq!(base(&ws, company, "2026-04"), ca + 1_000_000);
    // Ctrl+Shift+Z also redoes: first undo again, then redo.
    s.press(&[keys::CONTROL], "z");
    wait_value(&s, team, "2026-04", ta);
    s.press(&[keys::CONTROL, keys::SHIFT], "z");
    wait_value(&s, team, "2026-04", ta + 1_000_000);

    // 5. Remembered: the next child edit asks no question, only the reason; in English.
    s.click("button[data-lang='en']");
    // The window is redrawn in English after the language is set: wait for the redraw itself.
    s.wait_until(
        "the window redrawn in English",
        "return document.querySelector(\"button[data-section='targets']\")?.innerText.includes('Targets')",
    );
    section(&s, "targets");
    s.wait(&cell_css(person, "2026-05"));
    let pm = base(&ws, person, "2026-05");
    let tm = base(&ws, team, "2026-05");
    select_cell(&s, person, "2026-05");
    s.type_keys(&typed(pm + 500_000));
    s.press(&[], keys::ENTER);
    give_reason(&s, "promo");
    wait_value(&s, team, "2026-05", tm + 500_000);
    assert!(s.find("dialog[open] #choice-ok").is_none());
    env.shot(&s, "targets-tree-03-en");

    // 6. A 3×4 block pasted from Excel onto three people's July–October: one change, one
    //    reason, one undo step.
    let months = ["2026-07", "2026-08", "2026-09", "2026-10"];
    let block_people = &people[..3];
    let before_block: Vec<i64> = block_people
        .iter()
        .flat_map(|p| months.iter().map(move |m| (p, m)))
        .map(|(p, m)| base(&ws, p, m))
        .collect();
    let team_before: Vec<i64> = months.iter().map(|m| base(&ws, team, m)).collect();
    select_cell(&s, &block_people[0], "2026-07");
    s.script(
        "const dt = new DataTransfer(); dt.setData('text/plain', '100000\t200000\t300000\t400000\\r\\n1,000\t2,000\t3,000\t4,000\\r\\n1万\t2万\t3万\t4万\\r\\n');
         document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));",
        serde_json::json!([]),
    );
    // Roll-up was remembered in part 3: only the reason is asked.
    give_reason(&s, "pasted plan");
    wait_value(&s, &block_people[2], "2026-10", 4_000_000);
    let typed_block = [
        [10_000_000, 20_000_000, 30_000_000, 40_000_000],
        [100_000, 200_000, 300_000, 400_000],
        [1_000_000, 2_000_000, 3_000_000, 4_000_000],
    ];
    for (i, p) in block_people.iter().enumerate() {
        for (j, m) in months.iter().enumerate() {
            assert_eq!(base(&ws, p, m), typed_block[i][j], "{p} {m}");
        }
    }
    // The team rolled up by exactly the block's change in each month.
    for (j, m) in months.iter().enumerate() {
        let delta: i64 = (0..3)
            .map(|i| typed_block[i][j] - before_block[i * 4 + j])
            .sum();
        assert_eq!(base(&ws, team, m), team_before[j] + delta, "{team} {m}");
    }
    s.press(&[keys::CONTROL], "z");
    wait_value(&s, &block_people[2], "2026-10", before_block[11]);
    for (i, p) in block_people.iter().enumerate() {
        for (j, m) in months.iter().enumerate() {
            assert_eq!(base(&ws, p, m), before_block[i * 4 + j], "{p} {m} undone");
        }
    }
    for (j, m) in months.iter().enumerate() {
        assert_eq!(base(&ws, team, m), team_before[j], "{team} {m} undone");
    }
    assert!(
        s.find("[data-testid='error-banner']").is_none(),
        "{}",
        s.text("[data-testid='error-banner']")
    );
}

fn has_gap(s: &Session, unit: &str, period: &str) -> bool {
    s.script(
        &format!(
            "return document.querySelector(\"{}\").classList.contains('gap')",
            cell_css(unit, period)
        ),
        serde_json::json!([]),
    ) == serde_json::json!(true)
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn a_split_goes_all_the_way_down_and_the_rules_mark_and_fix_gaps() {
    let env = env();
    let ws = env.dir.path().join("deep.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    // The manager's name, typed in Settings, is the author of every revision after it.
    section(&s, "settings");
    s.wait("#author-name");
    s.wait_until(
        "the author loaded",
        "return document.querySelector('#author-name').value !== ''",
    );
    s.click("#author-name");
    s.press(&[keys::CONTROL], "a");
    s.type_keys("王经理");
    s.click("#author-save");
    s.wait_until(
        "the author saved",
        "return document.querySelector(\"[data-testid='author-status']\").innerText !== ''",
    );
    section(&s, "targets");
    let company = "星辰智能科技";
    s.wait(&cell_css(company, "2026-01"));

    // The company's January set to 6,000,000 yuan, its regions kept as they are...
    select_cell(&s, company, "2026-01");
    s.type_keys("6000000");
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-children-keep");
    s.click("#choice-ok");
    give_reason(&s, "reset January");
    wait_value(&s, company, "2026-01", 600_000_000);

    // ...then split evenly all the way down in one step: each level shares its parent evenly.
    let regions = children(&ws, company);
    let before: Vec<(String, i64)> = regions
        .iter()
        .flat_map(|r| children(&ws, r))
        .flat_map(|t| children(&ws, &t))
        .map(|p| {
            let v = base(&ws, &p, "2026-01");
            (p, v)
        })
        .collect();
    let region_before = base(&ws, &regions[0], "2026-01");
    // Enter moved the selection down a row, as in Excel: back to the company's January.
    select_cell(&s, company, "2026-01");
    s.click("#grid-split");
    s.wait("dialog[open] select[name='axis']");
    s.wait_until(
        "the leaves' preview",
        "return document.querySelector(\"[data-testid='split-total']\")?.innerText === '6,000,000.00'",
    );
    env.shot(&s, "targets-tree-04-deep-split-zh");
    s.click("#split-apply");
    give_reason(&s, "even January");
    let per_region = 600_000_000 / regions.len() as i64;
    assert_eq!(per_region * regions.len() as i64, 600_000_000);
    wait_value(&s, &regions[0], "2026-01", per_region);
    for r in &regions {
        assert_eq!(base(&ws, r, "2026-01"), per_region, "{r}");
        let teams = children(&ws, r);
        let per_team = per_region / teams.len() as i64;
        for t in &teams {
            let people = children(&ws, t);
            if per_region % teams.len() as i64 == 0 {
                assert_eq!(base(&ws, t, "2026-01"), per_team, "{t}");
            }
            let sum: i64 = people.iter().map(|p| base(&ws, p, "2026-01")).sum();
            assert_eq!(sum, base(&ws, t, "2026-01"), "{t} = Σ its people");
        }
    }
    // One undo step puts every person's January back.
    s.press(&[keys::CONTROL], "z");
    wait_value(&s, &regions[0], "2026-01", region_before);
    for (p, v) in &before {
        assert_eq!(base(&ws, p, "2026-01"), *v, "{p}");
    }

    // A person raised with the team kept: the team is marked, the panel lists it, and its fix
    // makes the team the sum of its people.
    let team = "华东一组";
    let people = children(&ws, team);
    let person = &people[0];
    let t6 = base(&ws, team, "2026-06");
    let p6 = base(&ws, person, "2026-06");
    let raise = t6 / 10 / 100 * 100; // 10% of the team, in whole yuan
    select_cell(&s, person, "2026-06");
    s.type_keys(&typed(p6 + raise));
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-parent-keep");
    s.click("#choice-ok");
    give_reason(&s, "side deal");
    wait_value(&s, person, "2026-06", p6 + raise);
    s.wait(&format!("{}.gap", cell_css(team, "2026-06")));
    s.click("#grid-check");
    let item = format!("[data-testid='check-list'] li[data-unit$='{team}'][data-period='2026-06']");
    s.wait(&item);
    env.shot(&s, "targets-tree-05-check-zh");

    // The band 100%–120% typed in the Rules dialog: 110% is within it, no longer marked.
    super::targets_grid_toolbar::more(&s, "#grid-rules");
    s.wait("dialog[open] input[name='bandMax']");
    s.click("dialog[open] input[name='bandMax']");
    s.press(&[keys::CONTROL], "a");
    s.type_keys("120");
    s.click("#rules-ok");
    s.wait_until(
        "the team within the band",
        &format!(
            "return !document.querySelector(\"{}\").classList.contains('gap')",
            cell_css(team, "2026-06")
        ),
    );
    assert!(!has_gap(&s, team, "2026-06"));

    // Back to exactly 100%: marked again; the panel's roll-up fix makes the team Σ its people.
    super::targets_grid_toolbar::more(&s, "#grid-rules");
    s.wait("dialog[open] input[name='bandMax']");
    s.click("dialog[open] input[name='bandMax']");
    s.press(&[keys::CONTROL], "a");
    s.type_keys("100");
    s.click("#rules-ok");
    s.wait(&format!("{}.gap", cell_css(team, "2026-06")));
    s.click("#grid-check");
    s.click(&format!("{item} button[data-fix='rollUp']"));
    give_reason(&s, "accept the deal");
    wait_value(&s, team, "2026-06", t6 + raise);
    let sum: i64 = people.iter().map(|p| base(&ws, p, "2026-06")).sum();
    assert_eq!(sum, t6 + raise);
    let authors: Vec<String> = {
        let conn = db(&ws);
        let mut st = conn
            .prepare("SELECT DISTINCT who FROM target_revision WHERE reason = 'accept the deal'")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(authors, vec!["王经理".to_string()]);
    assert!(
        s.find("[data-testid='error-banner']").is_none(),
        "{}",
        s.text("[data-testid='error-banner']")
    );
}

/// The people (units without children) below `unit`, by SQL.
fn people_below(path: &Path, unit: &str) -> Vec<String> {
    let kids = children(path, unit);
    if kids.is_empty() {
        return vec![unit.to_string()];
    }
    kids.iter().flat_map(|k| people_below(path, k)).collect()
}

/// Σ base of `unit`'s product-line cells at `period` (fen), and how many there are.
fn lines_of(path: &Path, unit: &str, period: &str) -> (i64, i64) {
    db(path)
        .query_row(
            "SELECT IFNULL(SUM(t.base_value), 0), COUNT(*) FROM target t
             JOIN org_unit o ON o.id = t.org_unit_id
             JOIN dimension_member m ON m.id = t.dimension_id AND m.dim = 'product_line'
             JOIN target_set s ON s.id = t.target_set_id
             WHERE o.name = ?1 AND t.period = ?2 AND s.fiscal_year = 2026
             AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [unit, period],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn a_split_to_people_by_product_line_in_one_step() {
    let env = env();
    let ws = env.dir.path().join("lines.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "targets");
    let company = "星辰智能科技";
    s.wait(&cell_css(company, "2026-02"));
    let february = base(&ws, company, "2026-02");
    let people = people_below(&ws, company);
    let lines: i64 = db(&ws)
        .query_row(
            "SELECT COUNT(*) FROM dimension_member WHERE dim = 'product_line'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(lines > 1 && people.len() > 10);

    // The company's February split all the way down and across the product lines: the preview
    // lists the first leaves, counts them all and totals the company's February.
    select_cell(&s, company, "2026-02");
    s.click("#grid-split");
    s.wait("dialog[open] select[name='dim']");
    s.click("dialog[open] select[name='dim'] option[value='product_line']");
    let leaves = people.len() as i64 * lines;
    s.wait_until(
        "the people × product lines preview",
        &format!(
            "const c = document.querySelector(\"[data-testid='split-leaf-count']\"); \
             const t = document.querySelector(\"[data-testid='split-total']\"); \
             return !!c && c.innerText.includes('{leaves}') && t.innerText === '{}'",
            super::fmt_yuan_grouped(february)
        ),
    );
    // The preview laid out in the dialog (its rows drawn) before the picture.
    s.wait_until(
        "the preview drawn",
        "return document.querySelector(\"[data-testid='split-preview']\").getBoundingClientRect().height > 100",
    );
    env.shot(&s, "targets-tree-06-split-lines-zh");
    s.click("#split-apply");
    give_reason(&s, "by product line");
    s.wait_until(
        "the split applied",
        "return !document.querySelector('dialog[open]')",
    );

    // Every person's product lines add up to the person's February, each line an equal share
    // within a fen, and all of them to the company's February.
    let mut all = 0;
    for p in &people {
        let own = base(&ws, p, "2026-02");
        let (sum, n) = lines_of(&ws, p, "2026-02");
        assert_eq!(n, lines, "{p}");
        assert_eq!(sum, own, "{p}: Σ lines = the person");
        all += sum;
    }
    assert_eq!(all, february);
    // A team's line is Σ its people's line.
    let team = "华东一组";
    let (team_sum, _) = lines_of(&ws, team, "2026-02");
    assert_eq!(team_sum, base(&ws, team, "2026-02"));
    assert!(
        s.find("[data-testid='error-banner']").is_none(),
        "{}",
        s.text("[data-testid='error-banner']")
    );

    // The same dialog in English, closed without splitting.
    s.click("button[data-lang='en']");
    s.wait(".lang-switch button.active[data-lang='en']");
    select_cell(&s, company, "2026-02");
    s.click("#grid-split");
    s.wait("dialog[open] select[name='dim']");
    s.click("dialog[open] select[name='dim'] option[value='product_line']");
    s.wait_until(
        "the English preview",
        "return (document.querySelector(\"[data-testid='split-leaf-count']\")?.innerText || '').includes('members')",
    );
    s.wait_until(
        "the English preview drawn",
        "return document.querySelector(\"[data-testid='split-preview']\").getBoundingClientRect().height > 100",
    );
    env.shot(&s, "targets-tree-07-split-lines-en");
    s.click("#split-cancel");
    s.wait_until(
        "the dialog closed",
        "return !document.querySelector('dialog[open]')",
    );
}

/// Every stored target of the workspace (count, Σ base, Σ of every tier), by SQL.
fn all_targets(path: &Path) -> (i64, i64, i64) {
    db(path)
        .query_row(
            "SELECT COUNT(*), IFNULL(SUM(base_value), 0),
                    IFNULL(SUM(floor_value + challenge_value + IFNULL(sprint_value, 0)), 0)
             FROM target",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// Steps in the grid's undo history (read, not changed).
fn undo_steps(s: &Session) -> u64 {
    s.script(
        "return document.querySelector('tl-targets').history.undo.length",
        serde_json::json!([]),
    )
    .as_u64()
    .unwrap()
}

/// Opens the split dialog on the company's year, waits for its preview, then applies it with
/// each progress report held `pause_ms` (the test hook) and waits until it is running.
fn start_slow_split(env: &super::Env, s: &Session, company: &str, reason: &str) {
    select_cell(s, company, "2026");
    s.click("#grid-split");
    s.wait_until(
        "the preview of every leaf",
        "return !!document.querySelector(\"[data-testid='split-leaf-count']\")",
    );
    let pause = format!("{}.split-pause-ms", env.dialog_file.display());
    std::fs::write(&pause, "150").unwrap();
    s.pointer_click("#split-apply", 0, 0);
    give_reason(s, reason);
    s.wait_until(
        "the split running",
        "return !document.querySelector(\"[data-testid='split-progress']\").hidden",
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn cancel_and_esc_stop_a_running_split_and_nothing_is_written() {
    let env = env();
    let ws = env.dir.path().join("cancel.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    section(&s, "targets");
    let company = "星辰智能科技";
    s.wait(&cell_css(company, "2026"));
    let year = base(&ws, company, "2026");
    let before = all_targets(&ws);
    let revisions_before = revisions(&ws);
    let steps_before = undo_steps(&s);

    // Cancel clicked while the split runs: it stops, the dialog says so and stays open.
    start_slow_split(&env, &s, company, "取消测试");
    s.pointer_click("#split-cancel", 0, 0);
    s.wait_until(
        "the dialog says the split was cancelled",
        "return document.querySelector(\"[data-testid='split-status']\").innerText === '拆分已取消，没有写入任何内容。'",
    );
    assert!(s.find("dialog[open][data-testid='split-dialog']").is_some());
    env.shot(&s, "targets-tree-08-split-cancelled-zh");
    std::fs::remove_file(format!("{}.split-pause-ms", env.dialog_file.display())).unwrap();
    assert_eq!(all_targets(&ws), before, "nothing was written");
    assert_eq!(revisions(&ws), revisions_before);
    assert_eq!(undo_steps(&s), steps_before, "no undo step");
    // Nothing runs now: Cancel closes the dialog, and the grid still shows the year as it was.
    s.pointer_click("#split-cancel", 0, 0);
    s.wait_until(
        "the dialog closed",
        "return !document.querySelector('dialog[open]')",
    );
    wait_value(&s, company, "2026", year);

    // In English, Esc stops the running split; a second Esc closes the dialog.
    s.click("button[data-lang='en']");
    s.wait(".lang-switch button.active[data-lang='en']");
    start_slow_split(&env, &s, company, "cancel test");
    s.press(&[], keys::ESCAPE);
    s.wait_until(
        "the dialog says the split was cancelled",
        "return document.querySelector(\"[data-testid='split-status']\").innerText === 'The split was cancelled; nothing was written.'",
    );
    assert!(s.find("dialog[open][data-testid='split-dialog']").is_some());
    env.shot(&s, "targets-tree-09-split-cancelled-en");
    s.press(&[], keys::ESCAPE);
    s.wait_until(
        "the dialog closed",
        "return !document.querySelector('dialog[open]')",
    );
    std::fs::remove_file(format!("{}.split-pause-ms", env.dialog_file.display())).unwrap();
    assert_eq!(all_targets(&ws), before, "nothing was written");
    assert_eq!(revisions(&ws), revisions_before);
    assert_eq!(undo_steps(&s), steps_before, "no undo step");
    wait_value(&s, company, "2026", year);
    assert!(
        s.find("[data-testid='error-banner']").is_none(),
        "{}",
        s.text("[data-testid='error-banner']")
    );
}
