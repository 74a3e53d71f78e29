//! Targets of a node over any date range, from its stored rows: the exact period row when there
//! is one, otherwise its monthly rows (the split, so seasonality counts; a partial month is
//! prorated by working days), otherwise the enclosing row prorated by working days. A node
//! without rows of its own adds up its children's (additive metrics only).

use super::mul_div_round;
use super::period::months_between;
use super::store::targets as store;
use super::tree::OrgTree;
use crate::calendar::{iso_day, WorkCalendar};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The three tiers of a target: floor 保底, base 基准, challenge 挑战.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierValues {
    pub floor: i64,
    pub base: i64,
    pub challenge: i64,
}

impl TierValues {
    fn map(self, f: impl Fn(i64) -> i64) -> TierValues {
        TierValues {
            floor: f(self.floor),
            base: f(self.base),
            challenge: f(self.challenge),
        }
    }

    fn add(self, o: TierValues) -> TierValues {
        TierValues {
            floor: self.floor + o.floor,
            base: self.base + o.base,
            challenge: self.challenge + o.challenge,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    start: NaiveDate,
    end: NaiveDate,
    month: bool,
    tiers: TierValues,
}

/// The target rows of one node for one metric (and dimension member) in one target set.
#[derive(Debug, Clone, Default)]
pub struct NodeTargets {
    rows: Vec<Row>,
}

/// Every target row of one target set, metric and dimension member, by org unit: read in one
/// go and kept, so the figures of thousands of nodes ask the database once.
pub(crate) type TargetRows = HashMap<i64, Vec<Row>>;

/// Which target set is in force for a fiscal year: the newest approved one, else the newest.
pub fn target_set_for(conn: &Connection, fiscal_year: i32) -> Result<Option<i64>> {
    store::set_for(conn, fiscal_year)
}

/// The rows of `set` for the metric and dimension member, by org unit.
pub(crate) fn read_rows(
    conn: &Connection,
    set: i64,
    metric_id: i64,
    dim_id: Option<i64>,
) -> Result<TargetRows> {
    let mut out: TargetRows = HashMap::new();
    for (node, period, s, e, floor, base, challenge) in store::rows(conn, set, metric_id, dim_id)? {
        let (Some(start), Some(end)) = (iso_day(&s), iso_day(&e)) else {
            continue;
        };
        let month = period.len() == 7
            && period.as_bytes()[4] == b'-'
            && period[5..].bytes().all(|b| b.is_ascii_digit());
        out.entry(node).or_default().push(Row {
            start,
            end,
            month,
            tiers: TierValues {
                floor,
                base,
                challenge,
            },
        });
    }
    Ok(out)
}

impl NodeTargets {
    /// The node's rows; when it has none and `roll_up` is set, its children's rows added up.
    pub(crate) fn load(all: &TargetRows, tree: &OrgTree, node: i64, roll_up: bool) -> NodeTargets {
        let rows = all.get(&node).cloned().unwrap_or_default();
        if !rows.is_empty() || !roll_up {
            return NodeTargets { rows };
        }
        let mut merged: BTreeMap<(NaiveDate, NaiveDate, bool), TierValues> = BTreeMap::new();
        for child in tree.children(node) {
            for r in Self::load(all, tree, child.id, true).rows {
                let e = merged.entry((r.start, r.end, r.month)).or_default();
                *e = e.add(r.tiers);
            }
        }
        NodeTargets {
            rows: merged
                .into_iter()
                .map(|((start, end, month), tiers)| Row {
                    start,
                    end,
                    month,
                    tiers,
                })
                .collect(),
        }
    }

    /// The share of `row` that falls in `from..=to`, by working days (calendar days when the
    /// row has no working day).
    fn prorate(cal: &WorkCalendar, row: &Row, from: NaiveDate, to: NaiveDate) -> TierValues {
        let (a, b) = (from.max(row.start), to.min(row.end));
        if b < a {
            return TierValues::default();
        }
        if a == row.start && b == row.end {
            return row.tiers;
        }
        let (part, whole) = match cal.working_days(row.start, row.end) {
            0 => ((b - a).num_days() + 1, (row.end - row.start).num_days() + 1),
            w => (cal.working_days(a, b), w),
        };
        row.tiers.map(|v| mul_div_round(v, part, whole))
    }

    /// The sum of the monthly rows over `from..=to`, when every month in it has a row.
    fn months_sum(&self, cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> Option<TierValues> {
        let mut total = TierValues::default();
        for (ms, me) in months_between(from, to) {
            let row = self
                .rows
                .iter()
                .find(|r| r.month && r.start == ms && r.end == me)?;
            total = total.add(Self::prorate(cal, row, from, to));
        }
        Some(total)
    }

    /// The target of `from..=to`.
    pub fn for_range(
        &self,
        cal: &WorkCalendar,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Option<TierValues> {
        if let Some(r) = self.rows.iter().find(|r| r.start == from && r.end == to) {
            return Some(r.tiers);
        }
        if let Some(t) = self.months_sum(cal, from, to) {
            return Some(t);
        }
        self.rows
            .iter()
            .filter(|r| r.start <= from && r.end >= to)
            .min_by_key(|r| r.end - r.start)
            .map(|r| Self::prorate(cal, r, from, to))
    }

    /// The target of a level metric (a rate, an average, a last value) over `from..=to`: the
    /// row of exactly that range, else the narrowest row enclosing it, as it is — a yearly
    /// "collection rate ≥ 90%" holds for every quarter and month of the year, never prorated.
    pub fn level_for(&self, from: NaiveDate, to: NaiveDate) -> Option<TierValues> {
        self.rows
            .iter()
            .filter(|r| r.start <= from && r.end >= to)
            .min_by_key(|r| r.end - r.start)
            .map(|r| r.tiers)
    }

    /// What of `target` (the target of `start..=end`) should be done by `day`: the cumulative
    /// share of the monthly split (seasonality), prorated by working days inside a month;
    /// a straight working-day line when the node has no monthly rows.
    pub fn expected_by(
        &self,
        cal: &WorkCalendar,
        target: TierValues,
        start: NaiveDate,
        end: NaiveDate,
        day: NaiveDate,
    ) -> TierValues {
        if day < start {
            return TierValues::default();
        }
        if day >= end {
            return target;
        }
        let share = match (
            self.months_sum(cal, start, day),
            self.months_sum(cal, start, end),
        ) {
            (Some(done), Some(all)) if all.base != 0 => (done.base, all.base),
            _ => (cal.working_days(start, day), cal.working_days(start, end)),
        };
        if share.1 == 0 {
            return TierValues::default();
        }
        target.map(|v| mul_div_round(v, share.0, share.1))
    }

    /// [`Self::expected_by`] of every day of `start..=end`, in order: the same values, with
    /// each month's row looked up once and the finished months carried from day to day rather
    /// than added up again for every day (a year's curve is 365 days of 12 months).
    pub fn expected_curve(
        &self,
        cal: &WorkCalendar,
        target: TierValues,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Vec<TierValues> {
        if end < start {
            return Vec::new();
        }
        let all = self.months_sum(cal, start, end);
        let all_days = cal.working_days(start, end);
        // Each month of the period with its monthly row; a month without one leaves the
        // monthly shares undefined from that month on (working days decide instead).
        let months: Vec<(NaiveDate, Option<&Row>)> = months_between(start, end)
            .into_iter()
            .map(|(ms, me)| {
                let row = self
                    .rows
                    .iter()
                    .find(|r| r.month && r.start == ms && r.end == me);
                (me, row)
            })
            .collect();
        // Σ of the months before the day's month, as `months_sum(start, day)` counts them.
        let mut before = Some(TierValues::default());
        let mut month = 0;
        let mut out = Vec::with_capacity(((end - start).num_days() + 1) as usize);
        let mut d = start;
        while d <= end {
            if d >= end {
                out.push(target);
                break;
            }
            while d > months[month].0 {
                before = before
                    .zip(months[month].1)
                    .map(|(b, row)| b.add(Self::prorate(cal, row, start, row.end)));
                month += 1;
            }
            let done = before
                .zip(months[month].1)
                .map(|(b, row)| b.add(Self::prorate(cal, row, start, d)));
            let share = match (done, all) {
                (Some(done), Some(all)) if all.base != 0 => (done.base, all.base),
                _ => (cal.working_days(start, d), all_days),
            };
            out.push(if share.1 == 0 {
                TierValues::default()
            } else {
                target.map(|v| mul_div_round(v, share.0, share.1))
            });
            d += chrono::Duration::days(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{HolidayEntry, HolidayKind};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn tiers(base: i64) -> TierValues {
        TierValues {
            floor: base * 8 / 10,
            base,
            challenge: base * 12 / 10,
        }
    }

    /// A year row and the months of 2026 with an uneven shape, leaving out `missing` months.
    fn rows(missing: &[u32]) -> NodeTargets {
        let mut rows = vec![Row {
            start: d("2026-01-01"),
            end: d("2026-12-31"),
            month: false,
            tiers: tiers(1_200_000_037),
        }];
        for (m, (ms, me)) in months_between(d("2026-01-01"), d("2026-12-31"))
            .into_iter()
            .enumerate()
        {
            if !missing.contains(&(m as u32 + 1)) {
                rows.push(Row {
                    start: ms,
                    end: me,
                    month: true,
                    tiers: tiers(70_000_001 + 9_999_991 * (m as i64 % 5)),
                });
            }
        }
        NodeTargets { rows }
    }

    /// The curve is `expected_by` of each day, for whole years, quarters, months, weeks that
    /// straddle two months and odd ranges, with and without every month's row, on calendars
    /// with holidays and 调休 days.
    #[test]
    fn the_curve_equals_the_expected_pace_of_each_day() {
        let holidays = [
            HolidayEntry {
                date: d("2026-02-16"),
                kind: HolidayKind::Holiday,
                name_zh: "",
                name_en: "",
            },
            HolidayEntry {
                date: d("2026-02-14"),
                kind: HolidayKind::Workday,
                name_zh: "",
                name_en: "",
            },
        ];
        let calendars = [
            WorkCalendar::weekdays(),
            WorkCalendar::all_days(),
            WorkCalendar::cn(),
            WorkCalendar::from_entries(holidays.iter()),
        ];
        let ranges = [
            ("2026-01-01", "2026-12-31"),
            ("2026-04-01", "2026-06-30"),
            ("2026-02-01", "2026-02-28"),
            ("2026-01-26", "2026-02-01"),
            ("2026-03-15", "2026-08-10"),
            ("2026-05-05", "2026-05-05"),
        ];
        let target = tiers(987_654_321);
        for missing in [&[][..], &[7], &[1, 12]] {
            let t = rows(missing);
            for cal in &calendars {
                for (s, e) in ranges {
                    let (start, end) = (d(s), d(e));
                    let curve = t.expected_curve(cal, target, start, end);
                    let mut day = start;
                    for (i, got) in curve.iter().enumerate() {
                        let want = t.expected_by(cal, target, start, end, day);
                        assert_eq!(*got, want, "{s}..{e}, day {i} ({day}), missing {missing:?}");
                        day += chrono::Duration::days(1);
                    }
                    assert_eq!(day, end + chrono::Duration::days(1), "{s}..{e}");
                }
            }
        }
    }
}
