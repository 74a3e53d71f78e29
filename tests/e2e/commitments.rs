//! Commitments from team leads by spreadsheet round trip, and the revision log, in the real
//! window. A manager starts from "my own company" (File → New workspace): the assistant builds
//! Nova > East > T1 (Ann, Bob), T2 (Cat) and splits 1,000万 by capacity. From the grid, T1's
//! commitment sheet is exported through the folder dialog, filled here as a spreadsheet program
//! would save it, and imported by clicks; the figures are read in the grid and the side panel.
//! The same file imported with Cat selected is refused with its message. Then, on the approved
//! plan, a month is changed with a reason and its history is read from the cell (Alt+H) and
//! from the plan's log, filtered and exported. Expected figures are computed here by hand and
//! from SQL rows.

use super::setup::{assistant_at, click_and_type};
use super::setup_journey::{add_unit, set_capacity};
use super::targets_grid_toolbar::more;
use super::targets_typing::{cell_css, select_cell, wait_value};
use super::webdriver::{keys, Session};
use super::{env, section, switch_lang};
use rusqlite::{Connection, OpenFlags};
use std::io::{Read, Write};
use std::path::Path;

fn db(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn one(path: &Path, sql: &str, args: &[&str]) -> i64 {
    db(path)
        .query_row(sql, rusqlite::params_from_iter(args), |r| r.get(0))
        .unwrap()
}

/// The stored 2026 base target of a unit at a period (fen).
fn base(path: &Path, unit: &str, period: &str) -> i64 {
    one(
        path,
        "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
         WHERE o.name = ?1 AND t.period = ?2 AND t.dimension_id IS NULL",
        &[unit, period],
    )
}

fn committed_cells(path: &Path) -> i64 {
    one(
        path,
        "SELECT COUNT(*) FROM target WHERE commitment IS NOT NULL",
        &[],
    )
}

/// Types values into cells of the visible sheet of a workbook, as a spreadsheet program saves
/// them: numbers as `<v>`, text as an inline string.
fn fill(path: &Path, cells: &[(&str, &str)]) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, value) in cells {
                let at = xml.find(&format!("<c r=\"{cell}\" ")).expect(cell);
                let end = at + xml[at..].find('>').unwrap() + 1;
                let open = xml[at..end].to_string();
                let style = open
                    .split_whitespace()
                    .find(|p| p.starts_with("s=\""))
                    .map(|s| s.trim_end_matches("/>").trim_end_matches('>'))
                    .unwrap_or("")
                    .to_string();
                let close = if open.ends_with("/>") {
                    end
                } else {
                    end + xml[end..].find("</c>").unwrap() + 4
                };
                let new = if value.parse::<f64>().is_ok() {
                    format!("<c r=\"{cell}\" {style}><v>{value}</v></c>")
                } else {
                    format!("<c r=\"{cell}\" {style} t=\"inlineStr\"><is><t>{value}</t></is></c>")
                };
                xml.replace_range(at..close, &new);
            }
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

fn commitment_css(unit: &str) -> String {
    format!(".tg-cell[data-unit='{unit}'][data-member=''][data-period='commitment']")
}

fn rows_shown(s: &Session) -> i64 {
    s.script(
        "return document.querySelectorAll(\"dialog[open] [data-testid='rev-table'] tbody tr\").length",
        serde_json::json!([]),
    )
    .as_i64()
    .unwrap_or(-1)
}

fn wait_rows(s: &Session, n: i64) {
    s.wait_until(
        &format!("{n} revisions listed"),
        &format!(
            "return document.querySelectorAll(\"dialog[open] [data-testid='rev-table'] tbody tr\").length === {n} \
             && document.querySelector(\"dialog[open] [data-testid='rev-count']\")?.textContent.includes('{n}')"
        ),
    );
}

/// The company from "my own company": Nova > East > T1 (Ann 200万, Bob 100万), T2 (Cat 100万),
/// 1,000万 split by capacity.
fn own_company(env: &super::Env, s: &Session, ws: &Path) {
    s.wait("[data-testid='welcome'] #welcome-own");
    env.answer_dialog(ws);
    s.click("#welcome-own");
    assistant_at(s, 1);
    click_and_type(s, "#setup-company", "Nova");
    s.click("#assistant-next");
    assistant_at(s, 2);
    click_and_type(s, "#plan-year-input", "2026");
    click_and_type(s, "#plan-target", "10000000");
    s.click("#assistant-next");
    assistant_at(s, 3);
    s.click("#calendar-china");
    s.click("#assistant-next");
    assistant_at(s, 4);
    s.wait("[data-testid='metric-choices'] [data-code='revenue'] input:checked");
    s.click("#assistant-next");
    assistant_at(s, 5);
    click_and_type(s, "#dim-product_line", "Hardware");
    s.click("#assistant-next");
    assistant_at(s, 6);
    add_unit(s, "Nova", "region", "East");
    add_unit(s, "East", "team", "T1");
    add_unit(s, "East", "team", "T2");
    for (team, person) in [("T1", "Ann"), ("T1", "Bob"), ("T2", "Cat")] {
        add_unit(s, team, "person", person);
    }
    for (person, cap) in [("Ann", 200), ("Bob", 100), ("Cat", 100)] {
        set_capacity(s, person, cap);
    }
    s.click("#assistant-next");
    assistant_at(s, 7);
    s.wait("[data-testid='capacity-split'] tr[data-name='Cat']");
    s.click("#assistant-split");
    s.wait_until(
        "the assistant closed",
        "return !document.querySelector('#setup-assistant')",
    );
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn commitment_sheets_go_out_and_come_back_and_the_revision_log_filters_and_exports() {
    let env = env();
    let s = env.launch(None);
    let ws = env.dir.path().join("nova.targetline");
    own_company(&env, &s, &ws);
    // By capacity: T1 = 1,000万 × 300/400 = 750万.
    assert_eq!(base(&ws, "T1", "2026"), 750_000_000);
    section(&s, "targets");
    s.wait(&cell_css("T1", "2026"));

    // 1. T1's sheet, exported through the folder dialog.
    let out = env.dir.path().join("sheets");
    std::fs::create_dir_all(&out).unwrap();
    select_cell(&s, "T1", "2026");
    more(&s, "#grid-commit-export");
    s.wait("dialog[open] #commit-export-go");
    env.answer_dialog(&out);
    s.click("#commit-export-go");
    s.wait("[data-testid='commit-exported'] li[data-unit='/East/T1']");
    env.shot(&s, "commitments-01-exported-zh");
    let file = out.join("承诺表-commitments_2026_East_T1.xlsx");
    assert!(file.is_file(), "{}", file.display());

    // 2. Ann and Bob's lead fills it: 17 lines a unit (M M M Q … Y) from row 6, so T1 is rows
    //    6–22, Ann 23–39, Bob 40–56. Ann: Jan 400,000 and Feb 45万; Bob: Jan 200,000, Feb "n/a".
    fill(
        &file,
        &[
            ("D23", "400000"),
            ("D24", "45万"),
            ("D40", "200000"),
            ("D41", "n/a"),
        ],
    );
    let before = committed_cells(&ws);

    // 3. Imported with Cat selected: refused, nothing written.
    select_cell(&s, "Cat", "2026");
    env.answer_dialog(&file);
    more(&s, "#grid-commit-import");
    let refused = "[data-testid='commit-results'] li.refused[data-code='commitments_other_unit']";
    s.wait(refused);
    assert!(s.text(refused).contains("/East/T1"), "{}", s.text(refused));
    assert_eq!(committed_cells(&ws), before);
    env.shot(&s, "commitments-02-refused-zh");

    // 4. Imported with T1 selected: Ann commits 850,000.00, Bob 200,000.00, T1 their sum.
    select_cell(&s, "T1", "2026");
    env.answer_dialog(&file);
    more(&s, "#grid-commit-import");
    let done = "[data-testid='commit-results'] li.imported[data-unit='/East/T1']";
    s.wait(done);
    let (ann, bob) = (85_000_000i64, 20_000_000i64);
    assert_eq!(s.attr(done, "data-sum"), (ann + bob).to_string());
    assert_eq!(s.attr(done, "data-target"), "750000000");
    assert_eq!(
        s.attr(done, "data-gap"),
        (ann + bob - 750_000_000).to_string()
    );
    assert!(s.find(&format!("{done} li[data-cell='D41']")).is_some());
    for (unit, fen) in [("Ann", ann), ("Bob", bob), ("T1", ann + bob)] {
        s.wait_until(
            &format!("{unit} commits {fen}"),
            &format!(
                "return document.querySelector(\"{}\")?.dataset.value === '{fen}'",
                commitment_css(unit)
            ),
        );
    }
    env.shot(&s, "commitments-03-imported-zh");
    // One undo step takes the whole file back.
    s.click(&cell_css("T1", "2026"));
    s.press(&[keys::CONTROL], "z");
    s.wait_until(
        "T1's commitment undone",
        &format!(
            "return document.querySelector(\"{}\")?.dataset.value === ''",
            commitment_css("T1")
        ),
    );
    assert_eq!(committed_cells(&ws), before);

    // 4b. The import is a batch kept in the workspace: after closing and reopening the app, the
    //     Imports list redoes it (T1 commits Ann + Bob again) and undoes it again.
    drop(s);
    let s = env.launch(Some(&ws));
    section(&s, "targets");
    s.wait(&cell_css("T1", "2026"));
    more(&s, "#grid-commit-batches");
    let batch =
        "[data-testid='commit-batches'] li[data-file='承诺表-commitments_2026_East_T1.xlsx']";
    s.wait(&format!("{batch}[data-state='undone']"));
    s.click(&format!("{batch} button[data-act='redo']"));
    let t1_commits = |fen: &str| {
        s.wait_until(
            &format!("T1 commits '{fen}'"),
            &format!(
                "return document.querySelector(\"{}\")?.dataset.value === '{fen}'",
                commitment_css("T1")
            ),
        );
    };
    t1_commits(&(ann + bob).to_string());
    s.wait(&format!("{batch}[data-state='applied']"));
    env.shot(&s, "commitments-03b-batch-redone-zh");
    s.click(&format!("{batch} button[data-act='undo']"));
    t1_commits("");
    s.wait(&format!("{batch}[data-state='undone']"));
    assert_eq!(committed_cells(&ws), before);

    // 5. The plan approved; Ann's March changed with a reason.
    switch_lang(&s, "en");
    s.click("#grid-approve");
    s.wait("dialog[open] input[name='approver']");
    s.click("dialog[open] input[name='approver']");
    s.type_keys("Wang");
    s.click("#approve-ok");
    s.wait_until(
        "approved",
        "return document.querySelector('#grid-approve')?.hidden === true",
    );
    let old = base(&ws, "Ann", "2026-03");
    select_cell(&s, "Ann", "2026-03");
    s.type_keys("300000");
    s.press(&[], keys::ENTER);
    s.wait("dialog[open] #choice-ok");
    s.click("#choice-parent-keep");
    s.click("#choice-ok");
    s.wait("dialog[open] input[name='reason']");
    s.click("dialog[open] input[name='reason']");
    s.type_keys("big client");
    s.click("#reason-ok");
    wait_value(&s, "Ann", "2026-03", 30_000_000);
    let count = |period: Option<&str>, tier: Option<&str>| {
        one(
            &ws,
            "SELECT COUNT(*) FROM target_revision r JOIN target t ON t.id = r.target_id
             JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.name = 'Ann' AND (?1 = '' OR t.period = ?1) AND (?2 = '' OR r.tier = ?2)",
            &[period.unwrap_or(""), tier.unwrap_or("")],
        )
    };

    // 6. The cell's history by Alt+H, then only its base tier.
    select_cell(&s, "Ann", "2026-03");
    s.press(&[keys::ALT], "h");
    s.wait("dialog[open][data-testid='revisions-dialog']");
    wait_rows(&s, count(Some("2026-03"), None));
    s.click("dialog[open] select[name='tier'] option[value='base']");
    wait_rows(&s, 1);
    let row = s.text("dialog[open] [data-testid='rev-table'] tbody tr");
    assert!(row.contains("big client"), "{row}");
    assert!(row.contains("300,000.00"), "{row}");
    assert!(row.contains(&super::fmt_yuan_grouped(old)), "{row}");
    assert_eq!(count(Some("2026-03"), Some("base")), 1);
    env.shot(&s, "commitments-04-cell-history-en");

    // 7. The whole plan's log: Ann and every period (her year moved with March), by reason,
    //    and a date range with nothing in it.
    s.click("#rev-close");
    more(&s, "#grid-revisions");
    s.wait("dialog[open][data-testid='revisions-dialog']");
    let all = one(&ws, "SELECT COUNT(*) FROM target_revision", &[]);
    wait_rows(&s, all);
    let ann_id = one(&ws, "SELECT id FROM org_unit WHERE name = 'Ann'", &[]);
    s.click(&format!(
        "dialog[open] select[name='unit'] option[value='{ann_id}']"
    ));
    wait_rows(&s, count(None, None));
    s.click("dialog[open] select[name='category'] option[value='policy']");
    wait_rows(&s, 0);
    let category = db(&ws)
        .query_row(
            "SELECT reason_category FROM target_revision LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    s.click(&format!(
        "dialog[open] select[name='category'] option[value='{category}']"
    ));
    wait_rows(&s, count(None, None));
    click_and_type(&s, "dialog[open] input[name='from']", "2099-01-01");
    s.press(&[], keys::TAB);
    wait_rows(&s, 0);
    s.click("dialog[open] input[name='from']");
    s.press(&[keys::CONTROL], "a");
    s.press(&[], keys::BACKSPACE);
    s.press(&[], keys::TAB);
    wait_rows(&s, count(None, None));
    s.wait_until(
        "the date box empty",
        "return document.querySelector(\"dialog[open] input[name='from']\").value === ''",
    );
    env.shot(&s, "commitments-05-plan-log-en");

    // 8. Exported through the save dialog: the filtered log with its reason.
    let xlsx = env.dir.path().join("revisions.xlsx");
    env.answer_dialog(&xlsx);
    s.click("#rev-export");
    s.wait_until(
        "the export written",
        "return document.querySelector('.banner.notice')?.textContent.includes('revisions.xlsx') === true",
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains("big client"), "{strings}");
    assert!(strings.contains("/East/T1/Ann"), "{strings}");
    assert_eq!(rows_shown(&s), count(None, None));

    // 9. The log in Chinese, opened from a cell's context menu (a real right click).
    s.click("#rev-close");
    switch_lang(&s, "zh-CN");
    s.context_click(&cell_css("Ann", "2026-03"));
    s.wait("[data-testid='cell-menu'] #menu-revisions");
    s.click("#menu-revisions");
    s.wait("dialog[open][data-testid='revisions-dialog']");
    wait_rows(&s, count(Some("2026-03"), None));
    assert!(s.text("dialog[open] h2").starts_with("修订记录"));
    env.shot(&s, "commitments-06-cell-history-zh");
}
