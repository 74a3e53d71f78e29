//! The rows an undone batch removed, kept aside in `undone_row` (one JSON array of values per row,
//! with the column names it was taken with), so redo puts back exactly the same rows: same ids,
//! same values. Columns are read from the schema at the time, so a column added by a later
//! migration takes its default on redo.

use rusqlite::{params, Connection, OptionalExtension};

/// The tables a batch writes to, in the order undo removes them (redo goes in reverse).
pub const TABLES: [&str; 5] = [
    "actual",
    "target",
    "customer",
    "dimension_member",
    "org_unit",
];

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = st.query_map([], |r| r.get::<_, String>(1))?;
    cols.collect()
}

fn quoted(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Copies the batch's rows of `table` into `undone_row` (before they are deleted).
pub fn keep(conn: &Connection, batch: i64, table: &str) -> rusqlite::Result<usize> {
    let cols = columns(conn, table)?;
    let names = serde_json::to_string(&cols).unwrap_or_default();
    conn.execute(
        &format!(
            "INSERT INTO undone_row(batch_id, tbl, cols, vals)
             SELECT ?1, ?2, ?3, json_array({}) FROM {table} WHERE batch_id = ?1 ORDER BY id",
            quoted(&cols)
        ),
        params![batch, table, names],
    )
}

/// Puts the kept rows of `table` back and forgets them; returns how many.
pub fn restore(conn: &Connection, batch: i64, table: &str) -> rusqlite::Result<u64> {
    let kept: Option<String> = conn
        .query_row(
            "SELECT cols FROM undone_row WHERE batch_id = ?1 AND tbl = ?2 LIMIT 1",
            params![batch, table],
            |r| r.get(0),
        )
        .optional()?;
    let Some(kept) = kept else { return Ok(0) };
    // The column list was written by `keep`; one that does not read is a damaged file.
    let kept: Vec<String> = serde_json::from_str(&kept).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let now = columns(conn, table)?;
    let (cols, picks): (Vec<String>, Vec<String>) = kept
        .iter()
        .enumerate()
        .filter(|(_, c)| now.contains(c))
        .map(|(i, c)| (c.clone(), format!("json_extract(vals, '$[{i}]')")))
        .unzip();
    let n = conn.execute(
        &format!(
            "INSERT INTO {table}({}) SELECT {} FROM undone_row WHERE batch_id = ?1 AND tbl = ?2 ORDER BY rowid",
            quoted(&cols),
            picks.join(", ")
        ),
        params![batch, table],
    )?;
    conn.execute(
        "DELETE FROM undone_row WHERE batch_id = ?1 AND tbl = ?2",
        params![batch, table],
    )?;
    Ok(n as u64)
}

/// Today's identity of a row without its occurrence number, and the number it had.
type Today = (String, u32);

/// Gives the restored actual rows of `batch` the identity of today's format (`identity`): rows
/// kept aside before migration 16 named the person by their unit row, today's identity names
/// them by their key, so a redo after a transfer must not bring back yesterday's identities.
/// Each row keeps its occurrence number; two restored rows that now meet take the next free
/// ones, so no row is lost. A row whose identity another row now holds makes the redo fail
/// (a constraint violation the caller reports). Returns how many identities changed.
pub fn refresh_identities(conn: &Connection, batch: i64) -> rusqlite::Result<u64> {
    use crate::import::identity::{occurrence_of, write_identity, Line};
    let mut st = conn.prepare(
        "SELECT a.id, a.fingerprint, a.metric_id, a.date, IFNULL(o.person_key, a.person_id),
                a.amount, a.quantity, a.product_line_id, a.customer_id, a.order_id
           FROM actual a LEFT JOIN org_unit o ON o.id = a.person_id
          WHERE a.batch_id = ?1 ORDER BY a.id",
    )?;
    let mut text = String::new();
    // Each row: its id, its identity as kept, and today's identity without the occurrence
    // number followed by the number it had.
    let rows: Vec<(i64, String, Option<Today>)> = st
        .query_map([batch], |r| {
            let old: String = r.get(1)?;
            let date: String = r.get(3)?;
            let order_id: Option<String> = r.get(9)?;
            let today = match (
                chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d"),
                occurrence_of(&old),
            ) {
                (Ok(date), Some(k)) => {
                    let line = Line {
                        metric: r.get(2)?,
                        date,
                        person: r.get(4)?,
                        amount: r.get(5)?,
                        quantity: r.get(6)?,
                        product_line: r.get(7)?,
                        customer: r.get(8)?,
                        order_id: order_id.as_deref(),
                    };
                    write_identity(&mut text, &line, k);
                    let base = text[..text.len() - k.to_string().len()].to_string();
                    Some((base, k))
                }
                _ => None,
            };
            Ok((r.get(0)?, old, today))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut highest: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for (base, k) in rows.iter().filter_map(|(_, _, t)| t.as_ref()) {
        let top = highest.entry(base).or_insert(*k);
        *top = (*top).max(*k);
    }
    let mut taken: std::collections::HashSet<(&str, u32)> = std::collections::HashSet::new();
    let mut changes: Vec<(i64, String)> = Vec::new();
    for (id, old, today) in &rows {
        let Some((base, k)) = today else { continue };
        let mut k = *k;
        if !taken.insert((base, k)) {
            let top = highest.entry(base).or_insert(k);
            *top += 1;
            k = *top;
            taken.insert((base, k));
        }
        let new = format!("{base}{k}");
        if new != *old {
            changes.push((*id, new));
        }
    }
    // Set aside first, so two rows trading identities never meet on the way.
    let mut aside = conn.prepare("UPDATE actual SET fingerprint = '#' || id WHERE id = ?1")?;
    for (id, _) in &changes {
        aside.execute([id])?;
    }
    let mut set = conn.prepare("UPDATE actual SET fingerprint = ?2 WHERE id = ?1")?;
    for (id, new) in &changes {
        set.execute(rusqlite::params![id, new])?;
    }
    Ok(changes.len() as u64)
}
