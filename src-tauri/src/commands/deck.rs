//! The meeting deck: one PDF of the dashboard's node and period, saved where the user says.

use crate::dialogs::{self, Ask};
use crate::state::Shared;
use targetline_core::deck::{self, DeckSummary};
use targetline_core::ErrorDto;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

/// Pages drawn so far of the deck being written.
#[derive(Clone, serde::Serialize)]
pub struct DeckProgress {
    done: usize,
    total: usize,
}

/// Asks where to save the deck (a .pdf), then writes it with each page reported on
/// `onProgress`; returns its pages and bytes (None when the dialog was cancelled).
#[tauri::command]
pub async fn dashboard_deck<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    node: String,
    period: String,
    on_progress: Channel<DeckProgress>,
) -> Result<Option<DeckSummary>, ErrorDto> {
    let lang = state.lang();
    let stem = node.rsplit('/').find(|p| !p.is_empty()).unwrap_or("");
    let ask = Ask {
        title: ("保存会议材料 PDF", "Save the meeting deck (PDF)"),
        filter: ("PDF 文档", "PDF document"),
        extensions: &["pdf"],
        file_name: Some(if stem.is_empty() {
            format!("{period}.pdf")
        } else {
            format!("{period}_{stem}.pdf")
        }),
    };
    let Some(path) = dialogs::save_file(&app, ask, lang).await else {
        return Ok(None);
    };
    state
        .with_workspace(move |ws| {
            deck::write(ws, &node, &period, lang, &path, &mut |done, total| {
                // The window may have gone; the deck is still written.
                let _ = on_progress.send(DeckProgress { done, total });
                Ok(())
            })
        })
        .await
        .map(Some)
}
