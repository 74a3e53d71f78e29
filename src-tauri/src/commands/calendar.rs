//! Settings → working calendar: a year's days, editing one day (with undo), the official China
//! calendar restored, import from a spreadsheet and export.

use crate::state::Shared;
use targetline_core::calendar::workspace::{
    self, CalendarImportSummary, CalendarYear, DayKind, DaySnapshot,
};
use targetline_core::plan::edit::follow_calendar;
use targetline_core::ErrorDto;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn calendar_year(state: State<'_, Shared>, year: i32) -> Result<CalendarYear, ErrorDto> {
    state
        .with_workspace(move |ws| workspace::year_days(ws, year))
        .await
}

/// Makes a day a holiday, an adjusted workday or a normal day; returns its previous state.
#[tauri::command]
pub async fn calendar_set_day(
    state: State<'_, Shared>,
    date: String,
    kind: DayKind,
    name_zh: String,
    name_en: String,
) -> Result<DaySnapshot, ErrorDto> {
    state
        .with_workspace(move |ws| {
            follow_calendar(ws, |ws| {
                workspace::set_day(ws, &date, kind, &name_zh, &name_en)
            })
        })
        .await
}

/// Puts a day back as a snapshot had it (undo); returns the state it replaced (redo).
#[tauri::command]
pub async fn calendar_restore_day(
    state: State<'_, Shared>,
    snapshot: DaySnapshot,
) -> Result<DaySnapshot, ErrorDto> {
    state
        .with_workspace(move |ws| follow_calendar(ws, |ws| workspace::restore_day(ws, &snapshot)))
        .await
}

/// Restores the official mainland-China calendar of a year.
#[tauri::command]
pub async fn calendar_reset(state: State<'_, Shared>, year: i32) -> Result<usize, ErrorDto> {
    state
        .with_workspace(move |ws| follow_calendar(ws, |ws| workspace::reset_year(ws, year)))
        .await
}

/// Imports holidays and adjusted workdays from a spreadsheet chosen in the open dialog.
#[tauri::command]
pub async fn calendar_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
) -> Result<Option<CalendarImportSummary>, ErrorDto> {
    let lang = state.lang();
    let ask = super::sheet_ask(("导入工作日历", "Import a working calendar"));
    let Some(path) = crate::dialogs::open_file(&app, ask, lang).await else {
        return Ok(None);
    };
    let summary = state
        .with_workspace(move |ws| {
            follow_calendar(ws, |ws| workspace::import_calendar(ws, &path, None))
        })
        .await?;
    Ok(Some(summary))
}

/// Exports a year's holidays and adjusted workdays to CSV or XLSX.
#[tauri::command]
pub async fn calendar_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    year: i32,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(
        ("导出工作日历", "Export the working calendar"),
        &format!("calendar_{year}"),
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        targetline_core::export::export_table(&workspace::calendar_table(ws, year, lang)?, path)
    })
    .await
}
