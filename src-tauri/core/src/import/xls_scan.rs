//! An XLS workbook is built whole in memory by calamine when it opens: every sheet's cells, with
//! room reserved for the size its DIMENSIONS record declares and a grid spanning its first to its
//! last cell. Before calamine opens the file, the Workbook stream's records are walked once (as
//! calamine walks them: each sheet from the position its BOUNDSHEET record gives) and the cells
//! it would allocate are counted, so a few kilobytes claiming millions of cells are refused.

use super::guard::{Caps, Where};
use crate::error::Code;
use crate::error::Result;
use std::io::Read;
use std::path::Path;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// Records that hold one cell, starting with its row and column (u16 each).
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as u64)
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as u64)
}

/// The records of a BIFF stream from `at`: (type, data), until the bytes run out.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(at..).unwrap_or(&[]);
    std::iter::from_fn(move || {
        let typ = u16_at(rest, 0)? as u16;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

/// The span of the cells of one sheet, and the cells its DIMENSIONS record reserves.
#[derive(Default)]
struct Span {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    reserved: u64,
}

impl Span {
    fn add(&mut self, row: u64, first_col: u64, last_col: u64) {
        let r = self.rows.get_or_insert((row, row));
        *r = (r.0.min(row), r.1.max(row));
        let c = self.cols.get_or_insert((first_col, last_col));
        *c = (c.0.min(first_col), c.1.max(last_col));
    }

    fn cells(&self) -> u64 {
        let grid = match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                (r1 - r0 + 1).saturating_mul(c1.saturating_sub(c0) + 1)
            }
            _ => 0,
        };
        grid.saturating_add(self.reserved)
    }
}

/// The cells calamine would allocate for the sheet starting at `at`.
fn sheet_cells(stream: &[u8], at: usize) -> u64 {
    let mut span = Span::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (typ, data) in records(stream, at) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => {
                let (first_row, last_row, first_col, last_col) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    _ => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                };
                if let (Some(r0), Some(r1), Some(c0), Some(c1)) =
                    (first_row, last_row, first_col, last_col)
                {
                    let c0 = if c0 > 0xFF || c1 < c0 { 0 } else { c0 };
                    let rows = r1.saturating_sub(r0).max(1);
                    let cols = c1.saturating_sub(c0).max(1);
                    span.reserved = span.reserved.max(rows.saturating_mul(cols));
                }
            }
            MULRK => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|at| u16_at(data, at)),
                ) {
                    span.add(row, first, last.max(first));
                }
            }
            t if CELLS.contains(&t) => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    span.add(row, col, col);
                }
            }
            _ => {}
        }
    }
    span.cells()
}

/// Refuses an XLS whose sheets calamine would build past the cell cap. A file that is not a
/// compound file is left to calamine, which names what is wrong with it.
pub fn check_xls(path: &Path, caps: &Caps, w: &Where) -> Result<()> {
    let Ok(mut file) = cfb::open(path) else {
        return Ok(());
    };
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n));
    let Some(name) = name else {
        return Ok(());
    };
    let mut stream = Vec::new();
    let read = file
        .open_stream(name)
        .and_then(|s| s.take(caps.max_file_bytes).read_to_end(&mut stream));
    if read.is_err() {
        return Ok(());
    }
    let mut total = 0u64;
    // The globals substream lists each sheet's position.
    for (typ, data) in records(&stream, 0) {
        match typ {
            EOF => break,
            BOUNDSHEET => {
                if let Some(at) = u32_at(data, 0) {
                    total = total.saturating_add(sheet_cells(&stream, at as usize));
                }
            }
            _ => {}
        }
        if total > caps.max_loaded_cells {
            return Err(w.error(
                Code::ImportTooManyCells,
                format!(
                    "工作簿展开后超过 {} 个单元格（工作表声明或使用的范围过大），已拒绝",
                    caps.max_loaded_cells
                ),
                format!(
                    "the workbook expands to more than {} cells (its sheets declare or span too large a range); refused",
                    caps.max_loaded_cells
                ),
            ));
        }
    }
    Ok(())
}
