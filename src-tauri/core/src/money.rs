//! Money is an integer count of fen (1 yuan = 100 fen). Parsing and printing are exact.

use crate::error::{Error, Result};

pub const FEN_PER_YUAN: i64 = 100;
pub const WAN: i64 = 10_000 * FEN_PER_YUAN;
pub const YI: i64 = 100_000_000 * FEN_PER_YUAN;

/// Parses a yuan amount written as a plain decimal ("1000000000", "-12.5", "0.01") into fen.
/// More than two decimals is refused rather than rounded.
pub fn parse_yuan(text: &str) -> Result<i64> {
    let bad = || {
        Error::new(
            "bad_amount",
            format!("金额“{text}”无效：应为最多两位小数的数字"),
            format!("Invalid amount \"{text}\": expected a number with at most two decimals"),
        )
    };
    let t = text.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits, ""),
    };
    if int_part.is_empty() && frac_part.is_empty()
        || !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
        || frac_part.len() > 2
    {
        return Err(bad());
    }
    let int: i64 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| bad())?
    };
    let mut frac: i64 = if frac_part.is_empty() {
        0
    } else {
        frac_part.parse().map_err(|_| bad())?
    };
    if frac_part.len() == 1 {
        frac *= 10;
    }
    let fen = int
        .checked_mul(FEN_PER_YUAN)
        .and_then(|v| v.checked_add(frac))
        .ok_or_else(bad)?;
    Ok(if neg { -fen } else { fen })
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
        assert_eq!(format_yuan(100_000_000_000), "1000000000.00");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan(YI), "100000000.00");
        assert_eq!(format_yuan(4000 * WAN), "40000000.00");
    }

    #[test]
    fn refuses_what_it_cannot_keep_exactly() {
        for bad in ["", "abc", "1.234", "1,000", "--1", "1e5", "."] {
            let e = parse_yuan(bad).unwrap_err();
            assert_eq!(e.code, "bad_amount", "{bad}");
        }
    }
}
