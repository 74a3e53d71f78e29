//! `evaluate` (the scorecards of a node's people for a period, with their commission) and
//! `commission` (pure: one plan, actual and target as JSON on stdin). Money is decimal yuan.
//!
//! ```text
//! targetline-cli evaluate --db demo.targetline --node / --period 2026-Q3
//! echo '{"plan":{"kind":"marginal","tiers":[{"from":"0","rateBp":800},{"from":"1000000","rateBp":1000}],
//!        "targetBonus":"0","excessBp":500,"cap":null},"actual":"1500000","target":"1200000"}' \
//!   | targetline-cli commission
//! -> {"tiered":"130000.00","targetBonus":"0.00","excessBonus":"15000.00","total":"145000.00",
//!     "capped":false,"nextTier":null}
//! ```
//! Without "plan" the seed plan applies (up to 100万 at 8%, above at 10%, 5% on the excess).

use super::args::{DbOptOutArgs, EvaluateArgs};
use serde_json::{json, Map, Value};
use std::io::Read;
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang, Result};
use targetline_core::evaluation::{
    compute, load_scorecard, scorecard_table, scorecards, CommissionKind, CommissionPlan,
    CommissionTier,
};
use targetline_core::export::{export_table, TableFormat};
use targetline_core::money::{format_yuan, parse_yuan};
use targetline_core::store::Workspace;

/// `--out FILE.csv|FILE.xlsx` also writes the scorecard table (then "out" and "rows" are added).
pub fn evaluate(args: &EvaluateArgs, lang: Lang) -> Result<Value> {
    if let Some(out) = &args.out {
        TableFormat::from_path(out)?;
    }
    let ws = Workspace::open_existing(&args.db)?;
    let config = load_scorecard(&ws)?;
    let report = scorecards(&ws, &args.at.node, &args.at.period, &config)?;
    let mut v = report.to_json();
    if let Some(out) = &args.out {
        let t = scorecard_table(&report, lang);
        export_table(&t, out)?;
        v["out"] = json!(out.display().to_string());
        v["tableRows"] = json!(t.rows.len());
    }
    Ok(v)
}

/// `customers --db FILE [--out FILE.csv|xlsx]`: the ABC classes and lifecycle stages, with every
/// customer; money as decimal yuan strings.
pub fn customers(args: &DbOptOutArgs, lang: Lang) -> Result<Value> {
    let out = &args.out;
    if let Some(out) = out {
        TableFormat::from_path(out)?;
    }
    let ws = Workspace::open_existing(&args.db)?;
    let r = targetline_core::customers::report(&ws)?;
    let mut v = json!({
        "asOf": r.as_of,
        "from": r.from,
        "aFrom": format_yuan(r.settings.a_from),
        "bFrom": format_yuan(r.settings.b_from),
        "classes": r.classes.iter().map(|c| json!({
            "class": c.class,
            "customers": c.customers,
            "contribution": format_yuan(c.contribution),
            "shareBp": c.share_bp,
        })).collect::<Vec<_>>(),
        "lifecycles": r.lifecycles.iter().map(|(l, n)| json!({"stage": l, "customers": n})).collect::<Vec<_>>(),
        "customers": r.rows.iter().map(|c| json!({
            "name": c.name,
            "recordedType": c.recorded_type,
            "contribution": format_yuan(c.contribution),
            "growthBp": c.growth_bp,
            "potential": format_yuan(c.potential),
            "class": c.class,
            "lifecycle": c.lifecycle,
            "lastPurchase": c.last_purchase,
            "owner": c.owner,
        })).collect::<Vec<_>>(),
    });
    if let Some(out) = out {
        export_table(&targetline_core::customers::customer_table(&r, lang), out)?;
        v["out"] = json!(out.display().to_string());
    }
    Ok(v)
}

fn bad_input(zh: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new(Code::BadCommissionInput, zh, en)
}

/// A yuan amount written as a string or a number; None when absent or null.
fn yuan(obj: &Map<String, Value>, name: &str) -> Result<Option<i64>> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => parse_yuan(s).map(Some),
        Some(Value::Number(n)) => parse_yuan(&n.to_string()).map(Some),
        Some(_) => Err(bad_input(
            format!("字段“{name}”应为金额（元）"),
            format!("\"{name}\" must be an amount in yuan"),
        )),
    }
}

fn bp(obj: &Map<String, Value>, name: &str) -> Result<i64> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v.as_i64().ok_or_else(|| {
            bad_input(
                format!("字段“{name}”应为整数（基点，10000 = 100%）"),
                format!("\"{name}\" must be an integer (basis points, 10000 = 100%)"),
            )
        }),
    }
}

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>> {
    v.as_object().ok_or_else(|| {
        bad_input(
            format!("“{what}”应为 JSON 对象"),
            format!("\"{what}\" must be a JSON object"),
        )
    })
}

fn plan_of(v: &Value) -> Result<CommissionPlan> {
    let p = object(v, "plan")?;
    let kind = match p.get("kind").and_then(Value::as_str) {
        Some("marginal") | None => CommissionKind::Marginal,
        Some("stepped") => CommissionKind::Stepped,
        Some(other) => {
            return Err(bad_input(
                format!("提成方式“{other}”无效，应为 marginal（超额累进）或 stepped（全额累进）"),
                format!("Unknown commission kind \"{other}\": use marginal or stepped"),
            ))
        }
    };
    let tiers = p
        .get("tiers")
        .and_then(Value::as_array)
        .ok_or_else(|| bad_input("提成方案缺少档位 tiers", "The plan is missing \"tiers\""))?
        .iter()
        .map(|t| {
            let t = object(t, "tiers[]")?;
            Ok(CommissionTier {
                from: yuan(t, "from")?.unwrap_or(0),
                rate_bp: bp(t, "rateBp")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let plan = CommissionPlan {
        kind,
        tiers,
        target_bonus: yuan(p, "targetBonus")?.unwrap_or(0),
        excess_bp: bp(p, "excessBp")?,
        cap: yuan(p, "cap")?,
    };
    plan.validate()?;
    Ok(plan)
}

/// `{"plan"?, "actual", "target"?}` -> the commission.
pub fn commission_spec(input: &str) -> Result<Value> {
    let v: Value = serde_json::from_str(input).map_err(|e| {
        bad_input(
            format!("输入不是有效的 JSON：{e}"),
            format!("The input is not valid JSON: {e}"),
        )
    })?;
    let obj = object(&v, "input")?;
    let plan = match obj.get("plan") {
        None | Some(Value::Null) => CommissionPlan::seed_default(),
        Some(p) => plan_of(p)?,
    };
    let actual = yuan(obj, "actual")?
        .ok_or_else(|| bad_input("缺少字段“actual”（实际销售额）", "Missing \"actual\""))?;
    let target = yuan(obj, "target")?;
    Ok(compute(&plan, actual, target).to_json())
}

pub fn commission(stdin: &mut dyn Read) -> Result<Value> {
    let mut input = String::new();
    stdin.read_to_string(&mut input).map_err(|e| {
        bad_input(
            format!("无法读取标准输入：{e}"),
            format!("Could not read standard input: {e}"),
        )
    })?;
    commission_spec(&input)
}

#[cfg(test)]
mod tests {
    use crate::cmd::{run_json, run_json_with};
    use serde_json::json;

    fn cli(input: &str) -> targetline_core::Result<serde_json::Value> {
        run_json_with(&["commission"], input)
    }

    #[test]
    fn commission_of_seed_001_and_002() {
        let plan = r#"{"kind":"marginal","tiers":[{"from":"0","rateBp":800},{"from":"1000000","rateBp":1000}],
                       "targetBonus":"0","excessBp":500,"cap":null}"#;
        let v = cli(&format!(
            r#"{{"plan":{plan},"actual":"1500000","target":"1200000"}}"#
        ))
        .unwrap();
        assert_eq!(
            v,
            json!({"tiered":"130000.00","targetBonus":"0.00","excessBonus":"15000.00",
                   "total":"145000.00","capped":false,"nextTier":null})
        );
        // Stepped, numbers accepted, a cap, the next band 20万 away.
        let v = cli(r#"{"plan":{"kind":"stepped","tiers":[{"from":0,"rateBp":800},{"from":1000000,"rateBp":1000}],
                         "cap":"50000"},"actual":800000.5}"#)
        .unwrap();
        assert_eq!(v["tiered"], "64000.04");
        assert_eq!(v["total"], "50000.00");
        assert_eq!(v["capped"], true);
        assert_eq!(
            v["nextTier"],
            json!({"from":"1000000.00","rateBp":1000,"distance":"199999.50"})
        );
        // Without a plan: the seed plan.
        let v = cli(r#"{"actual":"1234567.89"}"#).unwrap();
        assert_eq!(v["total"], "103456.79");
    }

    #[test]
    fn bad_input_is_named() {
        let e = cli(r#"{"plan":{"kind":"flat","tiers":[]},"actual":"1"}"#).unwrap_err();
        assert_eq!(
            e.en,
            "Unknown commission kind \"flat\": use marginal or stepped"
        );
        let e = cli(r#"{"plan":{"tiers":[{"from":"5","rateBp":800}]},"actual":"1"}"#).unwrap_err();
        assert_eq!(e.en, "Tier 1 must start at 0 yuan (now 5.00 yuan)");
        assert_eq!(
            cli(r#"{"target":"1"}"#).unwrap_err().en,
            "Missing \"actual\""
        );
        assert!(cli("not json").is_err());
    }

    #[test]
    fn customers_prints_the_classes_and_writes_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let out = dir.path().join("customers.csv");
        let v = run_json(&["customers", "--db", db, "--out", out.to_str().unwrap()]).unwrap();
        assert_eq!(
            (&v["aFrom"], &v["bFrom"]),
            (&json!("700000.00"), &json!("580000.00"))
        );
        let classes: Vec<(String, i64)> = v["classes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["class"].as_str().unwrap().to_string(),
                    c["customers"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            classes,
            vec![("A".into(), 30), ("B".into(), 53), ("C".into(), 37)]
        );
        assert_eq!(v["customers"].as_array().unwrap().len(), 120);
        assert_eq!(
            v["lifecycles"][2],
            json!({"stage": "existing", "customers": 120})
        );
        // BOM, header and one line per customer.
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(text.lines().count(), 121);
        let e = run_json(&["customers", "--db", db, "--out", "x.pdf"]).unwrap_err();
        assert_eq!(e.code, "bad_export_file");
    }

    #[test]
    fn evaluate_prints_the_scorecards() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let v = run_json(&[
            "evaluate", "--db", db, "--node", "/华南", "--period", "2026-Q3",
        ])
        .unwrap();
        assert_eq!(v["period"], "2026-Q3");
        assert_eq!(v["node"], "/华南");
        let first = &v["rows"][0];
        assert_eq!(first["name"], "徐丽");
        assert_eq!(first["rank"], 1);
        assert_eq!(first["totalBp"], 11085);
        assert_eq!(first["revenueActual"], "911052.83");
        assert_eq!(first["commission"]["total"], "80542.13");
        assert_eq!(v["champion"], *first);
        assert_eq!(v["items"].as_array().unwrap().len(), 8);
        let out = dir.path().join("scorecard.xlsx");
        let w = run_json(&[
            "evaluate",
            "--db",
            db,
            "--period",
            "2026",
            "--out",
            out.to_str().unwrap(),
        ])
        .unwrap();
        assert_eq!(w["node"], "/");
        assert_eq!(w["tableRows"], 30);
        assert_eq!(w["rows"].as_array().unwrap().len(), 30);
        assert!(std::fs::metadata(&out).unwrap().len() > 0);
    }
}
