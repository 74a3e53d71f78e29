//! Commitment sheets (bottom-up by spreadsheet round trip) and the plan's revision log.
//! `plan` is optional (`{"year":2026}`; default the selected plan).

use crate::dialogs::{self, Ask};
use crate::state::Shared;
use serde::Serialize;
use targetline_core::targets::commitments::{
    self, CommitmentBatch, ExportedFile, FileOutcome, UndoneBatch,
};
use targetline_core::targets::revisions::{self, Revision, RevisionFilter};
use targetline_core::targets::tree::ops::PlanSel;
use targetline_core::ErrorDto;
use tauri::{AppHandle, Runtime, State};

/// Asks for a folder and writes the commitment sheet of unit `unitId` there (with `all`, one
/// more for every unit below it). None when the dialog was cancelled.
#[tauri::command]
pub async fn targets_commitments_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    unit_id: i64,
    all: bool,
) -> Result<Option<Vec<ExportedFile>>, ErrorDto> {
    let title = (
        "选择保存承诺表的文件夹",
        "Choose a folder for the commitment sheets",
    );
    let Some(dir) = dialogs::folder(&app, title, state.lang()).await else {
        return Ok(None);
    };
    let plan = plan.unwrap_or_default();
    let files = state
        .with_workspace(move |ws| commitments::export_unit(ws, &plan, unit_id, &dir, all))
        .await?;
    Ok(Some(files))
}

/// One file's result: what it imported, or why it was refused (nothing written).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedSheet {
    pub file: String,
    pub outcome: Option<FileOutcome>,
    pub error: Option<ErrorDto>,
}

/// Asks for filled commitment sheets (several at once) and imports each as one undo step; a sheet
/// must be for `scope` (a unit id) or a unit below it. None when the dialog was cancelled.
#[tauri::command]
pub async fn targets_commitments_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    scope: Option<i64>,
) -> Result<Option<Vec<ImportedSheet>>, ErrorDto> {
    let lang = state.lang();
    let ask = Ask {
        title: ("导入承诺表", "Import commitment sheets"),
        filter: ("承诺表（Excel）", "Commitment sheets (Excel)"),
        extensions: &["xlsx"],
        file_name: None,
    };
    let Some(files) = dialogs::open_files(&app, ask, lang).await else {
        return Ok(None);
    };
    let plan = plan.unwrap_or_default();
    let results = state
        .with_workspace(move |ws| {
            Ok(files
                .iter()
                .map(|f| {
                    let file = f
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    match commitments::import_file(ws, &plan, f, scope) {
                        Ok(o) => ImportedSheet {
                            file,
                            outcome: Some(o),
                            error: None,
                        },
                        Err(e) => {
                            log::warn!("commitment sheet refused: {}", e.en);
                            ImportedSheet {
                                file,
                                outcome: None,
                                error: Some(e.to_dto(lang)),
                            }
                        }
                    }
                })
                .collect())
        })
        .await?;
    Ok(Some(results))
}

/// Every commitment sheet imported into the workspace, oldest first (kept across sessions).
#[tauri::command]
pub async fn targets_commitments_batches(
    state: State<'_, Shared>,
) -> Result<Vec<CommitmentBatch>, ErrorDto> {
    state.with_workspace(|ws| commitments::batches(ws)).await
}

/// Undoes the commitment import `batch` (refused once the plan was approved or revised since).
#[tauri::command]
pub async fn targets_commitments_undo(
    state: State<'_, Shared>,
    batch: i64,
) -> Result<UndoneBatch, ErrorDto> {
    state
        .with_workspace(move |ws| commitments::undo_redo_batch(ws, batch, true))
        .await
}

/// Redoes the undone commitment import `batch`.
#[tauri::command]
pub async fn targets_commitments_redo(
    state: State<'_, Shared>,
    batch: i64,
) -> Result<UndoneBatch, ErrorDto> {
    state
        .with_workspace(move |ws| commitments::undo_redo_batch(ws, batch, false))
        .await
}

/// The plan's revision log, newest first, filtered (`filter`: `{unitId, cellOnly,
/// dimensionId, period, tier, who, category, from, to}`, every field optional).
#[tauri::command]
pub async fn targets_revisions(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    filter: RevisionFilter,
) -> Result<Vec<Revision>, ErrorDto> {
    let plan = plan.unwrap_or_default();
    state
        .with_workspace(move |ws| revisions::log(ws, &plan, &filter))
        .await
}

/// Asks where to save and writes the filtered revision log as XLSX; the file's name, or None.
#[tauri::command]
pub async fn targets_revisions_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    filter: RevisionFilter,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(
        ("导出修订记录", "Export the revision log"),
        "revisions",
        super::TableFormat::Xlsx,
    );
    let plan = plan.unwrap_or_default();
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        let lines = revisions::log(ws, &plan, &filter)?;
        targetline_core::export::export_table(&revisions::table(&lines, lang), path)
    })
    .await
}
