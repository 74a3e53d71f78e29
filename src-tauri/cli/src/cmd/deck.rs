//! `deck`: the meeting deck of a node and period as one 16:9 PDF.

use super::args::{DbArgs, NodePeriodArgs};
use clap::Args;
use serde_json::Value;
use std::path::PathBuf;
use targetline_core::deck;
use targetline_core::error::{Lang, Result};
use targetline_core::store::Workspace;

#[derive(Args, Debug)]
pub struct DeckArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub at: NodePeriodArgs,
    /// The PDF to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// Writes the deck; prints where, its pages and bytes, and its language.
pub fn deck(args: &DeckArgs, lang: Lang) -> Result<Value> {
    let ws = Workspace::open_existing(&args.db)?;
    let summary = deck::write(
        &ws,
        &args.at.node,
        &args.at.period,
        lang,
        &args.out,
        &mut |_, _| Ok(()),
    )?;
    Ok(serde_json::to_value(summary).unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use crate::cmd::{run, run_json};

    #[test]
    fn the_deck_is_written_from_the_command_line_and_errors_are_json() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let out = dir.path().join("deck.pdf");
        let out = out.to_str().unwrap();
        let v = run_json(&[
            "deck", "--db", db, "--node", "/华东", "--period", "2026-Q4", "--out", out, "--lang",
            "en",
        ])
        .unwrap();
        let bytes = std::fs::read(out).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert_eq!(v["bytes"], bytes.len());
        assert_eq!(v["lang"], "en");
        // Cover, cards, four charts, sub-units, alerts, run-rate, ranking.
        assert_eq!(v["pages"], 10);
        let bad = dir.path().join("deck.txt");
        let e = run(
            vec![
                "deck".into(),
                "--db".into(),
                db.into(),
                "--period".into(),
                "2026-Q4".into(),
                "--out".into(),
                bad.to_str().unwrap().into(),
            ],
            &mut "".as_bytes(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(e.code, "bad_deck_file");
        let e = run_json(&[
            "deck", "--db", db, "--node", "/火星", "--period", "2026-Q4", "--out", out,
        ])
        .unwrap_err();
        assert!(!e.code.is_empty() && e.code != "bad_deck_file", "{e:?}");
    }
}
