//! Preview: the whole file is read (streamed) without writing anything; the first rows come back
//! typed, with every row-level error counted, the unknown values listed for the user to resolve
//! and the rows already in the workspace counted.

use super::commit::{find_same_file, sha256_file};
use super::guard::{no_panic, Where};
use super::headers::Field;
use super::job::{self, PreviewAcc, PreviewJob, PreviewRow, Unknown};
use super::mapping::Mapping;
use super::pipeline;
use super::source::SourceInfo;
use super::{ImportKind, ImportOptions, Progress, Resolutions, RowError};
use crate::error::Result;
use crate::store::Workspace;
use std::path::Path;
use std::sync::atomic::AtomicBool;

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
        let importer = opts.kind.importer();
        let rows_total = importer.preview(PreviewJob {
            conn,
            opened: &mut opened,
            opts,
            resolutions,
            progress,
            cancel,
            acc: &mut acc,
        })?;
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
            fields: importer.fields().to_vec(),
            rows_total,
            rows: acc.rows,
            errors: acc.errors,
            error_rows: acc.error_rows,
            unknowns: job::unknowns(acc.unknowns, &acc.suggested_parents),
            inserted: acc.inserted,
            duplicates: acc.duplicates,
            skipped: acc.skipped,
            money: acc.money,
            number_format_ambiguous: acc.ambiguous,
        })
    })
}
