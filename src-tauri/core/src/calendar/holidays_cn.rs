//! The official mainland-China public holidays and adjusted working days (调休), from the State
//! Council notices 国办发明电〔2024〕12号 (2025) and the notice of 2025-11-04 (2026).
//! Users can edit these in the workspace; this is the data a new workspace starts with.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HolidayKind {
    /// A day off (on a weekday it removes a working day).
    Holiday,
    /// An adjusted working day (on a weekend it adds a working day).
    Workday,
}

impl HolidayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::Holiday => "holiday",
            HolidayKind::Workday => "workday",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "holiday" => Some(HolidayKind::Holiday),
            "workday" => Some(HolidayKind::Workday),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HolidayEntry {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

/// (first day off, last day off, adjusted working days, zh name, en name)
type Span = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
);

const CN_SPANS: &[Span] = &[
    // 2025
    ("2025-01-01", "2025-01-01", &[], "元旦", "New Year's Day"),
    (
        "2025-01-28",
        "2025-02-04",
        &["2025-01-26", "2025-02-08"],
        "春节",
        "Spring Festival",
    ),
    (
        "2025-04-04",
        "2025-04-06",
        &[],
        "清明节",
        "Qingming Festival",
    ),
    (
        "2025-05-01",
        "2025-05-05",
        &["2025-04-27"],
        "劳动节",
        "Labour Day",
    ),
    (
        "2025-05-31",
        "2025-06-02",
        &[],
        "端午节",
        "Dragon Boat Festival",
    ),
    (
        "2025-10-01",
        "2025-10-08",
        &["2025-09-28", "2025-10-11"],
        "国庆节、中秋节",
        "National Day and Mid-Autumn Festival",
    ),
    // 2026
    (
        "2026-01-01",
        "2026-01-03",
        &["2026-01-04"],
        "元旦",
        "New Year's Day",
    ),
    (
        "2026-02-15",
        "2026-02-23",
        &["2026-02-14", "2026-02-28"],
        "春节",
        "Spring Festival",
    ),
    (
        "2026-04-04",
        "2026-04-06",
        &[],
        "清明节",
        "Qingming Festival",
    ),
    (
        "2026-05-01",
        "2026-05-05",
        &["2026-05-09"],
        "劳动节",
        "Labour Day",
    ),
    (
        "2026-06-19",
        "2026-06-21",
        &[],
        "端午节",
        "Dragon Boat Festival",
    ),
    (
        "2026-09-25",
        "2026-09-27",
        &[],
        "中秋节",
        "Mid-Autumn Festival",
    ),
    (
        "2026-10-01",
        "2026-10-07",
        &["2026-09-20", "2026-10-10"],
        "国庆节",
        "National Day",
    ),
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("holiday table dates are valid")
}

/// Every day of the shipped calendar, holidays and adjusted working days, in date order.
pub fn cn_holiday_entries() -> &'static [HolidayEntry] {
    static ENTRIES: std::sync::OnceLock<Vec<HolidayEntry>> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut out = Vec::new();
        for (from, to, workdays, zh, en) in CN_SPANS {
            let (mut d, last) = (date(from), date(to));
            while d <= last {
                out.push(HolidayEntry {
                    date: d,
                    kind: HolidayKind::Holiday,
                    name_zh: zh,
                    name_en: en,
                });
                d += Duration::days(1);
            }
            for w in *workdays {
                out.push(HolidayEntry {
                    date: date(w),
                    kind: HolidayKind::Workday,
                    name_zh: zh,
                    name_en: en,
                });
            }
        }
        out.sort_by_key(|e| e.date);
        out
    })
}
