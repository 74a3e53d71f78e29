//! The Tauri shell: windows, menu, dialogs and thin async commands over `targetline-core`.

#[macro_use]
#[path = "commands/table.rs"]
mod command_table;
mod commands;
mod dialogs;
mod menu;
mod open_files;
mod render;
mod second_launch;
mod state;
mod support;
mod window;

pub use state::{AppStateDto, Launch, Shared};

use tauri::{AppHandle, Manager, RunEvent, Runtime};

/// Expands the command table into Tauri's invoke handler.
macro_rules! invoke_handler {
    ($($area:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$area::$name),*]
    };
}

/// Lists the command names of the table.
macro_rules! command_names {
    ($($area:ident :: $name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

/// Every app command's name, from the one table (tests compare it with the capability and the UI).
pub const COMMAND_NAMES: &[&str] = app_commands!(command_names);

/// The app builder, generic over the runtime so tests can drive it with `tauri::test`'s mock.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, launch: Launch) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(app_commands!(invoke_handler))
        .setup(move |app| {
            support::start(app.handle())?;
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

/// The run loop's handler: however the app is left (window closed, File → Quit, Cmd+Q), the
/// workspace is checkpointed into its file and closed before the process ends.
pub fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: &RunEvent) {
    if let RunEvent::Exit = event {
        if let Some(state) = app.try_state::<Shared>() {
            state.shutdown();
        }
    }
}

pub fn run() {
    render::choose_compositing();
    let launch = Launch::from_env();
    let mut base = tauri::Builder::default();
    // One app per user: a second launch focuses the first window (and opens the workspace it
    // was given). A launch with its own config folder (tests, portable use) stands alone.
    if launch.config_dir.is_none() {
        base = base.plugin(tauri_plugin_single_instance::init(
            second_launch::on_second_launch,
        ));
    }
    builder(base, launch)
        .build(context())
        .expect("error while running Targetline")
        .run(|app, event| {
            // macOS hands a double-clicked .targetline file over as an event, at launch or later.
            #[cfg(target_os = "macos")]
            if let RunEvent::Opened { urls } = &event {
                open_files::open(app, urls.iter().map(|u| u.to_string()));
            }
            on_run_event(app, &event);
        });
}
