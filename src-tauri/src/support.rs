//! What support needs from a user's machine: a rotating log file in the OS log folder, panics
//! logged with their backtrace (the user sees a friendly message instead), and the diagnostics
//! text for a support mail (Help → Copy diagnostics).

use crate::state::Shared;
use targetline_core::error::Code;
use targetline_core::store::WorkspaceInfo;
use targetline_core::{Error, Lang};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// The log file's name in the OS log folder (`targetline.log`, older ones renamed with a date).
pub const LOG_NAME: &str = "targetline";
/// How many errors the diagnostics list.
const LAST_ERRORS: usize = 20;

/// Starts the log and the panic hook, once per process (tests build several apps in one).
pub fn start<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return Ok(());
    }
    app.plugin(log_plugin())?;
    install_panic_hook(app);
    log::info!("Targetline {} started", app.package_info().version);
    Ok(())
}

/// The log: info and above to `targetline.log` in the OS log folder (rotated at 2 MB, five
/// files kept) and to stderr.
pub fn log_plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::LogDir {
                file_name: Some(LOG_NAME.into()),
            }),
            Target::new(TargetKind::Stderr),
        ])
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .max_file_size(2_000_000)
        .level(log::LevelFilter::Info)
        .build()
}

/// A panic anywhere is logged with its backtrace, and the window shows a friendly message
/// (the command that panicked still answers with its own error).
pub fn install_panic_hook<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        // One line for the message (the diagnostics list it), then the backtrace.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let place = info.location().map(|l| l.to_string()).unwrap_or_default();
        log::error!(target: "targetline::panic", "panicked at {place}: {message}\n{backtrace}");
        let lang = app
            .try_state::<Shared>()
            .map(|s| s.lang())
            .unwrap_or_default();
        let _ = app.emit("app-error", panic_message().to_dto(lang));
        previous(info);
    }));
}

pub fn panic_message() -> Error {
    Error::new(
        Code::InternalPanic,
        "出现了意外错误，已记录到日志。您的数据没有丢失；如问题重复出现，请通过“帮助 → 复制诊断信息”联系支持。",
        "Something unexpected went wrong and was written to the log. Your data is safe; if it \
         happens again, send us Help → Copy diagnostics.",
    )
}

/// The folder holding the log files.
pub fn log_dir<R: Runtime>(app: &AppHandle<R>) -> Option<std::path::PathBuf> {
    app.path().app_log_dir().ok()
}

/// The last `n` warnings and errors of a log text, oldest first; an error repeated right after
/// itself (the same message, a later time) counts once.
pub fn last_errors(log: &str, n: usize) -> Vec<String> {
    // `[date][time][target][LEVEL] message`: what follows the time.
    let after_time = |l: &str| l.splitn(3, ']').nth(2).unwrap_or(l).to_string();
    let mut hits: Vec<&str> = Vec::new();
    for line in log
        .lines()
        .filter(|l| l.contains("[ERROR]") || l.contains("[WARN]"))
    {
        if hits.last().map(|h| after_time(h)) != Some(after_time(line)) {
            hits.push(line);
        }
    }
    hits[hits.len().saturating_sub(n)..]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

/// What the diagnostics text is made of.
pub struct Facts<'a> {
    pub version: &'a str,
    pub os: &'a str,
    pub arch: &'a str,
    pub lang: Lang,
    pub workspace: Option<(&'a str, &'a WorkspaceInfo)>,
    pub log_dir: &'a str,
    pub errors: &'a [String],
}

/// The text a user pastes into a support mail (English keys, so support reads every one).
pub fn diagnostics_text(f: &Facts) -> String {
    let mut out = format!(
        "Targetline {}\nOS: {} ({})\nLanguage: {}\nLog folder: {}\n",
        f.version,
        f.os,
        f.arch,
        f.lang.tag(),
        f.log_dir
    );
    match f.workspace {
        Some((name, i)) => out.push_str(&format!(
            "Workspace: {name}\n  schema {}; org units {}, people {}, targets {}, actuals {}, deals {}, actions {}\n",
            i.schema_version, i.org_units, i.people, i.targets, i.actuals, i.deals, i.actions
        )),
        None => out.push_str("Workspace: none open\n"),
    }
    if f.errors.is_empty() {
        out.push_str("Last errors: none\n");
    } else {
        out.push_str(&format!("Last errors ({}):\n", f.errors.len()));
        for e in f.errors {
            out.push_str(&format!("  {e}\n"));
        }
    }
    out
}

/// The diagnostics of this machine and the open workspace.
pub fn diagnostics<R: Runtime>(app: &AppHandle<R>, state: &Shared) -> String {
    let dir = log_dir(app).unwrap_or_default();
    let log = std::fs::read_to_string(dir.join(format!("{LOG_NAME}.log"))).unwrap_or_default();
    let errors = last_errors(&log, LAST_ERRORS);
    let snapshot = state.snapshot();
    let workspace = snapshot
        .workspace
        .as_ref()
        .map(|w| (w.file_name.as_str(), &w.info));
    let version = app.package_info().version.to_string();
    diagnostics_text(&Facts {
        version: &version,
        os: &os_name(),
        arch: std::env::consts::ARCH,
        lang: state.lang(),
        workspace,
        log_dir: &dir.display().to_string(),
        errors: &errors,
    })
}

fn os_name() -> String {
    let family = std::env::consts::OS;
    // The distribution or version where the OS says it in a file; else the family.
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        });
    match pretty {
        Some(p) if family == "linux" => format!("{family}, {p}"),
        _ => family.to_string(),
    }
}

/// Opens `dir` in the OS file manager.
pub fn reveal(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(dir)
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
[2026-12-06][04:10:00][targetline][INFO] opened demo.targetline
[2026-12-06][04:10:01][targetline_core::error][WARN] import_io: Could not read 十月.csv
[2026-12-06][04:10:01][targetline_core::error][WARN] import_io: Could not read 十月.csv
[2026-12-06][04:10:02][targetline][INFO] imported 3 rows
[2026-12-06][04:10:03][targetline::panic][ERROR] panicked at src/x.rs:1:1: boom
";

    #[test]
    fn last_errors_are_the_warnings_and_errors_oldest_first_each_once() {
        assert_eq!(
            last_errors(LOG, 20),
            vec![
                "[2026-12-06][04:10:01][targetline_core::error][WARN] import_io: Could not read 十月.csv",
                "[2026-12-06][04:10:03][targetline::panic][ERROR] panicked at src/x.rs:1:1: boom",
            ]
        );
        assert_eq!(last_errors(LOG, 1).len(), 1);
        assert!(last_errors(LOG, 1)[0].ends_with("boom"));
        assert!(last_errors("", 5).is_empty());
    }

    #[test]
    fn diagnostics_name_version_os_workspace_and_errors() {
        let info = WorkspaceInfo {
            schema_version: 14,
            org_units: 10,
            people: 30,
            targets: 2628,
            actuals: 24142,
            deals: 240,
            actions: 8,
            company: None,
        };
        let errors = vec!["[WARN] import_io: x".to_string()];
        let text = diagnostics_text(&Facts {
            version: "0.2.0",
            os: "linux, Debian GNU/Linux 13",
            arch: "x86_64",
            lang: Lang::Zh,
            workspace: Some(("demo.targetline", &info)),
            log_dir: "/logs",
            errors: &errors,
        });
        assert_eq!(
            text,
            "Targetline 0.2.0\nOS: linux, Debian GNU/Linux 13 (x86_64)\nLanguage: zh-CN\n\
             Log folder: /logs\nWorkspace: demo.targetline\n  schema 14; org units 10, people 30, \
             targets 2628, actuals 24142, deals 240, actions 8\nLast errors (1):\n  [WARN] import_io: x\n"
        );
        let none = diagnostics_text(&Facts {
            version: "0.2.0",
            os: "windows",
            arch: "aarch64",
            lang: Lang::En,
            workspace: None,
            log_dir: "C:\\logs",
            errors: &[],
        });
        assert!(
            none.contains("Workspace: none open\nLast errors: none\n"),
            "{none}"
        );
    }
}
