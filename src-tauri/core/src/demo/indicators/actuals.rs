//! The demo's actual rows of the other indicators: gross profit, orders, collections, the
//! pipeline, visits, complaints, market share, surveys and attrition.

use super::*;

impl Indicators<'_> {
    /// Inserts one actual row of `metric`.
    fn actual(
        &mut self,
        metric: i64,
        person: i64,
        day: NaiveDate,
        amount: i64,
        key: &str,
    ) -> Result<()> {
        rows::indicator_row(
            self.tx,
            (self.batch, metric),
            person,
            &day.to_string(),
            amount,
            &format!("demo:{key}"),
        )?;
        self.rows += 1;
        Ok(())
    }

    /// Rows inserted by the last statement, counted into the batch.
    fn count(&mut self, n: usize) {
        self.rows += n as u64;
    }

    /// Gross profit: per person, day and product line, the day's revenue of the line times the
    /// line's margin (rounded to the fen), with the revenue's customer type and channel dropped.
    pub(super) fn gross_profit(&mut self) -> Result<()> {
        let (revenue, gp) = (self.metric("revenue")?, self.metric("gross_profit")?);
        let n = rows::gross_profit(self.tx, self.batch, (revenue, gp), &MARGIN_BP)?;
        self.count(n);
        Ok(())
    }

    /// Orders: per person and month, the number of revenue rows (what the dashboard calls
    /// orders), on the month's last day of sales.
    pub(super) fn orders(&mut self) -> Result<()> {
        let (revenue, orders) = (self.metric("revenue")?, self.metric("orders")?);
        let n = rows::orders(self.tx, self.batch, (revenue, orders))?;
        self.count(n);
        Ok(())
    }

    /// Monthly revenue per person: (person, month "YYYY-MM", last day of sales, amount).
    fn monthly_revenue(&self) -> Result<Vec<(i64, String, String, i64)>> {
        let revenue = self.metric("revenue")?;
        rows::monthly(self.tx, revenue)
    }

    /// Collections: per person and month, 82% to 98% of the month's revenue, in whole yuan, on
    /// the month's last day of sales.
    pub(super) fn collections(&mut self) -> Result<()> {
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
    pub(super) fn pipeline(&mut self) -> Result<()> {
        let (leads, new_customers) = (self.metric("leads")?, self.metric("new_customers")?);
        for (metric, won, key) in [(leads, false, "lead"), (new_customers, true, "new")] {
            let n = rows::from_deals(self.tx, (self.batch, metric), won, key)?;
            self.count(n);
        }
        Ok(())
    }

    /// Visits: per person and week, 8 a week prorated by the week's working days, at the rep's
    /// pace with noise, on the week's last working day (up to the demo's today).
    pub(super) fn visits(&mut self) -> Result<()> {
        let metric = self.metric("visits")?;
        let people: Vec<(usize, i64)> = self.org.people().enumerate().collect();
        for (index, person) in people {
            let pace = crate::demo::PERFORMANCE[index];
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
    pub(super) fn complaints(&mut self) -> Result<()> {
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
    pub(super) fn market_share(&mut self) -> Result<()> {
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
    pub(super) fn surveys(&mut self) -> Result<()> {
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
        Ok(
            rows::customers_by_quarter(self.tx, revenue, QUARTER_ENDS[2])?
                .into_iter()
                .map(|(person, quarter, n)| ((person, quarter as usize), n))
                .collect(),
        )
    }

    /// Attrition's components: at each quarter's end, each team's trailing twelve months, in
    /// which 0 to 2 reps left the team of 5 (half the quarters none, 40% one, 10% two). Each
    /// leaver's accounts went to a rep of the team, whose rows carry the leaver (1) and the
    /// leaver's place in the trailing year's average headcount (1), beside their own place (1).
    /// So a team that lost one rep reads 1 / 6 = 16.67%, every level reads Σ leavers / Σ average
    /// headcount of its reps, and a period of several quarters adds their snapshots.
    pub(super) fn attrition(&mut self) -> Result<()> {
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
