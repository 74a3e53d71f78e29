//! One file per area. Each command is a few lines: arguments -> core -> result.
//! All are async (`#[tauri::command]` on an `async fn`), so none runs on the window's thread.

pub mod app;
pub mod dashboard;
pub mod import;
pub mod plans;
pub mod targets;
pub mod workspace;
