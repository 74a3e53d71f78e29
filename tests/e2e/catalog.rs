//! The catalog kept by hand, from File → New workspace: a metric added in the assistant's
//! "metrics to track" step and another in Settings → Metrics, a metric in use refused with where
//! it is used and retired instead, a product line renamed and another retired; in Chinese and
//! in English.

use super::setup::{assistant_at, click_and_type};
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

/// Settings → Scorecard defaults on the demo (its people have targets to score): a total that is
/// not 100% is refused in words and nothing is stored; revenue alone at 100% with a 150% cap is
/// saved, and the Evaluation scores with it.
#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn scorecard_defaults_are_kept_in_settings_and_the_evaluation_scores_with_them() {
    let env = env();
    let s = env.launch(None);
    s.wait("[data-testid='kpi-target']");
    section(&s, "settings");
    let card = "[data-testid='scorecard-defaults']";
    s.wait(&format!("{card} tr.scd-row[data-metric='nps']"));
    s.wait_until(
        "the seed's weights total 100%",
        &format!("return document.querySelector(\"{card} [data-testid='scd-total']\")?.dataset.bp === '10000'"),
    );
    // Every item but revenue removed with its × button.
    let others = format!("{card} tr.scd-row:not([data-metric='revenue']) button");
    while s.find(&others).is_some() {
        let before = s.script(
            &format!("return document.querySelectorAll(\"{card} tr.scd-row\").length"),
            serde_json::json!([]),
        );
        s.click(&others);
        s.wait_until(
            "one row fewer",
            &format!(
                "return document.querySelectorAll(\"{card} tr.scd-row\").length === {before} - 1"
            ),
        );
    }
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

    // The evaluation follows them: one column, revenue, 100%, capped at 150%.
    section(&s, "evaluation");
    s.wait_until(
        "the evaluation scores with the defaults",
        "const r = document.querySelector('tl-evaluation')?.report; return !!r && r.items.length === 1 && r.items[0].metric === 'revenue' && r.items[0].weightBp === 10000 && r.items[0].capBp === 15000",
    );
    // Each person's total is their revenue achievement capped at 150%, as the table shows it.
    let capped = s.script(
        "const r = document.querySelector('tl-evaluation').report;
         return r.rows.every((row) => row.totalBp === Math.min(Math.max(row.achievements[0] ?? 0, 0), 15000));",
        serde_json::json!([]),
    );
    assert_eq!(capped, serde_json::json!(true));

    // Evaluation saves weights of its own (OK in its weights dialog): Settings says so and
    // offers to go back to the defaults; so does the Evaluation's dialog.
    let own_weights = |s: &super::webdriver::Session| {
        s.click("#eval-weights");
        s.wait("dialog[open] #weights-ok");
        s.click("#weights-ok");
        s.wait_until(
            "the weights dialog closed",
            "return !document.querySelector('dialog[open] #weights-ok')",
        );
    };
    own_weights(&s);
    section(&s, "settings");
    s.wait("[data-testid='scd-follows'][data-follows='false'] #scd-use");
    s.click("#scd-use");
    s.wait("[data-testid='scd-follows'][data-follows='true']");
    section(&s, "evaluation");
    s.wait("#eval-weights");
    own_weights(&s);
    s.click("#eval-weights");
    s.click("#weights-defaults");
    s.wait_until(
        "the weights dialog closed",
        "return !document.querySelector('dialog[open] #weights-defaults')",
    );
    section(&s, "settings");
    s.wait("[data-testid='scd-follows'][data-follows='true']");

    // In English.
    switch_lang(&s, "en");
    section(&s, "settings");
    s.wait(&format!("{card} tr.scd-row[data-metric='revenue']"));
    assert_eq!(s.text(&format!("{card} h2")), "Scorecard defaults");
    assert_eq!(
        s.text("[data-testid='scd-follows']"),
        "Evaluation uses these defaults."
    );
    s.script(
        &format!("document.querySelector(\"{card}\").scrollIntoView({{ block: 'center' }})"),
        serde_json::json!([]),
    );
    env.shot(&s, "catalog-07-scorecard-defaults-en");
}
