//! The one number parser of the app: decimal text to an integer scaled by 10^scale, exactly
//! (never through a float). It reads what people type and ERPs export: grouping commas,
//! currency signs, accounting parentheses, full-width digits ("３００"), and the Chinese units
//! 万 and 亿 ("50万", "1.2亿", "3,500万元"). Number formats that could be read two ways are
//! reported, never guessed.

use std::borrow::Cow;

/// How numbers with separators are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NumberFormat {
    /// "1,234.5" unless the file shows a decimal comma, which is then reported, not guessed.
    #[default]
    Auto,
    /// 1,234.5 — comma groups, point decimal (China, UK, US).
    PointDecimal,
    /// 1.234,5 — point (or space) groups, comma decimal (much of Europe).
    CommaDecimal,
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    TooPrecise {
        decimals: u32,
    },
    OutOfRange,
    /// The text uses a decimal comma ("1.234,5" or "12,5") while the format is Auto.
    AmbiguousFormat,
}

/// Full-width forms as their ASCII twins: "３００" -> "300", "１２．５％" -> "12.5%", and the
/// ideographic space as a space. Borrowed when there is nothing to fold.
pub fn fold_fullwidth(text: &str) -> Cow<'_, str> {
    let folds = |c: char| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}');
    if !text.chars().any(folds) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                '\u{3000}' => ' ',
                c => c,
            })
            .collect(),
    )
}

/// Whether a number text shows a decimal comma: "1.234,5", "12,5", "1.234.567", "1 234,50".
pub fn shows_decimal_comma(t: &str) -> bool {
    let t = t.trim_end_matches(['%', ')', ' ']);
    let last_comma = t.rfind(',');
    let last_point = t.rfind('.');
    match (last_comma, last_point) {
        (Some(c), Some(p)) => c > p,
        (Some(c), None) => {
            let digits_after = t[c + 1..].bytes().take_while(u8::is_ascii_digit).count();
            digits_after != 3 || t[..c].contains(' ')
        }
        (None, Some(_)) => t.matches('.').count() > 1,
        (None, None) => false,
    }
}

/// Strips currency signs, units, spaces and accounting parentheses. Returns (negative, rest).
fn strip_decorations(text: &str) -> (bool, String) {
    let mut t = text.trim();
    let mut neg = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
        neg = true;
        t = t[1..t.len() - 1].trim();
    }
    let mut s: String = t
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '¥' | '￥' | '$' | ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '元' | '\''
            )
        })
        .collect();
    for prefix in ["RMB", "CNY", "rmb", "cny"] {
        if let Some(r) = s.strip_prefix(prefix) {
            s = r.to_string();
        }
        if let Some(r) = s.strip_suffix(prefix) {
            s = r.to_string();
        }
    }
    if let Some(r) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        neg = !neg;
        s = r.to_string();
    } else if let Some(r) = s.strip_prefix('+') {
        s = r.to_string();
    }
    // Currency sign after the minus: "-¥12".
    let s = s.trim_start_matches(['¥', '￥', '$']).to_string();
    (neg, s)
}

/// A trailing 万 (10⁴) or 亿 (10⁸): the body without it and the extra power of ten.
fn split_unit(body: &str) -> (&str, u32) {
    if let Some(b) = body.strip_suffix('万') {
        (b, 4)
    } else if let Some(b) = body.strip_suffix('亿') {
        (b, 8)
    } else {
        (body, 0)
    }
}

/// Parses a decimal text to an integer scaled by 10^scale, exactly: with scale 2, "¥1,234.50"
/// -> 123450, "50万" -> 50000000, "1.2亿" -> 12000000000, "３００" -> 30000.
pub fn parse_scaled(text: &str, scale: u32, fmt: NumberFormat) -> Result<i64, NumberError> {
    if text.trim().is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(v) = plain_decimal(text.as_bytes(), scale) {
        return Ok(v);
    }
    let folded = fold_fullwidth(text);
    let (neg, body) = strip_decorations(&folded);
    let (body, unit) = split_unit(&body);
    let scale = scale + unit;
    let (group, point) = match fmt {
        NumberFormat::CommaDecimal => ('.', ','),
        NumberFormat::PointDecimal => (',', '.'),
        NumberFormat::Auto => {
            if shows_decimal_comma(body) {
                return Err(NumberError::AmbiguousFormat);
            }
            (',', '.')
        }
    };
    let (int_part, frac_part) = body.split_once(point).unwrap_or((body, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(NumberError::NotANumber);
    }
    let mut value: i128 = 0;
    let mut digits = 0;
    for (i, ch) in int_part.chars().enumerate() {
        if ch == group && i > 0 {
            continue;
        }
        let d = ch.to_digit(10).ok_or(NumberError::NotANumber)?;
        value = value * 10 + d as i128;
        digits += 1;
        if digits > 20 {
            return Err(NumberError::OutOfRange);
        }
    }
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let frac = frac_part.trim_end_matches('0');
    if frac.len() as u32 > scale {
        return Err(NumberError::TooPrecise { decimals: scale });
    }
    for k in 0..scale as usize {
        let d = frac
            .as_bytes()
            .get(k)
            .map(|b| (b - b'0') as i128)
            .unwrap_or(0);
        value = value * 10 + d;
    }
    let value = if neg { -value } else { value };
    i64::try_from(value).map_err(|_| NumberError::OutOfRange)
}

/// The common case without allocation: `-?digits(.digits)?`, at most `scale` decimals and 18
/// digits; anything else (separators, signs, symbols, units) takes the general path.
fn plain_decimal(b: &[u8], scale: u32) -> Option<i64> {
    let (neg, b) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    if b.is_empty() || b.len() > 18 || scale > 4 {
        return None;
    }
    let (int, frac) = match b.iter().position(|c| *c == b'.') {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &b[..0]),
    };
    if int.is_empty()
        || frac.len() > scale as usize
        || !int.iter().chain(frac).all(u8::is_ascii_digit)
    {
        return None;
    }
    let mut v: i64 = 0;
    for d in int {
        v = v * 10 + (d - b'0') as i64;
    }
    for k in 0..scale as usize {
        v = v.checked_mul(10)? + frac.get(k).map(|d| (d - b'0') as i64).unwrap_or(0);
    }
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid (ui/js/format.js) reads the same file: one grammar for money in the app.
    #[test]
    fn money_cases_shared_with_the_grid() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("number_cases.json")).unwrap();
        for case in cases["cases"].as_array().unwrap() {
            let text = case[0].as_str().unwrap();
            let want = case[1].as_i64();
            let got = parse_scaled(text, 2, NumberFormat::Auto).ok();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn units_and_full_width_are_exact() {
        let fen = |t| parse_scaled(t, 2, NumberFormat::Auto);
        assert_eq!(fen("１，２３４．５０"), Ok(123_450));
        assert_eq!(fen("（１２）"), Ok(-1_200));
        assert_eq!(fen("RMB 3,500万"), Ok(3_500_000_000));
        assert_eq!(fen("12,5万"), Err(NumberError::AmbiguousFormat));
        assert_eq!(
            fen("1.2345678万"),
            Err(NumberError::TooPrecise { decimals: 6 })
        );
        assert_eq!(parse_scaled("50万", 0, NumberFormat::Auto), Ok(500_000));
        assert_eq!(fen("999999999999999999"), Err(NumberError::OutOfRange));
        assert_eq!(fold_fullwidth("ａｂ　１"), "ab 1");
    }
}
