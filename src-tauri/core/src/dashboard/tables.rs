//! The view's tables as files: which table (the UI and the CLI name it by its code), and the
//! table itself, ready for CSV or XLSX.

use super::{dimension_view, query};
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::export::{export_table, variance_table};
use crate::store::Workspace;
use crate::variance::{Dim, Engine};
use std::path::Path;

/// Which of the view's tables to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewTable {
    /// The node and its sub-units, every figure.
    Variance,
    /// The node by the members of a dimension.
    Dimension(Dim),
    Ranking,
    Indicators,
    /// The funnel's deals over their stage's time limit.
    Stuck,
    /// Every transaction behind the node's actual, with its source.
    Transactions,
}

/// A table of the view as the UI and the CLI name it: `variance`, `dimension`, `ranking`,
/// `indicators`, `stuck` or `transactions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableName {
    Variance,
    Dimension,
    Ranking,
    Indicators,
    Stuck,
    Transactions,
}

crate::error::deserialize_by_code!(TableName);

impl TableName {
    pub fn code(self) -> &'static str {
        match self {
            TableName::Variance => "variance",
            TableName::Dimension => "dimension",
            TableName::Ranking => "ranking",
            TableName::Indicators => "indicators",
            TableName::Stuck => "stuck",
            TableName::Transactions => "transactions",
        }
    }

    pub fn parse(s: &str) -> Result<TableName> {
        Ok(match s {
            "variance" => TableName::Variance,
            "dimension" => TableName::Dimension,
            "ranking" => TableName::Ranking,
            "indicators" => TableName::Indicators,
            "stuck" => TableName::Stuck,
            "transactions" => TableName::Transactions,
            other => {
                return Err(Error::new(
                    Code::BadTable,
                    format!("表格“{other}”无效：应为 variance、dimension、ranking、indicators、stuck 或 transactions"),
                    format!("Invalid table \"{other}\": expected variance, dimension, ranking, indicators, stuck or transactions"),
                ))
            }
        })
    }
}

impl ViewTable {
    /// The table named, by `dim` for the dimension table (product lines when none is given).
    pub fn new(name: TableName, dim: Option<Dim>) -> ViewTable {
        match name {
            TableName::Variance => ViewTable::Variance,
            TableName::Dimension => ViewTable::Dimension(dim.unwrap_or(Dim::ProductLine)),
            TableName::Ranking => ViewTable::Ranking,
            TableName::Indicators => ViewTable::Indicators,
            TableName::Stuck => ViewTable::Stuck,
            TableName::Transactions => ViewTable::Transactions,
        }
    }

    /// From the codes: `table` (see [`TableName`]) and, for the dimension table, `dim`.
    pub fn parse(table: &str, dim: Option<&str>) -> Result<ViewTable> {
        let name = TableName::parse(table)?;
        let dim = match (name, dim) {
            (TableName::Dimension, Some(d)) => Some(Dim::parse(d)?),
            _ => None,
        };
        Ok(ViewTable::new(name, dim))
    }

    /// A short name for files: the table's code (and the dimension's).
    pub fn code(&self) -> String {
        match self {
            ViewTable::Variance => "variance".into(),
            ViewTable::Dimension(d) => format!("by_{}", d.code()),
            ViewTable::Ranking => "ranking".into(),
            ViewTable::Indicators => "indicators".into(),
            ViewTable::Stuck => "stuck_deals".into(),
            ViewTable::Transactions => "transactions".into(),
        }
    }
}

/// One of the view's tables, as it goes into a file.
pub fn view_table(
    engine: &Engine,
    node: &str,
    period: &str,
    table: &ViewTable,
    lang: Lang,
) -> Result<crate::export::Table> {
    use crate::export::dashboard_tables as t;
    let q = query(node, period);
    Ok(match table {
        ViewTable::Variance => variance_table(&engine.variance(&q)?, lang),
        ViewTable::Dimension(dim) => {
            let v = dimension_view(engine, node, period, dim.code())?;
            let named: Vec<crate::variance::Figures> = v
                .rows
                .iter()
                .map(|r| crate::variance::Figures {
                    name: match lang {
                        Lang::Zh => r.name_zh.clone(),
                        Lang::En => r.name_en.clone(),
                    },
                    ..r.figures.clone()
                })
                .chain(std::iter::once(v.total.clone()))
                .collect();
            let refs: Vec<&crate::variance::Figures> = named.iter().collect();
            let sheet = match (lang, dim) {
                (Lang::Zh, Dim::CustomerType) => "按客户类型".to_string(),
                (Lang::Zh, Dim::Channel) => "按渠道".to_string(),
                (Lang::Zh, Dim::ProductLine) => "按产品线".to_string(),
                (Lang::En, Dim::CustomerType) => "By customer type".to_string(),
                (Lang::En, Dim::Channel) => "By channel".to_string(),
                (Lang::En, Dim::ProductLine) => "By product line".to_string(),
            };
            crate::export::figures_table(sheet, &v.metric, &v.period, &refs, lang)
        }
        ViewTable::Ranking => t::ranking_table(&engine.ranking(&q)?, lang),
        ViewTable::Indicators => t::indicators_table(&engine.indicators(node, period)?, lang),
        ViewTable::Stuck => t::stuck_table(&engine.funnel(node)?, lang),
        ViewTable::Transactions => {
            t::transactions_table(&engine.drill_down(&q, i64::MAX, 0)?, lang)
        }
    })
}

pub fn write_table(
    ws: &Workspace,
    node: &str,
    period: &str,
    table: &ViewTable,
    lang: Lang,
    path: &Path,
) -> Result<()> {
    let engine = Engine::new(ws)?;
    export_table(&view_table(&engine, node, period, table, lang)?, path)
}
