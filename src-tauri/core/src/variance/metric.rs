//! Metric definitions and the dimension member a query may be filtered to: how they are read
//! and what they mean (their types are in `model.rs`).

use super::model::{DimFilter, Metric};
use super::store::catalog as store;
use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;

impl Metric {
    pub fn by_code(conn: &Connection, code: &str) -> Result<Metric> {
        store::metric_by_code(conn, code)?.ok_or_else(|| {
            Error::new(
                Code::MetricNotFound,
                format!("找不到指标“{code}”"),
                format!("No metric \"{code}\""),
            )
        })
    }

    pub fn by_id(conn: &Connection, id: i64) -> Result<Metric> {
        store::metric_by_id(conn, id)
    }

    pub fn all(conn: &Connection) -> Result<Vec<Metric>> {
        store::metrics(conn)
    }

    /// The metrics a user may choose for new data (a scorecard item, an improvement's check…):
    /// the ones not retired, plus those in `keep` (what existing data already refers to), in
    /// catalog order.
    pub fn choosable(conn: &Connection, keep: &[String]) -> Result<Vec<Metric>> {
        let retired = Self::retired_codes(conn)?;
        Ok(Self::all(conn)?
            .into_iter()
            .filter(|m| !retired.contains(&m.code) || keep.contains(&m.code))
            .collect())
    }

    /// The codes of the retired metrics.
    pub fn retired_codes(conn: &Connection) -> Result<Vec<String>> {
        store::retired_metric_codes(conn)
    }

    /// Whether the metric's values add up along the organisation and the calendar.
    pub fn is_additive(&self) -> bool {
        self.aggregation == "sum"
    }

    /// A ratio metric's components, when both are defined.
    pub fn components(&self) -> Option<(i64, i64)> {
        match (
            self.aggregation.as_str(),
            self.numerator_id,
            self.denominator_id,
        ) {
            ("ratio", Some(n), Some(d)) => Some((n, d)),
            _ => None,
        }
    }

    /// numerator / denominator in this metric's unit: basis points for percent and ratio
    /// metrics, the plain quotient (fen per order, ...) otherwise. None when the denominator is 0.
    pub fn ratio_value(&self, num: i64, den: i64) -> Option<i64> {
        if den == 0 {
            return None;
        }
        Some(match self.unit.as_str() {
            "percent" | "ratio" => crate::ratio_bp(num as i128, den as i128),
            _ => super::mul_div_round(num, 1, den),
        })
    }
}

/// A dimension the company sells by; the UI and the store name it by its [`code`](Dim::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dim {
    ProductLine,
    CustomerType,
    Channel,
}

crate::error::deserialize_by_code!(Dim);

impl Dim {
    pub const ALL: [Dim; 3] = [Dim::ProductLine, Dim::CustomerType, Dim::Channel];

    pub fn code(self) -> &'static str {
        match self {
            Dim::ProductLine => "product_line",
            Dim::CustomerType => "customer_type",
            Dim::Channel => "channel",
        }
    }

    /// `product_line`, `customer_type` or `channel`.
    pub fn parse(s: &str) -> Result<Dim> {
        Dim::ALL.into_iter().find(|d| d.code() == s).ok_or_else(|| {
            Error::new(
                Code::BadDimension,
                format!("维度“{s}”无效：应为 product_line、customer_type 或 channel"),
                format!(
                    "Invalid dimension \"{s}\": expected product_line, customer_type or channel"
                ),
            )
        })
    }
}

impl DimFilter {
    /// `dim` is product_line, customer_type or channel; `code` the member's code.
    pub fn resolve(conn: &Connection, dim: &str, code: &str) -> Result<DimFilter> {
        Self::check(dim)?;
        store::member(conn, dim, code)?
            .map(|(member_id, name_zh, name_en)| DimFilter {
                dim: dim.to_string(),
                member_id,
                code: code.to_string(),
                name_zh,
                name_en,
            })
            .ok_or_else(|| {
                Error::new(
                    Code::DimensionMemberNotFound,
                    format!("维度“{dim}”中没有成员“{code}”"),
                    format!("Dimension \"{dim}\" has no member \"{code}\""),
                )
            })
    }

    /// Every member of a dimension, in display order.
    pub fn members(conn: &Connection, dim: &str) -> Result<Vec<DimFilter>> {
        Self::check(dim)?;
        store::member_codes(conn, dim)?
            .iter()
            .map(|c| Self::resolve(conn, dim, c))
            .collect()
    }

    fn check(dim: &str) -> Result<()> {
        Dim::parse(dim).map(|_| ())
    }
}
