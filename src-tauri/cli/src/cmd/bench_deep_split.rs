//! Part of `bench split`: the company's year spread down to every person and month in one deep
//! split (every level, every month, 4 tiers, one undo step) against a bare prepared insert of
//! the same cells in one transaction.

use std::io::Write;
use std::time::Instant;
use targetline_core::demo::synthetic::write_synthetic_org;
use targetline_core::error::Result;
use targetline_core::store::Workspace;
use targetline_core::targets::grid::SplitChoice;
use targetline_core::targets::tree::ops::{CellRef, PlanSel};
use targetline_core::targets::tree::split_deep;

/// A plan with a sprint tier (4 tiers) and an organisation of 5 regions × 10 teams × `people`;
/// only the company's year target is kept. Returns the company's id.
fn plan_with_company_year(ws: &Workspace, people: usize) -> Result<i64> {
    ws.conn().execute_batch(
        "INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
         INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO target_set(fiscal_year, name, sprint_bp) VALUES (2026, '2026', 15000);",
    )?;
    write_synthetic_org(ws, 5, 10, people)?;
    let company: i64 =
        ws.conn()
            .query_row("SELECT id FROM org_unit WHERE parent_id IS NULL", [], |r| {
                r.get(0)
            })?;
    ws.conn().execute(
        "DELETE FROM target WHERE NOT (org_unit_id = ?1 AND period = '2026')",
        [company],
    )?;
    ws.conn().execute(
        "UPDATE target SET sprint_value = base_value * 3 / 2 WHERE org_unit_id = ?1",
        [company],
    )?;
    Ok(company)
}

/// Seconds of the deep split, and the cells it wrote.
fn deep_split(path: &std::path::Path, people: usize) -> Result<(f64, usize)> {
    let ws = Workspace::open(path)?;
    let company = plan_with_company_year(&ws, people)?;
    let cell = CellRef {
        unit_id: company,
        dimension_id: None,
        period: "2026".into(),
    };
    let t = Instant::now();
    let out = split_deep(
        &ws,
        &PlanSel::default(),
        &cell,
        &SplitChoice::Even,
        None,
        None,
        false,
    )?;
    Ok((t.elapsed().as_secs_f64(), out.outcome.changed))
}

/// Seconds of a bare prepared insert of `cells` cells (4 tiers) in one transaction.
fn floor(path: &std::path::Path, people: usize, cells: usize) -> Result<f64> {
    let ws = Workspace::open(path)?;
    plan_with_company_year(&ws, people)?;
    ws.conn().execute("DELETE FROM target", [])?;
    let units: Vec<i64> = {
        let mut st = ws.conn().prepare("SELECT id FROM org_unit ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let periods: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}")).collect();
    let t = Instant::now();
    let tx = ws.conn().unchecked_transaction()?;
    {
        let mut st = tx.prepare(
            "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end, \
             floor_value, base_value, challenge_value, sprint_value) VALUES (1, 1, ?1, ?2, '2026-01-01', '2026-01-31', ?3, ?4, ?5, ?6)",
        )?;
        let mut n = 0;
        'all: for u in &units {
            for p in periods.iter().chain(std::iter::once(&"2026".to_string())) {
                if n == cells {
                    break 'all;
                }
                st.execute(rusqlite::params![
                    u,
                    p,
                    8 * n as i64,
                    10 * n as i64,
                    12 * n as i64,
                    15 * n as i64
                ])?;
                n += 1;
            }
        }
    }
    tx.commit()?;
    Ok(t.elapsed().as_secs_f64())
}

/// Runs both (best of `rounds`) and prints the figures; returns (cells, split s, floor s).
pub fn run(
    dir: &std::path::Path,
    people: usize,
    rounds: usize,
    out: &mut dyn Write,
) -> Result<(usize, f64, f64)> {
    let (mut best_split, mut best_floor, mut cells) = (f64::MAX, f64::MAX, 0);
    for round in 0..rounds {
        let a = dir.join(format!("deep{round}.targetline"));
        let b = dir.join(format!("deepfloor{round}.targetline"));
        let (secs, n) = deep_split(&a, people)?;
        cells = n;
        best_split = best_split.min(secs);
        writeln!(out, "deep split, company year to every person and month: {n} cells (4 tiers) in {secs:.3} s, one undo step")?;
        let f = floor(&b, people, n)?;
        best_floor = best_floor.min(f);
        writeln!(
            out,
            "deep split floor (bare prepared insert of the same cells): {f:.3} s"
        )?;
        for p in [a, b] {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
            }
        }
    }
    Ok((cells, best_split, best_floor))
}
