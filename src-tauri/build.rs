// Every app command is declared once, in src-tauri/src/commands/table.rs: tauri-build generates
// an `allow-<command>` permission for each, and src-tauri/capabilities/default.json grants them to
// the main window. Nothing else is callable from the web side.
include!("src/commands/table.rs");

macro_rules! command_names {
    ($($area:ident :: $name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = app_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/commands/table.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
