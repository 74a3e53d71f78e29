//! Tables for meetings: CSV in UTF-8 with a BOM (so Excel opens Chinese correctly, and cells that
//! Excel would run as formulas are neutralised) and XLSX with number formats.

mod csv;
pub mod dashboard_tables;
mod write_failure;
mod xlsx;

pub use self::csv::{neutralise, write_csv};
pub use self::write_failure::{write_failed, WriteReason};
pub use self::xlsx::write_xlsx;

use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::variance::{Figures, Metric, VarianceReport};
use std::path::Path;

/// A typed cell: numbers stay numbers in both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Money in fen.
    Money(i64),
    /// A share in basis points.
    Percent(i64),
    Int(i64),
    Bool(bool),
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub sheet: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// How a table is written: the UI names it `"csv"` or `"xlsx"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

crate::error::deserialize_by_code!(TableFormat);

impl TableFormat {
    /// `csv` or `xlsx`.
    pub fn parse(s: &str) -> Result<TableFormat> {
        match s {
            "csv" => Ok(TableFormat::Csv),
            "xlsx" => Ok(TableFormat::Xlsx),
            _ => Err(Error::new(
                Code::BadTableFormat,
                format!("表格格式“{s}”无效：应为 csv 或 xlsx"),
                format!("Invalid table format \"{s}\": expected csv or xlsx"),
            )),
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Xlsx => "xlsx",
        }
    }

    pub fn from_path(path: &Path) -> Result<TableFormat> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
        {
            Some(e) if e == "csv" => Ok(TableFormat::Csv),
            Some(e) if e == "xlsx" => Ok(TableFormat::Xlsx),
            _ => Err(Error::new(
                Code::BadExportFile,
                format!("导出文件“{}”的扩展名应为 .csv 或 .xlsx", path.display()),
                format!(
                    "Export file \"{}\" must end in .csv or .xlsx",
                    path.display()
                ),
            )),
        }
    }
}

/// The table as file bytes.
pub fn table_bytes(table: &Table, format: TableFormat) -> Result<Vec<u8>> {
    match format {
        TableFormat::Csv => {
            let mut out = Vec::new();
            write_csv(table, &mut out)?;
            Ok(out)
        }
        TableFormat::Xlsx => write_xlsx(table),
    }
}

/// Writes the table to `path`, CSV or XLSX by its extension.
pub fn export_table(table: &Table, path: &Path) -> Result<()> {
    let bytes = table_bytes(table, TableFormat::from_path(path)?)?;
    std::fs::write(path, bytes).map_err(|e| write_failed(Code::ExportWrite, path, &e))
}

pub(crate) fn tr(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The variance table: the report's node, then each child, one row each.
pub fn variance_table(report: &VarianceReport, lang: Lang) -> Table {
    let rows: Vec<&Figures> = std::iter::once(&report.figures)
        .chain(report.figures.children.iter())
        .collect();
    figures_table(
        tr(lang, "差异分析", "Variance"),
        &report.metric,
        &report.period,
        &rows,
        lang,
    )
}

/// One row of figures per node (or per dimension member), every figure the variance has.
pub fn figures_table(
    sheet: String,
    m: &Metric,
    period: &str,
    figures: &[&Figures],
    lang: Lang,
) -> Table {
    let value = |v: i64| metric_cell(m, v);
    let opt = |v: Option<i64>, f: &dyn Fn(i64) -> Cell| v.map(f).unwrap_or(Cell::Empty);
    let headers = [
        ("节点", "Node"),
        ("路径", "Path"),
        ("指标", "Metric"),
        ("期间", "Period"),
        ("目标（基准）", "Target (base)"),
        ("保底", "Floor"),
        ("挑战", "Challenge"),
        ("实际", "Actual"),
        ("达成率", "Achievement"),
        ("差距", "Gap"),
        ("时间进度", "Time progress"),
        ("应达进度", "Expected to date"),
        ("进度偏差", "Pace variance"),
        ("预警", "Alert"),
        ("预测", "Forecast"),
        ("预测可达档位", "Tier reached"),
    ]
    .iter()
    .map(|(zh, en)| tr(lang, zh, en))
    .collect();
    let metric_name = tr(lang, &m.name_zh, &m.name_en);
    let tier = |t: crate::variance::Tier| match t {
        crate::variance::Tier::Challenge => tr(lang, "挑战", "Challenge"),
        crate::variance::Tier::Base => tr(lang, "基准", "Base"),
        crate::variance::Tier::Floor => tr(lang, "保底", "Floor"),
        crate::variance::Tier::Below => tr(lang, "未达保底", "Below floor"),
    };
    let rows = figures
        .iter()
        .map(|f| {
            vec![
                Cell::Text(f.name.clone()),
                Cell::Text(f.path.clone()),
                Cell::Text(metric_name.clone()),
                Cell::Text(period.to_string()),
                opt(f.target.map(|t| t.base), &value),
                opt(f.target.map(|t| t.floor), &value),
                opt(f.target.map(|t| t.challenge), &value),
                value(f.actual),
                opt(f.achievement_bp, &Cell::Percent),
                opt(f.gap, &value),
                Cell::Percent(f.time_progress_bp),
                opt(f.expected_to_date, &value),
                opt(f.pace_variance_bp, &Cell::Percent),
                Cell::Bool(f.alert),
                opt(f.forecast.map(|x| x.value), &value),
                f.tier_reached
                    .map(|t| Cell::Text(tier(t)))
                    .unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    Table {
        sheet,
        headers,
        rows,
    }
}

/// A metric's value as a typed cell: money in fen, percent and ratio in basis points, counts.
pub fn metric_cell(m: &Metric, v: i64) -> Cell {
    unit_cell(&m.unit, v)
}

/// A value in a metric unit (currency: fen, percent / ratio: basis points, count) as a cell.
pub fn unit_cell(unit: &str, v: i64) -> Cell {
    match unit {
        "currency" => Cell::Money(v),
        "percent" | "ratio" => Cell::Percent(v),
        _ => Cell::Int(v),
    }
}

#[cfg(test)]
mod tests;
