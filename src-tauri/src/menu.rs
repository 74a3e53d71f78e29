//! The native menu, in the user's language. File actions run the same code as the buttons.
//! The menu is built once; a language switch renames its items in place.

use crate::state::Shared;
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
            &item("file.quit")?,
        ],
    )?;
    Menu::with_items(app, &[&file])
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
        "menu",
        format!("菜单更新失败：{e}"),
        format!("The menu could not be updated: {e}"),
    )
}

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref().to_string();
    if id == "file.quit" {
        app.exit(0);
        return;
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
