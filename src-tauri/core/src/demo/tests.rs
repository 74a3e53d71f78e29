use super::*;
use crate::money::{WAN, YI};

use super::in_memory as demo;

fn base(ws: &Workspace, unit: &str, period: &str) -> i64 {
    ws.conn()
        .query_row(
            "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id WHERE o.name = ?1 AND t.period = ?2",
            [unit, period],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn company_target_and_region_split_follow_seed_001() {
    let ws = demo();
    assert_eq!(base(&ws, "星辰智能科技", "2026"), YI);
    assert_eq!(base(&ws, "华东", "2026"), 4000 * WAN);
    assert_eq!(base(&ws, "华南", "2026"), 3000 * WAN);
    assert_eq!(base(&ws, "华北", "2026"), 3000 * WAN);
    // Teams by capacity: 5 x 200万 against 5 x 180万 of 华东's 4000万 -> 2105.26万 / 1894.74万 (exact fen).
    assert_eq!(base(&ws, "华东一组", "2026"), 2_105_263_158);
    assert_eq!(base(&ws, "华东二组", "2026"), 1_894_736_842);
    let tiers: (i64, i64, i64) = ws
        .conn()
        .query_row(
            "SELECT floor_value, base_value, challenge_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.kind = 'company' AND t.period = '2026'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(tiers, (8000 * WAN, YI, 12000 * WAN));
}

#[test]
fn every_level_adds_up_exactly() {
    let ws = demo();
    // Children's yearly targets sum to the parent's, every tier, every node.
    let bad: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target p JOIN org_unit o ON o.id = p.org_unit_id
             JOIN metric m ON m.id = p.metric_id
             WHERE p.period = '2026' AND o.kind <> 'person' AND m.aggregation = 'sum' AND (
               p.base_value IS NOT (SELECT SUM(c.base_value) FROM target c JOIN org_unit co ON co.id = c.org_unit_id
                                WHERE co.parent_id = o.id AND c.period = '2026' AND c.metric_id = p.metric_id)
            OR p.floor_value IS NOT (SELECT SUM(c.floor_value) FROM target c JOIN org_unit co ON co.id = c.org_unit_id
                                WHERE co.parent_id = o.id AND c.period = '2026' AND c.metric_id = p.metric_id)
            OR p.challenge_value IS NOT (SELECT SUM(c.challenge_value) FROM target c JOIN org_unit co ON co.id = c.org_unit_id
                                WHERE co.parent_id = o.id AND c.period = '2026' AND c.metric_id = p.metric_id))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
    // Each node's twelve months sum to its year.
    let bad_months: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target y WHERE y.period = '2026' AND y.base_value <>
               (SELECT SUM(m.base_value) FROM target m WHERE m.org_unit_id = y.org_unit_id
                AND m.metric_id = y.metric_id AND m.period LIKE '2026-__')
             AND y.metric_id IN (SELECT id FROM metric WHERE aggregation = 'sum')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad_months, 0);
}

#[test]
fn counts_and_determinism() {
    let a = demo();
    let info = a.info().unwrap();
    assert_eq!(info.people, 30);
    assert_eq!(info.org_units, 1 + 3 + 6);
    // Five additive metrics on every node (year and months), seven rates on the company and
    // each region.
    assert_eq!(info.targets, 5 * 40 * 13 + 7 * 4);
    assert_eq!(info.actions, 8);
    assert_eq!(info.deals, 240);
    assert!(info.actuals > 8_000, "{}", info.actuals);
    let b = demo();
    assert_eq!(b.info().unwrap(), info);
    let sum = |ws: &Workspace| -> (i64, i64) {
        ws.conn()
            .query_row("SELECT SUM(amount), SUM(quantity) FROM actual", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
    };
    assert_eq!(sum(&a), sum(&b));
    let mut c = Workspace::open_in_memory().unwrap();
    create_demo(&mut c, DEFAULT_SEED + 1).unwrap();
    assert_ne!(sum(&a), sum(&c));
}

#[test]
fn actuals_stop_at_demo_today_and_some_reps_fall_behind() {
    let ws = demo();
    let last: String = ws
        .conn()
        .query_row("SELECT MAX(date) FROM actual", [], |r| r.get(0))
        .unwrap();
    assert!(last.as_str() <= DEMO_TODAY);
    // Rep 赵六 sells at 78% of plan: below the -10% pace alert line.
    let (actual, target): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT (SELECT SUM(a.amount) FROM actual a WHERE a.person_id = o.id AND a.date <= '2026-09-30' AND a.metric_id = 1),
                    (SELECT SUM(t.base_value) FROM target t WHERE t.org_unit_id = o.id AND t.period BETWEEN '2026-01' AND '2026-09' AND t.metric_id = 1)
             FROM org_unit o WHERE o.name = '赵六'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let pct = actual * 100 / target;
    assert!((70..=86).contains(&pct), "赵六 at {pct}%");
}

#[test]
fn refuses_a_workspace_with_data() {
    let mut ws = demo();
    assert_eq!(
        create_demo(&mut ws, DEFAULT_SEED).unwrap_err().code,
        "workspace_not_empty"
    );
}

fn one(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn revenue_and_deals_are_what_they_were_before_the_other_indicators() {
    let ws = demo();
    let revenue = "FROM actual WHERE metric_id = (SELECT id FROM metric WHERE code = 'revenue')";
    assert_eq!(one(&ws, &format!("SELECT COUNT(*) {revenue}")), 11_609);
    assert_eq!(
        one(&ws, &format!("SELECT SUM(amount) {revenue}")),
        7_256_054_401
    );
    assert_eq!(
        one(&ws, &format!("SELECT SUM(quantity) {revenue}")),
        one(&ws, "SELECT SUM(quantity) FROM actual")
    );
    assert_eq!(
        one(
            &ws,
            "SELECT COUNT(*) FROM target WHERE metric_id = (SELECT id FROM metric WHERE code = 'revenue')"
        ),
        40 * 13
    );
    assert_eq!(one(&ws, "SELECT SUM(amount) FROM deal"), 9_994 * WAN);
    assert_eq!(one(&ws, "SELECT SUM(status = 'won') FROM deal"), 56);
    // One demo batch holds every row.
    assert_eq!(
        one(&ws, "SELECT rows_total FROM import_batch"),
        one(&ws, "SELECT COUNT(*) FROM actual")
    );
}

#[test]
fn leads_and_new_customers_are_the_deals() {
    let ws = demo();
    let metric_rows = |code: &str| {
        one(
            &ws,
            &format!(
                "SELECT COUNT(*) FROM actual a JOIN deal d ON 'demo:' || CASE a.metric_id
                   WHEN (SELECT id FROM metric WHERE code = 'leads') THEN 'lead' ELSE 'new' END || ':' || d.id = a.fingerprint
                 WHERE a.metric_id = (SELECT id FROM metric WHERE code = '{code}')
                   AND a.date = d.created_on AND a.person_id = d.owner_id AND a.amount = 1"
            ),
        )
    };
    assert_eq!(metric_rows("leads"), 240);
    assert_eq!(metric_rows("new_customers"), 56);
}

#[test]
fn indicator_groups_of_the_demo_company() {
    use crate::variance::{Engine, Indicator, VarianceQuery};
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let groups = e.indicators("/", "2026").unwrap();
    fn codes(l: &[Indicator]) -> Vec<&str> {
        l.iter().map(|i| i.metric.code.as_str()).collect()
    }
    let shape: Vec<(&str, Vec<&str>, Vec<&str>)> = groups
        .iter()
        .map(|g| (g.kind.as_str(), codes(&g.short_term), codes(&g.long_term)))
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                "lagging",
                vec![
                    "revenue",
                    "gross_profit",
                    "collection_rate",
                    "collections",
                    "orders"
                ],
                vec!["market_share"]
            ),
            (
                "leading",
                vec!["new_customers", "visits", "leads", "conversion_rate"],
                vec![]
            ),
            ("risk", vec!["complaint_rate", "complaints"], vec![]),
            (
                "health",
                vec![],
                vec![
                    "repurchase_rate",
                    "nps",
                    "attrition",
                    "repeat_customers",
                    "active_customers",
                    "leavers",
                    "headcount_avg"
                ]
            ),
        ]
    );
    let get = |code: &str| {
        groups
            .iter()
            .flat_map(|g| g.short_term.iter().chain(&g.long_term))
            .find(|i| i.metric.code == code)
            .unwrap()
            .figures
            .clone()
    };
    let fig = |code: &str| {
        let f = get(code);
        (f.actual, f.target.map(|t| t.base), f.achievement_bp)
    };
    // Revenue is untouched: 1亿 target, 72.56%.
    assert_eq!(fig("revenue"), (7_256_054_401, Some(YI), Some(7256)));
    // Gross profit: each line's margin on its revenue, against 45% of the revenue target.
    assert_eq!(
        fig("gross_profit"),
        (3_404_112_175, Some(4500 * WAN), Some(7565))
    );
    // New customers and leads are the deals: 56 won of 240 created.
    assert_eq!(fig("new_customers"), (56, Some(105), Some(5333)));
    assert_eq!(fig("leads"), (240, Some(420), Some(5714)));
    // Conversion from its components: 56 / 240 against 105 / 420.
    assert_eq!(fig("conversion_rate"), (2333, Some(2500), Some(9332)));
    assert_eq!(crate::ratio_bp(56, 240), 2333);
    // Seed 004: market share 8% against 10% -> 80.00% (the regions' contributions add up).
    assert_eq!(fig("market_share"), (800, Some(1000), Some(8000)));
    // Complaint rate: lower is better, 163 complaints in 11,609 orders = 1.40% against 1.00%.
    assert_eq!(fig("complaints").0, 163);
    assert_eq!(fig("orders").0, 11_609);
    assert_eq!(fig("complaint_rate"), (140, Some(100), Some(7143)));
    let lower: Vec<&str> = groups
        .iter()
        .flat_map(|g| g.short_term.iter().chain(&g.long_term))
        .filter(|i| i.metric.lower_is_better)
        .map(|i| i.metric.code.as_str())
        .collect();
    assert_eq!(
        lower,
        vec!["complaint_rate", "complaints", "attrition", "leavers"]
    );
    assert_eq!(fig("visits"), (9178, Some(11_904), Some(7710)));
    assert_eq!(fig("nps"), (4441, Some(5000), Some(8882)));
    // Repurchase rate and attrition from their components: 3,164 repeat customers of 6,984
    // served = 45.30% against 40%; 10 leavers in an average headcount of 100 (the three
    // quarter-end snapshots of the 30 reps and the 10 leavers) = 10.00% against 15.00%.
    assert_eq!(fig("repeat_customers").0, 3164);
    assert_eq!(fig("active_customers").0, 6984);
    assert_eq!(crate::ratio_bp(3164, 6984), 4530);
    assert_eq!(fig("repurchase_rate"), (4530, Some(4000), Some(11_325)));
    assert_eq!((fig("leavers").0, fig("headcount_avg").0), (10, 100));
    assert_eq!(fig("attrition"), (1000, Some(1500), Some(15_000)));

    // Collection rate is collections / revenue at every level, never an average of ratios:
    // the company's 89.69% is not the mean of its regions' rates (89.75%).
    let collected = one(
        &ws,
        "SELECT SUM(amount) FROM actual WHERE metric_id = (SELECT id FROM metric WHERE code = 'collections')",
    );
    assert_eq!(collected, 6_508_235_100);
    assert_eq!(crate::ratio_bp(collected as i128, 7_256_054_401), 8969);
    assert_eq!(fig("collection_rate"), (8969, Some(9000), Some(9966)));
    let rates = |metric: &str, period: &str| {
        let r = e
            .variance(&VarianceQuery::new(metric, "/", period))
            .unwrap();
        let regions: Vec<i64> = r.figures.children.iter().map(|c| c.actual).collect();
        (r.figures.actual, regions)
    };
    let (company, regions) = rates("collection_rate", "2026");
    assert_eq!((company, regions.clone()), (8969, vec![8919, 9048, 8957]));
    assert_eq!(regions.iter().sum::<i64>() * 100 / 3, 897_466);
    // In Q3 the regions' leads differ, so conversion is not the mean of theirs either:
    // company 25.39% against (27.69% + 22.95% + 25.37%) / 3 = 25.34%.
    let (company, regions) = rates("conversion_rate", "2026-Q3");
    assert_eq!((company, regions.clone()), (2539, vec![2769, 2295, 2537]));
    assert_eq!(regions.iter().sum::<i64>() / 3, 2533);
}

#[test]
fn targets_of_the_other_indicators() {
    use crate::variance::{Engine, VarianceQuery};
    let ws = demo();
    let months = |code: &str| -> Vec<i64> {
        let mut st = ws
            .conn()
            .prepare(
                "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                 WHERE o.kind = 'company' AND t.period LIKE '2026-__'
                   AND t.metric_id = (SELECT id FROM metric WHERE code = ?1) ORDER BY t.period",
            )
            .unwrap();
        let v = st
            .query_map([code], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        v
    };
    // The pipeline starts in June (half a month): 420 leads and 105 new customers to December.
    assert_eq!(
        months("leads"),
        vec![0, 0, 0, 0, 0, 32, 65, 65, 65, 65, 64, 64]
    );
    assert_eq!(
        months("new_customers"),
        vec![0, 0, 0, 0, 0, 8, 17, 16, 16, 16, 16, 16]
    );
    // 8 visits a week per rep: 30 reps x 8 x 248 working days / 5, by working days per month.
    assert_eq!(months("visits").iter().sum::<i64>(), 11_904);
    assert_eq!(months("visits")[1], 30 * 8 * 16 / 5);
    // Gross profit follows revenue's seasonality at 45%: January 7% of 4500万.
    assert_eq!(months("gross_profit")[0], 315 * WAN);
    // Ties rotate month by month, so no rep collects every odd lead: 13 to 15 each.
    let (lo, hi): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT MIN(t.base_value), MAX(t.base_value) FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.kind = 'person' AND t.period = '2026'
               AND t.metric_id = (SELECT id FROM metric WHERE code = 'leads')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((lo, hi), (13, 15));
    // A rate's yearly target holds for a quarter and a month as it is (never prorated); a
    // ratio without its own rows divides its components' targets of the period.
    let e = Engine::new(&ws).unwrap();
    let target = |m: &str, node: &str, p: &str| {
        e.variance(&VarianceQuery::new(m, node, p))
            .unwrap()
            .figures
            .target
            .map(|t| (t.floor, t.base, t.challenge))
    };
    assert_eq!(
        target("collection_rate", "/", "2026-Q3"),
        Some((8500, 9000, 9500))
    );
    assert_eq!(
        target("complaint_rate", "/华南", "2026-10"),
        Some((150, 100, 80))
    );
    assert_eq!(
        target("market_share", "/华东", "2026-Q2").map(|t| t.1),
        Some(400)
    );
    // Conversion: the company's own bar; a team's is its new-customer target over its leads
    // target (华东一组: 17 of 69).
    assert_eq!(
        target("conversion_rate", "/", "2026-07"),
        Some((2200, 2500, 2800))
    );
    let team = |code: &str| -> i64 {
        one(
            &ws,
            &format!(
                "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                 WHERE o.name = '华东一组' AND t.period = '2026'
                   AND t.metric_id = (SELECT id FROM metric WHERE code = '{code}')"
            ),
        )
    };
    assert_eq!((team("new_customers"), team("leads")), (17, 69));
    assert_eq!(
        target("conversion_rate", "/华东/华东一组", "2026").map(|t| t.1),
        Some(crate::ratio_bp(17, 69))
    );
    assert_eq!(crate::ratio_bp(17, 69), 2464);
    // No rate targets below the regions.
    assert_eq!(target("collection_rate", "/华东/华东一组", "2026"), None);
}

#[test]
fn indicators_of_a_region_and_a_rep() {
    use crate::variance::Engine;
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let figures = |node: &str, code: &str| {
        e.indicators(node, "2026")
            .unwrap()
            .into_iter()
            .flat_map(|g| g.short_term.into_iter().chain(g.long_term))
            .find(|i| i.metric.code == code)
            .map(|i| (i.figures.actual, i.figures.target.map(|t| t.base)))
    };
    // 华东 contributes 3.40% of the national market against its 4.00%; each of its ten reps
    // carries a tenth of it (no target of their own).
    assert_eq!(figures("/华东", "market_share"), Some((340, Some(400))));
    assert_eq!(
        figures("/华东/华东一组/张三", "market_share"),
        Some((34, None))
    );
    // A rep's leads and new customers are their deals; the conversion their ratio.
    let (leads, won): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT COUNT(*), SUM(d.status = 'won') FROM deal d JOIN org_unit o ON o.id = d.owner_id
             WHERE o.name = '张三'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(leads, 8);
    let rep = "/华东/华东一组/张三";
    assert_eq!(figures(rep, "leads").map(|f| f.0), Some(8));
    assert_eq!(figures(rep, "new_customers").map(|f| f.0), Some(won));
    assert_eq!(
        figures(rep, "conversion_rate").map(|f| f.0),
        Some(crate::ratio_bp(won as i128, 8))
    );
    // Attrition: 张三 took over the accounts of one of the team's leavers in the year (Q1):
    // 1 leaver in an average headcount of 4 (his place at three quarter ends and the
    // leaver's) = 25%.
    assert_eq!(figures(rep, "leavers"), Some((1, None)));
    assert_eq!(figures(rep, "headcount_avg"), Some((4, None)));
    assert_eq!(figures(rep, "attrition"), Some((2500, None)));
}

#[test]
fn ratio_metrics_of_a_team_divide_the_summed_components_of_its_people() {
    use crate::variance::{Engine, VarianceQuery};
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    // (the node's value, its children's values), 华东一组's children being its five reps.
    let values = |metric: &str, node: &str, period: &str| {
        let f = e
            .variance(&VarianceQuery::new(metric, node, period))
            .unwrap()
            .figures;
        (
            f.actual,
            f.children.iter().map(|c| c.actual).collect::<Vec<_>>(),
        )
    };
    let team = "/华东/华东一组";
    // Q3 repurchase: 张三 39 of 77, 李四 36 of 78, 王五 42 of 78, 赵六 37 of 89, 陈静 34 of
    // 81: the team 188 of 403 = 46.65%, not the mean of the reps' rates (46.84%).
    assert_eq!(
        values("repeat_customers", team, "2026-Q3"),
        (188, vec![39, 36, 42, 37, 34])
    );
    assert_eq!(
        values("active_customers", team, "2026-Q3"),
        (403, vec![77, 78, 78, 89, 81])
    );
    let (rate, reps) = values("repurchase_rate", team, "2026-Q3");
    assert_eq!(reps, vec![5065, 4615, 5385, 4157, 4198]);
    assert_eq!(
        reps,
        [(39, 77), (36, 78), (42, 78), (37, 89), (34, 81)].map(|(r, s)| crate::ratio_bp(r, s))
    );
    assert_eq!(rate, crate::ratio_bp(188, 403));
    assert_eq!(rate, 4665);
    assert_eq!(reps.iter().sum::<i64>() / 5, 4684);
    // Q3 attrition: 王五 and 赵六 each took over a leaver's accounts (1 leaver, 2 places in the
    // average headcount, 50%), the three others 0 of 1: the team 2 of 7 = 28.57%, not the
    // mean of the reps' rates (20.00%).
    assert_eq!(values("leavers", team, "2026-Q3"), (2, vec![0, 0, 1, 1, 0]));
    assert_eq!(
        values("headcount_avg", team, "2026-Q3"),
        (7, vec![1, 1, 2, 2, 1])
    );
    let (rate, reps) = values("attrition", team, "2026-Q3");
    assert_eq!(reps, vec![0, 0, 5000, 5000, 0]);
    assert_eq!((rate, crate::ratio_bp(2, 7)), (2857, 2857));
    assert_eq!(reps.iter().sum::<i64>() / 5, 2000);
    // Over the year the quarters add up the same way: 525 of 1,162 = 45.18% and 3 of 18 =
    // 16.67% for the team; for the company 1,123 of 2,425 in Q3 and 5 of 35 (14.29%).
    assert_eq!(values("repeat_customers", team, "2026").0, 525);
    assert_eq!(values("active_customers", team, "2026").0, 1162);
    assert_eq!(values("repurchase_rate", team, "2026").0, 4518);
    assert_eq!(crate::ratio_bp(525, 1162), 4518);
    assert_eq!(values("attrition", team, "2026").0, crate::ratio_bp(3, 18));
    assert_eq!(values("repurchase_rate", "/", "2026-Q3").0, 4631);
    assert_eq!(crate::ratio_bp(1123, 2425), 4631);
    assert_eq!(
        values("attrition", "/", "2026-Q3"),
        (1429, vec![2308, 909, 909])
    );
    // 华东 3 of 13, 华南 and 华北 1 of 11 each; the company 5 of 35.
    assert_eq!(
        [(3, 13), (1, 11), (5, 35)].map(|(l, h)| crate::ratio_bp(l, h)),
        [2308, 909, 1429]
    );
    // No ratio rows of their own: the rates exist only as their components.
    let own_rows = one(
        &ws,
        "SELECT COUNT(*) FROM actual WHERE metric_id IN
           (SELECT id FROM metric WHERE code IN ('repurchase_rate', 'attrition'))",
    );
    assert_eq!(own_rows, 0);
}
