//! Splits in round numbers: every unlocked part is a multiple of the plan's rounding unit, and
//! the parts still add up exactly (what does not divide goes to one part).

use crate::error::Result;
use crate::split::{largest_remainder, split_weighted};

/// Which part takes the remainder that is not a multiple of the unit: the largest unlocked part
/// (by weight, the earlier on a tie) unless a part is picked.
pub fn remainder_part(
    weights: &[u128],
    locks: &[Option<i64>],
    pick: Option<usize>,
) -> Option<usize> {
    let free = |i: usize| locks.get(i).copied().flatten().is_none();
    if let Some(p) = pick.filter(|p| *p < weights.len() && free(*p)) {
        return Some(p);
    }
    (0..weights.len())
        .filter(|i| free(*i))
        .fold(None, |best: Option<usize>, i| match best {
            Some(b) if weights[b] >= weights[i] => Some(b),
            _ => Some(i),
        })
}

/// Splits `total` by `weights` keeping `locks` (empty or one per part): the rest is cut in whole
/// units with the largest-remainder method, and `rest mod unit` is added to [`remainder_part`].
/// With `unit` 1 this is exactly [`split_weighted`].
pub fn split_rounded(
    total: i64,
    weights: &[u128],
    locks: &[Option<i64>],
    unit: i64,
    pick: Option<usize>,
) -> Result<Vec<i64>> {
    // Validates locks (signs, sums, nothing left unlocked) the same way in every unit.
    let exact = split_weighted(total, weights, locks)?;
    if unit <= 1 {
        return Ok(exact);
    }
    let lock = |i: usize| locks.get(i).copied().flatten();
    let free: Vec<usize> = (0..weights.len()).filter(|&i| lock(i).is_none()).collect();
    if free.is_empty() {
        return Ok(exact);
    }
    let rest: i64 = total - (0..weights.len()).filter_map(lock).sum::<i64>();
    let units = rest / unit;
    let left = rest - units * unit;
    let free_weights: Vec<u128> = free.iter().map(|&i| weights[i]).collect();
    let mut parts: Vec<i64> = (0..weights.len()).map(|i| lock(i).unwrap_or(0)).collect();
    for (&i, v) in free.iter().zip(largest_remainder(units, &free_weights)?) {
        parts[i] = v * unit;
    }
    if let Some(i) = remainder_part(weights, locks, pick) {
        parts[i] += left;
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    #[test]
    fn parts_are_round_and_add_up_exactly() {
        // 1,000,000.03 yuan in 万 over 3 even parts: 33万 + 33万 + 34万 is not possible evenly;
        // largest remainder gives 34/33/33 万 and the 0.03 goes to the first (largest) part.
        let total = 100 * WAN + 3;
        let parts = split_rounded(total, &[1, 1, 1], &[], WAN, None).unwrap();
        assert_eq!(parts, vec![34 * WAN + 3, 33 * WAN, 33 * WAN]);
        // A picked part takes the remainder instead.
        let parts = split_rounded(total, &[1, 1, 1], &[], WAN, Some(2)).unwrap();
        assert_eq!(parts, vec![34 * WAN, 33 * WAN, 33 * WAN + 3]);
        // A locked part keeps its odd value; the others are round.
        let parts =
            split_rounded(total, &[1, 1, 1], &[Some(12_345), None, None], WAN, None).unwrap();
        assert_eq!(parts[0], 12_345);
        assert_eq!(parts.iter().sum::<i64>(), total);
        assert_eq!(parts[2] % WAN, 0);
        // In yuan, 5,600万 and 0.14 over 1:2:1: 1,400万 / 2,800万.14 / 1,400万.
        let parts = split_rounded(5_600 * WAN + 14, &[1, 2, 1], &[], 100, None).unwrap();
        assert_eq!(parts, vec![1_400 * WAN, 2_800 * WAN + 14, 1_400 * WAN]);
    }

    #[test]
    fn negative_totals_split_in_units_too() {
        let parts = split_rounded(-(10 * WAN) - 7, &[1, 1], &[], WAN, None).unwrap();
        assert_eq!(parts, vec![-(5 * WAN) - 7, -(5 * WAN)]);
    }
}
