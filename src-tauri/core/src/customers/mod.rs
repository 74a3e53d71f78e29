//! Customers (DESIGN.md; seed 001 "ABC分类法升级"): potential = current contribution × growth
//! coefficient, classed A/B/C by thresholds (A from 500万, B from 100万 by default), and the
//! lifecycle stage (prospect, new, existing, churned) read from the purchases themselves.
//! The contribution is the revenue of the twelve months to the as-of day; the growth coefficient
//! is the manager's judgment per customer (industry outlook, decision chain, budget), 1.00 until
//! set.

use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::export::{Cell, Table};
use crate::money::WAN;
use crate::store::Workspace;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub(crate) mod store;

/// How customers are classed and staged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbcSettings {
    /// Potential (fen) from which a customer is A-class.
    pub a_from: i64,
    /// Potential (fen) from which a customer is B-class; below is C.
    pub b_from: i64,
    /// A first purchase this many days before the as-of day or later makes a customer new.
    pub new_days: i64,
    /// No purchase for more than this many days makes a customer churned.
    pub churn_days: i64,
}

impl AbcSettings {
    /// Seed 001: A from 500万 a year, B from 100万; new within 90 days, churned after 180.
    pub fn seed_default() -> AbcSettings {
        AbcSettings {
            a_from: 500 * WAN,
            b_from: 100 * WAN,
            new_days: 90,
            churn_days: 180,
        }
    }

    pub fn validate(&self) -> Result<()> {
        if self.b_from <= 0 || self.a_from <= self.b_from {
            return Err(Error::new(
                Code::AbcThresholds,
                "A 类门槛必须高于 B 类门槛，且两者都大于 0",
                "The A-class threshold must be above the B-class one, and both above 0",
            ));
        }
        if !(1..=3650).contains(&self.new_days) || !(1..=3650).contains(&self.churn_days) {
            return Err(Error::new(
                Code::AbcDays,
                "新客户和流失的天数应在 1 到 3650 之间",
                "The new-customer and churn days must be between 1 and 3650",
            ));
        }
        Ok(())
    }

    fn class(&self, potential: i64) -> Class {
        if potential >= self.a_from {
            Class::A
        } else if potential >= self.b_from {
            Class::B
        } else {
            Class::C
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Class {
    A,
    B,
    C,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Lifecycle {
    /// 潜在客户: no purchase yet.
    Prospect,
    /// 新客户: first purchase recently.
    New,
    /// 老客户
    Existing,
    /// 流失客户: no purchase for too long.
    Churned,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 4] = [
        Lifecycle::Prospect,
        Lifecycle::New,
        Lifecycle::Existing,
        Lifecycle::Churned,
    ];

    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Lifecycle::Prospect, Lang::Zh) => "潜在客户",
            (Lifecycle::New, Lang::Zh) => "新客户",
            (Lifecycle::Existing, Lang::Zh) => "老客户",
            (Lifecycle::Churned, Lang::Zh) => "流失客户",
            (Lifecycle::Prospect, Lang::En) => "Prospect",
            (Lifecycle::New, Lang::En) => "New",
            (Lifecycle::Existing, Lang::En) => "Existing",
            (Lifecycle::Churned, Lang::En) => "Churned",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    /// The customer type recorded (e.g. "A"), if any.
    pub recorded_type: Option<String>,
    /// Revenue of the twelve months to the as-of day (fen).
    pub contribution: i64,
    pub growth_bp: i64,
    pub potential: i64,
    pub class: Class,
    /// The recorded type differs from the class the potential gives.
    pub mismatch: bool,
    pub lifecycle: Lifecycle,
    pub first_purchase: Option<NaiveDate>,
    pub last_purchase: Option<NaiveDate>,
    /// The rep with the most revenue from this customer.
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassSummary {
    pub class: Class,
    pub customers: usize,
    pub contribution: i64,
    /// Share of the total contribution (bp).
    pub share_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerReport {
    pub as_of: NaiveDate,
    /// The twelve months counted: (as_of − 364 days, as_of).
    pub from: NaiveDate,
    pub settings: AbcSettings,
    pub classes: Vec<ClassSummary>,
    pub lifecycles: Vec<(Lifecycle, usize)>,
    /// By potential, highest first.
    pub rows: Vec<CustomerRow>,
}

/// Where the settings are kept (one JSON document among the evaluation settings).
pub const SETTINGS_KEY: &str = "customer_abc";

pub fn load_settings(ws: &Workspace) -> Result<AbcSettings> {
    Ok(
        crate::evaluation::load_setting(ws, SETTINGS_KEY)?
            .unwrap_or_else(AbcSettings::seed_default),
    )
}

pub fn save_settings(ws: &Workspace, s: &AbcSettings) -> Result<()> {
    s.validate()?;
    crate::evaluation::save_setting(ws, SETTINGS_KEY, s)
}

/// Most a growth coefficient may be: ×10.
pub const MAX_GROWTH_BP: i64 = 100_000;

/// Sets a customer's growth coefficient (bp: 12000 = 1.20).
pub fn set_growth(ws: &Workspace, customer: i64, growth_bp: i64) -> Result<()> {
    if !(0..=MAX_GROWTH_BP).contains(&growth_bp) {
        return Err(Error::new(
            Code::GrowthRange,
            format!(
                "增长系数 {}.{:02} 超出范围：应在 0 到 10 之间",
                growth_bp / 10_000,
                (growth_bp % 10_000).abs() / 100
            ),
            format!(
                "Growth coefficient {}.{:02} is out of range: between 0 and 10",
                growth_bp / 10_000,
                (growth_bp % 10_000).abs() / 100
            ),
        ));
    }
    let n = store::set_growth(ws.conn(), customer, growth_bp)?;
    if n == 0 {
        return Err(Error::new(
            Code::CustomerNotFound,
            format!("找不到客户 #{customer}"),
            format!("Customer #{customer} was not found"),
        ));
    }
    Ok(())
}

/// Every customer classed and staged as of the workspace's as-of day.
pub fn report(ws: &Workspace) -> Result<CustomerReport> {
    let settings = load_settings(ws)?;
    let as_of = crate::variance::as_of(ws)?;
    let from = as_of - Duration::days(364);
    let conn = ws.conn();
    let revenue = store::revenue_metric(conn)?;
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    // customer -> (contribution, first, last); customer -> (the rep's contribution, rep).
    let mut bought: HashMap<i64, (i64, String, String)> = HashMap::new();
    let mut owners: HashMap<i64, (i64, String)> = HashMap::new();
    if let Some(revenue) = revenue {
        for (c, name, recent, first, last) in
            store::purchases(conn, revenue, &day(from), &day(as_of))?
        {
            let b = bought
                .entry(c)
                .or_insert_with(|| (0, first.clone(), last.clone()));
            b.0 += recent;
            if first < b.1 {
                b.1 = first;
            }
            if last > b.2 {
                b.2 = last;
            }
            if recent > 0 {
                let best = owners.entry(c).or_insert((i64::MIN, String::new()));
                // The larger sum wins; a tie goes to the name first in order, so it is stable.
                if recent > best.0 || (recent == best.0 && name < best.1) {
                    *best = (recent, name);
                }
            }
        }
    }
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let customers = store::customers(conn)?;
    let mut rows = Vec::with_capacity(customers.len());
    for (id, name, recorded_type, growth_bp) in customers {
        let (contribution, first, last) = match bought.get(&id) {
            Some((c, f, l)) => (*c, date(f), date(l)),
            None => (0, None, None),
        };
        let potential = crate::variance::mul_div_round(contribution, growth_bp, 10_000);
        let class = settings.class(potential);
        let lifecycle = match (first, last) {
            (Some(f), _) if (as_of - f).num_days() < settings.new_days => Lifecycle::New,
            (_, Some(l)) if (as_of - l).num_days() > settings.churn_days => Lifecycle::Churned,
            (Some(_), _) => Lifecycle::Existing,
            _ => Lifecycle::Prospect,
        };
        let code = match class {
            Class::A => "A",
            Class::B => "B",
            Class::C => "C",
        };
        rows.push(CustomerRow {
            id,
            name,
            mismatch: recorded_type.as_deref().is_some_and(|t| t != code),
            recorded_type,
            contribution,
            growth_bp,
            potential,
            class,
            lifecycle,
            first_purchase: first,
            last_purchase: last,
            owner: owners.remove(&id).map(|(_, n)| n),
        });
    }
    rows.sort_by(|a, b| b.potential.cmp(&a.potential).then(a.id.cmp(&b.id)));
    let mut classes: Vec<ClassSummary> = [Class::A, Class::B, Class::C]
        .into_iter()
        .map(|c| {
            let of: Vec<&CustomerRow> = rows.iter().filter(|r| r.class == c).collect();
            ClassSummary {
                class: c,
                customers: of.len(),
                contribution: of.iter().map(|r| r.contribution).sum(),
                share_bp: 0,
            }
        })
        .collect();
    // Shares that add up to exactly 100%.
    let weights: Vec<u128> = classes
        .iter()
        .map(|c| c.contribution.max(0) as u128)
        .collect();
    if let Ok(shares) = crate::split::largest_remainder(10_000, &weights) {
        for (c, s) in classes.iter_mut().zip(shares) {
            c.share_bp = s;
        }
    }
    let lifecycles = Lifecycle::ALL
        .into_iter()
        .map(|l| (l, rows.iter().filter(|r| r.lifecycle == l).count()))
        .collect();
    Ok(CustomerReport {
        as_of,
        from,
        settings,
        classes,
        lifecycles,
        rows,
    })
}

/// The customers as a table for the meeting.
pub fn customer_table(r: &CustomerReport, lang: Lang) -> Table {
    let zh = lang == Lang::Zh;
    let headers = if zh {
        [
            "客户",
            "登记类型",
            "近12个月贡献",
            "增长系数",
            "潜力值",
            "分层",
            "生命周期",
            "首次成交",
            "最近成交",
            "主要负责人",
        ]
    } else {
        [
            "Customer",
            "Recorded type",
            "Contribution (12 months)",
            "Growth coefficient",
            "Potential",
            "Class",
            "Lifecycle",
            "First purchase",
            "Last purchase",
            "Main rep",
        ]
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let text = |s: Option<String>| s.map(Cell::Text).unwrap_or(Cell::Empty);
    let rows = r
        .rows
        .iter()
        .map(|c| {
            vec![
                Cell::Text(c.name.clone()),
                text(c.recorded_type.clone()),
                Cell::Money(c.contribution),
                Cell::Text(format!(
                    "{}.{:02}",
                    c.growth_bp / 10_000,
                    c.growth_bp % 10_000 / 100
                )),
                Cell::Money(c.potential),
                Cell::Text(format!("{:?}", c.class)),
                Cell::Text(c.lifecycle.name(lang).into()),
                text(c.first_purchase.map(|d| d.to_string())),
                text(c.last_purchase.map(|d| d.to_string())),
                text(c.owner.clone()),
            ]
        })
        .collect();
    Table {
        sheet: if zh { "客户分层" } else { "Customers" }.into(),
        headers,
        rows,
    }
}

#[cfg(test)]
mod tests;
