//! The front shared by preview and commit: open the file under the guards, find the header row,
//! settle the mapping (given > named template > saved template for these headers > proposal),
//! then visit the data rows with progress and cancellation.

use super::guard::{column_letters, Where};
use super::headers::{self, Field};
use super::mapping::{self, Mapping};
use super::periods;
use super::reader::Source;
use super::source::{Cell, Flow, ReadOptions};
use super::{cancelled_error, ImportKind, ImportOptions, Progress};
use crate::calendar::FiscalYear;
use crate::error::Code;
use crate::error::Result;
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Rows scanned for the header.
const HEADER_SCAN_ROWS: usize = 30;
/// Progress is reported (and the cancel flag read) every this many rows.
pub const PROGRESS_EVERY: u64 = 4096;

pub struct Opened {
    pub source: Source,
    pub header_row: u64,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// The saved template the mapping came from.
    pub template: Option<String>,
    pub fiscal_year: FiscalYear,
    /// Required fields the mapping has no column for (a commit refuses them; see `require`).
    pub missing: Vec<Field>,
    place: Where,
}

impl Opened {
    pub fn file(&self) -> &str {
        &self.source.info().file_name
    }

    pub fn place(&self) -> Where {
        Where {
            file: self.file().to_string(),
            ..Where::default()
        }
        .sheet(self.source.info().sheet.as_deref())
    }

    /// Fails with `import_missing_column` when a required field has no column.
    pub fn require_columns(&self) -> Result<()> {
        match self.missing.first() {
            None => Ok(()),
            Some(field) => Err(self.place.clone().row(self.header_row).error(
                Code::ImportMissingColumn,
                format!(
                    "缺少必需的列“{}”（可用 --map 列=字段 指定）",
                    field.label_zh()
                ),
                format!(
                    "the required column \"{}\" is missing (map one with --map column=field)",
                    field.label_en()
                ),
            )),
        }
    }

    /// The header text of a column, or its letter when the header is blank.
    pub fn column_label(&self, col: usize) -> String {
        match self.headers.get(col) {
            Some(h) if !h.trim().is_empty() => h.trim().to_string(),
            _ => column_letters(col),
        }
    }
}

/// The fiscal year periods without a year belong to: the selected plan year's, else this year's.
pub fn fiscal_year(conn: &Connection) -> FiscalYear {
    super::store::known::selected_plan_year(conn)
        .filter(|(_, m)| (1..=12).contains(m))
        .map(|(y, m)| FiscalYear::new(y, m))
        .unwrap_or_else(|| {
            use chrono::Datelike;
            FiscalYear::new(chrono::Local::now().date_naive().year(), 1)
        })
}

/// No header row: the kind names the columns it looks for.
fn missing_header(w: &Where, kind: ImportKind) -> crate::Error {
    let (zh, en) = kind.importer().header_hint();
    w.error(
        Code::ImportNoHeader,
        format!("在前 {HEADER_SCAN_ROWS} 行中找不到表头（需要至少两个可识别的列，如 {zh}）。请检查分隔符和编码，或手动指定映射。"),
        format!("no header row in the first {HEADER_SCAN_ROWS} rows (at least two recognisable columns are needed, such as {en}). Check the delimiter and encoding, or give the mapping."),
    )
}

/// The chosen header row is not in the file: beyond its last row, or an empty row.
fn header_row_not_found(w: &Where, row: u64, last: Option<u64>) -> crate::Error {
    match last {
        Some(last) if last > row => w.clone().row(row).error(
            Code::ImportHeaderRowEmpty,
            format!("所选的表头行（第 {row} 行）是空行，请选择包含列名的行"),
            format!("the chosen header row ({row}) is empty; choose the row that holds the column names"),
        ),
        _ => w.error(
            Code::ImportHeaderRowOutOfRange,
            format!(
                "所选的表头行（第 {row} 行）超出了文件范围（文件只有 {} 行）",
                last.unwrap_or(0)
            ),
            format!(
                "the chosen header row ({row}) is beyond the end of the file, which has {} rows",
                last.unwrap_or(0)
            ),
        ),
    }
}

pub fn open(conn: &Connection, path: &Path, opts: &ImportOptions) -> Result<Opened> {
    let read = ReadOptions {
        encoding: opts.encoding,
        delimiter: opts.delimiter.and_then(|c| u8::try_from(c).ok()),
        sheet: opts.sheet.clone(),
        caps: opts.caps,
    };
    let mut source = Source::open(path, &read)?;
    let fy = fiscal_year(conn);
    let mut head: Vec<(u64, Vec<String>)> = Vec::new();
    let w = Where::file(path).sheet(source.info().sheet.as_deref());
    if opts.header_row == Some(0) {
        return Err(w.error(
            Code::ImportHeaderRowInvalid,
            "表头行号从 1 开始（第 1 行是文件的第一行）",
            "header rows are numbered from 1 (row 1 is the first row of the file)",
        ));
    }
    let chosen_row = opts.header_row;
    let wanted_row = chosen_row.or_else(|| {
        opts.mapping
            .as_ref()
            .map(|m| m.header_row)
            .filter(|r| *r > 0)
    });
    source.for_each_row(&mut |row, cells| {
        head.push((row, cells.iter().map(Cell::display).collect()));
        let enough = match wanted_row {
            Some(r) => row >= r,
            None => head.len() >= HEADER_SCAN_ROWS,
        };
        Ok(if enough { Flow::Stop } else { Flow::Continue })
    })?;
    let is_period = |h: &str| periods::parse(h, fy).is_some();
    let named = match &opts.template {
        Some(name) if opts.mapping.is_none() => Some(mapping::load_mapping(conn, name)?),
        _ => None,
    };
    let filled = |r: &[String]| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2;
    // The header row: the one the confirmed mapping names; else the row a template was saved
    // for (by its normalised headers); else the row that names the most fields.
    let mut found: Option<(usize, Option<mapping::SavedMapping>)> = None;
    if let Some(r) = chosen_row {
        let Some(i) = head.iter().position(|(row, _)| *row == r) else {
            return Err(header_row_not_found(
                &w,
                r,
                head.last().map(|(row, _)| *row),
            ));
        };
        // The user's row: a template saved for its headers (or the one named) still wins.
        let saved = match (&opts.mapping, &named) {
            (Some(_), _) => None,
            (None, Some(t)) => Some(t.clone()),
            (None, None) if filled(&head[i].1) => {
                mapping::find_mapping(conn, opts.kind, &head[i].1)?
            }
            (None, None) => None,
        };
        found = Some((i, saved));
    } else if let Some(r) = wanted_row {
        found = head
            .iter()
            .position(|(row, _)| *row == r)
            .map(|i| (i, None));
    } else if let Some(t) = &named {
        let i = head
            .iter()
            .position(|(_, r)| filled(r) && headers::header_key(r) == t.header_key)
            .or_else(|| {
                let rows: Vec<Vec<String>> = head.iter().map(|(_, r)| r.clone()).collect();
                headers::detect_header_row(&rows, opts.kind, &is_period)
            });
        found = i.map(|i| (i, named.clone()));
    } else {
        for (i, (_, r)) in head.iter().enumerate() {
            if filled(r) {
                if let Some(saved) = mapping::find_mapping(conn, opts.kind, r)? {
                    found = Some((i, Some(saved)));
                    break;
                }
            }
        }
        // The user's `column=field` corrections name header cells: the row that has them all.
        let named_columns: Vec<String> = opts
            .overrides
            .iter()
            .map(|(c, _)| headers::normalise(c))
            .filter(|c| {
                !c.is_empty()
                    && c.parse::<usize>().is_err()
                    && !(c.len() <= 3 && c.bytes().all(|b| b.is_ascii_alphabetic()))
            })
            .collect();
        if found.is_none() && !named_columns.is_empty() {
            found = head
                .iter()
                .position(|(_, r)| {
                    let cells: Vec<String> = r.iter().map(|c| headers::normalise(c)).collect();
                    named_columns.iter().all(|n| cells.contains(n))
                })
                .map(|i| (i, None));
        }
        if found.is_none() {
            let rows: Vec<Vec<String>> = head.iter().map(|(_, r)| r.clone()).collect();
            found = headers::detect_header_row(&rows, opts.kind, &is_period).map(|i| (i, None));
        }
    }
    let Some((index, saved)) = found else {
        return Err(missing_header(&w, opts.kind));
    };
    let (header_row, headers) = head.swap_remove(index);
    let template = saved.as_ref().map(|s| s.name.clone());
    let mut mapping = match (&opts.mapping, saved) {
        (Some(m), _) => Mapping {
            header_row,
            columns: m.columns.clone(),
        },
        (None, Some(saved)) => Mapping {
            header_row,
            columns: saved.mapping.columns,
        },
        (None, None) => Mapping::from_pairs(
            header_row,
            &headers,
            &headers::propose(&headers, opts.kind, &is_period),
        ),
    };
    mapping.apply_overrides(&headers, &opts.overrides)?;
    mapping.columns.retain(|c| c.field.allowed(opts.kind));
    let missing: Vec<Field> = opts
        .kind
        .importer()
        .required()
        .iter()
        .copied()
        .filter(|f| mapping.column_of(*f).is_none())
        .collect();
    Ok(Opened {
        source,
        header_row,
        headers,
        mapping,
        template,
        fiscal_year: fy,
        missing,
        place: w,
    })
}

/// Visits every non-blank row below the header. Reports progress and honours `cancel`
/// (returning `import_cancelled`). Returns the number of data rows.
pub fn for_each_data_row(
    opened: &mut Opened,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    handle: &mut dyn FnMut(u64, &[Cell]) -> Result<()>,
) -> Result<u64> {
    for_each_prepared_data_row(
        opened,
        progress,
        cancel,
        &|_, _| (),
        &mut |row, cells, ()| handle(row, cells),
    )
}

/// What stores a data row and what a `prepare` step made of it.
pub type PreparedHandle<'h, P> = dyn FnMut(u64, &[Cell], P) -> Result<()> + 'h;

/// Like [`for_each_data_row`], with `prepare(row, cells)` run on the reading thread for every data
/// row (so typing can go on while the previous rows are stored) and handed to `handle`.
pub fn for_each_prepared_data_row<P: Send>(
    opened: &mut Opened,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    prepare: &(dyn Fn(u64, &[Cell]) -> P + Sync),
    handle: &mut PreparedHandle<P>,
) -> Result<u64> {
    let header_row = opened.header_row;
    let total = opened.source.info().total_rows;
    let file = opened.file().to_string();
    let is_data = |row: u64, cells: &[Cell]| row > header_row && !cells.iter().all(Cell::is_blank);
    let mut done = 0u64;
    super::relay::for_each_prepared_row(
        &mut opened.source,
        &|row, cells| is_data(row, cells).then(|| prepare(row, cells)),
        &mut |row, cells, prepared| {
            let Some(prepared) = prepared else {
                return Ok(Flow::Continue);
            };
            done += 1;
            if done.is_multiple_of(PROGRESS_EVERY) {
                if cancel.load(Ordering::Relaxed) {
                    return Err(cancelled_error(&file));
                }
                progress(Progress {
                    rows_done: done,
                    total,
                });
            }
            handle(row, cells, prepared)?;
            Ok(Flow::Continue)
        },
    )?;
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled_error(&file));
    }
    progress(Progress {
        rows_done: done,
        total: Some(done),
    });
    Ok(done)
}

/// The mapped column of each of a kind's fields (by the index in its field list) and the label
/// row errors name it by.
pub(super) struct Columns<const N: usize> {
    pub of: [Option<usize>; N],
    pub labels: [String; N],
}

impl<const N: usize> Columns<N> {
    pub fn new(opened: &Opened, fields: &[Field; N]) -> Columns<N> {
        let of = fields.map(|f| opened.mapping.column_of(f));
        let labels =
            std::array::from_fn(|i| of[i].map(|c| opened.column_label(c)).unwrap_or_default());
        Columns { of, labels }
    }

    /// The cell of field `i` in a row (empty when the field is not mapped or the row is short).
    pub fn cell<'a>(&self, cells: &[Cell<'a>], i: usize) -> Cell<'a> {
        self.of[i]
            .and_then(|c| cells.get(c).copied())
            .unwrap_or(Cell::Empty)
    }
}
