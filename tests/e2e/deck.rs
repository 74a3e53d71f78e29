//! The meeting deck from the real window: on 华东's quarter, the "会议材料 PDF" button asks where
//! to save (answered through the test's dialog file), writes one PDF, and its text — read back
//! with poppler's pdftotext — names 华东 and its achievement, summed here from the rows; then the
//! same in English. Stopped while its pages are drawn, it writes nothing.

use super::{env, switch_lang};
use std::path::Path;

/// 华东's Q4 revenue to the demo's as-of day over its Q4 base target, as "12.34%", from the rows.
fn east_q4_achievement(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let (actual, target): (i64, i64) = conn
        .query_row(
            "WITH RECURSIVE under(id) AS (SELECT id FROM org_unit WHERE name = '华东'
                 UNION ALL SELECT o.id FROM org_unit o JOIN under u ON o.parent_id = u.id)
             SELECT (SELECT SUM(a.amount) FROM actual a WHERE a.person_id IN (SELECT id FROM under)
                     AND a.date BETWEEN '2026-10-01' AND '2026-10-15'
                     AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')),
                    (SELECT SUM(t.base_value) FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                     WHERE o.name = '华东' AND t.dimension_id IS NULL
                     AND t.period IN ('2026-10', '2026-11', '2026-12')
                     AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue'))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let bp = (actual as i128 * 20_000 + target as i128) / (2 * target as i128);
    format!("{}.{:02}%", bp / 100, bp % 100)
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &pdf.display().to_string(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The demo has no sales last year: its card says "—", not a bold 0.00; and each target tier
/// ("基准 1,220.00万") sits on one line of the target card, never broken before its 万.
fn cards_read_whole(s: &super::webdriver::Session) {
    assert_eq!(s.text("[data-testid='kpi-last-year'] .kpi-value"), "—");
    let tiers = s.script(
        "return [...document.querySelectorAll(\"[data-testid='kpi-target'] .kpi-sub .nowrap\")].map((e) => e.getClientRects().length)",
        serde_json::json!([]),
    );
    assert_eq!(tiers, serde_json::json!([1, 1, 1]), "each tier on one line");
}

fn save_deck(env: &super::Env, s: &super::webdriver::Session, pdf: &Path) {
    env.answer_dialog(pdf);
    s.click("#meeting-deck");
    let name = pdf.file_name().unwrap().to_str().unwrap();
    // Ten pages drawn in a debug build on a busy machine may take longer than a usual wait.
    let start = std::time::Instant::now();
    let notice =
        format!("return !!document.querySelector('.banner.notice')?.innerText.includes('{name}')");
    while s.script(&notice, serde_json::json!([])) != serde_json::json!(true) {
        assert!(start.elapsed().as_secs() < 120, "no notice of {name}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(pdf.is_file(), "{} was not written", pdf.display());
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_meeting_deck_button_writes_one_pdf_of_the_node_and_period() {
    let env = env();
    let db = env.dir.path().join("deck.targetline");
    let s = env.launch(Some(&db));
    s.wait("[data-testid='kpi-target']");
    s.click("button[data-period='quarter']");
    s.wait_until("the quarter", "return document.querySelector(\"[data-testid='dash-subtitle']\")?.innerText.includes('2026-Q4')");
    s.click("a[data-drill='/华东']");
    s.wait_until(
        "华东",
        "return document.querySelector(\"[data-testid='breadcrumb'] strong\")?.innerText === '华东'",
    );
    let achievement = east_q4_achievement(&db);
    cards_read_whole(&s);

    // Stop while the pages are drawn: said as a notice, and nothing is written.
    let stopped = env.dir.path().join("stopped.pdf");
    env.answer_dialog(&stopped);
    s.click("#meeting-deck");
    s.pointer_click("#deck-stop", 0, 0);
    s.wait_until(
        "the stopped notice",
        "return !!document.querySelector('.banner.notice')?.innerText.includes('已停止：会议材料没有写入文件')",
    );
    assert!(!stopped.exists() && !stopped.with_extension("pdf.part").exists());
    assert!(s.find("#deck-stop").is_none(), "the Stop button is gone");

    let zh = env.dir.path().join("华东会议材料.pdf");
    save_deck(&env, &s, &zh);
    env.shot(&s, "70-deck-saved-zh");
    let text = pdf_text(&zh);
    assert!(text.contains("华东"), "{text}");
    assert!(text.contains("2026-Q4 业绩会议材料"), "{text}");
    assert!(text.contains(&format!("达成率 {achievement}")), "{text}");
    // Ten pages, each numbered (pdftotext ends each page with a form feed).
    assert!(text.contains("第 10 / 10 页"), "{text}");
    assert_eq!(text.matches('\u{c}').count(), 10);

    switch_lang(&s, "en");
    s.wait_until(
        "the English button",
        "return document.querySelector('#meeting-deck')?.innerText.includes('Meeting deck')",
    );
    cards_read_whole(&s);
    let en = env.dir.path().join("east-deck.pdf");
    save_deck(&env, &s, &en);
    env.shot(&s, "71-deck-saved-en");
    let text = pdf_text(&en);
    assert!(text.contains("华东"), "{text}");
    assert!(text.contains("Performance review, 2026-Q4"), "{text}");
    assert!(
        text.contains(&format!("Achievement {achievement}")),
        "{text}"
    );
    assert!(text.contains("Page 10 of 10"), "{text}");
}
