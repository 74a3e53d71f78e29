//! The Tauri shell: windows, menu, dialogs and thin async commands over `targetline-core`.

mod commands;
mod dialogs;
mod menu;
mod state;
mod window;

pub use state::{AppStateDto, Launch, Shared};

use tauri::{Manager, Runtime};

/// The app builder, generic over the runtime so tests can drive it with `tauri::test`'s mock.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, launch: Launch) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_state,
            commands::app::set_lang,
            commands::calendar::calendar_year,
            commands::calendar::calendar_set_day,
            commands::calendar::calendar_restore_day,
            commands::calendar::calendar_reset,
            commands::calendar::calendar_import,
            commands::calendar::calendar_export,
            commands::dashboard::dashboard_headline,
            commands::evaluation::evaluation_report,
            commands::evaluation::evaluation_settings,
            commands::evaluation::evaluation_save_scorecard,
            commands::evaluation::evaluation_save_plan,
            commands::evaluation::evaluation_export,
            commands::customers::customers_report,
            commands::customers::customers_set_growth,
            commands::customers::customers_save_settings,
            commands::customers::customers_export,
            commands::reviews::review_choices,
            commands::reviews::reviews_list,
            commands::reviews::review_create,
            commands::reviews::review_get,
            commands::reviews::review_add_finding,
            commands::reviews::review_update_finding,
            commands::reviews::review_delete_finding,
            commands::reviews::review_add_item,
            commands::reviews::review_update_item,
            commands::reviews::review_delete_item,
            commands::reviews::review_add_to_plan,
            commands::reviews::review_set_closed,
            commands::reviews::review_delete,
            commands::reviews::review_export,
            commands::reviews::review_export_fishbone,
            commands::reviews::weekly_get,
            commands::reviews::weekly_save,
            commands::reviews::weekly_export,
            commands::dashboard::dashboard_view,
            commands::dashboard::dashboard_dimension,
            commands::dashboard::dashboard_transactions,
            commands::dashboard::dashboard_export_chart,
            commands::dashboard::dashboard_export_table,
            commands::dashboard::dashboard_meeting_pack,
            commands::workspace::workspace_new,
            commands::workspace::workspace_open,
            commands::workspace::workspace_save_copy,
            commands::import::import_pick,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::import::import_cancel,
            commands::import::import_batches,
            commands::import::import_undo,
            commands::import::import_candidates,
            commands::import::import_save_mapping,
            commands::plans::plan_data,
            commands::plans::plan_move,
            commands::plans::plan_reshape,
            commands::plans::plan_restore,
            commands::plans::plan_progress,
            commands::plans::plan_edit,
            commands::plans::plan_link_add,
            commands::plans::plan_link_delete,
            commands::plans::plan_baseline_save,
            commands::plans::plan_coverage,
            commands::plans::plan_resources,
            commands::plans::plan_export_chart,
            commands::plans::plan_export_table,
            commands::plans::plan_import,
            commands::targets::targets_grid,
            commands::targets::targets_set_ratios,
            commands::targets::targets_restore_ratios,
            commands::targets::targets_approve,
            commands::targets::targets_store_weeks,
            commands::targets::targets_set,
            commands::targets::targets_lock,
            commands::targets::targets_restore,
            commands::targets::targets_split,
            commands::targets::targets_detail,
            commands::targets::targets_commit,
            commands::targets::targets_reconcile,
            commands::targets::targets_export,
            commands::targets::targets_revise,
            commands::targets::targets_quarter,
            commands::targets::targets_repace,
            commands::targets::targets_formula,
        ])
        .setup(move |app| {
            let shared = Shared::start(
                launch.clone(),
                app.path().app_config_dir().ok(),
                app.path().app_data_dir().ok(),
            );
            let lang = shared.lang();
            app.manage(shared.clone());
            app.set_menu(menu::build(app.handle(), lang)?)?;
            app.on_menu_event(menu::on_event);
            window::create_main(app.handle(), &shared)?;
            Ok(())
        })
}

/// The app's context (config, assets, capabilities) for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run() {
    builder(tauri::Builder::default(), Launch::from_env())
        .run(context())
        .expect("error while running Targetline");
}
