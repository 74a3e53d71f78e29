//! The commitment sheets' round trip on a small company built here by SQL. Every figure below is
//! computed by hand from the targets inserted and the values typed into the file.

use super::*;
use crate::targets::store::node_gap;
use crate::targets::tree::ops::PlanSel;
use crate::targets::tree::undo_redo;
use crate::targets::ReconcileWay;
use rusqlite::params;
use std::io::{Read, Write};

/// 公司 > 华东 > 华东一组 (张三, 李四), 华东二组 (王五). Monthly base targets: 张三 10,000.00,
/// 李四 20,000.00, 王五 15,000.00 yuan; each team, the region and the company hold Σ of their
/// people's months, and every unit its year (12 × its month). Plans 2026 and 2027.
pub(super) fn company(ws: &Workspace) {
    company_in(ws.conn());
}

/// [`company`] on a bare connection (a workspace file of an older version).
pub(super) fn company_in(c: &rusqlite::Connection) {
    c.execute_batch(
        "INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1), (2027, 1);
         INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO target_set(id, fiscal_year, name) VALUES (1, 2026, '2026 年度目标');
         INSERT INTO target_set(id, fiscal_year, name) VALUES (2, 2027, '2027 年度目标');
         INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', '公司');
         INSERT INTO org_unit(id, parent_id, kind, name) VALUES (2, 1, 'region', '华东');
         INSERT INTO org_unit(id, parent_id, kind, name, sort) VALUES (3, 2, 'team', '华东一组', 0);
         INSERT INTO org_unit(id, parent_id, kind, name, sort) VALUES (4, 2, 'team', '华东二组', 1);
         INSERT INTO org_unit(id, parent_id, kind, name, sort) VALUES (5, 3, 'person', '张三', 0);
         INSERT INTO org_unit(id, parent_id, kind, name, sort) VALUES (6, 3, 'person', '李四', 1);
         INSERT INTO org_unit(id, parent_id, kind, name, sort) VALUES (7, 4, 'person', '王五', 0);",
    )
    .unwrap();
    let monthly = [
        (1, 4_500_000),
        (2, 4_500_000),
        (3, 3_000_000),
        (4, 1_500_000),
        (5, 1_000_000),
        (6, 2_000_000),
        (7, 1_500_000),
    ];
    for set in [1i64, 2] {
        let year = 2025 + set;
        for (unit, m) in monthly {
            let mut cells: Vec<(String, String, String, i64)> = (1..=12)
                .map(|k| {
                    let end = chrono::NaiveDate::from_ymd_opt(year as i32, k, 1)
                        .unwrap()
                        .checked_add_months(chrono::Months::new(1))
                        .unwrap()
                        .pred_opt()
                        .unwrap();
                    (
                        format!("{year}-{k:02}"),
                        format!("{year}-{k:02}-01"),
                        end.to_string(),
                        m,
                    )
                })
                .collect();
            cells.push((
                year.to_string(),
                format!("{year}-01-01"),
                format!("{year}-12-31"),
                12 * m,
            ));
            for (p, s, e, v) in cells {
                c.execute(
                    "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end, \
                     floor_value, base_value, challenge_value) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)",
                    params![set, unit, p, s, e, v],
                )
                .unwrap();
            }
        }
    }
}

pub(super) fn plan(year: i32) -> PlanSel {
    PlanSel {
        year: Some(year),
        metric: None,
    }
}

/// Types values into cells of the visible sheet of an exported workbook, as a spreadsheet
/// program would save them: numbers as `<v>`, text as an inline string.
pub(super) fn fill(path: &Path, cells: &[(&str, &str)]) {
    fill_sheet(path, "xl/worksheets/sheet1.xml", cells);
}

fn fill_sheet(path: &Path, sheet: &str, cells: &[(&str, &str)]) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == sheet {
            let mut xml = String::from_utf8(data).unwrap();
            for (cell, value) in cells {
                let at = xml.find(&format!("<c r=\"{cell}\" ")).expect(cell);
                let end = at + xml[at..].find('>').unwrap() + 1;
                let open = &xml[at..end];
                let style = open
                    .split_whitespace()
                    .find(|p| p.starts_with("s=\""))
                    .map(|s| s.trim_end_matches("/>").trim_end_matches('>'))
                    .unwrap_or("")
                    .to_string();
                // The cell element: self-closing, or with content up to </c>.
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

fn cell_id(ws: &Workspace, set: i64, unit: i64, period: &str) -> i64 {
    ws.conn()
        .query_row(
            "SELECT id FROM target WHERE target_set_id = ?1 AND org_unit_id = ?2 AND period = ?3",
            params![set, unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

fn commitment(ws: &Workspace, unit: i64, period: &str) -> Option<i64> {
    ws.conn()
        .query_row(
            "SELECT commitment FROM target WHERE target_set_id = 1 AND org_unit_id = ?1 AND period = ?2",
            params![unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

fn commitments(ws: &Workspace) -> Vec<(i64, String, Option<i64>)> {
    let mut st = ws
        .conn()
        .prepare("SELECT org_unit_id, period, commitment FROM target ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn workspace_bytes(path: &Path) -> Vec<Vec<u8>> {
    ["", "-wal"]
        .iter()
        .map(|s| std::fs::read(format!("{}{s}", path.display())).unwrap_or_default())
        .collect()
}

#[test]
fn a_team_sheet_round_trip_gives_exact_gaps_and_undoes_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
    company(&ws);
    let files = export(&ws, &plan(2026), "/华东/华东一组", dir.path(), false).unwrap();
    assert_eq!(files.len(), 1);
    let f = &files[0];
    // The team's year: 12 × 30,000.00 yuan. Its two people type 12 months each.
    assert_eq!(f.target, Some(36_000_000));
    assert_eq!(f.cells, 24);
    let file = Path::new(&f.path);
    assert!(
        f.path
            .ends_with("承诺表-commitments_2026_华东_华东一组.xlsx"),
        "{}",
        f.path
    );
    // Protected, with the commitment cells of the people unlocked.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<sheetProtection"));
    drop(zip);
    // 17 lines a unit (M M M Q … Y) from Excel row 6: the team 6–22, 张三 23–39, 李四 40–56.
    // 张三: Jan 12,000, Feb 9,000.50, Mar "1.5万"; 李四: Jan 20,000, Feb "abc" (a row error).
    let before = commitments(&ws);
    fill(
        file,
        &[
            ("D23", "12000"),
            ("D24", "9000.5"),
            ("D25", "1.5万"),
            ("D40", "20000"),
            ("D41", "abc"),
        ],
    );
    let out = import_file(&ws, &plan(2026), file, Some(3)).unwrap();
    assert_eq!(out.typed, 4);
    assert_eq!(out.row_errors.len(), 1);
    assert_eq!(out.row_errors[0].cell, "D41");
    assert!(out.row_errors[0].message_zh.contains("abc"));
    assert_eq!(commitment(&ws, 5, "2026-01"), Some(1_200_000));
    assert_eq!(commitment(&ws, 5, "2026-02"), Some(900_050));
    assert_eq!(commitment(&ws, 5, "2026-03"), Some(1_500_000));
    assert_eq!(commitment(&ws, 5, "2026-04"), None);
    assert_eq!(commitment(&ws, 5, "2026"), Some(3_600_050));
    assert_eq!(commitment(&ws, 6, "2026"), Some(2_000_000));
    // The team commits what its people do: Jan 12,000 + 20,000; the year 36,000.50 + 20,000.
    assert_eq!(commitment(&ws, 3, "2026-01"), Some(3_200_000));
    assert_eq!(commitment(&ws, 3, "2026"), Some(5_600_050));
    // Gaps as the grid's panel shows them: Jan 32,000 − 30,000; the year 56,000.50 − 360,000.
    let jan = node_gap(ws.conn(), cell_id(&ws, 1, 3, "2026-01")).unwrap();
    assert_eq!(
        (jan.commitments, jan.target, jan.gap, jan.missing),
        (3_200_000, 3_000_000, 200_000, 0)
    );
    let year = node_gap(ws.conn(), cell_id(&ws, 1, 3, "2026")).unwrap();
    assert_eq!((year.commitments, year.gap), (5_600_050, -30_399_950));
    assert_eq!(out.gap, year);
    // The region: 一组 committed 56,000.50, 二组 not yet, against 540,000.
    let region = node_gap(ws.conn(), cell_id(&ws, 1, 2, "2026")).unwrap();
    assert_eq!(
        (region.commitments, region.gap, region.missing),
        (5_600_050, -48_399_950, 1)
    );
    // One undo step puts every commitment back.
    undo_redo(&ws, true, None).unwrap().unwrap();
    assert_eq!(commitments(&ws), before);
    undo_redo(&ws, false, None).unwrap().unwrap();
    assert_eq!(commitment(&ws, 3, "2026"), Some(5_600_050));
    // Reconcile reads the imported figures: January's 30,000 shared 12,000 : 20,000 gives
    // 张三 30,000 × 12/32 = 11,250 and 李四 30,000 × 20/32 = 18,750.
    let jan_id = cell_id(&ws, 1, 3, "2026-01");
    crate::targets::store::reconcile_node(ws.conn(), jan_id, ReconcileWay::ScaleCommitments, None)
        .unwrap();
    let base = |unit: i64| -> i64 {
        ws.conn()
            .query_row(
                "SELECT base_value FROM target WHERE target_set_id = 1 AND org_unit_id = ?1 AND period = '2026-01'",
                [unit],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!((base(5), base(6)), (1_125_000, 1_875_000));
}

#[test]
fn sheets_for_another_unit_plan_or_workspace_or_with_a_changed_target_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    let mut ws = Workspace::open(&path).unwrap();
    company(&ws);
    let all = export(&ws, &plan(2026), "/华东", dir.path(), true).unwrap();
    // 华东, then depth first: 华东一组, 张三, 李四, 华东二组, 王五.
    let paths: Vec<&str> = all.iter().map(|f| f.unit_path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/华东",
            "/华东/华东一组",
            "/华东/华东一组/张三",
            "/华东/华东一组/李四",
            "/华东/华东二组",
            "/华东/华东二组/王五"
        ]
    );
    let team1 = Path::new(&all[1].path).to_path_buf();
    fill(&team1, &[("D23", "12000")]);
    let other_year = dir.path().join("2027");
    std::fs::create_dir(&other_year).unwrap();
    let next = export(&ws, &plan(2027), "/华东/华东一组", &other_year, false).unwrap();
    let changed = dir.path().join("changed.xlsx");
    std::fs::copy(&team1, &changed).unwrap();
    // 张三's January target (C23) shown as 99,999 instead of 10,000.
    fill(&changed, &[("C23", "99999")]);
    let other_ws_dir = tempfile::tempdir().unwrap();
    let other = Workspace::open(&other_ws_dir.path().join("o.targetline")).unwrap();
    company(&other);
    let foreign = export(
        &other,
        &plan(2026),
        "/华东/华东一组",
        other_ws_dir.path(),
        false,
    )
    .unwrap();
    ws.checkpoint().unwrap();
    let bytes = workspace_bytes(&path);
    let code = |p: &Path, plan_year: i32, scope: Option<i64>| {
        import_file(&ws, &plan(plan_year), p, scope)
            .unwrap_err()
            .code
    };
    assert_eq!(code(&team1, 2026, Some(4)), "commitments_other_unit");
    assert_eq!(
        code(Path::new(&next[0].path), 2026, None),
        "commitments_other_plan"
    );
    assert_eq!(code(&changed, 2026, None), "commitments_target_changed");
    assert_eq!(
        code(Path::new(&foreign[0].path), 2026, None),
        "commitments_other_workspace"
    );
    let not_sheet = dir.path().join("plain.xlsx");
    std::fs::write(
        &not_sheet,
        crate::export::write_xlsx(&crate::export::Table {
            sheet: "x".into(),
            headers: vec!["a".into()],
            rows: vec![],
        })
        .unwrap(),
    )
    .unwrap();
    assert_eq!(code(&not_sheet, 2026, None), "commitments_not_a_sheet");
    // A hidden line count far beyond the sheets (B9 of the hidden sheet) is refused too.
    let hostile = dir.path().join("hostile.xlsx");
    std::fs::copy(&team1, &hostile).unwrap();
    fill_sheet(&hostile, "xl/worksheets/sheet2.xml", &[("B9", "999999999")]);
    assert_eq!(code(&hostile, 2026, None), "commitments_not_a_sheet");
    // A sheet whose hidden identification (B4) names another metric.
    let other_metric = dir.path().join("other_metric.xlsx");
    std::fs::copy(&team1, &other_metric).unwrap();
    fill_sheet(
        &other_metric,
        "xl/worksheets/sheet2.xml",
        &[("B4", "gross_profit")],
    );
    assert_eq!(code(&other_metric, 2026, None), "commitments_other_metric");
    assert_eq!(workspace_bytes(&path), bytes);
    // The same file into its own team (or the region above it) is taken.
    let ok = import_file(&ws, &plan(2026), &team1, Some(2)).unwrap();
    assert_eq!(ok.changed, 4); // 张三 Jan and year, the team's Jan and year
    assert_eq!(commitment(&ws, 5, "2026-01"), Some(1_200_000));
}

#[test]
fn a_sheet_that_cannot_be_written_leaves_nothing_and_says_which_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
    company(&ws);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let first = export(&ws, &plan(2026), "/华东/华东一组", &out, false).unwrap();
    let name = Path::new(&first[0].path).to_path_buf();
    // A folder where the sheet should go: the write fails.
    std::fs::remove_file(&name).unwrap();
    std::fs::create_dir(&name).unwrap();
    let e = export(&ws, &plan(2026), "/华东/华东一组", &out, false).unwrap_err();
    assert_eq!(e.code, "export_write");
    let shown = name.display().to_string();
    assert!(e.zh.contains(&shown) && e.en.contains(&shown), "{e:?}");
    assert!(
        !e.en.contains("os error") && !e.zh.contains("os error"),
        "{e:?}"
    );
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(left.len(), 1, "only the folder stays: {left:?}");
}

#[test]
fn an_imported_sheet_is_a_stored_batch_undone_and_redone_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    let ws = Workspace::open(&path).unwrap();
    company(&ws);
    let files = export(&ws, &plan(2026), "/华东/华东一组", dir.path(), false).unwrap();
    let file = Path::new(&files[0].path);
    // 张三 types January 12,000 (row 23), 李四 January 20,000 (row 40).
    fill(file, &[("D23", "12000"), ("D40", "20000")]);
    let before = commitments(&ws);
    let out = import_file(&ws, &plan(2026), file, Some(3)).unwrap();
    assert_eq!(out.batch, Some(1));
    // The grid's Ctrl+Z of the import (the session's history) counts as undone, redo as applied.
    undo_redo(&ws, true, None).unwrap().unwrap();
    assert_eq!(batches(&ws).unwrap()[0].state, BatchState::Undone);
    undo_redo(&ws, false, None).unwrap().unwrap();
    assert_eq!(batches(&ws).unwrap()[0].state, BatchState::Applied);
    drop(ws);

    // Reopened: the session's undo history is gone, the batch is not. It changed six stored
    // commitments: January and the year of 张三, 李四 and their team.
    let ws = Workspace::open(&path).unwrap();
    let listed = batches(&ws).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].id, listed[0].cells), (1, 6));
    assert_eq!(listed[0].unit_path, "/华东/华东一组");
    assert_eq!(listed[0].state, BatchState::Applied);
    let undone = undo_redo_batch(&ws, 1, true).unwrap();
    assert_eq!(undone.batch.state, BatchState::Undone);
    assert!(undone.batch.undone_at.is_some());
    assert_eq!(commitments(&ws), before);
    let twice = undo_redo_batch(&ws, 1, true).unwrap_err();
    assert_eq!(twice.code, "commitments_batch_undone");
    drop(ws);

    // Reopened again: redo puts the figures back — the team's year 12,000 + 20,000.
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(batches(&ws).unwrap()[0].state, BatchState::Undone);
    undo_redo_batch(&ws, 1, false).unwrap();
    assert_eq!(commitment(&ws, 5, "2026-01"), Some(1_200_000));
    assert_eq!(commitment(&ws, 6, "2026"), Some(2_000_000));
    assert_eq!(commitment(&ws, 3, "2026"), Some(3_200_000));
    let after = commitments(&ws);

    // Once the plan is approved, the import can no longer be undone: refused, nothing written.
    crate::targets::baseline::approve(&ws, "王经理", "2026-02-01T09:00:00").unwrap();
    let refused = undo_redo_batch(&ws, 1, true).unwrap_err();
    assert_eq!(refused.code, "commitments_batch_approved_since");
    assert!(refused.zh.contains("已审批"), "{}", refused.zh);
    assert!(refused.en.contains("approved"), "{}", refused.en);
    assert_eq!(commitments(&ws), after);
}

#[test]
fn a_batch_whose_commitments_were_changed_since_is_refused_and_a_revision_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    let ws = Workspace::open(&path).unwrap();
    company(&ws);
    let files = export(&ws, &plan(2026), "/华东/华东一组", dir.path(), false).unwrap();
    let file = Path::new(&files[0].path);
    fill(file, &[("D23", "12000")]);
    import_file(&ws, &plan(2026), file, Some(3)).unwrap();
    // 张三's January commitment typed over in the grid afterwards.
    let jan = cell_id(&ws, 1, 5, "2026-01");
    crate::targets::grid::commit_cell(&ws, jan, Some(1_000_000)).unwrap();
    assert_eq!(batches(&ws).unwrap()[0].state, BatchState::Changed);
    let changed = undo_redo_batch(&ws, 1, true).unwrap_err();
    assert_eq!(changed.code, "commitments_batch_changed");
    assert_eq!(commitment(&ws, 5, "2026-01"), Some(1_000_000));
    // Put back as imported, then a target revised since: refused as well.
    crate::targets::grid::commit_cell(&ws, jan, Some(1_200_000)).unwrap();
    ws.conn()
        .execute(
            "INSERT INTO target_revision(target_id, at, who, reason_category, old_value, new_value)
             VALUES (?1, '2026-03-01T10:00:00', '王经理', 'market', 4500000, 5000000)",
            [jan],
        )
        .unwrap();
    let revised = undo_redo_batch(&ws, 1, true).unwrap_err();
    assert_eq!(revised.code, "commitments_batch_revised_since");
    assert_eq!(commitment(&ws, 5, "2026-01"), Some(1_200_000));
}
