//! The target grid's toolbar keeps to one row at 1280 px and to at most two at 1024 × 700, in
//! Chinese and in English, with all four tiers, for a draft plan and an approved one. The actions used now and then are under "More",
//! which opens, moves and runs from the keyboard.

use super::targets_typing::new_workspace_with_plan;
use super::webdriver::{keys, Session};
use super::{env, section, Env};
use serde_json::json;

/// Opens "More" with a click and clicks its item `css`.
pub(crate) fn more(s: &Session, css: &str) {
    s.click("#grid-more");
    s.wait("[data-testid='grid-more-menu']:not([hidden])");
    s.click(css);
}

/// Waits two animation frames, so what changed is painted before a screenshot.
fn painted(s: &Session) {
    s.script(
        "window.__painted = false; requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = true; }));",
        json!([]),
    );
    s.wait_until("two frames painted", "return window.__painted === true");
}

/// How many rows the toolbar's items take (items whose middles are more than 10 px apart are on
/// different rows), and whether anything sticks out of the toolbar on the right.
fn toolbar_rows(s: &Session) -> (u64, bool) {
    let v = s.script(
        "const bar = document.querySelector(\"[data-testid='grid-toolbar']\");
         const mids = [...bar.children].filter((el) => el.offsetParent !== null && !el.classList.contains('spacer'))
           .map((el) => { const r = el.getBoundingClientRect(); return r.top + r.height / 2; }).sort((a, b) => a - b);
         let rows = 0, last = -100;
         for (const m of mids) { if (m > last + 10) rows++; last = m; }
         const right = bar.getBoundingClientRect().right;
         const out = [...bar.querySelectorAll('*')].some((el) => el.offsetParent !== null && !el.closest('[role=menu]') && el.getBoundingClientRect().right > right + 1);
         return [rows, out];",
        json!([]),
    );
    (v[0].as_u64().unwrap(), v[1].as_bool().unwrap())
}

/// The toolbar at 1280 × 800 (one row) and 1024 × 700 (two rows at most), with screenshots.
fn check_sizes(env: &Env, s: &Session, name: &str) {
    for (w, h, most) in [(1280, 800, 1), (1024, 700, 2)] {
        s.set_window_size(w, h);
        s.wait_until(
            &format!("the window is {w} px wide"),
            &format!("return window.outerWidth === {w} || window.innerWidth === {w}"),
        );
        let (rows, out) = toolbar_rows(s);
        painted(s);
        env.shot(s, &format!("targets-toolbar-{name}-{w}"));
        assert!(rows <= most, "{name} at {w}: the toolbar takes {rows} rows");
        assert!(!out, "{name} at {w}: an item sticks out of the toolbar");
    }
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_grid_toolbar_keeps_to_one_row_at_1280_and_more_is_keyboard_reachable() {
    let env = env();
    let s = env.launch(None);
    let db = env.dir.path().join("toolbar.targetline");
    new_workspace_with_plan(&env, &s, &db, "Acme");
    section(&s, "targets");
    s.wait("#grid-approve");
    // The widest toolbar: the plan gets a sprint tier (a fourth tier button).
    more(&s, "#grid-ratios");
    s.click("dialog[open] input[name='sprintOn']");
    s.click("#ratios-ok");
    s.wait_until(
        "the sprint tier shows",
        "return !!document.querySelector(\"button[data-tier='sprint']\")?.offsetParent",
    );
    check_sizes(&env, &s, "draft-zh");

    // "More" from the keyboard: ↓ opens it on its first item, ↑ wraps to the last, Esc closes
    // back to the button; Enter on an item runs it (the revisions dialog opens).
    s.set_window_size(1280, 800);
    s.script("document.querySelector('#grid-more').focus()", json!([]));
    s.press(&[], keys::DOWN);
    s.wait_until(
        "the first item has the focus",
        "return document.activeElement?.id === 'grid-rules'",
    );
    s.wait_until(
        "the menu is drawn over the grid",
        "const m = document.querySelector(\"[data-testid='grid-more-menu']\"); const r = m.getBoundingClientRect();
         return r.height > 100 && m.contains(document.elementFromPoint(r.left + r.width / 2, r.bottom - 10));",
    );
    painted(&s);
    env.shot(&s, "targets-toolbar-more-zh");
    s.press(&[], keys::UP);
    s.wait_until(
        "the last item has the focus",
        "return document.activeElement?.id === 'grid-xlsx'",
    );
    s.press(&[], keys::ESCAPE);
    s.wait_until(
        "the menu closed back to its button",
        "return document.querySelector(\"[data-testid='grid-more-menu']\").hidden && document.activeElement?.id === 'grid-more'",
    );
    s.press(&[], keys::ENTER);
    s.wait_until(
        "Enter opened it",
        "return document.activeElement?.id === 'grid-rules'",
    );
    for _ in 0..6 {
        s.press(&[], keys::DOWN);
    }
    s.wait_until(
        "Revisions has the focus",
        "return document.activeElement?.id === 'grid-revisions'",
    );
    s.press(&[], keys::ENTER);
    s.wait("[data-testid='revisions-dialog'][open]");
    assert!(s
        .script(
            "return document.querySelector(\"[data-testid='grid-more-menu']\").hidden",
            json!([])
        )
        .as_bool()
        .unwrap());
    s.press(&[], keys::ESCAPE);
    s.wait_until(
        "the dialog closed",
        "return !document.querySelector(\"[data-testid='revisions-dialog']\").open",
    );

    // Approved: the reason chip and the baseline switch take the Approve button's place.
    s.click("#grid-approve");
    s.wait("dialog[open] input[name='approver']");
    s.click("dialog[open] input[name='approver']");
    s.type_keys("王经理");
    s.click("#approve-ok");
    s.wait_until(
        "approved",
        "return !document.querySelector('#grid-approve').offsetParent && !!document.querySelector('#grid-baseline').offsetParent",
    );
    // The sidebar's year picker says so too, without leaving the section.
    s.wait_until(
        "the year picker names the plan approved",
        "const o = document.querySelector('#plan-year').selectedOptions[0]; return !!o && o.textContent.includes('已审批') && !o.textContent.includes('草稿')",
    );
    check_sizes(&env, &s, "approved-zh");

    s.click("button[data-lang='en']");
    s.wait_until(
        "English",
        "return document.querySelector('#grid-more')?.textContent.startsWith('More')",
    );
    check_sizes(&env, &s, "approved-en");
}
