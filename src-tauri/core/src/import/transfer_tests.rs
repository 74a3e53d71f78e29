//! After a transfer, imports book each sale to the unit the person was in on the sale's date,
//! and a sale's identity uses the person's key, so re-importing old lines adds nothing. Expected
//! team sums are added up here by hand from the rows each test writes.

use super::tests::{count, opts, run, workspace, write};
use super::*;
use crate::org::transfer::{self, Transfer};
use crate::org::Follow;
use crate::store::Workspace;
use std::path::Path;

const HEADER: &str = "日期,销售员,团队,金额\n";

fn file(dir: &Path, name: &str, rows: &[(&str, &str, &str, &str)]) -> std::path::PathBuf {
    let mut text = HEADER.to_string();
    for (date, person, team, amount) in rows {
        text += &format!("{date},{person},{team},{amount}\n");
    }
    write(dir, name, text.as_bytes())
}

/// Σ amount (fen) of the sales booked to the people of each team, from the raw rows.
fn team_sums(ws: &Workspace) -> Vec<(String, i64)> {
    let mut stmt = ws
        .conn()
        .prepare(
            "SELECT t.name, SUM(a.amount) FROM actual a
               JOIN org_unit p ON p.id = a.person_id JOIN org_unit t ON t.id = p.parent_id
              GROUP BY t.name ORDER BY t.name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// 张三 (华东一组) moves to 华南一组 on 1 July 2026.
fn transfer_zhang(ws: &Workspace) -> i64 {
    transfer::apply(
        ws,
        &Transfer {
            person_id: 4,
            to_unit_id: 7,
            date: "2026-07-01".into(),
            targets: Follow::Move,
        },
    )
    .unwrap()
    .new_person_id
}

#[test]
fn sales_land_on_the_team_of_their_date_and_old_lines_add_nothing_after_a_transfer() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let spring = file(
        dir.path(),
        "spring.csv",
        &[
            ("2026-03-02", "张三", "华东一组", "10000.00"),
            ("2026-05-10", "张三", "华东一组", "20000.00"),
            ("2026-04-01", "王五", "华南一组", "5000.00"),
        ],
    );
    let s = run(&mut ws, &spring, &o, &r).unwrap();
    assert_eq!((s.inserted, s.money.inserted), (3, 3_500_000));

    let moved = transfer_zhang(&ws);
    // The transfer moves no past sale: 华东一组 keeps 30,000.00, 华南一组 has 5,000.00.
    assert_eq!(
        team_sums(&ws),
        vec![
            ("华东一组".to_string(), 3_000_000),
            ("华南一组".to_string(), 500_000)
        ]
    );

    // An export of the whole year, made after the transfer: the two old lines again, a June
    // sale (before the transfer) and an August sale (after it).
    let year = file(
        dir.path(),
        "year.csv",
        &[
            ("2026-03-02", "张三", "华东一组", "10000.00"),
            ("2026-05-10", "张三", "华东一组", "20000.00"),
            ("2026-06-15", "张三", "华东一组", "3000.00"),
            ("2026-08-20", "张三", "华南一组", "7000.00"),
        ],
    );
    let s = run(&mut ws, &year, &o, &r).unwrap();
    assert_eq!(s.error_rows, 0, "{:?}", s.errors);
    assert_eq!((s.inserted, s.money.inserted), (2, 1_000_000));
    assert_eq!((s.duplicates, s.money.duplicates), (2, 3_000_000));
    // 华东一组: 10,000 + 20,000 + 3,000; 华南一组: 5,000 + 7,000.
    assert_eq!(
        team_sums(&ws),
        vec![
            ("华东一组".to_string(), 3_300_000),
            ("华南一组".to_string(), 1_200_000)
        ]
    );
    assert_eq!(
        count(
            &ws,
            &format!(
                "SELECT COUNT(*) FROM actual WHERE person_id = {moved} AND date = '2026-08-20'"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &ws,
            "SELECT COUNT(*) FROM actual WHERE person_id = 4 AND date = '2026-06-15'"
        ),
        1
    );

    // The same year again, as another file (one more line of 王五): only that line is new.
    let again = file(
        dir.path(),
        "again.csv",
        &[
            ("2026-08-20", "张三", "华南一组", "7000.00"),
            ("2026-06-15", "张三", "华东一组", "3000.00"),
            ("2026-03-02", "张三", "华东一组", "10000.00"),
            ("2026-05-10", "张三", "华东一组", "20000.00"),
            ("2026-09-01", "王五", "华南一组", "100.00"),
        ],
    );
    let s = run(&mut ws, &again, &o, &r).unwrap();
    assert_eq!((s.inserted, s.money.inserted), (1, 10_000));
    assert_eq!((s.duplicates, s.money.duplicates), (4, 4_000_000));
}

/// The person field of an identity (`metric|date|person|…`).
fn identity_people(ws: &Workspace) -> Vec<(String, String)> {
    let mut stmt = ws
        .conn()
        .prepare("SELECT date, fingerprint FROM actual ORDER BY date, id")
        .unwrap();
    stmt.query_map([], |r| {
        let fp: String = r.get(1)?;
        Ok((r.get(0)?, fp.split('|').nth(2).unwrap_or("").to_string()))
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

#[test]
fn the_migration_names_people_by_their_key_and_loses_no_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let moved = transfer_zhang(&ws);
    // Lines an older version booked to 张三's new row by its id (its identity naming the row):
    // two August sales, one of them equal to a line booked with the key.
    let august = file(
        dir.path(),
        "august.csv",
        &[
            ("2026-08-20", "张三", "华南一组", "7000.00"),
            ("2026-08-21", "张三", "华南一组", "900.00"),
        ],
    );
    run(&mut ws, &august, &o, &r).unwrap();
    let conn = ws.conn();
    conn.execute_batch(&format!(
        "UPDATE actual SET fingerprint = replace(fingerprint, '|4|', '|{moved}|');
         INSERT INTO actual(metric_id, date, person_id, amount, quantity, fingerprint, batch_id, source_row)
           SELECT metric_id, date, person_id, amount, quantity, replace(fingerprint, '|{moved}|', '|4|'), batch_id, 9
             FROM actual WHERE date = '2026-08-20';"
    ))
    .unwrap();
    let before_rows = count(&ws, "SELECT COUNT(*) FROM actual");
    let before_sum = count(&ws, "SELECT SUM(amount) FROM actual");
    assert_eq!((before_rows, before_sum), (3, 700_000 * 2 + 90_000));

    let sql = crate::store::migrations::MIGRATIONS[15];
    ws.conn().execute_batch(sql).unwrap();

    // Every row is kept; every identity names the key (4); the two equal August lines are two
    // occurrences.
    assert_eq!(count(&ws, "SELECT COUNT(*) FROM actual"), before_rows);
    assert_eq!(count(&ws, "SELECT SUM(amount) FROM actual"), before_sum);
    assert!(identity_people(&ws).iter().all(|(_, p)| p == "4"));
    let mut fps: Vec<String> = {
        let mut stmt = ws
            .conn()
            .prepare("SELECT fingerprint FROM actual WHERE date = '2026-08-20'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    fps.sort();
    assert_eq!(fps.len(), 2);
    assert!(fps[0].ends_with("|0") && fps[1].ends_with("|1"), "{fps:?}");

    // Re-importing the August file after the migration adds nothing.
    let again = file(
        dir.path(),
        "august-again.csv",
        &[
            ("2026-08-21", "张三", "华南一组", "900.00"),
            ("2026-08-20", "张三", "华南一组", "7000.00"),
        ],
    );
    let s = run(&mut ws, &again, &o, &r).unwrap();
    assert_eq!((s.inserted, s.duplicates), (0, 2));
}

#[test]
fn redo_of_a_batch_undone_before_the_key_identities_restores_todays_identities() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let o = opts(ImportKind::Actuals);
    let r = Resolutions::default();
    let moved = transfer_zhang(&ws);
    let august = file(
        dir.path(),
        "august.csv",
        &[
            ("2026-08-20", "张三", "华南一组", "7000.00"),
            ("2026-08-21", "张三", "华南一组", "900.00"),
        ],
    );
    let batch = run(&mut ws, &august, &o, &r).unwrap().batch;
    undo(&mut ws, batch).unwrap();
    // What an undo before migration 16 kept aside: identities naming 张三's unit row, not his key.
    let kept = ws
        .conn()
        .execute(
            &format!(
                "UPDATE undone_row SET vals = replace(vals, '|4|', '|{moved}|')
                  WHERE batch_id = ?1 AND tbl = 'actual'"
            ),
            [batch],
        )
        .unwrap();
    assert_eq!(kept, 2);
    let metric = count(&ws, "SELECT id FROM metric WHERE code = 'revenue'");

    redo(&mut ws, batch).unwrap();
    let fps: Vec<String> = {
        let mut stmt = ws
            .conn()
            .prepare("SELECT fingerprint FROM actual WHERE batch_id = ?1 ORDER BY date")
            .unwrap();
        stmt.query_map([batch], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    // metric|date|person key|amount|quantity|product|customer|order|occurrence
    assert_eq!(
        fps,
        [
            format!("{metric}|2026-08-20|4|700000|0||||0"),
            format!("{metric}|2026-08-21|4|90000|0||||0"),
        ]
    );
    assert_eq!(
        count(
            &ws,
            &format!("SELECT SUM(amount) FROM actual WHERE person_id = {moved}")
        ),
        790_000
    );
    // The same lines exported again are the lines redo brought back.
    let again = file(
        dir.path(),
        "august-again.csv",
        &[
            ("2026-08-21", "张三", "华南一组", "900.00"),
            ("2026-08-20", "张三", "华南一组", "7000.00"),
        ],
    );
    let s = run(&mut ws, &again, &o, &r).unwrap();
    assert_eq!((s.inserted, s.duplicates), (0, 2));
    assert_eq!(s.money.duplicates, 790_000);
}
