//! Target splitting. Every split adds up exactly to its parent in the smallest money unit.

use crate::error::{Error, Result};

/// Splits `total` in proportion to `weights` with the largest-remainder method: each part gets the
/// floor of its exact share, then the units left over go one each to the largest remainders
/// (ties to the earlier part). The parts always sum to `total`. Negative totals split as their
/// mirror image. Weights must be non-negative with a positive sum.
pub fn largest_remainder(total: i64, weights: &[u128]) -> Result<Vec<i64>> {
    let sum: u128 = weights.iter().sum();
    if weights.is_empty() || sum == 0 {
        return Err(Error::new(
            "split_no_weight",
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
