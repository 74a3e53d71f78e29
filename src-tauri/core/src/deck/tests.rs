//! The deck read back as a reader's PDF tools read it: poppler's pdfinfo, pdftotext and
//! pdffonts (poppler-utils, installed by `scripts/deps.sh --test`). Expected figures are summed
//! from the demo's rows here, not taken from the variance engine.

use super::*;
use crate::demo::in_memory as demo;
use crate::error::Code;
use std::process::Command;

fn no_progress() -> impl FnMut(usize, usize) -> Result<()> {
    |_, _| Ok(())
}

/// 华东's Q4 revenue to the demo's as-of day, and its Q4 base target, from the rows.
fn east_q4(ws: &Workspace) -> (i64, i64) {
    let actual: i64 = ws
        .conn()
        .query_row(
            "SELECT SUM(a.amount) FROM actual a JOIN org_unit p ON p.id = a.person_id
             JOIN org_unit t ON t.id = p.parent_id JOIN org_unit r ON r.id = t.parent_id
             WHERE r.name = '华东' AND a.date BETWEEN '2026-10-01' AND '2026-10-15'
             AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let target: i64 = ws
        .conn()
        .query_row(
            "SELECT SUM(t.base_value) FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.name = '华东' AND t.dimension_id IS NULL AND t.period IN ('2026-10','2026-11','2026-12')
             AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (actual, target)
}

/// actual / target as a percent with two decimals, rounded half up (both positive here).
fn percent_of(actual: i64, target: i64) -> String {
    let bp = (actual as i128 * 20_000 + target as i128) / (2 * target as i128);
    format!("{}.{:02}%", bp / 100, bp % 100)
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{name} {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn pages_of(pdf: &str) -> usize {
    let info = tool("pdfinfo", &[pdf]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("pdfinfo prints Pages")
}

fn page_text(pdf: &str, page: usize) -> String {
    let p = page.to_string();
    tool("pdftotext", &["-f", &p, "-l", &p, "-layout", pdf, "-"])
}

fn write_deck(ws: &Workspace, lang: Lang, dir: &Path, name: &str) -> (String, DeckSummary) {
    let path = dir.join(name);
    let summary = write(ws, "/华东", "2026-Q4", lang, &path, &mut no_progress()).unwrap();
    (path.to_str().unwrap().to_string(), summary)
}

/// Cover, headline cards, four charts, sub-units (2 teams), alerts, run-rate, ranking.
const EAST_PAGES: usize = 10;

#[test]
#[cfg(target_os = "linux")]
fn every_page_of_the_chinese_deck_names_the_node_and_its_achievement() {
    let ws = demo();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, summary) = write_deck(&ws, Lang::Zh, dir.path(), "华东.pdf");
    assert_eq!(summary.pages, EAST_PAGES);
    assert_eq!(pages_of(&pdf), EAST_PAGES);
    assert_eq!(summary.bytes as u64, std::fs::metadata(&pdf).unwrap().len());
    let (actual, target) = east_q4(&ws);
    let achievement = percent_of(actual, target);
    for page in 1..=EAST_PAGES {
        let text = page_text(&pdf, page);
        assert!(text.contains("华东"), "page {page}: {text}");
        assert!(
            text.contains(&format!("达成率 {achievement}")),
            "page {page} lacks {achievement}: {text}"
        );
        assert!(
            text.contains(&format!("第 {page} / {EAST_PAGES} 页")),
            "page {page}: {text}"
        );
    }
    // No tofu: the cover's Chinese comes back as the very characters written.
    let cover = page_text(&pdf, 1);
    for expected in [
        "星辰智能科技",
        "2026-Q4 业绩会议材料",
        "数据截至 2026-10-15",
        "期间 2026-Q4（2026-10-01 至 2026-12-31）",
    ] {
        assert!(cover.contains(expected), "{expected} not in {cover}");
    }
    // The actual, to the fen, on the headline cards; each chart's own text on its page.
    let cards = page_text(&pdf, 2);
    let yuan = crate::chart::exact_value("currency", actual);
    assert!(cards.contains(&yuan), "{yuan} not in {cards}");
    assert!(page_text(&pdf, 3).contains("累计实际与应达进度"));
    assert!(page_text(&pdf, 7).contains("华东一组"));
}

#[test]
#[cfg(target_os = "linux")]
fn the_english_deck_reads_in_english_with_the_same_figures() {
    let ws = demo();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, summary) = write_deck(&ws, Lang::En, dir.path(), "east.pdf");
    assert_eq!((summary.pages, summary.lang), (EAST_PAGES, "en"));
    let (actual, target) = east_q4(&ws);
    let achievement = percent_of(actual, target);
    for page in 1..=EAST_PAGES {
        let text = page_text(&pdf, page);
        assert!(text.contains("华东"), "page {page}: {text}");
        assert!(
            text.contains(&format!("Achievement {achievement}")),
            "page {page}: {text}"
        );
        assert!(text.contains(&format!("Page {page} of {EAST_PAGES}")));
    }
    let cover = page_text(&pdf, 1);
    assert!(cover.contains("Performance review, 2026-Q4"), "{cover}");
    assert!(cover.contains("Figures as of 2026-10-15"), "{cover}");
    assert!(page_text(&pdf, 2).contains("Headline figures"));
}

#[test]
#[cfg(target_os = "linux")]
fn every_font_is_embedded_as_a_subset() {
    let ws = demo();
    let dir = tempfile::tempdir().unwrap();
    for (lang, name) in [(Lang::Zh, "zh.pdf"), (Lang::En, "en.pdf")] {
        let (pdf, _) = write_deck(&ws, lang, dir.path(), name);
        let fonts = tool("pdffonts", &[&pdf]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type… encoding emb sub uni object ID: emb, sub and uni are the 3 yes/no before the id.
            let n = cols.len();
            assert_eq!(cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
            let subset_tag = cols[0].split_once('+').map(|(tag, _)| tag.len());
            assert_eq!(
                subset_tag,
                Some(6),
                "a subset font is named ABCDEF+…: {row}"
            );
        }
    }
}

#[test]
#[cfg(target_os = "linux")]
fn the_periods_review_adds_its_fishbone_and_improvement_list() {
    let ws = demo();
    let id = crate::review::create(&ws, "/华东", "2026-Q4", "十月复盘").unwrap();
    crate::review::add_finding(
        &ws,
        id,
        &crate::review::FindingInput {
            kind: crate::review::FindingKind::Cause,
            category: "market".into(),
            controllable: false,
            text: "竞品降价".into(),
        },
    )
    .unwrap();
    crate::review::add_item(
        &ws,
        id,
        &crate::review::ItemInput {
            list: crate::review::ItemList::Improvement,
            text: "重点客户每周拜访".into(),
            owner: None,
            due: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
            done: false,
            check: None,
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, summary) = write_deck(&ws, Lang::Zh, dir.path(), "review.pdf");
    assert_eq!(summary.pages, EAST_PAGES + 2);
    let fishbone = page_text(&pdf, EAST_PAGES + 1);
    assert!(fishbone.contains("复盘：鱼骨图 — 十月复盘"), "{fishbone}");
    assert!(fishbone.contains("竞品降价"), "{fishbone}");
    let list = page_text(&pdf, EAST_PAGES + 2);
    for expected in ["复盘：改进清单", "重点客户每周拜访", "2026-11-30", "进行中"]
    {
        assert!(list.contains(expected), "{expected} not in {list}");
    }
}

#[test]
fn the_deck_is_written_only_to_a_pdf_and_reports_each_page() {
    let ws = demo();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("deck.png");
    let e = write(&ws, "/", "2026-Q4", Lang::En, &bad, &mut no_progress()).unwrap_err();
    assert_eq!(e.code, "bad_deck_file");
    assert!(!bad.exists());
    let mut seen = Vec::new();
    let deck = build(&ws, "/", "2026-Q4", Lang::Zh, &mut |done, total| {
        seen.push((done, total));
        Ok(())
    })
    .unwrap();
    let n = deck.slides.len();
    assert_eq!(seen, (1..=n).map(|i| (i, n)).collect::<Vec<_>>());
    assert!(deck.pdf.starts_with(b"%PDF-"));
    // A stop asked for between pages ends the deck with that error, and no file is written.
    let out = dir.path().join("stopped.pdf");
    let e = write(&ws, "/", "2026-Q4", Lang::Zh, &out, &mut |done, _| {
        if done == 2 {
            Err(Error::new(Code::Cancelled, "已取消", "Cancelled"))
        } else {
            Ok(())
        }
    })
    .unwrap_err();
    assert_eq!(e.code, "cancelled");
    assert!(!out.exists());
}

#[test]
fn a_long_table_goes_on_as_many_slides_as_its_rows_need() {
    use super::slides::{col, table_slides, Align, Body, TableSlide, ROWS_PER_SLIDE};
    let rows: Vec<Vec<String>> = (1..=30).map(|i| vec![i.to_string()]).collect();
    let table = TableSlide {
        note: Some("note".into()),
        columns: vec![col(Lang::Zh, "名次", "Rank", 1.0, Align::Right)],
        marked: vec![false; rows.len()],
        rows,
    };
    let slides = table_slides("排名", Lang::Zh, table);
    // 30 rows at 13 a slide: 13 + 13 + 4.
    assert_eq!(ROWS_PER_SLIDE, 13);
    let titles: Vec<_> = slides.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["排名 1/3", "排名（续） 2/3", "排名（续） 3/3"]);
    let Body::Table(last) = &slides[2].body else {
        panic!("a table slide")
    };
    assert_eq!(last.rows.first().unwrap()[0], "27");
    assert_eq!(last.rows.len(), 4);
    assert!(last.note.is_none(), "the note is on the first slide only");
}
