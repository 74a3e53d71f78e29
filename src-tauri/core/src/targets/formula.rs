//! Formula targets (seed 001): revenue = new customers × average order value × repurchase rate
//! (销售额 = 新增客户数 × 客单价 × 复购率).
//!
//! Units and rounding, all in exact integer arithmetic:
//! - new customers: a whole count; average order value: fen; repurchase rate: basis points of
//!   purchases per customer (10000 = one purchase each, 15000 = one and a half).
//! - recomposed revenue = customers × order value × rate / 10000, rounded half away from zero
//!   to the fen.
//! - decomposing solves one driver and rounds it UP to its unit (a whole customer, a fen, a basis
//!   point), so the recomposed revenue never falls short of the target; the surplus is reported.

use crate::error::Code;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

use super::tiers::apply_bp;

/// The three drivers of a revenue target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevenueDrivers {
    pub new_customers: i64,
    pub avg_order_value: i64,
    pub repurchase_bp: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Driver {
    NewCustomers,
    AvgOrderValue,
    RepurchaseRate,
}

/// A revenue target broken into drivers: the drivers, the revenue they make, and how far that
/// lies above the target asked for (rounding up the solved driver).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decomposition {
    pub drivers: RevenueDrivers,
    pub revenue: i64,
    pub surplus: i64,
}

fn ceil_div(n: i128, d: i128) -> i128 {
    (n + d - 1) / d
}

impl RevenueDrivers {
    /// The revenue these drivers make, in fen.
    pub fn revenue(&self) -> i64 {
        let product = self.new_customers as i128 * self.avg_order_value as i128;
        let p = i64::try_from(product).unwrap_or(i64::MAX);
        apply_bp(p, self.repurchase_bp)
    }

    /// The same drivers with one changed; the revenue follows.
    pub fn with(&self, driver: Driver, value: i64) -> RevenueDrivers {
        let mut d = *self;
        match driver {
            Driver::NewCustomers => d.new_customers = value,
            Driver::AvgOrderValue => d.avg_order_value = value,
            Driver::RepurchaseRate => d.repurchase_bp = value,
        }
        d
    }

    /// Splits `revenue` into driver targets: the two drivers other than `solve_for` are kept from
    /// `self` (e.g. last year's or the planned ones), the third is solved and rounded up.
    pub fn decompose(&self, revenue: i64, solve_for: Driver) -> Result<Decomposition> {
        let d = *self;
        let (a, b) = match solve_for {
            Driver::NewCustomers => (d.avg_order_value, d.repurchase_bp),
            Driver::AvgOrderValue => (d.new_customers, d.repurchase_bp),
            Driver::RepurchaseRate => (d.new_customers, d.avg_order_value),
        };
        if a <= 0 || b <= 0 || revenue < 0 {
            return Err(Error::new(
                Code::FormulaBadDriver,
                "分解公式目标时，其余两个驱动因素必须大于零，目标不能为负",
                "To decompose a formula target the other two drivers must be above zero and the target not negative",
            ));
        }
        // revenue × 10000 = customers × order value × rate, so the missing factor is
        // revenue × 10000 / (product of the other two), rounded up.
        let solved = ceil_div(revenue as i128 * 10_000, a as i128 * b as i128);
        let solved = i64::try_from(solved).map_err(|_| {
            Error::new(
                Code::FormulaOverflow,
                "分解结果超出可表示范围",
                "The decomposed driver is too large to represent",
            )
        })?;
        let drivers = self.with(solve_for, solved);
        let made = drivers.revenue();
        Ok(Decomposition {
            drivers,
            revenue: made,
            surplus: made - revenue,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    fn base() -> RevenueDrivers {
        // 200 new customers × 5万 × 1.0 purchases = 1000万 (seed 004's revenue target).
        RevenueDrivers {
            new_customers: 200,
            avg_order_value: 5 * WAN,
            repurchase_bp: 10_000,
        }
    }

    #[test]
    fn recomposes_exactly() {
        assert_eq!(base().revenue(), 1000 * WAN);
        // Changing one driver updates the product: 1.2 purchases each -> 1200万.
        let more = base().with(Driver::RepurchaseRate, 12_000);
        assert_eq!(more.revenue(), 1200 * WAN);
        // 3 customers × 0.05 yuan × 1.5 = 0.225 yuan = 22.5 fen -> 23 fen (half away from zero).
        let tiny = RevenueDrivers {
            new_customers: 3,
            avg_order_value: 5,
            repurchase_bp: 15_000,
        };
        assert_eq!(tiny.revenue(), 23);
    }

    #[test]
    fn decomposes_into_each_driver_rounding_up() {
        // 1200万 with 5万 order value and rate 1.0: 240 customers exactly.
        let d = base().decompose(1200 * WAN, Driver::NewCustomers).unwrap();
        assert_eq!((d.drivers.new_customers, d.surplus), (240, 0));
        // 1000万 + 1 fen needs a 201st customer: surplus 5万 - 1 fen.
        let d = base()
            .decompose(1000 * WAN + 1, Driver::NewCustomers)
            .unwrap();
        assert_eq!((d.drivers.new_customers, d.surplus), (201, 5 * WAN - 1));
        // 1100万 from 200 customers at rate 1.0: 5.5万 per order.
        let d = base().decompose(1100 * WAN, Driver::AvgOrderValue).unwrap();
        assert_eq!(d.drivers.avg_order_value, 55_000 * 100);
        // 1300万 from 200 × 5万: rate 1.3 (13000 bp).
        let d = base()
            .decompose(1300 * WAN, Driver::RepurchaseRate)
            .unwrap();
        assert_eq!((d.drivers.repurchase_bp, d.revenue), (13_000, 1300 * WAN));
        // 1000万 / 3 customers at 1.0: 3333333.34 yuan each (rounded up to the fen).
        let three = base().with(Driver::NewCustomers, 3);
        let d = three.decompose(1000 * WAN, Driver::AvgOrderValue).unwrap();
        assert_eq!((d.drivers.avg_order_value, d.surplus), (333_333_334, 2));
        let zero = base().with(Driver::AvgOrderValue, 0);
        assert_eq!(
            zero.decompose(WAN, Driver::NewCustomers).unwrap_err().code,
            "formula_bad_driver"
        );
    }
}

/// The formula panel's one question: with `solve_for`, decompose `revenue` (that driver solved
/// and rounded up); without, recompose the drivers into a revenue and report how far it lies
/// above (or below, negative) `revenue`.
pub fn solve(
    revenue: i64,
    drivers: RevenueDrivers,
    solve_for: Option<Driver>,
) -> Result<Decomposition> {
    match solve_for {
        Some(d) => drivers.decompose(revenue, d),
        None => {
            let r = drivers.revenue();
            Ok(Decomposition {
                drivers,
                revenue: r,
                surplus: r - revenue,
            })
        }
    }
}

#[cfg(test)]
mod solve_tests {
    use super::*;
    use crate::money::WAN;

    #[test]
    fn recompose_and_decompose_the_seed_formula() {
        // 1000 new customers × ¥5,000 × 2 purchases each = 1000万.
        let d = RevenueDrivers {
            new_customers: 1000,
            avg_order_value: 500_000,
            repurchase_bp: 20_000,
        };
        let r = solve(1000 * WAN, d, None).unwrap();
        assert_eq!((r.revenue, r.surplus), (1000 * WAN, 0));
        // Raise the target to 1200万: 1200 customers at the same order value and repurchase.
        let r = solve(1200 * WAN, d, Some(Driver::NewCustomers)).unwrap();
        assert_eq!(
            (r.drivers.new_customers, r.revenue, r.surplus),
            (1200, 1200 * WAN, 0)
        );
        let e = solve(
            1200 * WAN,
            RevenueDrivers {
                repurchase_bp: 0,
                ..d
            },
            Some(Driver::NewCustomers),
        )
        .unwrap_err();
        assert_eq!(e.code, "formula_bad_driver");
    }
}
