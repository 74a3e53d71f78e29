//! The catalog kept by hand, from File → New workspace: a metric added in the assistant's
//! "metrics to track" step and another in Settings → Metrics, a metric in use refused with where
//! it is used and retired instead, a product line renamed and another retired; in Chinese and
//! in English.

use super::setup::{assistant_at, click_and_type};
use super::setup_journey::{add_unit, set_capacity};
use super::webdriver::{keys, Session};
use super::{env, section, switch_lang};
use std::path::Path;

/// The codes of the metrics the Settings card lists.
fn listed(s: &super::webdriver::Session) -> Vec<String> {
    let v = s.script(
        "return [...document.querySelectorAll(\"[data-testid='metrics-table'] tbody tr\")].map((r) => r.dataset.code)",
        serde_json::json!([]),
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

fn retired_in_file(db: &Path, table: &str, column: &str, value: &str) -> bool {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(
        &format!("SELECT retired_at IS NOT NULL FROM {table} WHERE {column} = ?1"),
        [value],
        |r| r.get(0),
    )
    .unwrap()
}

/// The metric dialog: the two names typed, then Save.
fn fill_metric(s: &super::webdriver::Session, zh: &str, en: &str) {
    s.wait("[data-testid='metric-dialog'][open]");
    click_and_type(s, "#metric-name-zh", zh);
    click_and_type(s, "#metric-name-en", en);
    s.click("#metric-save");
    s.wait_until(
        "the metric dialog closed",
        "return !document.querySelector(\"[data-testid='metric-dialog']\")",
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn metrics_and_product_lines_are_kept_in_the_assistant_and_in_settings() {
    let env = env();
    let s = env.launch(None);
    section(&s, "settings");
    let db = env.dir.path().join("catalog.targetline");
    env.answer_dialog(&db);
    s.click("#ws-new");
    assistant_at(&s, 1);
    click_and_type(&s, "#setup-company", "Nova");
    s.click("#assistant-next");
    assistant_at(&s, 2);
    s.click("#assistant-skip");
    assistant_at(&s, 3);
    s.click("#assistant-skip");

    // 4. Metrics to track: revenue is ticked and cannot be unticked; visits is ticked by hand;
    // a metric of the company's own is added here and comes ticked.
    assistant_at(&s, 4);
    s.wait("[data-testid='metric-choices'] [data-code='revenue'] input:checked:disabled");
    s.click("[data-testid='metric-choices'] [data-code='visits'] input");
    s.click("#assistant-metric-add");
    fill_metric(&s, "签约数", "Signed deals");
    s.wait("[data-testid='metric-choices'] [data-code='signed_deals'] input:checked");
    env.shot(&s, "catalog-01-assistant-metrics-zh");
    s.click("#assistant-next");

    // 5. Product lines typed.
    assistant_at(&s, 5);
    click_and_type(&s, "#dim-product_line", "Hardware, Software, Services");
    s.click("#assistant-next");
    assistant_at(&s, 6);
    s.click("#assistant-finish");
    s.wait_until(
        "the assistant closed",
        "return !document.querySelector('#setup-assistant')",
    );

    // Settings → Metrics lists the tracked ones; the others are retired and shown on demand.
    section(&s, "settings");
    s.wait("[data-testid='metrics-table'] tr[data-code='signed_deals']");
    assert_eq!(listed(&s), ["revenue", "visits", "signed_deals"]);
    assert!(retired_in_file(&db, "metric", "code", "leads"));
    s.click("#metric-show-retired");
    s.wait("[data-testid='metrics-table'] tr[data-code='leads'].retired");

    // A metric added in Settings.
    s.click("#metric-add");
    fill_metric(&s, "回访数", "Callbacks");
    s.wait("[data-testid='metrics-table'] tr[data-code='callbacks']");

    // Visits is weighed by the scorecard: deleting it says so and offers to retire it.
    s.click("[data-testid='metrics-table'] tr[data-code='visits'] .metric-delete");
    s.wait("[data-testid='metrics-status'] .error-text");
    assert_eq!(
        s.text("[data-testid='metrics-status'] .error-text"),
        "指标“客户拜访量”正在使用：评分卡。不能删除，可以改为停用。"
    );
    env.shot(&s, "catalog-02-metric-in-use-zh");
    s.click("#metric-retire-instead");
    s.wait("[data-testid='metrics-table'] tr[data-code='visits'].retired");
    assert!(retired_in_file(&db, "metric", "code", "visits"));
    // A metric nothing uses is deleted.
    s.click("[data-testid='metrics-table'] tr[data-code='callbacks'] .metric-delete");
    s.wait_until(
        "callbacks deleted",
        "return !document.querySelector(\"[data-testid='metrics-table'] tr[data-code='callbacks']\")",
    );

    // Product lines: Hardware renamed Devices, Software retired.
    let member = |name: &str, button: &str| {
        format!("[data-testid='catalog'] .member[data-dim='product_line'][data-name='{name}'] .{button}")
    };
    s.click(&member("Hardware", "member-rename"));
    s.wait("[data-testid='member-dialog'][open]");
    click_and_type(&s, "#member-name", "Devices");
    s.click("#member-ok");
    s.wait("[data-testid='catalog'] .member[data-name='Devices']");
    s.click(&member("Software", "member-retire"));
    s.wait_until(
        "Software retired",
        "return !document.querySelector(\"[data-testid='catalog'] .member[data-name='Software']\")",
    );
    assert!(retired_in_file(&db, "dimension_member", "code", "Software"));
    env.shot(&s, "catalog-03-settings-zh");

    // Funnel stages: a benchmark typed wrong is refused in words, then 35% is saved.
    let lead = "[data-testid='funnel-stages'] tr[data-code='lead'] .stage-benchmark";
    click_and_type(&s, lead, "lots");
    s.click("#funnel-save");
    s.wait("[data-testid='funnel-status'] .error-text");
    assert_eq!(
        s.text("[data-testid='funnel-status'] .error-text"),
        "转化基准“lots”无效：应为百分比，例如 30%"
    );
    click_and_type(&s, lead, "35%");
    s.click("#funnel-save");
    s.wait("[data-testid='funnel-status'] .good-text");
    let bench: i64 =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap()
            .query_row(
                "SELECT benchmark_bp FROM deal_stage WHERE code = 'lead'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(bench, 3500);
    env.shot(&s, "catalog-05-funnel-zh");

    // In English: the refusal names the places in English.
    switch_lang(&s, "en");
    section(&s, "settings");
    s.wait("[data-testid='metrics-table'] tr[data-code='signed_deals']");
    s.click("[data-testid='metrics-table'] tr[data-code='revenue'] .metric-delete");
    s.wait("[data-testid='metrics-status'] .error-text");
    assert_eq!(
        s.text("[data-testid='metrics-status'] .error-text"),
        "Revenue is the workspace's main metric (the dashboard, commission and year plans read it): it cannot be retired or deleted"
    );
    // Retired metrics are still shown: the choice is kept while the workspace stays open.
    s.wait("[data-testid='metrics-table'] tr[data-code='visits'].retired");
    assert_eq!(
        s.script(
            "return document.querySelector('#metric-show-retired').checked",
            serde_json::json!([])
        ),
        serde_json::json!(true)
    );
    s.click("[data-testid='metrics-table'] tr[data-code='visits'] .metric-delete");
    s.wait_until(
        "the English refusal",
        "return (document.querySelector(\"[data-testid='metrics-status'] .error-text\")?.textContent ?? '').startsWith('The metric')",
    );
    assert_eq!(
        s.text("[data-testid='metrics-status'] .error-text"),
        "The metric \"Customer visits\" is in use: the scorecard. It cannot be deleted; retire it instead."
    );
    env.shot(&s, "catalog-04-settings-en");
}

/// The scorecard test's people: name, capacity (万 yuan a year), 2026's sale in fen. The
/// company's 1,000万 target splits by capacity 300 : 200 into 600万 and 400万.
const SCORED: [(&str, i64, i64); 2] = [("Ann", 300, 450_000_000), ("Bob", 200, 700_000_000)];

/// A person's revenue achievement in basis points, by hand from the table above: their sale over
/// their capacity share of 1,000万 (the figures are chosen to divide exactly).
fn scored_achievement(person: &str) -> i64 {
    let total: i64 = SCORED.iter().map(|p| p.1).sum();
    let (_, cap, sale) = SCORED.iter().find(|p| p.0 == person).unwrap();
    let target = 1_000_000_000 * cap / total;
    assert_eq!(
        sale * 10_000 % target,
        0,
        "{person}: pick figures that divide exactly"
    );
    sale * 10_000 / target
}

/// Waits for the Evaluation's row of `person` to show revenue achievement `achievement` and the
/// total `total` (basis points, as the table prints them), both computed by the test.
fn wait_score(s: &Session, person: &str, achievement: i64, total: i64) {
    let pct = format!("{}.{:02}%", achievement / 100, achievement % 100);
    let pts = format!("{}.{:02}", total / 100, total % 100);
    s.wait_until(
        &format!("{person}: {pct}, total {pts}"),
        &format!(
            "const r = document.querySelector(\"[data-testid='scorecards'] tr[data-person='{person}']\");
             return !!r && r.dataset.total === '{total}' && r.querySelector('strong')?.innerText === '{pts}'
               && r.children[3]?.innerText.trim() === '{pct}'"
        ),
    );
}

/// The Evaluation of the whole year 2026, chosen in its period list with a click.
fn evaluation_2026(s: &Session) {
    section(s, "evaluation");
    s.wait("#eval-period option[value='2026']");
    s.click("#eval-period option[value='2026']");
    s.wait_until(
        "the year 2026 chosen",
        "return document.querySelector('#eval-period').value === '2026'",
    );
}

/// Whether the file holds the Evaluation's own weights.
fn own_weights_in_file(db: &Path) -> bool {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM evaluation_setting WHERE key = 'scorecard'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

/// Ann and Bob in team T1 of Acme, a 1,000万 plan split by their capacities, and their sales
/// imported: from File → New workspace, through the assistant and the import wizard.
fn scored_company(env: &super::Env, s: &Session, db: &Path) {
    section(s, "settings");
    env.answer_dialog(db);
    s.click("#ws-new");
    assistant_at(s, 1);
    click_and_type(s, "#setup-company", "Acme");
    s.click("#assistant-next");
    assistant_at(s, 2);
    click_and_type(s, "#plan-year-input", "2026");
    click_and_type(s, "#plan-target", "10000000");
    // The calendar, the metrics (revenue ticked) and the product lines as offered.
    for step in 3..=6 {
        s.click("#assistant-next");
        assistant_at(s, step);
    }
    s.wait("#setup-assistant [data-testid='org-tree'] tr[data-name='Acme']");
    add_unit(s, "Acme", "team", "T1");
    for (person, cap, _) in SCORED {
        add_unit(s, "T1", "person", person);
        set_capacity(s, person, cap);
    }
    s.click("#assistant-next");
    assistant_at(s, 7);
    s.wait("[data-testid='capacity-split'] tr[data-name='Bob']");
    s.click("#assistant-split");
    s.wait_until(
        "the assistant closed",
        "return !document.querySelector('#setup-assistant')",
    );
    let csv = env.dir.path().join("sales.csv");
    let mut text = String::from("\u{feff}日期,销售员,金额\n");
    for ((person, _, fen), date) in SCORED.iter().zip(["2026-03-05", "2026-05-10"]) {
        text += &format!("{date},{person},\"{}\"\n", super::fmt_yuan_grouped(*fen));
    }
    std::fs::write(&csv, text).unwrap();
    section(s, "actuals");
    env.answer_dialog(&csv);
    s.click("#import-start");
    s.wait("[data-testid='import-wizard']");
    s.wait_until(
        "the import ready",
        "return document.querySelector('#import-commit')?.disabled === false",
    );
    s.click("#import-commit");
    s.wait("[data-testid='import-summary']");
    assert_eq!(s.attr("[data-count='inserted']", "data-value"), "2");
}

/// Settings → Scorecard defaults from File → New workspace: a total that is not 100% is refused
/// in words and nothing is stored; revenue at 100% capped at 150% is saved and the Evaluation
/// scores with it (each score computed here from the imported rows). "Use the defaults" asks
/// first, naming the own weights it replaces; cancelled (button, Escape) nothing changes;
/// confirmed (Enter, or a click) it is undone by Ctrl+Z or the notice's Undo. zh and en.
#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn scorecard_defaults_are_kept_in_settings_and_the_evaluation_scores_with_them() {
    let env = env();
    let s = env.launch(None);
    let db = env.dir.path().join("scored.targetline");
    scored_company(&env, &s, &db);
    let (ann, bob) = (scored_achievement("Ann"), scored_achievement("Bob"));
    assert_eq!((ann, bob), (7_500, 17_500));

    section(&s, "settings");
    let card = "[data-testid='scorecard-defaults']";
    // Only revenue is tracked: the seed's revenue alone, 100%.
    s.wait(&format!("{card} tr.scd-row[data-metric='revenue']"));
    s.wait_until(
        "the seed's weights total 100%",
        &format!("return document.querySelector(\"{card} [data-testid='scd-total']\")?.dataset.bp === '10000'"),
    );
    let weight = format!("{card} tr.scd-row[data-metric='revenue'] input[name='weight']");
    click_and_type(&s, &weight, "90");
    s.wait_until(
        "the total follows the typing",
        &format!("return document.querySelector(\"{card} [data-testid='scd-total']\")?.dataset.bp === '9000'"),
    );
    s.click("#scd-save");
    s.wait("[data-testid='scd-status'].warn-text");
    assert_eq!(
        s.text("[data-testid='scd-status']"),
        "权重合计必须等于 100%（当前 90.00%）"
    );
    click_and_type(&s, &weight, "100");
    click_and_type(
        &s,
        &format!("{card} tr.scd-row[data-metric='revenue'] input[name='cap']"),
        "150",
    );
    s.click("#scd-save");
    s.wait("[data-testid='scd-status'].good-text");
    assert_eq!(s.text("[data-testid='scd-status']"), "评分卡默认设置已保存");
    s.script(
        &format!("document.querySelector(\"{card}\").scrollIntoView({{ block: 'center' }})"),
        serde_json::json!([]),
    );
    env.shot(&s, "catalog-06-scorecard-defaults-zh");

    // The evaluation follows them: Ann 75% scores 75.00; Bob's 175% is capped at 150.00.
    evaluation_2026(&s);
    wait_score(&s, "Ann", ann, ann.min(15_000));
    wait_score(&s, "Bob", bob, bob.min(15_000));

    // Evaluation saves weights of its own: the cap typed down to 120% caps Bob at 120.00.
    s.click("#eval-weights");
    click_and_type(&s, "dialog[open] tr.weight-row input[name='cap']", "120");
    s.click("#weights-ok");
    wait_score(&s, "Bob", bob, 12_000);
    assert!(own_weights_in_file(&db));

    // Settings offers to go back; it asks first, naming what is replaced. Cancelled: nothing.
    section(&s, "settings");
    let ask = |s: &Session| {
        s.click("#scd-use");
        s.wait("dialog[data-testid='scd-use-dialog'] [data-testid='scd-use-ask']");
    };
    ask(&s);
    assert_eq!(
        s.text("[data-testid='scd-use-ask']"),
        "评估目前使用它自己的权重：销售额 100.00%（封顶 120.00%）。改用默认设置后，它们将被替换为：销售额 100.00%（封顶 150.00%）。之后可以撤销。"
    );
    env.shot(&s, "catalog-07-use-defaults-asked-zh");
    s.click("#scd-use-cancel");
    s.wait_until(
        "the question closed",
        "return !document.querySelector(\"[data-testid='scd-use-dialog']\")",
    );
    s.wait("[data-testid='scd-follows'][data-follows='false']");
    assert!(own_weights_in_file(&db));

    // Confirmed with Enter: the defaults apply; Ctrl+Z puts the own weights back.
    ask(&s);
    s.press(&[], keys::ENTER);
    s.wait("[data-testid='scd-follows'][data-follows='true']");
    s.wait("[data-testid='notice'] #notice-undo");
    assert!(!own_weights_in_file(&db));
    s.press(&[keys::CONTROL], "z");
    s.wait("[data-testid='scd-follows'][data-follows='false']");
    assert_eq!(
        s.text("[data-testid='notice'] span"),
        "评估已恢复它自己的权重"
    );
    assert!(own_weights_in_file(&db));
    evaluation_2026(&s);
    wait_score(&s, "Bob", bob, 12_000);

    // From the Evaluation's weights dialog, confirmed by a click: the defaults' 150.00; the
    // notice's Undo gives 120.00 back.
    s.click("#eval-weights");
    s.click("#weights-defaults");
    s.wait("dialog[data-testid='scd-use-dialog'] #scd-use-ok");
    s.click("#scd-use-ok");
    wait_score(&s, "Bob", bob, 15_000);
    assert!(s.find("dialog[open] #weights-ok").is_none());
    s.click("#notice-undo");
    wait_score(&s, "Bob", bob, 12_000);
    wait_score(&s, "Ann", ann, ann);

    // In English; Escape cancels.
    switch_lang(&s, "en");
    section(&s, "settings");
    s.wait(&format!("{card} tr.scd-row[data-metric='revenue']"));
    assert_eq!(s.text(&format!("{card} h2")), "Scorecard defaults");
    ask(&s);
    assert_eq!(
        s.text("[data-testid='scd-use-ask']"),
        "Evaluation uses weights of its own: Revenue 100.00% (cap 120.00%). Using the defaults replaces them with: Revenue 100.00% (cap 150.00%). You can undo this afterwards."
    );
    env.shot(&s, "catalog-08-use-defaults-asked-en");
    s.press(&[], keys::ESCAPE);
    s.wait_until(
        "the question closed",
        "return !document.querySelector(\"[data-testid='scd-use-dialog']\")",
    );
    s.wait("[data-testid='scd-follows'][data-follows='false']");
    assert!(own_weights_in_file(&db));
    s.script(
        &format!("document.querySelector(\"{card}\").scrollIntoView({{ block: 'center' }})"),
        serde_json::json!([]),
    );
    env.shot(&s, "catalog-09-scorecard-defaults-en");
}

/// A workspace whose metrics are all retired (set in the file: the window never retires revenue):
/// the scorecard defaults and the Evaluation's weights dialog say what to do instead of offering
/// an empty picker, and nothing fails; in Chinese and English.
#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn with_no_metric_to_choose_the_pickers_say_what_to_do() {
    let env = env();
    let db = env.dir.path().join("no-metrics.targetline");
    {
        let ws = targetline_core::Workspace::create_blank(&db, 2026).unwrap();
        targetline_core::setup::company::set_name(&ws, "Acme").unwrap();
        let plan = targetline_core::setup::PlanYearSpec {
            year: 2026,
            fiscal_start_month: Some(1),
            target: Some(1_000_000_000),
            copy_from: None,
            growth_bp: 0,
            ratios: None,
        };
        targetline_core::setup::plan_year::create(&ws, &plan).unwrap();
        ws.conn()
            .execute_batch("UPDATE metric SET retired_at = '2026-01-01T00:00:00'")
            .unwrap();
    }
    let s = env.launch(Some(&db));
    let card = "[data-testid='scorecard-defaults']";
    for (lang, says, none) in [
        (
            "zh-CN",
            "没有可选的指标：请先在“设置 → 指标”中跟踪或恢复一个指标。",
            "没有在用的指标：勾选“显示已停用的指标”后恢复一个，或新增指标。",
        ),
        (
            "en",
            "No metric to choose: track or restore one in Settings → Metrics first.",
            "No metric in use: tick \"Show retired metrics\" to restore one, or add a metric.",
        ),
    ] {
        if lang == "en" {
            switch_lang(&s, "en");
        }
        section(&s, "settings");
        // Settings → Metrics says how to bring one back instead of an empty table.
        s.wait("[data-testid='metrics-none']");
        assert_eq!(s.text("[data-testid='metrics-none']"), none);
        s.wait(&format!("{card} [data-testid='scd-no-metrics']"));
        assert_eq!(
            s.text(&format!("{card} [data-testid='scd-no-metrics']")),
            says
        );
        assert_eq!(
            s.script(
                "return document.querySelector('#scd-add').disabled",
                serde_json::json!([])
            ),
            serde_json::json!(true)
        );
        s.script(
            &format!("document.querySelector(\"{card}\").scrollIntoView({{ block: 'center' }})"),
            serde_json::json!([]),
        );
        env.shot(&s, &format!("catalog-10-no-metrics-{lang}"));
        section(&s, "evaluation");
        s.click("#eval-weights");
        s.wait("dialog[open] [data-testid='weights-no-metrics']");
        assert_eq!(
            s.text("dialog[open] [data-testid='weights-no-metrics']"),
            says
        );
        // The add button has nothing to add, and nothing failed: no error banner.
        assert_eq!(
            s.script(
                "return document.querySelector('#weights-add').disabled",
                serde_json::json!([])
            ),
            serde_json::json!(true)
        );
        assert!(s.find("[data-testid='error-banner']").is_none());
        s.press(&[], keys::ESCAPE);
        s.wait_until(
            "the dialog closed",
            "return !document.querySelector('dialog[open] #weights-ok')",
        );
    }
}
