//! `targetline-cli bench split [--quick]`: a synthetic company of 5,000 people in 50 teams and
//! 5 regions with 20 product lines; its year target is split down to person × product × month
//! (1.2 million cells, all four tiers) and stored with the targets store. The floor is the same
//! rows inserted with one bare prepared statement in one transaction, into the same table shape
//! in another fresh workspace. `--quick` uses 500 people.

use super::args::SplitArgs;
use rusqlite::{params, Connection};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use targetline_core::calendar::{parse_period, PeriodKind};
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::money::{WAN, YI};
use targetline_core::split::{Capacity, Method};
use targetline_core::store::Workspace;
use targetline_core::targets::store::{insert_targets, NewTarget, StoredPeriod};
use targetline_core::targets::{TierRatios, Tiers};

const REGIONS: usize = 5;
const TEAMS_PER_REGION: usize = 10;
const PRODUCTS: usize = 20;
/// Last year's monthly shape (per-mille): the history driver of the month split.
const SEASONALITY: [u128; 12] = [70, 55, 80, 80, 80, 90, 75, 75, 90, 95, 100, 110];

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A team's id and its people's ids.
type Team = (i64, Vec<i64>);

/// The synthetic organisation: ids of regions, their teams and the teams' people.
struct Org {
    regions: Vec<(i64, Vec<Team>)>,
    products: Vec<i64>,
    set: i64,
    metric: i64,
}

fn bench_error(what: String) -> Error {
    Error::new(Code::Bench, what.clone(), what)
}

/// Writes the same organisation into a fresh workspace (not timed).
fn build_org(conn: &mut Connection, people_per_team: usize) -> Result<Org> {
    let tx = conn.transaction()?;
    tx.execute_batch(
        "INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
         INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO target_set(fiscal_year, name, sprint_bp) VALUES (2026, '基准测试', 15000);",
    )?;
    let (set, metric) = (1, 1);
    let mut products = Vec::with_capacity(PRODUCTS);
    let mut org = {
        let mut unit = tx.prepare(
            "INSERT INTO org_unit(parent_id, kind, name, headcount, capacity_per_head, sort)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut add =
            |parent: Option<i64>, kind: &str, name: String, head: usize, cap: i64, sort: usize| {
                unit.execute(params![parent, kind, name, head as i64, cap, sort as i64])
                    .map(|_| tx.last_insert_rowid())
            };
        let company = add(None, "company", "基准公司".into(), 0, 0, 0)?;
        let mut regions = Vec::with_capacity(REGIONS);
        for r in 0..REGIONS {
            let head = TEAMS_PER_REGION * people_per_team;
            let region = add(Some(company), "region", format!("区域{r}"), head, 0, r)?;
            let mut teams = Vec::with_capacity(TEAMS_PER_REGION);
            for t in 0..TEAMS_PER_REGION {
                let cap = team_capacity(r, t).per_head;
                let team = add(
                    Some(region),
                    "team",
                    format!("团队{r}-{t}"),
                    people_per_team,
                    cap,
                    t,
                )?;
                let mut people = Vec::with_capacity(people_per_team);
                for p in 0..people_per_team {
                    people.push(add(
                        Some(team),
                        "person",
                        format!("销售{r}-{t}-{p}"),
                        1,
                        cap,
                        p,
                    )?);
                }
                teams.push((team, people));
            }
            regions.push((region, teams));
        }
        Org {
            regions,
            products: Vec::new(),
            set,
            metric,
        }
    };
    {
        let mut dim = tx.prepare(
            "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort) VALUES ('product_line', ?1, ?2, ?3, ?4)",
        )?;
        for p in 0..PRODUCTS {
            dim.execute(params![
                format!("p{p}"),
                format!("产品线{p}"),
                format!("Product line {p}"),
                p as i64
            ])?;
            products.push(tx.last_insert_rowid());
        }
    }
    org.products = products;
    tx.commit()?;
    Ok(org)
}

/// The company's base target: 10亿 for the full 5,000 people.
fn company_base(people_per_team: usize) -> i64 {
    10 * YI * people_per_team as i64 / 100
}

/// Team A-type at 200万 per head, B-type at 180万 (seed 001), alternating; each region further
/// east adds 10万 per head.
fn team_capacity(region: usize, team: usize) -> Capacity {
    let wan = if team.is_multiple_of(2) { 200 } else { 180 } + 10 * region as i64;
    Capacity {
        headcount: 1,
        per_head: wan * WAN,
    }
}

/// Market potential of the product lines: 20, 19, ..., 1.
fn product_potential() -> Method {
    Method::Potential(
        (0..PRODUCTS as u128)
            .map(|p| PRODUCTS as u128 - p)
            .collect(),
    )
}

/// Splits the company target down to person × product × month and hands every leaf to `leaf`
/// as (person, product, month index, tiers). Regions and teams split by capacity, people evenly,
/// products by market potential, months by last year's seasonality.
fn walk(org: &Org, mut leaf: impl FnMut(i64, i64, usize, Tiers) -> Result<()>) -> Result<()> {
    let ratios = TierRatios {
        sprint_bp: Some(15_000),
        ..TierRatios::default()
    };
    let people_per_team = org.regions[0].1[0].1.len();
    let company = ratios.tiers(company_base(people_per_team));
    let region_caps = Method::Capacity(
        (0..org.regions.len())
            .map(|r| {
                let team_sum: i64 = (0..TEAMS_PER_REGION)
                    .map(|t| team_capacity(r, t).per_head)
                    .sum();
                Capacity {
                    headcount: people_per_team as i64,
                    per_head: team_sum,
                }
            })
            .collect(),
    );
    let team_caps = |r: usize| {
        Method::Capacity(
            (0..TEAMS_PER_REGION)
                .map(|t| Capacity {
                    headcount: people_per_team as i64,
                    per_head: team_capacity(r, t).per_head,
                })
                .collect(),
        )
    };
    let person_weights = Method::Even(people_per_team).weights()?;
    let product_weights = product_potential().weights()?;
    let month_weights =
        Method::History(SEASONALITY.iter().map(|w| *w as i64).collect()).weights()?;
    let regions = company.split(&region_caps.weights()?)?;
    for (r, ((_, teams), region)) in org.regions.iter().zip(regions).enumerate() {
        let team_tiers = region.split(&team_caps(r).weights()?)?;
        for ((_, people), team) in teams.iter().zip(team_tiers) {
            let person_tiers = team.split(&person_weights)?;
            for (person, pt) in people.iter().zip(person_tiers) {
                let by_product = pt.split(&product_weights)?;
                for (product, pp) in org.products.iter().zip(by_product) {
                    for (m, mt) in pp.split(&month_weights)?.into_iter().enumerate() {
                        leaf(*person, *product, m, mt)?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn months() -> Result<Vec<StoredPeriod>> {
    Ok(parse_period("2026", 1)?
        .children(PeriodKind::Month, 1)?
        .iter()
        .map(StoredPeriod::from)
        .collect())
}

/// Split + store with the targets store, in one transaction. Returns the cells stored.
fn split_and_store(ws: &mut Workspace, org: &Org) -> Result<usize> {
    let months = months()?;
    let tx = ws.conn_mut().transaction()?;
    let mut batch: Vec<NewTarget> = Vec::with_capacity(PRODUCTS * 12);
    let mut stored = 0;
    walk(org, |person, product, m, tiers| {
        batch.push(NewTarget {
            target_set_id: org.set,
            metric_id: org.metric,
            org_unit_id: person,
            dimension_id: Some(product),
            period: &months[m],
            tiers,
            last_year_actual: None,
        });
        if batch.len() == batch.capacity() {
            stored += insert_targets(&tx, batch.drain(..))?;
        }
        Ok(())
    })?;
    stored += insert_targets(&tx, batch.drain(..))?;
    tx.commit()?;
    Ok(stored)
}

/// The floor: the same rows, computed beforehand, inserted with one bare prepared statement.
fn floor_insert(ws: &mut Workspace, rows: &[(i64, i64, usize, Tiers)], org: &Org) -> Result<()> {
    let months = months()?;
    let tx = ws.conn_mut().transaction()?;
    {
        let mut st = tx.prepare(
            "INSERT INTO target(target_set_id, metric_id, org_unit_id, dimension_id, period, period_start, period_end,
                                floor_value, base_value, challenge_value, sprint_value, last_year_actual)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (person, product, m, t) in rows {
            let p = &months[*m];
            st.execute(params![
                org.set,
                org.metric,
                person,
                product,
                p.key,
                p.start,
                p.end,
                t.floor,
                t.base,
                t.challenge,
                t.sprint,
                None::<i64>
            ])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// One timed split + store into a fresh workspace; checks that every tier adds up exactly.
fn run_split_store(path: &std::path::Path, people_per_team: usize) -> Result<(f64, usize)> {
    let mut ws = Workspace::open(path)?;
    let org = build_org(ws.conn_mut(), people_per_team)?;
    let t = Instant::now();
    let cells = split_and_store(&mut ws, &org)?;
    let secs = t.elapsed().as_secs_f64();
    let (base, floor): (i64, i64) = ws.conn().query_row(
        "SELECT SUM(base_value), SUM(floor_value) FROM target",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let expected = TierRatios::default().tiers(company_base(people_per_team));
    if (base, floor) != (expected.base, expected.floor) {
        return Err(bench_error(format!(
            "stored cells add up to {base}/{floor}, not {}/{}",
            expected.base, expected.floor
        )));
    }
    Ok((secs, cells))
}

/// One timed floor run into a fresh workspace (the rows are computed before the clock starts).
fn run_floor(path: &std::path::Path, people_per_team: usize) -> Result<f64> {
    let mut ws = Workspace::open(path)?;
    let org = build_org(ws.conn_mut(), people_per_team)?;
    let mut rows = Vec::with_capacity(REGIONS * TEAMS_PER_REGION * people_per_team * PRODUCTS * 12);
    walk(&org, |person, product, m, tiers| {
        rows.push((person, product, m, tiers));
        Ok(())
    })?;
    let t = Instant::now();
    floor_insert(&mut ws, &rows, &org)?;
    Ok(t.elapsed().as_secs_f64())
}

fn remove_workspace(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

pub fn bench_split(args: &SplitArgs, out: &mut dyn Write) -> Result<Value> {
    let quick = args.quick;
    let people_per_team = if quick { 10 } else { 100 };
    // Best of two rounds, in alternating order, so a noisy neighbour or the order of the runs
    // does not decide the ratio.
    let rounds = if quick { 1 } else { 2 };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = TempDir(std::env::temp_dir().join(format!(
        "targetline-bench-split-{}-{nanos}",
        std::process::id()
    )));
    std::fs::create_dir_all(&dir.0)?;
    let people = REGIONS * TEAMS_PER_REGION * people_per_team;
    writeln!(
        out,
        "organisation: {people} people, {} teams, {REGIONS} regions, {PRODUCTS} product lines, 12 months",
        REGIONS * TEAMS_PER_REGION
    )?;

    if args.deep_only {
        return deep_json(&dir.0, people_per_team, rounds, out);
    }
    // The split alone, nothing stored, for reference.
    {
        let mut ws = Workspace::open(&dir.0.join("plan.targetline"))?;
        let org = build_org(ws.conn_mut(), people_per_team)?;
        let t = Instant::now();
        let mut n = 0usize;
        walk(&org, |_, _, _, _| {
            n += 1;
            Ok(())
        })?;
        writeln!(
            out,
            "split alone: {n} cells in {:.3} s",
            t.elapsed().as_secs_f64()
        )?;
    }

    let (mut best_split, mut best_floor, mut cells) = (f64::MAX, f64::MAX, 0);
    for round in 0..rounds {
        let split_path = dir.0.join(format!("split{round}.targetline"));
        let floor_path = dir.0.join(format!("floor{round}.targetline"));
        // Round 0 runs the split first, round 1 the floor first.
        for split_step in [round % 2 == 0, round % 2 == 1] {
            if split_step {
                let (secs, n) = run_split_store(&split_path, people_per_team)?;
                writeln!(
                    out,
                    "split + store: {n} cells (4 tiers each) in {secs:.3} s; every tier adds up exactly"
                )?;
                best_split = best_split.min(secs);
                cells = n;
                remove_workspace(&split_path);
            } else {
                let secs = run_floor(&floor_path, people_per_team)?;
                writeln!(
                    out,
                    "floor (bare prepared insert, one transaction): {secs:.3} s"
                )?;
                best_floor = best_floor.min(secs);
                remove_workspace(&floor_path);
            }
        }
    }
    let ratio = if best_floor > 0.0 {
        best_split / best_floor
    } else {
        0.0
    };
    writeln!(
        out,
        "best of {rounds}: split + store {best_split:.3} s, floor {best_floor:.3} s, ratio {ratio:.3} (goal ≤ 1.5)"
    )?;
    let deep = deep_json(&dir.0, people_per_team, rounds, out)?;
    let mut all = json!({
        "bench": "split",
        "cells": cells,
        "splitStoreSeconds": (best_split * 1000.0).round() / 1000.0,
        "floorSeconds": (best_floor * 1000.0).round() / 1000.0,
        "ratio": (ratio * 1000.0).round() / 1000.0,
    });
    if let (Some(a), Some(d)) = (all.as_object_mut(), deep.as_object()) {
        a.extend(
            d.iter()
                .filter(|(k, _)| *k != "bench")
                .map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    Ok(all)
}

/// The deep split against its floor, printed and as JSON.
fn deep_json(
    dir: &std::path::Path,
    people_per_team: usize,
    rounds: usize,
    out: &mut dyn Write,
) -> Result<Value> {
    let (deep_cells, deep, deep_floor) =
        super::bench_deep_split::run(dir, people_per_team, rounds, out)?;
    let deep_ratio = if deep_floor > 0.0 {
        deep / deep_floor
    } else {
        0.0
    };
    writeln!(
        out,
        "best of {rounds}: deep split {deep:.3} s, floor {deep_floor:.3} s, ratio {deep_ratio:.3} (goal ≤ 1.5)"
    )?;
    Ok(json!({
        "bench": "split",
        "deepSplitCells": deep_cells,
        "deepSplitSeconds": (deep * 1000.0).round() / 1000.0,
        "deepFloorSeconds": (deep_floor * 1000.0).round() / 1000.0,
        "deepRatio": (deep_ratio * 1000.0).round() / 1000.0,
    }))
}

#[cfg(test)]
mod tests {
    use crate::cmd::run;

    #[test]
    fn quick_bench_stores_every_cell_and_reports_json_last() {
        let mut out = Vec::new();
        run(
            vec!["bench".into(), "split".into(), "--quick".into()],
            &mut std::io::empty(),
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let last = text.lines().last().unwrap();
        let v: serde_json::Value = serde_json::from_str(last).unwrap();
        assert_eq!(v["bench"], "split");
        // 500 people × 20 product lines × 12 months.
        assert_eq!(v["cells"], 120_000);
        assert!(text.contains("every tier adds up exactly"), "{text}");
    }
}
