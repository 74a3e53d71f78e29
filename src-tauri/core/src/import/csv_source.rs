//! Streaming reader for CSV/TSV/TXT: the file is read in buffered chunks (decoded incrementally
//! when it is not UTF-8), one record at a time, under the line, row, column and cell caps.

use super::encoding::{self, TextEncoding};
use super::guard::{column_letters, Where};
use super::source::{Cell, Flow, Format, ReadOptions, SourceInfo};
use crate::error::Result;
use std::io::Read;
use std::path::{Path, PathBuf};

const HEAD_BYTES: usize = 64 * 1024;

pub struct CsvSource {
    pub info: SourceInfo,
    path: PathBuf,
    encoding: TextEncoding,
    delimiter: u8,
    opts: ReadOptions,
    head: Vec<u8>,
}

/// Fails a read when a physical line grows past the cap, so one endless line cannot fill memory.
/// Newlines inside quotes do not end a record, so an unclosed quote trips the cap too.
struct LineCap<R> {
    inner: R,
    run: usize,
    cap: usize,
    quoted: bool,
    tripped: bool,
}

impl<R: Read> Read for LineCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        let mut at = 0usize;
        for i in memchr::memchr2_iter(b'"', b'\n', chunk) {
            self.run += i - at;
            at = i + 1;
            if self.run > self.cap {
                break;
            }
            if chunk[i] == b'"' {
                self.quoted = !self.quoted;
                self.run += 1;
            } else if self.quoted {
                self.run += 1;
            } else {
                self.run = 0;
            }
        }
        self.run += n - at;
        if self.run > self.cap {
            self.tripped = true;
            return Err(std::io::Error::other("line too long"));
        }
        Ok(n)
    }
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b'\t' => "tab",
        b';' => ";",
        _ => ",",
    }
}

impl CsvSource {
    pub fn open(path: &Path, opts: &ReadOptions) -> Result<CsvSource> {
        let w = Where::file(path);
        let mut f = std::fs::File::open(path).map_err(|e| w.io(e))?;
        let mut head = Vec::with_capacity(HEAD_BYTES);
        (&mut f)
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(|e| w.io(e))?;
        let encoding = encoding::detect(&head, opts.encoding);
        let delimiter = match opts.delimiter {
            Some(d) => d,
            None => encoding::sniff_delimiter(&encoding::decode_all(&head, encoding)),
        };
        Ok(CsvSource {
            info: SourceInfo {
                file_name: w.file.clone(),
                format: Format::Csv,
                encoding: Some(encoding.label().to_string()),
                delimiter: Some(delimiter_name(delimiter).to_string()),
                sheet: None,
                sheets: Vec::new(),
                total_rows: None,
                file_bytes: 0,
            },
            path: path.to_path_buf(),
            encoding,
            delimiter,
            opts: opts.clone(),
            head,
        })
    }

    pub fn for_each_row(
        &mut self,
        visit: &mut dyn FnMut(u64, &[Cell]) -> Result<Flow>,
    ) -> Result<()> {
        let w = Where::file(&self.path);
        let caps = self.opts.caps;
        let f = std::fs::File::open(&self.path).map_err(|e| w.io(e))?;
        let text = encoding::utf8_reader(f, self.encoding, &self.head).map_err(|e| w.io(e))?;
        let capped = LineCap {
            inner: text,
            run: 0,
            cap: caps.max_line_bytes,
            quoted: false,
            tripped: false,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(capped);
        let mut record = csv::ByteRecord::new();
        // One allocation for the whole file: emptied and handed back after every row.
        let mut spare: Vec<Cell<'static>> = Vec::new();
        let mut row: u64 = 0;
        let decoded = !self.encoding.is_utf8();
        loop {
            let more = match rdr.read_byte_record(&mut record) {
                Ok(more) => more,
                Err(e) => {
                    let at = w.clone().row(row + 1);
                    if rdr.get_ref().tripped {
                        return Err(at.error(
                            "import_line_too_long",
                            format!("一行超过 {} 字节的上限（分隔符或引号可能有误）", caps.max_line_bytes),
                            format!("a line is longer than the {}-byte limit (wrong delimiter or an unclosed quote?)", caps.max_line_bytes),
                        ));
                    }
                    return Err(at.error(
                        "import_bad_text",
                        format!("无法读取（{e}）"),
                        format!("cannot be read ({e})"),
                    ));
                }
            };
            if !more {
                return Ok(());
            }
            row += 1;
            if row > caps.max_rows {
                return Err(w.clone().row(row).error(
                    "import_too_many_rows",
                    format!("行数超过上限 {}", caps.max_rows),
                    format!("more rows than the limit of {}", caps.max_rows),
                ));
            }
            if record.len() > caps.max_columns {
                return Err(w.clone().row(row).error(
                    "import_too_many_columns",
                    format!("列数 {} 超过上限 {}", record.len(), caps.max_columns),
                    format!(
                        "{} columns, more than the limit of {}",
                        record.len(),
                        caps.max_columns
                    ),
                ));
            }
            let mut cells: Vec<Cell> = std::mem::take(&mut spare)
                .into_iter()
                .map(|_| Cell::Empty)
                .collect();
            for (i, field) in record.iter().enumerate() {
                if field.len() > caps.max_cell_bytes {
                    return Err(w.clone().row(row).column(column_letters(i)).error(
                        "import_cell_too_long",
                        format!("单元格超过 {} 字节的上限", caps.max_cell_bytes),
                        format!(
                            "the cell is longer than the {}-byte limit",
                            caps.max_cell_bytes
                        ),
                    ));
                }
                cells.push(match std::str::from_utf8(field) {
                    Ok("") => Cell::Empty,
                    Ok(t) if decoded && t.contains('\u{fffd}') => Cell::Undecodable,
                    Ok(t) => Cell::Text(t),
                    Err(_) => Cell::Undecodable,
                });
            }
            let flow = visit(row, &cells)?;
            cells.clear();
            spare = cells.into_iter().map(|_| Cell::Empty).collect();
            if flow == Flow::Stop {
                return Ok(());
            }
        }
    }
}
