//! Typed values from cells, exactly: money to fen, percentages to basis points, whole numbers,
//! dates. Number formats that could be read two ways are never guessed.

use super::source::{date_from_serial, Cell};
use chrono::{Datelike, NaiveDate};

use crate::number::{self, NumberError};
pub use crate::number::{fold_fullwidth, shows_decimal_comma, NumberFormat};

/// The largest amount an import accepts, in fen: ±10¹² yuan. Anything larger is almost surely
/// an order number or an id in the amount column.
pub const MAX_AMOUNT_FEN: i64 = 100_000_000_000_000;
/// The years a date may fall in.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Why a cell is not a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    Empty,
    NotANumber,
    TooPrecise {
        decimals: u32,
    },
    OutOfRange,
    /// The text uses a decimal comma ("1.234,5" or "12,5") while the format is Auto.
    AmbiguousFormat,
    NotADate,
    Undecodable,
    /// An amount beyond ±10¹² yuan: an order number or id mapped as the amount?
    ImplausibleAmount,
    /// A date outside [`PLAUSIBLE_YEARS`].
    ImplausibleDate {
        from: i32,
        to: i32,
    },
    /// A date more than a year away from the years the workspace plans (`from`–`to` are the
    /// years accepted).
    FarFromPlanYears {
        from: i32,
        to: i32,
    },
}

impl ValueError {
    pub fn zh(&self, text: &str) -> String {
        match self {
            ValueError::Empty => "必填，但为空".into(),
            ValueError::NotANumber => format!("“{text}”不是数字"),
            ValueError::TooPrecise { decimals } => {
                format!("“{text}”的小数位超过 {decimals} 位，无法精确保存")
            }
            ValueError::OutOfRange => format!("“{text}”超出范围"),
            ValueError::AmbiguousFormat => format!(
                "“{text}”使用小数逗号（如 1.234,5），数字格式有歧义：请选择数字格式（1,234.5 或 1.234,5）"
            ),
            ValueError::NotADate => format!(
                "“{text}”不是日期（支持 2026-03-01、2026/3/1、2026年3月1日、Excel 日期序号）"
            ),
            ValueError::Undecodable => {
                "含有无法按文件编码解读的字节（编码混用？请指定编码）".into()
            }
            ValueError::ImplausibleAmount => format!(
                "金额“{text}”超过 ±1 万亿元，不合理（是否把订单号或编号列映射成了金额？）"
            ),
            ValueError::ImplausibleDate { from, to } => {
                format!("日期“{text}”不在 {from}–{to} 年之间，不合理（列映射或日期格式有误？）")
            }
            ValueError::FarFromPlanYears { from, to } => format!(
                "日期“{text}”离本工作区的计划年度太远：只接受 {from}–{to} 年的日期（列映射或日期格式有误？年份写错了？）"
            ),
        }
    }

    pub fn en(&self, text: &str) -> String {
        match self {
            ValueError::Empty => "required but empty".into(),
            ValueError::NotANumber => format!("\"{text}\" is not a number"),
            ValueError::TooPrecise { decimals } => {
                format!("\"{text}\" has more than {decimals} decimals and cannot be kept exactly")
            }
            ValueError::OutOfRange => format!("\"{text}\" is out of range"),
            ValueError::AmbiguousFormat => format!(
                "\"{text}\" uses a decimal comma (as in 1.234,5); the number format is ambiguous: choose one (1,234.5 or 1.234,5)"
            ),
            ValueError::NotADate => format!(
                "\"{text}\" is not a date (accepted: 2026-03-01, 2026/3/1, 2026年3月1日, Excel serial numbers)"
            ),
            ValueError::Undecodable => {
                "holds bytes that are not valid in the file's encoding (mixed encodings? choose the encoding)".into()
            }
            ValueError::ImplausibleAmount => format!(
                "the amount \"{text}\" is beyond ±1,000,000,000,000 yuan, which is not plausible (is an order number or id column mapped as the amount?)"
            ),
            ValueError::ImplausibleDate { from, to } => format!(
                "the date \"{text}\" is not between {from} and {to}, which is not plausible (wrong column or date format?)"
            ),
            ValueError::FarFromPlanYears { from, to } => format!(
                "the date \"{text}\" is too far from this workspace's plan years: only dates in {from}–{to} are accepted (wrong column or date format? a mistyped year?)"
            ),
        }
    }
}

type VResult<T> = std::result::Result<T, ValueError>;

impl From<NumberError> for ValueError {
    fn from(e: NumberError) -> ValueError {
        match e {
            NumberError::Empty => ValueError::Empty,
            NumberError::NotANumber => ValueError::NotANumber,
            NumberError::TooPrecise { decimals } => ValueError::TooPrecise { decimals },
            NumberError::OutOfRange => ValueError::OutOfRange,
            NumberError::AmbiguousFormat => ValueError::AmbiguousFormat,
        }
    }
}

/// Parses a decimal text to an integer scaled by 10^scale, exactly (see [`number::parse_scaled`]).
pub fn parse_scaled(text: &str, scale: u32, fmt: NumberFormat) -> VResult<i64> {
    number::parse_scaled(text, scale, fmt).map_err(ValueError::from)
}

/// A float from a workbook cell, scaled by 10^scale: exact when its shortest decimal form has at
/// most `scale` decimals; binary noise below 1e-6 of a unit (0.1+0.2) is rounded away.
fn scaled_float(f: f64, scale: u32) -> VResult<i64> {
    if !f.is_finite() {
        return Err(ValueError::NotANumber);
    }
    // Fast path: the nearest value with `scale` decimals is this very double.
    let factor = 10f64.powi(scale as i32);
    let nearest = (f * factor).round();
    if f.abs() < 1e13 && nearest / factor == f {
        return Ok(nearest as i64);
    }
    let shortest = format!("{f}");
    if let Ok(v) = parse_scaled(&shortest, scale, NumberFormat::PointDecimal) {
        return Ok(v);
    }
    let scaled = f * factor;
    if scaled.abs() > 9.0e15 {
        return Err(ValueError::OutOfRange);
    }
    let rounded = scaled.round();
    if (scaled - rounded).abs() < 1e-6 * factor {
        Ok(rounded as i64)
    } else {
        Err(ValueError::TooPrecise { decimals: scale })
    }
}

fn scaled_cell(cell: &Cell, scale: u32, fmt: NumberFormat) -> VResult<i64> {
    match cell {
        Cell::Empty => Err(ValueError::Empty),
        Cell::Text(t) => parse_scaled(t, scale, fmt),
        Cell::Int(i) => i
            .checked_mul(10i64.pow(scale))
            .ok_or(ValueError::OutOfRange),
        Cell::Float(f) => scaled_float(*f, scale),
        Cell::Undecodable => Err(ValueError::Undecodable),
        Cell::Date(_) | Cell::IsoDate(_) | Cell::Bool(_) => Err(ValueError::NotANumber),
    }
}

/// Money to fen: "¥1,234.50" -> 123450, "(1,200)" -> -120000, "-¥12" -> -1200.
/// Amounts beyond ±10¹² yuan are refused as implausible.
pub fn money_fen(cell: &Cell, fmt: NumberFormat) -> VResult<i64> {
    match scaled_cell(cell, 2, fmt) {
        Ok(v) if v.unsigned_abs() > MAX_AMOUNT_FEN.unsigned_abs() => {
            Err(ValueError::ImplausibleAmount)
        }
        Err(ValueError::OutOfRange) => Err(ValueError::ImplausibleAmount),
        r => r,
    }
}

/// A whole count: "1,200" -> 1200; "12.00" -> 12; "12.5" is refused.
pub fn whole(cell: &Cell, fmt: NumberFormat) -> VResult<i64> {
    scaled_cell(cell, 0, fmt)
}

/// A percentage to basis points: "12%" -> 1200, "12.34%" -> 1234; a workbook fraction 0.12 -> 1200.
/// Text without a % sign is read as a percentage number ("12" -> 1200).
pub fn percent_bp(cell: &Cell, fmt: NumberFormat) -> VResult<i64> {
    match cell {
        Cell::Text(t) => parse_scaled(t.trim().trim_end_matches(['%', '％']), 2, fmt),
        Cell::Float(_) | Cell::Int(_) => scaled_cell(cell, 4, fmt),
        other => scaled_cell(other, 2, fmt),
    }
}

/// Dates as people and spreadsheets write them: 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日,
/// 20260301, full-width digits, with or without a time after it. A text is never an Excel serial:
/// "2026.03" is not a date (as a serial it would be 1905-07-18); serials come as workbook numbers.
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let folded = fold_fullwidth(text);
    let t = folded.trim();
    // Cut a time of day: "2026-03-01 10:00:00", "2026-03-01T10:00".
    let date_part = t.split([' ', 'T']).next().unwrap_or(t);
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        let y = date_part[..4].parse().ok()?;
        let m = date_part[4..6].parse().ok()?;
        let d = date_part[6..].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    let mut nums = [0u32; 3];
    let mut n = 0;
    let mut cur: Option<u32> = None;
    for ch in date_part.chars() {
        if let Some(d) = ch.to_digit(10) {
            cur = Some(cur.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
        } else if matches!(ch, '-' | '/' | '.' | '年' | '月' | '日' | '号') {
            if let Some(v) = cur.take() {
                if n == 3 {
                    return None;
                }
                nums[n] = v;
                n += 1;
            } else if ch != '日' && ch != '号' {
                return None;
            }
        } else {
            return None;
        }
    }
    if let Some(v) = cur {
        if n == 3 {
            return None;
        }
        nums[n] = v;
        n += 1;
    }
    if n != 3 || nums[0] < 1000 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(nums[0]).ok()?, nums[1], nums[2])
}

/// A date in [`PLAUSIBLE_YEARS`].
pub fn date(cell: &Cell) -> VResult<NaiveDate> {
    date_within(cell, PLAUSIBLE_YEARS)
}

/// A date whose year lies in `years` (a window around the workspace's plan years): a date
/// outside [`PLAUSIBLE_YEARS`] is implausible, one inside it but outside `years` is too far from
/// the plan years.
pub fn date_within(cell: &Cell, years: std::ops::RangeInclusive<i32>) -> VResult<NaiveDate> {
    let d = match cell {
        Cell::Empty => Err(ValueError::Empty),
        Cell::Date(s) => date_from_serial(*s).ok_or(ValueError::NotADate),
        Cell::Float(f) => date_from_serial(*f).ok_or(ValueError::NotADate),
        Cell::Int(i) => date_from_serial(*i as f64).ok_or(ValueError::NotADate),
        Cell::Text(t) | Cell::IsoDate(t) => parse_date_text(t).ok_or(ValueError::NotADate),
        Cell::Undecodable => Err(ValueError::Undecodable),
        Cell::Bool(_) => Err(ValueError::NotADate),
    }?;
    if !PLAUSIBLE_YEARS.contains(&d.year()) {
        Err(ValueError::ImplausibleDate {
            from: *PLAUSIBLE_YEARS.start(),
            to: *PLAUSIBLE_YEARS.end(),
        })
    } else if years.contains(&d.year()) {
        Ok(d)
    } else {
        Err(ValueError::FarFromPlanYears {
            from: *years.start(),
            to: *years.end(),
        })
    }
}

/// Trimmed text of a cell (numbers in their shortest form: an order id 10023 stays "10023").
pub fn text<'a>(cell: &Cell<'a>) -> VResult<std::borrow::Cow<'a, str>> {
    match cell {
        Cell::Text(t) | Cell::IsoDate(t) => Ok(std::borrow::Cow::Borrowed(t.trim())),
        Cell::Undecodable => Err(ValueError::Undecodable),
        other => Ok(std::borrow::Cow::Owned(other.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberFormat::*;

    fn fen(t: &str) -> VResult<i64> {
        money_fen(&Cell::Text(t), Auto)
    }

    #[test]
    fn money_parses_exactly_into_fen() {
        assert_eq!(fen("¥1,234.50"), Ok(123_450));
        assert_eq!(fen("￥1,234.5"), Ok(123_450));
        assert_eq!(fen("(1,200)"), Ok(-120_000));
        assert_eq!(fen("-¥12"), Ok(-1_200));
        assert_eq!(fen("1000000000"), Ok(100_000_000_000));
        assert_eq!(fen(" 33.34 元"), Ok(3_334));
        assert_eq!(fen("RMB 5.00"), Ok(500));
        assert_eq!(fen("1,234"), Ok(123_400));
        assert_eq!(fen("0.10"), Ok(10));
        assert_eq!(fen("12.345"), Err(ValueError::TooPrecise { decimals: 2 }));
        assert_eq!(fen("12.3400"), Ok(1_234));
        assert_eq!(fen("abc"), Err(ValueError::NotANumber));
        assert_eq!(fen(""), Err(ValueError::Empty));
        assert_eq!(
            fen("99999999999999999999999"),
            Err(ValueError::ImplausibleAmount)
        );
    }

    #[test]
    fn a_decimal_comma_is_reported_not_guessed() {
        assert_eq!(fen("1.234,5"), Err(ValueError::AmbiguousFormat));
        assert_eq!(fen("12,5"), Err(ValueError::AmbiguousFormat));
        assert_eq!(fen("1.234.567"), Err(ValueError::AmbiguousFormat));
        assert_eq!(money_fen(&Cell::Text("1.234,5"), CommaDecimal), Ok(123_450));
        assert_eq!(
            money_fen(&Cell::Text("1.234.567,89"), CommaDecimal),
            Ok(123_456_789)
        );
        assert_eq!(money_fen(&Cell::Text("1,234.5"), PointDecimal), Ok(123_450));
        // "1.234" under the point format has three decimals: refused, never read as 1234.
        assert_eq!(
            money_fen(&Cell::Text("1.234"), PointDecimal),
            Err(ValueError::TooPrecise { decimals: 2 })
        );
        assert!(!shows_decimal_comma("1,234.5"));
        assert!(!shows_decimal_comma("1,234,567"));
    }

    #[test]
    fn workbook_numbers_are_exact() {
        assert_eq!(money_fen(&Cell::Float(1234.56), Auto), Ok(123_456));
        assert_eq!(money_fen(&Cell::Float(0.1 + 0.2), Auto), Ok(30));
        assert_eq!(money_fen(&Cell::Int(7), Auto), Ok(700));
        assert_eq!(
            money_fen(&Cell::Float(0.125), Auto),
            Err(ValueError::TooPrecise { decimals: 2 })
        );
        assert_eq!(whole(&Cell::Float(12.0), Auto), Ok(12));
        assert_eq!(whole(&Cell::Text("1,200"), Auto), Ok(1_200));
        assert_eq!(
            whole(&Cell::Text("12.5"), Auto),
            Err(ValueError::TooPrecise { decimals: 0 })
        );
    }

    #[test]
    fn percentages_become_basis_points() {
        assert_eq!(percent_bp(&Cell::Text("12%"), Auto), Ok(1_200));
        assert_eq!(percent_bp(&Cell::Text("12.34%"), Auto), Ok(1_234));
        assert_eq!(percent_bp(&Cell::Text("-5%"), Auto), Ok(-500));
        assert_eq!(percent_bp(&Cell::Float(0.12), Auto), Ok(1_200));
        assert_eq!(percent_bp(&Cell::Text("12,5%"), CommaDecimal), Ok(1_250));
    }

    #[test]
    fn dates_in_every_usual_spelling() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for t in [
            "2026-03-01",
            "2026/3/1",
            "2026.3.1",
            "2026年3月1日",
            "2026年03月01号",
            "20260301",
            "2026-03-01 10:30:00",
            "2026-03-01T10:30",
            "２０２６年３月１日",
        ] {
            assert_eq!(date(&Cell::Text(t)), Ok(d), "{t}");
        }
        assert_eq!(date(&Cell::Date(46082.0)), Ok(d));
        assert_eq!(date(&Cell::Float(46082.75)), Ok(d));
        assert_eq!(date_from_serial(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(date_from_serial(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        for bad in [
            "2026-02-30",
            "3/1",
            "昨天",
            "2026-13-01",
            "1.5.2026",
            "46082",
            "2026.03",
        ] {
            assert_eq!(date(&Cell::Text(bad)), Err(ValueError::NotADate), "{bad}");
        }
    }
}
