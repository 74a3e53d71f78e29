//! What the dashboard keeps between clicks while the data stays the same (see
//! [`Workspace::memo`]): the period navigation of each period key. A year's picker offers the
//! fiscal years from the first actual day on, which the engine reads from the day sums; a click
//! on another unit of the same year (or back to the company) reuses the answer.
//!
//! [`Workspace::memo`]: crate::store::Workspace::memo

use crate::error::Result;
use crate::store::Workspace;
use crate::variance::{Engine, PeriodNav};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Mutex;

/// The navigation of each (as-of day, period key) asked for since the data last changed.
#[derive(Default)]
struct KeptNav(Mutex<HashMap<(NaiveDate, String), PeriodNav>>);

/// The engine's [`Engine::period_nav`] of `period`, worked out once per key while the data stays
/// the same (the as-of day is part of the key: "today" moves without a write).
pub(super) fn period_nav(ws: &Workspace, engine: &Engine, period: &str) -> Result<PeriodNav> {
    let kept = ws.memo(|_| Ok(KeptNav::default()))?;
    let key = (engine.as_of, period.to_string());
    let lock = || kept.0.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(nav) = lock().get(&key) {
        return Ok(nav.clone());
    }
    let nav = engine.period_nav(period)?;
    lock().insert(key, nav.clone());
    Ok(nav)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept navigation is the engine's own, and a new plan year (a write) is seen at once.
    #[test]
    fn the_kept_navigation_equals_the_engines_and_follows_a_new_plan_year() {
        let ws = crate::demo::in_memory();
        let engine = Engine::new(&ws).unwrap();
        for key in ["2026", "2026-10", "2026-Q4", "2026-W42", "2026-YTD"] {
            let kept = period_nav(&ws, &engine, key).unwrap();
            assert_eq!(kept, engine.period_nav(key).unwrap(), "{key}");
            assert_eq!(period_nav(&ws, &engine, key).unwrap(), kept, "{key}");
        }
        let before = period_nav(&ws, &engine, "2026").unwrap();
        let last: i32 = before.choices.last().unwrap().parse().unwrap();
        ws.conn()
            .execute_batch(&format!(
                "INSERT OR IGNORE INTO fiscal_year(year, start_month) VALUES ({y}, 1);
                 INSERT INTO target_set(fiscal_year, name) VALUES ({y}, 'next');",
                y = last + 1
            ))
            .unwrap();
        let engine = Engine::new(&ws).unwrap();
        let after = period_nav(&ws, &engine, "2026").unwrap();
        assert_eq!(after.choices.last().unwrap(), &(last + 1).to_string());
    }
}
