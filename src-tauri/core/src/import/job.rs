//! What every import kind works with, below all of them: the commit's [`Job`] and the preview's
//! [`PreviewJob`], the tally and preview accumulator they count into, and the records an import
//! creates. Preview and commit hand these to a kind ([`super::kind::Importer`]); no kind reaches
//! back up into the preview or the commit.

use super::pipeline;
use super::{ImportOptions, Progress, Resolutions, RowError, UnknownKind};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

/// Errors kept in a preview or summary; the rest are counted.
pub const MAX_ERRORS: usize = 1000;

/// Keeps a row's errors while the list holds fewer than [`MAX_ERRORS`] (rows are still counted).
pub(super) fn keep_errors(list: &mut Vec<RowError>, errs: Vec<RowError>) {
    let room = MAX_ERRORS.saturating_sub(list.len());
    list.extend(errs.into_iter().take(room));
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    pub row: u64,
    /// Typed values, in the order of `Preview::fields`.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unknown {
    pub kind: UnknownKind,
    pub value: String,
    /// Rows that carry it.
    pub rows: u64,
    pub first_row: u64,
    /// Σ of those rows' amounts (fen; actuals only).
    pub amount: i64,
    /// For a person: the team (else region) their first row names, to create them in.
    pub suggested_parent: Option<i64>,
}

/// Unknown values by kind and text: (rows, first row, Σ amount).
pub(super) type Sightings = BTreeMap<(UnknownKind, String), (u64, u64, i64)>;

/// Counts one more row that carries an unknown value.
fn sight(list: &mut Sightings, kind: UnknownKind, value: &str, row: u64, amount: i64) {
    let e = list.entry((kind, value.to_string())).or_insert((0, row, 0));
    e.0 += 1;
    e.2 = e.2.saturating_add(amount);
}

/// The unknown values seen, as listed to the user.
pub(super) fn unknowns(
    list: Sightings,
    parents: &BTreeMap<(UnknownKind, String), i64>,
) -> Vec<Unknown> {
    list.into_iter()
        .map(|((kind, value), (rows, first_row, amount))| Unknown {
            suggested_parent: parents.get(&(kind, value.clone())).copied(),
            kind,
            value,
            rows,
            first_row,
            amount,
        })
        .collect()
}

/// What the kind-specific readers fill during a preview.
#[derive(Debug, Default)]
pub struct PreviewAcc {
    pub limit: usize,
    pub rows: Vec<PreviewRow>,
    pub errors: Vec<RowError>,
    pub error_rows: u64,
    pub unknowns: Sightings,
    /// The unit the first row of an unknown person names (team, else region).
    pub suggested_parents: BTreeMap<(UnknownKind, String), i64>,
    pub inserted: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub money: super::Money,
    pub ambiguous: bool,
}

impl PreviewAcc {
    pub fn row_errors(&mut self, errs: Vec<RowError>) {
        self.error_rows += 1;
        keep_errors(&mut self.errors, errs);
    }

    pub fn unknown(&mut self, kind: UnknownKind, value: &str, row: u64, amount: i64) {
        sight(&mut self.unknowns, kind, value, row, amount);
    }

    /// Remembers the unit an unknown value's rows name, the first one given.
    pub fn suggest_parent(&mut self, kind: UnknownKind, value: &str, parent: i64) {
        self.suggested_parents
            .entry((kind, value.to_string()))
            .or_insert(parent);
    }

    pub fn wants_rows(&self) -> bool {
        self.rows.len() < self.limit
    }
}

/// A record an import created because the user chose "create" for an unknown value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    pub kind: UnknownKind,
    pub value: String,
    pub id: i64,
}

/// Counts a commit keeps; every data row lands in exactly one of the four counters.
#[derive(Debug, Default)]
pub struct Tally {
    pub rows: u64,
    pub inserted: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub error_rows: u64,
    pub errors: Vec<RowError>,
    pub unresolved: Sightings,
    pub created: Vec<Created>,
    pub money: super::Money,
}

impl Tally {
    pub fn row_errors(&mut self, errs: Vec<RowError>) {
        self.error_rows += 1;
        keep_errors(&mut self.errors, errs);
    }

    pub fn skip_unknown(&mut self, kind: UnknownKind, value: &str, row: u64, amount: i64) {
        self.skipped += 1;
        sight(&mut self.unresolved, kind, value, row, amount);
    }
}

/// Everything one kind's rows need to go in: the transaction, the opened file, the user's
/// choices, the batch they belong to, progress and cancel, and the tally they count into.
pub(super) struct Job<'a> {
    pub conn: &'a Connection,
    pub opened: &'a mut pipeline::Opened,
    pub opts: &'a ImportOptions,
    pub resolutions: &'a Resolutions,
    pub batch: i64,
    pub progress: &'a mut dyn FnMut(Progress),
    pub cancel: &'a AtomicBool,
    pub tally: &'a mut Tally,
}

/// Everything one kind's preview needs: as a [`Job`], with no batch, writing nothing, and
/// counting into the preview's accumulator.
pub(super) struct PreviewJob<'a> {
    pub conn: &'a Connection,
    pub opened: &'a mut pipeline::Opened,
    pub opts: &'a ImportOptions,
    pub resolutions: &'a Resolutions,
    pub progress: &'a mut dyn FnMut(Progress),
    pub cancel: &'a AtomicBool,
    pub acc: &'a mut PreviewAcc,
}
