//! Working days numbered from a plan's first working day: the scheduler works on these integer
//! indices and converts to dates only at the edges.

use crate::calendar::WorkCalendar;
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::{Duration, NaiveDate};

/// The longest plan the scheduler accepts, in working days (about 380 years of weekdays).
pub const MAX_SPAN_DAYS: i64 = 100_000;

/// Working days from `origin` onwards; index 0 is the first working day on or after the plan start.
pub struct WorkDays<'a> {
    cal: &'a WorkCalendar,
    days: Vec<NaiveDate>,
}

fn too_long() -> Error {
    Error::new(
        Code::PlanTooLong,
        format!("计划跨度超过 {MAX_SPAN_DAYS} 个工作日，请检查工期和延隔时间"),
        format!(
            "The plan spans more than {MAX_SPAN_DAYS} working days; check the durations and lags"
        ),
    )
}

impl<'a> WorkDays<'a> {
    /// Starts at the first working day on or after `start`.
    pub fn new(cal: &'a WorkCalendar, start: NaiveDate) -> Result<Self> {
        let mut d = start;
        // A calendar without a working day in a whole year cannot schedule anything.
        for _ in 0..=366 {
            if cal.is_working_day(d) {
                return Ok(WorkDays { cal, days: vec![d] });
            }
            d = d.succ_opt().ok_or_else(too_long)?;
        }
        Err(Error::new(
            Code::CalendarNoWorkingDay,
            format!("日历在 {start} 之后一年内没有任何工作日"),
            format!("The calendar has no working day in the year after {start}"),
        ))
    }

    pub fn origin(&self) -> NaiveDate {
        self.days[0]
    }

    fn push_next(&mut self) -> Result<()> {
        if self.days.len() as i64 > MAX_SPAN_DAYS {
            return Err(too_long());
        }
        let mut d = *self.days.last().expect("never empty");
        for _ in 0..=366 {
            d = d
                .checked_add_signed(Duration::days(1))
                .ok_or_else(too_long)?;
            if self.cal.is_working_day(d) {
                self.days.push(d);
                return Ok(());
            }
        }
        Err(too_long())
    }

    /// Makes sure index `i` has a date.
    pub fn reach(&mut self, i: i64) -> Result<()> {
        if i > MAX_SPAN_DAYS {
            return Err(too_long());
        }
        while (self.days.len() as i64) <= i {
            self.push_next()?;
        }
        Ok(())
    }

    /// Index of the first working day on or after `d` (0 for any day before the origin).
    pub fn index_on_or_after(&mut self, d: NaiveDate) -> Result<i64> {
        while *self.days.last().expect("never empty") < d {
            self.push_next()?;
        }
        Ok(self.days.partition_point(|x| *x < d) as i64)
    }

    /// The date of working day `i` (`i` ≥ 0).
    pub fn date(&mut self, i: i64) -> Result<NaiveDate> {
        let i = i.max(0);
        self.reach(i)?;
        Ok(self.days[i as usize])
    }
}

/// Signed distance in working days from `from` to `to`: the working days in `(from, to]` when
/// `to` is later, minus those in `(to, from]` when it is earlier. Moving a finish from a Friday to
/// the next Monday is a slip of 1 on a Monday–Friday calendar.
pub fn working_day_shift(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
    if to > from {
        cal.working_days(from + Duration::days(1), to)
    } else if to < from {
        -cal.working_days(to + Duration::days(1), from)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn indexes_skip_holidays_and_count_adjusted_days() {
        let cal = WorkCalendar::cn();
        // Starting on a Saturday: the first working day is Monday 2026-09-28.
        let mut wd = WorkDays::new(&cal, d("2026-09-26")).unwrap();
        assert_eq!(wd.origin(), d("2026-09-28"));
        // 09-28, 09-29, 09-30, then National Day until 10-08 (Thu), 10-09, 10-10 (Saturday worked).
        assert_eq!(wd.date(3).unwrap(), d("2026-10-08"));
        assert_eq!(wd.date(5).unwrap(), d("2026-10-10"));
        assert_eq!(wd.index_on_or_after(d("2026-10-01")).unwrap(), 3);
        assert_eq!(wd.index_on_or_after(d("2026-09-01")).unwrap(), 0);
        assert_eq!(working_day_shift(&cal, d("2026-09-30"), d("2026-10-08")), 1);
        assert_eq!(
            working_day_shift(&cal, d("2026-10-10"), d("2026-09-29")),
            -4
        );
    }

    #[test]
    fn a_plan_too_long_is_refused() {
        let cal = WorkCalendar::all_days();
        let mut wd = WorkDays::new(&cal, d("2026-01-01")).unwrap();
        assert_eq!(
            wd.date(MAX_SPAN_DAYS + 1).unwrap_err().code,
            "plan_too_long"
        );
    }
}
