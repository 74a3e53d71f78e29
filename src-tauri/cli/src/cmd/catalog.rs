//! The catalog headless: `metric list|add|edit|retire|delete` and `dim add|rename|retire`.

use super::args::DbArgs;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::setup::catalog;
use targetline_core::setup::metrics::{self, MetricSpec};
use targetline_core::store::Workspace;
use targetline_core::variance::Dim;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))
}

/// A metric's fields; on `edit` the ones not given keep their value.
#[derive(Args, Debug, Default)]
pub struct MetricFields {
    /// The Chinese name
    #[arg(long, value_name = "NAME")]
    pub zh: Option<String>,
    /// The English name
    #[arg(long, value_name = "NAME")]
    pub en: Option<String>,
    #[arg(long, value_name = "currency|count|percent|ratio")]
    pub unit: Option<String>,
    #[arg(long, value_name = "higher|lower")]
    pub direction: Option<String>,
    #[arg(long, value_name = "lagging|leading|risk|health")]
    pub kind: Option<String>,
    #[arg(long, value_name = "short|long")]
    pub horizon: Option<String>,
    #[arg(long, value_name = "sum|average|last|ratio")]
    pub aggregation: Option<String>,
    /// A ratio's numerator metric (code or name)
    #[arg(long, value_name = "METRIC")]
    pub numerator: Option<String>,
    /// A ratio's denominator metric (code or name)
    #[arg(long, value_name = "METRIC")]
    pub denominator: Option<String>,
    /// Pace variance below this alerts, e.g. -10%
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    pub alert: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum MetricCmd {
    /// Every metric with where it is used (--all: the retired ones too)
    List {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        all: bool,
    },
    /// Add a metric
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        fields: MetricFields,
    },
    /// Change a metric (named by code or name)
    Edit {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "METRIC")]
        metric: String,
        #[command(flatten)]
        fields: MetricFields,
    },
    /// Retire a metric (hidden by default, history kept); --restore brings it back
    Retire {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "METRIC")]
        metric: String,
        #[arg(long)]
        restore: bool,
    },
    /// Delete a metric nothing uses (one in use is refused, saying where)
    Delete {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "METRIC")]
        metric: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum DimCmd {
    /// Add members (one per line, or separated by commas)
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "product_line|customer_type|channel", value_parser = Dim::parse)]
        dim: Dim,
        #[arg(long, value_name = "NAMES")]
        name: String,
    },
    /// Rename a member (files naming it the old way still match)
    Rename {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "product_line|customer_type|channel", value_parser = Dim::parse)]
        dim: Dim,
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "NAME")]
        to: String,
    },
    /// Retire a member; --restore brings it back
    Retire {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "product_line|customer_type|channel", value_parser = Dim::parse)]
        dim: Dim,
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long)]
        restore: bool,
    },
}

/// The fields over `base` (a new metric starts as a summed, short-term leading count).
fn spec(f: &MetricFields, base: Option<MetricSpec>) -> Result<MetricSpec> {
    let base = base.unwrap_or(MetricSpec {
        name_zh: String::new(),
        name_en: String::new(),
        unit: "count".into(),
        direction: "higher".into(),
        kind: "leading".into(),
        horizon: "short".into(),
        aggregation: "sum".into(),
        numerator: None,
        denominator: None,
        alert_threshold_bp: -1000,
    });
    let pick = |v: &Option<String>, d: String| v.clone().unwrap_or(d);
    Ok(MetricSpec {
        name_zh: pick(&f.zh, base.name_zh),
        name_en: pick(&f.en, base.name_en),
        unit: pick(&f.unit, base.unit),
        direction: pick(&f.direction, base.direction),
        kind: pick(&f.kind, base.kind),
        horizon: pick(&f.horizon, base.horizon),
        aggregation: pick(&f.aggregation, base.aggregation),
        numerator: f.numerator.clone().or(base.numerator),
        denominator: f.denominator.clone().or(base.denominator),
        alert_threshold_bp: match &f.alert {
            Some(p) => super::setup::percent_bp(p)?,
            None => base.alert_threshold_bp,
        },
    })
}

fn current(ws: &Workspace, key: &str) -> Result<MetricSpec> {
    let all = metrics::list(ws, true)?;
    let k = key.trim();
    all.into_iter()
        .find(|m| m.code == k || m.spec.name_zh == k || m.spec.name_en.eq_ignore_ascii_case(k))
        .map(|m| m.spec)
        .ok_or_else(|| {
            Error::new(
                Code::MetricUnknown,
                format!("没有指标“{k}”"),
                format!("There is no metric \"{k}\""),
            )
        })
}

pub fn metric(c: &MetricCmd) -> Result<Value> {
    match c {
        MetricCmd::List { db, all } => {
            to_json(&metrics::list(&Workspace::open_existing(db)?, *all)?)
        }
        MetricCmd::Add { db, fields } => {
            let ws = Workspace::open_existing(db)?;
            let code = metrics::add(&ws, &spec(fields, None)?)?;
            Ok(json!({ "code": code }))
        }
        MetricCmd::Edit { db, metric, fields } => {
            let ws = Workspace::open_existing(db)?;
            let s = spec(fields, Some(current(&ws, metric)?))?;
            let code = metrics::edit(&ws, metric, &s)?;
            Ok(json!({ "code": code }))
        }
        MetricCmd::Retire {
            db,
            metric,
            restore,
        } => {
            let ws = Workspace::open_existing(db)?;
            let code = metrics::retire(&ws, metric, *restore)?;
            Ok(json!({ "code": code, "retired": !restore }))
        }
        MetricCmd::Delete { db, metric } => {
            let ws = Workspace::open_existing(db)?;
            metrics::delete(&ws, metric)?;
            Ok(json!({ "deleted": metric }))
        }
    }
}

pub fn dim(c: &DimCmd) -> Result<Value> {
    match c {
        DimCmd::Add { db, dim, name } => {
            let ws = Workspace::open_existing(db)?;
            let added = catalog::add_members(&ws, dim.code(), name)?;
            Ok(json!({ "added": added, "members": to_json(&catalog::members(&ws, false)?)? }))
        }
        DimCmd::Rename { db, dim, name, to } => {
            let ws = Workspace::open_existing(db)?;
            catalog::rename_member(&ws, dim.code(), name, to)?;
            to_json(&catalog::members(&ws, true)?)
        }
        DimCmd::Retire {
            db,
            dim,
            name,
            restore,
        } => {
            let ws = Workspace::open_existing(db)?;
            catalog::retire_member(&ws, dim.code(), name, *restore)?;
            to_json(&catalog::members(&ws, true)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{new_company, run_json};

    #[test]
    fn metrics_and_members_are_kept_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("own.targetline");
        let db = db.to_str().unwrap();
        new_company(db);
        let added = run_json(&[
            "metric",
            "add",
            "--db",
            db,
            "--zh",
            "签约数",
            "--en",
            "Signed deals",
            "--kind",
            "lagging",
            "--alert",
            "-15%",
        ])
        .unwrap();
        assert_eq!(added["code"], "signed_deals");
        let win = run_json(&[
            "metric",
            "add",
            "--db",
            db,
            "--zh",
            "赢单率",
            "--en",
            "Win rate",
            "--unit",
            "percent",
            "--aggregation",
            "ratio",
            "--numerator",
            "签约数",
            "--denominator",
            "leads",
        ])
        .unwrap();
        assert_eq!(win["code"], "win_rate");
        let refused = run_json(&[
            "metric",
            "edit",
            "--db",
            db,
            "--metric",
            "win_rate",
            "--numerator",
            "win_rate",
        ])
        .unwrap_err();
        assert_eq!(refused.code, "metric_ratio_self");
        // Signed deals is the win rate's numerator: deleting it says so.
        let refused =
            run_json(&["metric", "delete", "--db", db, "--metric", "signed_deals"]).unwrap_err();
        assert_eq!(refused.code, "metric_in_use");
        assert_eq!(
            refused.en,
            "The metric \"Signed deals\" is in use: the numerator or denominator of \"Win rate\". It cannot be deleted; retire it instead."
        );
        run_json(&["metric", "retire", "--db", db, "--metric", "Signed deals"]).unwrap();
        let listed = run_json(&["metric", "list", "--db", db]).unwrap();
        let codes: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap())
            .collect();
        assert!(!codes.contains(&"signed_deals") && codes.contains(&"win_rate"));
        let all = run_json(&["metric", "list", "--db", db, "--all"]).unwrap();
        let signed = all
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["code"] == "signed_deals")
            .unwrap();
        assert_eq!(
            (
                signed["retired"].clone(),
                signed["alertThresholdBp"].clone()
            ),
            (true.into(), (-1500).into())
        );
        // Members.
        let d = run_json(&[
            "dim",
            "add",
            "--db",
            db,
            "--dim",
            "product_line",
            "--name",
            "硬件,软件",
        ])
        .unwrap();
        assert_eq!(d["added"], 2);
        run_json(&[
            "dim",
            "rename",
            "--db",
            db,
            "--dim",
            "product_line",
            "--name",
            "硬件",
            "--to",
            "智能硬件",
        ])
        .unwrap();
        let m = run_json(&[
            "dim",
            "retire",
            "--db",
            db,
            "--dim",
            "product_line",
            "--name",
            "软件",
        ])
        .unwrap();
        let got: Vec<(String, bool)> = m
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["name"].as_str().unwrap().to_string(),
                    x["retired"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [("智能硬件".to_string(), false), ("软件".to_string(), true)]
        );
    }
}
