//! The meeting deck: one PDF of the dashboard's node and period, saved where the user says; the
//! window's Stop button ends it between pages and nothing is written.

use crate::dialogs::{self, Ask};
use crate::state::Shared;
use std::sync::atomic::{AtomicBool, Ordering};
use targetline_core::deck::{self, DeckSummary};
use targetline_core::ErrorDto;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

/// Set by the Stop button of the deck being written; read after each page.
static STOP: AtomicBool = AtomicBool::new(false);

/// Pages drawn so far of the deck being written.
#[derive(Clone, serde::Serialize)]
pub struct DeckProgress {
    done: usize,
    total: usize,
}

/// After each page: the deck stops there if asked (nothing is written), else the page is reported.
fn page_done(
    stop: &AtomicBool,
    done: usize,
    total: usize,
    report: &mut dyn FnMut(DeckProgress),
) -> targetline_core::Result<()> {
    if stop.load(Ordering::SeqCst) {
        return Err(deck::stopped());
    }
    report(DeckProgress { done, total });
    Ok(())
}

/// Asks where to save the deck (a .pdf), then writes it with each page reported on
/// `onProgress`; returns its pages and bytes (None when the dialog was cancelled). Stopped by
/// `dashboard_deck_stop`, it ends with the code `deck_stopped` and no file.
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
    STOP.store(false, Ordering::SeqCst);
    state
        .with_workspace(move |ws| {
            deck::write(ws, &node, &period, lang, &path, &mut |done, total| {
                page_done(&STOP, done, total, &mut |p| {
                    // The window may have gone; the deck is still written.
                    let _ = on_progress.send(p);
                })
            })
        })
        .await
        .map(Some)
}

/// Stops the deck being written after its current page; nothing is written.
#[tauri::command]
pub async fn dashboard_deck_stop() -> Result<(), ErrorDto> {
    STOP.store(true, Ordering::SeqCst);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stop asked for while the deck is drawn ends it after that page: the error says so in
    /// both languages, and neither the PDF nor its .part file is left.
    #[test]
    fn a_stopped_deck_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (ws, _) =
            targetline_core::Workspace::open_or_create_demo(&dir.path().join("d.targetline"))
                .unwrap();
        let out = dir.path().join("deck.pdf");
        let stop = AtomicBool::new(false);
        let mut pages = Vec::new();
        let e = deck::write(
            &ws,
            "/",
            "2026-Q4",
            targetline_core::Lang::Zh,
            &out,
            &mut |d, t| {
                page_done(&stop, d, t, &mut |p| {
                    pages.push(p.done);
                    // The user presses Stop while the second page is drawn.
                    if p.done == 2 {
                        stop.store(true, Ordering::SeqCst);
                    }
                })
            },
        )
        .unwrap_err();
        assert_eq!(e.code, "deck_stopped");
        assert_eq!(e.zh, "已停止：会议材料没有写入文件。");
        assert_eq!(e.en, "Stopped: the meeting deck was not written.");
        assert_eq!(pages, [1, 2]);
        assert!(!out.exists());
        assert!(!dir.path().join("deck.pdf.part").exists());
        // Not stopped, the same deck is written.
        stop.store(false, Ordering::SeqCst);
        let written = deck::write(
            &ws,
            "/",
            "2026-Q4",
            targetline_core::Lang::Zh,
            &out,
            &mut |d, t| page_done(&stop, d, t, &mut |_| {}),
        )
        .unwrap();
        assert!(out.is_file());
        assert_eq!(written.pages, 10);
    }
}
