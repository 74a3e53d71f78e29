//! Commitment batches kept per target plan (migration 20): two plans of one year keep their own
//! batches, a damaged record is named and its id never given again, and the batches an older
//! version kept in `meta` move to their table. Figures are the values typed, by hand.

use super::tests::{company, company_in, fill, plan};
use super::*;
use rusqlite::params;

/// The commitment of `unit`'s `period` in plan `set`.
fn commitment_in(ws: &Workspace, set: i64, unit: i64, period: &str) -> Option<i64> {
    ws.conn()
        .query_row(
            "SELECT commitment FROM target WHERE target_set_id = ?1 AND org_unit_id = ?2 AND period = ?3",
            params![set, unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

/// Exports 华东一组's sheet into a folder of its own, types 张三's January (row 23) and imports
/// it into the current 2026 plan; the batch's id.
fn import_january(ws: &Workspace, dir: &Path, yuan: &str) -> Option<i64> {
    std::fs::create_dir_all(dir).unwrap();
    let files = export(ws, &plan(2026), "/华东/华东一组", dir, false).unwrap();
    let file = Path::new(&files[0].path);
    fill(file, &[("D23", yuan)]);
    import_file(ws, &plan(2026), file, Some(3)).unwrap().batch
}

fn stands(ws: &Workspace) -> Vec<(i64, Option<i64>, BatchState)> {
    batches(ws)
        .unwrap()
        .iter()
        .map(|b| (b.id, b.target_set_id, b.state))
        .collect()
}

#[test]
fn two_plans_of_one_year_keep_their_own_batches() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
    company(&ws);
    assert_eq!(import_january(&ws, &dir.path().join("a"), "12000"), Some(1));
    // A second plan of 2026 (a re-plan): the same targets, no commitments yet.
    ws.conn()
        .execute_batch(
            "INSERT INTO target_set(id, fiscal_year, name) VALUES (3, 2026, '2026 调整方案');
             INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start,
                                period_end, floor_value, base_value, challenge_value)
               SELECT 3, metric_id, org_unit_id, period, period_start, period_end, floor_value,
                      base_value, challenge_value FROM target WHERE target_set_id = 1;",
        )
        .unwrap();
    assert_eq!(import_january(&ws, &dir.path().join("b"), "15000"), Some(2));
    use BatchState::Applied;
    assert_eq!(
        stands(&ws),
        vec![(1, Some(1), Applied), (2, Some(3), Applied)]
    );
    assert_eq!(commitment_in(&ws, 1, 5, "2026-01"), Some(1_200_000));
    assert_eq!(commitment_in(&ws, 3, 5, "2026-01"), Some(1_500_000));
    // Undoing the re-plan's batch changes only the re-plan; the first plan's batch stands.
    undo_redo_batch(&ws, 2, true).unwrap();
    assert_eq!(commitment_in(&ws, 3, 5, "2026-01"), None);
    assert_eq!(commitment_in(&ws, 3, 3, "2026"), None);
    assert_eq!(commitment_in(&ws, 1, 5, "2026-01"), Some(1_200_000));
    assert_eq!(commitment_in(&ws, 1, 3, "2026"), Some(1_200_000));
    assert_eq!(
        stands(&ws),
        vec![(1, Some(1), Applied), (2, Some(3), BatchState::Undone)]
    );
    // The first plan is no longer the year's current plan: its batch is refused by name and
    // nothing is written to either plan.
    let refused = undo_redo_batch(&ws, 1, true).unwrap_err();
    assert_eq!(refused.code, "commitments_batch_other_plan");
    assert!(
        refused.zh.contains("2026 财年较早的目标方案"),
        "{}",
        refused.zh
    );
    assert!(refused.en.contains("earlier target plan"), "{}", refused.en);
    assert_eq!(commitment_in(&ws, 1, 5, "2026-01"), Some(1_200_000));
    assert_eq!(commitment_in(&ws, 3, 5, "2026-01"), None);
}

#[test]
fn a_damaged_batch_is_named_and_its_id_is_never_given_again() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("w.targetline")).unwrap();
    company(&ws);
    assert_eq!(import_january(&ws, &dir.path().join("a"), "12000"), Some(1));
    assert_eq!(import_january(&ws, &dir.path().join("b"), "13000"), Some(2));
    // The newest record's cells are damaged (a disk error, a hand edit).
    ws.conn()
        .execute(
            "UPDATE commitment_batch SET cells_json = '[{\"unitId\":' WHERE id = 2",
            [],
        )
        .unwrap();
    assert_eq!(stands(&ws)[1], (2, Some(1), BatchState::Damaged));
    let refused = undo_redo_batch(&ws, 2, true).unwrap_err();
    assert_eq!(refused.code, "commitments_batch_damaged");
    assert!(refused.zh.contains("承诺表导入记录 2"), "{}", refused.zh);
    assert!(refused.zh.contains("已损坏"), "{}", refused.zh);
    assert!(refused.en.contains("record 2"), "{}", refused.en);
    assert!(refused.en.contains("is damaged"), "{}", refused.en);
    assert_eq!(commitment_in(&ws, 1, 5, "2026-01"), Some(1_300_000));
    // The next import gets a new id, and so does the one after a record was removed.
    assert_eq!(import_january(&ws, &dir.path().join("c"), "14000"), Some(3));
    ws.conn()
        .execute("DELETE FROM commitment_batch WHERE id = 3", [])
        .unwrap();
    assert_eq!(import_january(&ws, &dir.path().join("d"), "15000"), Some(4));
    assert_eq!(
        batches(&ws)
            .unwrap()
            .iter()
            .map(|b| b.id)
            .collect::<Vec<_>>(),
        vec![1, 2, 4]
    );
}

#[test]
fn batches_an_older_version_kept_in_meta_move_to_their_table_with_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.targetline");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &crate::store::migrations::MIGRATIONS[..19] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 19;").unwrap();
        company_in(&conn);
        // Version 19 imported 张三's January 12,000 (and the sums it fed) as batch 1; batch 2's
        // record is cut short, batch 3's lacks its cells.
        conn.execute_batch(
            r#"UPDATE target SET commitment = 1200000 WHERE target_set_id = 1
                 AND ((org_unit_id IN (5, 3) AND period IN ('2026-01', '2026')));
               INSERT INTO meta(key, value) VALUES
                 ('commitments.batch.1', '{"id":1,"file":"a.xlsx","unitId":3,"unitPath":"/华东/华东一组","year":2026,"metric":"revenue","importedAt":"2026-01-05T10:00:00","undoneAt":null,"approvedAt":null,"lastRevision":0,"cells":[{"unitId":5,"dimensionId":null,"period":"2026-01","before":null,"after":1200000},{"unitId":5,"dimensionId":null,"period":"2026","before":null,"after":1200000},{"unitId":3,"dimensionId":null,"period":"2026-01","before":null,"after":1200000},{"unitId":3,"dimensionId":null,"period":"2026","before":null,"after":1200000}]}'),
                 ('commitments.batch.2', '{"id":2,"file":"b.xl'),
                 ('commitments.batch.3', '{"id":3,"file":"c.xlsx","year":2026}'),
                 ('workspace_id', 'w-1');"#,
        )
        .unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.schema_version().unwrap(), 20);
    use BatchState::{Applied, Damaged};
    assert_eq!(
        stands(&ws),
        vec![
            (1, Some(1), Applied),
            (2, None, Damaged),
            (3, None, Damaged)
        ]
    );
    let first = &batches(&ws).unwrap()[0];
    assert_eq!(
        (first.file.as_str(), first.unit_path.as_str(), first.cells),
        ("a.xlsx", "/华东/华东一组", 4)
    );
    assert_eq!(first.imported_at, "2026-01-05T10:00:00");
    let meta: Vec<String> = ws
        .conn()
        .prepare("SELECT key FROM meta ORDER BY key")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        !meta.iter().any(|k| k.starts_with("commitments.batch.")),
        "{meta:?}"
    );
    assert!(meta.contains(&"workspace_id".to_string()));
    // The moved batch undoes as before; the damaged ones are refused by name.
    undo_redo_batch(&ws, 1, true).unwrap();
    for (unit, period) in [(5, "2026-01"), (5, "2026"), (3, "2026-01"), (3, "2026")] {
        assert_eq!(commitment_in(&ws, 1, unit, period), None, "{unit} {period}");
    }
    assert_eq!(
        undo_redo_batch(&ws, 2, true).unwrap_err().code,
        "commitments_batch_damaged"
    );
    // The next import takes an id after every id the old records used.
    assert_eq!(import_january(&ws, &dir.path().join("a"), "12000"), Some(4));
}
