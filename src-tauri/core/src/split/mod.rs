//! Target splitting. Every split adds up exactly to its parent in the smallest money unit.

mod methods;

pub use methods::{split, Capacity, Driver, Method, SHARE_SCALE};

use crate::error::Code;
use crate::error::{Error, Result};

/// Splits `total` in proportion to `weights` with the largest-remainder method: each part gets the
/// floor of its exact share, then the units left over go one each to the largest remainders
/// (ties to the earlier part). The parts always sum to `total`. Negative totals split as their
/// mirror image. Weights must be non-negative with a positive sum.
pub fn largest_remainder(total: i64, weights: &[u128]) -> Result<Vec<i64>> {
    let sum: u128 = weights.iter().sum();
    if weights.is_empty() || sum == 0 {
        return Err(Error::new(
            Code::SplitNoWeight,
            "无法拆分：所有权重均为零",
            "Cannot split: every weight is zero",
        ));
    }
    let neg = total < 0;
    let t = total.unsigned_abs() as u128;
    let mut parts: Vec<u128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    let mut assigned: u128 = 0;
    for (i, w) in weights.iter().enumerate() {
        // t < 2^63 and w is bounded by the caller's sizes; the product stays within u128 for
        // weights below 2^64, which every caller guarantees.
        let exact = t * w;
        parts.push(exact / sum);
        remainders.push((exact % sum, i));
        assigned += exact / sum;
    }
    let left = (t - assigned) as usize;
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(left) {
        parts[i] += 1;
    }
    Ok(parts
        .into_iter()
        .map(|p| if neg { -(p as i64) } else { p as i64 })
        .collect())
}

/// Weights at or above this would overflow the exact product inside [`largest_remainder`].
pub const MAX_WEIGHT: u128 = 1 << 64;

/// Refuses weights at or above [`MAX_WEIGHT`].
pub fn check_weights(weights: &[u128]) -> Result<()> {
    if weights.iter().any(|w| *w >= MAX_WEIGHT) {
        return Err(Error::new(
            Code::SplitWeightTooLarge,
            "拆分权重过大，无法精确计算",
            "A split weight is too large to compute exactly",
        ));
    }
    Ok(())
}

/// Splits `total` by `weights` while `locks` keep their values: the locked parts are set aside
/// and the remainder is split over the unlocked parts with [`largest_remainder`]. `locks` is empty
/// (nothing locked) or one entry per part. Locked values must carry the total's sign and may not
/// exceed it; a remainder with nothing left unlocked is refused.
pub fn split_weighted(total: i64, weights: &[u128], locks: &[Option<i64>]) -> Result<Vec<i64>> {
    if !locks.is_empty() && locks.len() != weights.len() {
        return Err(Error::new(
            Code::SplitLengthMismatch,
            format!(
                "锁定项数量（{}）与拆分项数量（{}）不一致",
                locks.len(),
                weights.len()
            ),
            format!("{} locks given for {} parts", locks.len(), weights.len()),
        ));
    }
    check_weights(weights)?;
    let lock = |i: usize| locks.get(i).copied().flatten();
    let mut locked_sum: i128 = 0;
    for i in 0..weights.len() {
        if let Some(v) = lock(i) {
            if (total >= 0 && v < 0) || (total < 0 && v > 0) {
                return Err(Error::new(
                    Code::LockSign,
                    format!("第 {} 项的锁定值与总额符号相反", i + 1),
                    format!("Locked part {} has the opposite sign of the total", i + 1),
                ));
            }
            locked_sum += v as i128;
        }
    }
    let rest = total as i128 - locked_sum;
    if (total >= 0 && rest < 0) || (total < 0 && rest > 0) {
        return Err(Error::new(
            Code::LocksExceedTotal,
            format!(
                "锁定值合计 {} 超过了总额 {}",
                crate::money::format_yuan(locked_sum as i64),
                crate::money::format_yuan(total)
            ),
            format!(
                "Locked parts add up to {}, more than the total {}",
                crate::money::format_yuan(locked_sum as i64),
                crate::money::format_yuan(total)
            ),
        ));
    }
    let rest = rest as i64;
    let unlocked: Vec<usize> = (0..weights.len()).filter(|&i| lock(i).is_none()).collect();
    let mut parts: Vec<i64> = (0..weights.len()).map(|i| lock(i).unwrap_or(0)).collect();
    if unlocked.is_empty() || rest == 0 {
        if rest != 0 {
            return Err(Error::new(
                Code::SplitAllLocked,
                format!(
                    "所有项均已锁定，剩余 {} 无处分配",
                    crate::money::format_yuan(rest)
                ),
                format!(
                    "Every part is locked; {} is left with nowhere to go",
                    crate::money::format_yuan(rest)
                ),
            ));
        }
        return Ok(parts);
    }
    let free: Vec<u128> = unlocked.iter().map(|&i| weights[i]).collect();
    for (&i, v) in unlocked.iter().zip(largest_remainder(rest, &free)?) {
        parts[i] = v;
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{WAN, YI};

    #[test]
    fn seed_examples_split_exactly() {
        // 10亿 a year, even over four quarters: 2.5亿 each.
        assert_eq!(
            largest_remainder(10 * YI, &[1, 1, 1, 1]).unwrap(),
            vec![25 * YI / 10; 4]
        );
        // 1亿 with East 40%, South 30%, North 30%.
        assert_eq!(
            largest_remainder(YI, &[40, 30, 30]).unwrap(),
            vec![4000 * WAN, 3000 * WAN, 3000 * WAN]
        );
        // 100 yuan in three: 33.34, 33.33, 33.33.
        assert_eq!(
            largest_remainder(10_000, &[1, 1, 1]).unwrap(),
            vec![3334, 3333, 3333]
        );
        assert_eq!(
            largest_remainder(-10_000, &[1, 1, 1]).unwrap(),
            vec![-3334, -3333, -3333]
        );
    }

    #[test]
    fn locks_keep_their_value_and_the_rest_rebalances() {
        // 1亿 by 40/30/30 with 华东 locked at 4500万: 5500万 left over 30:30.
        assert_eq!(
            split_weighted(YI, &[40, 30, 30], &[Some(4500 * WAN), None, None]).unwrap(),
            vec![4500 * WAN, 2750 * WAN, 2750 * WAN]
        );
        assert_eq!(
            split_weighted(YI, &[40, 30, 30], &[Some(YI), None, None]).unwrap(),
            vec![YI, 0, 0]
        );
        assert_eq!(
            split_weighted(100, &[1, 1], &[Some(60), Some(40)]).unwrap(),
            vec![60, 40]
        );
    }

    #[test]
    fn bad_locks_are_refused() {
        let err = |locks: &[Option<i64>]| split_weighted(100, &[1, 1, 1], locks).unwrap_err().code;
        assert_eq!(err(&[Some(80), Some(30), None]), "locks_exceed_total");
        assert_eq!(err(&[Some(30), Some(30), Some(30)]), "split_all_locked");
        assert_eq!(err(&[Some(-1), None, None]), "lock_sign");
        assert_eq!(err(&[Some(1)]), "split_length_mismatch");
        assert_eq!(
            split_weighted(1, &[MAX_WEIGHT], &[]).unwrap_err().code,
            "split_weight_too_large"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// Any total, any weights, any locks: either the parts add up exactly with every lock
        /// kept, or the locks exceed the total, or nothing is left unlocked for a remainder.
        #[test]
        fn splits_are_exact_and_keep_locks(
            total in -1_000_000_000_000i64..1_000_000_000_000,
            cells in proptest::collection::vec(
                (0u128..1_000_000, proptest::option::weighted(0.3, 0i64..=10_000)),
                1..24,
            ),
        ) {
            let weights: Vec<u128> = cells.iter().map(|c| c.0).collect();
            // Each lock is a share of the total (in bp, over half the parts), so together the
            // locks sometimes exceed it.
            let spread = (cells.len() as i64 / 2).max(1);
            let locks: Vec<Option<i64>> = cells
                .iter()
                .map(|c| c.1.map(|bp| (total as i128 * bp as i128 / 10_000 / spread as i128) as i64))
                .collect();
            let locked: i128 = locks.iter().flatten().map(|l| *l as i128).sum();
            let rest = total as i128 - locked;
            let free_weight: u128 = weights
                .iter()
                .zip(&locks)
                .filter(|(_, l)| l.is_none())
                .map(|(w, _)| *w)
                .sum();
            match split_weighted(total, &weights, &locks) {
                Ok(parts) => {
                    proptest::prop_assert_eq!(parts.len(), weights.len());
                    proptest::prop_assert_eq!(parts.iter().map(|p| *p as i128).sum::<i128>(), total as i128);
                    for ((p, l), w) in parts.iter().zip(&locks).zip(&weights) {
                        match l {
                            Some(l) => proptest::prop_assert_eq!(p, l),
                            None => {
                                proptest::prop_assert!(p.signum() * total.signum() >= 0);
                                if *w == 0 {
                                    proptest::prop_assert_eq!(*p, 0);
                                }
                            }
                        }
                    }
                }
                Err(e) => {
                    let code = if rest.abs() > 0 && rest.signum() != (total as i128).signum() {
                        "locks_exceed_total"
                    } else if free_weight == 0 && locks.iter().all(|l| l.is_some()) {
                        "split_all_locked"
                    } else {
                        "split_no_weight"
                    };
                    proptest::prop_assert_eq!(e.code, code);
                    proptest::prop_assert!(rest != 0, "an exact fit must not fail: {}", e);
                    proptest::prop_assert!(code != "split_no_weight" || free_weight == 0);
                }
            }
        }
    }

    #[test]
    fn zero_weights_are_refused() {
        assert_eq!(
            largest_remainder(5, &[0, 0]).unwrap_err().code,
            "split_no_weight"
        );
        assert_eq!(
            largest_remainder(5, &[]).unwrap_err().code,
            "split_no_weight"
        );
    }
}
