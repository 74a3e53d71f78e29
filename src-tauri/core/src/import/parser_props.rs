//! Property tests of every text parser on arbitrary Unicode: no panic ever, and what the app
//! writes reads back to the same value.

use super::number::{fold_fullwidth, parse_scaled, NumberFormat};
use super::source::Cell;
use super::{headers, periods, values};
use crate::calendar::FiscalYear;
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// Text as it may come out of any file: any Unicode, plus the characters parsers look for.
fn wild_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            prop_oneof![
                Just('万'),
                Just('亿'),
                Just('元'),
                Just('年'),
                Just('月'),
                Just('日'),
                Just('季'),
                Just('度'),
                Just('第'),
                Just('Q'),
                Just('q'),
                Just('.'),
                Just(','),
                Just('-'),
                Just('('),
                Just('（'),
                Just('%'),
                Just('¥'),
                Just('ë'),
                Just('０'),
                Just('９'),
                Just('．'),
                Just('\u{3000}'),
                proptest::char::range('0', '9'),
                any::<char>(),
            ],
            0..24
        )
        .prop_map(|v| v.into_iter().collect()),
    ]
}

/// Fen as a yuan text with grouping commas: 123456789 -> "1,234,567.89".
fn grouped_yuan(fen: i64) -> String {
    let abs = fen.unsigned_abs();
    let int = (abs / 100).to_string();
    let mut g = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            g.push(',');
        }
        g.push(c);
    }
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{g}.{:02}", abs % 100)
}

/// The full-width twin of an ASCII text.
fn full_width(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_parser_panics_on_any_text(t in wild_text()) {
        for fmt in [NumberFormat::Auto, NumberFormat::PointDecimal, NumberFormat::CommaDecimal] {
            for scale in [0, 2, 4] {
                let _ = parse_scaled(&t, scale, fmt);
            }
            let cell = Cell::Text(&t);
            let _ = values::money_fen(&cell, fmt);
            let _ = values::whole(&cell, fmt);
            let _ = values::percent_bp(&cell, fmt);
        }
        let _ = values::date(&Cell::Text(&t));
        let _ = values::shows_decimal_comma(&t);
        let _ = fold_fullwidth(&t);
        for start in [1, 4, 10] {
            let _ = periods::parse(&t, FiscalYear::new(2026, start));
        }
        let _ = headers::normalise(&t);
        let _ = headers::match_header(&t);
        let _ = crate::money::parse_yuan(&t);
    }

    #[test]
    fn amounts_read_back_exactly(fen in -values::MAX_AMOUNT_FEN..=values::MAX_AMOUNT_FEN) {
        let plain = crate::money::format_yuan(fen);
        let grouped = grouped_yuan(fen);
        for text in [plain.clone(), grouped.clone(), format!("¥{grouped}"), full_width(&grouped)] {
            prop_assert_eq!(values::money_fen(&Cell::Text(&text), NumberFormat::Auto), Ok(fen), "{}", text);
        }
        // In 万: fen / 10^6 with six decimals.
        let abs = fen.unsigned_abs();
        let sign = if fen < 0 { "-" } else { "" };
        let wan = format!("{sign}{}.{:06}万", abs / 1_000_000, abs % 1_000_000);
        prop_assert_eq!(values::money_fen(&Cell::Text(&wan), NumberFormat::Auto), Ok(fen), "{}", wan);
    }

    #[test]
    fn implausible_amounts_are_refused(extra in 1i64..1_000_000_000) {
        let text = crate::money::format_yuan(values::MAX_AMOUNT_FEN + extra);
        prop_assert_eq!(
            values::money_fen(&Cell::Text(&text), NumberFormat::Auto),
            Err(values::ValueError::ImplausibleAmount)
        );
    }

    #[test]
    fn dates_read_back_in_every_spelling(days in 0i64..40_000) {
        let d = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assume!(values::PLAUSIBLE_YEARS.contains(&d.year()));
        let (y, m, day) = (d.year(), d.month(), d.day());
        for text in [
            d.format("%Y-%m-%d").to_string(),
            format!("{y}/{m}/{day}"),
            format!("{y}年{m}月{day}日"),
            d.format("%Y%m%d").to_string(),
            full_width(&d.format("%Y-%m-%d").to_string()),
            format!("{} 10:30:00", d.format("%Y-%m-%d")),
        ] {
            prop_assert_eq!(values::date(&Cell::Text(&text)), Ok(d), "{}", text);
        }
    }

    #[test]
    fn month_and_quarter_keys_read_back(y in 1990i32..=2100, m in 1u32..=12) {
        let fy = FiscalYear::new(2026, 1);
        let key = format!("{y}-{m:02}");
        prop_assert_eq!(periods::parse(&key, fy).map(|p| p.key), Some(key.clone()));
        let q = (m - 1) / 3 + 1;
        let qkey = format!("{y}-Q{q}");
        prop_assert_eq!(periods::parse(&qkey, fy).map(|p| p.key), Some(qkey.clone()));
        let zh = format!("{y}年{m}月");
        prop_assert_eq!(periods::parse(&zh, fy).map(|p| p.key), Some(key));
    }
}

#[test]
fn a_date_outside_the_plausible_years_is_a_row_error() {
    for (cell, what) in [
        (Cell::Text("1905-07-18"), "old text"),
        (Cell::Text("2150-01-01"), "far future"),
        (Cell::Float(2026.03), "a number that is a year.month"),
    ] {
        assert_eq!(
            values::date(&cell),
            Err(values::ValueError::ImplausibleDate {
                from: 1990,
                to: 2100
            }),
            "{what}"
        );
    }
    assert_eq!(
        values::date(&Cell::Text("2026.03")),
        Err(values::ValueError::NotADate)
    );
    let e = values::ValueError::ImplausibleDate {
        from: 1990,
        to: 2100,
    };
    assert!(e.zh("1905-07-18").contains("1990–2100"));
    assert!(e.en("1905-07-18").contains("between 1990 and 2100"));
}
