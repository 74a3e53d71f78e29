//! The metrics editor: validation with its messages, usage counted from the rows, retire and
//! restore, the assistant's choice of metrics to track.

use super::metrics::{self, MetricSpec};
use crate::store::catalog::{write_catalog, METRICS};
use crate::Workspace;
use rusqlite::params;

fn blank() -> Workspace {
    let ws = Workspace::open_in_memory().unwrap();
    write_catalog(ws.conn(), 2026).unwrap();
    ws
}

fn spec(zh: &str, en: &str) -> MetricSpec {
    MetricSpec {
        name_zh: zh.into(),
        name_en: en.into(),
        unit: "currency".into(),
        direction: "higher".into(),
        kind: "leading".into(),
        horizon: "short".into(),
        aggregation: "sum".into(),
        numerator: None,
        denominator: None,
        alert_threshold_bp: -1000,
    }
}

fn code<T: std::fmt::Debug>(r: crate::Result<T>) -> &'static str {
    r.unwrap_err().code.as_str()
}

#[test]
fn a_metric_is_added_edited_and_listed_with_its_fields() {
    let ws = blank();
    let c = metrics::add(&ws, &spec("平均客单价", "Average deal size")).unwrap();
    assert_eq!(c, "average_deal_size");
    let mut s = spec("平均客单价", "Average deal size");
    s.direction = "lower".into();
    s.kind = "health".into();
    s.horizon = "long".into();
    s.alert_threshold_bp = -500;
    metrics::edit(&ws, "平均客单价", &s).unwrap();
    let all = metrics::list(&ws, false).unwrap();
    assert_eq!(all.len(), METRICS.len() + 1);
    let m = all.last().unwrap();
    assert_eq!(
        (m.code.as_str(), &m.spec, m.retired),
        ("average_deal_size", &s, false)
    );
    // A second one with the same English name in another case is refused; a new code is made
    // unique when only the code would clash.
    assert_eq!(
        code(metrics::add(&ws, &spec("客单价二", "average DEAL size"))),
        "metric_name_taken"
    );
    assert_eq!(
        metrics::add(&ws, &spec("客单价二", "Average deal-size")).unwrap(),
        "average_deal_size_2"
    );
}

#[test]
fn bad_metrics_are_refused_with_a_clear_message() {
    let ws = blank();
    let e = metrics::add(&ws, &spec("销售额", "Sales")).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.zh.as_str(), e.en.as_str()),
        (
            "metric_name_taken",
            "已有名为“销售额”的指标：请换一个名称",
            "A metric named \"销售额\" already exists: choose another name"
        )
    );
    assert_eq!(
        code(metrics::add(&ws, &spec("", "X"))),
        "metric_name_invalid"
    );
    let mut s = spec("赢单率", "Win rate");
    s.unit = "euro".into();
    let e = metrics::add(&ws, &s).unwrap_err();
    assert_eq!(e.code, "metric_bad_field");
    assert_eq!(
        e.en,
        "Invalid unit \"euro\": expected currency, count, percent, ratio"
    );
    s.unit = "percent".into();
    s.aggregation = "ratio".into();
    assert_eq!(code(metrics::add(&ws, &s)), "metric_ratio_incomplete");
    s.numerator = Some("signed_deals".into());
    s.denominator = Some("leads".into());
    let e = metrics::add(&ws, &s).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.zh.as_str()),
        ("metric_unknown", "没有指标“signed_deals”")
    );
    s.numerator = Some("leads".into());
    assert_eq!(code(metrics::add(&ws, &s)), "metric_ratio_same");
    s.numerator = Some("conversion_rate".into());
    assert_eq!(code(metrics::add(&ws, &s)), "metric_ratio_component");
    // A ratio of itself: editing conversion rate to divide by itself.
    let mut conv = spec("转化率", "Conversion rate");
    conv.unit = "percent".into();
    conv.aggregation = "ratio".into();
    conv.numerator = Some("conversion_rate".into());
    conv.denominator = Some("leads".into());
    let e = metrics::edit(&ws, "conversion_rate", &conv).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.en.as_str()),
        (
            "metric_ratio_self",
            "A ratio cannot use itself as its numerator or denominator"
        )
    );
    s.numerator = Some("new_customers".into());
    s.alert_threshold_bp = 500;
    assert_eq!(code(metrics::add(&ws, &s)), "metric_bad_threshold");
    s.alert_threshold_bp = -1500;
    let c = metrics::add(&ws, &s).unwrap();
    let (num, den): (String, String) = ws
        .conn()
        .query_row(
            "SELECT n.code, d.code FROM metric m JOIN metric n ON n.id = m.numerator_id
             JOIN metric d ON d.id = m.denominator_id WHERE m.code = ?1",
            [&c],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((num.as_str(), den.as_str()), ("new_customers", "leads"));
    // Nothing refused was written.
    let n: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM metric", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, METRICS.len() as i64 + 1);
}

/// A company with one person, two `leads` target cells and three actual rows (of a batch that
/// names no metric).
fn with_leads_in_use(ws: &Workspace) {
    let c = ws.conn();
    c.execute_batch(
        "INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', 'C'), (2, 1, 'team', 'T'), (3, 2, 'person', 'P');
         INSERT INTO target_set(id, name, fiscal_year) VALUES (1, 'plan', 2026);
         INSERT INTO import_batch(id, kind, file_name, sha256, imported_at) VALUES (1, 'demo', 'x', 'x', 'now');",
    )
    .unwrap();
    let leads: i64 = c
        .query_row("SELECT id FROM metric WHERE code = 'leads'", [], |r| {
            r.get(0)
        })
        .unwrap();
    for (unit, period) in [(1, "2026"), (3, "2026")] {
        c.execute(
            "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end, floor_value, base_value, challenge_value)
             VALUES (1, ?1, ?2, ?3, '2026-01-01', '2026-12-31', 80, 100, 120)",
            params![leads, unit, period],
        )
        .unwrap();
    }
    for (i, day) in ["2026-01-05", "2026-01-06", "2026-02-02"]
        .iter()
        .enumerate()
    {
        c.execute(
            "INSERT INTO actual(batch_id, metric_id, date, person_id, amount, fingerprint) VALUES (1, ?1, ?2, 3, 1, ?3)",
            params![leads, day, format!("f{i}")],
        )
        .unwrap();
    }
}

#[test]
fn deleting_a_metric_in_use_says_where_and_retiring_hides_it() {
    let ws = blank();
    with_leads_in_use(&ws);
    let e = metrics::delete(&ws, "线索数").unwrap_err();
    assert_eq!(e.code, "metric_in_use");
    assert_eq!(
        e.zh,
        "指标“线索数”正在使用：2 个目标、3 条实际数据、比率指标“转化率”的分子或分母。不能删除，可以改为停用。"
    );
    assert_eq!(
        e.en,
        "The metric \"Leads\" is in use: 2 targets, 3 actuals, the numerator or denominator of \"Conversion rate\". It cannot be deleted; retire it instead."
    );
    // Revenue is in the scorecard (the seed's default weights).
    let e = metrics::delete(&ws, "revenue").unwrap_err();
    assert_eq!(e.code, "metric_main");
    let e = metrics::delete(&ws, "gross_profit").unwrap_err();
    assert!(e.en.contains("is in use: the scorecard."), "{}", e.en);
    // Retired: gone from the default list, shown on demand, restored.
    metrics::retire(&ws, "leads", false).unwrap();
    let shown = |all: bool| -> Vec<String> {
        metrics::list(&ws, all)
            .unwrap()
            .into_iter()
            .map(|m| m.code)
            .collect()
    };
    assert!(!shown(false).contains(&"leads".to_string()));
    let all = metrics::list(&ws, true).unwrap();
    let leads = all.iter().find(|m| m.code == "leads").unwrap();
    assert!(leads.retired);
    assert_eq!((leads.usage.targets, leads.usage.actuals), (2, 3));
    metrics::retire(&ws, "Leads", true).unwrap();
    assert!(shown(false).contains(&"leads".to_string()));
    assert_eq!(code(metrics::retire(&ws, "销售额", false)), "metric_main");
    // A metric nothing uses goes.
    let c = metrics::add(&ws, &spec("样品数", "Samples")).unwrap();
    metrics::delete(&ws, &c).unwrap();
    assert!(!shown(true).contains(&c));
}

#[test]
fn the_unit_of_a_metric_with_values_stays() {
    let ws = blank();
    with_leads_in_use(&ws);
    let mut s = spec("线索数", "Leads");
    s.unit = "currency".into();
    let e = metrics::edit(&ws, "leads", &s).unwrap_err();
    assert_eq!(e.code, "metric_unit_in_use");
    assert_eq!(
        e.en,
        "\"Leads\" already has 2 targets and 3 actuals: its unit and aggregation cannot change"
    );
    s.unit = "count".into();
    s.name_en = "Sales leads".into();
    metrics::edit(&ws, "leads", &s).unwrap();
}

#[test]
fn tracking_keeps_the_chosen_metrics_revenue_and_the_components_of_chosen_ratios() {
    let ws = blank();
    let kept = metrics::track(&ws, &["conversion_rate".into(), "visits".into()]).unwrap();
    assert_eq!(
        kept,
        [
            "conversion_rate",
            "leads",
            "new_customers",
            "revenue",
            "visits"
        ]
    );
    let active: Vec<String> = metrics::list(&ws, false)
        .unwrap()
        .into_iter()
        .map(|m| m.code)
        .collect();
    // In catalog order.
    assert_eq!(
        active,
        [
            "revenue",
            "new_customers",
            "visits",
            "leads",
            "conversion_rate"
        ]
    );
    assert_eq!(metrics::list(&ws, true).unwrap().len(), METRICS.len());
}

#[test]
fn a_retired_metric_is_not_chosen_for_a_new_ratio_but_an_existing_ratio_keeps_it() {
    let ws = blank();
    let ratio = |num: &str, den: &str| MetricSpec {
        unit: "percent".into(),
        aggregation: "ratio".into(),
        numerator: Some(num.into()),
        denominator: Some(den.into()),
        ..spec("拜访转化率", "Visit conversion")
    };
    let code = metrics::add(&ws, &ratio("new_customers", "visits")).unwrap();
    metrics::retire(&ws, "visits", false).unwrap();
    // The ratio that divides by visits is edited (its alert) and keeps it.
    let mut edited = ratio("new_customers", "visits");
    edited.alert_threshold_bp = -500;
    metrics::edit(&ws, &code, &edited).unwrap();
    // The list without retired metrics hides visits, yet the ratio names both its parts, the
    // retired one marked (the catalog's names, zh and en).
    let listed = metrics::list(&ws, false).unwrap();
    assert!(!listed.iter().any(|m| m.code == "visits"));
    let row = listed.iter().find(|m| m.code == code).unwrap();
    let parts: Vec<(&str, &str, &str, bool)> = row
        .parts
        .iter()
        .map(|p| {
            (
                p.code.as_str(),
                p.name_zh.as_str(),
                p.name_en.as_str(),
                p.retired,
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("new_customers", "新增客户数", "New customers", false),
            ("visits", "客户拜访量", "Customer visits", true)
        ]
    );
    // A new ratio cannot pick the retired visits.
    let err = metrics::add(
        &ws,
        &MetricSpec {
            name_zh: "线索拜访比".into(),
            name_en: "Leads per visit".into(),
            ..ratio("leads", "visits")
        },
    )
    .unwrap_err();
    assert_eq!(err.code, "metric_ratio_retired");
    assert_eq!(
        err.en,
        "\"visits\" is retired and cannot be a ratio's numerator or denominator; restore it first"
    );
}
