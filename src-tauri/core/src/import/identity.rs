//! A transaction's identity (its `fingerprint`): the metric, the date, the person, the amount,
//! the quantity, the product line, the customer and the order number, plus its occurrence among
//! the rows of the same file that share all of those. So the lines of one order all count, two
//! equal sales in one file both count, and the k-th identical row of a file is the same line as
//! the k-th identical row of an earlier file (re-imports and overlapping exports add nothing).
//!
//! The text is `metric|date|person|amount|quantity|product|customer|order|k`, blank for an
//! absent value; the order number goes last but one, so a `|` inside it cannot make two keys
//! equal (the occurrence after it is digits only). Migration 12 computes the same text in SQL
//! for the rows of workspaces made before it (a test in `identity_tests` checks they agree).

use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// The fields of a row that make its identity (ids already resolved).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub metric: i64,
    pub date: NaiveDate,
    pub person: i64,
    pub amount: i64,
    pub quantity: i64,
    pub product_line: Option<i64>,
    pub customer: Option<i64>,
    pub order_id: Option<&'a str>,
}

/// Appends the decimal digits of `v` (a million rows format seven numbers each: no formatter).
pub fn push_int(out: &mut String, v: i64) {
    let mut digits = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push('-');
    }
    out.extend(digits[at..].iter().map(|&d| d as char));
}

/// Appends `n` as exactly `width` digits (zero-padded; `n` fits).
fn push_padded(out: &mut String, n: u32, width: u32) {
    for p in (0..width).rev() {
        out.push((b'0' + (n / 10u32.pow(p) % 10) as u8) as char);
    }
}

/// Appends a date as `YYYY-MM-DD` (years 1000–9999, which every accepted date is in).
pub fn push_date(out: &mut String, d: NaiveDate) {
    push_padded(out, d.year().max(0) as u32, 4);
    out.push('-');
    push_padded(out, d.month(), 2);
    out.push('-');
    push_padded(out, d.day(), 2);
}

fn push_opt(out: &mut String, v: Option<i64>) {
    if let Some(v) = v {
        push_int(out, v);
    }
}

/// Writes the identity of `line` without its occurrence (ends with the order number).
fn write_base(out: &mut String, line: &Line) {
    out.clear();
    push_int(out, line.metric);
    out.push('|');
    push_date(out, line.date);
    out.push('|');
    for v in [line.person, line.amount, line.quantity] {
        push_int(out, v);
        out.push('|');
    }
    push_opt(out, line.product_line);
    out.push('|');
    push_opt(out, line.customer);
    out.push('|');
    if let Some(o) = line.order_id {
        out.push_str(o);
    }
}

/// Writes the full identity of `line` as its `k`-th occurrence into `out` (redo uses it to give
/// restored rows the identity of today's format).
pub fn write_identity(out: &mut String, line: &Line, k: u32) {
    write_base(out, line);
    out.push('|');
    push_int(out, k as i64);
}

/// The occurrence number of an identity: the digits after its last `|`.
pub fn occurrence_of(identity: &str) -> Option<u32> {
    identity.rsplit_once('|').and_then(|(_, k)| k.parse().ok())
}

/// An identity without its occurrence number, and the hash its occurrences are counted by:
/// made where the row is typed (the reading thread), numbered in file order where it is stored.
#[derive(Debug)]
pub struct Base {
    text: String,
    hash: u64,
}

impl Base {
    pub fn of(line: &Line) -> Base {
        let mut text = String::with_capacity(48);
        write_base(&mut text, line);
        let mut h = FxHasher::default();
        h.write(text.as_bytes());
        Base {
            text,
            hash: h.finish(),
        }
    }
}

/// Counts the identical rows of one file as they come, to number their occurrences.
#[derive(Debug, Default)]
pub struct Occurrences {
    /// 64-bit hash of an identity without occurrence → rows seen so far.
    seen: FxHashMap<u64, u32>,
}

impl Occurrences {
    /// Writes the full identity of the next row `line` of the file into `out`.
    pub fn identity(&mut self, out: &mut String, line: &Line) {
        write_base(out, line);
        let mut h = FxHasher::default();
        h.write(out.as_bytes());
        self.number(out, h.finish());
    }

    /// Writes the full identity of the next row whose identity without occurrence is `base`.
    pub fn identity_of(&mut self, out: &mut String, base: &Base) {
        out.clear();
        out.push_str(&base.text);
        self.number(out, base.hash);
    }

    /// Appends `|k`, k counting the rows seen so far with the same hash.
    fn number(&mut self, out: &mut String, hash: u64) {
        let k = self.seen.entry(hash).or_insert(0);
        out.push('|');
        push_int(out, *k as i64);
        *k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(order: Option<&str>, amount: i64) -> Line<'_> {
        Line {
            metric: 3,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            person: 5,
            amount,
            quantity: 1,
            product_line: Some(2),
            customer: None,
            order_id: order,
        }
    }

    #[test]
    fn identical_rows_are_numbered_and_order_lines_differ() {
        let mut occ = Occurrences::default();
        let mut a = String::new();
        occ.identity(&mut a, &line(None, 88_000));
        assert_eq!(a, "3|2026-03-01|5|88000|1|2|||0");
        occ.identity(&mut a, &line(None, 88_000));
        assert_eq!(a, "3|2026-03-01|5|88000|1|2|||1");
        occ.identity(&mut a, &line(Some("SO|1"), 88_000));
        assert_eq!(a, "3|2026-03-01|5|88000|1|2||SO|1|0");
        occ.identity(&mut a, &line(Some("SO|1"), 100));
        assert_eq!(a, "3|2026-03-01|5|100|1|2||SO|1|0");
        // A base made on the reading thread numbers on with the same rows.
        occ.identity_of(&mut a, &Base::of(&line(None, 88_000)));
        assert_eq!(a, "3|2026-03-01|5|88000|1|2|||2");
    }

    #[test]
    fn numbers_and_dates_are_written_like_the_formatter_does() {
        for v in [0, 7, -7, 10, 99_999, -1_000_000, i64::MAX, i64::MIN] {
            let mut s = String::new();
            push_int(&mut s, v);
            assert_eq!(s, v.to_string());
        }
        let mut s = String::new();
        push_date(&mut s, NaiveDate::from_ymd_opt(1990, 1, 9).unwrap());
        assert_eq!(s, "1990-01-09");
    }
}
