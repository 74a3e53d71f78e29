//! `scorecard show|set|use-defaults`: the scorecard defaults headless (Settings → Scorecard
//! defaults), checked by the same core as the window.

use clap::Subcommand;
use serde_json::Value;
use std::path::PathBuf;
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::evaluation::defaults;
use targetline_core::evaluation::{ScoreItem, ScorecardConfig};
use targetline_core::store::Workspace;

#[derive(Subcommand, Debug)]
pub enum ScorecardCmd {
    /// The defaults, whether Evaluation follows them, and the metrics a new item may name
    Show {
        #[arg(long)]
        db: PathBuf,
    },
    /// Replaces the defaults: each --item METRIC=WEIGHT or METRIC=WEIGHT:CAP (cap 120% if not
    /// given), e.g. --item revenue=70% --item nps=30%:150%; the weights must total 100%
    Set {
        #[arg(long)]
        db: PathBuf,
        #[arg(long = "item", value_name = "METRIC=WEIGHT[:CAP]", required = true)]
        items: Vec<String>,
    },
    /// Evaluation drops weights of its own and follows the defaults again
    UseDefaults {
        #[arg(long)]
        db: PathBuf,
    },
}

/// `revenue=70%` or `nps=30%:150%`.
fn item(text: &str) -> Result<ScoreItem> {
    let bad = || {
        Error::new(
            Code::Usage,
            format!("评分项“{text}”无效：应为 指标=权重 或 指标=权重:封顶，例如 revenue=70% 或 nps=30%:150%"),
            format!("Invalid item \"{text}\": expected METRIC=WEIGHT or METRIC=WEIGHT:CAP, e.g. revenue=70% or nps=30%:150%"),
        )
    };
    let (metric, rest) = text.split_once('=').ok_or_else(bad)?;
    let (weight, cap) = match rest.split_once(':') {
        Some((w, c)) => (w, Some(c)),
        None => (rest, None),
    };
    if metric.trim().is_empty() {
        return Err(bad());
    }
    Ok(ScoreItem {
        metric: metric.trim().to_string(),
        weight_bp: super::setup::percent_bp(weight)?,
        cap_bp: cap
            .map(super::setup::percent_bp)
            .transpose()?
            .unwrap_or(12_000),
    })
}

pub fn scorecard(c: &ScorecardCmd) -> Result<Value> {
    let shown = match c {
        ScorecardCmd::Show { db } => defaults::defaults(&Workspace::open_existing(db)?)?,
        ScorecardCmd::Set { db, items } => {
            let config = ScorecardConfig {
                items: items.iter().map(|i| item(i)).collect::<Result<_>>()?,
            };
            let ws = Workspace::open_existing(db)?;
            defaults::save_default(&ws, &config)?;
            defaults::defaults(&ws)?
        }
        ScorecardCmd::UseDefaults { db } => {
            defaults::evaluation_use_defaults(&Workspace::open_existing(db)?)?
        }
    };
    serde_json::to_value(&shown)
        .map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::{new_company, run_json};

    #[test]
    fn the_defaults_are_set_checked_and_used_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("own.targetline");
        let db = db.to_str().unwrap();
        new_company(db);
        let set = run_json(&[
            "scorecard",
            "set",
            "--db",
            db,
            "--item",
            "revenue=70%",
            "--item",
            "nps=30%:150%",
        ])
        .unwrap();
        assert_eq!(
            set["config"]["items"],
            serde_json::json!([
                {"metric": "revenue", "weightBp": 7000, "capBp": 12000},
                {"metric": "nps", "weightBp": 3000, "capBp": 15000},
            ])
        );
        assert_eq!(set["evaluationFollows"], true);
        // 70% + 20% is refused with the total, and the saved defaults stay.
        let err = run_json(&[
            "scorecard",
            "set",
            "--db",
            db,
            "--item",
            "revenue=70%",
            "--item",
            "nps=20%",
        ])
        .unwrap_err();
        assert_eq!(err.code, "invalid_scorecard");
        assert_eq!(err.en, "The weights must total 100% (now 90.00%)");
        assert_eq!(
            run_json(&["scorecard", "show", "--db", db]).unwrap()["config"],
            set["config"]
        );
        let err = run_json(&["scorecard", "set", "--db", db, "--item", "revenue"]).unwrap_err();
        assert_eq!(err.code, "usage");
    }
}
