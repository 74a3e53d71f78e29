//! Split methods: each turns its inputs into one weight per part, then the parts are cut with
//! [`super::split_weighted`] (locks included), so every method adds up exactly to the parent and
//! works the same along time (periods) and along the organisation or a dimension (members).

use super::{check_weights, largest_remainder, split_weighted};
use crate::calendar::{Period, WorkCalendar};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::money::format_yuan;

/// Blended drivers are normalised to this many parts per whole before they are weighted
/// (parts per trillion, each driver's shares cut with [`largest_remainder`] so they sum exactly).
pub const SHARE_SCALE: i64 = 1_000_000_000_000;

/// Headcount × capacity per head (fen) of one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub headcount: i64,
    pub per_head: i64,
}

/// One driver of a blend: its weight (any positive units, e.g. 60 and 40) and its method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub weight: i64,
    pub method: Method,
}

/// How a parent value is divided among its parts; each variant carries one entry per part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// The same share for each of `n` parts.
    Even(usize),
    /// Explicit percentages in basis points; they must total 10000 (100%).
    Percent(Vec<i64>),
    /// Headcount × capacity per head.
    Capacity(Vec<Capacity>),
    /// Market potential (any non-negative weights).
    Potential(Vec<u128>),
    /// Last year's same-period values (fen): their shares are the seasonality.
    History(Vec<i64>),
    /// Working days per part.
    Workdays(Vec<i64>),
    /// Weighted mix of other methods, e.g. 60% history + 40% capacity.
    Blend(Vec<Driver>),
    /// Values typed in by hand; they must add up to the total.
    Manual(Vec<i64>),
}

fn negative(what: &str, i: usize) -> Error {
    Error::new(
        Code::SplitNegativeWeight,
        format!("第 {} 项的{what}不能为负数", i + 1),
        format!("Part {}: {what} cannot be negative", i + 1),
    )
}

fn non_negative(values: &[i64], what: &str) -> Result<Vec<u128>> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| u128::try_from(*v).map_err(|_| negative(what, i)))
        .collect()
}

impl Method {
    /// Working days of each period in `cal` (a week clipped to a month counts only its days
    /// inside the month).
    pub fn workdays(periods: &[Period], cal: &WorkCalendar) -> Method {
        Method::Workdays(periods.iter().map(|p| p.working_days(cal)).collect())
    }

    /// How many parts this method splits into.
    pub fn len(&self) -> usize {
        match self {
            Method::Even(n) => *n,
            Method::Percent(v) | Method::History(v) | Method::Workdays(v) | Method::Manual(v) => {
                v.len()
            }
            Method::Capacity(v) => v.len(),
            Method::Potential(v) => v.len(),
            Method::Blend(d) => d.first().map_or(0, |d| d.method.len()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One weight per part. Manual values weigh as themselves.
    pub fn weights(&self) -> Result<Vec<u128>> {
        match self {
            Method::Even(n) => Ok(vec![1; *n]),
            Method::Percent(bp) => {
                let w = non_negative(bp, "百分比")?;
                let sum: i128 = bp.iter().map(|v| *v as i128).sum();
                if sum != 10_000 {
                    let shown = format!("{}.{:02}", sum / 100, (sum % 100).abs());
                    return Err(Error::new(
                        Code::PercentNot100,
                        format!("百分比分配合计必须等于100%（当前为 {shown}%）"),
                        format!("Percentage Allocation should be equal to 100% (it is {shown}%)"),
                    ));
                }
                Ok(w)
            }
            Method::Capacity(c) => c
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let h = u128::try_from(c.headcount).map_err(|_| negative("人数", i))?;
                    let p = u128::try_from(c.per_head).map_err(|_| negative("人均产能", i))?;
                    Ok(h * p)
                })
                .collect(),
            Method::Potential(w) => Ok(w.clone()),
            Method::History(v) => non_negative(v, "去年同期值"),
            Method::Workdays(v) => non_negative(v, "工作日数"),
            Method::Manual(v) => non_negative(v, "手工值"),
            Method::Blend(drivers) => blend_weights(drivers),
        }
    }
}

/// Σ driver weight × driver share, with each driver's shares cut to [`SHARE_SCALE`] exactly.
fn blend_weights(drivers: &[Driver]) -> Result<Vec<u128>> {
    let n = drivers.first().map_or(0, |d| d.method.len());
    if drivers.is_empty() || drivers.iter().map(|d| d.weight).sum::<i64>() <= 0 {
        return Err(Error::new(
            Code::BlendNoDriver,
            "混合拆分至少需要一个权重为正的驱动因素",
            "A blended split needs at least one driver with a positive weight",
        ));
    }
    let mut out = vec![0u128; n];
    for (k, d) in drivers.iter().enumerate() {
        if d.weight < 0 || d.weight > 1_000_000 {
            return Err(Error::new(
                Code::BlendBadWeight,
                format!("第 {} 个驱动因素的权重应在 0 到 1000000 之间", k + 1),
                format!("Driver {} needs a weight from 0 to 1000000", k + 1),
            ));
        }
        if d.method.len() != n {
            return Err(Error::new(
                Code::BlendLengthMismatch,
                format!("第 {} 个驱动因素的项数与第一个不一致", k + 1),
                format!("Driver {} does not have as many parts as the first", k + 1),
            ));
        }
        if matches!(d.method, Method::Blend(_)) {
            return Err(Error::new(
                Code::BlendNested,
                "混合拆分不能嵌套",
                "Blended splits cannot be nested",
            ));
        }
        if d.weight == 0 {
            continue;
        }
        let weights = d.method.weights()?;
        check_weights(&weights)?;
        let shares = largest_remainder(SHARE_SCALE, &weights)?;
        for (o, s) in out.iter_mut().zip(shares) {
            *o += d.weight as u128 * s as u128;
        }
    }
    Ok(out)
}

/// Splits `total` with `method`, keeping `locks` (empty, or one entry per part).
pub fn split(total: i64, method: &Method, locks: &[Option<i64>]) -> Result<Vec<i64>> {
    if let Method::Manual(values) = method {
        return manual(total, values, locks);
    }
    split_weighted(total, &method.weights()?, locks)
}

/// Manual values are taken as typed (locks win where both are given) and must add up exactly.
fn manual(total: i64, values: &[i64], locks: &[Option<i64>]) -> Result<Vec<i64>> {
    let parts: Vec<i64> = values
        .iter()
        .enumerate()
        .map(|(i, v)| locks.get(i).copied().flatten().unwrap_or(*v))
        .collect();
    let sum: i128 = parts.iter().map(|v| *v as i128).sum();
    if sum != total as i128 {
        let sum = i64::try_from(sum).unwrap_or(i64::MAX);
        return Err(Error::new(
            Code::ManualSumMismatch,
            format!(
                "手工分配合计 {} 与总额 {} 不相等",
                format_yuan(sum),
                format_yuan(total)
            ),
            format!(
                "Manual values add up to {}, not the total {}",
                format_yuan(sum),
                format_yuan(total)
            ),
        ));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{parse_period, PeriodKind};
    use crate::money::{WAN, YI};

    #[test]
    fn seed_examples_by_method() {
        assert_eq!(
            split(10 * YI, &Method::Even(4), &[]).unwrap(),
            vec![25 * YI / 10; 4]
        );
        assert_eq!(
            split(YI, &Method::Percent(vec![4000, 3000, 3000]), &[]).unwrap(),
            vec![4000 * WAN, 3000 * WAN, 3000 * WAN]
        );
        assert_eq!(
            split(10_000, &Method::Even(3), &[]).unwrap(),
            vec![3334, 3333, 3333]
        );
        // Team A 200万 per head, team B 180万 per head: 380万 splits back into 200万 + 180万.
        let cap = Method::Capacity(vec![
            Capacity {
                headcount: 1,
                per_head: 200 * WAN,
            },
            Capacity {
                headcount: 1,
                per_head: 180 * WAN,
            },
        ]);
        assert_eq!(
            split(380 * WAN, &cap, &[]).unwrap(),
            vec![200 * WAN, 180 * WAN]
        );
    }

    #[test]
    fn percentages_must_total_100() {
        let e = split(YI, &Method::Percent(vec![4000, 3000, 2000]), &[]).unwrap_err();
        assert_eq!(e.code, "percent_not_100");
        assert_eq!(e.zh, "百分比分配合计必须等于100%（当前为 90.00%）");
        assert!(e
            .en
            .starts_with("Percentage Allocation should be equal to 100%"));
    }

    #[test]
    fn history_gives_seasonality_and_workdays_follow_the_calendar() {
        // Last year 100/300/600 -> this year's 2000 keeps the 10/30/60 shape.
        assert_eq!(
            split(2000, &Method::History(vec![100, 300, 600]), &[]).unwrap(),
            vec![200, 600, 1200]
        );
        // Q4 2026 in China: October 18 working days, November 21, December 23 (62 in all).
        let q4 = parse_period("2026-Q4", 1).unwrap();
        let months = q4.children(PeriodKind::Month, 1).unwrap();
        let m = Method::workdays(&months, &WorkCalendar::cn());
        assert_eq!(m, Method::Workdays(vec![18, 21, 23]));
        assert_eq!(split(6200, &m, &[]).unwrap(), vec![1800, 2100, 2300]);
    }

    #[test]
    fn blend_mixes_driver_shares_by_weight() {
        // 60% history (shares 1/4, 3/4) + 40% even (1/2, 1/2) = 0.35 / 0.65.
        let m = Method::Blend(vec![
            Driver {
                weight: 60,
                method: Method::History(vec![100, 300]),
            },
            Driver {
                weight: 40,
                method: Method::Even(2),
            },
        ]);
        assert_eq!(split(1000, &m, &[]).unwrap(), vec![350, 650]);
        let bad = Method::Blend(vec![
            Driver {
                weight: 60,
                method: Method::Even(2),
            },
            Driver {
                weight: 40,
                method: Method::Even(3),
            },
        ]);
        assert_eq!(
            split(1000, &bad, &[]).unwrap_err().code,
            "blend_length_mismatch"
        );
    }

    #[test]
    fn manual_values_must_add_up() {
        assert_eq!(
            split(100, &Method::Manual(vec![70, 30]), &[]).unwrap(),
            vec![70, 30]
        );
        assert_eq!(
            split(100, &Method::Manual(vec![70, 20]), &[])
                .unwrap_err()
                .code,
            "manual_sum_mismatch"
        );
        assert_eq!(
            split(100, &Method::History(vec![-1, 2]), &[])
                .unwrap_err()
                .code,
            "split_negative_weight"
        );
    }

    #[test]
    fn locks_work_with_every_method() {
        assert_eq!(
            split(
                YI,
                &Method::Percent(vec![4000, 3000, 3000]),
                &[Some(4500 * WAN), None, None]
            )
            .unwrap(),
            vec![4500 * WAN, 2750 * WAN, 2750 * WAN]
        );
    }
}
