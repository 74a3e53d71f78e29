//! CSV in UTF-8 with a byte-order mark, RFC 4180 quoting, and formula injection neutralised.

use super::{Cell, Table};
use crate::error::Result;
use std::io::Write;

/// Whether `s` is a plain decimal number such as `-200.00` or `+5`: Excel reads it as a number,
/// never as a formula, so it is left alone.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (frac.is_empty() != digits.contains('.'))
}

/// A text cell that Excel would run as a formula (it starts with = + - @, a tab or a carriage
/// return) gets a leading apostrophe; plain numbers like `-200.00` stay numbers.
pub fn neutralise(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => neutralise(s),
        Cell::Money(fen) => crate::money::format_yuan(*fen),
        Cell::Percent(bp) => format!("{}%", crate::money::format_yuan(*bp)),
        Cell::Int(v) => v.to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Empty => String::new(),
    }
}

pub fn write_csv(table: &Table, out: &mut dyn Write) -> Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let header: Vec<String> = table
        .headers
        .iter()
        .map(|h| quote(&neutralise(h)))
        .collect();
    out.write_all(header.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| quote(&cell_text(c))).collect();
        out.write_all(cells.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}
