//! `targetline-cli bench variance [--quick]`: builds a large workspace (5,000 people, 20 product
//! lines, 6,000,000 actual rows; --quick a tenth of it), then times (a) a dashboard refresh of the
//! company, one region and one person from the aggregates against (b) the naive GROUP BY over the
//! raw actual rows computing the same totals, and the PNG render time of every chart kind.

use super::args::QuickArgs;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;
use serde_json::{json, Value};
use std::io::Write;
use std::time::Instant;
use targetline_core::chart::{self, Format};
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang, Result};
use targetline_core::money::WAN;
use targetline_core::split::largest_remainder;
use targetline_core::store::{batches, Workspace};
use targetline_core::variance::{Engine, VarianceQuery};

pub(crate) struct Size {
    pub(crate) regions: usize,
    pub(crate) teams_per_region: usize,
    pub(crate) people_per_team: usize,
    pub(crate) product_lines: usize,
    pub(crate) rows: usize,
}

const SEASONALITY: [u128; 12] = [70, 55, 80, 80, 80, 90, 75, 75, 90, 95, 100, 110];
pub(crate) const AS_OF: &str = "2026-10-15";

pub(crate) fn ms(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// A deterministic xorshift, enough for spreading amounts.
struct Xs(u64);
impl Xs {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Writes the org tree, targets (every level, months and year) and returns the people's ids.
pub(crate) fn build_org(ws: &mut Workspace, size: &Size) -> Result<(Vec<i64>, Vec<String>)> {
    let tx = ws.conn_mut().transaction()?;
    tx.execute_batch(
        "INSERT INTO meta(key, value) VALUES ('as_of', '2026-10-15'), ('company_name', 'Bench');
         INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
         INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO target_set(fiscal_year, name, status) VALUES (2026, 'bench', 'approved');",
    )?;
    for e in targetline_core::calendar::cn_holiday_entries() {
        tx.execute(
            "INSERT INTO calendar_day(date, kind) VALUES (?1, ?2)",
            params![e.date.to_string(), e.kind.as_str()],
        )?;
    }
    for i in 0..size.product_lines {
        tx.execute(
            "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort) VALUES ('product_line', ?1, ?2, ?3, ?4)",
            params![format!("p{i}"), format!("产品线{i}"), format!("Line {i}"), i as i64],
        )?;
    }
    for (dim, codes) in [
        ("customer_type", ["A", "B", "C"]),
        ("channel", ["direct", "partner", "online"]),
    ] {
        for (i, c) in codes.iter().enumerate() {
            tx.execute(
                "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort) VALUES (?1, ?2, ?2, ?2, ?3)",
                params![dim, c, i as i64],
            )?;
        }
    }
    tx.execute_batch(
        "INSERT INTO deal_stage(code, name_zh, name_en, sort, benchmark_bp, max_days) VALUES
           ('lead', '线索', 'Lead', 0, 3000, 14), ('need', '需求确认', 'Need found', 1, 5000, 10),
           ('proposal', '方案报价', 'Proposal', 2, 6000, 7), ('objection', '异议处理', 'Objection handling', 3, 5000, 2),
           ('signed', '签约成交', 'Signed', 4, NULL, NULL);",
    )?;
    let months: Vec<(String, NaiveDate, NaiveDate)> = (1..=12u32)
        .map(|m| {
            let s = NaiveDate::from_ymd_opt(2026, m, 1).expect("month");
            let e = if m == 12 {
                NaiveDate::from_ymd_opt(2026, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(2026, m + 1, 1).map(|d| d - Duration::days(1))
            }
            .expect("month");
            (format!("2026-{m:02}"), s, e)
        })
        .collect();
    let mut insert_unit =
        tx.prepare("INSERT INTO org_unit(parent_id, kind, name, sort) VALUES (?1, ?2, ?3, ?4)")?;
    let mut insert_target = tx.prepare(
        "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end,
                            floor_value, base_value, challenge_value) VALUES (1, 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut target_rows = |unit: i64, monthly: &[i64]| -> Result<()> {
        let year: i64 = monthly.iter().sum();
        insert_target.execute(params![
            unit,
            "2026",
            "2026-01-01",
            "2026-12-31",
            year * 8 / 10,
            year,
            year * 12 / 10
        ])?;
        for (i, (key, s, e)) in months.iter().enumerate() {
            let b = monthly[i];
            insert_target.execute(params![
                unit,
                key,
                s.to_string(),
                e.to_string(),
                b * 8 / 10,
                b,
                b * 12 / 10
            ])?;
        }
        Ok(())
    };
    insert_unit.execute(params![None::<i64>, "company", "公司", 0])?;
    let company = tx.last_insert_rowid();
    let mut people = Vec::new();
    let mut region_names = Vec::new();
    let mut company_months = vec![0i64; 12];
    let person_months = largest_remainder(120 * WAN, &SEASONALITY)?;
    for r in 0..size.regions {
        let name = format!("区域{:02}", r + 1);
        insert_unit.execute(params![company, "region", name, r as i64])?;
        region_names.push(name);
        let region = tx.last_insert_rowid();
        let mut region_months = vec![0i64; 12];
        for t in 0..size.teams_per_region {
            insert_unit.execute(params![
                region,
                "team",
                format!("R{}组{:02}", r + 1, t + 1),
                t as i64
            ])?;
            let team = tx.last_insert_rowid();
            for p in 0..size.people_per_team {
                insert_unit.execute(params![
                    team,
                    "person",
                    format!("销售{}-{}-{}", r + 1, t + 1, p + 1),
                    p as i64
                ])?;
                let person = tx.last_insert_rowid();
                people.push(person);
                target_rows(person, &person_months)?;
            }
            let team_months: Vec<i64> = person_months
                .iter()
                .map(|m| m * size.people_per_team as i64)
                .collect();
            target_rows(team, &team_months)?;
            for i in 0..12 {
                region_months[i] += team_months[i];
            }
        }
        target_rows(region, &region_months)?;
        for i in 0..12 {
            company_months[i] += region_months[i];
        }
    }
    target_rows(company, &company_months)?;
    drop(insert_unit);
    drop(insert_target);
    let mut rng = Xs(88_172_645_463_325_252);
    for (i, p) in people.iter().enumerate() {
        for k in 0..2 {
            tx.execute(
                "INSERT INTO deal(name, owner_id, stage_id, amount, win_bp, created_on, stage_entered_on, expected_close, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, '2026-08-01', ?6, ?7, 'open')",
                params![
                    format!("D{i}-{k}"),
                    p,
                    1 + rng.next(5) as i64,
                    (5 + rng.next(50) as i64) * WAN,
                    [500, 2000, 4000, 6000, 10_000][rng.next(5) as usize],
                    format!("2026-10-{:02}", 1 + rng.next(14)),
                    format!("2026-{:02}-{:02}", 10 + rng.next(3), 1 + rng.next(28)),
                ],
            )?;
        }
    }
    tx.commit()?;
    Ok((people, region_names))
}

/// Inserts the actual rows, one import batch per month, each followed by `after_commit`.
pub(crate) fn build_actuals(
    ws: &mut Workspace,
    size: &Size,
    people: &[i64],
    out: &mut dyn Write,
) -> Result<f64> {
    let cal = targetline_core::variance::workspace_calendar(ws)?;
    let as_of = NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").expect("date");
    let mut days = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    while d <= as_of {
        if cal.is_working_day(d) {
            days.push(d);
        }
        d += Duration::days(1);
    }
    let per_day = size.rows.div_ceil(days.len());
    let pls = size.product_lines as u64;
    let mut rng = Xs(0x2545_F491_4F6C_DD1D);
    let mut written = 0usize;
    let mut agg_ms = 0.0;
    let mut month = 0u32;
    let mut tx = ws.conn_mut().transaction()?;
    let mut batch = 0i64;
    for (di, day) in days.iter().enumerate() {
        if day.month() != month {
            if batch > 0 {
                let t = Instant::now();
                batches::after_commit(&tx, batch)?;
                agg_ms += ms(t);
                tx.commit()?;
                tx = ws.conn_mut().transaction()?;
            }
            month = day.month();
            tx.execute(
                "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', ?1, ?1, ?2)",
                params![format!("sales-2026-{month:02}.xlsx"), AS_OF],
            )?;
            batch = tx.last_insert_rowid();
        }
        let target_total = (size.rows * (di + 1) / days.len()).min(size.rows);
        let date = day.to_string();
        let mut st = tx.prepare_cached(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, product_line_id, customer_type_id,
                                channel_id, fingerprint, source_sheet, source_row)
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, 'Sheet1', ?9)",
        )?;
        let mut k = 0usize;
        while written < target_total && k < per_day {
            let person = people[(written + k) % people.len()];
            let amount = 100 * (200 + rng.next(8_000) as i64);
            st.execute(params![
                batch,
                date,
                person,
                amount,
                1 + rng.next(pls) as i64,
                pls as i64 + 1 + rng.next(3) as i64,
                pls as i64 + 4 + rng.next(3) as i64,
                format!("b{batch}:{written:09}"),
                (written % 100_000) as i64 + 2,
            ])?;
            written += 1;
            k += 1;
        }
        if di % 40 == 0 {
            writeln!(out, "  … {written} rows through {date}")?;
        }
    }
    let t = Instant::now();
    batches::after_commit(&tx, batch)?;
    agg_ms += ms(t);
    tx.commit()?;
    Ok(agg_ms)
}

pub fn bench_variance(args: &QuickArgs, out: &mut dyn Write) -> Result<Value> {
    let quick = args.quick;
    let size = if quick {
        Size {
            regions: 10,
            teams_per_region: 5,
            people_per_team: 10,
            product_lines: 20,
            rows: 600_000,
        }
    } else {
        Size {
            regions: 10,
            teams_per_region: 50,
            people_per_team: 10,
            product_lines: 20,
            rows: 6_000_000,
        }
    };
    let dir =
        std::env::temp_dir().join(format!("targetline-bench-variance-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.targetline");
    let result = run(&size, &path, out);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(size: &Size, path: &std::path::Path, out: &mut dyn Write) -> Result<Value> {
    let (rows, people, regions) = build(size, path, out)?;
    let ws = Workspace::open_existing(path)?;
    let person_path = {
        let e = Engine::new(&ws)?;
        e.tree.path(people[people.len() / 2])
    };
    let region_path = format!("/{}", regions[0]);
    let nodes = [
        ("company", "/".to_string()),
        ("region", region_path.clone()),
        ("person", person_path.clone()),
    ];
    let (refresh, max_refresh, totals) = time_refresh(&ws, &nodes, out)?;
    let (naive, naive_company) = time_naive(&ws, rows, out)?;
    if naive_company != totals[0] {
        return Err(Error::new(
            Code::BenchMismatch,
            "聚合结果与原始数据不一致",
            "Aggregates disagree with the raw rows",
        ));
    }
    let ratio = (max_refresh / naive * 10_000.0).round() / 10_000.0;
    writeln!(out, "ratio (slowest refresh / naive): {ratio} (goal ≤ 0.1)")?;
    let chart_ms = time_charts(&ws, &region_path, out)?;
    let demo_view = demo_view_ms()?;
    writeln!(
        out,
        "demo workspace, whole dashboard view (figures, children, 4 SVG charts, alerts, ranking, funnel, indicators) of the company for 2026: median {demo_view} ms"
    )?;
    Ok(json!({
        "bench": "variance",
        "actualRows": rows,
        "refreshMs": refresh,
        "naiveMs": naive,
        "ratio": ratio,
        "chartMedianMs": chart_ms,
        "demoViewMs": demo_view,
    }))
}

/// Writes the workspace at `path`: the org with its targets, then the actual rows. Returns the
/// rows written, the people's ids and the regions' names.
fn build(
    size: &Size,
    path: &std::path::Path,
    out: &mut dyn Write,
) -> Result<(i64, Vec<i64>, Vec<String>)> {
    let mut ws = Workspace::open(path)?;
    ws.conn().execute_batch("PRAGMA cache_size = -1000000;")?;
    let t = Instant::now();
    let (people, regions) = build_org(&mut ws, size)?;
    writeln!(
        out,
        "org: {} people, {} regions, targets written in {} ms",
        people.len(),
        regions.len(),
        ms(t)
    )?;
    let t = Instant::now();
    let agg_ms = build_actuals(&mut ws, size, &people, out)?;
    let rows: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM actual", [], |r| r.get(0))?;
    writeln!(
        out,
        "actuals: {rows} rows in {} ms (aggregates maintained in {agg_ms} ms over all batches)",
        ms(t)
    )?;
    ws.conn().execute_batch("ANALYZE;")?;
    Ok((rows, people, regions))
}

/// (a) A dashboard refresh of each node from the aggregates, with its children: the median of
/// 7 runs per node (checked that the children add up to the node), the slowest median, and
/// each node's total.
fn time_refresh(
    ws: &Workspace,
    nodes: &[(&str, String)],
    out: &mut dyn Write,
) -> Result<(serde_json::Map<String, Value>, f64, Vec<i64>)> {
    let mut refresh = serde_json::Map::new();
    let mut max_refresh: f64 = 0.0;
    let mut totals = Vec::new();
    for (label, node) in nodes {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..7 {
            let t = Instant::now();
            let engine = Engine::new(ws)?;
            let r = engine.variance(&VarianceQuery::new("revenue", node, "2026"))?;
            times.push(ms(t));
            total = r.figures.actual;
            if r.figures.children.iter().map(|c| c.actual).sum::<i64>() != total
                && !r.figures.children.is_empty()
            {
                return Err(Error::new(
                    Code::BenchMismatch,
                    "子节点合计不等于父节点",
                    "Children do not add up to their parent",
                ));
            }
        }
        let m = median(times);
        writeln!(
            out,
            "refresh {label} ({node}, 2026 to {AS_OF}, with children): median {m} ms"
        )?;
        max_refresh = max_refresh.max(m);
        refresh.insert(label.to_string(), json!(m));
        totals.push(total);
    }
    Ok((refresh, max_refresh, totals))
}

/// (b) The naive way: GROUP BY over the raw rows, then roll up the people of each node. The
/// median of 3 runs, and the company's total it gives.
fn time_naive(ws: &Workspace, rows: i64, out: &mut dyn Write) -> Result<(f64, i64)> {
    let mut naive_times = Vec::new();
    let mut naive_company = 0i64;
    for _ in 0..3 {
        let t = Instant::now();
        let mut st = ws.conn().prepare(
            "SELECT a.person_id, SUM(a.amount) FROM actual a
             WHERE a.metric_id = 1 AND a.date BETWEEN '2026-01-01' AND ?1 GROUP BY a.person_id",
        )?;
        let sums: Vec<(i64, i64)> = st
            .query_map([AS_OF], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        naive_company = sums.iter().map(|s| s.1).sum();
        naive_times.push(ms(t));
    }
    let naive = median(naive_times);
    writeln!(
        out,
        "naive GROUP BY over {rows} raw rows: median {naive} ms"
    )?;
    Ok((naive, naive_company))
}

/// Chart render times (PNG, 2×), data read once, drawing timed: the median of 11 per kind.
fn time_charts(
    ws: &Workspace,
    region_path: &str,
    out: &mut dyn Write,
) -> Result<serde_json::Map<String, Value>> {
    let engine = Engine::new(ws)?;
    let company = VarianceQuery::new("revenue", "/", "2026");
    let region = VarianceQuery::new("revenue", region_path, "2026");
    let cumulative = engine.cumulative(&company)?;
    let report = engine.variance(&company)?;
    let heat = engine.heatmap(&region)?;
    let funnel = engine.funnel("/")?;
    let mut chart_ms = serde_json::Map::new();
    type Render<'a> = Box<dyn Fn() -> Result<Vec<u8>> + 'a>;
    let kinds: [(&str, Render); 4] = [
        (
            "cumulative",
            Box::new(|| chart::cumulative(&cumulative, Lang::Zh, Format::Png)),
        ),
        (
            "achievement",
            Box::new(|| chart::achievement(&report, Lang::Zh, Format::Png)),
        ),
        (
            "heatmap",
            Box::new(|| chart::heatmap(&heat, Lang::Zh, Format::Png)),
        ),
        (
            "funnel",
            Box::new(|| chart::funnel(&funnel, Lang::Zh, Format::Png)),
        ),
    ];
    for (name, render) in &kinds {
        render()?;
        let mut times = Vec::new();
        for _ in 0..11 {
            let t = Instant::now();
            render()?;
            times.push(ms(t));
        }
        let m = median(times);
        writeln!(
            out,
            "chart {name}: median {m} ms (PNG {}×{})",
            chart::WIDTH * 2,
            chart::HEIGHT * 2
        )?;
        chart_ms.insert(name.to_string(), json!(m));
    }
    Ok(chart_ms)
}

/// What the app does when the demo's dashboard refreshes after a change: the whole view.
fn demo_view_ms() -> Result<f64> {
    let mut ws = Workspace::open_in_memory()?;
    targetline_core::demo::create_demo(&mut ws, targetline_core::demo::DEFAULT_SEED)?;
    let mut times = Vec::new();
    for _ in 0..11 {
        let t = Instant::now();
        targetline_core::dashboard::view(&ws, "/", "2026", Lang::Zh, chart::Size::DEFAULT)?;
        times.push(ms(t));
    }
    Ok(median(times))
}
