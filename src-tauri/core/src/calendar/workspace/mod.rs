//! The workspace's holiday calendar as the user sees and edits it: every day of a year with its
//! kind, single-day edits with undo, a reset to the official mainland-China calendar shipped with
//! the app, import from a spreadsheet and export as a table.
//!
//! Rule for entries that do not change whether a day is worked (a holiday on Saturday/Sunday, an
//! adjusted working day on Monday–Friday): they are kept only when they carry a name, the way the
//! official calendar names the weekend days inside a holiday period (2026-01-03 元旦). Without a
//! name nothing is stored, and the day simply stays a normal weekend day or weekday.

mod import;
mod store;

pub use import::{import_calendar, CalendarImportRowError, CalendarImportSummary};

use super::{cn_holiday_entries, HolidayKind};
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::export::{Cell, Table};
use crate::store::Workspace;
use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Years the calendar can be shown and edited for.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// What a day is, as the workspace calendar sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DayType {
    /// Monday–Friday, worked.
    Workday,
    /// Saturday/Sunday, off.
    Weekend,
    /// Monday–Friday, off (a public holiday).
    Holiday,
    /// Saturday/Sunday, worked (调休).
    AdjustedWorkday,
}

/// What the user sets a day to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DayKind {
    /// Back to the plain week: the day's entry is removed.
    Normal,
    /// A day off.
    Holiday,
    /// A working day (调休 on a weekend).
    Workday,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    /// "2026-10-01".
    pub date: String,
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub kind: DayType,
    pub name_zh: String,
    pub name_en: String,
    /// The workspace's entry for this day differs from the official China calendar (kind or
    /// Chinese name, or an entry present on one side only).
    pub custom: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarYear {
    pub year: i32,
    /// Every day of the year, 1 January first.
    pub days: Vec<CalendarDay>,
    /// Working days in January … December.
    pub working_days_by_month: Vec<i64>,
    pub working_days: i64,
    /// Whether the app ships the official calendar of this year (reset_year works).
    pub official_available: bool,
    /// Days whose entry differs from the official calendar.
    pub custom_days: usize,
}

/// One stored entry of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayEntry {
    pub kind: HolidayKind,
    pub name_zh: String,
    pub name_en: String,
}

/// A day's entry as it was before an edit (`entry: null` = no entry), for undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaySnapshot {
    pub date: String,
    pub entry: Option<DayEntry>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn check_year(year: i32) -> Result<()> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Error::new(
            Code::CalendarBadYear,
            format!("年份 {year} 超出范围（{}–{}）", YEARS.start(), YEARS.end()),
            format!(
                "The year {year} is out of range ({}–{})",
                YEARS.start(),
                YEARS.end()
            ),
        ))
    }
}

fn parse_day(date: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| YEARS.contains(&d.year()))
        .ok_or_else(|| {
            Error::new(
                Code::CalendarBadDate,
                format!("“{date}”不是有效日期（格式如 2026-10-01）"),
                format!("\"{date}\" is not a valid date (write it like 2026-10-01)"),
            )
        })
}

fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("checked year");
    let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("checked year");
    (first, last)
}

/// The years the app ships an official calendar for, e.g. [2025, 2026].
pub fn official_years() -> Vec<i32> {
    cn_holiday_entries()
        .iter()
        .map(|e| e.date.year())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Seeds a new workspace with every official entry the app ships (the first calendar a new
/// workspace or the demo starts from).
pub fn seed_official_days(conn: &Connection) -> Result<()> {
    for e in cn_holiday_entries() {
        let date = e.date.to_string();
        store::insert_day(conn, (&date, e.kind.as_str(), e.name_zh, e.name_en))?;
    }
    Ok(())
}

/// The official entries between two dates, by date.
fn official_entries(from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, DayEntry> {
    cn_holiday_entries()
        .iter()
        .filter(|e| e.date >= from && e.date <= to)
        .map(|e| {
            (
                e.date,
                DayEntry {
                    kind: e.kind,
                    name_zh: e.name_zh.to_string(),
                    name_en: e.name_en.to_string(),
                },
            )
        })
        .collect()
}

/// The workspace's entries between two dates, by date.
fn stored_entries(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<NaiveDate, DayEntry>> {
    let mut out = BTreeMap::new();
    for (d, k, name_zh, name_en) in store::days(conn, &from.to_string(), &to.to_string())? {
        if let (Ok(date), Some(kind)) = (
            NaiveDate::parse_from_str(&d, "%Y-%m-%d"),
            HolidayKind::parse(&k),
        ) {
            out.insert(
                date,
                DayEntry {
                    kind,
                    name_zh,
                    name_en,
                },
            );
        }
    }
    Ok(out)
}

fn stored_entry(conn: &Connection, date: NaiveDate) -> Result<Option<DayEntry>> {
    Ok(stored_entries(conn, date, date)?.remove(&date))
}

fn differs(stored: Option<&DayEntry>, official: Option<&DayEntry>) -> bool {
    match (stored, official) {
        (None, None) => false,
        (Some(s), Some(o)) => s.kind != o.kind || s.name_zh != o.name_zh,
        _ => true,
    }
}

/// Every day of `year` as the workspace calendar sees it, with working days per month.
pub fn year_days(ws: &Workspace, year: i32) -> Result<CalendarYear> {
    check_year(year)?;
    let cal = crate::variance::workspace_calendar(ws)?;
    let (first, last) = year_bounds(year);
    let stored = stored_entries(ws.conn(), first, last)?;
    let official = official_entries(first, last);
    let mut days = Vec::with_capacity(366);
    let mut custom_days = 0;
    for d in first.iter_days().take_while(|d| *d <= last) {
        let kind = match (is_weekend(d), cal.is_working_day(d)) {
            (false, true) => DayType::Workday,
            (false, false) => DayType::Holiday,
            (true, false) => DayType::Weekend,
            (true, true) => DayType::AdjustedWorkday,
        };
        let entry = stored.get(&d);
        let custom = differs(entry, official.get(&d));
        custom_days += usize::from(custom);
        days.push(CalendarDay {
            date: d.to_string(),
            weekday: d.weekday().number_from_monday(),
            kind,
            name_zh: entry.map(|e| e.name_zh.clone()).unwrap_or_default(),
            name_en: entry.map(|e| e.name_en.clone()).unwrap_or_default(),
            custom,
        });
    }
    let working_days_by_month = (1..=12)
        .map(|m| {
            let start = NaiveDate::from_ymd_opt(year, m, 1).expect("valid month");
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .and_then(|n| n.pred_opt())
                .unwrap_or(last);
            cal.working_days(start, end)
        })
        .collect();
    Ok(CalendarYear {
        year,
        days,
        working_days_by_month,
        working_days: cal.working_days(first, last),
        official_available: official_years().contains(&year),
        custom_days,
    })
}

/// Writes one day's entry (`None` removes it), applying the rule for entries without effect.
fn write_day(conn: &Connection, date: NaiveDate, entry: Option<&DayEntry>) -> Result<()> {
    let keep = entry.filter(|e| {
        let effect = match e.kind {
            HolidayKind::Holiday => !is_weekend(date),
            HolidayKind::Workday => is_weekend(date),
        };
        effect || !e.name_zh.is_empty() || !e.name_en.is_empty()
    });
    match keep {
        None => {
            let day = date.to_string();
            store::delete_days(conn, &day, &day)?;
        }
        Some(e) => {
            let day = date.to_string();
            store::put_day(conn, (&day, e.kind.as_str(), &e.name_zh, &e.name_en))?;
        }
    }
    Ok(())
}

fn entry_of(kind: DayKind, name_zh: &str, name_en: &str) -> Option<DayEntry> {
    let kind = match kind {
        DayKind::Normal => return None,
        DayKind::Holiday => HolidayKind::Holiday,
        DayKind::Workday => HolidayKind::Workday,
    };
    Some(DayEntry {
        kind,
        name_zh: name_zh.trim().to_string(),
        name_en: name_en.trim().to_string(),
    })
}

/// Sets one day ("2026-10-09"): `Normal` removes its entry; `Holiday`/`Workday` store one with the
/// names (see the module note for entries without effect). Returns the day as it was, for
/// [`restore_day`].
pub fn set_day(
    ws: &Workspace,
    date: &str,
    kind: DayKind,
    name_zh: &str,
    name_en: &str,
) -> Result<DaySnapshot> {
    let day = parse_day(date)?;
    let before = DaySnapshot {
        date: day.to_string(),
        entry: stored_entry(ws.conn(), day)?,
    };
    write_day(ws.conn(), day, entry_of(kind, name_zh, name_en).as_ref())?;
    Ok(before)
}

/// Puts a day back as a snapshot holds it (undo). Returns the day as it was before, for redo.
pub fn restore_day(ws: &Workspace, snapshot: &DaySnapshot) -> Result<DaySnapshot> {
    let day = parse_day(&snapshot.date)?;
    let before = DaySnapshot {
        date: day.to_string(),
        entry: stored_entry(ws.conn(), day)?,
    };
    write_day(ws.conn(), day, snapshot.entry.as_ref())?;
    Ok(before)
}

/// Replaces every entry of `year` with the official China calendar shipped with the app.
/// Returns the number of entries written.
pub fn reset_year(ws: &Workspace, year: i32) -> Result<usize> {
    let years = official_years();
    if !years.contains(&year) {
        let list = years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join("、");
        let list_en = years
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::new(
            Code::CalendarNoOfficialYear,
            format!("没有 {year} 年的官方节假日安排：内置的中国大陆节假日只有 {list} 年。请逐日设置或导入该年的日历。"),
            format!("There is no official holiday calendar for {year}: the app ships the mainland-China calendar for {list_en} only. Set the days one by one or import a calendar for that year."),
        ));
    }
    let (first, last) = year_bounds(year);
    let official = official_entries(first, last);
    let conn = ws.conn();
    crate::store::atomic(conn, || {
        store::delete_days(conn, &first.to_string(), &last.to_string())?;
        for (date, entry) in &official {
            write_day(conn, *date, Some(entry))?;
        }
        Ok(official.len())
    })
}

fn tr(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The word a table uses for a kind; [`import_calendar`] reads it back.
fn kind_label(kind: HolidayKind, lang: Lang) -> String {
    match kind {
        HolidayKind::Holiday => tr(lang, "休", "holiday"),
        HolidayKind::Workday => tr(lang, "班", "workday"),
    }
}

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The workspace's entries of `year` as a table (date, weekday, kind, name, English name), for
/// `crate::export::export_table`. Importing the file gives the same entries back.
pub fn calendar_table(ws: &Workspace, year: i32, lang: Lang) -> Result<Table> {
    check_year(year)?;
    let (first, last) = year_bounds(year);
    let headers = [
        ("日期", "Date"),
        ("星期", "Weekday"),
        ("类型", "Kind"),
        ("名称", "Name"),
        ("英文名称", "Name EN"),
    ]
    .iter()
    .map(|(zh, en)| tr(lang, zh, en))
    .collect();
    let rows = stored_entries(ws.conn(), first, last)?
        .into_iter()
        .map(|(date, e)| {
            let wd = date.weekday().num_days_from_monday() as usize;
            vec![
                Cell::Text(date.to_string()),
                Cell::Text(match lang {
                    Lang::Zh => WEEKDAYS_ZH[wd].to_string(),
                    Lang::En => WEEKDAYS_EN[wd].to_string(),
                }),
                Cell::Text(kind_label(e.kind, lang)),
                Cell::Text(e.name_zh),
                Cell::Text(e.name_en),
            ]
        })
        .collect();
    Ok(Table {
        sheet: format!("{}{year}", tr(lang, "节假日", "Holidays ")),
        headers,
        rows,
    })
}

#[cfg(test)]
mod tests;
