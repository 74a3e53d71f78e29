//! A family of children sharing several months of a parent at once (a deep split by a method):
//! each child's total over those months is its exact share of the parent's total (largest
//! remainder), then each child's months follow the parent's months' shape, every month still
//! adding up to the parent's month exactly. Cutting each month on its own would leave a
//! child's year up to one fen (or unit) per month off its share.

use super::fill::fill_matrix;
use crate::split::largest_remainder;
use crate::targets::tiers::{Tier, Tiers};

fn set_tier(t: &mut Tiers, tier: Tier, v: i64) {
    match tier {
        Tier::Floor => t.floor = v,
        Tier::Base => t.base = v,
        Tier::Challenge => t.challenge = v,
        Tier::Sprint => t.sprint = Some(v),
    }
}

/// Parts of each month (`[month][child]`) of `totals` shared by `weights`, in multiples of
/// `unit` except the `pick` child, which takes what does not divide. None when this cannot be
/// done jointly (a negative month, no weight, a tier present in some months only); the caller
/// then cuts month by month.
pub(crate) fn joint_parts(
    totals: &[Tiers],
    weights: &[u128],
    unit: i64,
    pick: usize,
) -> Option<Vec<Vec<Tiers>>> {
    let unit = unit.max(1);
    let n = weights.len();
    if totals.is_empty() || n == 0 || pick >= n || weights.iter().sum::<u128>() == 0 {
        return None;
    }
    let blank = Tiers {
        floor: 0,
        base: 0,
        challenge: 0,
        sprint: None,
    };
    let mut out = vec![vec![blank; n]; totals.len()];
    for tier in Tier::ALL {
        let month_totals: Vec<Option<i64>> = totals.iter().map(|t| t.get(tier)).collect();
        if month_totals.iter().all(Option::is_none) {
            continue;
        }
        let month_totals: Vec<i64> = month_totals.into_iter().collect::<Option<_>>()?;
        if month_totals.iter().any(|t| *t < 0) {
            return None;
        }
        let units: Vec<i64> = month_totals.iter().map(|t| t / unit).collect();
        let shares = largest_remainder(units.iter().sum(), weights).ok()?;
        let cells = fill_matrix(&shares, &units)?;
        for (j, total) in month_totals.iter().enumerate() {
            let left = total - units[j] * unit;
            for (i, row) in cells.iter().enumerate() {
                let extra = if i == pick { left } else { 0 };
                set_tier(&mut out[j][i], tier, row[j] * unit + extra);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    fn base(v: i64) -> Tiers {
        Tiers {
            floor: 0,
            base: v,
            challenge: 0,
            sprint: None,
        }
    }

    #[test]
    fn capacity_two_one_one_gives_each_person_their_exact_year() {
        // 1,000万 over 12 even months (833,333.33 or .34 yuan each). Cut month by month
        // 2:1:1, Ann would get 416,666.66/.67 a month and a year 4,999,999.98 or so.
        let year = 1_000 * WAN;
        let months: Vec<i64> = largest_remainder(year, &[1; 12]).unwrap();
        let totals: Vec<Tiers> = months.iter().map(|m| base(*m)).collect();
        let parts = joint_parts(&totals, &[2, 1, 1], 1, 0).unwrap();
        let person_year = |i: usize| -> i64 { parts.iter().map(|m| m[i].base).sum() };
        // Ann 2/4, Bob 1/4, Cy 1/4 of 1,000万, to the fen: 500万 / 250万 / 250万.
        assert_eq!(person_year(0), 500 * WAN);
        assert_eq!(person_year(1), 250 * WAN);
        assert_eq!(person_year(2), 250 * WAN);
        for (j, m) in months.iter().enumerate() {
            assert_eq!(
                parts[j].iter().map(|p| p.base).sum::<i64>(),
                *m,
                "month {j}"
            );
        }
    }

    #[test]
    fn rounding_unit_keeps_every_part_round_but_one() {
        // 12 months of 1,000,000.07 yuan in 万 over 3 even people.
        let m = 100 * WAN + 7;
        let totals = vec![base(m); 12];
        let parts = joint_parts(&totals, &[1, 1, 1], WAN, 1).unwrap();
        for (j, month) in parts.iter().enumerate() {
            assert_eq!(month.iter().map(|p| p.base).sum::<i64>(), m, "month {j}");
            assert_eq!(month[0].base % WAN, 0);
            assert_eq!(month[2].base % WAN, 0);
            assert_eq!((month[1].base - 7) % WAN, 0);
        }
        // 1,200 units over 3: 400 units each; the picked person also takes 12 × 0.07.
        let year = |i: usize| -> i64 { parts.iter().map(|m| m[i].base).sum() };
        assert_eq!(year(0), 400 * WAN);
        assert_eq!(year(1), 400 * WAN + 84);
        assert_eq!(year(2), 400 * WAN);
    }

    #[test]
    fn mixed_sprint_or_negative_months_are_left_to_the_monthly_cut() {
        let mut with_sprint = base(10);
        with_sprint.sprint = Some(12);
        assert!(joint_parts(&[base(10), with_sprint], &[1, 1], 1, 0).is_none());
        assert!(joint_parts(&[base(10), base(-3)], &[1, 1], 1, 0).is_none());
        assert!(joint_parts(&[base(10)], &[0, 0], 1, 0).is_none());
    }
}
