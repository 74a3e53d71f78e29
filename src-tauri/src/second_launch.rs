//! A second launch of the app: the first instance's window comes to the front, and a workspace
//! file the second launch was given (a double-clicked `.targetline`) opens in it.

use crate::dialogs::WORKSPACE_EXT;
use crate::state::Shared;
use std::path::{Path, PathBuf};
use targetline_core::Workspace;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The workspace file among a launch's arguments, resolved against its working folder.
pub fn workspace_argument(argv: &[String], cwd: &str) -> Option<PathBuf> {
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        if a == "--workspace" {
            return args.next().map(|p| Path::new(cwd).join(p));
        }
        let p = Path::new(a);
        if p.extension().is_some_and(|e| e == WORKSPACE_EXT) {
            return Some(Path::new(cwd).join(p));
        }
    }
    None
}

pub fn on_second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let Some(path) = workspace_argument(&argv, &cwd) else {
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<Shared>().inner().clone();
        let same = state
            .workspace_path()
            .is_some_and(|o| targetline_core::store::files::same_file(&o, &path));
        let result = if same {
            Ok(state.snapshot())
        } else {
            state
                .replace_workspace(move |b| Workspace::open_existing_with(&path, Some(b)))
                .await
        };
        let _ = match result {
            Ok(snapshot) => app.emit("workspace-changed", snapshot),
            Err(e) => app.emit("app-error", e),
        };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_argument_is_found_and_resolved() {
        let argv = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            workspace_argument(&argv(&["targetline", "a/W.targetline"]), "/home/x"),
            Some(PathBuf::from("/home/x/a/W.targetline"))
        );
        assert_eq!(
            workspace_argument(
                &argv(&["targetline", "--workspace", "/tmp/w.db"]),
                "/home/x"
            ),
            Some(PathBuf::from("/tmp/w.db"))
        );
        assert_eq!(
            workspace_argument(&argv(&["targetline", "notes.txt"]), "/"),
            None
        );
    }
}
