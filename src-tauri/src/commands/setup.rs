//! Setting up one's own company: what the workspace still lacks, the company's name, and the
//! year plans (create, choose, approve, archive). Each returns the new setup status.

use crate::state::Shared;
use targetline_core::setup::catalog::{self, CalendarChoice, Member};
use targetline_core::setup::{self, capacity_split, company, plan_year, PlanYearSpec, SetupStatus};
use targetline_core::targets::tree::ops::DeepSplit;
use targetline_core::variance::Dim;
use targetline_core::ErrorDto;
use tauri::State;

#[tauri::command]
pub async fn setup_status(state: State<'_, Shared>) -> Result<SetupStatus, ErrorDto> {
    state.with_workspace(|ws| setup::status(ws)).await
}

/// Names the company (creating the organisation's root on a blank workspace).
#[tauri::command]
pub async fn setup_company_name(
    state: State<'_, Shared>,
    name: String,
) -> Result<SetupStatus, ErrorDto> {
    state
        .with_workspace(move |ws| {
            company::set_name(ws, &name)?;
            setup::status(ws)
        })
        .await
}

#[tauri::command]
pub async fn plan_year_create(
    state: State<'_, Shared>,
    spec: PlanYearSpec,
) -> Result<SetupStatus, ErrorDto> {
    state
        .with_workspace(move |ws| {
            plan_year::create(ws, &spec)?;
            setup::status(ws)
        })
        .await
}

/// Shows `year` in every section.
#[tauri::command]
pub async fn plan_year_select(
    state: State<'_, Shared>,
    year: i32,
) -> Result<SetupStatus, ErrorDto> {
    state
        .with_workspace(move |ws| {
            plan_year::select(ws, year)?;
            setup::status(ws)
        })
        .await
}

#[tauri::command]
pub async fn plan_year_approve(
    state: State<'_, Shared>,
    year: i32,
    approver: String,
) -> Result<SetupStatus, ErrorDto> {
    state
        .with_workspace(move |ws| {
            plan_year::approve(ws, year, &approver, &targetline_core::now_stamp())?;
            setup::status(ws)
        })
        .await
}

#[tauri::command]
pub async fn plan_year_archive(
    state: State<'_, Shared>,
    year: i32,
) -> Result<SetupStatus, ErrorDto> {
    state
        .with_workspace(move |ws| {
            plan_year::archive(ws, year, &targetline_core::now_stamp())?;
            setup::status(ws)
        })
        .await
}

/// The year's company target split down to every person by capacity: previewed (`apply` false)
/// or written (`apply` true).
#[tauri::command]
pub async fn setup_split_capacity(
    state: State<'_, Shared>,
    year: i32,
    apply: bool,
) -> Result<DeepSplit, ErrorDto> {
    state
        .with_workspace(move |ws| capacity_split::by_capacity(ws, year, !apply))
        .await
}

/// The product lines, customer types and channels the company sells by.
#[tauri::command]
pub async fn setup_members(
    state: State<'_, Shared>,
    with_retired: Option<bool>,
) -> Result<Vec<Member>, ErrorDto> {
    state
        .with_workspace(move |ws| catalog::members(ws, with_retired.unwrap_or(false)))
        .await
}

/// Adds the names typed or pasted in `text` to `dim`; returns every member afresh.
#[tauri::command]
pub async fn setup_add_members(
    state: State<'_, Shared>,
    dim: Dim,
    text: String,
) -> Result<Vec<Member>, ErrorDto> {
    state
        .with_workspace(move |ws| {
            catalog::add_members(ws, dim.code(), &text)?;
            catalog::members(ws, false)
        })
        .await
}

/// The year's working calendar: the official mainland-China one or plain weeks; returns its
/// working days.
#[tauri::command]
pub async fn setup_calendar(
    state: State<'_, Shared>,
    year: i32,
    choice: CalendarChoice,
) -> Result<i64, ErrorDto> {
    state
        .with_workspace(move |ws| catalog::choose_calendar(ws, year, choice))
        .await
}

/// The first launch's choice "show me the demo": the offer to start one's own company goes.
#[tauri::command]
pub async fn setup_keep_demo(state: State<'_, Shared>) -> Result<SetupStatus, ErrorDto> {
    state
        .with_workspace(|ws| {
            setup::keep_demo(ws)?;
            setup::status(ws)
        })
        .await
}
