//! The target tree: edits that keep time and the organisation consistent, pasted blocks, deep
//! splits, the consistency check and its fixes, the plan's rules, and the session's undo/redo
//! history (kept by the workspace, so it survives switching sections).
//!
//! Every command takes `plan` (optional, `{"year":2026,"metric":"revenue"}`; default the newest
//! plan's revenue). Changes take `reason` (`{"category":"market","text":"…"}`), required on an
//! approved plan and recorded on each revision with the author from Settings. Each change
//! returns a `StepOutcome` `{step, changed, timeIssues, outsideRule}`.

use super::targets::Reason;
use crate::state::Shared;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use targetline_core::targets::grid::{change_by, SplitChoice};
use targetline_core::targets::store::{Change, ReasonCategory};
use targetline_core::targets::tree::history::HistoryStep;
use targetline_core::targets::tree::ops::{
    self, CellEdit, CellRef, EditChoice, Fix, PlanSel, StepOutcome,
};
use targetline_core::targets::tree::{
    remember, split_deep_with, undo_redo, Allocation, CheckReport, DeepRequest, DeepSplit,
    DimShares, PlanRule, SplitProgress, Watch,
};
use targetline_core::ErrorDto;
use tauri::ipc::Channel;
use tauri::State;

fn change(state: &Shared, reason: &Option<Reason>) -> Option<Change> {
    let who = state.settings().author();
    reason
        .as_ref()
        .map(|r| change_by(&who, r.category, &r.text))
}

/// Edits cells: `edits` `[{unitId, dimensionId?, period, tier, value}]` (one typed value or a
/// pasted block: one change, one undo step); `choice` `{children: "spread"|"keep", parent:
/// "keep"|"rebalance"|"rollUp"}`. A year, half or quarter spreads over its months in their shape.
#[tauri::command]
pub async fn targets_edit(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    edits: Vec<CellEdit>,
    choice: EditChoice,
    reason: Option<Reason>,
) -> Result<StepOutcome, ErrorDto> {
    let ch = change(&state, &reason);
    state
        .with_workspace(move |ws| {
            ops::edit(ws, &plan.unwrap_or_default(), &edits, choice, ch.as_ref())
        })
        .await
}

/// Locks or unlocks cells `[{unitId, dimensionId?, period}]` (one undo step).
#[tauri::command]
pub async fn targets_lock_cells(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    cells: Vec<CellRef>,
    locked: bool,
) -> Result<StepOutcome, ErrorDto> {
    state
        .with_workspace(move |ws| ops::lock(ws, &plan.unwrap_or_default(), &cells, locked))
        .await
}

/// The cancel tokens of the deep splits running now, by the id of each run's progress channel:
/// every run (a preview or an apply) has its own, so a Cancel meant for one never stops, or is
/// used up by, another.
static SPLIT_JOBS: Mutex<BTreeMap<u32, Arc<AtomicBool>>> = Mutex::new(BTreeMap::new());

/// A running deep split's cancel token, registered for as long as the run lasts.
struct SplitJob {
    id: u32,
    cancel: Arc<AtomicBool>,
}

impl SplitJob {
    fn start(id: u32) -> SplitJob {
        let cancel = Arc::new(AtomicBool::new(false));
        jobs().insert(id, cancel.clone());
        SplitJob { id, cancel }
    }
}

impl Drop for SplitJob {
    fn drop(&mut self) {
        jobs().remove(&self.id);
    }
}

fn jobs() -> std::sync::MutexGuard<'static, BTreeMap<u32, Arc<AtomicBool>>> {
    // A panic elsewhere never leaves a split uncancellable.
    SPLIT_JOBS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Stops the run whose progress channel is `job`; false when no such run is going on.
fn cancel_job(job: u32) -> bool {
    match jobs().get(&job) {
        Some(flag) => {
            flag.store(true, Ordering::SeqCst);
            true
        }
        None => false,
    }
}

/// A pause after each progress report, for the real-window test of Cancel only (so the split is
/// still running when the test clicks): in a debug build run by the end-to-end tests (the
/// environment variable `TARGETLINE_E2E_DIALOG_FILE` set), the milliseconds written in the file
/// beside it named `….split-pause-ms`. A release build never reads it.
fn test_pause() -> Option<std::time::Duration> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let answers = std::env::var_os("TARGETLINE_E2E_DIALOG_FILE")?;
    let mut file = answers;
    file.push(".split-pause-ms");
    let ms: u64 = std::fs::read_to_string(file).ok()?.trim().parse().ok()?;
    Some(std::time::Duration::from_millis(ms.min(1_000)))
}

/// Splits `cell` down every level (`depth` null) or `depth` levels by `choice` (as the split
/// dialog's: even, capacity, history, current on every level; percent/potential/blend on the
/// first level, the current shape below); with `dim` `{dim: "product_line", by: "equal" |
/// "lastYear"}` also across that dimension's members at the leaf level. `preview: true` writes
/// nothing and returns the first leaves, their count and totals. Progress `{done, total}` is
/// streamed over `on_progress`; `targets_split_cancel` with that channel's id stops this run
/// (and no other) with nothing written.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn targets_split_deep(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    cell: CellRef,
    choice: SplitChoice,
    depth: Option<u32>,
    dim: Option<DimShares>,
    reason: Option<Reason>,
    preview: bool,
    on_progress: Channel<SplitProgress>,
) -> Result<DeepSplit, ErrorDto> {
    let ch = change(&state, &reason);
    let req = DeepRequest {
        cell,
        choice,
        depth,
        dim,
        preview,
    };
    // Registered before the run waits for the workspace, so a Cancel while it waits counts.
    let job = SplitJob::start(on_progress.id());
    let pause = test_pause();
    state
        .with_workspace(move |ws| {
            let plan = plan.unwrap_or_default();
            let watch = Watch {
                progress: &mut |p| {
                    drop(on_progress.send(p));
                    if let Some(d) = pause {
                        std::thread::sleep(d);
                    }
                },
                cancel: &job.cancel,
            };
            let out = split_deep_with(ws, &plan, &req, ch.as_ref(), watch)?;
            if !req.preview {
                // A large split is written in bulk mode: its log goes into the file now, off
                // the user's path.
                ws.checkpoint_in_background();
            }
            Ok(out)
        })
        .await
}

/// Cancels the deep split whose progress channel has the id `job`; the workspace and the undo
/// history stay as they were. Nothing happens when that run has already ended.
#[tauri::command]
pub async fn targets_split_cancel(job: u32) -> Result<(), ErrorDto> {
    cancel_job(job);
    Ok(())
}

/// The consistency panel: `{rule, time: [...], org: [...]}` (time issues must never exist;
/// `org` lists each parent cell whose children lie outside the plan's band).
#[tauri::command]
pub async fn targets_check(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
) -> Result<CheckReport, ErrorDto> {
    state
        .with_workspace(move |ws| ops::check(ws, &plan.unwrap_or_default()))
        .await
}

/// What each parent allocates to its children (amount, % and gap) at `period` (null: every
/// period but weeks): `[{unitId, dimensionId, period, family, target, allocated, allocatedBp,
/// gap, withinRule, children}]`.
#[tauri::command]
pub async fn targets_allocations(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    period: Option<String>,
) -> Result<Vec<Allocation>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            ops::allocations(ws, &plan.unwrap_or_default(), period.as_deref())
        })
        .await
}

/// The one-click fix at `cell`: `fix` "spread" (children follow), "rollUp" (the parent becomes
/// their sum), "spreadYear" (months follow the year) or "sumMonths" (the year becomes Σ months).
#[tauri::command]
pub async fn targets_fix(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    cell: CellRef,
    fix: Fix,
    reason: Option<Reason>,
) -> Result<StepOutcome, ErrorDto> {
    let ch = change(&state, &reason);
    state
        .with_workspace(move |ws| ops::fix(ws, &plan.unwrap_or_default(), &cell, fix, ch.as_ref()))
        .await
}

/// The plan's rules: `{roundingUnit, allocationMinBp, allocationMaxBp}`.
#[tauri::command]
pub async fn targets_rule(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
) -> Result<PlanRule, ErrorDto> {
    state
        .with_workspace(move |ws| ops::rule(ws, &plan.unwrap_or_default()))
        .await
}

/// Stores the plan's rules; returns the check under them.
#[tauri::command]
pub async fn targets_set_rule(
    state: State<'_, Shared>,
    plan: Option<PlanSel>,
    rule: PlanRule,
) -> Result<CheckReport, ErrorDto> {
    state
        .with_workspace(move |ws| ops::set_rule(ws, &plan.unwrap_or_default(), rule))
        .await
}

fn history_change(state: &Shared, reason: &Option<Reason>, undo: bool) -> Change {
    change(state, reason).unwrap_or_else(|| {
        let text = if undo {
            "撤销 / undo"
        } else {
            "重做 / redo"
        };
        change_by(&state.settings().author(), ReasonCategory::Other, text)
    })
}

/// Undoes the newest target change of this session (null when there is none).
#[tauri::command]
pub async fn targets_undo(
    state: State<'_, Shared>,
    reason: Option<Reason>,
) -> Result<Option<StepOutcome>, ErrorDto> {
    let ch = history_change(&state, &reason, true);
    state
        .with_workspace(move |ws| undo_redo(ws, true, Some(&ch)))
        .await
}

/// Redoes the oldest undone target change (null when there is none).
#[tauri::command]
pub async fn targets_redo(
    state: State<'_, Shared>,
    reason: Option<Reason>,
) -> Result<Option<StepOutcome>, ErrorDto> {
    let ch = history_change(&state, &reason, false);
    state
        .with_workspace(move |ws| undo_redo(ws, false, Some(&ch)))
        .await
}

/// The session's history: `[{id, setId, metricId, label, at, cells, undone}]`, oldest first.
#[tauri::command]
pub async fn targets_history(state: State<'_, Shared>) -> Result<Vec<HistoryStep>, ErrorDto> {
    state.with_workspace(|ws| ops::history_steps(ws)).await
}

/// The author revisions record: the name from Settings, else the OS user name.
#[tauri::command]
pub async fn targets_author(state: State<'_, Shared>) -> Result<String, ErrorDto> {
    Ok(state.settings().author())
}

/// Saves the author's name (empty: back to the OS user name).
#[tauri::command]
pub async fn targets_set_author(
    state: State<'_, Shared>,
    name: String,
) -> Result<String, ErrorDto> {
    let name = name.trim().to_string();
    state.update_settings(|s| s.user_name = (!name.is_empty()).then_some(name));
    Ok(state.settings().author())
}

/// The remembered answer to "what about the children / the parent?" (null when none).
#[tauri::command]
pub async fn targets_remembered_choice(
    state: State<'_, Shared>,
) -> Result<Option<EditChoice>, ErrorDto> {
    Ok(remember::remembered_choice(&state.settings()))
}

/// Remembers the answer in the settings (null forgets it); returns what is now remembered.
#[tauri::command]
pub async fn targets_remember_choice(
    state: State<'_, Shared>,
    choice: Option<EditChoice>,
) -> Result<Option<EditChoice>, ErrorDto> {
    state.update_settings_saved(|s| remember::remember_choice(s, choice))?;
    Ok(remember::remembered_choice(&state.settings()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_stops_only_its_own_run_and_ends_with_it() {
        let preview = SplitJob::start(7_001);
        let apply = SplitJob::start(7_002);
        assert!(cancel_job(7_002));
        assert!(apply.cancel.load(Ordering::SeqCst));
        // The preview running beside it is not stopped, and its token was not used up.
        assert!(!preview.cancel.load(Ordering::SeqCst));
        drop(apply);
        // A run that has ended cannot be cancelled, and a new run starts uncancelled.
        assert!(!cancel_job(7_002));
        let again = SplitJob::start(7_002);
        assert!(!again.cancel.load(Ordering::SeqCst));
        drop((preview, again));
        assert!(!cancel_job(7_001));
    }
}
