//! What undoing a transfer reads and writes: whole target rows of the touched units, the ids a
//! transfer created, its log, and the person's rows put back as they were.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection};

/// The tables whose new rows a transfer's log lists.
#[derive(Debug, Clone, Copy)]
pub(in crate::org) enum Created {
    Targets,
    Revisions,
}

fn in_list(units: &[i64]) -> String {
    units
        .iter()
        .map(|u| u.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The target rows of `units`, every column: the column names and each row's values.
pub(in crate::org) fn target_rows(
    conn: &Connection,
    units: &[i64],
) -> Result<(Vec<String>, Vec<Vec<Sql>>)> {
    let mut st = conn.prepare(&format!(
        "SELECT * FROM target WHERE org_unit_id IN ({}) ORDER BY id",
        in_list(units)
    ))?;
    let columns: Vec<String> = st.column_names().iter().map(|c| c.to_string()).collect();
    let n = columns.len();
    let rows = st.query_map([], |r| {
        (0..n)
            .map(|i| r.get::<_, Sql>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    })?;
    Ok((columns, rows.collect::<rusqlite::Result<_>>()?))
}

/// The highest id of the table (0 when empty).
pub(in crate::org) fn max_id(conn: &Connection, table: Created) -> Result<i64> {
    conn.scalar(
        match table {
            Created::Targets => "SELECT IFNULL(MAX(id), 0) FROM target",
            Created::Revisions => "SELECT IFNULL(MAX(id), 0) FROM target_revision",
        },
        [],
    )
}

/// The ids of the table above `above`.
pub(in crate::org) fn ids_above(conn: &Connection, table: Created, above: i64) -> Result<Vec<i64>> {
    conn.rows(
        match table {
            Created::Targets => "SELECT id FROM target WHERE id > ?1",
            Created::Revisions => "SELECT id FROM target_revision WHERE id > ?1",
        },
        [above],
        |r| r.get(0),
    )
}

/// Every unit beside `id` under its parent, `id` included.
pub(in crate::org) fn unit_and_mates(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT id FROM org_unit WHERE parent_id = (SELECT parent_id FROM org_unit WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )
}

/// Logs a transfer from the row `from` to the new row `to_row` on `day` with its undo record.
pub(in crate::org) fn log(
    conn: &Connection,
    (from, to_row): (i64, i64),
    day: &str,
    at: &str,
    undo_json: &str,
) -> Result<()> {
    conn.run(
        "INSERT INTO org_transfer(from_row, to_row, date, at, undo_json) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![from, to_row, day, at, undo_json],
    )?;
    Ok(())
}

/// The latest transfer that created the row `to_row`: its log id, the old row and the record.
pub(in crate::org) fn latest(conn: &Connection, to_row: i64) -> Result<Option<(i64, i64, String)>> {
    conn.optional_of(
        "SELECT id, from_row, undo_json FROM org_transfer WHERE to_row = ?1 ORDER BY id DESC LIMIT 1",
        [to_row])
}

/// Active, open-ended units beside `id` (same parent, the root included) called `name`.
pub(in crate::org) fn active_namesakes(
    conn: &Connection,
    parent: Option<i64>,
    name: &str,
    id: i64,
) -> Result<i64> {
    conn.scalar(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id IS ?1 AND name = ?2 AND id <> ?3
           AND active = 1 AND valid_to IS NULL",
        params![parent, name, id],
    )
}

/// Every deal and customer of `from` goes back to `to`.
pub(in crate::org) fn give_back(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.run(
        "UPDATE deal SET owner_id = ?2 WHERE owner_id = ?1",
        params![from, to],
    )?;
    conn.run(
        "UPDATE customer SET owner_id = ?2 WHERE owner_id = ?1",
        params![from, to],
    )?;
    Ok(())
}

pub(in crate::org) fn forget_log(conn: &Connection, id: i64) -> Result<()> {
    conn.run("DELETE FROM org_transfer WHERE id = ?1", [id])?;
    Ok(())
}

/// Deletes a unit's row; false (nothing deleted) when other records still refer to it.
pub(in crate::org) fn delete_row(conn: &Connection, id: i64) -> Result<bool> {
    match conn.execute("DELETE FROM org_unit WHERE id = ?1", [id]) {
        Ok(_) => Ok(true),
        Err(e)
            if e.sqlite_error().is_some_and(|f| {
                f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
            }) =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// Deletes the rows a transfer created.
pub(in crate::org) fn delete_created(conn: &Connection, table: Created, ids: &[i64]) -> Result<()> {
    let sql = match table {
        Created::Targets => "DELETE FROM target WHERE id = ?1",
        Created::Revisions => "DELETE FROM target_revision WHERE id = ?1",
    };
    for id in ids {
        conn.run(sql, [id])?;
    }
    Ok(())
}

/// Writes target rows back whole (`columns` in the order of each row's values, the id first):
/// updated where the row still exists, inserted again where it was deleted.
pub(in crate::org) fn put_back(
    conn: &Connection,
    columns: &[String],
    rows: &[Vec<Sql>],
) -> Result<()> {
    let sets = columns
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let update = format!("UPDATE target SET {sets} WHERE id = ?1");
    let marks = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let insert = format!(
        "INSERT INTO target({}) VALUES ({marks})",
        columns.join(", ")
    );
    for values in rows {
        if conn.run(&update, params_from_iter(values.iter()))? == 0 {
            conn.run(&insert, params_from_iter(values.iter()))?;
        }
    }
    Ok(())
}
