//! Workbooks through calamine: XLSX/XLSM streamed cell by cell (a declared dimension such as
//! A1:XFD1048576 allocates nothing), XLS and ODS as one sheet range. Zip-based files are
//! inspected before calamine opens them.

use super::guard::{self, column_letters, Where};
use super::source::{Cell, Flow, Format, ReadOptions, SourceInfo};
use crate::error::Code;
use crate::error::{Error, Result};
use calamine::{Data, DataRef, Reader};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

pub struct SheetSource {
    pub info: SourceInfo,
    path: PathBuf,
    opts: ReadOptions,
    /// Opened once: shared strings and styles are parsed once for every pass over the sheet.
    wb: calamine::Sheets<BufReader<File>>,
}

fn calamine_error(w: &Where, e: impl std::fmt::Display) -> Error {
    w.error(
        Code::ImportDamagedWorkbook,
        format!("不是有效的工作簿或已损坏（{e}）"),
        format!("is not a valid workbook or is damaged ({e})"),
    )
}

fn serial_of(dt: &calamine::ExcelDateTime) -> Cell<'static> {
    if !dt.is_datetime() {
        return Cell::Float(dt.as_f64());
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    match (
        chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32),
        chrono::NaiveDate::from_ymd_opt(1899, 12, 30),
    ) {
        (Some(date), Some(epoch)) => Cell::Date((date - epoch).num_days() as f64),
        _ => Cell::Float(dt.as_f64()),
    }
}

fn cell_of_ref<'a>(v: &'a DataRef<'a>) -> Cell<'a> {
    match v {
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => serial_of(dt),
        DataRef::DateTimeIso(s) => Cell::IsoDate(s),
        DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(_) => Cell::Text("#ERROR"),
        DataRef::Empty => Cell::Empty,
    }
}

fn cell_of_data(v: &Data) -> Cell<'_> {
    match v {
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::String(s) => Cell::Text(s),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => serial_of(dt),
        Data::DateTimeIso(s) => Cell::IsoDate(s),
        Data::DurationIso(s) => Cell::Text(s),
        Data::Error(_) => Cell::Text("#ERROR"),
        Data::Empty => Cell::Empty,
    }
}

fn text_len(c: &Cell) -> usize {
    match c {
        Cell::Text(t) | Cell::IsoDate(t) => t.len(),
        _ => 0,
    }
}

impl SheetSource {
    pub fn open(path: &Path, format: Format, opts: &ReadOptions) -> Result<SheetSource> {
        let w = Where::file(path);
        if matches!(format, Format::Xlsx | Format::Ods) {
            let entries = guard::inspect_zip(path, &opts.caps, &w)?;
            guard::verify_zip_entries(path, &entries, &opts.caps, &w)?;
        }
        if format == Format::Ods {
            super::ods_scan::check_ods(path, &opts.caps, &w)?;
        }
        if format == Format::Xls {
            super::xls_scan::check_xls(path, &opts.caps, &w)?;
        }
        let wb = guard::no_panic(&w, || {
            calamine::open_workbook_auto(path).map_err(|e| calamine_error(&w, e))
        })?;
        let mut wb = wb;
        let sheets = wb.sheet_names();
        let sheet = match &opts.sheet {
            Some(s) if sheets.contains(s) => s.clone(),
            Some(s) => {
                return Err(w.error(
                    Code::ImportNoSuchSheet,
                    format!("没有名为“{s}”的工作表（有：{}）", sheets.join("、")),
                    format!("has no sheet named \"{s}\" (it has: {})", sheets.join(", ")),
                ))
            }
            None => sheets.first().cloned().ok_or_else(|| {
                w.error(
                    Code::ImportNoSheet,
                    "工作簿中没有工作表",
                    "the workbook has no sheets",
                )
            })?,
        };
        // The rows an XLSX sheet declares (its dimension), for progress; capped, never allocated.
        let total_rows = match &mut wb {
            calamine::Sheets::Xlsx(x) => x
                .worksheet_cells_reader(&sheet)
                .ok()
                .map(|r| (r.dimensions().end.0 as u64 + 1).min(opts.caps.max_rows)),
            _ => None,
        };
        Ok(SheetSource {
            info: SourceInfo {
                file_name: w.file.clone(),
                format,
                encoding: None,
                delimiter: None,
                sheet: Some(sheet),
                sheets,
                total_rows,
                file_bytes: 0,
            },
            path: path.to_path_buf(),
            opts: opts.clone(),
            wb,
        })
    }

    fn sheet(&self) -> &str {
        self.info.sheet.as_deref().unwrap_or("")
    }

    pub fn for_each_row(
        &mut self,
        visit: &mut dyn FnMut(u64, &[Cell]) -> Result<Flow>,
    ) -> Result<()> {
        let w = Where::file(&self.path).sheet(Some(self.sheet()));
        let caps = self.opts.caps;
        let check = |row: u64, col: usize, cell: &Cell| -> Result<()> {
            if row > caps.max_rows {
                return Err(w.clone().row(row).error(
                    Code::ImportTooManyRows,
                    format!("行数超过上限 {}", caps.max_rows),
                    format!("more rows than the limit of {}", caps.max_rows),
                ));
            }
            if col >= caps.max_columns {
                return Err(w.clone().row(row).column(column_letters(col)).error(
                    Code::ImportTooManyColumns,
                    format!("列数超过上限 {}", caps.max_columns),
                    format!("more columns than the limit of {}", caps.max_columns),
                ));
            }
            if text_len(cell) > caps.max_cell_bytes {
                return Err(w.clone().row(row).column(column_letters(col)).error(
                    Code::ImportCellTooLong,
                    format!("单元格超过 {} 字节的上限", caps.max_cell_bytes),
                    format!(
                        "the cell is longer than the {}-byte limit",
                        caps.max_cell_bytes
                    ),
                ));
            }
            Ok(())
        };
        let sheet = self.sheet().to_string();
        if let calamine::Sheets::Xlsx(wb) = &mut self.wb {
            let mut cells = wb
                .worksheet_cells_reader(&sheet)
                .map_err(|e| calamine_error(&w, e))?;
            // The row's cells as calamine yields them (moved, never cloned), and one reusable
            // buffer for the row handed to `visit`.
            let mut pending: Vec<calamine::Cell<DataRef>> = Vec::new();
            let mut spare: Vec<Cell<'static>> = Vec::new();
            let mut current: Option<u32> = None;
            loop {
                let next = cells.next_cell().map_err(|e| calamine_error(&w, e))?;
                let pos = next.as_ref().map(|c| c.get_position());
                if let Some(r) = current {
                    if pos.is_none_or(|(pr, _)| pr != r) {
                        let mut row_cells: Vec<Cell> = std::mem::take(&mut spare)
                            .into_iter()
                            .map(|_| Cell::Empty)
                            .collect();
                        for c in &pending {
                            let col = c.get_position().1 as usize;
                            if row_cells.len() <= col {
                                row_cells.resize(col + 1, Cell::Empty);
                            }
                            row_cells[col] = cell_of_ref(c.get_value());
                        }
                        let flow = visit(r as u64 + 1, &row_cells)?;
                        row_cells.clear();
                        spare = row_cells.into_iter().map(|_| Cell::Empty).collect();
                        pending.clear();
                        if flow == Flow::Stop {
                            return Ok(());
                        }
                    }
                }
                let Some(cell) = next else {
                    return Ok(());
                };
                let (r, c) = cell.get_position();
                current = Some(r);
                check(r as u64 + 1, c as usize, &cell_of_ref(cell.get_value()))?;
                // The same row position again and again (c r="A1" a million times).
                if pending.len() >= caps.max_columns {
                    return Err(w.clone().row(r as u64 + 1).error(
                        Code::ImportTooManyColumns,
                        format!("一行的单元格超过上限 {}", caps.max_columns),
                        format!(
                            "a row has more cells than the limit of {}",
                            caps.max_columns
                        ),
                    ));
                }
                pending.push(cell);
            }
        }
        let range = self
            .wb
            .worksheet_range(&sheet)
            .map_err(|e| calamine_error(&w, e))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut row_cells: Vec<Cell> = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let r = top as u64 + i as u64 + 1;
            row_cells.clear();
            row_cells.resize(left as usize, Cell::Empty);
            for (j, v) in row.iter().enumerate() {
                let cell = cell_of_data(v);
                check(r, left as usize + j, &cell)?;
                row_cells.push(cell);
            }
            if visit(r, &row_cells)? == Flow::Stop {
                return Ok(());
            }
        }
        Ok(())
    }
}
