//! Working-day calendar: weekends, public holidays and adjusted working days (调休), plus
//! fiscal years that may start in any month.

mod holidays_cn;
pub mod periods;
pub mod workspace;

pub use holidays_cn::{cn_holiday_entries, HolidayEntry, HolidayKind};
pub use periods::{parse_period, period_containing, periods_in_range, Period, PeriodKind};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// A calendar of exceptions over the Monday–Friday week (or over a week where every day works).
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    exceptions: BTreeMap<NaiveDate, HolidayKind>,
    /// Every day of the week is a working day (before exceptions).
    all_days: bool,
}

impl WorkCalendar {
    /// Monday to Friday, no holidays.
    pub fn weekdays() -> Self {
        Self::default()
    }

    /// Every calendar day is a working day (plans that run through weekends).
    pub fn all_days() -> Self {
        WorkCalendar {
            exceptions: BTreeMap::new(),
            all_days: true,
        }
    }

    /// The official mainland-China calendar shipped with the app (2025 and 2026).
    pub fn cn() -> Self {
        Self::from_entries(cn_holiday_entries())
    }

    pub fn from_entries<'a>(entries: impl IntoIterator<Item = &'a HolidayEntry>) -> Self {
        let exceptions = entries.into_iter().map(|e| (e.date, e.kind)).collect();
        WorkCalendar {
            exceptions,
            all_days: false,
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.exceptions.get(&d) {
            Some(HolidayKind::Holiday) => false,
            Some(HolidayKind::Workday) => true,
            None => self.all_days || !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Working days in the closed range `from..=to` (0 when `to < from`).
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return 0;
        }
        let days = (to - from).num_days() + 1;
        if self.all_days && self.exceptions.is_empty() {
            return days;
        }
        let full_weeks = days / 7;
        // Whole weeks hold five weekdays; the remainder is counted day by day.
        let mut count = full_weeks * if self.all_days { 7 } else { 5 };
        let mut d = from + Duration::days(full_weeks * 7);
        while d <= to {
            if self.all_days || !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                count += 1;
            }
            d += Duration::days(1);
        }
        for (date, kind) in self.exceptions.range(from..=to) {
            let weekend = !self.all_days && matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            match (kind, weekend) {
                (HolidayKind::Holiday, false) => count -= 1,
                (HolidayKind::Workday, true) => count += 1,
                _ => {}
            }
        }
        count
    }
}

/// A fiscal year, named by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalYear {
    pub year: i32,
    pub start_month: u32,
}

impl FiscalYear {
    pub fn new(year: i32, start_month: u32) -> Self {
        assert!((1..=12).contains(&start_month), "start month 1..=12");
        FiscalYear { year, start_month }
    }

    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.start_month, 1).expect("valid month")
    }

    pub fn end(&self) -> NaiveDate {
        FiscalYear::new(self.year + 1, self.start_month).start() - Duration::days(1)
    }

    /// The fiscal year (with this start month) that contains `d`.
    pub fn containing(d: NaiveDate, start_month: u32) -> Self {
        let year = if d.month() >= start_month {
            d.year()
        } else {
            d.year() - 1
        };
        FiscalYear::new(year, start_month)
    }
}

/// Elapsed share of a period in working days, as basis points of the whole (10000 = 100%).
/// `as_of` counts as elapsed. Before the period 0, after it 10000.
pub fn time_progress_bp(
    cal: &WorkCalendar,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> i64 {
    let total = cal.working_days(from, to);
    if total == 0 {
        return if as_of >= to { 10_000 } else { 0 };
    }
    let elapsed = cal.working_days(from, as_of.min(to));
    crate::ratio_bp(elapsed as i128, total as i128)
}

/// A day written as the workspace stores days, `YYYY-MM-DD`: read digit by digit when it has
/// that exact shape (the hot loops read hundreds of thousands), else as chrono reads
/// `%Y-%m-%d`, so the answer is chrono's either way.
pub fn iso_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick reading agrees with chrono's `%Y-%m-%d` on well-formed, impossible and odd days.
    #[test]
    fn iso_days_read_as_chrono_reads_them() {
        for s in [
            "2026-01-01",
            "2026-12-31",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "0001-01-01",
            "9999-12-31",
            "2026-1-5",
            "2026-01-5",
            "+2026-01-01",
            "2026/01/01",
            "2026-01-0x",
            "2026-01-01 ",
            " 2026-01-01",
            "",
            "20260101",
            "2026-06-15",
        ] {
            assert_eq!(
                iso_day(s),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{s:?}"
            );
        }
        let mut d = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        while d.year() < 2030 {
            assert_eq!(iso_day(&d.format("%Y-%m-%d").to_string()), Some(d));
            d += Duration::days(1);
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn counts_weekdays_without_holidays() {
        let cal = WorkCalendar::weekdays();
        assert_eq!(cal.working_days(d("2026-01-01"), d("2026-12-31")), 261);
        assert_eq!(cal.working_days(d("2026-03-02"), d("2026-03-08")), 5);
        assert_eq!(cal.working_days(d("2026-03-07"), d("2026-03-08")), 0);
        assert_eq!(cal.working_days(d("2026-03-08"), d("2026-03-07")), 0);
    }

    #[test]
    fn all_days_calendar_counts_every_day() {
        let cal = WorkCalendar::all_days();
        assert!(cal.is_working_day(d("2026-03-07")));
        assert_eq!(cal.working_days(d("2026-03-02"), d("2026-03-08")), 7);
        assert_eq!(cal.working_days(d("2026-01-01"), d("2026-12-31")), 365);
    }

    #[test]
    fn china_2026_has_official_working_days() {
        let cal = WorkCalendar::cn();
        // 2026: 261 weekdays, 13 weekday holidays... counted from the official notice:
        // New Year 1/1-1/3 (Thu, Fri off; 1/4 Sun worked), Spring Festival 2/15-2/23 (2/16-2/20, 2/23 off;
        // 2/14 and 2/28 Sat worked), Qingming 4/4-4/6 (4/6 off), Labour Day 5/1-5/5 (5/1, 5/4, 5/5 off;
        // 5/9 Sat worked), Dragon Boat 6/19-6/21 (6/19 off), Mid-Autumn 9/25-9/27 (9/25 off),
        // National Day 10/1-10/7 (10/1,2,5,6,7 off; 9/20 Sun and 10/10 Sat worked).
        assert!(!cal.is_working_day(d("2026-01-01")));
        assert!(cal.is_working_day(d("2026-01-04")));
        assert!(!cal.is_working_day(d("2026-02-16")));
        assert!(cal.is_working_day(d("2026-02-14")));
        assert!(cal.is_working_day(d("2026-10-10")));
        assert_eq!(
            cal.working_days(d("2026-01-01"), d("2026-12-31")),
            261 - 19 + 6
        );
        assert_eq!(
            cal.working_days(d("2026-10-01"), d("2026-10-31")),
            22 - 5 + 1
        );
    }

    #[test]
    fn china_2025_matches_the_notice() {
        let cal = WorkCalendar::cn();
        assert!(!cal.is_working_day(d("2025-01-28")));
        assert!(cal.is_working_day(d("2025-01-26")));
        assert!(cal.is_working_day(d("2025-02-08")));
        assert!(!cal.is_working_day(d("2025-10-08")));
        assert!(cal.is_working_day(d("2025-09-28")));
        assert!(cal.is_working_day(d("2025-10-11")));
    }

    #[test]
    fn fiscal_years_start_in_any_month() {
        let fy = FiscalYear::containing(d("2026-02-10"), 4);
        assert_eq!(fy.year, 2025);
        assert_eq!(fy.start(), d("2025-04-01"));
        assert_eq!(fy.end(), d("2026-03-31"));
        let cy = FiscalYear::new(2026, 1);
        assert_eq!((cy.start(), cy.end()), (d("2026-01-01"), d("2026-12-31")));
    }

    #[test]
    fn time_progress_counts_working_days() {
        let cal = WorkCalendar::weekdays();
        // March 2026: 22 weekdays; up to Friday the 6th: 5 of them.
        assert_eq!(
            time_progress_bp(&cal, d("2026-03-01"), d("2026-03-31"), d("2026-03-06")),
            2273
        );
        assert_eq!(
            time_progress_bp(&cal, d("2026-03-01"), d("2026-03-31"), d("2026-02-01")),
            0
        );
        assert_eq!(
            time_progress_bp(&cal, d("2026-03-01"), d("2026-03-31"), d("2026-05-01")),
            10_000
        );
    }
}
