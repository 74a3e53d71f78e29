//! Imports never lose a yuan, in the real window: the wizard reconciles the money of an order-line
//! file with its 合计 row, an unknown sales rep waits for the user's decision (created in a team
//! the user picks), and undo asks with the rows and money before it removes anything and can be
//! redone. Every expected amount is added up here from the rows the test writes.

use super::{env, fmt_yuan_grouped, section, switch_lang};
use std::path::Path;

/// date, person, product line, order number, amount in fen.
type Sale = (&'static str, &'static str, &'static str, &'static str, i64);

/// Order SO-1 on three product lines, two equal sales of 880.00 by 李四 without an order
/// number, and two sales by 新人乙, whom the workspace does not know yet.
const SALES: [Sale; 7] = [
    ("2026-10-12", "张三", "智能硬件", "SO-1", 100_000),
    ("2026-10-12", "张三", "软件订阅", "SO-1", 250_000),
    ("2026-10-12", "张三", "运维服务", "SO-1", 30_000),
    ("2026-10-13", "李四", "智能硬件", "", 88_000),
    ("2026-10-13", "李四", "智能硬件", "", 88_000),
    ("2026-10-14", "新人乙", "软件订阅", "SO-2", 50_000),
    ("2026-10-15", "新人乙", "智能硬件", "SO-3", 25_000),
];

fn csv(sales: &[Sale], total_row: bool) -> String {
    let mut out = String::from("\u{feff}日期,销售员,产品线,订单号,金额\n");
    for (date, person, product, order, fen) in sales {
        out += &format!(
            "{date},{person},{product},{order},\"¥{}\"\n",
            fmt_yuan_grouped(*fen)
        );
    }
    if total_row {
        let total: i64 = sales.iter().map(|s| s.4).sum();
        out += &format!("合计,,,,\"¥{}\"\n", fmt_yuan_grouped(total));
    }
    out
}

fn query(db: &Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn the_import_reconciles_the_money_decides_people_and_undo_asks_and_redoes() {
    let env = env();
    let ws = env.dir.path().join("trust.targetline");
    let file = env.dir.path().join("十月订单明细.csv");
    std::fs::write(&file, csv(&SALES, true)).unwrap();
    let total: i64 = SALES.iter().map(|s| s.4).sum();
    let newcomer: i64 = SALES.iter().filter(|s| s.1 == "新人乙").map(|s| s.4).sum();
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    let revenue_sql = "SELECT IFNULL(SUM(amount), 0) FROM actual";
    let before = query(&ws, revenue_sql);

    section(&s, "actuals");
    env.answer_dialog(&file);
    s.click("#import-start");
    s.wait("[data-testid='import-wizard']");
    // The unknown rep is shown with the rows and the money at stake; nothing goes in before the
    // user decides, and the preview names the gap.
    let stake = s.text("[data-unknown-row='新人乙']");
    assert!(
        stake.contains(&format!("2 行 · ¥{}", fmt_yuan_grouped(newcomer))),
        "{stake}"
    );
    assert_eq!(s.attr("#import-commit", "disabled"), "true");
    assert!(s
        .text("[data-testid='persons-undecided']")
        .contains("新建到某个团队"));
    assert_eq!(
        s.text("[data-testid='preview-reconciliation']"),
        format!(
            "文件合计 ¥{}，将导入 ¥{}，相差 ¥{}：跳过（未知销售员）¥{}",
            fmt_yuan_grouped(total),
            fmt_yuan_grouped(total - newcomer),
            fmt_yuan_grouped(newcomer),
            fmt_yuan_grouped(newcomer)
        )
    );
    // Create him in a team the user picks (the second team of the list).
    let team: i64 = query(
        &ws,
        "SELECT id FROM org_unit WHERE kind = 'team' AND active = 1 ORDER BY sort, name LIMIT 1 OFFSET 1",
    );
    s.click("select[data-unknown='新人乙'] option[value='create']");
    s.click(&format!(
        "select[data-team-for='新人乙'] option[value='{team}']"
    ));
    let matched = format!(
        "文件合计 ¥{} = 将导入 ¥{} ✓",
        fmt_yuan_grouped(total),
        fmt_yuan_grouped(total)
    );
    s.wait_until(
        "the preview with the decision",
        &format!(
            "return document.querySelector(\"[data-testid='preview-reconciliation']\")?.textContent === {:?} && document.querySelector(\"select[data-team-for='新人乙']\")?.value === '{team}'",
            matched
        ),
    );
    // Only to look at it: the decision is below the mapping.
    s.script(
        "document.querySelector(\"[data-testid='unknowns']\").scrollIntoView()",
        serde_json::json!([]),
    );
    env.shot(&s, "50-import-trust-decision-zh");
    s.click("#import-commit");
    s.wait("[data-testid='import-summary']");
    assert_eq!(
        s.text("[data-testid='reconciliation']"),
        format!(
            "文件合计 ¥{} = 已导入 ¥{} ✓",
            fmt_yuan_grouped(total),
            fmt_yuan_grouped(total)
        )
    );
    assert_eq!(s.attr("[data-count='inserted']", "data-value"), "7");
    assert_eq!(s.attr("[data-count='errorRows']", "data-value"), "0");
    env.shot(&s, "51-import-trust-summary-zh");
    assert_eq!(query(&ws, revenue_sql) - before, total);
    assert_eq!(
        query(
            &ws,
            "SELECT parent_id FROM org_unit WHERE name = '新人乙' AND kind = 'person'"
        ),
        team
    );

    // Undo asks, naming the rows and the money; cancelling removes nothing.
    let batch = s.attr("[data-testid='batches'] tr[data-batch]", "data-batch");
    s.click(&format!("button[data-undo='{batch}']"));
    let ask = s.text("[data-testid='undo-ask']");
    assert!(
        ask.contains(&format!("7 行记录，金额 ¥{}", fmt_yuan_grouped(total))),
        "{ask}"
    );
    env.shot(&s, "52-import-trust-undo-ask-zh");
    s.click("#undo-cancel");
    assert_eq!(query(&ws, revenue_sql) - before, total);
    s.click(&format!("button[data-undo='{batch}']"));
    s.click("#undo-confirm");
    s.wait(&format!("button[data-redo='{batch}']"));
    assert_eq!(query(&ws, revenue_sql), before);
    assert_eq!(
        query(&ws, "SELECT COUNT(*) FROM org_unit WHERE name = '新人乙'"),
        0
    );
    // Redo puts back exactly what was undone.
    s.click(&format!("button[data-redo='{batch}']"));
    s.wait(&format!("button[data-undo='{batch}']"));
    assert_eq!(query(&ws, revenue_sql) - before, total);
    assert_eq!(
        query(
            &ws,
            "SELECT parent_id FROM org_unit WHERE name = '新人乙' AND kind = 'person'"
        ),
        team
    );

    // In English: an overlapping export (the same lines, then one new one) adds only the new
    // line, and the summary names where the rest went.
    switch_lang(&s, "en");
    section(&s, "actuals");
    let mut later: Vec<Sale> = SALES.to_vec();
    later.push(("2026-10-20", "王五", "运维服务", "SO-9", 12_345));
    let overlap = env.dir.path().join("october-later.csv");
    std::fs::write(&overlap, csv(&later, false)).unwrap();
    env.answer_dialog(&overlap);
    s.click("#import-start");
    s.wait("[data-testid='import-wizard']");
    s.click("#import-commit");
    s.wait("[data-testid='import-summary']");
    let all: i64 = later.iter().map(|s| s.4).sum();
    assert_eq!(
        s.text("[data-testid='reconciliation']"),
        format!(
            "File amount ¥{}, imported ¥{}, difference ¥{}: already present ¥{}",
            fmt_yuan_grouped(all),
            fmt_yuan_grouped(12_345),
            fmt_yuan_grouped(total),
            fmt_yuan_grouped(total)
        )
    );
    env.shot(&s, "53-import-trust-overlap-en");
    assert_eq!(query(&ws, revenue_sql) - before, total + 12_345);
    let batch = s.attr("[data-testid='batches'] tr[data-batch]", "data-batch");
    s.click(&format!("button[data-undo='{batch}']"));
    assert!(s
        .text("[data-testid='undo-ask']")
        .contains(&format!("1 records, ¥{}", fmt_yuan_grouped(12_345))));
    env.shot(&s, "54-import-trust-undo-ask-en");
    s.click("#undo-cancel");
}
