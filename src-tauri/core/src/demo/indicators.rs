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

use super::rng::Rng;
use super::{month_bounds, DEMO_YEAR, SEASONALITY};
use crate::calendar::{FiscalYear, WorkCalendar};
use crate::error::Result;
use crate::money::WAN;
use crate::split::largest_remainder;
use crate::targets::store::{insert_targets, NewTarget, StoredPeriod};
use crate::targets::Tiers;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Transaction};
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
        let children = |parent: i64| -> Result<Vec<i64>> {
            let mut st = tx
                .prepare_cached("SELECT id FROM org_unit WHERE parent_id = ?1 ORDER BY sort, id")?;
            let v = st
                .query_map([parent], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(v)
        };
        let company: i64 =
            tx.query_row("SELECT id FROM org_unit WHERE kind = 'company'", [], |r| {
                r.get(0)
            })?;
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
        let set: i64 = tx.query_row(
            "SELECT id FROM target_set WHERE fiscal_year = ?1",
            [DEMO_YEAR],
            |r| r.get(0),
        )?;
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
        Ok(self
            .tx
            .query_row("SELECT id FROM metric WHERE code = ?1", [code], |r| {
                r.get(0)
            })?)
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

    /// Inserts one actual row of `metric`.
    fn actual(
        &mut self,
        metric: i64,
        person: i64,
        day: NaiveDate,
        amount: i64,
        key: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                self.batch,
                day.to_string(),
                person,
                metric,
                amount,
                format!("demo:{key}")
            ])?;
        self.rows += 1;
        Ok(())
    }

    /// Rows inserted by the last statement, counted into the batch.
    fn count(&mut self, n: usize) {
        self.rows += n as u64;
    }

    /// Gross profit: per person, day and product line, the day's revenue of the line times the
    /// line's margin (rounded to the fen), with the revenue's customer type and channel dropped.
    fn gross_profit(&mut self) -> Result<()> {
        let (revenue, gp) = (self.metric("revenue")?, self.metric("gross_profit")?);
        let margins = MARGIN_BP
            .iter()
            .map(|(code, bp)| format!("('{code}', {bp})"))
            .collect::<Vec<_>>()
            .join(", ");
        let n = self.tx.execute(
            &format!(
                "WITH m(code, bp) AS (VALUES {margins})
                 INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, fingerprint)
                 SELECT ?1, a.date, a.person_id, ?3, (SUM(a.amount) * m.bp + 5000) / 10000, a.product_line_id,
                        'demo:gp:' || a.person_id || ':' || a.date || ':' || d.code
                 FROM actual a
                 JOIN dimension_member d ON d.id = a.product_line_id
                 JOIN m ON m.code = d.code
                 WHERE a.metric_id = ?2
                 GROUP BY a.person_id, a.date, a.product_line_id
                 ORDER BY a.person_id, a.date, a.product_line_id"
            ),
            params![self.batch, revenue, gp],
        )?;
        self.count(n);
        Ok(())
    }

    /// Orders: per person and month, the number of revenue rows (what the dashboard calls
    /// orders), on the month's last day of sales.
    fn orders(&mut self) -> Result<()> {
        let (revenue, orders) = (self.metric("revenue")?, self.metric("orders")?);
        let n = self.tx.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint)
             SELECT ?1, MAX(date), person_id, ?3, COUNT(*), 'demo:orders:' || person_id || ':' || substr(date, 1, 7)
             FROM actual WHERE metric_id = ?2
             GROUP BY person_id, substr(date, 1, 7)
             ORDER BY person_id, substr(date, 1, 7)",
            params![self.batch, revenue, orders],
        )?;
        self.count(n);
        Ok(())
    }

    /// Monthly revenue per person: (person, month "YYYY-MM", last day of sales, amount).
    fn monthly_revenue(&self) -> Result<Vec<(i64, String, String, i64)>> {
        let revenue = self.metric("revenue")?;
        let mut st = self.tx.prepare(
            "SELECT person_id, substr(date, 1, 7), MAX(date), SUM(amount) FROM actual
             WHERE metric_id = ?1 GROUP BY person_id, substr(date, 1, 7) ORDER BY person_id, 2",
        )?;
        let v = st
            .query_map([revenue], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Collections: per person and month, 82% to 98% of the month's revenue, in whole yuan, on
    /// the month's last day of sales.
    fn collections(&mut self) -> Result<()> {
        let metric = self.metric("collections")?;
        for (person, month, last, amount) in self.monthly_revenue()? {
            let rate = self.rng.range(8200, 9800);
            let collected = amount as i128 * rate as i128 / 10_000 / 100 * 100;
            let day = parse(&last);
            self.actual(
                metric,
                person,
                day,
                collected as i64,
                &format!("collections:{person}:{month}"),
            )?;
        }
        Ok(())
    }

    /// Leads and new customers from the deals: one lead per deal created, one new customer per
    /// deal won, on the day the deal was created, with the deal's customer, its type and the
    /// product line (so "A-class conversion" can be asked of the data).
    fn pipeline(&mut self) -> Result<()> {
        let (leads, new_customers) = (self.metric("leads")?, self.metric("new_customers")?);
        for (metric, filter, key) in [
            (leads, "", "lead"),
            (new_customers, " WHERE status = 'won'", "new"),
        ] {
            let n = self.tx.execute(
                &format!(
                    "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, customer_id,
                                        customer_type_id, fingerprint)
                     SELECT ?1, created_on, owner_id, ?2, 1, product_line_id, customer_id,
                            (SELECT c.customer_type_id FROM customer c WHERE c.id = deal.customer_id),
                            'demo:{key}:' || id
                     FROM deal{filter} ORDER BY id"
                ),
                params![self.batch, metric],
            )?;
            self.count(n);
        }
        Ok(())
    }

    /// Visits: per person and week, 8 a week prorated by the week's working days, at the rep's
    /// pace with noise, on the week's last working day (up to the demo's today).
    fn visits(&mut self) -> Result<()> {
        let metric = self.metric("visits")?;
        let people: Vec<(usize, i64)> = self.org.people().enumerate().collect();
        for (index, person) in people {
            let pace = super::PERFORMANCE[index];
            let mut day = NaiveDate::from_ymd_opt(DEMO_YEAR, 1, 1).expect("date");
            let (mut days, mut last) = (0i64, day);
            while day <= self.today {
                if self.cal.is_working_day(day) {
                    days += 1;
                    last = day;
                }
                let week_ends = day.weekday() == chrono::Weekday::Sun || day == self.today;
                if week_ends && days > 0 {
                    let noise = self.rng.range(75, 125);
                    // 8 a week x days / 5, x (100 + pace) / 200, x noise / 100.
                    let planned = VISITS_PER_WEEK * days * (100 + pace) * noise;
                    let visits = (planned + 50_000) / 100_000;
                    if visits > 0 {
                        self.actual(
                            metric,
                            person,
                            last,
                            visits,
                            &format!("visits:{person}:{last}"),
                        )?;
                    }
                    days = 0;
                }
                day += Duration::days(1);
            }
        }
        Ok(())
    }

    /// Complaints: per person and month 0 to 3, on a day of the month (up to the demo's today).
    fn complaints(&mut self) -> Result<()> {
        let metric = self.metric("complaints")?;
        let people: Vec<i64> = self.org.people().collect();
        for person in people {
            for m in 1..=self.today.month() {
                let count = self.rng.weighted(&[60, 28, 9, 3]) as i64;
                let (start, end) =
                    month_bounds(NaiveDate::from_ymd_opt(DEMO_YEAR, m, 1).expect("month"));
                let end = end.min(self.today);
                let day = start + Duration::days(self.rng.range(0, (end - start).num_days()));
                if count > 0 {
                    self.actual(
                        metric,
                        person,
                        day,
                        count,
                        &format!("complaints:{person}:{m}"),
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Each region's contribution to the national market share at each quarter's end, shared
    /// out over its reps in equal parts: "last value" adds the people's values of the latest
    /// day, so a region reads its contribution and the company the national share.
    fn market_share(&mut self) -> Result<()> {
        let metric = self.metric("market_share")?;
        let regions: Vec<Vec<i64>> = self
            .org
            .regions
            .iter()
            .map(|r| r.teams.iter().flat_map(|t| t.people.clone()).collect())
            .collect();
        for (people, shares) in regions.iter().zip(MARKET_SHARE) {
            for (q, share) in shares.iter().enumerate() {
                let parts = largest_remainder(*share, &vec![1; people.len()])?;
                for (person, part) in people.iter().zip(parts) {
                    let key = format!("market_share:{person}:{q}");
                    self.actual(metric, *person, parse(QUARTER_ENDS[q]), part, &key)?;
                }
            }
        }
        Ok(())
    }

    /// Customer surveys per rep: NPS each finished month (score ×100 in bp, 30 to 60), and each
    /// finished quarter the repurchase rate's components: the customers served (the distinct
    /// customers of the rep's orders in the quarter) and the repeat customers among them (35% to
    /// 55% of them, rounded to a whole customer), on the quarter's last day.
    fn surveys(&mut self) -> Result<()> {
        let nps = self.metric("nps")?;
        let (repeat, served) = (
            self.metric("repeat_customers")?,
            self.metric("active_customers")?,
        );
        let customers = self.customers_by_quarter()?;
        let people: Vec<i64> = self.org.people().collect();
        for person in people {
            for m in 1..self.today.month() {
                let (_, end) =
                    month_bounds(NaiveDate::from_ymd_opt(DEMO_YEAR, m, 1).expect("month"));
                let score = self.rng.range(30, 60) * 100;
                self.actual(nps, person, end, score, &format!("nps:{person}:{m}"))?;
            }
            for (q, end) in QUARTER_ENDS.iter().enumerate() {
                let rate = self.rng.range(35, 55);
                let n = customers.get(&(person, q)).copied().unwrap_or(0);
                let (day, key) = (parse(end), format!("{person}:{q}"));
                self.actual(served, person, day, n, &format!("served:{key}"))?;
                self.actual(
                    repeat,
                    person,
                    day,
                    (n * rate + 50) / 100,
                    &format!("repeat:{key}"),
                )?;
            }
        }
        Ok(())
    }

    /// (person, quarter index) -> distinct customers of the person's revenue rows in the quarter,
    /// for the quarters of `QUARTER_ENDS`.
    fn customers_by_quarter(&self) -> Result<HashMap<(i64, usize), i64>> {
        let revenue = self.metric("revenue")?;
        let mut st = self.tx.prepare(
            "SELECT person_id, (CAST(substr(date, 6, 2) AS INTEGER) - 1) / 3, COUNT(DISTINCT customer_id)
             FROM actual WHERE metric_id = ?1 AND date <= ?2 AND customer_id IS NOT NULL
             GROUP BY 1, 2",
        )?;
        let v = st
            .query_map(params![revenue, QUARTER_ENDS[2]], |r| {
                Ok(((r.get(0)?, r.get::<_, i64>(1)? as usize), r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Attrition's components: at each quarter's end, each team's trailing twelve months, in
    /// which 0 to 2 reps left the team of 5 (half the quarters none, 40% one, 10% two). Each
    /// leaver's accounts went to a rep of the team, whose rows carry the leaver (1) and the
    /// leaver's place in the trailing year's average headcount (1), beside their own place (1).
    /// So a team that lost one rep reads 1 / 6 = 16.67%, every level reads Σ leavers / Σ average
    /// headcount of its reps, and a period of several quarters adds their snapshots.
    fn attrition(&mut self) -> Result<()> {
        let (leavers, headcount) = (self.metric("leavers")?, self.metric("headcount_avg")?);
        let teams: Vec<Vec<i64>> = self
            .org
            .regions
            .iter()
            .flat_map(|r| r.teams.iter().map(|t| t.people.clone()))
            .collect();
        for people in teams {
            for (q, end) in QUARTER_ENDS.iter().enumerate() {
                let left = self.rng.weighted(&[50, 40, 10]);
                for (i, person) in people.iter().enumerate() {
                    // The successors of the quarter's leavers: the reps from place q on.
                    let successor = (i + people.len() - q % people.len()) % people.len() < left;
                    let (day, key) = (parse(end), format!("{person}:{q}"));
                    let places = 1 + successor as i64;
                    self.actual(headcount, *person, day, places, &format!("headcount:{key}"))?;
                    if successor {
                        self.actual(leavers, *person, day, 1, &format!("leavers:{key}"))?;
                    }
                }
            }
        }
        Ok(())
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
