//! The import's own tables and the records an import creates, in SQL: the batch row, the saved
//! mapping templates, the metric a batch books to, and the person, customer or dimension member
//! a user chose to create. Callers above (commit, mapping, resolve) hold the rules; this file
//! holds the statements, on the shared query helpers.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};

pub(super) mod batches;
pub(super) mod insert;
pub(super) mod known;
pub(crate) mod seed;
pub(super) mod stash;

/// The id of the metric with this code.
pub(super) fn metric_by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    conn.optional("SELECT id FROM metric WHERE code = ?1", [code], |r| {
        r.get(0)
    })
}

/// A metric's id, names (zh, en) and whether it is retired, by its code.
pub(super) fn metric_state(
    conn: &Connection,
    code: &str,
) -> Result<Option<(i64, String, String, bool)>> {
    conn.optional_of(
        "SELECT id, name_zh, name_en, retired_at IS NOT NULL FROM metric WHERE code = ?1",
        [code],
    )
}

/// The years the workspace plans: (first, last, whether a fiscal year starts after January).
pub(super) fn plan_years(conn: &Connection) -> Result<(Option<i32>, Option<i32>, Option<i32>)> {
    conn.one_of(
        "SELECT MIN(s.fiscal_year), MAX(s.fiscal_year), MAX(IFNULL(f.start_month, 1) > 1)
           FROM target_set s LEFT JOIN fiscal_year f ON f.year = s.fiscal_year",
        [],
    )
}

// ---- import_batch -------------------------------------------------------------------------

/// The batch (not undone) that holds a file with this SHA-256 for this kind and metric.
pub(super) fn batch_of_file(
    conn: &Connection,
    sha256: &str,
    kind: &str,
    metric: Option<i64>,
) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM import_batch WHERE sha256 = ?1 AND kind = ?2 AND metric_id IS ?3
           AND undone_at IS NULL ORDER BY id LIMIT 1",
        params![sha256, kind, metric],
        |r| r.get(0),
    )
}

/// A batch's rows read and file name.
pub(super) fn batch_rows_and_name(conn: &Connection, batch: i64) -> Result<(i64, String)> {
    conn.one_of(
        "SELECT rows_total, file_name FROM import_batch WHERE id = ?1",
        [batch],
    )
}

/// A new batch row, its SHA-256 filled in later ([`set_batch_sha`]).
pub(super) fn insert_batch(
    conn: &Connection,
    kind: &str,
    file_name: &str,
    mapping_json: &str,
    metric: Option<i64>,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at, mapping_json, metric_id) VALUES (?1, ?2, '', ?3, ?4, ?5)",
        params![kind, file_name, crate::now_stamp(), mapping_json, metric],
    )
}

pub(super) fn set_batch_sha(conn: &Connection, batch: i64, sha256: &str) -> Result<()> {
    conn.run(
        "UPDATE import_batch SET sha256 = ?1 WHERE id = ?2",
        params![sha256, batch],
    )?;
    Ok(())
}

/// The batch's counts: rows read, inserted, duplicates, skipped and error rows.
pub(super) fn set_batch_counts(conn: &Connection, batch: i64, counts: [u64; 5]) -> Result<()> {
    let [rows, inserted, duplicates, skipped, errors] = counts.map(|n| n as i64);
    conn.run(
        "UPDATE import_batch SET rows_total = ?1, inserted = ?2, duplicates = ?3, skipped = ?4, errors = ?5 WHERE id = ?6",
        params![rows, inserted, duplicates, skipped, errors, batch],
    )?;
    Ok(())
}

// ---- import_mapping -----------------------------------------------------------------------

/// A saved template as stored: id, name, kind, header key, mapping JSON.
pub(super) type MappingRow = (i64, String, String, String, String);

const MAPPING_COLUMNS: &str = "SELECT id, name, kind, header_key, mapping_json FROM import_mapping";

fn mapping_row(r: &rusqlite::Row) -> rusqlite::Result<MappingRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// Saves (or replaces) the template `name`; its id.
pub(super) fn upsert_mapping(
    conn: &Connection,
    name: &str,
    kind: &str,
    header_key: &str,
    json: &str,
) -> Result<i64> {
    conn.run(
        "INSERT INTO import_mapping(name, kind, header_key, mapping_json) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, header_key = excluded.header_key,
                                         mapping_json = excluded.mapping_json",
        params![name, kind, header_key, json],
    )?;
    conn.scalar("SELECT id FROM import_mapping WHERE name = ?1", [name])
}

pub(super) fn mapping_named(conn: &Connection, name: &str) -> Result<Option<MappingRow>> {
    conn.optional(
        &format!("{MAPPING_COLUMNS} WHERE name = ?1"),
        [name],
        mapping_row,
    )
}

/// The newest template for this kind and header key.
pub(super) fn mapping_for_headers(
    conn: &Connection,
    kind: &str,
    header_key: &str,
) -> Result<Option<MappingRow>> {
    conn.optional(
        &format!("{MAPPING_COLUMNS} WHERE kind = ?1 AND header_key = ?2 ORDER BY id DESC LIMIT 1"),
        params![kind, header_key],
        mapping_row,
    )
}

pub(super) fn all_mappings(conn: &Connection) -> Result<Vec<MappingRow>> {
    conn.rows(&format!("{MAPPING_COLUMNS} ORDER BY name"), [], mapping_row)
}

/// False when there was no template of that name.
pub(super) fn delete_mapping(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.run("DELETE FROM import_mapping WHERE name = ?1", [name])? > 0)
}

// ---- records an import creates ------------------------------------------------------------

/// The kind of an organisation unit (company, region, team, person), if it exists.
pub(super) fn unit_kind(conn: &Connection, id: i64) -> Result<Option<String>> {
    conn.optional("SELECT kind FROM org_unit WHERE id = ?1", [id], |r| {
        r.get(0)
    })
}

/// A person (headcount 1) under `parent`, created by the batch.
pub(super) fn insert_person(
    conn: &Connection,
    parent: Option<i64>,
    name: &str,
    batch: i64,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, headcount, batch_id) VALUES (?1, 'person', ?2, 1, ?3)",
        params![parent, name, batch],
    )
}

/// A new customer of the given type, created by the batch.
pub(super) fn insert_customer(
    conn: &Connection,
    name: &str,
    customer_type: Option<i64>,
    batch: i64,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO customer(name, customer_type_id, lifecycle, batch_id) VALUES (?1, ?2, 'new', ?3)",
        params![name, customer_type, batch],
    )
}

/// A dimension member named as its code in both languages, sorted after the others.
pub(super) fn insert_member(conn: &Connection, dim: &str, name: &str, batch: i64) -> Result<i64> {
    let sort: i64 = conn.scalar(
        "SELECT IFNULL(MAX(sort), -1) + 1 FROM dimension_member WHERE dim = ?1",
        [dim],
    )?;
    conn.insert(
        "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort, batch_id) VALUES (?1, ?2, ?2, ?2, ?3, ?4)",
        params![dim, name, sort, batch],
    )
}

/// Every organisation unit below the company, by (parent, name).
pub(super) fn units_by_parent_and_name(
    conn: &Connection,
) -> Result<std::collections::HashMap<(i64, String), i64>> {
    Ok(conn
        .rows(
            "SELECT id, parent_id, name FROM org_unit WHERE parent_id IS NOT NULL",
            [],
            |r| Ok(((r.get(1)?, r.get(2)?), r.get(0)?)),
        )?
        .into_iter()
        .collect())
}

/// A region, team or person from an organisation file: (headcount, capacity per head in fen).
pub(super) fn insert_unit(
    conn: &Connection,
    parent: i64,
    kind: &str,
    name: &str,
    team_type: Option<&str>,
    (headcount, capacity): (i64, Option<i64>),
    batch: i64,
) -> Result<i64> {
    conn.insert(
        "INSERT INTO org_unit(parent_id, kind, name, team_type, headcount, capacity_per_head, batch_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![parent, kind, name, team_type, headcount, capacity, batch],
    )
}

/// A target set's tier ratios: (id, floor, challenge, sprint) in basis points.
pub(super) type SetRatios = (i64, i64, i64, Option<i64>);

pub(super) fn target_set(conn: &Connection, id: Option<i64>) -> Result<Option<SetRatios>> {
    conn.optional_of(
        "SELECT id, floor_bp, challenge_bp, sprint_bp FROM target_set WHERE id = ?1",
        [id],
    )
}

/// The base value a unit already has for a period: (target set, metric, unit).
pub(super) fn base_target(
    conn: &Connection,
    (set, metric, unit): (i64, i64, i64),
    period: &str,
) -> Result<Option<i64>> {
    conn.optional(
        "SELECT base_value FROM target WHERE target_set_id = ?1 AND metric_id = ?2 AND org_unit_id = ?3
         AND dimension_id IS NULL AND period = ?4",
        params![set, metric, unit, period],
        |r| r.get(0),
    )
}

/// A unit's target for a period, (floor, base, challenge) and sprint in fen; 0 when one
/// already stood there.
pub(super) fn insert_target(
    conn: &Connection,
    (set, metric, unit): (i64, i64, i64),
    (period, start, end): (&str, chrono::NaiveDate, chrono::NaiveDate),
    [floor, base, challenge]: [i64; 3],
    sprint: Option<i64>,
    batch: i64,
) -> Result<usize> {
    conn.run(
        "INSERT OR IGNORE INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end,
                                      floor_value, base_value, challenge_value, sprint_value, batch_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            set,
            metric,
            unit,
            period,
            start.to_string(),
            end.to_string(),
            floor,
            base,
            challenge,
            sprint,
            batch
        ],
    )
}
