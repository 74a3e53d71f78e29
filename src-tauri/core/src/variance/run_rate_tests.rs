//! Run-rate figures against an independent count: working days day by day from the stored
//! calendar (weekends off, holidays off, adjusted working days on) and actuals summed in SQL.

use super::*;
use crate::demo::in_memory as demo;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashMap;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Working days in `from..=to`, read straight from the calendar table.
fn working_days(ws: &crate::store::Workspace, from: NaiveDate, to: NaiveDate) -> i64 {
    let kinds: HashMap<String, String> = ws
        .conn()
        .prepare("SELECT date, kind FROM calendar_day")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut n = 0;
    let mut day = from;
    while day <= to {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        n += match kinds.get(&day.to_string()).map(String::as_str) {
            Some("holiday") => 0,
            Some("workday") => 1,
            _ => i64::from(!weekend),
        };
        day += Duration::days(1);
    }
    n
}

/// Revenue of the people of team `team` over `from..=to`, in fen.
fn team_actual(ws: &crate::store::Workspace, team: &str, from: NaiveDate, to: NaiveDate) -> i64 {
    ws.conn()
        .query_row(
            "SELECT IFNULL(SUM(a.amount), 0) FROM actual a JOIN org_unit p ON p.id = a.person_id
             JOIN org_unit t ON t.id = p.parent_id WHERE t.name = ?1 AND a.date BETWEEN ?2 AND ?3
             AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            rusqlite::params![team, from.to_string(), to.to_string()],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn required_run_rate_per_tier_matches_the_calendar_and_the_rows() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    assert_eq!(e.as_of, d("2026-10-15"));
    let q = VarianceQuery::new("revenue", "/华东", "2026-Q4");
    let report = e.variance(&q).unwrap();
    let rates = e.run_rates(&q, &report).unwrap();
    assert_eq!(rates.len(), 1 + report.figures.children.len());
    assert_eq!(rates[0].path, "/华东");
    let elapsed = working_days(&ws, d("2026-10-01"), d("2026-10-15"));
    let remaining_days = working_days(&ws, d("2026-10-16"), d("2026-12-31"));
    // 2026's National Day holiday (10-01..10-07) leaves few working days in early October.
    assert!(
        elapsed < 11 && remaining_days > 50,
        "{elapsed} {remaining_days}"
    );
    let team = rates.iter().find(|r| r.name == "华东一组").unwrap();
    let actual = team_actual(&ws, "华东一组", d("2026-10-01"), d("2026-10-15"));
    assert_eq!(team.actual, actual);
    assert_eq!(
        (team.elapsed_days, team.remaining_days),
        (elapsed, remaining_days)
    );
    assert_eq!(
        team.current_per_day,
        Some((actual * 2 + elapsed) / (2 * elapsed))
    );
    // The best month of 2026 so far, per working day, from the rows.
    let mut best = (0i64, String::new());
    for m in 1..=10u32 {
        let from = NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        let end = (from + Duration::days(32)).with_day(1).unwrap() - Duration::days(1);
        let to = end.min(d("2026-10-15"));
        let days = working_days(&ws, from, to);
        if days < BEST_MONTH_MIN_DAYS {
            continue;
        }
        let per_day = (team_actual(&ws, "华东一组", from, to) * 2 + days) / (2 * days);
        if per_day > best.0 {
            best = (per_day, from.format("%Y-%m").to_string());
        }
    }
    assert_eq!(team.best_per_day, Some(best.0));
    assert_eq!(team.best_month.as_deref(), Some(best.1.as_str()));
    let target = report
        .figures
        .children
        .iter()
        .find(|c| c.name == "华东一组")
        .unwrap()
        .target
        .unwrap();
    let tiers: Vec<&str> = team.tiers.iter().map(|t| t.tier).collect();
    assert_eq!(tiers, ["floor", "base", "challenge"]);
    for (t, value) in team
        .tiers
        .iter()
        .zip([target.floor, target.base, target.challenge])
    {
        let remaining = (value - actual).max(0);
        assert_eq!((t.target, t.remaining), (value, remaining), "{}", t.tier);
        assert_eq!(
            t.needed_per_day,
            Some((remaining + remaining_days - 1) / remaining_days),
            "{}",
            t.tier
        );
        assert_eq!(
            t.reachable,
            best.0 * remaining_days >= remaining,
            "{}",
            t.tier
        );
    }
    // A finished period leaves no working day: a tier still open cannot be reached.
    let q3 = VarianceQuery::new("revenue", "/华东", "2026-Q3");
    let past = e.run_rates(&q3, &e.variance(&q3).unwrap()).unwrap();
    assert_eq!(past[0].remaining_days, 0);
    for t in &past[0].tiers {
        assert_eq!(t.needed_per_day.is_some(), t.remaining == 0, "{t:?}");
    }
}
