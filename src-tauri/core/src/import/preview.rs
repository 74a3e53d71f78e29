//! Preview: the whole file is read (streamed) without writing anything; the first rows come back
//! typed, with every row-level error counted, the unknown values listed for the user to resolve
//! and the rows already in the workspace counted.

use super::commit::{find_same_file, sha256_file};
use super::guard::{no_panic, Where};
use super::headers::Field;
use super::mapping::Mapping;
use super::pipeline;
use super::source::SourceInfo;
use super::UnknownKind;
use super::{actuals, org, targets, ImportKind, ImportOptions, Progress, Resolutions, RowError};
use crate::error::Result;
use crate::store::Workspace;
use std::collections::BTreeMap;
use std::path::Path;
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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub kind: ImportKind,
    pub source: SourceInfo,
    pub sha256: String,
    /// The batch that already holds this very file (importing it again adds nothing).
    pub already_imported_batch: Option<i64>,
    pub header_row: u64,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    pub template: Option<String>,
    /// Required fields the mapping has no column for (only with a header row the user chose;
    /// a commit refuses them until they are mapped).
    pub missing_fields: Vec<Field>,
    pub fields: Vec<Field>,
    pub rows_total: u64,
    pub rows: Vec<PreviewRow>,
    pub errors: Vec<RowError>,
    pub error_rows: u64,
    pub unknowns: Vec<Unknown>,
    /// What the commit will do with the same resolutions: rows that go in, rows already in the
    /// workspace (same line identity), rows skipped for an unknown value, and their money.
    pub inserted: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub money: super::Money,
    /// Some numbers use a decimal comma: the user must choose the number format.
    pub number_format_ambiguous: bool,
}

/// What the kind-specific readers fill during a preview.
#[derive(Debug, Default)]
pub struct PreviewAcc {
    pub limit: usize,
    pub rows: Vec<PreviewRow>,
    pub errors: Vec<RowError>,
    pub error_rows: u64,
    pub unknowns: BTreeMap<(UnknownKind, String), (u64, u64, i64)>,
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
        let e = self
            .unknowns
            .entry((kind, value.to_string()))
            .or_insert((0, row, 0));
        e.0 += 1;
        e.2 = e.2.saturating_add(amount);
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

/// Reads the whole file and reports what a commit with the same resolutions would do, writing
/// nothing.
pub fn preview(
    ws: &Workspace,
    path: &Path,
    opts: &ImportOptions,
    resolutions: &Resolutions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<Preview> {
    no_panic(&Where::file(path), || {
        let conn = ws.conn();
        let sha256 = sha256_file(path, &opts.caps)?;
        let mut opened = pipeline::open(conn, path, opts)?;
        // A row the user chose is previewed with whatever its mapping lacks; a detected one must
        // have every required column.
        if opts.header_row.is_none() {
            opened.require_columns()?;
        }
        let mut acc = PreviewAcc {
            limit: opts.preview_rows,
            ..PreviewAcc::default()
        };
        let (fields, rows_total) = match opts.kind {
            ImportKind::Actuals => actuals::preview(
                conn,
                &mut opened,
                opts,
                resolutions,
                progress,
                cancel,
                &mut acc,
            )?,
            ImportKind::Targets => {
                targets::preview(conn, &mut opened, opts, progress, cancel, &mut acc)?
            }
            ImportKind::Org => org::preview(conn, &mut opened, opts, progress, cancel, &mut acc)?,
        };
        Ok(Preview {
            kind: opts.kind,
            source: opened.source.info().clone(),
            already_imported_batch: find_same_file(conn, opts, &sha256)?,
            sha256,
            header_row: opened.header_row,
            headers: opened.headers.clone(),
            mapping: opened.mapping.clone(),
            template: opened.template.clone(),
            missing_fields: opened.missing.clone(),
            fields,
            rows_total,
            rows: acc.rows,
            errors: acc.errors,
            error_rows: acc.error_rows,
            unknowns: acc
                .unknowns
                .into_iter()
                .map(|((kind, value), (rows, first_row, amount))| Unknown {
                    suggested_parent: acc.suggested_parents.get(&(kind, value.clone())).copied(),
                    kind,
                    value,
                    rows,
                    first_row,
                    amount,
                })
                .collect(),
            inserted: acc.inserted,
            duplicates: acc.duplicates,
            skipped: acc.skipped,
            money: acc.money,
            number_format_ambiguous: acc.ambiguous,
        })
    })
}
