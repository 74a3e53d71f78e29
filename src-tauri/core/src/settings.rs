//! The app's own settings (language, last workspace, window geometry): a small JSON file in the
//! OS config folder. A missing or damaged file gives the defaults; saving is atomic.

use crate::error::Code;
use crate::error::{Error, Lang, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "settings.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowGeometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// None until the user picks one: the OS locale decides.
    pub lang: Option<Lang>,
    pub last_workspace: Option<PathBuf>,
    pub window: Option<WindowGeometry>,
    /// The name revisions record as their author; None: the operating system's user name.
    pub user_name: Option<String>,
    /// Answers the user asked to remember ("remember my choice"), by question, e.g.
    /// `{"targets.edit": {"children": "spread", "parent": "rollUp"}}`; forgotten in Settings.
    pub remembered: BTreeMap<String, serde_json::Value>,
}

impl Settings {
    pub fn load(dir: &Path) -> Settings {
        std::fs::read(dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(|e| {
            Error::new(
                Code::Settings,
                format!("设置无法保存：{e}"),
                format!("Settings could not be saved: {e}"),
            )
        })?;
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, dir.join(FILE_NAME))?;
        Ok(())
    }

    /// The author of changes: the saved name, else the operating system's user name.
    pub fn author(&self) -> String {
        self.user_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(os_user_name)
    }

    /// The language to show: the saved choice, else the OS locale.
    pub fn effective_lang(&self, os_locale: Option<&str>) -> Lang {
        self.lang
            .unwrap_or_else(|| os_locale.map(Lang::from_locale).unwrap_or(Lang::En))
    }
}

/// The operating system's user name ("本机用户" when none is known).
pub fn os_user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "本机用户".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_survives_damage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let s = Settings {
            lang: Some(Lang::En),
            last_workspace: Some(PathBuf::from("团队/2026.targetline")),
            window: Some(WindowGeometry {
                x: 10,
                y: 20,
                width: 1200,
                height: 800,
                maximized: false,
            }),
            user_name: Some("王经理".into()),
            remembered: BTreeMap::from([(
                "targets.edit".to_string(),
                serde_json::json!({"children": "keep", "parent": "rollUp"}),
            )]),
        };
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), s);
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }

    #[test]
    fn language_defaults_to_the_os_locale() {
        let s = Settings::default();
        assert_eq!(s.effective_lang(Some("zh-Hans-CN")), Lang::Zh);
        assert_eq!(s.effective_lang(Some("en-US")), Lang::En);
        assert_eq!(s.effective_lang(None), Lang::En);
        let chosen = Settings {
            lang: Some(Lang::Zh),
            ..Settings::default()
        };
        assert_eq!(chosen.effective_lang(Some("en-US")), Lang::Zh);
    }
}
