//! The plan's files: the Gantt as PNG/SVG, the plan table as CSV/XLSX, importing an action plan
//! table, and the Gantt render benchmark.

use super::args::{DbOutArgs, PlanImportArgs, TasksArgs};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::io::Write;
use std::time::Instant;
use targetline_core::chart::Format;
use targetline_core::error::{Lang, Result};
use targetline_core::plan::chart::{gantt_chart, workspace_gantt_chart};
use targetline_core::plan::gantt::gantt_data;
use targetline_core::store::Workspace;

/// `plan-chart --db FILE --out FILE.png|FILE.svg`
pub fn plan_chart(args: &DbOutArgs, lang: Lang) -> Result<Value> {
    let out = &args.out;
    let format = Format::from_path(out)?;
    let ws = Workspace::open_existing(&args.db)?;
    let bytes = workspace_gantt_chart(&ws, lang, format)?;
    std::fs::write(out, &bytes)?;
    Ok(json!({ "out": out.display().to_string(), "bytes": bytes.len(), "lang": lang.tag() }))
}

/// `plan-export --db FILE --out FILE.csv|FILE.xlsx`
pub fn plan_export(args: &DbOutArgs, lang: Lang) -> Result<Value> {
    let out = &args.out;
    let ws = Workspace::open_existing(&args.db)?;
    let table =
        targetline_core::plan::table::plan_table(&targetline_core::plan::plan_view(&ws)?, lang);
    targetline_core::export::export_table(&table, out)?;
    Ok(json!({ "out": out.display().to_string(), "rows": table.rows.len() }))
}

/// `plan-import --db FILE --start 2026-09-07 PATH`
pub fn plan_import(args: &PlanImportArgs, lang: Lang) -> Result<Value> {
    let start = NaiveDate::parse_from_str(&args.start, "%Y-%m-%d")
        .map_err(|_| super::usage_error("--start takes a date such as 2026-09-07"))?;
    let ws = Workspace::open_existing(&args.db)?;
    let summary = targetline_core::plan::import::import_plan(&ws, &args.path, start, lang)?;
    Ok(json!(summary))
}

fn median_ms(runs: usize, mut f: impl FnMut() -> Result<usize>) -> Result<(f64, usize)> {
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        bytes = f()?;
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], bytes))
}

/// `bench gantt [--tasks N]`: median render time of the demo's Gantt and of an N-task synthetic
/// plan (default 1,000), as PNG (2×) and SVG.
pub fn bench_gantt(args: &TasksArgs, out: &mut dyn Write) -> Result<Value> {
    let n = args.tasks.unwrap_or(1_000);
    let mut ws = Workspace::open_in_memory()?;
    targetline_core::demo::create_demo(&mut ws, targetline_core::demo::DEFAULT_SEED)?;
    let mut result = serde_json::Map::new();
    result.insert("bench".into(), json!("gantt"));
    for (name, tasks) in [("demo", None), ("synthetic", Some(n))] {
        if let Some(t) = tasks {
            targetline_core::demo::synthetic::write_synthetic_plan(&ws, t, 7)?;
        }
        let data = gantt_data(&ws)?;
        let rows = data.plan.tasks.len();
        for (format, label) in [(Format::Png, "png"), (Format::Svg, "svg")] {
            let (ms, bytes) = median_ms(9, || {
                gantt_chart(
                    &data.plan,
                    data.baseline.as_ref(),
                    &data.holidays,
                    Some(data.today),
                    Lang::Zh,
                    format,
                )
                .map(|b| b.len())
            })?;
            writeln!(
                out,
                "gantt {name} ({rows} tasks, {} drawn) {label}: median {ms:.1} ms over 9 runs, {bytes} bytes",
                rows.min(targetline_core::plan::chart::MAX_ROWS)
            )?;
            result.insert(
                format!("{name}{}Ms", label.to_uppercase()),
                json!((ms * 10.0).round() / 10.0),
            );
        }
        result.insert(format!("{name}Tasks"), json!(rows));
    }
    Ok(Value::Object(result))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    fn run(args: &[&str]) -> targetline_core::error::Result<String> {
        crate::cmd::run_text(args, "")
    }

    #[test]
    fn chart_export_and_import_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run(&["demo", "--db", db]).unwrap();
        let png = dir.path().join("gantt.png");
        run(&["plan-chart", "--db", db, "--out", png.to_str().unwrap()]).unwrap();
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        let csv = dir.path().join("plan.csv");
        let v: serde_json::Value = serde_json::from_str(
            &run(&["plan-export", "--db", db, "--out", csv.to_str().unwrap()]).unwrap(),
        )
        .unwrap();
        assert_eq!(v["rows"], 8);
        // Importing the exported table back into the same plan adds nothing: the 2 objectives'
        // summary rows and the 6 actions are all there already.
        let v: serde_json::Value = serde_json::from_str(
            &run(&[
                "plan-import",
                "--db",
                db,
                "--start",
                "2026-09-07",
                csv.to_str().unwrap(),
            ])
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (
                &v["objectives"],
                &v["actions"],
                &v["existing"],
                &v["skipped"]
            ),
            (&json!(0), &json!(0), &json!(8), &json!(0))
        );
        // Into an empty plan, the same table makes the 2 objectives and their 6 actions.
        targetline_core::store::Workspace::open_existing(std::path::Path::new(db))
            .unwrap()
            .conn()
            .execute("DELETE FROM action", [])
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(
            &run(&[
                "plan-import",
                "--db",
                db,
                "--start",
                "2026-09-07",
                csv.to_str().unwrap(),
            ])
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (&v["objectives"], &v["actions"], &v["existing"]),
            (&json!(2), &json!(6), &json!(0))
        );
    }
}
