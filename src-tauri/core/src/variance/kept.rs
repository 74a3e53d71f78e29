//! Actual sums and target rows kept in memory between questions, so a click on the dashboard
//! adds numbers it already holds instead of reading the aggregates again: each month's totals per
//! person (and per dimension member), each month's days per person, the raw rows of a partial
//! month per dimension member, every range asked for, and the target rows of each set, metric
//! and dimension member. Loaded on first use; the whole store is dropped
//! with the workspace's kept values when the data changes (see [`Workspace::memo`]).
//!
//! [`Workspace::memo`]: crate::store::Workspace::memo

use super::model::{DimFilter, Sum};
use super::period::months_between;
use super::store::sums;
use super::targets::{read_rows, TargetRows};
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Sums per member (0 for the total), per person.
type MemberSums = HashMap<i64, Vec<(i64, Sum)>>;
/// Each person's days of one month, in date order.
type MonthDays = HashMap<i64, Vec<(NaiveDate, Sum)>>;

/// An answered range: (metric, dim, member, from, to).
type RangeKey = (i64, String, i64, NaiveDate, NaiveDate);

/// How many answered ranges are kept before the oldest are forgotten (all at once).
const RANGES_KEPT: usize = 512;

/// A map guarded for the commands of one workspace, each value built once.
struct Shelf<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K: Eq + Hash + Clone, V> Default for Shelf<K, V> {
    fn default() -> Self {
        Shelf(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash + Clone, V> Shelf<K, V> {
    fn get_or(&self, key: K, limit: usize, build: impl FnOnce() -> Result<V>) -> Result<Arc<V>> {
        if let Some(v) = self.lock().get(&key) {
            return Ok(v.clone());
        }
        let v = Arc::new(build()?);
        let mut map = self.lock();
        if map.len() >= limit {
            map.clear();
        }
        map.insert(key, v.clone());
        Ok(v)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<V>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The sums and target rows one open workspace keeps (see the module's text).
#[derive(Default)]
pub(crate) struct KeptFigures {
    /// (metric, dim, month `YYYY-MM`) → totals per member and person.
    totals: Shelf<(i64, String, String), MemberSums>,
    /// (metric, first day of the month) → its days per person.
    days: Shelf<(i64, NaiveDate), MonthDays>,
    /// (metric, dim, from, to) of a partial month → raw rows summed per member and person.
    partial: Shelf<(i64, String, NaiveDate, NaiveDate), MemberSums>,
    /// (metric, dim, member, from, to) → sums per person.
    ranges: Shelf<RangeKey, HashMap<i64, Sum>>,
    /// (target set, metric, dimension member or 0) → the set's rows by org unit.
    targets: Shelf<(i64, i64, i64), TargetRows>,
}

impl KeptFigures {
    /// Every target row of `set` for the metric and dimension member, by org unit.
    pub(crate) fn targets(
        &self,
        conn: &Connection,
        set: i64,
        metric_id: i64,
        dim_id: Option<i64>,
    ) -> Result<Arc<TargetRows>> {
        self.targets
            .get_or((set, metric_id, dim_id.unwrap_or(0)), usize::MAX, || {
                read_rows(conn, set, metric_id, dim_id)
            })
    }

    /// Sums of `from..=to` per person for one metric, optionally one dimension member: whole
    /// months from the monthly totals, the months cut by the range from their days (the raw rows
    /// for a dimension member). The same figures as [`super::actuals::by_person`].
    pub(crate) fn by_person(
        &self,
        conn: &Connection,
        metric_id: i64,
        dim: Option<&DimFilter>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Arc<HashMap<i64, Sum>>> {
        let (dim_name, member) = dim.map_or((String::new(), 0), |d| (d.dim.clone(), d.member_id));
        let key = (metric_id, dim_name.clone(), member, from, to);
        self.ranges.get_or(key, RANGES_KEPT, || {
            let mut out: HashMap<i64, Sum> = HashMap::new();
            if to < from {
                return Ok(out);
            }
            for (ms, me) in months_between(from, to) {
                let (a, b) = (ms.max(from), me.min(to));
                let whole = ms >= from && me <= to;
                if whole {
                    let month = ms.format("%Y-%m").to_string();
                    let totals = self.totals.get_or(
                        (metric_id, dim_name.clone(), month.clone()),
                        usize::MAX,
                        || {
                            Ok(by_member(sums::month_totals(
                                conn, metric_id, &dim_name, &month,
                            )?))
                        },
                    )?;
                    add_member(&mut out, &totals, member);
                } else if let Some(d) = dim {
                    let column = d.column();
                    let part = self.partial.get_or(
                        (metric_id, dim_name.clone(), a, b),
                        RANGES_KEPT,
                        || {
                            Ok(by_member(sums::member_range(
                                conn, metric_id, column, a, b,
                            )?))
                        },
                    )?;
                    add_member(&mut out, &part, member);
                } else {
                    let days = self.month_days(conn, metric_id, ms, me)?;
                    for (&person, list) in days.iter() {
                        for (_, v) in list.iter().filter(|(d, _)| *d >= a && *d <= b) {
                            *out.entry(person).or_default() += *v;
                        }
                    }
                }
            }
            Ok(out)
        })
    }

    /// Daily sums of `from..=to` over `people` (everyone when None), for one metric in total.
    pub(crate) fn by_day(
        &self,
        conn: &Connection,
        metric_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        people: Option<&[i64]>,
    ) -> Result<BTreeMap<NaiveDate, Sum>> {
        let mut out = BTreeMap::new();
        if to < from {
            return Ok(out);
        }
        for (ms, me) in months_between(from, to) {
            let days = self.month_days(conn, metric_id, ms, me)?;
            let (a, b) = (ms.max(from), me.min(to));
            // Days of the month by their number, added without a map per day.
            let mut month = [None::<Sum>; 31];
            let mut add = |list: &Vec<(NaiveDate, Sum)>| {
                for (d, v) in list {
                    if *d >= a && *d <= b {
                        *month[d.day0() as usize].get_or_insert_with(Sum::default) += *v;
                    }
                }
            };
            match people {
                None => days.values().for_each(&mut add),
                Some(ids) => ids.iter().filter_map(|p| days.get(p)).for_each(&mut add),
            }
            for (i, s) in month.into_iter().enumerate() {
                if let (Some(s), Some(d)) = (s, ms.with_day(i as u32 + 1)) {
                    out.insert(d, s);
                }
            }
        }
        Ok(out)
    }

    fn month_days(
        &self,
        conn: &Connection,
        metric_id: i64,
        ms: NaiveDate,
        me: NaiveDate,
    ) -> Result<Arc<MonthDays>> {
        self.days.get_or((metric_id, ms), usize::MAX, || {
            let mut out: MonthDays = HashMap::new();
            for (person, d, s) in sums::days(conn, metric_id, ms, me)? {
                out.entry(person).or_default().push((d, s));
            }
            for list in out.values_mut() {
                list.sort_by_key(|(d, _)| *d);
            }
            Ok(out)
        })
    }
}

fn by_member(rows: Vec<(i64, i64, Sum)>) -> MemberSums {
    let mut out: MemberSums = HashMap::new();
    for (member, person, s) in rows {
        out.entry(member).or_default().push((person, s));
    }
    out
}

fn add_member(out: &mut HashMap<i64, Sum>, sums: &MemberSums, member: i64) {
    for (p, s) in sums.get(&member).into_iter().flatten() {
        *out.entry(*p).or_default() += *s;
    }
}
