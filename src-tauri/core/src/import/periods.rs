//! Period headers of a target grid: 2026-01, 2026/1, 2026年1月, 1月, Jan, 2026-Q1, Q1, 一季度.
//! A month or quarter without a year belongs to the target set's fiscal year.

use crate::calendar::FiscalYear;
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// As the `target.period` column spells it: 2026-03 or 2026-Q1.
    pub key: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn month(year: i32, m: u32) -> Option<Period> {
    let start = NaiveDate::from_ymd_opt(year, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, m + 1, 1)?
    };
    Some(Period {
        key: format!("{year}-{m:02}"),
        start,
        end: next - Duration::days(1),
    })
}

fn quarter(year: i32, q: u32) -> Option<Period> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
    let end = month(year, q * 3)?.end;
    Some(Period {
        key: format!("{year}-Q{q}"),
        start,
        end,
    })
}

/// The calendar year of month `m` in fiscal year `fy`.
fn year_of_month(fy: FiscalYear, m: u32) -> i32 {
    if m >= fy.start_month {
        fy.year
    } else {
        fy.year + 1
    }
}

const MONTHS_EN: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const CN_DIGITS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

/// Reads a period header; `None` when the text names no month or quarter.
pub fn parse(text: &str, fy: FiscalYear) -> Option<Period> {
    let t: String = super::number::fold_fullwidth(text)
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if t.is_empty() {
        return None;
    }
    // A date header (a workbook date cell shown as 2026-03-01) is its month.
    if t.len() == 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            if d.day() == 1 {
                return month(d.year(), d.month());
            }
        }
    }
    let (year, rest) = split_year(&t);
    // Quarters: q1, 2026q1, 2026-q1, 一季度, 第一季度, 1季度
    let q_text = rest.trim_start_matches(['-', '/', '.']);
    if let Some(q) = q_text.strip_prefix('q') {
        let q: u32 = q.parse().ok()?;
        let y = year.unwrap_or_else(|| year_of_month(fy, (q.clamp(1, 4) - 1) * 3 + 1));
        return quarter(y, q);
    }
    if let Some(q) = q_text.trim_start_matches('第').strip_suffix("季度") {
        let q = CN_DIGITS
            .iter()
            .position(|d| *d == q)
            .map(|i| i as u32 + 1)
            .or_else(|| q.parse().ok())?;
        let y = year.unwrap_or_else(|| year_of_month(fy, (q.clamp(1, 4) - 1) * 3 + 1));
        return quarter(y, q);
    }
    // Months: 2026-01, 2026/1, 2026.1, 2026年1月, 1月, 一月, jan, january, 202601
    let m_text = q_text.trim_end_matches(['月', '份']);
    let m: u32 = if let Ok(n) = m_text.parse::<u32>() {
        if year.is_none() && !rest.ends_with('月') && !rest.ends_with("月份") {
            return None;
        }
        n
    } else if let Some(i) = CN_DIGITS.iter().position(|d| *d == m_text) {
        if !rest.ends_with('月') && !rest.ends_with("月份") {
            return None;
        }
        i as u32 + 1
    } else if let Some(i) = MONTHS_EN
        .iter()
        .position(|en| m_text.get(..3).is_some_and(|p| en.starts_with(p)) && is_month_word(m_text))
    {
        i as u32 + 1
    } else {
        return None;
    };
    if !(1..=12).contains(&m) {
        return None;
    }
    month(year.unwrap_or_else(|| year_of_month(fy, m)), m)
}

fn is_month_word(t: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    FULL.iter().any(|f| f.starts_with(t)) || (t.len() == 4 && t == "sept")
}

/// Splits a leading 4-digit year ("2026年", "2026-", "2026") from the rest.
fn split_year(t: &str) -> (Option<i32>, &str) {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 6 && t.len() == 6 {
        // 202601
        return (t[..4].parse().ok(), &t[4..]);
    }
    if digits == 4 && t.len() > 4 {
        let year: Option<i32> = t[..4].parse().ok().filter(|y| (1900..=2999).contains(y));
        if year.is_some() {
            let rest = t[4..].trim_start_matches('年');
            return (year, rest);
        }
    }
    (None, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(t: &str, fy: FiscalYear) -> Option<String> {
        parse(t, fy).map(|p| p.key)
    }

    #[test]
    fn period_headers_in_usual_spellings() {
        let fy = FiscalYear::new(2026, 1);
        for (t, k) in [
            ("2026-01", "2026-01"),
            ("2026/1", "2026-01"),
            ("2026年3月", "2026-03"),
            ("1月", "2026-01"),
            ("12月份", "2026-12"),
            ("三月", "2026-03"),
            ("Jan", "2026-01"),
            ("September", "2026-09"),
            ("202611", "2026-11"),
            ("2026-Q2", "2026-Q2"),
            ("Q4", "2026-Q4"),
            ("第一季度", "2026-Q1"),
            ("2026-03-01", "2026-03"),
            ("２０２６年３月", "2026-03"),
            ("Ｑ２", "2026-Q2"),
        ] {
            assert_eq!(key(t, fy).as_deref(), Some(k), "{t}");
        }
        for t in [
            "销售员",
            "2026",
            "13月",
            "Q5",
            "合计",
            "12",
            "man",
            "50万",
            "août",
            "Zoë",
        ] {
            assert_eq!(key(t, fy), None, "{t}");
        }
        let p = parse("2026-02", fy).unwrap();
        assert_eq!(
            (p.start.to_string(), p.end.to_string()),
            ("2026-02-01".into(), "2026-02-28".into())
        );
        // A fiscal year from April: January belongs to the next calendar year.
        let april = FiscalYear::new(2026, 4);
        assert_eq!(key("1月", april).as_deref(), Some("2027-01"));
        assert_eq!(key("4月", april).as_deref(), Some("2026-04"));
    }
}
