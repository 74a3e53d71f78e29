use super::*;
use crate::error::Lang;
use crate::money::WAN;
use crate::variance::{achievement_bp, Engine, Figures, VarianceQuery};

use crate::demo::in_memory as demo;

fn figures(e: &Engine, metric: &str, path: &str, period: &str) -> Figures {
    e.variance(&VarianceQuery::new(metric, path, period))
        .unwrap()
        .figures
}

/// The person's achievement of a metric from the engine alone: their own; for a rate without a
/// target of theirs, against the bar of the nearest unit above that has one.
fn engine_achievement(e: &Engine, metric: &str, path: &str, period: &str) -> (Option<i64>, bool) {
    let own = figures(e, metric, path, period);
    if own.achievement_bp.is_some() {
        return (own.achievement_bp, false);
    }
    let m = crate::variance::Metric::by_code(e.conn, metric).unwrap();
    let mut parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    while parts.pop().is_some() && !m.is_additive() {
        let up = format!("/{}", parts.join("/"));
        if let Some(t) = figures(e, metric, &up, period).target {
            return (
                Some(achievement_bp(own.actual, t.base, m.lower_is_better)),
                true,
            );
        }
    }
    (None, false)
}

const XU_LI: &str = "/华南/华南一组/徐丽";

#[test]
fn one_person_scorecard_matches_the_engine() {
    let ws = demo();
    let config = load_scorecard(&ws).unwrap();
    assert_eq!(config, ScorecardConfig::seed_default());
    let r = scorecards(&ws, "/", "2026-Q3", &config).unwrap();
    let e = Engine::new(&ws).unwrap();
    let row = r.rows.iter().find(|r| r.path == XU_LI).unwrap();
    let mut short = 0;
    let mut long = 0;
    for (i, it) in config.items.iter().enumerate() {
        let (a, inherited) = engine_achievement(&e, &it.metric, XU_LI, "2026-Q3");
        assert_eq!(row.achievements[i], a, "{}", it.metric);
        assert_eq!(
            row.inherited.contains(&it.metric),
            inherited,
            "{}",
            it.metric
        );
        let a = a.unwrap();
        let score = crate::ratio_bp((a.clamp(0, 12_000) * it.weight_bp) as i128, 100_000_000);
        assert_eq!(row.scores[i], Some(score), "{}", it.metric);
        if r.items[i].horizon == "long" {
            long += score;
        } else {
            short += score;
        }
    }
    // Revenue 120.21% capped at 120% × 30% = 36.00; gross profit 128.45% capped -> 12.00;
    // collection rate 101.79% × 10% = 10.179 -> 10.18; visits 119.23% × 5% = 5.96;
    // repurchase 47.50% (38 repeat of 80 customers served) against 40% = 118.75% × 15% =
    // 17.8125 -> 17.81; NPS 79.34% × 15% = 11.901 -> 11.90 (rates judged against the region's
    // bar). Attrition: 徐丽 took over no leaver's accounts, 0 leavers of 1 = 0%, the best there
    // is: the lower-is-better achievement shows its 200% cap, the score its 120% cap -> 12.00.
    assert_eq!(
        row.achievements,
        [12021, 12845, 10179, 10000, 11923, 11875, 7934, 20000].map(Some)
    );
    assert_eq!(
        row.scores,
        [3600, 1200, 1018, 500, 596, 1781, 1190, 1200].map(Some)
    );
    assert_eq!(
        row.inherited,
        ["collection_rate", "repurchase_rate", "nps", "attrition"]
    );
    assert!(row.missing.is_empty());
    assert_eq!((row.short_term_bp, row.long_term_bp), (short, long));
    assert_eq!((short, long, row.total_bp), (6914, 4171, 11085));
    assert_eq!((row.name.as_str(), row.team.as_str()), ("徐丽", "华南一组"));
    // Revenue and commission: 911,052.83 at 8% = 72,884.2264 -> 72,884.23; 5% on the
    // 153,158.09 above the 757,894.74 target = 7,657.9045 -> 7,657.90; 88,947.17 to the 10% band.
    let rev = figures(&e, "revenue", XU_LI, "2026-Q3");
    assert_eq!(
        (row.revenue_actual, row.revenue_target),
        (rev.actual, rev.target.map(|t| t.base))
    );
    assert_eq!(
        (row.revenue_actual, row.revenue_target),
        (91_105_283, Some(75_789_474))
    );
    let c = row.commission;
    assert_eq!(
        (c.tiered, c.target_bonus, c.excess_bonus, c.total),
        (7_288_423, 0, 765_790, 8_054_213)
    );
    assert_eq!(
        c.next_tier.map(|n| (n.from, n.distance)),
        Some((100 * WAN, 8_894_717))
    );
}

#[test]
fn every_person_ranked_with_commission_and_champion() {
    let ws = demo();
    let plan = CommissionPlan {
        kind: CommissionKind::Stepped,
        target_bonus: 2_000 * 100,
        cap: Some(9 * WAN),
        ..CommissionPlan::seed_default()
    };
    save_plan(&ws, &plan).unwrap();
    assert_eq!(load_plan(&ws).unwrap(), plan);
    let r = scorecards(&ws, "/", "2026-Q3", &ScorecardConfig::seed_default()).unwrap();
    let e = Engine::new(&ws).unwrap();
    let root = e.tree.resolve("/").unwrap().id;
    assert_eq!(r.rows.len(), e.tree.people(root).len());
    assert_eq!(r.rows.len(), 30);
    for (i, row) in r.rows.iter().enumerate() {
        assert_eq!(row.rank, i as i64 + 1);
        assert_eq!(
            row.commission,
            compute(&plan, row.revenue_actual, row.revenue_target)
        );
        assert_eq!(row.total_bp, row.scores.iter().flatten().sum::<i64>());
        if i > 0 {
            let prev = &r.rows[i - 1];
            assert!(
                (prev.total_bp, prev.revenue_actual) >= (row.total_bp, row.revenue_actual),
                "{} before {}",
                prev.path,
                row.path
            );
        }
    }
    assert_eq!(r.champion(), r.rows.first());
    let champion = r.champion().unwrap();
    assert_eq!((champion.rank, champion.path.as_str()), (1, XU_LI));
    // Stepped: 911,052.83 × 8% + 2,000 bonus + 7,657.90 excess = 82,542.13, under the cap.
    assert_eq!(champion.commission.total, 8_254_213);
    assert!(!champion.commission.capped);
}

#[test]
fn revenue_only_scorecard_ranks_like_the_engine() {
    let ws = demo();
    let config = ScorecardConfig {
        items: vec![ScoreItem {
            metric: "revenue".into(),
            weight_bp: 10_000,
            cap_bp: 100_000,
        }],
    };
    save_scorecard(&ws, &config).unwrap();
    assert_eq!(load_scorecard(&ws).unwrap(), config);
    let r = scorecards(&ws, "/华东", "2026", &config).unwrap();
    let e = Engine::new(&ws).unwrap();
    let ranking = e
        .ranking(&VarianceQuery::new("revenue", "/华东", "2026"))
        .unwrap();
    let ours: Vec<(&str, i64)> = r
        .rows
        .iter()
        .map(|r| (r.path.as_str(), r.total_bp))
        .collect();
    let theirs: Vec<(&str, i64)> = ranking
        .rows
        .iter()
        .map(|r| (r.path.as_str(), r.achievement_bp.unwrap()))
        .collect();
    assert_eq!(ours, theirs);
    assert_eq!((r.period.as_str(), r.node.as_str()), ("2026", "/华东"));
    assert!(r.rows.iter().all(|r| r.path.starts_with("/华东/")));
}

#[test]
fn a_metric_without_any_target_scores_zero_and_is_flagged() {
    let ws = demo();
    // Orders have actuals but no target anywhere.
    let config = ScorecardConfig {
        items: vec![
            ScoreItem {
                metric: "revenue".into(),
                weight_bp: 6_000,
                cap_bp: 12_000,
            },
            ScoreItem {
                metric: "orders".into(),
                weight_bp: 4_000,
                cap_bp: 12_000,
            },
        ],
    };
    let r = scorecards(&ws, XU_LI, "2026-Q3", &config).unwrap();
    assert_eq!(r.rows.len(), 1);
    let row = &r.rows[0];
    // Revenue 120.21% capped at 120% × 60% = 72.00 points.
    assert_eq!(row.scores, vec![Some(7200), None]);
    assert_eq!(row.achievements[1], None);
    assert_eq!(row.missing, vec!["orders".to_string()]);
    assert_eq!(row.total_bp, 7200);
}

#[test]
fn weights_must_total_100_percent() {
    let mut c = ScorecardConfig::seed_default();
    assert!(c.validate().is_ok());
    assert_eq!(c.items.iter().map(|i| i.weight_bp).sum::<i64>(), 10_000);
    c.items[0].weight_bp -= 1_000;
    let e = c.validate().unwrap_err();
    assert_eq!(e.message(Lang::Zh), "权重合计必须等于 100%（当前 90.00%）");
    assert_eq!(
        e.message(Lang::En),
        "The weights must total 100% (now 90.00%)"
    );
    c.items[0].weight_bp += 1_000;
    c.items[1].metric = "revenue".into();
    assert_eq!(
        c.validate().unwrap_err().message(Lang::En),
        "The metric \"revenue\" appears more than once"
    );
    let ws = demo();
    let unknown = ScorecardConfig {
        items: vec![ScoreItem {
            metric: "no_such_metric".into(),
            weight_bp: 10_000,
            cap_bp: 12_000,
        }],
    };
    assert!(save_scorecard(&ws, &unknown).is_err());
    assert!(scorecards(&ws, "/", "2026", &unknown).is_err());
    // A failed save keeps the default.
    assert_eq!(
        load_scorecard(&ws).unwrap(),
        ScorecardConfig::seed_default()
    );
    let mut bad = CommissionPlan::seed_default();
    bad.tiers.reverse();
    assert!(save_plan(&ws, &bad).is_err());
    assert_eq!(load_plan(&ws).unwrap(), CommissionPlan::seed_default());
}

#[test]
fn scorecard_table_has_one_row_per_person() {
    let ws = demo();
    let config = ScorecardConfig::seed_default();
    let r = scorecards(&ws, "/华南", "2026-Q3", &config).unwrap();
    let t = scorecard_table(&r, Lang::Zh);
    assert_eq!(t.rows.len(), r.rows.len());
    assert_eq!(t.headers.len(), 3 + config.items.len() + 7);
    assert_eq!(t.headers[3], "销售额达成率");
    assert_eq!(t.headers.last().unwrap(), "距下一档");
    use crate::export::Cell;
    assert_eq!(
        t.rows[0][..4],
        [
            Cell::Int(1),
            Cell::Text("徐丽".into()),
            Cell::Text("华南一组".into()),
            Cell::Percent(12_021)
        ]
    );
    assert_eq!(
        t.rows[0][11..],
        [
            Cell::Percent(6914),
            Cell::Percent(4171),
            Cell::Percent(11085),
            Cell::Money(91_105_283),
            Cell::Money(75_789_474),
            Cell::Money(8_054_213),
            Cell::Money(8_894_717)
        ]
    );
    let csv = crate::export::table_bytes(&t, crate::export::TableFormat::Csv).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&csv).lines().count(),
        r.rows.len() + 1
    );
    let en = scorecard_table(&r, Lang::En);
    assert_eq!(en.headers[3], "Revenue achievement");
}
