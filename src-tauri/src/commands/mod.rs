//! One file per area. Each command is a few lines: arguments -> core -> result.
//! All are async (`#[tauri::command]` on an `async fn`), so none runs on the window's thread.

pub mod app;
pub mod calendar;
pub mod catalog;
pub mod commitments;
pub mod customers;
pub mod dashboard;
pub mod deck;
pub mod evaluation;
pub mod import;
pub mod org;
pub mod plans;
pub mod reviews;
pub mod setup;
pub mod targets;
pub mod targets_tree;
pub mod workspace;

use crate::dialogs::{self, Ask};
use crate::state::Shared;
pub use targetline_core::chart::Format as ChartFormat;
pub use targetline_core::export::TableFormat;
use targetline_core::{ErrorDto, Lang, Workspace};
use tauri::{AppHandle, Runtime};

/// Every export: ask where to save (native dialog), then let `write` fill the file from the
/// workspace. Returns the file's name for the notice, or None when the dialog was cancelled.
pub async fn save_via_dialog<R, F>(
    app: &AppHandle<R>,
    state: &Shared,
    ask: Ask<'_>,
    write: F,
) -> Result<Option<String>, ErrorDto>
where
    R: Runtime,
    F: FnOnce(&mut Workspace, Lang, &std::path::Path) -> targetline_core::Result<()>
        + Send
        + 'static,
{
    let lang = state.lang();
    let Some(path) = dialogs::save_file(app, ask, lang).await else {
        return Ok(None);
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state
        .with_workspace(move |ws| write(ws, lang, &path))
        .await?;
    Ok(Some(name))
}

/// The file filter and proposed name of a table export (CSV or XLSX).
pub fn table_ask(
    title: (&'static str, &'static str),
    stem: &str,
    format: TableFormat,
) -> Ask<'static> {
    Ask {
        title,
        filter: ("表格", "Table"),
        extensions: match format {
            TableFormat::Csv => &["csv"],
            TableFormat::Xlsx => &["xlsx"],
        },
        file_name: Some(format!("{stem}.{}", format.extension())),
    }
}

/// The open dialog of every spreadsheet import (CSV, TSV, TXT, Excel, ODS).
pub fn sheet_ask(title: (&'static str, &'static str)) -> Ask<'static> {
    Ask {
        title,
        filter: (
            "表格文件（CSV、Excel、ODS）",
            "Spreadsheets (CSV, Excel, ODS)",
        ),
        extensions: &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
        file_name: None,
    }
}

/// The file filter and proposed name of a chart export (PNG at 2× or SVG).
pub fn chart_ask(
    title: (&'static str, &'static str),
    stem: &str,
    format: ChartFormat,
) -> Ask<'static> {
    Ask {
        title,
        filter: ("图片", "Image"),
        extensions: match format {
            ChartFormat::Svg => &["svg"],
            ChartFormat::Png => &["png"],
        },
        file_name: Some(format!("{stem}.{}", format.extension())),
    }
}
