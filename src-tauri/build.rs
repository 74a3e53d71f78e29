// Every app command is listed here: tauri-build generates an `allow-<command>` permission for
// each, and src-tauri/capabilities/default.json grants them to the main window. Nothing else is
// callable from the web side.
const COMMANDS: &[&str] = &[
    "app_state",
    "set_lang",
    "calendar_year",
    "calendar_set_day",
    "calendar_restore_day",
    "calendar_reset",
    "calendar_import",
    "calendar_export",
    "dashboard_headline",
    "dashboard_view",
    "dashboard_dimension",
    "dashboard_transactions",
    "dashboard_export_chart",
    "dashboard_export_table",
    "dashboard_meeting_pack",
    "workspace_new",
    "workspace_open",
    "workspace_save_copy",
    "import_pick",
    "import_preview",
    "import_commit",
    "import_cancel",
    "import_batches",
    "import_undo",
    "import_candidates",
    "import_save_mapping",
    "plan_data",
    "plan_move",
    "plan_reshape",
    "plan_restore",
    "plan_progress",
    "plan_edit",
    "plan_link_add",
    "plan_link_delete",
    "plan_baseline_save",
    "plan_coverage",
    "plan_resources",
    "plan_export_chart",
    "plan_export_table",
    "plan_import",
    "targets_grid",
    "targets_approve",
    "targets_store_weeks",
    "targets_set",
    "targets_lock",
    "targets_restore",
    "targets_split",
    "targets_detail",
    "targets_commit",
    "targets_reconcile",
    "targets_export",
    "targets_revise",
    "targets_quarter",
    "targets_repace",
    "targets_formula",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
