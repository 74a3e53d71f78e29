//! Opens a file with the reader its extension calls for (CSV/TSV/TXT or a workbook), under the
//! guards on size, and visits its rows as [`Cell`]s of the shared row model.

use super::guard::Where;
use super::source::{Cell, Flow, Format, ReadOptions, SourceInfo};
use super::{csv_source, sheet_source};
use crate::error::Code;
use crate::error::Result;
use std::path::Path;

/// An opened file, ready to be visited row by row (any number of times).
pub enum Source {
    Csv(Box<csv_source::CsvSource>),
    Sheet(Box<sheet_source::SheetSource>),
}

impl Source {
    /// Checks the file against the caps and sniffs its format, encoding and delimiter.
    pub fn open(path: &Path, opts: &ReadOptions) -> Result<Source> {
        let format = Format::from_path(path)?;
        let w = Where::file(path);
        let meta = std::fs::metadata(path).map_err(|e| w.io(e))?;
        if !meta.is_file() {
            return Err(w.error(
                Code::ImportNotAFile,
                "不是普通文件",
                "is not a regular file",
            ));
        }
        if meta.len() > opts.caps.max_file_bytes {
            return Err(w.error(
                Code::ImportFileTooLarge,
                format!(
                    "文件过大（{} 字节，上限 {} 字节）",
                    meta.len(),
                    opts.caps.max_file_bytes
                ),
                format!(
                    "the file is too large ({} bytes; the limit is {} bytes)",
                    meta.len(),
                    opts.caps.max_file_bytes
                ),
            ));
        }
        if meta.len() == 0 {
            return Err(w.error(Code::ImportEmptyFile, "文件是空的", "the file is empty"));
        }
        let mut source = match format {
            Format::Csv => Source::Csv(Box::new(csv_source::CsvSource::open(path, opts)?)),
            _ => Source::Sheet(Box::new(sheet_source::SheetSource::open(
                path, format, opts,
            )?)),
        };
        match &mut source {
            Source::Csv(s) => s.info.file_bytes = meta.len(),
            Source::Sheet(s) => s.info.file_bytes = meta.len(),
        }
        Ok(source)
    }

    pub fn info(&self) -> &SourceInfo {
        match self {
            Source::Csv(s) => &s.info,
            Source::Sheet(s) => &s.info,
        }
    }

    /// Visits every row from the top: `visit(row_number_1_based, cells)`. Stops early when the
    /// callback says so or fails. Caps on rows, columns and cell length are enforced here.
    pub fn for_each_row(
        &mut self,
        visit: &mut dyn FnMut(u64, &[Cell]) -> Result<Flow>,
    ) -> Result<()> {
        match self {
            Source::Csv(s) => s.for_each_row(visit),
            Source::Sheet(s) => s.for_each_row(visit),
        }
    }
}
