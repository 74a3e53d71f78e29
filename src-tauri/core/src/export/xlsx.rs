//! XLSX with number formats: money #,##0.00, shares 0.00%, a bold frozen header row.

use super::{Cell, Table};
use crate::error::Code;
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, Workbook};

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::new(
        Code::ExportXlsx,
        format!("生成 XLSX 文件失败：{e}"),
        format!("Could not write the XLSX file: {e}"),
    )
}

pub fn write_xlsx(table: &Table) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(&table.sheet).map_err(xlsx_error)?;
    let header = Format::new().set_bold().set_background_color("#E8EEF7");
    let money = Format::new().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.00%");
    let int = Format::new().set_num_format("0");
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &header)
            .map_err(xlsx_error)?;
        ws.set_column_width(c as u16, 14).map_err(xlsx_error)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            // XLSX stores numbers as doubles; fen / 100 and bp / 10000 print exactly at 2 decimals.
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                Cell::Money(fen) => ws
                    .write_number_with_format(r, c, *fen as f64 / 100.0, &money)
                    .map(|_| ()),
                Cell::Percent(bp) => ws
                    .write_number_with_format(r, c, *bp as f64 / 10_000.0, &percent)
                    .map(|_| ()),
                Cell::Int(v) => ws
                    .write_number_with_format(r, c, *v as f64, &int)
                    .map(|_| ()),
                Cell::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .map_err(xlsx_error)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}
