//! Scorecard defaults: what a new workspace starts with, validation with its messages, the
//! evaluation following them until it has weights of its own, and retired metrics not chosen anew.

use super::defaults::{
    defaults, evaluation_undo_use_defaults, evaluation_use_defaults, load_default, save_default,
};
use super::*;
use crate::demo::in_memory as demo;
use crate::store::catalog::write_catalog;
use crate::variance::{Engine, VarianceQuery};

fn blank() -> Workspace {
    let ws = Workspace::open_in_memory().unwrap();
    write_catalog(ws.conn(), 2026).unwrap();
    ws
}

fn item(metric: &str, weight_bp: i64, cap_bp: i64) -> ScoreItem {
    ScoreItem {
        metric: metric.into(),
        weight_bp,
        cap_bp,
    }
}

fn config(items: Vec<ScoreItem>) -> ScorecardConfig {
    ScorecardConfig { items }
}

#[test]
fn a_new_workspace_weighs_only_the_metrics_it_tracks_re_split_to_100_percent() {
    let ws = blank();
    crate::setup::metrics::track(&ws, &["visits".into()]).unwrap();
    // Seed 000 gives revenue 30% and visits 5%: 30/35 = 85.714…% and 5/35 = 14.285…%; floored
    // 8571 + 1428 = 9999 bp, the one left over goes to the larger remainder (visits, .57 > .43).
    assert_eq!(
        load_default(&ws).unwrap(),
        config(vec![
            item("revenue", 8571, 12_000),
            item("visits", 1429, 12_000)
        ])
    );
    let d = defaults(&ws).unwrap();
    assert!(d.evaluation_follows);
    // Only the tracked metrics are offered for a new item.
    let codes: Vec<&str> = d.metrics.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["revenue", "visits"]);
    // The evaluation uses them while it has no weights of its own.
    assert_eq!(load_scorecard(&ws).unwrap(), d.config);
}

#[test]
fn defaults_are_validated_with_a_clear_message() {
    let ws = blank();
    let short = config(vec![
        item("revenue", 6000, 12_000),
        item("visits", 3000, 12_000),
    ]);
    let err = save_default(&ws, &short).unwrap_err();
    assert_eq!(err.code, "invalid_scorecard");
    assert_eq!(err.zh, "权重合计必须等于 100%（当前 90.00%）");
    assert_eq!(err.en, "The weights must total 100% (now 90.00%)");
    let twice = config(vec![
        item("revenue", 5000, 12_000),
        item("revenue", 5000, 12_000),
    ]);
    assert_eq!(
        save_default(&ws, &twice).unwrap_err().code,
        "invalid_scorecard"
    );
    let no_cap = config(vec![item("revenue", 10_000, 0)]);
    assert_eq!(
        save_default(&ws, &no_cap).unwrap_err().code,
        "invalid_scorecard"
    );
    let unknown = config(vec![item("happiness", 10_000, 12_000)]);
    assert_eq!(
        save_default(&ws, &unknown).unwrap_err().code,
        "metric_not_found"
    );
    // A retired metric is not chosen anew.
    crate::setup::metrics::retire(&ws, "leads", false).unwrap();
    let retired = config(vec![
        item("revenue", 8000, 12_000),
        item("leads", 2000, 12_000),
    ]);
    let err = save_default(&ws, &retired).unwrap_err();
    assert_eq!(err.code, "metric_retired");
    assert!(err.en.contains("Settings → Metrics"), "{}", err.en);
    // Nothing refused was stored: the defaults are seed 000's (every metric was tracked when
    // leads was retired, and retiring keeps them).
    assert_eq!(load_default(&ws).unwrap(), ScorecardConfig::seed_default());
}

#[test]
fn the_evaluation_follows_the_defaults_until_it_has_its_own_weights() {
    let ws = demo();
    let only_revenue = config(vec![item("revenue", 10_000, 15_000)]);
    save_default(&ws, &only_revenue).unwrap();
    let r = report(&ws, "/", "2026-Q3").unwrap();
    assert_eq!(r.items.len(), 1);
    assert_eq!((r.items[0].weight_bp, r.items[0].cap_bp), (10_000, 15_000));
    // Each person's total is their revenue achievement, capped at 150%, from the engine alone.
    let e = Engine::new(&ws).unwrap();
    for row in &r.rows {
        let f = e
            .variance(&VarianceQuery::new("revenue", &row.path, "2026-Q3"))
            .unwrap()
            .figures;
        let expected = f.achievement_bp.map(|a| a.clamp(0, 15_000)).unwrap_or(0);
        assert_eq!(row.total_bp, expected, "{}", row.path);
    }

    // Evaluation saves weights of its own: they win, the defaults stay as they were.
    let own = config(vec![
        item("revenue", 7000, 12_000),
        item("nps", 3000, 12_000),
    ]);
    save_scorecard(&ws, &own).unwrap();
    assert_eq!(load_scorecard(&ws).unwrap(), own);
    let d = defaults(&ws).unwrap();
    assert_eq!(
        (d.config.clone(), d.evaluation_follows),
        (only_revenue.clone(), false)
    );
    // Back to the defaults.
    assert!(evaluation_use_defaults(&ws).unwrap().evaluation_follows);
    assert_eq!(load_scorecard(&ws).unwrap(), only_revenue);
}

#[test]
fn a_retired_metric_stays_where_the_scorecard_weighs_it_and_is_offered_nowhere_else() {
    let ws = demo();
    let seed = ScorecardConfig::seed_default();
    save_scorecard(&ws, &seed).unwrap();
    crate::setup::metrics::retire(&ws, "nps", false).unwrap();
    crate::setup::metrics::retire(&ws, "leads", false).unwrap();
    // The scorecard that weighed NPS keeps it, and saves again.
    save_scorecard(&ws, &seed).unwrap();
    let offered: Vec<String> = settings(&ws)
        .unwrap()
        .metrics
        .into_iter()
        .map(|m| m.code)
        .collect();
    assert!(offered.contains(&"nps".to_string()));
    assert!(!offered.contains(&"leads".to_string()));
    // Leads was never weighed: adding it now is refused.
    let with_leads = config(vec![
        item("revenue", 9000, 12_000),
        item("leads", 1000, 12_000),
    ]);
    assert_eq!(
        save_scorecard(&ws, &with_leads).unwrap_err().code,
        "metric_retired"
    );
    // The review's metric picker offers neither retired metric for a new check.
    let review: Vec<String> = crate::review::choices(&ws)
        .unwrap()
        .metrics
        .into_iter()
        .map(|m| m.code)
        .collect();
    let used: Vec<String> = {
        let mut st = ws
            .conn()
            .prepare(
                "SELECT DISTINCT m.code FROM review_item i JOIN metric m ON m.id = i.metric_id",
            )
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    for code in ["nps", "leads"] {
        assert_eq!(
            review.contains(&code.to_string()),
            used.contains(&code.to_string()),
            "{code}"
        );
    }
    assert!(review.contains(&"revenue".to_string()));
}

#[test]
fn retiring_a_weighed_metric_keeps_the_defaults_as_they_were() {
    let ws = blank();
    crate::setup::metrics::track(&ws, &["visits".into()]).unwrap();
    let before = load_default(&ws).unwrap();
    crate::setup::metrics::retire(&ws, "visits", false).unwrap();
    // Still revenue 85.71% and visits 14.29%: nobody's score changes because of the retirement.
    assert_eq!(load_default(&ws).unwrap(), before);
    assert_eq!(before.items[1], item("visits", 1429, 12_000));
    // And the defaults can be saved again as they are.
    save_default(&ws, &before).unwrap();
}

#[test]
fn using_the_defaults_is_undone_with_the_own_weights_exactly_as_they_were() {
    let ws = blank();
    crate::setup::metrics::track(&ws, &["visits".into()]).unwrap();
    // Nothing was replaced yet: nothing to undo, and nothing changes.
    let err = evaluation_undo_use_defaults(&ws).unwrap_err();
    assert_eq!(err.code, "scorecard_undo_unavailable");
    assert!(defaults(&ws).unwrap().evaluation_follows);
    let own = config(vec![
        item("revenue", 6000, 13_000),
        item("visits", 4000, 11_000),
    ]);
    save_scorecard(&ws, &own).unwrap();
    // The card names what "use the defaults" replaces.
    assert_eq!(defaults(&ws).unwrap().own, Some(own.clone()));
    let used = evaluation_use_defaults(&ws).unwrap();
    assert!(used.evaluation_follows);
    assert_eq!(used.own, None);
    assert_eq!(
        load_scorecard(&ws).unwrap(),
        config(vec![
            item("revenue", 8571, 12_000),
            item("visits", 1429, 12_000)
        ])
    );
    // Undo: 60% / 130% and 40% / 110% again, and once only.
    let back = evaluation_undo_use_defaults(&ws).unwrap();
    assert!(!back.evaluation_follows);
    assert_eq!(load_scorecard(&ws).unwrap(), own);
    assert_eq!(
        evaluation_undo_use_defaults(&ws).unwrap_err().code,
        "scorecard_undo_unavailable"
    );
    // Weights saved after "use the defaults" are never overwritten by its undo.
    evaluation_use_defaults(&ws).unwrap();
    let newer = config(vec![item("revenue", 10_000, 12_000)]);
    save_scorecard(&ws, &newer).unwrap();
    let err = evaluation_undo_use_defaults(&ws).unwrap_err();
    assert_eq!(err.code, "scorecard_undo_unavailable");
    assert!(err.zh.contains("撤销"), "{}", err.zh);
    assert_eq!(load_scorecard(&ws).unwrap(), newer);
}

#[test]
fn defaults_name_only_metrics_the_workspace_tracks_even_without_a_seed_metric() {
    let ws = blank();
    // A workspace that tracks none of the seed's metrics (set in the file: revenue cannot be
    // retired in the app): the first active metric alone, 100%, capped at the seed's 120%.
    ws.conn()
        .execute_batch(
            "UPDATE metric SET retired_at = '2026-01-01T00:00:00' WHERE code IN
             ('revenue','gross_profit','collection_rate','new_customers','visits',
              'repurchase_rate','nps','attrition')",
        )
        .unwrap();
    let first: String = ws
        .conn()
        .query_row(
            "SELECT code FROM metric WHERE retired_at IS NULL ORDER BY sort, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        load_default(&ws).unwrap(),
        config(vec![item(&first, 10_000, 12_000)])
    );
    // No active metric at all: empty defaults, never the seed's retired ones.
    ws.conn()
        .execute_batch("UPDATE metric SET retired_at = '2026-01-01T00:00:00'")
        .unwrap();
    let d = defaults(&ws).unwrap();
    assert_eq!(d.config, config(vec![]));
    assert!(d.metrics.is_empty());
    // The Evaluation then scores no metric, and says nothing failed.
    crate::setup::company::set_name(&ws, "Acme").unwrap();
    let r = report(&ws, "/", "2026").unwrap();
    assert!(r.items.is_empty());
    assert!(r.rows.iter().all(|row| row.total_bp == 0));
}
