//! The demo's indicators beyond revenue (seed 004's lagging / leading / risk / health groups):
//! 2026 targets and actuals for gross profit, collections, orders, visits, leads, new customers,
//! complaints, market share, NPS, and the components of repurchase rate (repeat customers /
//! customers served) and attrition (leavers / average headcount).
//!
//! Written after everything else from a separate random stream, so the revenue figures, deals
//! and plan of the demo are exactly what they were before these indicators existed. Leads and
//! new customers are the deals themselves (one lead per deal created, one new customer per deal
//! won, both on the deal's creation day): the dashboard's alert drivers count leads and
//! conversion from the `deal` table the same way. The CRM pipeline starts in June 2026, so the
//! lead and new-customer targets run from June to December.

mod actuals;

use super::rng::Rng;
use super::{month_bounds, DEMO_YEAR, SEASONALITY};
use crate::calendar::{FiscalYear, WorkCalendar};
use crate::error::Result;
use crate::import::store::seed as rows;
use crate::money::WAN;
use crate::split::largest_remainder;
use crate::store::seed;
use crate::targets::store::{insert_targets, NewTarget, StoredPeriod};
use crate::targets::Tiers;
use crate::variance::Metric;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Transaction;
use std::collections::HashMap;

/// Mixes the demo seed into the seed of this stream (any fixed odd constant would do).
pub(super) fn stream_seed(seed: u64) -> u64 {
    seed ^ 0x1D1C_A70F_5EED_0005
}

/// Gross margin per product line in basis points, in the order of `PRODUCT_LINES`.
pub const MARGIN_BP: [(&str, i64); 4] =
    [("hw", 2500), ("saas", 7000), ("svc", 4500), ("edu", 5500)];
/// The plan's gross margin: 45% of the revenue target.
pub const GROSS_PROFIT_TARGET: i64 = 4500 * WAN;
/// Seed 001: every rep visits 8 prospects a week.
pub const VISITS_PER_WEEK: i64 = 8;
/// Lead and new-customer targets of the year (June half a month, July to December full).
pub const LEADS_TARGET: i64 = 420;
pub const NEW_CUSTOMERS_TARGET: i64 = 105;
const PIPELINE_MONTHS: [u128; 12] = [0, 0, 0, 0, 0, 50, 100, 100, 100, 100, 100, 100];
/// Market share of the national market contributed by each region at the end of Q1, Q2 and Q3
/// (bp): the company reaches 8% against seed 004's 10% target.
const MARKET_SHARE: [[i64; 3]; 3] = [[300, 320, 340], [220, 240, 250], [200, 200, 210]];
const MARKET_SHARE_TARGET: [i64; 3] = [400, 300, 300];
const QUARTER_ENDS: [&str; 3] = ["2026-03-31", "2026-06-30", "2026-09-30"];

struct Team {
    id: i64,
    people: Vec<i64>,
}

struct Region {
    id: i64,
    teams: Vec<Team>,
}

struct Org {
    company: i64,
    regions: Vec<Region>,
}

impl Org {
    fn load(tx: &Transaction) -> Result<Org> {
        let children = |parent: i64| seed::children(tx, parent);
        let company = seed::company(tx)?;
        let mut regions = Vec::new();
        for region in children(company)? {
            let mut teams = Vec::new();
            for team in children(region)? {
                teams.push(Team {
                    id: team,
                    people: children(team)?,
                });
            }
            regions.push(Region { id: region, teams });
        }
        Ok(Org { company, regions })
    }

    fn people(&self) -> impl Iterator<Item = i64> + '_ {
        self.regions
            .iter()
            .flat_map(|r| r.teams.iter().flat_map(|t| t.people.iter().copied()))
    }
}

/// How a yearly company target goes down the tree and over the months.
struct Split<'a> {
    regions: &'a [u128],
    teams: &'a [u128],
    months: &'a [u128],
}

/// Revenue's split (seed 001): regions 40/30/30, teams by capacity (200万 : 180万 per head).
const BY_REVENUE: Split = Split {
    regions: &[40, 30, 30],
    teams: &[200, 180],
    months: &SEASONALITY,
};

pub(super) struct Indicators<'a> {
    tx: &'a Transaction<'a>,
    rng: Rng,
    batch: i64,
    set: i64,
    org: Org,
    cal: WorkCalendar,
    today: NaiveDate,
    rows: u64,
}

impl<'a> Indicators<'a> {
    pub(super) fn new(tx: &'a Transaction<'a>, seed: u64, batch: i64) -> Result<Self> {
        let set = crate::targets::store::seed::set_of_year(tx, DEMO_YEAR)?;
        Ok(Indicators {
            tx,
            rng: Rng::new(stream_seed(seed)),
            batch,
            set,
            org: Org::load(tx)?,
            cal: WorkCalendar::cn(),
            today: super::demo_today(),
            rows: 0,
        })
    }

    /// Writes every target and actual of the other indicators; returns the actual rows added.
    pub(super) fn write(mut self) -> Result<u64> {
        self.write_targets()?;
        self.gross_profit()?;
        self.orders()?;
        self.collections()?;
        self.pipeline()?;
        self.visits()?;
        self.complaints()?;
        self.market_share()?;
        self.surveys()?;
        self.attrition()?;
        Ok(self.rows)
    }

    fn metric(&self, code: &str) -> Result<i64> {
        Ok(Metric::by_code(self.tx, code)?.id)
    }

    fn write_targets(&mut self) -> Result<()> {
        let headcount = Split {
            regions: &[1, 1, 1],
            teams: &[1, 1],
            months: &SEASONALITY,
        };
        let visits_months = self.working_days_by_month();
        let weekly = Split {
            months: &visits_months,
            ..headcount
        };
        let pipeline = Split {
            months: &PIPELINE_MONTHS,
            ..headcount
        };
        let people = self.org.people().count() as i64;
        let working_days: u128 = visits_months.iter().sum();
        let visits = VISITS_PER_WEEK * people * working_days as i64 / 5;
        self.additive_targets("gross_profit", GROSS_PROFIT_TARGET, &BY_REVENUE)?;
        self.additive_targets("visits", visits, &weekly)?;
        self.additive_targets("leads", LEADS_TARGET, &pipeline)?;
        self.additive_targets("new_customers", NEW_CUSTOMERS_TARGET, &pipeline)?;
        // Rates: the company and each region hold the same bar (market share: each region's
        // contribution to the national share).
        let higher = |base: i64| Tiers::from_base(base);
        let tiers = |floor: i64, base: i64, challenge: i64| Tiers {
            floor,
            base,
            challenge,
            sprint: None,
        };
        let same = |t: Tiers| [t; 4];
        let ms = |i: usize| higher(MARKET_SHARE_TARGET[i]);
        // Conversion holds its own bar (22% / 25% / 28%) where the components' targets would
        // give three near-equal tiers; below the regions it is their ratio.
        let rates: [(&str, [Tiers; 4]); 7] = [
            ("collection_rate", same(tiers(8500, 9000, 9500))),
            ("conversion_rate", same(tiers(2200, 2500, 2800))),
            ("complaint_rate", same(tiers(150, 100, 80))),
            ("market_share", [higher(1000), ms(0), ms(1), ms(2)]),
            ("nps", same(higher(5000))),
            ("repurchase_rate", same(higher(4000))),
            ("attrition", same(tiers(2000, 1500, 1000))),
        ];
        let mut nodes = vec![self.org.company];
        nodes.extend(self.org.regions.iter().map(|r| r.id));
        let year = self.year_period();
        let mut cells = Vec::new();
        for (code, tiers) in rates {
            let metric = self.metric(code)?;
            for (node, t) in nodes.iter().zip(tiers) {
                cells.push((metric, *node, year.clone(), t));
            }
        }
        self.insert_cells(&cells)
    }

    fn year_period(&self) -> StoredPeriod {
        let fy = FiscalYear::new(DEMO_YEAR, 1);
        StoredPeriod {
            key: DEMO_YEAR.to_string(),
            start: fy.start().to_string(),
            end: fy.end().to_string(),
        }
    }

    fn insert_cells(&self, cells: &[(i64, i64, StoredPeriod, Tiers)]) -> Result<()> {
        insert_targets(
            self.tx,
            cells.iter().map(|(metric, node, period, tiers)| NewTarget {
                target_set_id: self.set,
                metric_id: *metric,
                org_unit_id: *node,
                dimension_id: None,
                period,
                tiers: *tiers,
                last_year_actual: None,
            }),
        )?;
        Ok(())
    }

    fn working_days_by_month(&self) -> Vec<u128> {
        (1..=12)
            .map(|m| {
                let (s, e) = month_bounds(NaiveDate::from_ymd_opt(DEMO_YEAR, m, 1).expect("month"));
                self.cal.working_days(s, e) as u128
            })
            .collect()
    }

    /// A yearly company target split over the months, then each month down to every person
    /// (regions, teams, people); a node's year is the sum of its months, so every level adds up
    /// exactly. Small counts (a few leads a month per rep) would pile up on the first children
    /// if every month broke ties the same way, so month `m` starts the ties at child `m`.
    fn additive_targets(&self, code: &str, company_year: i64, split: &Split) -> Result<()> {
        let metric = self.metric(code)?;
        let company = Tiers::from_base(company_year);
        // node -> its twelve months, in the order nodes are first met.
        let mut nodes: Vec<(i64, Vec<Tiers>)> = Vec::new();
        let mut put = |node: i64, m: usize, t: Tiers| match nodes.iter_mut().find(|n| n.0 == node) {
            Some(n) => n.1[m] = t,
            None => {
                let mut months = vec![Tiers::default(); 12];
                months[m] = t;
                nodes.push((node, months));
            }
        };
        for (m, month) in company.split(split.months)?.into_iter().enumerate() {
            put(self.org.company, m, month);
            let regions = split_from(month, split.regions, m)?;
            for (region, rt) in self.org.regions.iter().zip(regions) {
                put(region.id, m, rt);
                for (team, tt) in region.teams.iter().zip(split_from(rt, split.teams, m)?) {
                    put(team.id, m, tt);
                    let shares = vec![1; team.people.len()];
                    for (person, pt) in team.people.iter().zip(split_from(tt, &shares, m)?) {
                        put(*person, m, pt);
                    }
                }
            }
        }
        let months: Vec<StoredPeriod> = (1..=12)
            .map(|m| {
                let (s, e) = month_bounds(NaiveDate::from_ymd_opt(DEMO_YEAR, m, 1).expect("month"));
                StoredPeriod {
                    key: format!("{DEMO_YEAR}-{m:02}"),
                    start: s.to_string(),
                    end: e.to_string(),
                }
            })
            .collect();
        let year = self.year_period();
        let mut cells = Vec::new();
        for (node, ms) in nodes {
            let total = ms.iter().fold(Tiers::default(), |a, t| a + *t);
            cells.push((metric, node, year.clone(), total));
            for (period, t) in months.iter().zip(ms) {
                cells.push((metric, node, period.clone(), t));
            }
        }
        self.insert_cells(&cells)
    }
}

/// `Tiers::split` with ties broken from part `start` on (rotating the parts, then back).
fn split_from(t: Tiers, weights: &[u128], start: usize) -> Result<Vec<Tiers>> {
    let k = start % weights.len().max(1);
    let mut w = weights.to_vec();
    w.rotate_left(k);
    let mut parts = t.split(&w)?;
    parts.rotate_right(k);
    Ok(parts)
}

fn parse(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("demo dates are valid")
}
