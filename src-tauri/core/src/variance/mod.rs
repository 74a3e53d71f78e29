//! Achievement, gap and time progress: the figures the dashboard leads with; pace, forecasts,
//! roll-ups along the organisation and the dimensions, drill-down, funnel and rankings.

mod actuals;
mod drill;
mod engine;
mod funnel;
mod json;
mod kept;
mod last_year;
mod metric;
mod model;
mod period;
mod period_nav;
mod ranking;
mod run_rate;
mod series;
mod store;
mod targets;
pub mod timing;
mod tree;

pub(crate) use actuals::by_person;
pub use drill::DrillDown;
pub use engine::{DimensionRef, Engine, Figures, Forecast, Tier, VarianceQuery, VarianceReport};
pub use funnel::{Funnel, FunnelStage, StuckDeal};
pub use last_year::{LastYear, LastYearRow};
pub use metric::Dim;
pub use model::{DimFilter, DrillRow, Metric, OrgNode, Sum};
pub use period_nav::PeriodNav;
pub use ranking::{Indicator, IndicatorGroup, RankRow, Ranking};
pub use run_rate::{RunRate, TierRunRate, BEST_MONTH_MIN_DAYS};
pub use series::{Cumulative, CumulativePoint, Heatmap, HeatmapRow};
pub use targets::TierValues;
pub use tree::OrgTree;

use crate::calendar::HolidayEntry;
use crate::calendar::{time_progress_bp, FiscalYear, HolidayKind, WorkCalendar};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use chrono::NaiveDate;
use serde::Serialize;

/// The most a lower-is-better achievement can show: the inverted ratio explodes as the actual
/// nears zero (no complaints, nobody left), and zero is the best there is, not 0%.
pub const LOWER_IS_BETTER_CAP_BP: i64 = 20_000;

/// Achievement in basis points: actual / target (0 when the target is 0), inverted
/// (target / actual, capped at [`LOWER_IS_BETTER_CAP_BP`]) for metrics where lower is better.
pub fn achievement_bp(actual: i64, target: i64, lower_is_better: bool) -> i64 {
    if !lower_is_better {
        return crate::ratio_bp(actual as i128, target as i128);
    }
    match (actual, target) {
        (a, t) if a <= 0 && t <= 0 => 10_000,
        (a, _) if a <= 0 => LOWER_IS_BETTER_CAP_BP,
        (a, t) => crate::ratio_bp(t as i128, a as i128).min(LOWER_IS_BETTER_CAP_BP),
    }
}

/// Achievement of a measured value: a lower-is-better metric without any data has none (no
/// complaints recorded is not the same as zero complaints); otherwise [`achievement_bp`] with a
/// missing value read as 0.
pub fn achievement_of(actual: Option<i64>, target: i64, lower_is_better: bool) -> Option<i64> {
    match actual {
        None if lower_is_better => None,
        a => Some(achievement_bp(a.unwrap_or(0), target, lower_is_better)),
    }
}

pub(crate) use crate::units::mul_div_round;

/// The calendar exceptions stored in the workspace (holidays and adjusted working days), in
/// date order; rows that do not parse are passed over.
pub fn calendar_days(ws: &Workspace) -> Result<Vec<(NaiveDate, HolidayKind)>> {
    store::catalog::calendar_days(ws.conn())
}

/// The working-day calendar stored in the workspace (holidays and adjusted working days).
pub fn workspace_calendar(ws: &Workspace) -> Result<WorkCalendar> {
    let entries: Vec<HolidayEntry> = calendar_days(ws)?
        .into_iter()
        .map(|(date, kind)| HolidayEntry {
            date,
            kind,
            name_zh: "",
            name_en: "",
        })
        .collect();
    Ok(WorkCalendar::from_entries(&entries))
}

/// The start month of the fiscal year in force on `day` (January when none is recorded).
pub fn fiscal_start_month(ws: &Workspace, day: NaiveDate) -> Result<u32> {
    Ok(store::catalog::fiscal_start_month(ws.conn(), chrono::Datelike::year(&day))?.unwrap_or(1))
}

/// The day the workspace measures to: the demo's fixed day, or today.
pub fn as_of(ws: &Workspace) -> Result<NaiveDate> {
    match ws.meta("as_of")? {
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            Error::new(
                Code::BadAsOf,
                format!("工作区的统计截止日“{s}”无效"),
                format!("The workspace's as-of date \"{s}\" is invalid"),
            )
        }),
        None => Ok(crate::today()),
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Headline {
    pub company: String,
    pub company_en: String,
    pub fiscal_year: i32,
    pub period_start: String,
    pub period_end: String,
    pub as_of: String,
    /// Base target in fen.
    pub target: i64,
    pub floor: i64,
    pub challenge: i64,
    /// Actual to date in fen.
    pub actual: i64,
    pub gap: i64,
    pub achievement_bp: i64,
    pub time_progress_bp: i64,
}

/// The company's revenue headline for the plan year `year` (the caller passes the year the user
/// chose: a plan prepared ahead shows with nothing done yet). `None` when the workspace has no
/// company or no revenue target for that year.
pub fn company_headline(ws: &Workspace, year: i32) -> Result<Option<Headline>> {
    let conn = ws.conn();
    let as_of = as_of(ws)?;
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(as_of);
    let fy = FiscalYear::new(year, fiscal_start_month(ws, year_end)?);
    let row = store::catalog::company_revenue_target(conn, &fy.year.to_string())?;
    let Some((name, floor, target, challenge)) = row else {
        return Ok(None);
    };
    let (from, to) = (fy.start(), fy.end());
    // From the engine's kept sums (the monthly and daily aggregates), which the dashboard's
    // first view then finds ready.
    let engine = Engine::new(ws)?;
    let revenue = Metric::by_code(conn, "revenue")?;
    let actual = engine
        .person_sums(revenue.id, None, from, as_of.min(to))?
        .values()
        .fold(0i64, |total, s| total.saturating_add(s.amount));
    let cal = workspace_calendar(ws)?;
    Ok(Some(Headline {
        company: ws.meta("company_name")?.unwrap_or(name),
        company_en: ws.meta("company_name_en")?.unwrap_or_default(),
        fiscal_year: fy.year,
        period_start: from.to_string(),
        period_end: to.to_string(),
        as_of: as_of.to_string(),
        target,
        floor,
        challenge,
        actual,
        gap: actual - target,
        achievement_bp: achievement_bp(actual, target, false),
        time_progress_bp: time_progress_bp(&cal, from, to, as_of),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    #[test]
    fn seed_004_evaluation_table() {
        // Revenue target 1000万, actual 800万: 80.00%, gap -200万.
        assert_eq!(achievement_bp(800 * WAN, 1000 * WAN, false), 8000);
        // New customers 50 planned, 40 won: 80.00%.
        assert_eq!(achievement_bp(40, 50, false), 8000);
        // Market share 10% planned, 8% reached (in bp): 80.00%.
        assert_eq!(achievement_bp(800, 1000, false), 8000);
        // Complaint rate, lower is better: 2% allowed, 2.5% seen -> 80.00%.
        assert_eq!(achievement_bp(250, 200, true), 8000);
    }

    #[test]
    fn lower_is_better_achievement_is_capped_and_zero_is_best() {
        // 1.5% attrition allowed, nobody left: the best there is, shown at the cap.
        assert_eq!(achievement_bp(0, 1500, true), 20_000);
        // 2% complaints allowed, 0.5% seen: 400% inverted, capped at 200%.
        assert_eq!(achievement_bp(50, 200, true), 20_000);
        assert_eq!(achievement_bp(150, 200, true), 13_333);
        // Nothing allowed and nothing seen: on target.
        assert_eq!(achievement_bp(0, 0, true), 10_000);
        // Nothing allowed, something seen: 0%.
        assert_eq!(achievement_bp(5, 0, true), 0);
        // No data at all is no achievement for a lower-is-better metric, 0% for the others.
        assert_eq!(achievement_of(None, 1500, true), None);
        assert_eq!(achievement_of(Some(0), 1500, true), Some(20_000));
        assert_eq!(achievement_of(None, 1500, false), Some(0));
    }

    #[test]
    fn demo_headline_is_the_company_revenue_to_date() {
        let mut ws = Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        let h = company_headline(&ws, crate::setup::plan_year::selected_year(&ws).unwrap())
            .unwrap()
            .unwrap();
        let actual: i64 = ws
            .conn()
            .query_row(
                "SELECT SUM(amount) FROM actual WHERE date <= '2026-10-15' AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(h.target, 10_000_000_000);
        assert_eq!((h.floor, h.challenge), (8_000_000_000, 12_000_000_000));
        assert_eq!(h.actual, actual);
        assert_eq!(h.gap, actual - h.target);
        assert_eq!(
            h.achievement_bp,
            crate::ratio_bp(actual as i128, h.target as i128)
        );
        // 2026-01-01..2026-10-15 holds 193 of the year's 248 working days on the China calendar.
        assert_eq!(h.time_progress_bp, 7782);
        assert_eq!((h.fiscal_year, h.as_of.as_str()), (2026, "2026-10-15"));
    }

    #[test]
    fn empty_workspace_has_no_headline() {
        let ws = Workspace::open_in_memory().unwrap();
        assert_eq!(
            company_headline(&ws, crate::setup::plan_year::selected_year(&ws).unwrap()).unwrap(),
            None
        );
    }
}

#[cfg(test)]
mod engine_tests;
#[cfg(test)]
mod run_rate_tests;
