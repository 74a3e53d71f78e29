//! Streaming reader for CSV/TSV/TXT: the file is read in buffered chunks (decoded incrementally
//! when it is not UTF-8), one record at a time, under the line, row, column and cell caps.

use super::encoding::{self, TextEncoding};
use super::guard::{column_letters, Where};
use super::source::{Cell, Flow, Format, ReadOptions, SourceInfo};
use crate::error::Code;
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

/// Fails a read when a record's text grows past the cap, so one endless line cannot fill memory.
/// Quoting follows the csv crate: a `"` opens quoting only at the start of a field (`27" 显示器`
/// in an unquoted field is a plain character), `""` inside quotes is an escaped quote, and
/// newlines inside quotes do not end a record, so an unclosed quote trips the cap too.
struct LineCap<R> {
    inner: R,
    delimiter: u8,
    run: usize,
    cap: usize,
    quoted: bool,
    /// The last byte read before this chunk (a newline at the start of the file).
    last: u8,
    /// Whether that last byte was a quote that closed quoting.
    closed_last: bool,
    tripped: bool,
}

impl<R> LineCap<R> {
    fn new(inner: R, delimiter: u8, cap: usize) -> LineCap<R> {
        LineCap {
            inner,
            delimiter,
            run: 0,
            cap,
            quoted: false,
            last: b'\n',
            closed_last: false,
            tripped: false,
        }
    }

    /// Follows quoting and the record length over one chunk; false once past the cap.
    fn scan(&mut self, chunk: &[u8]) -> bool {
        let mut at = 0usize;
        let mut closed_at: Option<usize> = None;
        for i in memchr::memchr2_iter(b'"', b'\n', chunk) {
            self.run += i - at;
            at = i + 1;
            if self.run > self.cap {
                return false;
            }
            self.run += 1;
            if chunk[i] == b'\n' {
                if !self.quoted {
                    self.run = 0;
                }
                continue;
            }
            let (prev, prev_closed) = match i.checked_sub(1) {
                Some(p) => (chunk[p], closed_at == Some(p)),
                None => (self.last, self.closed_last),
            };
            if self.quoted {
                self.quoted = false;
                closed_at = Some(i);
            } else if prev_closed || matches!(prev, b'\n' | b'\r') || prev == self.delimiter {
                self.quoted = true;
            }
        }
        self.run += chunk.len() - at;
        if let Some(&b) = chunk.last() {
            self.closed_last = closed_at == Some(chunk.len() - 1);
            self.last = b;
        }
        self.run <= self.cap
    }
}

impl<R: Read> Read for LineCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.scan(&buf[..n]) {
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
        let capped = LineCap::new(text, self.delimiter, caps.max_line_bytes);
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
                            Code::ImportLineTooLong,
                            format!("一行超过 {} 字节的上限（分隔符或引号可能有误）", caps.max_line_bytes),
                            format!("a line is longer than the {}-byte limit (wrong delimiter or an unclosed quote?)", caps.max_line_bytes),
                        ));
                    }
                    return Err(at.error(
                        Code::ImportBadText,
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
                    Code::ImportTooManyRows,
                    format!("行数超过上限 {}", caps.max_rows),
                    format!("more rows than the limit of {}", caps.max_rows),
                ));
            }
            if record.len() > caps.max_columns {
                return Err(w.clone().row(row).error(
                    Code::ImportTooManyColumns,
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
                        Code::ImportCellTooLong,
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

#[cfg(test)]
mod tests {
    use super::LineCap;

    /// The longest record run the cap sees, fed in chunks of `step` bytes.
    fn fits(text: &str, cap: usize, step: usize) -> bool {
        let mut c = LineCap::new(std::io::empty(), b',', cap);
        text.as_bytes().chunks(step).all(|ch| c.scan(ch))
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_a_plain_character() {
        let mut text = String::from("产品,尺寸\n显示器,27\" 显示器\n");
        for _ in 0..200 {
            text.push_str("键盘,标准\n");
        }
        for step in [1, 3, 7, 4096] {
            assert!(fits(&text, 64, step), "step {step}");
        }
    }

    #[test]
    fn quoted_newlines_and_escaped_quotes_follow_the_csv_rules() {
        // A quoted field with "" and a newline inside is one record; later short lines reset.
        let text = "a,\"say \"\"hi\"\"\nthere\",b\nc,d\ne,f\n";
        for step in [1, 2, 5, 100] {
            assert!(fits(text, 40, step), "step {step}");
        }
        // An unclosed quote at the start of a field keeps the record open past the cap.
        let mut open = String::from("a,\"never closed\n");
        for _ in 0..50 {
            open.push_str("x,y\n");
        }
        assert!(!fits(&open, 64, 16));
        // One endless line trips the cap.
        assert!(!fits(&"x".repeat(1000), 64, 100));
    }

    #[test]
    fn the_cap_agrees_with_the_csv_reader() {
        let text = "a,b 27\" c,\"q\"\"x\"\n\"m\nn\",z\n";
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCap::new(text.as_bytes(), b',', 16));
        let rows: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["a".to_string(), "b 27\" c".into(), "q\"x".into()],
                vec!["m\nn".to_string(), "z".into()],
            ]
        );
    }
}
