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
use std::fmt::Write;
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

fn write_opt(out: &mut String, v: Option<i64>) {
    if let Some(v) = v {
        let _ = write!(out, "{v}");
    }
}

/// Counts the identical rows of one file as they come, to number their occurrences.
#[derive(Debug, Default)]
pub struct Occurrences {
    /// 64-bit hash of an identity without occurrence → rows seen so far.
    seen: FxHashMap<u64, u32>,
}

/// Writes the identity of `line` without its occurrence (ends with the order number).
fn write_base(out: &mut String, line: &Line) {
    out.clear();
    let d = line.date;
    let _ = write!(
        out,
        "{}|{:04}-{:02}-{:02}|{}|{}|{}|",
        line.metric,
        d.year(),
        d.month(),
        d.day(),
        line.person,
        line.amount,
        line.quantity
    );
    write_opt(out, line.product_line);
    out.push('|');
    write_opt(out, line.customer);
    out.push('|');
    if let Some(o) = line.order_id {
        out.push_str(o);
    }
}

/// Writes the full identity of `line` as its `k`-th occurrence into `out` (redo uses it to give
/// restored rows the identity of today's format).
pub fn write_identity(out: &mut String, line: &Line, k: u32) {
    write_base(out, line);
    let _ = write!(out, "|{k}");
}

/// The occurrence number of an identity: the digits after its last `|`.
pub fn occurrence_of(identity: &str) -> Option<u32> {
    identity.rsplit_once('|').and_then(|(_, k)| k.parse().ok())
}

impl Occurrences {
    /// Writes the full identity of the next row `line` of the file into `out`.
    pub fn identity(&mut self, out: &mut String, line: &Line) {
        write_base(out, line);
        let mut h = FxHasher::default();
        h.write(out.as_bytes());
        let k = self.seen.entry(h.finish()).or_insert(0);
        let _ = write!(out, "|{k}");
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
    }
}
