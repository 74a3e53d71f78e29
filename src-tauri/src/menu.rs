//! The native menu, in the user's language. File actions run the same code as the buttons.
//! The menu is built once; a language switch renames its items in place.

use crate::state::Shared;
use targetline_core::error::Code;
use targetline_core::{Error, Lang};
use tauri::menu::{Menu, MenuEvent, MenuItem, MenuItemKind, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// (id, zh, en) of every item; the File submenu itself is "file".
const LABELS: &[(&str, &str, &str)] = &[
    ("file", "文件", "File"),
    ("file.new", "新建工作区…", "New workspace…"),
    ("file.open", "打开工作区…", "Open workspace…"),
    ("file.copy", "另存副本…", "Save a copy…"),
    ("file.quit", "退出", "Quit"),
    ("help", "帮助", "Help"),
    ("help.logs", "打开日志文件夹", "Open log folder"),
    ("help.diagnostics", "复制诊断信息…", "Copy diagnostics…"),
    ("help.about", "关于 Targetline", "About Targetline"),
    ("app", "Targetline", "Targetline"),
    ("app.about", "关于 Targetline", "About Targetline"),
    ("app.quit", "退出 Targetline", "Quit Targetline"),
];

fn label(id: &str, lang: Lang) -> &'static str {
    let (_, zh, en) = LABELS
        .iter()
        .find(|(i, _, _)| *i == id)
        .expect("every menu id has labels");
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

pub fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<Menu<R>> {
    let item = |id: &str| MenuItem::with_id(app, id, label(id, lang), true, None::<&str>);
    // Ctrl+Q (⌘Q on macOS, where Quit is in the application menu) leaves the app.
    let quit = |id: &str| MenuItem::with_id(app, id, label(id, lang), true, Some("CmdOrCtrl+Q"));
    let file_quit = if cfg!(target_os = "macos") {
        item("file.quit")?
    } else {
        quit("file.quit")?
    };
    let file = Submenu::with_id_and_items(
        app,
        "file",
        label("file", lang),
        true,
        &[
            &item("file.new")?,
            &item("file.open")?,
            &item("file.copy")?,
            &PredefinedMenuItem::separator(app)?,
            &file_quit,
        ],
    )?;
    let help = Submenu::with_id_and_items(
        app,
        "help",
        label("help", lang),
        true,
        &[
            &item("help.logs")?,
            &item("help.diagnostics")?,
            &PredefinedMenuItem::separator(app)?,
            &item("help.about")?,
        ],
    )?;
    // On macOS the first menu is the application menu: About and Quit live there.
    if cfg!(target_os = "macos") {
        let app_menu = Submenu::with_id_and_items(
            app,
            "app",
            label("app", lang),
            true,
            &[
                &item("app.about")?,
                &PredefinedMenuItem::separator(app)?,
                &PredefinedMenuItem::hide(app, None)?,
                &PredefinedMenuItem::separator(app)?,
                &quit("app.quit")?,
            ],
        )?;
        return Menu::with_items(app, &[&app_menu, &file, &help]);
    }
    Menu::with_items(app, &[&file, &help])
}

/// Renames every item for `lang`.
pub fn relabel<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<()> {
    let Some(menu) = app.menu() else {
        return Ok(());
    };
    for kind in menu.items()? {
        if let MenuItemKind::Submenu(sub) = kind {
            sub.set_text(label(sub.id().as_ref(), lang))?;
            for child in sub.items()? {
                if let MenuItemKind::MenuItem(i) = child {
                    i.set_text(label(i.id().as_ref(), lang))?;
                }
            }
        }
    }
    Ok(())
}

pub fn error(e: tauri::Error) -> Error {
    Error::new(
        Code::Menu,
        format!("菜单更新失败：{e}"),
        format!("The menu could not be updated: {e}"),
    )
}

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref().to_string();
    match id.as_str() {
        "file.quit" | "app.quit" => return app.exit(0),
        // The window shows About and the diagnostics (with a Copy button) in its own dialog.
        "help.about" | "app.about" => return emit_help(app, "about"),
        "help.diagnostics" => return emit_help(app, "diagnostics"),
        "help.logs" => {
            if let Err(e) = crate::commands::app::reveal_logs(app) {
                let lang = app.state::<Shared>().lang();
                let _ = app.emit("app-error", e.to_dto(lang));
            }
            return;
        }
        _ => {}
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<Shared>().inner().clone();
        let result = match id.as_str() {
            "file.new" => crate::commands::workspace::new(&app, &state).await,
            "file.open" => crate::commands::workspace::open(&app, &state).await,
            "file.copy" => crate::commands::workspace::save_copy(&app, &state).await,
            _ => return,
        };
        // The window refreshes on either event; an error is shown as a message.
        let _ = match result {
            Ok(snapshot) => app.emit("workspace-changed", snapshot),
            Err(e) => app.emit("app-error", e),
        };
    });
}

fn emit_help<R: Runtime>(app: &AppHandle<R>, what: &str) {
    let _ = app.emit("help", what);
}
