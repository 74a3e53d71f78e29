//! Period keys of the variance queries: `2026` (fiscal year), `2026-H1`, `2026-Q1` (fiscal
//! quarters, counted from the fiscal year's start month), `2026-03` (calendar month), `2026-W14`
//! (ISO week). Private to variance: the calendar's own periods will replace it.

use crate::calendar::FiscalYear;
use crate::error::Code;
use crate::error::{Error, Result};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeriodRange {
    pub key: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn bad(key: &str) -> Error {
    Error::new(
        Code::BadPeriod,
        format!("期间“{key}”无效：应为 2026、2026-H1、2026-Q1、2026-03、2026-W14 或 2026-YTD（年初至今）"),
        format!("Invalid period \"{key}\": expected 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W14 or 2026-YTD (year to date)"),
    )
}

/// First day of the month `months` after the start of `fy`.
fn month_start(fy: FiscalYear, months: u32) -> Option<NaiveDate> {
    let m0 = fy.start_month - 1 + months;
    NaiveDate::from_ymd_opt(fy.year + (m0 / 12) as i32, m0 % 12 + 1, 1)
}

fn fiscal_slice(fy: FiscalYear, first_month: u32, months: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        month_start(fy, first_month)?,
        month_start(fy, first_month + months)? - Duration::days(1),
    ))
}

/// `2026-YTD` is the fiscal year from its first day to `as_of` (the whole year once it is over).
pub(crate) fn parse_period(
    key: &str,
    fiscal_start_month: u32,
    as_of: NaiveDate,
) -> Result<PeriodRange> {
    let k = key.trim().to_ascii_uppercase();
    let (year_text, rest) = match k.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (k.as_str(), None),
    };
    let year: i32 = match (year_text.len(), year_text.parse()) {
        (4, Ok(y)) if (1900..=2999).contains(&y) => y,
        _ => return Err(bad(key)),
    };
    if !(1..=12).contains(&fiscal_start_month) {
        return Err(bad(key));
    }
    let fy = FiscalYear::new(year, fiscal_start_month);
    let number = |s: &str, lo: u32, hi: u32| -> Result<u32> {
        match s.parse::<u32>() {
            Ok(n) if (lo..=hi).contains(&n) && !s.starts_with('+') => Ok(n),
            _ => Err(bad(key)),
        }
    };
    // The key as it is written everywhere: 2026-Q3, 2026-W05, 2026-03 (so "2026-w5" and
    // "2026-W05" are one period).
    let canonical = match rest {
        None => year.to_string(),
        Some("YTD") => format!("{year}-YTD"),
        Some(r) if r.starts_with('H') => format!("{year}-H{}", number(&r[1..], 1, 2)?),
        Some(r) if r.starts_with('Q') => format!("{year}-Q{}", number(&r[1..], 1, 4)?),
        Some(r) if r.starts_with('W') => format!("{year}-W{:02}", number(&r[1..], 1, 53)?),
        Some(r) if r.len() == 2 => format!("{year}-{:02}", number(r, 1, 12)?),
        Some(_) => return Err(bad(key)),
    };
    let range = match rest {
        None => Some((fy.start(), fy.end())),
        Some("YTD") if as_of < fy.start() => {
            return Err(Error::new(
                Code::YtdNotStarted,
                format!("{key}：财年 {year} 尚未开始，没有年初至今的数据"),
                format!(
                    "{key}: fiscal year {year} has not started yet, so there is no year to date"
                ),
            ))
        }
        Some("YTD") => Some((fy.start(), fy.end().min(as_of))),
        Some(r) if r.starts_with('H') => fiscal_slice(fy, (number(&r[1..], 1, 2)? - 1) * 6, 6),
        Some(r) if r.starts_with('Q') => fiscal_slice(fy, (number(&r[1..], 1, 4)? - 1) * 3, 3),
        Some(r) if r.starts_with('W') => {
            let w = number(&r[1..], 1, 53)?;
            let start =
                NaiveDate::from_isoywd_opt(year, w, Weekday::Mon).ok_or_else(|| bad(key))?;
            Some((start, start + Duration::days(6)))
        }
        Some(r) if r.len() == 2 => {
            let m = number(r, 1, 12)?;
            let start = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(|| bad(key))?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)
            };
            next.map(|n| (start, n - Duration::days(1)))
        }
        Some(_) => None,
    };
    let (start, end) = range.ok_or_else(|| bad(key))?;
    Ok(PeriodRange {
        key: canonical,
        start,
        end,
    })
}

/// The calendar months overlapping `from..=to`, as (first day, last day) of each month.
pub(crate) fn months_between(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut m = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).expect("valid month");
    while m <= to {
        let next = if m.month() == 12 {
            NaiveDate::from_ymd_opt(m.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1)
        }
        .expect("valid month");
        out.push((m, next - Duration::days(1)));
        m = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_every_kind_of_key() {
        let p = |k: &str, sm: u32| {
            let r = parse_period(k, sm, d("2026-10-15")).unwrap();
            (r.start, r.end)
        };
        assert_eq!(p("2026", 1), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(p("2026", 4), (d("2026-04-01"), d("2027-03-31")));
        assert_eq!(p("2026-Q1", 1), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!(p("2026-q4", 4), (d("2027-01-01"), d("2027-03-31")));
        assert_eq!(p("2026-H2", 1), (d("2026-07-01"), d("2026-12-31")));
        assert_eq!(p("2026-03", 4), (d("2026-03-01"), d("2026-03-31")));
        assert_eq!(p("2026-02", 1), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(p("2026-W14", 1), (d("2026-03-30"), d("2026-04-05")));
        assert_eq!(p("2026-W01", 1), (d("2025-12-29"), d("2026-01-04")));
        assert_eq!(p("2026-YTD", 1), (d("2026-01-01"), d("2026-10-15")));
        assert_eq!(p("2026-ytd", 4), (d("2026-04-01"), d("2026-10-15")));
        assert_eq!(p("2025-YTD", 1), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!(
            parse_period("2027-YTD", 1, d("2026-10-15"))
                .unwrap_err()
                .code,
            "ytd_not_started"
        );
        for k in [
            "", "26", "2026-Q5", "2026-13", "2026-W54", "2026-W", "2026-X1", "2026-1", "abcd",
        ] {
            assert_eq!(
                parse_period(k, 1, d("2026-10-15")).unwrap_err().code,
                "bad_period",
                "{k}"
            );
        }
        assert_eq!(
            months_between(d("2026-03-30"), d("2026-04-05")),
            vec![
                (d("2026-03-01"), d("2026-03-31")),
                (d("2026-04-01"), d("2026-04-30"))
            ]
        );
    }
}
