//! A large synthetic organisation for measuring the target grid: 5 regions × 10 teams × N people,
//! each node with a year target and twelve monthly targets that add up exactly.

use crate::calendar::{parse_period, PeriodKind};
use crate::error::Result;
use crate::money::YI;
use crate::store::Workspace;
use crate::targets::store::{insert_targets, NewTarget, StoredPeriod};
use crate::targets::Tiers;
use rusqlite::params;

/// Replaces the organisation and targets with `regions × teams × people` people; returns the
/// number of target cells written.
pub fn write_synthetic_org(
    ws: &Workspace,
    regions: usize,
    teams: usize,
    people: usize,
) -> Result<usize> {
    let tx = ws.conn().unchecked_transaction()?;
    tx.execute_batch(
        "DELETE FROM target; DELETE FROM action; DELETE FROM actual; DELETE FROM deal; DELETE FROM customer;
         DELETE FROM actual_day; DELETE FROM actual_month;
         DELETE FROM org_unit WHERE kind = 'person'; DELETE FROM org_unit WHERE kind = 'team';
         DELETE FROM org_unit WHERE kind = 'region'; DELETE FROM org_unit;",
    )?;
    let set: i64 = tx.query_row(
        "SELECT id FROM target_set ORDER BY id DESC LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let metric: i64 = tx.query_row("SELECT id FROM metric WHERE code = 'revenue'", [], |r| {
        r.get(0)
    })?;
    let year: i32 = tx.query_row(
        "SELECT fiscal_year FROM target_set WHERE id = ?1",
        [set],
        |r| r.get(0),
    )?;
    let fy = parse_period(&year.to_string(), 1)?;
    let year_period = StoredPeriod::from(&fy);
    let months: Vec<StoredPeriod> = fy
        .children(PeriodKind::Month, 1)?
        .iter()
        .map(StoredPeriod::from)
        .collect();
    let seasonality = crate::demo::SEASONALITY;
    let mut unit = tx.prepare(
        "INSERT INTO org_unit(parent_id, kind, name, headcount, capacity_per_head, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut cells: Vec<(i64, Tiers)> = Vec::new();
    unit.execute(params![
        None::<i64>,
        "company",
        "合成公司",
        (regions * teams * people) as i64,
        None::<i64>,
        0
    ])?;
    let company = tx.last_insert_rowid();
    let company_tiers = Tiers::from_base(10 * YI);
    cells.push((company, company_tiers));
    let region_tiers = company_tiers.split(&vec![1; regions])?;
    for (r, rt) in region_tiers.iter().enumerate() {
        unit.execute(params![
            company,
            "region",
            format!("区域{:02}", r + 1),
            (teams * people) as i64,
            None::<i64>,
            r as i64
        ])?;
        let region = tx.last_insert_rowid();
        cells.push((region, *rt));
        for (t, tt) in rt.split(&vec![1; teams])?.iter().enumerate() {
            unit.execute(params![
                region,
                "team",
                format!("区域{:02}-团队{:02}", r + 1, t + 1),
                people as i64,
                200_000_000i64,
                t as i64
            ])?;
            let team = tx.last_insert_rowid();
            cells.push((team, *tt));
            for (p, pt) in tt.split(&vec![1; people])?.iter().enumerate() {
                unit.execute(params![
                    team,
                    "person",
                    format!("销售{:02}{:02}{:03}", r + 1, t + 1, p + 1),
                    1i64,
                    200_000_000i64,
                    p as i64
                ])?;
                cells.push((tx.last_insert_rowid(), *pt));
            }
        }
    }
    drop(unit);
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
