//! `review` (a unit's PDCA review of a period: results, findings, both lists verified from the
//! data; `--create` opens it; `--out` writes the table, `--fishbone` the chart) and `weekly`
//! (the 3-2-1 reports of a week). Money is decimal yuan; other values in the metric's unit
//! (counts, basis points).
//!
//! ```text
//! targetline-cli review --db demo.targetline --node /华东 --period 2026-Q2 --create
//! targetline-cli review --db demo.targetline --node /华东 --period 2026-Q2 --fishbone 鱼骨图.png
//! targetline-cli weekly --db demo.targetline --node /华东/华东一组 --week 2026-W42
//! ```

use super::args::{ReviewArgs, WeeklyArgs};
use serde_json::{json, Value};
use targetline_core::chart::Format;
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang, Result};
use targetline_core::export::{export_table, TableFormat};
use targetline_core::money::format_yuan;
use targetline_core::review::{self, weekly, Item, Verification};
use targetline_core::store::Workspace;

fn value(unit: &str, v: Option<i64>) -> Value {
    match (unit, v) {
        (_, None) => Value::Null,
        ("currency", Some(v)) => json!(format_yuan(v)),
        (_, Some(v)) => json!(v),
    }
}

fn verification_json(v: &Verification) -> Value {
    json!({
        "status": v.status,
        "unit": v.unit,
        "baseline": value(&v.unit, v.baseline),
        "required": value(&v.unit, v.required),
        "measured": value(&v.unit, v.measured),
        "projected": value(&v.unit, v.projected),
        "onTrack": v.on_track,
        "windowStart": v.window_start,
        "windowEnd": v.window_end,
    })
}

fn item_json(it: &Item) -> Value {
    json!({
        "id": it.id,
        "text": it.text,
        "owner": it.owner,
        "due": it.due,
        "done": it.done,
        "overdue": it.overdue,
        "check": it.check,
        "verification": it.verification.as_ref().map(verification_json),
    })
}

pub fn review(args: &ReviewArgs, lang: Lang) -> Result<Value> {
    let ReviewArgs {
        db,
        node,
        period,
        create,
        out,
        fishbone,
    } = args;
    if let Some(out) = out {
        TableFormat::from_path(out)?;
    }
    if let Some(f) = fishbone {
        Format::from_path(f)?;
    }
    let ws = Workspace::open_existing(db)?;
    let key = period.trim().to_ascii_uppercase();
    let path = {
        let tree = targetline_core::variance::OrgTree::load(ws.conn())?;
        tree.path(tree.resolve(node)?.id)
    };
    let found = review::list(&ws)?
        .into_iter()
        .find(|r| r.node == path && r.period == key)
        .map(|r| r.id);
    let id = match (found, *create) {
        (Some(id), _) => id,
        (None, true) => review::create(&ws, node, period, "")?,
        (None, false) => {
            return Err(Error::new(
                Code::ReviewNotFound,
                format!("{node} 还没有 {key} 的复盘（加 --create 新建）"),
                format!("{node} has no review for {key} yet (add --create to open one)"),
            ))
        }
    };
    let r = review::get(&ws, id)?;
    let mut v = json!({
        "id": id,
        "node": r.summary.node,
        "period": r.summary.period,
        "closed": r.summary.closed,
        "asOf": r.as_of,
        "findings": r.findings,
        "lessons": r.lessons.iter().map(item_json).collect::<Vec<_>>(),
        "improvements": r.improvements.iter().map(item_json).collect::<Vec<_>>(),
        "prompts": r.prompts
            .iter()
            .map(|p| json!({"kind": p.kind, "text": if lang == Lang::Zh { &p.text_zh } else { &p.text_en }, "achievementBp": p.achievement_bp}))
            .collect::<Vec<_>>(),
    });
    if let Some(out) = out {
        export_table(&review::review_table(&r, lang), out)?;
        v["out"] = json!(out.display().to_string());
    }
    if let Some(f) = fishbone {
        review::write_fishbone(&ws, id, lang, f)?;
        v["fishbone"] = json!(f.display().to_string());
    }
    Ok(v)
}

pub fn weekly(args: &WeeklyArgs, lang: Lang) -> Result<Value> {
    let out = &args.out;
    if let Some(out) = out {
        TableFormat::from_path(out)?;
    }
    let ws = Workspace::open_existing(&args.db)?;
    let w = weekly::week(&ws, &args.node, &args.week)?;
    let mut v = serde_json::to_value(&w).unwrap_or(Value::Null);
    if let Some(out) = out {
        export_table(&weekly::week_table(&w, lang), out)?;
        v["out"] = json!(out.display().to_string());
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use crate::cmd::run_json;
    use serde_json::json;

    #[test]
    fn a_review_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let args = [
            "review", "--db", db, "--node", "/华东", "--period", "2026-Q2",
        ];
        let e = run_json(&args).unwrap_err();
        assert_eq!(e.code, "review_not_found");
        let png = dir.path().join("鱼骨图.png");
        let xlsx = dir.path().join("复盘.xlsx");
        let mut with = args.to_vec();
        with.extend([
            "--create",
            "--fishbone",
            png.to_str().unwrap(),
            "--out",
            xlsx.to_str().unwrap(),
        ]);
        let v = run_json(&with).unwrap();
        assert_eq!(
            (&v["node"], &v["period"], &v["closed"]),
            (&json!("/华东"), &json!("2026-Q2"), &json!(false))
        );
        assert_eq!(v["prompts"][0]["achievementBp"], 10150);
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
        // The same review again, not a second one.
        let again = run_json(&args).unwrap();
        assert_eq!(again["id"], v["id"]);
        let w = run_json(&[
            "weekly",
            "--db",
            db,
            "--node",
            "/华东/华东一组",
            "--week",
            "2026-W42",
        ])
        .unwrap();
        assert_eq!(
            (&w["week"], &w["submitted"], &w["missing"]),
            (&json!("2026-W42"), &json!(0), &json!(5))
        );
        let e = run_json(&["weekly", "--db", db, "--week", "2026-42"]).unwrap_err();
        assert_eq!(e.code, "weekly_bad_week");
    }
}
