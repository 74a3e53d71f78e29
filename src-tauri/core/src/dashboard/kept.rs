//! What the dashboard keeps between clicks while the data stays the same (see
//! [`Workspace::memo`]): the period navigation of each period key (a year's picker offers the
//! fiscal years from the first actual day on, which the engine reads from the day sums) and the
//! funnel of each node (its deals), so a click on another period or back to a unit reuses them.
//!
//! [`Workspace::memo`]: crate::store::Workspace::memo

use crate::error::Result;
use crate::store::Workspace;
use crate::variance::{Engine, Funnel, PeriodNav};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Answers by key, built once each while the data stays the same.
struct Answers<K, V>(Mutex<HashMap<K, V>>);

impl<K, V> Default for Answers<K, V> {
    fn default() -> Self {
        Answers(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone> Answers<K, V> {
    fn get_or(&self, key: K, build: impl FnOnce() -> Result<V>) -> Result<V> {
        let lock = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = lock().get(&key) {
            return Ok(v.clone());
        }
        let v = build()?;
        lock().insert(key, v.clone());
        Ok(v)
    }
}

/// The navigation of each (as-of day, period key) asked for since the data last changed.
#[derive(Default)]
struct KeptNav(Answers<(NaiveDate, String), PeriodNav>);

/// The funnel of each (as-of day, node path) asked for since the data last changed.
#[derive(Default)]
struct KeptFunnel(Answers<(NaiveDate, String), Funnel>);

/// The engine's [`Engine::period_nav`] of `period`, worked out once per key while the data stays
/// the same (the as-of day is part of the key: "today" moves without a write).
pub(super) fn period_nav(ws: &Workspace, engine: &Engine, period: &str) -> Result<PeriodNav> {
    let kept = ws.memo(|_| Ok(KeptNav::default()))?;
    kept.0.get_or((engine.as_of, period.to_string()), || {
        engine.period_nav(period)
    })
}

/// The engine's [`Engine::funnel`] of `node` (its deals read again only after a change), the
/// same way: every period of a node shows the same funnel.
pub(super) fn funnel(ws: &Workspace, engine: &Engine, node: &str) -> Result<Funnel> {
    let kept = ws.memo(|_| Ok(KeptFunnel::default()))?;
    kept.0
        .get_or((engine.as_of, node.to_string()), || engine.funnel(node))
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
        // The funnel: the engine's; a deal of 华东 moved past the as-of day leaves it at once.
        let kept = funnel(&ws, &engine, "/华东").unwrap();
        assert_eq!(kept, engine.funnel("/华东").unwrap());
        assert_eq!(funnel(&ws, &engine, "/华东").unwrap(), kept);
        ws.conn()
            .execute(
                "UPDATE deal SET created_on = '2099-01-01' WHERE id = (SELECT MIN(d.id) FROM deal d
                 JOIN org_unit p ON p.id = d.owner_id JOIN org_unit t ON t.id = p.parent_id
                 JOIN org_unit r ON r.id = t.parent_id WHERE r.name = '华东')",
                [],
            )
            .unwrap();
        let engine = Engine::new(&ws).unwrap();
        let again = funnel(&ws, &engine, "/华东").unwrap();
        assert_eq!(again.stages[0].reached, kept.stages[0].reached - 1);
        assert_eq!(again, engine.funnel("/华东").unwrap());
    }
}
