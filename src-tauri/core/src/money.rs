//! Money is an integer count of fen (1 yuan = 100 fen). Parsing and printing are exact.

use crate::error::Code;
use crate::error::{Error, Result};

pub const FEN_PER_YUAN: i64 = 100;
pub const WAN: i64 = 10_000 * FEN_PER_YUAN;
pub const YI: i64 = 100_000_000 * FEN_PER_YUAN;

/// Parses a yuan amount as people write it ("1000000000", "-12.5", "1,234.50", "50万",
/// "1.2亿", "３００") into fen, with the import's number parser. More than two decimals (of a
/// yuan) is refused rather than rounded.
pub fn parse_yuan(text: &str) -> Result<i64> {
    crate::number::parse_scaled(text, 2, crate::number::NumberFormat::PointDecimal)
        .map_err(|_| {
            Error::new(
                Code::BadAmount,
                format!("金额“{text}”无效：应为最多两位小数的数字（可写 50万、1.2亿）"),
                format!("Invalid amount \"{text}\": expected a number with at most two decimals (50万 and 1.2亿 are fine)"),
            )
        })
}

/// Prints fen as a yuan decimal string with exactly two decimals: 250000000.00, -0.05.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        assert_eq!(parse_yuan("1000000000").unwrap(), 100_000_000_000);
        assert_eq!(parse_yuan("33.34").unwrap(), 3334);
        assert_eq!(parse_yuan("0.5").unwrap(), 50);
        assert_eq!(parse_yuan("-12.05").unwrap(), -1205);
        assert_eq!(parse_yuan(".01").unwrap(), 1);
        assert_eq!(parse_yuan("1,000").unwrap(), 100_000);
        assert_eq!(parse_yuan("50万").unwrap(), 50 * WAN);
        assert_eq!(parse_yuan("1.2亿").unwrap(), 12 * YI / 10);
        assert_eq!(format_yuan(100_000_000_000), "1000000000.00");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan(YI), "100000000.00");
        assert_eq!(format_yuan(4000 * WAN), "40000000.00");
    }

    #[test]
    fn refuses_what_it_cannot_keep_exactly() {
        for bad in ["", "abc", "1.234", "--1", "1e5", ".", "1.2345678万"] {
            let e = parse_yuan(bad).unwrap_err();
            assert_eq!(e.code, "bad_amount", "{bad}");
        }
    }
}
