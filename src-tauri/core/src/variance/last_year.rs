//! Year over year: the same period one year earlier, counted to the same point (as many days
//! into the period as this year's figures are), with its actual and the growth in basis points,
//! for the node and each of its sub-units.

use super::{Engine, VarianceQuery, VarianceReport};
use crate::error::Result;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastYearRow {
    pub path: String,
    pub name: String,
    /// Last year's actual over `start..=to` (fen for currency).
    pub actual: i64,
    /// This year's actual − last year's, over last year's (None when last year had nothing, or
    /// this period has not begun).
    pub growth_bp: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastYear {
    /// The same period last year: `2025-Q4`, `2025-10`, `2025-W42`, `2025`, `2025-YTD`.
    pub period: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The last day counted: as far into last year's period as this year's figures go.
    pub to: NaiveDate,
    /// The node first, then each sub-unit in the report's order.
    pub rows: Vec<LastYearRow>,
}

/// The key of the same period one year earlier (`2026-W53` becomes `2025-W52` when 2025 has
/// no 53rd week).
fn key_a_year_before(key: &str) -> Option<String> {
    let year: i32 = key.get(..4)?.parse().ok()?;
    let rest = &key[4..];
    if let Some(w) = rest.strip_prefix("-W") {
        let w: u32 = w.parse().ok()?;
        let weeks = NaiveDate::from_ymd_opt(year - 1, 12, 28)?.iso_week().week();
        return Some(format!("{}-W{:02}", year - 1, w.min(weeks)));
    }
    Some(format!("{}{rest}", year - 1))
}

/// First and last day of the same period one year earlier.
fn range_a_year_before(
    key: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    if key.contains("-W") {
        let ly = key_a_year_before(key)?;
        let (y, w) = ly.split_once("-W")?;
        let s = NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, Weekday::Mon)?;
        return Some((s, s + Duration::days(6)));
    }
    Some((
        start.checked_sub_months(Months::new(12))?,
        // The month's last day stays the last day (29 February becomes the 28th).
        (end + Duration::days(1)).checked_sub_months(Months::new(12))? - Duration::days(1),
    ))
}

impl Engine<'_> {
    /// The report's period one year earlier, for its node and sub-units; None for a period
    /// whose key has no year before it.
    pub fn last_year(
        &self,
        q: &VarianceQuery,
        report: &VarianceReport,
    ) -> Result<Option<LastYear>> {
        let r = self.resolve(q)?;
        let p = &r.period;
        let (Some(period), Some((start, end))) = (
            key_a_year_before(&p.key),
            range_a_year_before(&p.key, p.start, p.end),
        ) else {
            return Ok(None);
        };
        let this_to = self.to_date(p);
        let started = this_to >= p.start;
        // As many days into the period as this year's figures; the whole period when this one
        // is over or has not begun (then it is only a reference).
        let to = if started && this_to < p.end {
            (start + (this_to - p.start)).min(end)
        } else {
            end
        };
        let figures: Vec<&super::Figures> = std::iter::once(&report.figures)
            .chain(report.figures.children.iter())
            .collect();
        let nodes: Vec<i64> = figures.iter().map(|f| f.node_id).collect();
        let values = self.actual_values(&r.metric, r.dim.as_ref(), start, to, &nodes)?;
        let rows = figures
            .iter()
            .zip(values)
            .map(|(f, v)| {
                let actual = v.unwrap_or(0);
                LastYearRow {
                    path: f.path.clone(),
                    name: f.name.clone(),
                    actual,
                    growth_bp: (started && actual != 0).then(|| {
                        crate::ratio_bp(f.actual as i128 - actual as i128, actual as i128)
                    }),
                }
            })
            .collect();
        Ok(Some(LastYear {
            period,
            start,
            end,
            to,
            rows,
        }))
    }
}

impl LastYear {
    /// As the CLI prints it: amounts in the metric's unit as decimal strings, growth in bp.
    pub fn to_json(&self, unit: &str) -> serde_json::Value {
        serde_json::json!({
            "period": self.period,
            "start": self.start.to_string(),
            "end": self.end.to_string(),
            "to": self.to.to_string(),
            "actual": self.rows.first().map(|r| super::json::format_value(unit, r.actual)),
            "growth": self.rows.first().and_then(|r| r.growth_bp),
            "children": self.rows.iter().skip(1).map(|r| serde_json::json!({
                "path": r.path,
                "name": r.name,
                "actual": super::json::format_value(unit, r.actual),
                "growth": r.growth_bp,
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_ranges_a_year_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(key_a_year_before("2026-Q4").as_deref(), Some("2025-Q4"));
        assert_eq!(key_a_year_before("2026-10").as_deref(), Some("2025-10"));
        assert_eq!(key_a_year_before("2026").as_deref(), Some("2025"));
        assert_eq!(key_a_year_before("2026-YTD").as_deref(), Some("2025-YTD"));
        assert_eq!(key_a_year_before("2026-W42").as_deref(), Some("2025-W42"));
        // 2020 had 53 ISO weeks, 2019 only 52.
        assert_eq!(key_a_year_before("2020-W53").as_deref(), Some("2019-W52"));
        assert_eq!(
            range_a_year_before("2024-02", d("2024-02-01"), d("2024-02-29")),
            Some((d("2023-02-01"), d("2023-02-28")))
        );
        assert_eq!(
            range_a_year_before("2026-W42", d("2026-10-12"), d("2026-10-18")),
            Some((d("2025-10-13"), d("2025-10-19")))
        );
    }
}

#[cfg(test)]
mod demo_tests {
    use crate::variance::{Engine, VarianceQuery};

    /// The demo with last year's sales: every 2026 line again a year earlier at 80%, plus one
    /// 2025-10-16 line (after the as-of day's twin) that a to-date comparison must leave out.
    fn demo_with_last_year() -> crate::store::Workspace {
        let ws = crate::demo::in_memory();
        let c = ws.conn();
        c.execute(
            "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'ly.csv', 'ly', '2026-01-02T00:00:00')",
            [],
        )
        .unwrap();
        let batch = c.last_insert_rowid();
        c.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
             SELECT ?1, date(date, '-1 year'), person_id, metric_id, amount * 4 / 5, 'ly:' || fingerprint FROM actual",
            [batch],
        )
        .unwrap();
        c.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
             SELECT ?1, '2025-10-16', id, (SELECT id FROM metric WHERE code = 'revenue'), 123456789, 'ly:late'
             FROM org_unit WHERE name = '张三'",
            [batch],
        )
        .unwrap();
        crate::store::batches::after_commit(c, batch).unwrap();
        ws
    }

    fn sql_sum(ws: &crate::store::Workspace, region: &str, from: &str, to: &str) -> i64 {
        ws.conn()
            .query_row(
                "SELECT IFNULL(SUM(a.amount), 0) FROM actual a JOIN org_unit p ON p.id = a.person_id
                 JOIN org_unit t ON t.id = p.parent_id JOIN org_unit r ON r.id = t.parent_id
                 WHERE (?1 = '' OR r.name = ?1) AND a.date BETWEEN ?2 AND ?3
                 AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
                [region, from, to],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn last_year_is_the_same_period_to_the_same_day_summed_from_the_rows() {
        let ws = demo_with_last_year();
        let engine = Engine::new(&ws).unwrap();
        // Q4 in progress (as of 2026-10-15): last year's Q4 to 2025-10-15, not the late line.
        let q = VarianceQuery::new("revenue", "/", "2026-Q4");
        let report = engine.variance(&q).unwrap();
        let ly = engine.last_year(&q, &report).unwrap().unwrap();
        assert_eq!(ly.period, "2025-Q4");
        assert_eq!(
            (ly.start.to_string(), ly.end.to_string(), ly.to.to_string()),
            (
                "2025-10-01".into(),
                "2025-12-31".into(),
                "2025-10-15".into()
            )
        );
        let company = sql_sum(&ws, "", "2025-10-01", "2025-10-15");
        let east = sql_sum(&ws, "华东", "2025-10-01", "2025-10-15");
        assert_eq!(ly.rows[0].actual, company);
        assert_eq!(ly.rows[1].path, "/华东");
        assert_eq!(ly.rows[1].actual, east);
        let this = sql_sum(&ws, "", "2026-10-01", "2026-10-15");
        let growth = ((this - company) as f64 / company as f64 * 10_000.0).round() as i64;
        assert_eq!(ly.rows[0].growth_bp, Some(growth));
        // About +25% (80% a year ago), never the late line's jump.
        assert!((2_400..=2_600).contains(&growth), "{growth}");
        // A finished month compares whole months.
        let q = VarianceQuery::new("revenue", "/华东", "2026-09");
        let report = engine.variance(&q).unwrap();
        let ly = engine.last_year(&q, &report).unwrap().unwrap();
        assert_eq!(
            (ly.period.as_str(), ly.to.to_string()),
            ("2025-09", "2025-09-30".into())
        );
        assert_eq!(
            ly.rows[0].actual,
            sql_sum(&ws, "华东", "2025-09-01", "2025-09-30")
        );
        // Year to date: 2025-01-01 to 2025-10-15.
        let q = VarianceQuery::new("revenue", "/", "2026-YTD");
        let report = engine.variance(&q).unwrap();
        let ly = engine.last_year(&q, &report).unwrap().unwrap();
        assert_eq!(
            ly.rows[0].actual,
            sql_sum(&ws, "", "2025-01-01", "2025-10-15")
        );
    }

    #[test]
    fn no_sales_last_year_has_no_growth_and_the_cli_json_carries_it() {
        let ws = crate::demo::in_memory();
        let engine = Engine::new(&ws).unwrap();
        let q = VarianceQuery::new("revenue", "/华东", "2026");
        let report = engine.variance(&q).unwrap();
        let ly = engine.last_year(&q, &report).unwrap().unwrap();
        assert!(ly
            .rows
            .iter()
            .all(|r| r.actual == 0 && r.growth_bp.is_none()));
        let json = ly.to_json("currency");
        assert_eq!(json["period"], "2025");
        assert_eq!(json["actual"], "0.00");
        assert_eq!(json["growth"], serde_json::Value::Null);
        assert_eq!(json["children"].as_array().unwrap().len(), 2);
    }
}
