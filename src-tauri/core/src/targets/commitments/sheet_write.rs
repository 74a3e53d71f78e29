//! Writing a unit's commitment sheet (XLSX): the title and the instructions in Chinese and
//! English, one line per unit and period with its top-down target and an empty commitment cell,
//! quarters and years as formulas; every cell protected but the commitments to type. A hidden
//! sheet identifies the file (workspace, plan, unit, year, a checksum of the target column) and
//! says which unit and period each line is.

use super::layout::{Line, Role};
use super::{SheetId, COMMIT_COL, FIRST_LINE_ROW, ID_SHEET, MAIN_SHEET, MARKER};
use crate::calendar::PeriodKind;
use crate::error::Code;
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn xlsx_error(e: XlsxError) -> Error {
    Error::new(
        Code::ExportXlsx,
        format!("生成承诺表失败：{e}"),
        format!("Could not write the commitment sheet: {e}"),
    )
}

const ZH_HELP: &str = "请只在黄色的“承诺”单元格中填写各月能承诺完成的金额（元，可写 50万、1.2亿）。季度与全年自动合计；有下级的单位等于下级之和。其他单元格已保护，请勿修改。填好后保存，交回后在“目标”中点“导入承诺表”。";
const EN_HELP: &str = "Type only in the yellow Commitment cells: the amount (yuan; 50万 and 1.2亿 are fine) each month can commit to. Quarters and the year add up by themselves; a unit with sub-units is their sum. Every other cell is protected. Save and return the file; it is read back with Targets → Import commitment sheets.";

fn period_label(l: &Line) -> String {
    match l.kind {
        PeriodKind::Quarter => format!("{} 季度合计 / quarter", l.period),
        PeriodKind::Year => format!("{} 全年合计 / year", l.period),
        _ => l.period.clone(),
    }
}

fn cell_name(row: u32) -> String {
    format!("D{}", row + 1)
}

/// The sheet the team lead fills.
fn main_sheet(
    ws: &mut Worksheet,
    id: &SheetId,
    lines: &[Line],
) -> std::result::Result<(), XlsxError> {
    ws.set_name(MAIN_SHEET)?;
    let title = Format::new().set_bold().set_font_size(14);
    let help = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let head = Format::new()
        .set_bold()
        .set_background_color("#E8EEF7")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin);
    let sum_text = Format::new().set_bold().set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_num_format("#,##0.00")
        .set_border(FormatBorder::Thin);
    let sum_money = money.clone().set_bold().set_background_color("#F2F2F2");
    let typed = money.clone().set_unlocked().set_background_color("#FFF2CC");
    let fixed = money.clone().set_background_color("#D9D9D9");
    ws.merge_range(
        0,
        0,
        0,
        3,
        &format!("承诺表 Commitment sheet · {} · {}", id.path, id.year),
        &title,
    )?;
    ws.merge_range(1, 0, 1, 3, ZH_HELP, &help)?;
    ws.merge_range(2, 0, 2, 3, EN_HELP, &help)?;
    ws.set_row_height(1, 48)?;
    ws.set_row_height(2, 48)?;
    let heads = [
        "单位 Unit",
        "期间 Period",
        "目标（自上而下）Top-down target",
        "承诺（自下而上）Commitment",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(FIRST_LINE_ROW - 1, c as u16, *h, &head)?;
    }
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 24)?;
    ws.set_column_width(3, 24)?;
    for (i, l) in lines.iter().enumerate() {
        let r = FIRST_LINE_ROW + i as u32;
        let sum = matches!(l.role, Role::Sum(_));
        let tf = if sum { &sum_text } else { &text };
        ws.write_string_with_format(r, 0, &l.unit_name, tf)?;
        ws.write_string_with_format(r, 1, period_label(l), tf)?;
        let mf = if sum { &sum_money } else { &money };
        match l.target {
            Some(fen) => ws.write_number_with_format(r, 2, fen as f64 / 100.0, mf)?,
            None => ws.write_blank(r, 2, mf)?,
        };
        match &l.role {
            Role::Edit => ws.write_blank(r, COMMIT_COL, &typed)?,
            Role::Fixed => ws.write_blank(r, COMMIT_COL, &fixed)?,
            Role::Sum(parts) => {
                let cells: Vec<String> = parts
                    .iter()
                    .map(|p| cell_name(FIRST_LINE_ROW + *p as u32))
                    .collect();
                ws.write_formula_with_format(
                    r,
                    COMMIT_COL,
                    format!("=SUM({})", cells.join(",")).as_str(),
                    &sum_money,
                )?
            }
        };
    }
    ws.set_freeze_panes(FIRST_LINE_ROW, 0)?;
    ws.protect();
    Ok(())
}

/// The hidden sheet: who the file is for, and the unit and period of each line.
fn id_sheet(
    ws: &mut Worksheet,
    id: &SheetId,
    lines: &[Line],
) -> std::result::Result<(), XlsxError> {
    ws.set_name(ID_SHEET)?;
    let pairs = [
        (MARKER, "1".to_string()),
        ("workspace", id.workspace.clone()),
        ("plan", id.plan.to_string()),
        ("metric", id.metric.clone()),
        ("unit", id.unit.to_string()),
        ("path", id.path.clone()),
        ("year", id.year.to_string()),
        ("checksum", id.checksum.clone()),
        ("lines", lines.len().to_string()),
    ];
    for (r, (k, v)) in pairs.iter().enumerate() {
        ws.write_string(r as u32, 0, *k)?;
        ws.write_string(r as u32, 1, v)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let r = super::ID_LINES_ROW + i as u32;
        ws.write_string(r, 0, l.unit.to_string())?;
        ws.write_string(r, 1, &l.period)?;
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

/// The workbook's bytes.
pub(crate) fn write(id: &SheetId, lines: &[Line]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    main_sheet(wb.add_worksheet(), id, lines).map_err(xlsx_error)?;
    id_sheet(wb.add_worksheet(), id, lines).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}
