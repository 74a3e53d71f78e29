//! An ODS sheet is built whole in memory by calamine, with every repeated cell
//! (`table:number-columns-repeated`, `table:number-rows-repeated`) expanded up to the last cell
//! that holds a value. Before calamine opens the file, `content.xml` is streamed once and the
//! cells it would expand are counted, so a few kilobytes claiming millions of cells are refused.

use super::guard::{Caps, Where};
use crate::error::Code;
use crate::error::Result;
use quick_xml::events::{BytesStart, Event};
use std::io::BufReader;
use std::path::Path;

/// Counts of one sheet as calamine would expand it.
#[derive(Default)]
struct SheetCount {
    rows: u64,
    last_row_with_value: u64,
    widest: u64,
}

fn repeat(e: &BytesStart, attr: &str) -> u64 {
    e.try_get_attribute(attr)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn holds_value(e: &BytesStart, start: bool) -> bool {
    start || matches!(e.try_get_attribute("office:value-type"), Ok(Some(_)))
}

/// Refuses an ODS whose sheets would expand past the column or cell caps.
pub fn check_ods(path: &Path, caps: &Caps, w: &Where) -> Result<()> {
    let damaged = |e: &dyn std::fmt::Display| {
        w.error(
            Code::ImportDamagedWorkbook,
            format!("不是有效的工作簿（{e}）"),
            format!("is not a valid workbook ({e})"),
        )
    };
    let f = std::fs::File::open(path).map_err(|e| w.io(e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(f)).map_err(|e| damaged(&e))?;
    let content = zip.by_name("content.xml").map_err(|e| damaged(&e))?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let (mut sheet, mut total) = (SheetCount::default(), 0u64);
    let (mut row_rep, mut col, mut width) = (1u64, 0u64, 0u64);
    loop {
        let (e, start) = match xml.read_event_into(&mut buf).map_err(|e| damaged(&e))? {
            Event::Eof => break,
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        sheet.rows = sheet.rows.saturating_add(row_rep);
                        if width > 0 {
                            sheet.last_row_with_value = sheet.rows;
                            sheet.widest = sheet.widest.max(width);
                        }
                    }
                    "table:table" => {
                        total = total
                            .saturating_add(sheet.last_row_with_value.saturating_mul(sheet.widest));
                        sheet = SheetCount::default();
                    }
                    _ => {}
                }
                buf.clear();
                continue;
            }
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table-row" => {
                row_rep = repeat(&e, "table:number-rows-repeated");
                (col, width) = (0, 0);
            }
            "table:table-cell" | "table:covered-table-cell" => {
                col = col.saturating_add(repeat(&e, "table:number-columns-repeated"));
                if holds_value(&e, start) {
                    width = col;
                }
                if width > caps.max_columns as u64 {
                    return Err(w.clone().row(sheet.rows + 1).error(
                        Code::ImportTooManyColumns,
                        format!("一行有 {width} 列，超过上限 {}", caps.max_columns),
                        format!(
                            "a row has {width} columns, more than the limit of {}",
                            caps.max_columns
                        ),
                    ));
                }
            }
            _ => {}
        }
        let cells = total.saturating_add(
            sheet
                .rows
                .saturating_add(row_rep)
                .saturating_mul(sheet.widest.max(width)),
        );
        if width > 0 && cells > caps.max_loaded_cells {
            return Err(w.error(
                Code::ImportTooManyCells,
                format!("工作簿展开后超过 {} 个单元格（重复的行或列过多），已拒绝", caps.max_loaded_cells),
                format!("the workbook expands to more than {} cells (too many repeated rows or columns); refused", caps.max_loaded_cells),
            ));
        }
        buf.clear();
    }
    Ok(())
}
