//! Imports holiday calendar entries from a CSV/TSV/TXT file in any encoding the import module
//! reads, or the first sheet of an XLSX/XLSM/XLS/ODS workbook, through the same row readers.
//!
//! Columns by header: 日期/date, 类型/kind/type, optionally 名称/节日/name (Chinese name) and
//! 英文名称/name_en. Kind values: 休/假/节假日/holiday/off (a day off), 班/补班/上班/workday/work
//! (a working day), 正常/normal/clear (remove the day's entry). Only the dates in the file change.
//!
//! All or nothing: a calendar with one wrong date is a wrong calendar, and the file is small and
//! quick to fix, so when any row is wrong nothing is written and every bad row is listed with its
//! row number (`applied: false`). A file-level problem (unreadable file, no header) is an error.

use super::{entry_of, official_entries, stored_entry, write_day, DayEntry, DayKind};
use crate::error::Code;
use crate::error::Result;
use crate::import::guard::{Caps, Where};
use crate::import::headers::normalise;
use crate::import::reader::Source;
use crate::import::source::{Cell, Flow, ReadOptions};
use crate::import::values;
use crate::store::Workspace;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The header row is looked for in the first rows only.
const HEADER_SEARCH_ROWS: u64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarImportRowError {
    /// Row number in the file (1 = first row).
    pub row: u64,
    pub message_zh: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarImportSummary {
    pub file_name: String,
    /// Data rows read (blank rows not counted).
    pub rows: usize,
    /// Rows that set a day off.
    pub holidays: usize,
    /// Rows that set a working day.
    pub workdays: usize,
    /// Rows that removed a day's entry.
    pub cleared: usize,
    /// Whether the rows were written: false when any row is wrong (then nothing is written).
    pub applied: bool,
    pub errors: Vec<CalendarImportRowError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Kind,
    NameZh,
    NameEn,
}

fn column_of(header: &str) -> Option<Column> {
    Some(match normalise(header).as_str() {
        "日期" | "date" | "day" => Column::Date,
        "类型" | "类别" | "安排" | "kind" | "type" => Column::Kind,
        "名称" | "节日" | "节日名称" | "节假日名称" | "中文名称" | "name" | "namezh"
        | "holiday" => Column::NameZh,
        "英文名称" | "英文名" | "nameen" | "englishname" => Column::NameEn,
        _ => return None,
    })
}

const KINDS_ZH: &str = "休/假/节假日（休息）、班/补班/上班（上班）、正常（清除）";
const KINDS_EN: &str =
    "休/假/节假日/holiday/off (a day off), 班/补班/上班/workday/work (a working day), 正常/normal/clear (remove the entry)";

fn kind_of(text: &str) -> Option<DayKind> {
    Some(match normalise(text).as_str() {
        "休" | "假" | "休息" | "放假" | "节假日" | "假日" | "假期" | "holiday" | "off"
        | "dayoff" => DayKind::Holiday,
        "班" | "补班" | "上班" | "工作日" | "调休上班" | "workday" | "work" | "working"
        | "workingday" => DayKind::Workday,
        "正常" | "清除" | "恢复" | "normal" | "clear" => DayKind::Normal,
        _ => return None,
    })
}

/// The inverse of `crate::export::neutralise` on a trimmed cell: our own CSV export writes a
/// name such as "=1+1" as "'=1+1" so Excel does not run it; reading it back drops the apostrophe.
fn undo_neutralise(t: &str) -> &str {
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => t,
    }
}

/// One good row.
struct Row {
    date: NaiveDate,
    kind: DayKind,
    name_zh: String,
    name_en: String,
}

type RowResult<T> = std::result::Result<T, (String, String)>;

struct Reader {
    columns: Option<Vec<Option<Column>>>,
    rows: Vec<Row>,
    first_row_of: HashMap<NaiveDate, u64>,
    errors: Vec<CalendarImportRowError>,
}

impl Reader {
    fn header(&mut self, cells: &[Cell]) -> bool {
        let cols = crate::import::source::header_columns(cells, column_of);
        if cols.contains(&Some(Column::Date)) && cols.contains(&Some(Column::Kind)) {
            self.columns = Some(cols);
            true
        } else {
            false
        }
    }

    fn cell<'a>(&self, cells: &[Cell<'a>], col: Column) -> Cell<'a> {
        self.columns
            .as_ref()
            .and_then(|cols| cols.iter().position(|c| *c == Some(col)))
            .and_then(|i| cells.get(i))
            .copied()
            .unwrap_or(Cell::Empty)
    }

    fn text(&self, cells: &[Cell], col: Column, zh: &str, en: &str) -> RowResult<String> {
        let cell = self.cell(cells, col);
        values::text(&cell)
            .map(|t| undo_neutralise(&t).to_string())
            .map_err(|e| (format!("“{zh}”{}", e.zh("")), format!("{en}: {}", e.en(""))))
    }

    fn parse(&self, cells: &[Cell]) -> RowResult<Row> {
        let date_cell = self.cell(cells, Column::Date);
        let date = values::date(&date_cell).map_err(|e| {
            let t = date_cell.display();
            (format!("“日期”{}", e.zh(&t)), format!("Date: {}", e.en(&t)))
        })?;
        let kind_text = self.text(cells, Column::Kind, "类型", "Kind")?;
        let kind = kind_of(&kind_text).ok_or_else(|| {
            if kind_text.is_empty() {
                (
                    format!("“类型”为空（可填 {KINDS_ZH}）"),
                    format!("the Kind cell is empty (accepted: {KINDS_EN})"),
                )
            } else {
                (
                    format!("“类型”的“{kind_text}”无法识别（可填 {KINDS_ZH}）"),
                    format!("the Kind \"{kind_text}\" is not recognised (accepted: {KINDS_EN})"),
                )
            }
        })?;
        Ok(Row {
            date,
            kind,
            name_zh: self.text(cells, Column::NameZh, "名称", "Name")?,
            name_en: self.text(cells, Column::NameEn, "英文名称", "Name EN")?,
        })
    }

    fn row(&mut self, row: u64, cells: &[Cell]) {
        if cells.iter().all(Cell::is_blank) {
            return;
        }
        let parsed = self
            .parse(cells)
            .and_then(|r| match self.first_row_of.get(&r.date) {
                Some(first) => Err((
                    format!("日期 {} 已在第 {first} 行出现", r.date),
                    format!("the date {} already appears in row {first}", r.date),
                )),
                None => Ok(r),
            });
        match parsed {
            Ok(r) => {
                self.first_row_of.insert(r.date, row);
                self.rows.push(r);
            }
            Err((zh, en)) => self.push_error(row, zh, en),
        }
    }

    fn push_error(&mut self, row: u64, zh: String, en: String) {
        self.errors.push(CalendarImportRowError {
            row,
            message_zh: format!("第 {row} 行：{zh}"),
            message_en: format!("Row {row}: {en}"),
        });
    }
}

/// The entry a row writes. A row without names keeps the names the day already has (in the
/// workspace, else in the official calendar) when the kind stays the same.
fn entry_for(ws: &Workspace, r: &Row) -> Result<Option<DayEntry>> {
    let Some(mut entry) = entry_of(r.kind, &r.name_zh, &r.name_en) else {
        return Ok(None);
    };
    if entry.name_zh.is_empty() && entry.name_en.is_empty() {
        let known = match stored_entry(ws.conn(), r.date)? {
            Some(e) => Some(e),
            None => official_entries(r.date, r.date).remove(&r.date),
        };
        if let Some(k) = known.filter(|k| k.kind == entry.kind) {
            entry.name_zh = k.name_zh;
            entry.name_en = k.name_en;
        }
    }
    Ok(Some(entry))
}

/// Imports the calendar entries at `path` (see the module note). `caps` limits the file (the
/// import module's defaults when `None`).
pub fn import_calendar(
    ws: &Workspace,
    path: &Path,
    caps: Option<Caps>,
) -> Result<CalendarImportSummary> {
    let read = ReadOptions {
        caps: caps.unwrap_or_default(),
        ..ReadOptions::default()
    };
    let mut source = Source::open(path, &read)?;
    let mut reader = Reader {
        columns: None,
        rows: Vec::new(),
        first_row_of: HashMap::new(),
        errors: Vec::new(),
    };
    source.for_each_row(&mut |row, cells| {
        if reader.columns.is_some() {
            reader.row(row, cells);
        } else if !reader.header(cells) && row >= HEADER_SEARCH_ROWS {
            return Ok(Flow::Stop);
        }
        Ok(Flow::Continue)
    })?;
    let info = source.info();
    if reader.columns.is_none() {
        return Err(Where::file(path).sheet(info.sheet.as_deref()).error(
            Code::CalendarImportNoHeader,
            format!("前 {HEADER_SEARCH_ROWS} 行中没有找到表头（需要“日期”和“类型”两列，可选“名称”“英文名称”）"),
            format!("no header row in the first {HEADER_SEARCH_ROWS} rows (a Date and a Kind column are needed; Name and Name EN are optional)"),
        ));
    }
    let count = |k: DayKind| reader.rows.iter().filter(|r| r.kind == k).count();
    let mut summary = CalendarImportSummary {
        file_name: info.file_name.clone(),
        rows: reader.rows.len() + reader.errors.len(),
        holidays: count(DayKind::Holiday),
        workdays: count(DayKind::Workday),
        cleared: count(DayKind::Normal),
        applied: false,
        errors: std::mem::take(&mut reader.errors),
    };
    if summary.errors.is_empty() {
        let entries = reader
            .rows
            .iter()
            .map(|r| Ok((r.date, entry_for(ws, r)?)))
            .collect::<Result<Vec<_>>>()?;
        let conn = ws.conn();
        crate::store::atomic(conn, || {
            for (date, entry) in &entries {
                write_day(conn, *date, entry.as_ref())?;
            }
            Ok(())
        })?;
        summary.applied = true;
    }
    Ok(summary)
}
