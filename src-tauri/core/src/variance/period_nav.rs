//! Moving between periods on the dashboard: the period before and after a period of the same
//! kind (2026-Q4 ← 2026-Q3, 2026-01 ← 2025-12, 2026-W01 ← 2025-W52), and the periods of that
//! kind a picker offers (the months, quarters, halves or weeks of its fiscal year; the fiscal
//! years that have data or a plan).

use super::store::catalog as store;
use super::Engine;
use crate::calendar::periods::{parse_period, period_containing, periods_in_range, PeriodKind};
use crate::calendar::FiscalYear;
use crate::error::Result;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodNav {
    /// The period as it is written everywhere (`2026-Q4`).
    pub key: String,
    /// `year`, `half`, `quarter`, `month`, `week` or `ytd`.
    pub kind: &'static str,
    /// The period of the same kind just before and just after (None for year to date).
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Every period of the kind the picker offers, in order; the key is among them.
    pub choices: Vec<String>,
}

fn kind_code(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Year => "year",
        PeriodKind::Half => "half",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Month => "month",
        PeriodKind::Week => "week",
        PeriodKind::Day => "day",
    }
}

impl Engine<'_> {
    /// The fiscal years a picker offers: from the first with actuals or a plan to the last plan
    /// (and at least the year of the as-of day).
    fn fiscal_years(&self) -> Result<(i32, i32)> {
        let now = FiscalYear::containing(self.as_of, self.fiscal_start_month).year;
        let first_actual = store::first_actual_day(self.conn)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .map(|d| FiscalYear::containing(d, self.fiscal_start_month).year);
        let (first_plan, last_plan) = store::plan_years(self.conn)?;
        let first = [Some(now), first_actual, first_plan]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(now);
        let last = last_plan.map_or(now, |l| l.max(now));
        Ok((first, last))
    }

    /// Where the arrows and the picker lead from `key`.
    pub fn period_nav(&self, key: &str) -> Result<PeriodNav> {
        let key = self.period_key(key)?;
        if key.ends_with("-YTD") {
            return Ok(PeriodNav {
                choices: vec![key.clone()],
                key,
                kind: "ytd",
                previous: None,
                next: None,
            });
        }
        let sm = self.fiscal_start_month;
        let p = parse_period(&key, sm)?;
        let around = |d: Option<NaiveDate>| -> Result<Option<String>> {
            d.map(|d| period_containing(d, p.kind, sm).map(|x| x.key))
                .transpose()
        };
        let previous = around(p.start.checked_sub_signed(Duration::days(1)))?;
        let next = around(p.end.checked_add_signed(Duration::days(1)))?;
        let choices = if p.kind == PeriodKind::Year {
            let (first, last) = self.fiscal_years()?;
            let this: i32 = key.parse().unwrap_or(first);
            (first.min(this)..=last.max(this))
                .map(|y| y.to_string())
                .collect()
        } else {
            // A week belongs where its Thursday is (ISO), so 2026-W01 is in 2026.
            let inside = if p.kind == PeriodKind::Week {
                p.start + Duration::days(3)
            } else {
                p.start
            };
            let fy = FiscalYear::containing(inside, sm);
            let mut keys: Vec<String> = periods_in_range(fy.start(), fy.end(), p.kind, sm)?
                .into_iter()
                .map(|x| x.key)
                .collect();
            keys.dedup();
            if !keys.contains(&key) {
                // A week starting before the fiscal year: offer it where it falls.
                keys.insert(0, key.clone());
            }
            keys
        };
        Ok(PeriodNav {
            key,
            kind: kind_code(p.kind),
            previous,
            next,
            choices,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::variance::Engine;

    #[test]
    fn arrows_and_choices_of_every_kind() {
        let ws = crate::demo::in_memory();
        let e = Engine::new(&ws).unwrap();
        let nav = |k: &str| {
            let n = e.period_nav(k).unwrap();
            (n.kind, n.previous, n.next, n.choices)
        };
        let (kind, prev, next, choices) = nav("2026-q4");
        assert_eq!(
            (kind, prev.as_deref(), next.as_deref()),
            ("quarter", Some("2026-Q3"), Some("2027-Q1"))
        );
        assert_eq!(choices, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
        let (kind, prev, next, choices) = nav("2026-01");
        assert_eq!(
            (kind, prev.as_deref(), next.as_deref()),
            ("month", Some("2025-12"), Some("2026-02"))
        );
        assert_eq!(choices.len(), 12);
        assert_eq!(
            (choices[0].as_str(), choices[11].as_str()),
            ("2026-01", "2026-12")
        );
        let (kind, prev, next, choices) = nav("2026-W01");
        assert_eq!(
            (kind, prev.as_deref(), next.as_deref()),
            ("week", Some("2025-W52"), Some("2026-W02"))
        );
        // 2025-12-29 .. 2026-12-31: W01 to W53.
        assert_eq!(
            (choices.first().map(String::as_str), choices.len()),
            (Some("2026-W01"), 53)
        );
        let (kind, prev, next, choices) = nav("2026");
        assert_eq!(
            (kind, prev.as_deref(), next.as_deref()),
            ("year", Some("2025"), Some("2027"))
        );
        // The demo's actuals and plan are 2026 only.
        assert_eq!(choices, ["2026"]);
        assert_eq!(nav("2025").3, ["2025", "2026"]);
        let (kind, prev, next, _) = nav("2026-H2");
        assert_eq!(
            (kind, prev.as_deref(), next.as_deref()),
            ("half", Some("2026-H1"), Some("2027-H1"))
        );
        let (kind, prev, next, choices) = nav("2026-YTD");
        assert_eq!(
            (kind, prev, next, choices),
            ("ytd", None, None, vec!["2026-YTD".to_string()])
        );
        assert_eq!(e.period_nav("2026-Q5").unwrap_err().code, "bad_period");
    }
}
