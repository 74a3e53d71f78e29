//! One row model for every reader: a row is a slice of [`Cell`]s borrowed from the reader's
//! buffer, visited by a callback so no reader keeps the whole file in memory. The readers
//! themselves, and the factory that picks one for a file, are in [`super::reader`].

use super::guard::Caps;
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::path::Path;

/// One cell as the file holds it. Text is borrowed; numbers and dates are typed by the reader
/// (CSV cells are always text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    /// An Excel serial date (days since 1899-12-30, fraction = time of day).
    Date(f64),
    /// An ISO 8601 date/time text from an ODS date cell.
    IsoDate(&'a str),
    Bool(bool),
    /// Bytes that are not valid in the file's encoding (e.g. a GBK line in a UTF-8 file).
    Undecodable,
}

/// The column each cell of a header row names, by `column_of` on its text (None for others).
pub fn header_columns<C>(cells: &[Cell], column_of: impl Fn(&str) -> Option<C>) -> Vec<Option<C>> {
    cells
        .iter()
        .map(|c| match c {
            Cell::Text(t) => column_of(t),
            _ => None,
        })
        .collect()
}

impl Cell<'_> {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as display text (numbers printed in their shortest exact form).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) | Cell::IsoDate(t) => t.trim().to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => f.to_string(),
            Cell::Date(f) => match date_from_serial(*f) {
                Some(d) => d.to_string(),
                None => f.to_string(),
            },
            Cell::Bool(b) => b.to_string(),
            Cell::Undecodable => "\u{fffd}".to_string(),
        }
    }
}

/// Whether the visit goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Which reader a file goes to, decided by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    Csv,
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn from_path(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" | "tab" => Ok(Format::Csv),
            "xlsx" | "xlsm" => Ok(Format::Xlsx),
            "xls" => Ok(Format::Xls),
            "ods" => Ok(Format::Ods),
            _ => Err(Error::new(
                Code::ImportUnsupportedFormat,
                format!(
                    "文件“{}”的格式不受支持（扩展名“{ext}”）。支持 CSV/TSV/TXT、XLSX/XLSM、XLS、ODS。",
                    path.display()
                ),
                format!(
                    "File \"{}\" has an unsupported format (extension \"{ext}\"). Supported: CSV/TSV/TXT, XLSX/XLSM, XLS, ODS.",
                    path.display()
                ),
            )),
        }
    }
}

/// How to read text files; ignored for workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingChoice {
    #[default]
    Auto,
    #[serde(rename = "utf-8")]
    Utf8,
    Gbk,
    #[serde(rename = "utf-16")]
    Utf16,
    /// Traditional Chinese (Hong Kong, Taiwan).
    Big5,
    #[serde(rename = "shift_jis")]
    ShiftJis,
    /// Western European (Excel on an English or French Windows).
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl EncodingChoice {
    pub fn parse(s: &str) -> Option<EncodingChoice> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Some(EncodingChoice::Auto),
            "utf-8" | "utf8" => Some(EncodingChoice::Utf8),
            "gbk" | "gb18030" | "gb2312" => Some(EncodingChoice::Gbk),
            "utf-16" | "utf16" | "unicode" => Some(EncodingChoice::Utf16),
            "big5" => Some(EncodingChoice::Big5),
            "shift_jis" | "shift-jis" | "sjis" => Some(EncodingChoice::ShiftJis),
            "windows-1252" | "cp1252" | "latin1" => Some(EncodingChoice::Windows1252),
            _ => None,
        }
    }
}

/// What the reader needs to know besides the path.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub encoding: EncodingChoice,
    /// Forced delimiter for text files (b',', b'\t', b';'); detected when `None`.
    pub delimiter: Option<u8>,
    /// Sheet of a workbook; the first sheet when `None`.
    pub sheet: Option<String>,
    pub caps: Caps,
}

/// What was found out about the file before reading its rows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    pub file_name: String,
    pub format: Format,
    /// "UTF-8", "UTF-8 BOM", "GBK", "UTF-16LE", "UTF-16BE"; `None` for workbooks.
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// Rows the sheet declares (workbooks), when known.
    pub total_rows: Option<u64>,
    pub file_bytes: u64,
}

/// An Excel serial day number (1900 system, with Excel's phantom 1900-02-29) to a date.
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    // Serials before 1900-03-01 count the day that never was; Excel's own 1..=59 are one off.
    let days = if days < 61 { days + 1 } else { days };
    epoch.checked_add_signed(chrono::Duration::days(days))
}
