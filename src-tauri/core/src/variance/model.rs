//! The variance engine's data: what its store reads and its figures are made of (a sum of
//! actual rows, a metric, a dimension member, an org unit, a drill-down row). The files that
//! read them (`store/`) and the files that compute with them both use this one, so neither uses
//! the other.

use serde::Serialize;

/// A sum of actual rows: amount in the metric's unit and how many rows made it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    pub amount: i64,
    pub rows: i64,
}

impl std::ops::AddAssign for Sum {
    /// Checked: a sum past the i64 range stops at its edge instead of wrapping to the other sign.
    fn add_assign(&mut self, o: Sum) {
        self.amount = self.amount.saturating_add(o.amount);
        self.rows = self.rows.saturating_add(o.rows);
    }
}

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
    /// The column of `actual` that holds this dimension.
    pub(crate) fn column(&self) -> &'static str {
        column_of(&self.dim).unwrap_or("product_line_id")
    }
}

/// The column of `actual` that holds the dimension `dim`.
fn column_of(dim: &str) -> Option<&'static str> {
    match dim {
        "product_line" => Some("product_line_id"),
        "customer_type" => Some("customer_type_id"),
        "channel" => Some("channel_id"),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct OrgNode {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub children: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DrillRow {
    pub id: i64,
    pub date: String,
    pub metric: String,
    pub person: String,
    pub person_path: String,
    pub amount: i64,
    pub quantity: i64,
    pub product_line: Option<String>,
    pub customer_type: Option<String>,
    pub channel: Option<String>,
    pub customer: Option<String>,
    pub order_id: Option<String>,
    pub batch_id: i64,
    pub file_name: String,
    pub source_sheet: Option<String>,
    pub source_row: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::Sum;

    #[test]
    fn a_sum_never_wraps_to_the_other_sign() {
        let mut s = Sum {
            amount: i64::MAX - 5,
            rows: 1,
        };
        s += Sum {
            amount: 10,
            rows: 1,
        };
        assert_eq!(
            s,
            Sum {
                amount: i64::MAX,
                rows: 2
            }
        );
        let mut n = Sum {
            amount: i64::MIN + 5,
            rows: 0,
        };
        n += Sum {
            amount: -10,
            rows: 0,
        };
        assert_eq!(n.amount, i64::MIN);
    }
}
