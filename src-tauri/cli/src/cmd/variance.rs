//! `variance` and `chart` subcommands: the dashboard's figures as JSON, and its charts as files.

use super::args::{ChartArgs, QueryArgs};
use serde_json::{json, Value};
use targetline_core::chart::{self, Format};
use targetline_core::error::{Lang, Result};
use targetline_core::store::Workspace;
use targetline_core::variance::{DimensionRef, Engine, VarianceQuery};

/// `--db`, `--node`, `--period`, `--metric` (revenue), `--dim product_line:saas`.
pub(crate) fn query(args: &QueryArgs) -> Result<VarianceQuery> {
    let dimension = match &args.dim {
        None => None,
        Some(d) => match d.split_once(':') {
            Some((dim, code)) => Some(DimensionRef {
                dim: dim.to_string(),
                code: code.to_string(),
            }),
            None => {
                return Err(super::usage_error(
                    "--dim takes dim:code, e.g. product_line:saas",
                ))
            }
        },
    };
    Ok(VarianceQuery {
        metric: args.metric.clone(),
        node: args.at.node.clone(),
        period: args.at.period.clone(),
        dimension,
    })
}

pub fn variance(args: &QueryArgs) -> Result<Value> {
    let q = query(args)?;
    let ws = Workspace::open_existing(&args.db)?;
    let engine = Engine::new(&ws)?;
    let report = engine.variance(&q)?;
    let mut out = report.to_json();
    // The required run-rate per tier of the node and each sub-unit.
    let rates = engine.run_rates(&q, &report)?;
    // The same period last year, counted to the same point, with the growth in bp.
    let last_year = engine.last_year(&q, &report)?;
    if let Value::Object(map) = &mut out {
        map.insert(
            "runRate".into(),
            serde_json::to_value(&rates).unwrap_or(Value::Null),
        );
        map.insert(
            "lastYear".into(),
            last_year.map_or(Value::Null, |l| l.to_json(&report.metric.unit)),
        );
    }
    Ok(out)
}

pub fn chart(args: &ChartArgs, lang: Lang) -> Result<Value> {
    let kind = args.kind;
    let out = &args.out;
    let format = Format::from_path(out)?;
    let q = query(&args.query)?;
    let ws = Workspace::open_existing(&args.query.db)?;
    let size = chart::Size::or_default(args.width, args.height);
    let bytes = chart::render_chart(&Engine::new(&ws)?, kind, &q, lang, format, size)?;
    std::fs::write(out, &bytes)?;
    Ok(
        json!({ "out": out.display().to_string(), "kind": kind.code(), "bytes": bytes.len(), "lang": lang.tag(), "width": size.width, "height": size.height }),
    )
}

#[cfg(test)]
mod tests {
    fn run(args: &[&str]) -> targetline_core::error::Result<String> {
        crate::cmd::run_text(args, "")
    }

    #[test]
    fn variance_chart_and_export_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run(&["demo", "--db", db]).unwrap();
        let v: serde_json::Value = serde_json::from_str(
            &run(&[
                "variance", "--db", db, "--node", "/华东", "--period", "2026",
            ])
            .unwrap(),
        )
        .unwrap();
        assert_eq!(v["target"], "40000000.00");
        assert_eq!(v["floor"], "32000000.00");
        assert_eq!(v["challenge"], "48000000.00");
        assert_eq!(v["timeProgress"], 7782);
        assert_eq!(v["node"], "/华东");
        assert_eq!(v["children"].as_array().unwrap().len(), 2);
        assert_eq!(v["children"][1]["path"], "/华东/华东二组");
        // The same period last year (the demo has no 2025 sales: no growth to show).
        assert_eq!(v["lastYear"]["period"], "2025");
        assert_eq!(v["lastYear"]["to"], "2025-10-15");
        assert_eq!(v["lastYear"]["actual"], "0.00");
        assert_eq!(v["lastYear"]["children"][1]["path"], "/华东/华东二组");
        for key in [
            "actual",
            "achievement",
            "gap",
            "expectedToDate",
            "paceVariance",
            "alert",
            "forecast",
            "tierReached",
        ] {
            assert!(!v[key].is_null(), "{key}");
        }
        let person: serde_json::Value = serde_json::from_str(
            &run(&[
                "variance",
                "--db",
                db,
                "--node",
                "/华东/华东一组/张三",
                "--period",
                "2026-W14",
                "--metric",
                "revenue",
            ])
            .unwrap(),
        )
        .unwrap();
        assert_eq!(person["periodStart"], "2026-03-30");
        let saas: serde_json::Value = serde_json::from_str(
            &run(&[
                "variance",
                "--db",
                db,
                "--node",
                "/",
                "--period",
                "2026-Q1",
                "--dim",
                "product_line:saas",
            ])
            .unwrap(),
        )
        .unwrap();
        assert_eq!(saas["dimension"]["code"], "saas");
        assert_eq!(
            saas["target"],
            serde_json::Value::Null,
            "the demo has no per-product targets"
        );
        let q: targetline_core::variance::VarianceQuery =
            serde_json::from_str(r#"{"metric":"revenue","node":"/","period":"2026","dimension":{"dim":"channel","code":"direct"}}"#)
                .unwrap();
        assert_eq!(q.dimension.unwrap().code, "direct");
        let err = run(&["variance", "--db", db, "--node", "/", "--period", "2026-Q9"]).unwrap_err();
        assert_eq!(err.code, "bad_period");
        for (kind, file, lang) in [("cumulative", "c.png", "zh-CN"), ("funnel", "f.svg", "en")] {
            let out = dir.path().join(file);
            let out = out.to_str().unwrap();
            run(&[
                "chart", "--db", db, "--kind", kind, "--node", "/", "--period", "2026", "--out",
                out, "--lang", lang,
            ])
            .unwrap();
            let bytes = std::fs::read(out).unwrap();
            assert!(
                bytes.starts_with(b"\x89PNG") || bytes.starts_with(b"<svg"),
                "{file}"
            );
        }
        let svg = std::fs::read_to_string(dir.path().join("f.svg")).unwrap();
        assert!(svg.contains("Sales funnel"));
        let csv = dir.path().join("v.csv");
        run(&[
            "export",
            "--db",
            db,
            "--table",
            "variance",
            "--node",
            "/",
            "--period",
            "2026-Q3",
            "--out",
            csv.to_str().unwrap(),
        ])
        .unwrap();
        let bytes = std::fs::read(&csv).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(String::from_utf8(bytes).unwrap().lines().count(), 5);
        let xlsx = dir.path().join("v.xlsx");
        run(&[
            "export",
            "--db",
            db,
            "--table",
            "variance",
            "--node",
            "/华南",
            "--period",
            "2026",
            "--out",
            xlsx.to_str().unwrap(),
        ])
        .unwrap();
        assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
        let err = run(&[
            "export",
            "--db",
            db,
            "--table",
            "nope",
            "--node",
            "/",
            "--period",
            "2026",
            "--out",
            csv.to_str().unwrap(),
        ])
        .unwrap_err();
        assert_eq!(err.code, "bad_table");
    }
}
