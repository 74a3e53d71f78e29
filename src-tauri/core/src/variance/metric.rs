//! Metric definitions and the dimension member a query may be filtered to.

use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    pub id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// currency (fen), count (units), percent / ratio (basis points).
    pub unit: String,
    pub lower_is_better: bool,
    /// lagging, leading, risk, health.
    pub kind: String,
    /// short, long.
    pub horizon: String,
    /// sum, average, last, ratio.
    pub aggregation: String,
    pub numerator_id: Option<i64>,
    pub denominator_id: Option<i64>,
    pub alert_threshold_bp: i64,
}

const COLUMNS: &str = "id, code, name_zh, name_en, unit, direction, kind, horizon, aggregation,
                       numerator_id, denominator_id, alert_threshold_bp";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Metric> {
    Ok(Metric {
        id: r.get(0)?,
        code: r.get(1)?,
        name_zh: r.get(2)?,
        name_en: r.get(3)?,
        unit: r.get(4)?,
        lower_is_better: r.get::<_, String>(5)? == "lower",
        kind: r.get(6)?,
        horizon: r.get(7)?,
        aggregation: r.get(8)?,
        numerator_id: r.get(9)?,
        denominator_id: r.get(10)?,
        alert_threshold_bp: r.get(11)?,
    })
}

impl Metric {
    pub fn by_code(conn: &Connection, code: &str) -> Result<Metric> {
        conn.query_row(
            &format!("SELECT {COLUMNS} FROM metric WHERE code = ?1"),
            [code],
            from_row,
        )
        .optional()?
        .ok_or_else(|| {
            Error::new(
                Code::MetricNotFound,
                format!("找不到指标“{code}”"),
                format!("No metric \"{code}\""),
            )
        })
    }

    pub fn by_id(conn: &Connection, id: i64) -> Result<Metric> {
        Ok(conn.query_row(
            &format!("SELECT {COLUMNS} FROM metric WHERE id = ?1"),
            [id],
            from_row,
        )?)
    }

    pub fn all(conn: &Connection) -> Result<Vec<Metric>> {
        let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM metric ORDER BY sort, id"))?;
        let v = st
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
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
        let mut st = conn.prepare("SELECT code FROM metric WHERE retired_at IS NOT NULL")?;
        let v = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
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

/// A dimension member a query is restricted to (product line, customer type or channel).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DimFilter {
    pub dim: String,
    pub member_id: i64,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

impl DimFilter {
    /// `dim` is product_line, customer_type or channel; `code` the member's code.
    pub fn resolve(conn: &Connection, dim: &str, code: &str) -> Result<DimFilter> {
        Self::check(dim)?;
        conn.query_row(
            "SELECT id, name_zh, name_en FROM dimension_member WHERE dim = ?1 AND code = ?2",
            [dim, code],
            |r| {
                Ok(DimFilter {
                    dim: dim.to_string(),
                    member_id: r.get(0)?,
                    code: code.to_string(),
                    name_zh: r.get(1)?,
                    name_en: r.get(2)?,
                })
            },
        )
        .optional()?
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
        let mut st =
            conn.prepare("SELECT code FROM dimension_member WHERE dim = ?1 ORDER BY sort, id")?;
        let codes: Vec<String> = st
            .query_map([dim], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        codes.iter().map(|c| Self::resolve(conn, dim, c)).collect()
    }

    /// The column of `actual` that holds this dimension.
    pub(crate) fn column(&self) -> &'static str {
        Self::column_of(&self.dim).unwrap_or("product_line_id")
    }

    fn check(dim: &str) -> Result<()> {
        Dim::parse(dim).map(|_| ())
    }

    fn column_of(dim: &str) -> Option<&'static str> {
        match dim {
            "product_line" => Some("product_line_id"),
            "customer_type" => Some("customer_type_id"),
            "channel" => Some("channel_id"),
            _ => None,
        }
    }
}
