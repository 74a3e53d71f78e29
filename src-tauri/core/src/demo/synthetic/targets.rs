//! A large synthetic organisation for measuring the target grid: 5 regions × 10 teams × N people,
//! each node with a year target and twelve monthly targets that add up exactly.

use crate::calendar::{parse_period, PeriodKind};
use crate::error::Result;
use crate::money::YI;
use crate::store::seed;
use crate::store::Workspace;
use crate::targets::store::{insert_targets, NewTarget, StoredPeriod};
use crate::targets::Tiers;
use crate::variance::Metric;

/// Replaces the organisation and targets with `regions × teams × people` people; returns the
/// number of target cells written.
pub fn write_synthetic_org(
    ws: &Workspace,
    regions: usize,
    teams: usize,
    people: usize,
) -> Result<usize> {
    let tx = ws.conn().unchecked_transaction()?;
    seed::clear_organisation(&tx)?;
    let (set, year) = crate::targets::store::seed::newest_set(&tx)?;
    let metric = Metric::by_code(&tx, "revenue")?.id;
    let fy = parse_period(&year.to_string(), 1)?;
    let year_period = StoredPeriod::from(&fy);
    let months: Vec<StoredPeriod> = fy
        .children(PeriodKind::Month, 1)?
        .iter()
        .map(StoredPeriod::from)
        .collect();
    let seasonality = crate::demo::SEASONALITY;
    let unit = |parent: Option<i64>, kind: &str, name: &str, (headcount, capacity), sort: usize| {
        seed::unit(
            &tx,
            &seed::NewUnit {
                parent,
                kind,
                name,
                team_type: None,
                headcount: headcount as i64,
                capacity,
                sort: sort as i64,
            },
        )
    };
    let mut cells: Vec<(i64, Tiers)> = Vec::new();
    let company = unit(
        None,
        "company",
        "合成公司",
        (regions * teams * people, None),
        0,
    )?;
    let company_tiers = Tiers::from_base(10 * YI);
    cells.push((company, company_tiers));
    let region_tiers = company_tiers.split(&vec![1; regions])?;
    for (r, rt) in region_tiers.iter().enumerate() {
        let name = format!("区域{:02}", r + 1);
        let region = unit(Some(company), "region", &name, (teams * people, None), r)?;
        cells.push((region, *rt));
        for (t, tt) in rt.split(&vec![1; teams])?.iter().enumerate() {
            let name = format!("区域{:02}-团队{:02}", r + 1, t + 1);
            let cap = Some(200_000_000i64);
            let team = unit(Some(region), "team", &name, (people, cap), t)?;
            cells.push((team, *tt));
            for (p, pt) in tt.split(&vec![1; people])?.iter().enumerate() {
                let name = format!("销售{:02}{:02}{:03}", r + 1, t + 1, p + 1);
                cells.push((unit(Some(team), "person", &name, (1, cap), p)?, *pt));
            }
        }
    }
    let mut rows: Vec<NewTarget> = Vec::with_capacity(cells.len() * 13);
    let monthly: Vec<Vec<Tiers>> = cells
        .iter()
        .map(|(_, t)| t.split(&seasonality))
        .collect::<Result<_>>()?;
    for ((id, t), ms) in cells.iter().zip(&monthly) {
        rows.push(NewTarget {
            target_set_id: set,
            metric_id: metric,
            org_unit_id: *id,
            dimension_id: None,
            period: &year_period,
            tiers: *t,
            last_year_actual: None,
        });
        for (m, mt) in months.iter().zip(ms) {
            rows.push(NewTarget {
                target_set_id: set,
                metric_id: metric,
                org_unit_id: *id,
                dimension_id: None,
                period: m,
                tiers: *mt,
                last_year_actual: None,
            });
        }
    }
    let n = insert_targets(&tx, rows)?;
    tx.commit()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_an_exact_synthetic_organisation() {
        let mut ws = crate::store::Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        let n = super::write_synthetic_org(&ws, 2, 3, 4).unwrap();
        // 1 company + 2 regions + 6 teams + 24 people, 13 cells each.
        assert_eq!(n, 33 * 13);
        let g = crate::targets::grid::grid(
            &ws,
            crate::targets::Tier::Base,
            crate::targets::grid::GridView::Month,
            None,
        )
        .unwrap();
        assert_eq!(g.rows.len(), 33);
        assert!(g
            .rows
            .iter()
            .all(|r| r.months_sum == r.cells.last().unwrap().as_ref().map(|c| c.value)));
        assert!(g
            .rows
            .iter()
            .filter(|r| r.has_children)
            .all(|r| r.children_sum == r.cells.last().unwrap().as_ref().map(|c| c.value)));
    }
}
