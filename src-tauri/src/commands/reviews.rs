//! Reviews (复盘, PDCA): a review per node and period with its findings and the lessons and
//! improvement lists verified from the data; the weekly 3-2-1 reports.

use crate::state::Shared;
use targetline_core::chart::{Format, Hit};
use targetline_core::review::{
    self,
    weekly::{self, WeeklyInput, WeeklyWeek},
    Choices, FindingInput, ItemInput, Review, ReviewSummary,
};
use targetline_core::ErrorDto;
use tauri::{AppHandle, Runtime, State};

/// Units, metrics, dimension members and periods for the section's pickers.
#[tauri::command]
pub async fn review_choices(state: State<'_, Shared>) -> Result<Choices, ErrorDto> {
    state.with_workspace(|ws| review::choices(ws)).await
}

#[tauri::command]
pub async fn reviews_list(state: State<'_, Shared>) -> Result<Vec<ReviewSummary>, ErrorDto> {
    state.with_workspace(|ws| review::list(ws)).await
}

/// Opens a review of `node` for `period`; its id.
#[tauri::command]
pub async fn review_create(
    state: State<'_, Shared>,
    node: String,
    period: String,
    title: String,
) -> Result<i64, ErrorDto> {
    state
        .with_workspace(move |ws| review::create(ws, &node, &period, &title))
        .await
}

/// The review with its results, prompts, findings and both lists verified as of today, and its
/// root causes drawn as a fishbone (SVG for the screen, with each bone's region).
#[tauri::command]
pub async fn review_get(state: State<'_, Shared>, id: i64) -> Result<ReviewView, ErrorDto> {
    let lang = state.lang();
    state
        .with_workspace(move |ws| {
            let review = review::get(ws, id)?;
            let (svg, hits) = review::fishbone_chart(&review, lang, Format::Svg)?;
            Ok(ReviewView {
                review,
                fishbone: FishboneSvg {
                    svg: String::from_utf8_lossy(&svg).into_owned(),
                    hits,
                },
            })
        })
        .await
}

#[derive(serde::Serialize)]
pub struct ReviewView {
    review: Review,
    fishbone: FishboneSvg,
}

#[derive(serde::Serialize)]
pub struct FishboneSvg {
    svg: String,
    hits: Vec<Hit>,
}

#[tauri::command]
pub async fn review_add_finding(
    state: State<'_, Shared>,
    review: i64,
    finding: FindingInput,
) -> Result<i64, ErrorDto> {
    state
        .with_workspace(move |ws| review::add_finding(ws, review, &finding))
        .await
}

#[tauri::command]
pub async fn review_update_finding(
    state: State<'_, Shared>,
    id: i64,
    finding: FindingInput,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| review::update_finding(ws, id, &finding))
        .await
}

#[tauri::command]
pub async fn review_delete_finding(state: State<'_, Shared>, id: i64) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| review::delete_finding(ws, id))
        .await
}

#[tauri::command]
pub async fn review_add_item(
    state: State<'_, Shared>,
    review: i64,
    item: ItemInput,
) -> Result<i64, ErrorDto> {
    state
        .with_workspace(move |ws| review::add_item(ws, review, &item))
        .await
}

#[tauri::command]
pub async fn review_update_item(
    state: State<'_, Shared>,
    id: i64,
    item: ItemInput,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| review::update_item(ws, id, &item))
        .await
}

#[tauri::command]
pub async fn review_delete_item(state: State<'_, Shared>, id: i64) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| review::delete_item(ws, id))
        .await
}

/// Adds a lesson or an improvement to the action plan under its review's objective; the new
/// action's id.
#[tauri::command]
pub async fn review_add_to_plan(state: State<'_, Shared>, id: i64) -> Result<i64, ErrorDto> {
    let lang = state.lang();
    state
        .with_workspace(move |ws| review::add_to_plan(ws, id, lang))
        .await
}

/// Closes (read only) or reopens a review.
#[tauri::command]
pub async fn review_set_closed(
    state: State<'_, Shared>,
    id: i64,
    closed: bool,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| review::set_closed(ws, id, closed))
        .await
}

#[tauri::command]
pub async fn review_delete(state: State<'_, Shared>, id: i64) -> Result<(), ErrorDto> {
    state.with_workspace(move |ws| review::delete(ws, id)).await
}

/// Saves the review (findings, lessons, improvements with their verification) as CSV (UTF-8
/// with BOM) or XLSX through a save dialog.
#[tauri::command]
pub async fn review_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    id: i64,
    stem: String,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(("导出复盘", "Export the review"), &stem, format);
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        let r = review::get(ws, id)?;
        targetline_core::export::export_table(&review::review_table(&r, lang), path)
    })
    .await
}

/// Saves the fishbone as PNG (2×, for slides) or SVG through a save dialog.
#[tauri::command]
pub async fn review_export_fishbone<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    id: i64,
    stem: String,
    format: super::ChartFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::chart_ask(("导出鱼骨图", "Export the fishbone"), &stem, format);
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        review::write_fishbone(ws, id, lang, path)
    })
    .await
}

/// The people under `node` and their 3-2-1 reports for `week` (e.g. 2026-W47).
#[tauri::command]
pub async fn weekly_get(
    state: State<'_, Shared>,
    node: String,
    week: String,
) -> Result<WeeklyWeek, ErrorDto> {
    state
        .with_workspace(move |ws| weekly::week(ws, &node, &week))
        .await
}

#[tauri::command]
pub async fn weekly_save(
    state: State<'_, Shared>,
    person: String,
    week: String,
    report: WeeklyInput,
) -> Result<(), ErrorDto> {
    state
        .with_workspace(move |ws| weekly::save(ws, &person, &week, &report))
        .await
}

/// Saves the week's reports of the people under `node` as CSV or XLSX.
#[tauri::command]
pub async fn weekly_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    node: String,
    week: String,
    format: super::TableFormat,
) -> Result<Option<String>, ErrorDto> {
    let ask = super::table_ask(
        ("导出 3-2-1 周报", "Export the 3-2-1 reports"),
        &format!("{week}_3-2-1"),
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        let w = weekly::week(ws, &node, &week)?;
        targetline_core::export::export_table(&weekly::week_table(&w, lang), path)
    })
    .await
}
