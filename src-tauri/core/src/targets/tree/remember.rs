//! "Remember my choice" for the target tree's question (what the children and the parent do
//! when a cell changes): kept in the app's settings, so it survives a restart, until the user
//! forgets it in Settings → Targets.

use super::ops::EditChoice;
use crate::settings::Settings;

/// The settings key of the remembered answer.
pub const EDIT_CHOICE_KEY: &str = "targets.edit";

/// The remembered answer, if any (a damaged one counts as none, so the question is asked).
pub fn remembered_choice(settings: &Settings) -> Option<EditChoice> {
    settings
        .remembered
        .get(EDIT_CHOICE_KEY)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Remembers an answer, or with None forgets it.
pub fn remember_choice(settings: &mut Settings, choice: Option<EditChoice>) {
    match choice.and_then(|c| serde_json::to_value(c).ok()) {
        Some(v) => {
            settings.remembered.insert(EDIT_CHOICE_KEY.to_string(), v);
        }
        None => {
            settings.remembered.remove(EDIT_CHOICE_KEY);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::tree::{ChildrenWay, ParentWay};

    #[test]
    fn a_remembered_choice_survives_a_restart_until_it_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings::load(dir.path());
        assert_eq!(remembered_choice(&s), None);
        let choice = EditChoice {
            children: ChildrenWay::Keep,
            parent: ParentWay::RollUp,
        };
        remember_choice(&mut s, Some(choice));
        s.save(dir.path()).unwrap();
        // A restart reads the file again.
        let text = std::fs::read_to_string(dir.path().join(crate::settings::FILE_NAME)).unwrap();
        assert!(text.contains("\"targets.edit\""), "{text}");
        assert!(text.contains("\"rollUp\""), "{text}");
        let mut again = Settings::load(dir.path());
        assert_eq!(remembered_choice(&again), Some(choice));
        remember_choice(&mut again, None);
        again.save(dir.path()).unwrap();
        assert_eq!(remembered_choice(&Settings::load(dir.path())), None);
    }

    #[test]
    fn a_damaged_answer_is_asked_again() {
        let mut s = Settings::default();
        s.remembered.insert(
            EDIT_CHOICE_KEY.to_string(),
            serde_json::json!({"children": "sideways"}),
        );
        assert_eq!(remembered_choice(&s), None);
    }
}
