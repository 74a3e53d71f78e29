//! A second launch of the app: the first instance's window comes to the front, and a workspace
//! file the second launch was given (a double-clicked `.targetline`) opens in it.

use std::path::Path;
use tauri::{AppHandle, Manager, Runtime};

/// The second launch's words with relative paths resolved against its working folder.
fn resolved(argv: Vec<String>, cwd: &str) -> impl Iterator<Item = String> + '_ {
    argv.into_iter().skip(1).map(move |w| {
        if w.starts_with("file://") || Path::new(&w).is_absolute() {
            w
        } else {
            Path::new(cwd).join(&w).display().to_string()
        }
    })
}

pub fn on_second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    crate::open_files::open(app, resolved(argv, &cwd));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_of_a_second_launch_are_resolved_against_its_folder() {
        let argv = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let words: Vec<String> = resolved(
            argv(&["targetline", "a/W.targetline", "/abs/x.targetline"]),
            "/home/x",
        )
        .collect();
        assert_eq!(words, ["/home/x/a/W.targetline", "/abs/x.targetline"]);
    }
}
