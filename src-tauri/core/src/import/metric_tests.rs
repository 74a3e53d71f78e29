//! Actuals and targets are not imported into a retired metric (issue #12): the preview and the commit refuse
//! it in zh/en, naming the metric, and write nothing; restored, the same file imports.

use super::tests::{count, opts, run, snapshot, workspace, write};
use super::*;
use std::sync::atomic::AtomicBool;

const VISITS: &str = "日期,业务员,金额\n2026-03-01,张三,3\n2026-03-02,李四,4\n";

fn with_visits_retired() -> crate::store::Workspace {
    let ws = workspace();
    ws.conn()
        .execute(
            "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
               VALUES ('visits', '客户拜访', 'Customer visits', 'count', 'higher', 'leading', 'short', 'sum')",
            [],
        )
        .unwrap();
    crate::setup::metrics::retire(&ws, "visits", false).unwrap();
    ws
}

fn visits() -> ImportOptions {
    ImportOptions {
        metric_code: "visits".into(),
        ..opts(ImportKind::Actuals)
    }
}

#[test]
fn actuals_into_a_retired_metric_are_refused_in_preview_and_commit_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_visits_retired();
    let before = snapshot(&ws);
    let file = write(dir.path(), "visits.csv", VISITS.as_bytes());
    let e = preview(
        &ws,
        &file,
        &visits(),
        &Resolutions::default(),
        &mut no_progress,
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert_eq!(e.code, "metric_retired");
    assert_eq!(
        e.zh,
        "指标“客户拜访”（visits）已停用，不能再导入实际数；请先在“设置 → 指标”中恢复它"
    );
    assert_eq!(
        e.en,
        "The metric \"Customer visits\" (visits) is retired and takes no new actuals; restore it in Settings → Metrics first"
    );
    let e = run(&mut ws, &file, &visits(), &Resolutions::default()).unwrap_err();
    assert_eq!(e.code, "metric_retired");
    assert!(e.en.contains("\"Customer visits\""), "{}", e.en);
    assert_eq!(snapshot(&ws), before);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM import_batch"), 0);

    // Restored, the same file books its two rows: 3 + 4 visits.
    crate::setup::metrics::retire(&ws, "visits", true).unwrap();
    let s = run(&mut ws, &file, &visits(), &Resolutions::default()).unwrap();
    assert_eq!(s.inserted, 2);
    assert_eq!(
        count(
            &ws,
            "SELECT SUM(a.amount) FROM actual a JOIN metric m ON m.id = a.metric_id WHERE m.code = 'visits'"
        ),
        700
    );
}

#[test]
fn targets_for_a_retired_metric_are_refused_in_preview_and_commit_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = with_visits_retired();
    let before = snapshot(&ws);
    let grid = "销售员,2026-01,2026-02\n张三,30,40\n";
    let file = write(dir.path(), "visit-targets.csv", grid.as_bytes());
    let targets = ImportOptions {
        metric_code: "visits".into(),
        ..opts(ImportKind::Targets)
    };
    let e = preview(
        &ws,
        &file,
        &targets,
        &Resolutions::default(),
        &mut no_progress,
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert_eq!(e.code, "metric_retired");
    assert_eq!(
        e.zh,
        "指标“客户拜访”（visits）已停用，不能再导入目标；请先在“设置 → 指标”中恢复它"
    );
    assert_eq!(
        e.en,
        "The metric \"Customer visits\" (visits) is retired and takes no new targets; restore it in Settings → Metrics first"
    );
    let e = run(&mut ws, &file, &targets, &Resolutions::default()).unwrap_err();
    assert_eq!(e.code, "metric_retired");
    assert_eq!(snapshot(&ws), before);
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM import_batch"), 0);
}
