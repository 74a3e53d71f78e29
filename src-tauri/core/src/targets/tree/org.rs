//! The organisation on the tree: a cell's families of children (its child units on the same
//! member; on a unit's own cell also each dimension's members), spreading a change down,
//! rolling it up and rebalancing siblings.

use super::joint::joint_parts;
use super::round::remainder_part;
use super::time::{locked_error, split_tiers, Driver};
use super::{sum_tiers, Key, Tree};
use crate::calendar::PeriodKind;
use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::tiers::{Tier, Tiers};
use std::collections::HashMap;

/// A row and the new cells a spread gives it.
type RowSets = ((i64, Option<i64>), Vec<(Key, Tiers)>);

/// A family of children of a cell: "org" for child units, else the dimension's name.
pub(crate) type Family = (String, Vec<Key>);

/// Weights of the children of a parent cell.
pub(crate) type Weigh<'a> = dyn FnMut(&Tree, &Key, &[Key]) -> Result<Vec<u128>> + 'a;

/// How children's shares are weighed when a change spreads down.
pub(crate) enum Shape<'a> {
    /// Their current values (keep the shape, change the total).
    Current,
    /// Weights by a split method for the children of a cell (the deep split).
    Method(&'a mut Weigh<'a>),
}

/// How far a spread goes and whether it creates children's cells.
pub(crate) struct Spread<'a> {
    /// Levels below the changed cell; None for every level.
    pub depth: Option<u32>,
    pub shape: Shape<'a>,
    /// Create cells for every active child unit (a deep split); else only children that
    /// already hold a target are spread to.
    pub create: bool,
    /// Weights per parent cell, so a deep split weighs each node once for all its months.
    pub weights: HashMap<(i64, Option<i64>), Vec<u128>>,
    /// Runs before each child row is filled (a deep split's progress and cancel).
    pub tick: Option<&'a mut Tick<'a>>,
}

/// A deep split's progress report and cancel check; an error stops the spread.
pub(crate) type Tick<'a> = dyn FnMut() -> Result<()> + 'a;

/// What one family of children shares of one changed cell.
struct FamilyPlan {
    name: String,
    kids: Vec<Key>,
    current: Vec<Tiers>,
    total: Tiers,
    held: Vec<bool>,
    weights: Option<Vec<u128>>,
}

fn scale(value: i64, num: i64, den: i64) -> i64 {
    if den == 0 {
        return num;
    }
    let p = value as i128 * num as i128;
    let d = den as i128;
    let q = (p.abs() * 2 + d.abs()) / (2 * d.abs());
    let q = if (p < 0) != (d < 0) { -q } else { q };
    i64::try_from(q).unwrap_or(i64::MAX)
}

impl Tree {
    /// Whether a cell holds a target: stored, a month of a row with a year, or a half or
    /// quarter derived from its row's months.
    fn stored_or_year(&self, key: &Key) -> bool {
        self.stored_or_year_at(key.0, key.1, &key.2)
    }

    /// [`Tree::stored_or_year`] by parts, without building a key.
    pub(crate) fn stored_or_year_at(&self, unit: i64, member: Option<i64>, period: &str) -> bool {
        self.get_at(unit, member, period).is_some()
            || match self.kind_of(period) {
                Some(PeriodKind::Month) => self.get_at(unit, member, &self.cal.year.key).is_some(),
                Some(PeriodKind::Half | PeriodKind::Quarter) => self.has_months((unit, member)),
                _ => false,
            }
    }

    /// The families of children of a cell (children that hold a target at its period, or a
    /// year to create it from; with `create`, every active child unit).
    pub(crate) fn families(&self, key: &Key, create: bool) -> Vec<Family> {
        let mut out = Vec::new();
        let org: Vec<Key> = if create {
            self.active_kids(key.0)
                .into_iter()
                .map(|u| (u, key.1, key.2.clone()))
                .collect()
        } else {
            self.all_kids(key.0)
                .iter()
                .map(|u| (*u, key.1, key.2.clone()))
                .filter(|k| self.stored_or_year(k))
                .collect()
        };
        if !org.is_empty() {
            out.push(("org".to_string(), org));
        }
        if !create {
            out.extend(self.member_families(key));
        }
        out
    }

    /// The families of dimension members of a unit's own cell (members holding a target at
    /// its period, by dimension); none for a member's cell.
    pub(crate) fn member_families(&self, key: &Key) -> Vec<Family> {
        let mut dims: Vec<Family> = Vec::new();
        if key.1.is_some() {
            return dims;
        }
        let members: Vec<i64> = self
            .rows
            .range((key.0, Some(i64::MIN))..=(key.0, Some(i64::MAX)))
            .filter_map(|((_, m), _)| *m)
            .collect();
        for m in members {
            let k = (key.0, Some(m), key.2.clone());
            if !self.stored_or_year(&k) {
                continue;
            }
            let dim = self.member_dimension(m).unwrap_or("").to_string();
            match dims.iter_mut().find(|(d, _)| *d == dim) {
                Some(f) => f.1.push(k),
                None => dims.push((dim, vec![k])),
            }
        }
        dims
    }

    /// The cell a cell adds up into, with its family: a member cell into its unit's own cell
    /// (the members of the same dimension), a unit's cell into its parent unit's cell.
    pub(crate) fn parent_family(&self, key: &Key) -> Option<(Key, Vec<Key>)> {
        match key.1 {
            Some(m) => {
                let parent = (key.0, None, key.2.clone());
                let dim = self.member_dimension(m)?.to_string();
                let fam = self
                    .families(&parent, false)
                    .into_iter()
                    .find(|(d, _)| *d == dim)?;
                Some((parent, fam.1))
            }
            None => {
                let p = self.parent_unit(key.0)?;
                let parent = (p, None, key.2.clone());
                let fam = self
                    .families(&parent, false)
                    .into_iter()
                    .find(|(d, _)| d == "org")?;
                Some((parent, fam.1))
            }
        }
    }

    fn tiers_at(&self, key: &Key) -> Tiers {
        self.get(key).map(|s| s.tiers).unwrap_or(self.zero())
    }

    fn tiers_before(&self, key: &Key) -> Tiers {
        match self.before(key) {
            Some(b) => b.map(|s| s.tiers).unwrap_or(self.zero()),
            None => self.tiers_at(key),
        }
    }

    /// The total children should take when their parent goes from `old` to `new`: their old
    /// total scaled by the same factor when it lay within the plan's band, else 100% of `new`.
    fn children_total(&self, old: Tiers, new: Tiers, children_old: Tiers) -> Tiers {
        let keep_ratio = old.base != 0 && self.rule.within(old.base, children_old.base);
        let per = |tier: Tier| -> Option<i64> {
            let n = new.get(tier)?;
            let o = old.get(tier).unwrap_or(0);
            let c = children_old.get(tier).unwrap_or(0);
            Some(if keep_ratio && o != 0 {
                scale(c, n, o)
            } else {
                n
            })
        };
        Tiers {
            floor: per(Tier::Floor).unwrap_or(0),
            base: per(Tier::Base).unwrap_or(0),
            challenge: per(Tier::Challenge).unwrap_or(0),
            sprint: per(Tier::Sprint),
        }
    }

    /// Spreads the changes of cells (`old` → `new` at `key`; usually the months of one row) to
    /// their children in every family, and on down while `spread.depth` allows. Each child row
    /// takes all its new months at once and is made consistent in time once, then spreads on.
    pub(crate) fn spread_down(&mut self, drivers: &[Driver], spread: &mut Spread) -> Result<()> {
        if spread.depth == Some(0) || drivers.is_empty() {
            return Ok(());
        }
        // What each family of each driver has to share.
        let mut plans: Vec<FamilyPlan> = Vec::new();
        for (key, old, new) in drivers {
            for (name, kids) in self.families(key, spread.create) {
                self.fill_family_months(key, &kids)?;
                let current: Vec<Tiers> = kids.iter().map(|k| self.tiers_at(k)).collect();
                if old == new
                    && !spread.create
                    && self.rule.within(new.base, sum_tiers(&current).base)
                {
                    continue;
                }
                let total = self.children_total(*old, *new, sum_tiers(&current));
                let held: Vec<bool> = kids.iter().map(|k| self.pinned(k, None)).collect();
                let weights = match &mut spread.shape {
                    Shape::Current => None,
                    Shape::Method(f) => {
                        let row = (key.0, key.1);
                        if let std::collections::hash_map::Entry::Vacant(e) =
                            spread.weights.entry(row)
                        {
                            e.insert(f(self, key, &kids)?);
                        }
                        spread.weights.get(&row).cloned()
                    }
                };
                plans.push(FamilyPlan {
                    name,
                    kids,
                    current,
                    total,
                    held,
                    weights,
                });
            }
        }
        let mut parts = self.joint_family_parts(&plans);
        // Child rows in the order first reached, with their new cells.
        let mut next: Vec<RowSets> = Vec::new();
        for (p, plan) in plans.into_iter().enumerate() {
            let parts = match parts[p].take() {
                Some(parts) => parts,
                None => split_tiers(
                    plan.total,
                    &plan.current,
                    plan.weights.as_deref(),
                    &plan.held,
                    self.unit(),
                    None,
                )?,
            };
            for ((k, t), c) in plan.kids.into_iter().zip(parts).zip(plan.current) {
                if t == c && (self.holds(&k) || !spread.create) {
                    continue;
                }
                let row = (k.0, k.1);
                match next.iter_mut().find(|(r, _)| *r == row) {
                    Some((_, sets)) => sets.push((k, t)),
                    None => next.push((row, vec![(k, t)])),
                }
            }
        }
        let depth = spread.depth.map(|d| d - 1);
        for (row, sets) in next {
            if let Some(tick) = spread.tick.as_mut() {
                tick()?;
            }
            let drivers = self.set_row(row, &sets, !spread.create)?;
            let saved = spread.depth;
            spread.depth = depth;
            self.spread_down(&drivers, spread)?;
            spread.depth = saved;
        }
        Ok(())
    }

    /// Parts of the families that share several months of one row by a method's weights with
    /// nothing held, cut jointly (see [`joint_parts`]); None for plans cut month by month.
    fn joint_family_parts(&self, plans: &[FamilyPlan]) -> Vec<Option<Vec<Tiers>>> {
        let mut out: Vec<Option<Vec<Tiers>>> = vec![None; plans.len()];
        let mut names: Vec<&str> = Vec::new();
        for p in plans {
            if !names.contains(&p.name.as_str()) {
                names.push(&p.name);
            }
        }
        for name in names {
            let group: Vec<usize> = (0..plans.len())
                .filter(|&i| plans[i].name == name)
                .collect();
            let first = &plans[group[0]];
            let rows = |p: &FamilyPlan| -> Vec<(i64, Option<i64>)> {
                p.kids.iter().map(|k| (k.0, k.1)).collect()
            };
            let Some(weights) = first
                .weights
                .as_deref()
                .filter(|w| w.len() == first.kids.len())
            else {
                continue;
            };
            let joint = group.len() > 1
                && group.iter().all(|&i| {
                    let p = &plans[i];
                    p.weights.as_deref() == Some(weights)
                        && !p.held.iter().any(|h| *h)
                        && rows(p) == rows(first)
                        && p.kids.first().and_then(|k| self.kind_of(&k.2))
                            == Some(PeriodKind::Month)
                });
            if !joint {
                continue;
            }
            // The part taking what does not divide: as a month-by-month cut would pick it.
            let year_base: Vec<u128> = (0..weights.len())
                .map(|k| {
                    group
                        .iter()
                        .map(|&i| plans[i].current[k].base.max(0) as u128)
                        .sum()
                })
                .collect();
            let Some(pick) = remainder_part(&year_base, &[], None) else {
                continue;
            };
            let totals: Vec<Tiers> = group.iter().map(|&i| plans[i].total).collect();
            if let Some(parts) = joint_parts(&totals, weights, self.unit(), pick) {
                for (&i, p) in group.iter().zip(parts) {
                    out[i] = Some(p);
                }
            }
        }
        out
    }

    /// After a child changed, its parent becomes the sum of its family (keeping the parent's
    /// allocation ratio within the band; exactly the sum under the default rule), and so on up.
    pub(crate) fn roll_up(&mut self, key: &Key) -> Result<()> {
        let Some((parent, family)) = self.parent_family(key) else {
            return Ok(());
        };
        if !self.stored_or_year(&parent) {
            return Ok(());
        }
        self.fill_family_months(&parent, &family)?;
        let p_tiers = self.tiers_at(&parent);
        if self.pinned(&parent, None) {
            return Err(locked_error(&format!(
                "{} {}",
                self.unit_name(parent.0),
                parent.2
            )));
        }
        let before_parent = self.tiers_before(&parent);
        let before_kids = sum_tiers(
            &family
                .iter()
                .map(|k| self.tiers_before(k))
                .collect::<Vec<_>>(),
        );
        let now_kids = sum_tiers(&family.iter().map(|k| self.tiers_at(k)).collect::<Vec<_>>());
        let ratio = super::PlanRule::ratio_bp(before_parent.base, before_kids.base)
            .unwrap_or(10_000)
            .clamp(self.rule.allocation_min_bp, self.rule.allocation_max_bp)
            .max(1);
        let per = |t: Option<i64>| t.map(|v| scale(v, 10_000, ratio));
        let new = Tiers {
            floor: per(Some(now_kids.floor)).unwrap_or(0),
            base: per(Some(now_kids.base)).unwrap_or(0),
            challenge: per(Some(now_kids.challenge)).unwrap_or(0),
            sprint: per(now_kids.sprint).or(p_tiers.sprint),
        };
        if new == p_tiers && self.get(&parent).is_some() {
            return Ok(());
        }
        for (k, _, _) in self.set_in_time(&parent, new)? {
            self.roll_up(&k)?;
        }
        Ok(())
    }

    /// After a child changed by `new − old`, its unlocked siblings take the opposite change in
    /// their current shape; the parent stays.
    pub(crate) fn rebalance(&mut self, driver: &Driver) -> Result<()> {
        let (key, old, new) = driver;
        let no_siblings = || {
            Error::new(
                Code::NoSiblings,
                "这个目标没有可以重新平衡的同级（或同级都已锁定）",
                "This target has no sibling to rebalance (or they are all locked)",
            )
        };
        let Some((parent, family)) = self.parent_family(key) else {
            return Err(no_siblings());
        };
        self.fill_family_months(&parent, &family)?;
        let sibs: Vec<Key> = family.into_iter().filter(|k| k != key).collect();
        let held: Vec<bool> = sibs.iter().map(|k| self.pinned(k, None)).collect();
        if sibs.is_empty() || held.iter().all(|h| *h) {
            return Err(no_siblings());
        }
        let current: Vec<Tiers> = sibs.iter().map(|k| self.tiers_at(k)).collect();
        let sum = sum_tiers(&current);
        let minus = |a: Option<i64>, n: Option<i64>, o: Option<i64>| {
            a.map(|a| a - (n.unwrap_or(0) - o.unwrap_or(0)))
        };
        let total = Tiers {
            floor: sum.floor - (new.floor - old.floor),
            base: sum.base - (new.base - old.base),
            challenge: sum.challenge - (new.challenge - old.challenge),
            sprint: minus(sum.sprint.or(new.sprint), new.sprint, old.sprint),
        };
        let held_sum = sum_tiers(
            &current
                .iter()
                .zip(&held)
                .filter(|(_, h)| **h)
                .map(|(c, _)| *c)
                .collect::<Vec<_>>(),
        );
        if total.base < held_sum.base
            || total.floor < held_sum.floor
            || total.challenge < held_sum.challenge
        {
            return Err(Error::new(
                Code::RebalanceTooLarge,
                format!(
                    "同级目标不足以吸收这次调整（{}）：请改为向上汇总或调整上级",
                    crate::money::format_yuan(new.base - old.base)
                ),
                format!(
                    "The siblings cannot absorb this change ({}): roll it up or change the parent instead",
                    crate::money::format_yuan(new.base - old.base)
                ),
            ));
        }
        let parts = split_tiers(total, &current, None, &held, self.unit(), None)?;
        for (k, t) in sibs.iter().zip(parts) {
            if t == current[sibs.iter().position(|s| s == k).unwrap_or(0)] {
                continue;
            }
            let drivers = self.set_in_time(k, t)?;
            self.spread_down(
                &drivers,
                &mut Spread {
                    depth: None,
                    shape: Shape::Current,
                    create: false,
                    weights: HashMap::new(),
                    tick: None,
                },
            )?;
        }
        Ok(())
    }
}
