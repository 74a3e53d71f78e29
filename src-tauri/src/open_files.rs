//! A `.targetline` file the operating system hands to the app: double-clicked in the file
//! manager (the bundle's file association starts `targetline FILE` on Windows and Linux), or
//! `RunEvent::Opened` on macOS, which also arrives while the app runs.

use crate::state::Shared;
use std::path::PathBuf;
use targetline_core::Workspace;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The workspace named by a command-line word: a path or a `file://` URL ending in `.targetline`.
pub fn workspace_arg(word: &str) -> Option<PathBuf> {
    let path = match word.strip_prefix("file://") {
        Some(rest) => PathBuf::from(percent_decode(rest)),
        None => PathBuf::from(word),
    };
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    (ext == crate::dialogs::WORKSPACE_EXT).then_some(path)
}

/// `%E4%B8%AD` → the UTF-8 bytes it encodes; anything malformed is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Opens the first workspace among `words` in the running window (macOS `Opened` URLs; the
/// single-instance hand-over can use it too).
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
pub fn open<R: Runtime>(app: &AppHandle<R>, words: impl IntoIterator<Item = String>) {
    let Some(path) = words.into_iter().find_map(|w| workspace_arg(&w)) else {
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(state) = app.try_state::<Shared>().map(|s| s.inner().clone()) else {
            return;
        };
        let _ = match state
            .replace_workspace(move || Workspace::open_existing(&path))
            .await
        {
            Ok(snapshot) => app.emit("workspace-changed", snapshot),
            Err(e) => app.emit("app-error", e),
        };
    });
}

#[cfg(test)]
mod tests {
    use super::workspace_arg;
    use std::path::PathBuf;

    #[test]
    fn a_targetline_file_is_a_workspace_to_open() {
        assert_eq!(
            workspace_arg("/home/李/销售.targetline"),
            Some(PathBuf::from("/home/李/销售.targetline"))
        );
        assert_eq!(
            workspace_arg("C:\\Users\\wang\\Q3.TARGETLINE"),
            Some(PathBuf::from("C:\\Users\\wang\\Q3.TARGETLINE"))
        );
        assert_eq!(
            workspace_arg("file:///Users/li/%E9%94%80%E5%94%AE%20Q3.targetline"),
            Some(PathBuf::from("/Users/li/销售 Q3.targetline"))
        );
        assert_eq!(workspace_arg("--workspace"), None);
        assert_eq!(workspace_arg("/tmp/report.xlsx"), None);
        assert_eq!(
            workspace_arg("file:///tmp/100%.targetline"),
            Some(PathBuf::from("/tmp/100%.targetline"))
        );
    }
}
