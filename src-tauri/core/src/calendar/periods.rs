//! Fiscal periods: year, half, quarter, month, ISO week and day, for a fiscal year starting in
//! any month. Keys: "2026" (fiscal year named by its start year), "2026-H1", "2026-Q1" (fiscal
//! halves and quarters), "2026-03" (calendar month), "2026-W14" (ISO week), "2026-03-02" (day).

use super::{FiscalYear, WorkCalendar};
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Period granularities, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    Year,
    Half,
    Quarter,
    Month,
    Week,
    Day,
}

impl PeriodKind {
    pub fn parse(s: &str) -> Result<PeriodKind> {
        Ok(match s {
            "year" => PeriodKind::Year,
            "half" => PeriodKind::Half,
            "quarter" => PeriodKind::Quarter,
            "month" => PeriodKind::Month,
            "week" => PeriodKind::Week,
            "day" => PeriodKind::Day,
            _ => {
                return Err(Error::new(
                    Code::BadPeriodKind,
                    format!("期间粒度“{s}”无效：应为 year、half、quarter、month、week 或 day"),
                    format!(
                    "Invalid period kind \"{s}\": expected year, half, quarter, month, week or day"
                ),
                ))
            }
        })
    }
}

/// One period. `start..=end` may be clipped to a parent's bounds (a week that crosses a month
/// boundary keeps its own key but only the days inside the month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub key: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn bad_key(key: &str) -> Error {
    Error::new(
        Code::BadPeriod,
        format!("期间“{key}”无效：应形如 2026、2026-H1、2026-Q1、2026-03、2026-W14 或 2026-03-02"),
        format!(
            "Invalid period \"{key}\": expected 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W14 or 2026-03-02"
        ),
    )
}

fn bad_start_month(m: u32) -> Error {
    Error::new(
        Code::BadFiscalStart,
        format!("财年起始月“{m}”无效：应为 1 到 12"),
        format!("Invalid fiscal start month {m}: expected 1 to 12"),
    )
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

fn fiscal_part(
    year: i32,
    start_month: u32,
    months: u32,
    index: u32,
) -> Option<(NaiveDate, NaiveDate)> {
    let fy_start = NaiveDate::from_ymd_opt(year, start_month, 1)?;
    let start = fy_start.checked_add_months(Months::new(months * (index - 1)))?;
    let end = start.checked_add_months(Months::new(months))? - Duration::days(1);
    Some((start, end))
}

/// Reads a period key into its bounds, for a fiscal year starting in `start_month`.
pub fn parse_period(key: &str, start_month: u32) -> Result<Period> {
    if !(1..=12).contains(&start_month) {
        return Err(bad_start_month(start_month));
    }
    let bad = || bad_key(key);
    let k = key.trim();
    let (year_text, rest) = match k.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (k, None),
    };
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let year: i32 = year_text.parse().map_err(|_| bad())?;
    let number = |s: &str, max: u32| -> Result<u32> {
        let n: u32 = s
            .parse()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(bad)?;
        if n == 0 || n > max {
            return Err(bad());
        }
        Ok(n)
    };
    let (kind, start, end) = match rest {
        None => {
            let fy = FiscalYear::new(year, start_month);
            (PeriodKind::Year, fy.start(), fy.end())
        }
        Some(r) if r.starts_with('H') || r.starts_with('Q') => {
            let (kind, months, max) = if r.starts_with('H') {
                (PeriodKind::Half, 6, 2)
            } else {
                (PeriodKind::Quarter, 3, 4)
            };
            let n = number(&r[1..], max)?;
            let (s, e) = fiscal_part(year, start_month, months, n).ok_or_else(bad)?;
            (kind, s, e)
        }
        Some(r) if r.starts_with('W') => {
            let w = number(&r[1..], 53)?;
            let s = NaiveDate::from_isoywd_opt(year, w, Weekday::Mon).ok_or_else(bad)?;
            (PeriodKind::Week, s, s + Duration::days(6))
        }
        Some(r) => match r.split_once('-') {
            None if r.len() == 2 => {
                let m = number(r, 12)?;
                let s = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad)?;
                (PeriodKind::Month, s, add_months(s, 1) - Duration::days(1))
            }
            Some((m, d)) if m.len() == 2 && d.len() == 2 => {
                let day = NaiveDate::from_ymd_opt(year, number(m, 12)?, number(d, 31)?)
                    .ok_or_else(bad)?;
                (PeriodKind::Day, day, day)
            }
            _ => return Err(bad()),
        },
    };
    Ok(Period {
        kind,
        key: k.to_string(),
        start,
        end,
    })
}

/// The whole (unclipped) period of `kind` that contains `d`.
pub fn period_containing(d: NaiveDate, kind: PeriodKind, start_month: u32) -> Result<Period> {
    if !(1..=12).contains(&start_month) {
        return Err(bad_start_month(start_month));
    }
    let fy = FiscalYear::containing(d, start_month);
    // Months since the fiscal year began, 0..12.
    let offset = (d.year() - fy.year) as u32 * 12 + d.month() - start_month;
    let (key, start, end) = match kind {
        PeriodKind::Year => (fy.year.to_string(), fy.start(), fy.end()),
        PeriodKind::Half | PeriodKind::Quarter => {
            let (months, letter) = if kind == PeriodKind::Half {
                (6, 'H')
            } else {
                (3, 'Q')
            };
            let n = offset / months + 1;
            let start = add_months(fy.start(), months * (n - 1));
            let end = add_months(start, months) - Duration::days(1);
            (format!("{}-{letter}{n}", fy.year), start, end)
        }
        PeriodKind::Month => {
            let start = d.with_day(1).unwrap_or(d);
            let end = add_months(start, 1) - Duration::days(1);
            (format!("{}-{:02}", d.year(), d.month()), start, end)
        }
        PeriodKind::Week => {
            let iso = d.iso_week();
            let start = d - Duration::days(d.weekday().num_days_from_monday() as i64);
            (
                format!("{}-W{:02}", iso.year(), iso.week()),
                start,
                start + Duration::days(6),
            )
        }
        PeriodKind::Day => (d.format("%Y-%m-%d").to_string(), d, d),
    };
    Ok(Period {
        kind,
        key,
        start,
        end,
    })
}

/// The periods of `kind` that overlap `from..=to`, in order, each clipped to the range.
pub fn periods_in_range(
    from: NaiveDate,
    to: NaiveDate,
    kind: PeriodKind,
    start_month: u32,
) -> Result<Vec<Period>> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let mut p = period_containing(d, kind, start_month)?;
        let next = p.end.succ_opt();
        p.start = p.start.max(from);
        p.end = p.end.min(to);
        out.push(p);
        match next {
            Some(n) => d = n,
            None => break,
        }
    }
    Ok(out)
}

impl Period {
    /// The child periods of a finer `kind`, clipped to this period (a week crossing a month's
    /// boundary appears in both months with its days on each side).
    pub fn children(&self, kind: PeriodKind, start_month: u32) -> Result<Vec<Period>> {
        if kind <= self.kind {
            return Err(Error::new(
                Code::BadChildPeriod,
                format!("期间“{}”不能再拆分为更粗或相同的粒度", self.key),
                format!(
                    "Period \"{}\" cannot be split into a coarser or equal granularity",
                    self.key
                ),
            ));
        }
        periods_in_range(self.start, self.end, kind, start_month)
    }

    /// Working days inside this (possibly clipped) period.
    pub fn working_days(&self, cal: &WorkCalendar) -> i64 {
        cal.working_days(self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn bounds(key: &str, sm: u32) -> (NaiveDate, NaiveDate) {
        let p = parse_period(key, sm).unwrap();
        (p.start, p.end)
    }

    #[test]
    fn parses_every_key_form() {
        assert_eq!(bounds("2026", 1), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(bounds("2026", 4), (d("2026-04-01"), d("2027-03-31")));
        assert_eq!(bounds("2026-H2", 4), (d("2026-10-01"), d("2027-03-31")));
        assert_eq!(bounds("2026-Q1", 1), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!(bounds("2026-Q4", 4), (d("2027-01-01"), d("2027-03-31")));
        assert_eq!(bounds("2026-02", 4), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(bounds("2024-02", 1), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(bounds("2026-W14", 1), (d("2026-03-30"), d("2026-04-05")));
        assert_eq!(bounds("2026-W01", 1), (d("2025-12-29"), d("2026-01-04")));
        assert_eq!(bounds("2026-03-02", 1), (d("2026-03-02"), d("2026-03-02")));
        assert_eq!(parse_period("2026-W14", 1).unwrap().kind, PeriodKind::Week);
    }

    #[test]
    fn refuses_bad_keys() {
        for k in [
            "",
            "26",
            "2026-Q5",
            "2026-H0",
            "2026-13",
            "2026-02-30",
            "2026-W54",
            "2026-x",
            "2026-W+1",
        ] {
            assert_eq!(parse_period(k, 1).unwrap_err().code, "bad_period", "{k}");
        }
        assert_eq!(
            parse_period("2026", 13).unwrap_err().code,
            "bad_fiscal_start"
        );
    }

    #[test]
    fn keys_round_trip_through_containing() {
        let p = period_containing(d("2027-02-10"), PeriodKind::Quarter, 4).unwrap();
        assert_eq!(p.key, "2026-Q4");
        let h = period_containing(d("2026-09-30"), PeriodKind::Half, 4).unwrap();
        assert_eq!((h.key.as_str(), h.end), ("2026-H1", d("2026-09-30")));
        let w = period_containing(d("2026-01-01"), PeriodKind::Week, 1).unwrap();
        assert_eq!(w.key, "2026-W01");
        for key in [
            "2026",
            "2026-H2",
            "2026-Q3",
            "2026-07",
            "2026-W30",
            "2026-07-21",
        ] {
            let p = parse_period(key, 7).unwrap();
            assert_eq!(period_containing(p.start, p.kind, 7).unwrap(), p, "{key}");
        }
    }

    #[test]
    fn lists_children_clipped_to_the_parent() {
        let year = parse_period("2026", 4).unwrap();
        let quarters: Vec<String> = year
            .children(PeriodKind::Quarter, 4)
            .unwrap()
            .into_iter()
            .map(|p| p.key)
            .collect();
        assert_eq!(quarters, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
        assert_eq!(year.children(PeriodKind::Month, 4).unwrap().len(), 12);
        // March 2026 starts on a Sunday: week 9 holds only the 1st, week 14 only 30th-31st.
        let march = parse_period("2026-03", 1).unwrap();
        let weeks = march.children(PeriodKind::Week, 1).unwrap();
        assert_eq!(weeks.len(), 6);
        assert_eq!(
            (weeks[0].key.as_str(), weeks[0].start, weeks[0].end),
            ("2026-W09", d("2026-03-01"), d("2026-03-01"))
        );
        assert_eq!(
            (weeks[5].key.as_str(), weeks[5].start, weeks[5].end),
            ("2026-W14", d("2026-03-30"), d("2026-03-31"))
        );
        let cal = WorkCalendar::weekdays();
        let wd: Vec<i64> = weeks.iter().map(|w| w.working_days(&cal)).collect();
        assert_eq!(wd, [0, 5, 5, 5, 5, 2]);
        assert_eq!(march.children(PeriodKind::Day, 1).unwrap().len(), 31);
        assert_eq!(
            march.children(PeriodKind::Year, 1).unwrap_err().code,
            "bad_child_period"
        );
    }

    #[test]
    fn working_days_honour_the_holiday_calendar() {
        let cal = WorkCalendar::cn();
        // October 2026: 22 weekdays, five of them National Day holidays, Saturday the 10th worked.
        let oct = parse_period("2026-10", 1).unwrap();
        assert_eq!(oct.working_days(&cal), 18);
        // Week 40 (9/28-10/4) holds 9/28-9/30 in September and 10/1-10/4 in October.
        let w40 = oct.children(PeriodKind::Week, 1).unwrap();
        assert_eq!(w40[0].key, "2026-W40");
        assert_eq!(w40[0].working_days(&cal), 0);
        let sept = parse_period("2026-09", 1).unwrap();
        let last = sept.children(PeriodKind::Week, 1).unwrap().pop().unwrap();
        assert_eq!(
            (last.key.as_str(), last.working_days(&cal)),
            ("2026-W40", 3)
        );
    }
}
