//! Year plans: a target plan per fiscal year, created blank or copied from an earlier year with
//! growth and that year's actual monthly shape, approved, archived, and the year every section
//! shows. The year never follows the clock alone: a manager preparing next year's plan in
//! December creates and selects it.

use super::company;
use super::store::plan_year as store;
pub use super::store::plan_year::PlanYear;
use crate::calendar::periods::{parse_period, PeriodKind};
use crate::calendar::FiscalYear;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::atomic;
use crate::targets::store::{insert_targets, NewTarget, StoredPeriod};
use crate::targets::tiers::{apply_bp, TierRatios, Tiers};
use crate::Workspace;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Deserialize;

pub use crate::selection::{current_set_id, selected_year, selected_year_of};
use crate::selection::{meta, start_month_for, SELECTED_KEY};

/// How to create a year's plan.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PlanYearSpec {
    pub year: i32,
    /// The fiscal year's first month; the one recorded for the year (or the year before) if absent.
    pub fiscal_start_month: Option<u32>,
    /// The company's base revenue target in fen; with `copy_from`, the earlier year's × growth.
    pub target: Option<i64>,
    pub copy_from: Option<i32>,
    /// Growth over the earlier year, in basis points (1000 = +10%).
    #[serde(default)]
    pub growth_bp: i64,
    /// Floor, challenge and sprint ratios; 80% / 120% / none if absent.
    pub ratios: Option<TierRatios>,
}

fn bad_year(year: i32) -> Error {
    Error::new(
        Code::PlanYearInvalid,
        format!("年份 {year} 无效：应在 2000 到 2100 之间"),
        format!("The year {year} is invalid: expected 2000 to 2100"),
    )
}

fn no_plan(year: i32) -> Error {
    Error::new(
        Code::PlanYearMissing,
        format!("{year} 年还没有目标方案"),
        format!("There is no plan for {year} yet"),
    )
}

/// Every year's plan, newest year first.
pub fn list(conn: &Connection) -> Result<Vec<PlanYear>> {
    store::list(conn)
}

/// The year a new plan is offered for: next year in the last two months of a fiscal year.
pub fn suggested_year(today: NaiveDate, start_month: u32) -> i32 {
    let fy = FiscalYear::containing(today, start_month);
    let months_left =
        (fy.end().year() - today.year()) * 12 + fy.end().month() as i32 - today.month() as i32;
    if months_left <= 1 {
        fy.year + 1
    } else {
        fy.year
    }
}

/// Shows `year` in every section.
pub fn select(ws: &Workspace, year: i32) -> Result<()> {
    let exists = store::has_plan(ws.conn(), year)?;
    if !exists {
        return Err(no_plan(year));
    }
    ws.set_meta(SELECTED_KEY, &year.to_string())
}

fn live_set(conn: &Connection, year: i32) -> Result<Option<(i64, String)>> {
    store::live_set(conn, year)
}

/// Archives the year's plan: it stays readable but leaves the picker's default.
pub fn archive(ws: &Workspace, year: i32, at: &str) -> Result<()> {
    let conn = ws.conn();
    let (id, _) = live_set(conn, year)?.ok_or_else(|| no_plan(year))?;
    store::archive(conn, id, at)?;
    if meta(conn, SELECTED_KEY)? == Some(year.to_string()) {
        store::forget_meta(conn, SELECTED_KEY)?;
    }
    Ok(())
}

/// Approves the year's plan (selecting it first), with the targets' approval rules.
pub fn approve(ws: &Workspace, year: i32, who: &str, at: &str) -> Result<usize> {
    live_set(ws.conn(), year)?.ok_or_else(|| no_plan(year))?;
    select(ws, year)?;
    crate::targets::baseline::approve(ws, who, at)
}

/// Creates the plan of `spec.year` and selects it.
pub fn create(ws: &Workspace, spec: &PlanYearSpec) -> Result<PlanYear> {
    let conn = ws.conn();
    if !(2000..=2100).contains(&spec.year) {
        return Err(bad_year(spec.year));
    }
    if live_set(conn, spec.year)?.is_some() {
        return Err(Error::new(
            Code::PlanYearExists,
            format!("{} 年已经有目标方案了：请在年份中选择它", spec.year),
            format!(
                "{} already has a plan: choose it in the year picker",
                spec.year
            ),
        ));
    }
    if spec.target.is_some_and(|t| t < 0) {
        return Err(Error::new(
            Code::PlanTargetNegative,
            "目标不能为负数",
            "A target cannot be negative",
        ));
    }
    if !(-10_000..=100_000).contains(&spec.growth_bp) {
        return Err(Error::new(
            Code::PlanGrowthInvalid,
            "增长率应在 -100% 到 +1000% 之间",
            "Growth must be between -100% and +1000%",
        ));
    }
    let ratios = spec.ratios.unwrap_or_default();
    ratios.validate()?;
    let start_month = match spec.fiscal_start_month {
        Some(m) if (1..=12).contains(&m) => m,
        Some(m) => {
            return Err(Error::new(
                Code::BadFiscalStart,
                format!("财年起始月“{m}”无效：应为 1 到 12"),
                format!("Invalid fiscal start month {m}: expected 1 to 12"),
            ))
        }
        None => start_month_for(conn, spec.year)?,
    };
    let source = spec.copy_from.map(|y| Source::read(conn, y)).transpose()?;
    let base = match (spec.target, &source) {
        (Some(t), _) => Some(t),
        (None, Some(s)) => s.total().map(|t| apply_bp(t, 10_000 + spec.growth_bp)),
        (None, None) => None,
    };
    let company = company::root_id(ws)?;
    if base.is_some() && company.is_none() {
        return Err(Error::new(
            Code::CompanyMissing,
            "请先填写公司名称，再为公司设定目标",
            "Name the company first, then give it a target",
        ));
    }
    let name_zh = format!("{} 年度业绩目标", spec.year);
    atomic(conn, || {
        store::set_fiscal_year(conn, spec.year, start_month)?;
        let set = store::insert_set(conn, spec.year, &name_zh, &ratios)?;
        if let (Some(base), Some(company)) = (base, company) {
            let fy = FiscalYear::new(spec.year, start_month);
            let shape = source
                .as_ref()
                .and_then(|s| s.monthly.iter().any(|&m| m > 0).then(|| s.monthly.clone()))
                .or(Source::read(conn, spec.year - 1)?.monthly_shape());
            write_company_targets(
                ws,
                (set, company),
                fy,
                ratios.tiers(base),
                shape,
                source.as_ref(),
            )?;
        }
        ws.set_meta(SELECTED_KEY, &spec.year.to_string())?;
        Ok(())
    })?;
    list(conn)?
        .into_iter()
        .find(|p| p.year == spec.year && p.status != "archived")
        .ok_or_else(|| no_plan(spec.year))
}

/// An earlier year a plan is copied from: its plan's company target and its actual months.
struct Source {
    plan_total: Option<i64>,
    actual_total: i64,
    /// Actual revenue of the fiscal year's twelve months, in order.
    monthly: Vec<i64>,
}

impl Source {
    fn read(conn: &Connection, year: i32) -> Result<Source> {
        let fy = FiscalYear::new(year, start_month_for(conn, year)?);
        let mut monthly = Vec::with_capacity(12);
        for i in 0..12u32 {
            let d = fy.start() + chrono::Months::new(i);
            monthly.push(store::revenue_of_month(
                conn,
                &d.format("%Y-%m").to_string(),
            )?);
        }
        let plan_total = store::company_target(conn, year)?;
        Ok(Source {
            plan_total,
            actual_total: monthly.iter().sum(),
            monthly,
        })
    }

    /// What the copy grows from: the earlier plan's target, else the earlier year's actual.
    fn total(&self) -> Option<i64> {
        self.plan_total
            .or((self.actual_total > 0).then_some(self.actual_total))
    }

    fn monthly_shape(self) -> Option<Vec<i64>> {
        self.monthly.iter().any(|&m| m > 0).then_some(self.monthly)
    }
}

/// The company's year, quarters and months: the months follow `shape` (an earlier year's
/// actual months) or else the working days, and every level adds up exactly.
fn write_company_targets(
    ws: &Workspace,
    (set, company): (i64, i64),
    fy: FiscalYear,
    tiers: Tiers,
    shape: Option<Vec<i64>>,
    source: Option<&Source>,
) -> Result<()> {
    let conn = ws.conn();
    let metric = store::revenue_id(conn)?.ok_or_else(|| {
        Error::new(
            Code::MetricMissing,
            "工作区没有“销售额”指标",
            "The workspace has no revenue metric",
        )
    })?;
    let year = parse_period(&fy.year.to_string(), fy.start_month)?;
    let months = year.children(PeriodKind::Month, fy.start_month)?;
    let quarters = year.children(PeriodKind::Quarter, fy.start_month)?;
    let weights: Vec<u128> = match shape {
        Some(s) => s.iter().map(|&v| v.max(0) as u128).collect(),
        None => {
            let cal = crate::variance::workspace_calendar(ws)?;
            months
                .iter()
                .map(|m| m.working_days(&cal).max(0) as u128)
                .collect()
        }
    };
    let month_tiers = tiers.split(&weights)?;
    let quarter_tiers: Vec<Tiers> = month_tiers
        .chunks(3)
        .map(|c| c.iter().fold(Tiers::default(), |a, b| a + *b))
        .collect();
    let last_year = source.map(|s| s.actual_total).filter(|&t| t > 0);
    let stored = |p: &crate::calendar::periods::Period| StoredPeriod::from(p);
    let year_p = stored(&year);
    let quarter_ps: Vec<StoredPeriod> = quarters.iter().map(stored).collect();
    let month_ps: Vec<StoredPeriod> = months.iter().map(stored).collect();
    let cell = |period, tiers, last_year_actual| NewTarget {
        target_set_id: set,
        metric_id: metric,
        org_unit_id: company,
        dimension_id: None,
        period,
        tiers,
        last_year_actual,
    };
    let mut cells = vec![cell(&year_p, tiers, last_year)];
    cells.extend(
        quarter_ps
            .iter()
            .zip(&quarter_tiers)
            .map(|(p, t)| cell(p, *t, None)),
    );
    let month_last: Vec<Option<i64>> = match source {
        Some(s) if s.actual_total > 0 => s.monthly.iter().map(|&m| Some(m)).collect(),
        _ => vec![None; 12],
    };
    cells.extend(
        month_ps
            .iter()
            .zip(&month_tiers)
            .zip(month_last)
            .map(|((p, t), l)| cell(p, *t, l)),
    );
    insert_targets(conn, cells)?;
    Ok(())
}
