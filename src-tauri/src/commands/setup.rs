//! Setting up one's own company: what the workspace still lacks, the company's name, and the
//! year plans (create, choose, approve, archive). Each returns the new setup status.

use crate::state::Shared;
use targetline_core::setup::{self, company, plan_year, PlanYearSpec, SetupStatus};
use targetline_core::ErrorDto;
use tauri::State;

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

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
            plan_year::approve(ws, year, &approver, &now())?;
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
            plan_year::archive(ws, year, &now())?;
            setup::status(ws)
        })
        .await
}
