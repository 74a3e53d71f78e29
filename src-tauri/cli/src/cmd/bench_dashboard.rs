//! `targetline-cli bench dashboard [--quick]`: the workspace of `bench variance` (6,000,000
//! actual rows; --quick a tenth), then the whole dashboard view as the window asks for it —
//! headline figures with the sub-units, the four charts drawn as SVG at 470×300, ranking, funnel,
//! alerts, run-rate, last year and the period navigation — for the company, a region and a team
//! of the fiscal year: cold (the first view after opening the workspace) and warm (median of the
//! next five). Then the company's meeting deck (PDF) of the quarter, goal ≤ 2 s. Figures first,
//! the last line JSON. `--keep FILE` writes the workspace to FILE and leaves it there, for the
//! real-window benchmark (`make bench-dashboard`) to open in the app.

use super::bench_variance::{build_actuals, build_org, median, ms, Size, AS_OF};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use targetline_core::chart::Size as ChartSize;
use targetline_core::dashboard;
use targetline_core::deck;
use targetline_core::error::Code;
use targetline_core::error::{Lang, Result};
use targetline_core::store::Workspace;
use targetline_core::variance::Engine;

#[derive(clap::Args, Debug)]
pub struct DashboardBenchArgs {
    /// A smaller run, for a quick look
    #[arg(long)]
    pub quick: bool,
    /// Write the workspace to FILE and keep it (it must not exist yet)
    #[arg(long, value_name = "FILE")]
    pub keep: Option<PathBuf>,
    /// Time the views and the deck on a workspace kept by an earlier run, without building one
    #[arg(long, value_name = "FILE", conflicts_with_all = ["keep", "quick"])]
    pub open: Option<PathBuf>,
}

pub fn bench_dashboard(args: &DashboardBenchArgs, out: &mut dyn Write) -> Result<Value> {
    let size = Size {
        regions: 10,
        teams_per_region: if args.quick { 5 } else { 50 },
        people_per_team: 10,
        product_lines: 20,
        rows: if args.quick { 600_000 } else { 6_000_000 },
    };
    if let Some(path) = &args.open {
        let ws = Workspace::open_existing(path)?;
        let rows: i64 = ws
            .conn()
            .query_row("SELECT COUNT(*) FROM actual", [], |r| r.get(0))?;
        let first_region = {
            let e = Engine::new(&ws)?;
            e.tree
                .root()
                .and_then(|root| root.children.first())
                .map(|&i| e.tree.nodes[i].name.clone())
                .unwrap_or_default()
        };
        drop(ws);
        return measure(path, rows, &first_region, out);
    }
    match &args.keep {
        Some(path) => kept(&size, path, out),
        None => sized(&size, out),
    }
}

/// The run on a workspace written to `path`, which stays for the real-window benchmark.
fn kept(size: &Size, path: &std::path::Path, out: &mut dyn Write) -> Result<Value> {
    if path.exists() {
        return Err(targetline_core::error::Error::new(
            Code::FileExists,
            format!("文件“{}”已存在：请换一个路径或先删除它", path.display()),
            format!(
                "The file \"{}\" already exists: choose another path or delete it first",
                path.display()
            ),
        ));
    }
    let mut result = run(size, path, out)?;
    let _ = std::fs::remove_file(path.with_extension("pdf"));
    result["workspace"] = json!(path.display().to_string());
    Ok(result)
}

fn sized(size: &Size, out: &mut dyn Write) -> Result<Value> {
    let dir =
        std::env::temp_dir().join(format!("targetline-bench-dashboard-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.targetline");
    let result = run(size, &path, out);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(size: &Size, path: &std::path::Path, out: &mut dyn Write) -> Result<Value> {
    let mut ws = Workspace::open(path)?;
    let (people, regions) = build_org(&mut ws, size)?;
    build_actuals(&mut ws, size, &people, out)?;
    let rows: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM actual", [], |r| r.get(0))?;
    ws.conn().execute_batch("ANALYZE;")?;
    drop(ws);
    writeln!(
        out,
        "workspace: {rows} actual rows, {} people, as of {AS_OF}",
        people.len()
    )?;
    measure(path, rows, &regions[0], out)
}

/// The views (company, `region`, its first team) cold and warm, then the deck.
fn measure(path: &std::path::Path, rows: i64, region: &str, out: &mut dyn Write) -> Result<Value> {
    let region = format!("/{region}");
    let team = {
        let ws = Workspace::open_existing(path)?;
        let e = Engine::new(&ws)?;
        let r = e.tree.resolve(&region)?;
        let first = e.tree.children(r.id).first().map(|t| t.id).unwrap_or(r.id);
        e.tree.path(first)
    };
    let chart = ChartSize::new(470, 300);
    let mut figures = serde_json::Map::new();
    let mut slowest_warm: f64 = 0.0;
    for (label, node) in [
        ("company", "/".to_string()),
        ("region", region),
        ("team", team),
    ] {
        // Cold: a fresh connection, as when the window opens the workspace.
        let ws = Workspace::open_existing(path)?;
        let t = Instant::now();
        let view = dashboard::window_view(&ws, &node, "2026", Lang::Zh, chart)?;
        let cold = ms(t);
        let mut warm = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            dashboard::window_view(&ws, &node, "2026", Lang::Zh, chart)?;
            warm.push(ms(t));
        }
        let warm = median(warm);
        slowest_warm = slowest_warm.max(warm);
        writeln!(
            out,
            "dashboard {label} ({node}, 2026, {} sub-units, {} charts): cold {cold} ms, warm median {warm} ms",
            view.report.figures.children.len(),
            view.charts.len()
        )?;
        figures.insert(label.to_string(), json!({ "coldMs": cold, "warmMs": warm }));
    }
    let clicks = clicks_ms(path, chart, out)?;
    let deck = deck_ms(path, out)?;
    Ok(json!({
        "bench": "dashboard",
        "rows": rows,
        "chart": { "width": chart.width, "height": chart.height },
        "views": figures,
        "slowestWarmMs": slowest_warm,
        "clicks": clicks,
        "deck": deck,
    }))
}

/// What the window's clicks ask for after the company's year is shown: each sub-unit's view
/// once (every one a first look), then the months May to September once each. Median of each.
fn clicks_ms(path: &std::path::Path, chart: ChartSize, out: &mut dyn Write) -> Result<Value> {
    let ws = Workspace::open_existing(path)?;
    let view = dashboard::window_view(&ws, "/", "2026", Lang::Zh, chart)?;
    let mut sub_units = Vec::new();
    for child in view.report.figures.children.iter().take(5) {
        let t = Instant::now();
        dashboard::window_view(&ws, &child.path, "2026", Lang::Zh, chart)?;
        dashboard::by_dimension(&ws, &child.path, "2026", "product_line")?;
        sub_units.push(ms(t));
    }
    let mut months = Vec::new();
    for m in (5..=9).rev() {
        let t = Instant::now();
        let key = format!("2026-{m:02}");
        dashboard::window_view(&ws, "/", &key, Lang::Zh, chart)?;
        dashboard::by_dimension(&ws, "/", &key, "product_line")?;
        months.push(ms(t));
    }
    let (sub, month) = (median(sub_units.clone()), median(months.clone()));
    writeln!(
        out,
        "after the company's year: a sub-unit's view and its product lines {sub} ms (median of {sub_units:?}); a month's {month} ms (median of {months:?})"
    )?;
    Ok(json!({ "subUnitMs": sub, "monthMs": month }))
}

/// The meeting deck (PDF) of the company for the as-of day's quarter, written to a file: the
/// first one after opening, and the median of the next two. Goal: 2 s.
fn deck_ms(path: &std::path::Path, out: &mut dyn Write) -> Result<Value> {
    let ws = Workspace::open_existing(path)?;
    let pdf = path.with_extension("pdf");
    let quarter = "2026-Q4";
    let mut times = Vec::new();
    let mut written = None;
    for _ in 0..3 {
        let t = Instant::now();
        written = Some(deck::write(
            &ws,
            "/",
            quarter,
            Lang::Zh,
            &pdf,
            &mut |_, _| Ok(()),
        )?);
        times.push(ms(t));
    }
    let first = times[0];
    let warm = median(times[1..].to_vec());
    let (pages, bytes) = written.map_or((0, 0), |d| (d.pages, d.bytes));
    writeln!(
        out,
        "deck company ({quarter}, {pages} pages, {bytes} bytes): first {first} ms, then median {warm} ms (goal ≤ 2000 ms)"
    )?;
    Ok(
        json!({ "period": quarter, "pages": pages, "bytes": bytes, "firstMs": first, "warmMs": warm }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_small_run_prints_figures_and_a_json_last_line() {
        let size = super::Size {
            regions: 2,
            teams_per_region: 2,
            people_per_team: 3,
            product_lines: 2,
            rows: 6_000,
        };
        let mut out = Vec::new();
        let v = super::sized(&size, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("dashboard company (/, 2026, 2 sub-units, 4 charts)"),
            "{text}"
        );
        assert!(text.contains("dashboard team ("), "{text}");
        assert!(text.contains("deck company (2026-Q4, "), "{text}");
        assert!(v["deck"]["pages"].as_u64().unwrap() >= 8, "{v}");
        assert!(v["deck"]["firstMs"].as_f64().unwrap() > 0.0, "{v}");
        assert_eq!(v["bench"], "dashboard");
        assert_eq!(v["rows"], 6_000);
        for k in ["company", "region", "team"] {
            assert!(v["views"][k]["coldMs"].as_f64().unwrap() > 0.0, "{k}");
            assert!(v["views"][k]["warmMs"].as_f64().unwrap() > 0.0, "{k}");
        }
    }

    #[test]
    fn keep_leaves_the_workspace_for_the_window_and_refuses_to_overwrite() {
        let size = super::Size {
            regions: 2,
            teams_per_region: 1,
            people_per_team: 2,
            product_lines: 2,
            rows: 2_000,
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.targetline");
        let v = super::kept(&size, &path, &mut Vec::new()).unwrap();
        assert_eq!(v["workspace"], path.display().to_string());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let rows: i64 = conn
            .query_row("SELECT COUNT(*) FROM actual", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 2_000);
        assert!(!path.with_extension("pdf").exists());
        let e = super::kept(&size, &path, &mut Vec::new()).unwrap_err();
        assert_eq!(e.code, "file_exists");
    }
}
