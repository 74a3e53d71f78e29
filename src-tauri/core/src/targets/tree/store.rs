//! The target tree's SQL: reading a plan's cells, organisation and rules; writing its changed
//! cells and revisions; the session's undo history (a temporary table of the connection).

use super::{CellState, Key, PeriodKey};
use crate::error::Result;
use crate::store::query::ConnExt;
use crate::targets::store::tiers_at;
use crate::targets::store::Change;
use rusqlite::{params, CachedStatement, Connection};
use serde::Serialize;

// ---- Plans, metrics, the organisation and the cells ------------------------------------

/// The plan of `year` created last (or the last plan of all when `year` is None).
pub(super) fn newest_set(conn: &Connection, year: Option<i32>) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM target_set WHERE ?1 IS NULL OR fiscal_year = ?1 ORDER BY id DESC LIMIT 1",
        [year],
        |r| r.get(0),
    )
}

pub(super) fn metric_by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    conn.optional("SELECT id FROM metric WHERE code = ?1", [code], |r| {
        r.get(0)
    })
}

/// A plan's fiscal year and status.
pub(super) fn plan_head(conn: &Connection, set_id: i64) -> Result<Option<(i32, String)>> {
    conn.optional_of(
        "SELECT fiscal_year, status FROM target_set WHERE id = ?1",
        [set_id],
    )
}

/// A metric's aggregation and unit.
pub(super) fn metric_shape(conn: &Connection, metric_id: i64) -> Result<(String, String)> {
    conn.one_of(
        "SELECT aggregation, unit FROM metric WHERE id = ?1",
        [metric_id],
    )
}

/// A unit of the organisation: id, parent, name, active.
pub(super) type UnitRow = (i64, Option<i64>, String, bool);

/// Every unit, in display order.
pub(super) fn org_units(conn: &Connection) -> Result<Vec<UnitRow>> {
    conn.rows(
        "SELECT id, parent_id, name, active FROM org_unit ORDER BY sort, id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? != 0)),
    )
}

/// Every dimension member and its dimension.
pub(super) fn member_dimensions(conn: &Connection) -> Result<Vec<(i64, String)>> {
    conn.rows("SELECT id, dim FROM dimension_member", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Every stored cell of a plan and metric: its id, place and state.
pub(super) fn cells(
    conn: &Connection,
    set_id: i64,
    metric_id: i64,
) -> Result<Vec<(i64, Key, CellState)>> {
    conn.rows(
        "SELECT id, org_unit_id, dimension_id, period, floor_value, base_value, challenge_value, \
         sprint_value, locked, commitment FROM target WHERE target_set_id = ?1 AND metric_id = ?2",
        [set_id, metric_id],
        |r| {
            Ok((
                r.get(0)?,
                (r.get(1)?, r.get(2)?, r.get(3)?),
                CellState {
                    tiers: tiers_at(r, 4)?,
                    locked: r.get::<_, i64>(8)? != 0,
                    commitment: r.get(9)?,
                },
            ))
        },
    )
}

// ---- The plan's rules --------------------------------------------------------------------

/// A plan's rounding unit and allocation band (min, max basis points).
pub(super) fn read_rule(conn: &Connection, set_id: i64) -> Result<(i64, i64, i64)> {
    conn.one_of(
        "SELECT rounding_unit, allocation_min_bp, allocation_max_bp FROM target_set WHERE id = ?1",
        [set_id],
    )
}

pub(super) fn write_rule(conn: &Connection, set_id: i64, rule: (i64, i64, i64)) -> Result<()> {
    conn.run(
        "UPDATE target_set SET rounding_unit = ?1, allocation_min_bp = ?2, allocation_max_bp = ?3 \
         WHERE id = ?4",
        params![rule.0, rule.1, rule.2, set_id],
    )?;
    Ok(())
}

// ---- Writing cells -------------------------------------------------------------------------

/// A new cell (of the writer's plan and metric): its id (numbered by the writer), place,
/// period bounds and state.
pub(super) struct NewCell<'a> {
    pub id: i64,
    pub key: &'a Key,
    pub start: &'a str,
    pub end: &'a str,
    pub state: &'a CellState,
}

/// One revision of one tier of a cell.
pub(super) struct NewRevision<'a> {
    pub target_id: i64,
    pub change: &'a Change,
    pub tier: &'a str,
    pub old: i64,
    pub new: i64,
}

/// New cells sent to SQLite in one statement: each run of a statement opens the table and both
/// its indexes, so rows go in groups of this many (the rest one by one). A group is inserted
/// OR FAIL: a conflict ends the statement without undoing its earlier rows, so SQLite keeps no
/// copy of every page a group touches to undo them with; the caller's savepoint undoes the
/// whole write on any error.
const GROUP: usize = 64;

/// The values of one new cell, held until its group is written.
struct Pending {
    id: i64,
    key: Key,
    start: PeriodKey,
    end: PeriodKey,
    state: CellState,
}

/// New cells and revisions written through prepared statements (new cells in groups of
/// [`GROUP`], in the order given), in the caller's transaction; the statements stay prepared
/// for the whole write. [`CellWriter::finish`] writes what is still held.
pub(super) struct CellWriter<'c> {
    one: CachedStatement<'c>,
    group: CachedStatement<'c>,
    pending: Vec<Pending>,
    revisions: Option<CachedStatement<'c>>,
    conn: &'c Connection,
}

impl<'c> CellWriter<'c> {
    /// A writer of cells of one plan and metric (written into the statement: two values less
    /// to bind on every row).
    pub(super) fn new(conn: &'c Connection, set_id: i64, metric_id: i64) -> Result<CellWriter<'c>> {
        let insert = |rows: usize| {
            let row = format!("(?, {set_id}, {metric_id}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            format!(
                "INSERT OR FAIL INTO target(id, target_set_id, metric_id, org_unit_id, dimension_id, \
                 period, period_start, period_end, floor_value, base_value, challenge_value, \
                 sprint_value, locked, commitment) VALUES {}",
                vec![row; rows].join(", ")
            )
        };
        Ok(CellWriter {
            one: conn.prepare_cached(&insert(1))?,
            group: conn.prepare_cached(&insert(GROUP))?,
            pending: Vec::with_capacity(GROUP),
            revisions: None,
            conn,
        })
    }

    /// Adds a new cell; it is written with its group, or by [`CellWriter::flush`].
    pub(super) fn insert(&mut self, c: &NewCell) -> Result<()> {
        self.pending.push(Pending {
            id: c.id,
            key: c.key.clone(),
            start: c.start.into(),
            end: c.end.into(),
            state: *c.state,
        });
        if self.pending.len() == GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the cells held (before anything that must find them written).
    pub(super) fn flush(&mut self) -> Result<()> {
        let st = if self.pending.len() == GROUP {
            &mut self.group
        } else {
            &mut self.one
        };
        let per_statement = if self.pending.len() == GROUP {
            GROUP
        } else {
            1
        };
        for rows in self.pending.chunks(per_statement) {
            for (r, c) in rows.iter().enumerate() {
                let (k, s, at) = (&c.key, &c.state, r * 12);
                st.raw_bind_parameter(at + 1, c.id)?;
                st.raw_bind_parameter(at + 2, k.0)?;
                st.raw_bind_parameter(at + 3, k.1)?;
                st.raw_bind_parameter(at + 4, &k.2)?;
                st.raw_bind_parameter(at + 5, &c.start)?;
                st.raw_bind_parameter(at + 6, &c.end)?;
                st.raw_bind_parameter(at + 7, s.tiers.floor)?;
                st.raw_bind_parameter(at + 8, s.tiers.base)?;
                st.raw_bind_parameter(at + 9, s.tiers.challenge)?;
                st.raw_bind_parameter(at + 10, s.tiers.sprint)?;
                st.raw_bind_parameter(at + 11, s.locked as i64)?;
                st.raw_bind_parameter(at + 12, s.commitment)?;
            }
            st.raw_execute()?;
        }
        self.pending.clear();
        Ok(())
    }

    /// Writes the cells still held; the write is complete only after it.
    pub(super) fn finish(mut self) -> Result<()> {
        self.flush()
    }

    /// Writes a revision (after the cells held: its cell must exist).
    pub(super) fn revision(&mut self, r: &NewRevision) -> Result<()> {
        self.flush()?;
        if self.revisions.is_none() {
            self.revisions = Some(self.conn.prepare_cached(
                "INSERT INTO target_revision(target_id, at, who, reason_category, reason, tier, \
                 old_value, new_value, approver) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?);
        }
        if let Some(st) = self.revisions.as_mut() {
            let ch = r.change;
            st.execute(params![
                r.target_id,
                ch.at,
                ch.who,
                ch.category.as_str(),
                ch.reason,
                r.tier,
                r.old,
                r.new,
                ch.approver
            ])?;
        }
        Ok(())
    }
}

/// The highest id of the target table (new cells are numbered after it).
pub(super) fn max_cell_id(conn: &Connection) -> Result<i64> {
    conn.scalar("SELECT IFNULL(MAX(id), 0) FROM target", [])
}

/// The id of a stored cell by place (a cell the tree has no id for).
pub(super) fn cell_id(
    conn: &Connection,
    set_id: i64,
    metric_id: i64,
    key: &Key,
) -> Result<Option<i64>> {
    conn.optional(
        "SELECT id FROM target WHERE target_set_id = ?1 AND metric_id = ?2 AND org_unit_id = ?3 \
         AND IFNULL(dimension_id, 0) = IFNULL(?4, 0) AND period = ?5",
        params![set_id, metric_id, key.0, key.1, key.2],
        |r| r.get(0),
    )
}

pub(super) fn update_cell(conn: &Connection, id: i64, s: &CellState) -> Result<()> {
    conn.run(
        "UPDATE target SET floor_value = ?1, base_value = ?2, challenge_value = ?3, \
         sprint_value = ?4, locked = ?5, commitment = ?6 WHERE id = ?7",
        params![
            s.tiers.floor,
            s.tiers.base,
            s.tiers.challenge,
            s.tiers.sprint,
            s.locked as i64,
            s.commitment,
            id
        ],
    )?;
    Ok(())
}

pub(super) fn delete_cell(conn: &Connection, id: i64) -> Result<()> {
    conn.run("DELETE FROM target WHERE id = ?1", [id])?;
    Ok(())
}

// ---- The undo history of the session ----------------------------------------------------

/// One step of the history as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryStep {
    pub id: i64,
    pub set_id: i64,
    pub metric_id: i64,
    /// What the change was, e.g. "edit", "paste", "split", "fix", "lock", "import".
    pub label: String,
    pub at: String,
    pub cells: usize,
    pub undone: bool,
}

fn ensure_history(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS target_history (
            id INTEGER PRIMARY KEY,
            set_id INTEGER NOT NULL,
            metric_id INTEGER NOT NULL,
            label TEXT NOT NULL,
            at TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0,
            n INTEGER NOT NULL,
            cells BLOB NOT NULL
        )",
    )?;
    Ok(())
}

/// A new step of `n` cells (`blob`, see `step_codec`) after dropping the steps undone before
/// it; its id.
pub(super) fn push_step(
    conn: &Connection,
    (set_id, metric_id): (i64, i64),
    label: &str,
    n: usize,
    blob: &[u8],
) -> Result<i64> {
    ensure_history(conn)?;
    conn.run("DELETE FROM temp.target_history WHERE undone = 1", [])?;
    let at = crate::now_stamp();
    conn.insert(
        "INSERT INTO temp.target_history(set_id, metric_id, label, at, n, cells) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![set_id, metric_id, label, at, n as i64, blob],
    )
}

/// The steps, oldest first.
pub(super) fn list_steps(conn: &Connection) -> Result<Vec<HistoryStep>> {
    ensure_history(conn)?;
    conn.rows(
        "SELECT id, set_id, metric_id, label, at, undone, n \
         FROM temp.target_history ORDER BY id",
        [],
        |r| {
            Ok(HistoryStep {
                id: r.get(0)?,
                set_id: r.get(1)?,
                metric_id: r.get(2)?,
                label: r.get(3)?,
                at: r.get(4)?,
                undone: r.get::<_, i64>(5)? != 0,
                cells: r.get::<_, i64>(6)? as usize,
            })
        },
    )
}

/// A stored step: its id, plan, metric and cells blob.
pub(super) type StepRow = (i64, i64, i64, Vec<u8>);

/// The step undo (`undo` true: the newest done) or redo (the oldest undone) would take.
pub(super) fn next_step(conn: &Connection, undo: bool) -> Result<Option<StepRow>> {
    ensure_history(conn)?;
    let sql = if undo {
        "SELECT id, set_id, metric_id, cells FROM temp.target_history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    } else {
        "SELECT id, set_id, metric_id, cells FROM temp.target_history WHERE undone = 1 ORDER BY id LIMIT 1"
    };
    conn.optional(sql, [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
}

pub(super) fn mark_step(conn: &Connection, id: i64, undone: bool) -> Result<()> {
    conn.run(
        "UPDATE temp.target_history SET undone = ?1 WHERE id = ?2",
        params![undone as i64, id],
    )?;
    Ok(())
}
