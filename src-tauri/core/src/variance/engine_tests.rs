//! Exact tests of the engine: seed 004's evaluation table, pace with a seasonal split and the
//! China holiday calendar, forecasts and tiers, and roll-ups over the demo company checked
//! against plain SQL over `actual` and `target`.

use super::*;
use crate::money::WAN;
use rusqlite::params;

/// An empty workspace with a company and the given people directly under it.
fn small(people: &[&str], as_of: &str, fiscal_year: i32) -> Workspace {
    let ws = Workspace::open_in_memory().unwrap();
    let c = ws.conn();
    ws.set_meta("as_of", as_of).unwrap();
    c.execute(
        "INSERT INTO fiscal_year(year, start_month) VALUES (?1, 1)",
        [fiscal_year],
    )
    .unwrap();
    c.execute(
        "INSERT INTO org_unit(kind, name) VALUES ('company', '公司')",
        [],
    )
    .unwrap();
    for (i, p) in people.iter().enumerate() {
        c.execute(
            "INSERT INTO org_unit(parent_id, kind, name, sort) VALUES (1, 'person', ?1, ?2)",
            params![p, i as i64],
        )
        .unwrap();
    }
    c.execute(
        "INSERT INTO target_set(fiscal_year, name, status) VALUES (?1, 'plan', 'approved')",
        [fiscal_year],
    )
    .unwrap();
    c.execute(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'sales.xlsx', 'h', '2026-01-01')",
        [],
    )
    .unwrap();
    ws
}

fn metric(ws: &Workspace, code: &str, unit: &str, direction: &str, aggregation: &str) -> i64 {
    ws.conn()
        .execute(
            "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
             VALUES (?1, ?1, ?1, ?2, ?3, 'lagging', 'short', ?4)",
            params![code, unit, direction, aggregation],
        )
        .unwrap();
    ws.conn().last_insert_rowid()
}

fn unit_id(ws: &Workspace, name: &str) -> i64 {
    ws.conn()
        .query_row("SELECT id FROM org_unit WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

fn target(ws: &Workspace, metric: i64, unit: &str, period: &str, from: &str, to: &str, base: i64) {
    ws.conn()
        .execute(
            "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end,
                                floor_value, base_value, challenge_value)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![metric, unit_id(ws, unit), period, from, to, base * 8 / 10, base, base * 12 / 10],
        )
        .unwrap();
}

fn actual(ws: &Workspace, metric: i64, person: &str, date: &str, amount: i64) {
    let n: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM actual", [], |r| r.get(0))
        .unwrap();
    ws.conn()
        .execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint, source_sheet, source_row)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, 'Sheet1', ?6)",
            params![date, unit_id(ws, person), metric, amount, format!("f{n}"), n + 2],
        )
        .unwrap();
}

fn commit(ws: &Workspace) {
    crate::store::batches::after_commit(ws.conn(), 1).unwrap();
}

#[test]
fn seed_004_table_through_the_engine() {
    let ws = small(&["甲"], "2023-04-10", 2023);
    let revenue = metric(&ws, "revenue", "currency", "higher", "sum");
    let customers = metric(&ws, "new_customers", "count", "higher", "sum");
    let share = metric(&ws, "market_share", "percent", "higher", "last");
    for (m, base) in [(revenue, 1000 * WAN), (customers, 50), (share, 1000)] {
        target(&ws, m, "公司", "2023-Q1", "2023-01-01", "2023-03-31", base);
    }
    for (d, a) in [
        ("2023-01-16", 300 * WAN),
        ("2023-02-15", 200 * WAN),
        ("2023-03-15", 300 * WAN),
    ] {
        actual(&ws, revenue, "甲", d, a);
    }
    actual(&ws, customers, "甲", "2023-02-01", 25);
    actual(&ws, customers, "甲", "2023-03-01", 15);
    actual(&ws, share, "甲", "2023-01-31", 700);
    actual(&ws, share, "甲", "2023-03-31", 800);
    commit(&ws);
    let e = Engine::new(&ws).unwrap();
    let r = e
        .variance(&VarianceQuery::new("revenue", "/", "2023-Q1"))
        .unwrap()
        .figures;
    assert_eq!(
        (r.actual, r.achievement_bp, r.gap),
        (800 * WAN, Some(8000), Some(-200 * WAN))
    );
    assert_eq!(r.tier_reached, Some(Tier::Floor));
    assert_eq!(r.time_progress_bp, 10_000);
    assert_eq!(r.forecast.unwrap().value, 800 * WAN);
    let c = e
        .variance(&VarianceQuery::new("new_customers", "/", "2023-Q1"))
        .unwrap()
        .figures;
    assert_eq!(
        (c.actual, c.achievement_bp, c.gap),
        (40, Some(8000), Some(-10))
    );
    let s = e
        .variance(&VarianceQuery::new("market_share", "/", "2023-Q1"))
        .unwrap();
    assert_eq!(
        (s.figures.actual, s.figures.achievement_bp, s.figures.gap),
        (800, Some(8000), Some(-200))
    );
    let j = s.to_json();
    assert_eq!(
        (j["target"].as_str(), j["actual"].as_str()),
        (Some("10.00"), Some("8.00"))
    );
    let j = e
        .variance(&VarianceQuery::new("revenue", "/", "2023-Q1"))
        .unwrap()
        .to_json();
    assert_eq!(j["target"], "10000000.00");
    assert_eq!(j["gap"], "-2000000.00");
    assert_eq!(j["achievement"], 8000);
    assert_eq!(j["tierReached"], "floor");
    assert_eq!(j["children"][0]["path"], "/甲");
}

#[test]
fn ratios_come_from_their_components_at_every_level() {
    let ws = small(&["甲", "乙"], "2026-04-10", 2026);
    let customers = metric(&ws, "new_customers", "count", "higher", "sum");
    let leads = metric(&ws, "leads", "count", "higher", "sum");
    let conv = metric(&ws, "conversion_rate", "percent", "higher", "ratio");
    ws.conn()
        .execute(
            "UPDATE metric SET numerator_id = ?1, denominator_id = ?2 WHERE id = ?3",
            [customers, leads, conv],
        )
        .unwrap();
    actual(&ws, customers, "甲", "2026-03-02", 30);
    actual(&ws, leads, "甲", "2026-03-02", 60);
    actual(&ws, customers, "乙", "2026-03-03", 10);
    actual(&ws, leads, "乙", "2026-03-03", 40);
    // Targets of the components only: 50 of 100 leads -> 50.00% target.
    target(
        &ws,
        customers,
        "公司",
        "2026-Q1",
        "2026-01-01",
        "2026-03-31",
        50,
    );
    target(
        &ws,
        leads,
        "公司",
        "2026-Q1",
        "2026-01-01",
        "2026-03-31",
        100,
    );
    commit(&ws);
    let e = Engine::new(&ws).unwrap();
    let f = e
        .variance(&VarianceQuery::new("conversion_rate", "/", "2026-Q1"))
        .unwrap()
        .figures;
    // 40 / 100 = 40.00%, not the average of 50% and 25%.
    assert_eq!(f.actual, 4000);
    assert_eq!(
        f.children.iter().map(|c| c.actual).collect::<Vec<_>>(),
        vec![5000, 2500]
    );
    assert_eq!(f.target.map(|t| t.base), Some(5000));
    assert_eq!(f.achievement_bp, Some(8000));
    assert_eq!(f.expected_to_date, None);
    // Average order value = revenue / orders, a currency ratio: 1,000.00 + 500.00 over 3 orders.
    let revenue = metric(&ws, "revenue", "currency", "higher", "sum");
    let orders = metric(&ws, "orders", "count", "higher", "sum");
    let aov = metric(&ws, "aov", "currency", "higher", "ratio");
    ws.conn()
        .execute(
            "UPDATE metric SET numerator_id = ?1, denominator_id = ?2 WHERE id = ?3",
            [revenue, orders, aov],
        )
        .unwrap();
    actual(&ws, revenue, "甲", "2026-03-02", 100_000);
    actual(&ws, orders, "甲", "2026-03-02", 1);
    actual(&ws, revenue, "乙", "2026-03-02", 50_000);
    actual(&ws, orders, "乙", "2026-03-02", 2);
    ws.conn().execute("DELETE FROM actual_day", []).unwrap();
    ws.conn().execute("DELETE FROM actual_month", []).unwrap();
    commit(&ws);
    let e = Engine::new(&ws).unwrap();
    let f = e
        .variance(&VarianceQuery::new("aov", "/", "2026-Q1"))
        .unwrap()
        .figures;
    // 1500.00 / 3 = 500.00 yuan, not the mean of 1000.00 and 250.00.
    assert_eq!(f.actual, 50_000);
    assert_eq!(
        f.children.iter().map(|c| c.actual).collect::<Vec<_>>(),
        vec![100_000, 25_000]
    );
}

#[test]
fn pace_follows_the_seasonal_split_and_the_holiday_calendar() {
    // Q1 2026: January 100万, February 50万 (Spring Festival), March 150万; measured on Friday
    // 2026-02-13, the last working day before the holiday.
    let ws = small(&["甲"], "2026-02-13", 2026);
    for e in crate::calendar::cn_holiday_entries() {
        ws.conn()
            .execute(
                "INSERT INTO calendar_day(date, kind) VALUES (?1, ?2)",
                params![e.date.to_string(), e.kind.as_str()],
            )
            .unwrap();
    }
    let revenue = metric(&ws, "revenue", "currency", "higher", "sum");
    target(
        &ws,
        revenue,
        "甲",
        "2026-Q1",
        "2026-01-01",
        "2026-03-31",
        300 * WAN,
    );
    target(
        &ws,
        revenue,
        "甲",
        "2026-01",
        "2026-01-01",
        "2026-01-31",
        100 * WAN,
    );
    target(
        &ws,
        revenue,
        "甲",
        "2026-02",
        "2026-02-01",
        "2026-02-28",
        50 * WAN,
    );
    target(
        &ws,
        revenue,
        "甲",
        "2026-03",
        "2026-03-01",
        "2026-03-31",
        150 * WAN,
    );
    actual(&ws, revenue, "甲", "2026-01-20", 80 * WAN);
    actual(&ws, revenue, "甲", "2026-02-10", 25 * WAN);
    actual(&ws, revenue, "甲", "2026-02-20", 99 * WAN); // after the as-of day: not counted
    ws.conn()
        .execute_batch(
            "INSERT INTO deal_stage(code, name_zh, name_en, sort) VALUES ('proposal', '方案', 'Proposal', 1);
             INSERT INTO deal(name, owner_id, stage_id, amount, win_bp, created_on, stage_entered_on, expected_close, status) VALUES
               ('a', 2, 1, 10000000, 4000, '2026-01-05', '2026-02-01', '2026-03-20', 'open'),
               ('b', 2, 1, 50000000, 5000, '2026-01-05', '2026-02-01', '2026-04-20', 'open'),
               ('c', 2, 1, 30000000, 10000, '2026-01-05', '2026-02-01', '2026-03-10', 'won');",
        )
        .unwrap();
    commit(&ws);
    let e = Engine::new(&ws).unwrap();
    let f = e
        .variance(&VarianceQuery::new("revenue", "/甲", "2026-Q1"))
        .unwrap()
        .figures;
    // Working days (China 2026): January 21, February 16 (10 of them by the 13th), March 22.
    // Expected = 100万 + 50万 × 10/16 = 131.25万.
    assert_eq!(f.expected_to_date, Some(131_250_000));
    assert_eq!(f.actual, 105 * WAN);
    // 105 / 131.25 - 1 = -20.00%: below the -10% alert line.
    assert_eq!(f.pace_variance_bp, Some(-2000));
    assert!(f.alert);
    assert_eq!(f.time_progress_bp, crate::ratio_bp(31, 59));
    let fc = f.forecast.unwrap();
    // Seasonal: 105万 / (131.25 / 300) = 240万; linear: 105万 × 59 / 31 = 1998387.10 yuan.
    assert_eq!(fc.seasonal, Some(240 * WAN));
    assert_eq!(fc.linear, Some(199_838_710));
    assert_eq!(fc.value, 240 * WAN);
    // Only deal a is open and expected to close in Q1: 10万 × 40%.
    assert_eq!(fc.pipeline_weighted, Some(4 * WAN));
    assert_eq!(fc.with_pipeline, Some(109 * WAN));
    // 240万 is exactly the floor (80% of 300万).
    assert_eq!(f.tier_reached, Some(Tier::Floor));
    // ISO week 7 (Feb 9-15) holds 6 of February's 16 working days (Saturday the 14th is worked).
    let w = e
        .variance(&VarianceQuery::new("revenue", "/甲", "2026-W07"))
        .unwrap()
        .figures;
    assert_eq!(w.target.map(|t| t.base), Some(18_750_000));
    assert_eq!(w.actual, 25 * WAN);
    // The company has no rows of its own: it adds up its person's.
    let c = e
        .variance(&VarianceQuery::new("revenue", "/", "2026-Q1"))
        .unwrap()
        .figures;
    assert_eq!(
        (c.target, c.expected_to_date),
        (f.target, f.expected_to_date)
    );
    // A period that has not started yet: nothing expected, nothing forecast.
    let q2 = e
        .variance(&VarianceQuery::new("revenue", "/甲", "2026-03"))
        .unwrap()
        .figures;
    assert_eq!(
        (q2.expected_to_date, q2.forecast, q2.alert),
        (Some(0), None, false)
    );
    assert_eq!(q2.time_progress_bp, 0);
    // Year to date runs from 1 January to the as-of day: January's 100万 and 10 of February's
    // 16 working days of 50万 are due; 105万 of 131.25万 is 80.00%, 26.25万 short.
    let ytd = e
        .variance(&VarianceQuery::new("revenue", "/甲", "2026-YTD"))
        .unwrap();
    assert_eq!(
        (ytd.period_start.to_string(), ytd.period_end.to_string()),
        ("2026-01-01".to_string(), "2026-02-13".to_string())
    );
    let y = ytd.figures;
    assert_eq!(y.target.map(|t| t.base), Some(131_250_000));
    assert_eq!(y.actual, 105 * WAN);
    assert_eq!(y.achievement_bp, Some(8000));
    assert_eq!(y.gap, Some(-26_250_000));
    assert_eq!(y.time_progress_bp, 10_000);
    // A team falling behind alerts; a metric's own threshold moves the line.
    ws.conn()
        .execute("UPDATE metric SET alert_threshold_bp = -2500", [])
        .unwrap();
    let e = Engine::new(&ws).unwrap();
    assert!(
        !e.variance(&VarianceQuery::new("revenue", "/甲", "2026-Q1"))
            .unwrap()
            .figures
            .alert
    );
}

#[test]
fn lower_is_better_inverts_achievement_and_tiers() {
    assert_eq!(
        Tier::reached(
            90,
            TierValues {
                floor: 120,
                base: 100,
                challenge: 80
            },
            true
        ),
        Tier::Base
    );
    assert_eq!(
        Tier::reached(
            130,
            TierValues {
                floor: 120,
                base: 100,
                challenge: 80
            },
            true
        ),
        Tier::Below
    );
    assert_eq!(
        Tier::reached(
            1200,
            TierValues {
                floor: 800,
                base: 1000,
                challenge: 1200
            },
            false
        ),
        Tier::Challenge
    );
}

use crate::demo::in_memory as demo;

/// Plain SQL: revenue of the people under the named unit, between two days.
fn sql_actual(ws: &Workspace, unit: &str, from: &str, to: &str, extra: &str) -> i64 {
    ws.conn()
        .query_row(
            &format!(
                "WITH RECURSIVE sub(id) AS (SELECT id FROM org_unit WHERE name = ?1
                   UNION ALL SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id)
                 SELECT IFNULL(SUM(a.amount), 0) FROM actual a
                 WHERE a.person_id IN (SELECT id FROM sub) AND a.date BETWEEN ?2 AND ?3
                   AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue') {extra}"
            ),
            [unit, from, to],
            |r| r.get(0),
        )
        .unwrap()
}

fn sql_target(ws: &Workspace, unit: &str, periods: &[&str]) -> i64 {
    periods
        .iter()
        .map(|p| -> i64 {
            ws.conn()
                .query_row(
                    "SELECT t.base_value FROM target t JOIN org_unit o ON o.id = t.org_unit_id
                     WHERE o.name = ?1 AND t.period = ?2 AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
                    [unit, p],
                    |r| r.get(0),
                )
                .unwrap()
        })
        .sum()
}

#[test]
fn demo_rolls_up_along_the_organisation() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let r = e
        .variance(&VarianceQuery::new("revenue", "/华东", "2026-Q3"))
        .unwrap()
        .figures;
    assert_eq!(
        r.actual,
        sql_actual(&ws, "华东", "2026-07-01", "2026-09-30", "")
    );
    assert_eq!(
        r.target.map(|t| t.base),
        Some(sql_target(&ws, "华东", &["2026-07", "2026-08", "2026-09"]))
    );
    assert_eq!(r.children.len(), 2);
    assert_eq!(r.children.iter().map(|c| c.actual).sum::<i64>(), r.actual);
    assert_eq!(
        r.children[0].actual,
        sql_actual(&ws, "华东一组", "2026-07-01", "2026-09-30", "")
    );
    // Q4, measured on 2026-10-15: October holds 18 working days, 7 of them by the 15th.
    let q4 = e
        .variance(&VarianceQuery::new(
            "revenue",
            "/华东/华东一组/张三",
            "2026-Q4",
        ))
        .unwrap()
        .figures;
    let oct = sql_target(&ws, "张三", &["2026-10"]);
    assert_eq!(q4.expected_to_date, Some(super::mul_div_round(oct, 7, 18)));
    assert_eq!(
        q4.actual,
        sql_actual(&ws, "张三", "2026-10-01", "2026-10-15", "")
    );
    assert_eq!(
        q4.target.map(|t| t.base),
        Some(sql_target(&ws, "张三", &["2026-10", "2026-11", "2026-12"]))
    );
    // The company's year to date is the headline's.
    let y = e
        .variance(&VarianceQuery::new("revenue", "/", "2026"))
        .unwrap()
        .figures;
    let h = company_headline(&ws, crate::setup::plan_year::selected_year(&ws).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        (y.actual, y.achievement_bp, y.time_progress_bp),
        (h.actual, Some(h.achievement_bp), h.time_progress_bp)
    );
    assert_eq!(
        y.children
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        vec!["华东", "华南", "华北"]
    );
    // Weeks cross months: ISO week 14 is March 30 to April 5.
    let w = e
        .variance(&VarianceQuery::new("revenue", "/华南", "2026-W14"))
        .unwrap()
        .figures;
    assert_eq!(
        w.actual,
        sql_actual(&ws, "华南", "2026-03-30", "2026-04-05", "")
    );
    assert_eq!(
        e.tree.resolve("/华东/nobody").unwrap_err().code,
        "node_not_found"
    );
}

#[test]
fn demo_rolls_up_along_every_dimension() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    for (dim, col) in [
        ("product_line", "product_line_id"),
        ("customer_type", "customer_type_id"),
        ("channel", "channel_id"),
    ] {
        // A period with a partial month (October to the 15th) reads days as well as months.
        let rep = e
            .by_dimension(&VarianceQuery::new("revenue", "/华北", "2026-H2"), dim)
            .unwrap();
        let members = DimFilter::members(ws.conn(), dim).unwrap();
        assert_eq!(rep.figures.children.len(), members.len());
        for (m, f) in members.iter().zip(&rep.figures.children) {
            let extra = format!("AND a.{col} = {}", m.member_id);
            assert_eq!(
                f.actual,
                sql_actual(&ws, "华北", "2026-07-01", "2026-10-15", &extra),
                "{dim} {}",
                m.code
            );
        }
        assert_eq!(
            rep.figures.children.iter().map(|c| c.actual).sum::<i64>(),
            rep.figures.actual
        );
    }
    let mut q = VarianceQuery::new("revenue", "/华东/华东二组", "2026-10");
    q.dimension = Some(DimensionRef {
        dim: "product_line".into(),
        code: "saas".into(),
    });
    let f = e.variance(&q).unwrap().figures;
    let saas: i64 = ws
        .conn()
        .query_row(
            "SELECT id FROM dimension_member WHERE code = 'saas'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        f.actual,
        sql_actual(
            &ws,
            "华东二组",
            "2026-10-01",
            "2026-10-15",
            &format!("AND a.product_line_id = {saas}")
        )
    );
}

#[test]
fn drill_down_shows_the_rows_and_their_source() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let q = VarianceQuery::new("revenue", "/华东/华东一组/张三", "2026-03");
    let d = e.drill_down(&q, 5, 0).unwrap();
    let (n, sum): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT COUNT(*), SUM(amount) FROM actual a JOIN org_unit o ON o.id = a.person_id
             WHERE o.name = '张三' AND a.date BETWEEN '2026-03-01' AND '2026-03-31'
               AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((d.total_rows, d.total_amount), (n, sum));
    assert_eq!(d.total_amount, e.variance(&q).unwrap().figures.actual);
    assert_eq!(d.rows.len(), 5);
    assert_eq!(d.rows[0].file_name, "演示数据 demo");
    assert_eq!(d.rows[0].person_path, "/华东/华东一组/张三");
    assert!(d.rows[0].date >= d.rows[4].date);
    let next = e.drill_down(&q, 5, 5).unwrap();
    assert_ne!(next.rows[0].id, d.rows[0].id);
}

#[test]
fn funnel_counts_conversion_and_time_in_stage() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let f = e.funnel("/").unwrap();
    let counts: Vec<i64> = {
        let mut st = ws
            .conn()
            .prepare("SELECT (SELECT COUNT(*) FROM deal d WHERE d.stage_id = s.id) FROM deal_stage s ORDER BY s.sort")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(f.stages.iter().map(|s| s.count).collect::<Vec<_>>(), counts);
    assert_eq!(f.stages[0].reached, 240);
    let lead = &f.stages[0];
    assert_eq!(
        lead.conversion_bp,
        Some(crate::ratio_bp(f.stages[1].reached as i128, 240))
    );
    assert_eq!(lead.benchmark_bp, Some(3000));
    assert_eq!(lead.below_benchmark, lead.conversion_bp.unwrap() < 3000);
    let overdue: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM deal d JOIN deal_stage s ON s.id = d.stage_id
             WHERE d.status = 'open' AND s.code = 'objection'
             AND julianday('2026-10-15') - julianday(d.stage_entered_on) > 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(f.stages[3].overdue, overdue);
    assert!(overdue > 0);
    assert_eq!(
        f.overdue_deals
            .iter()
            .filter(|d| d.stage == "objection")
            .count() as i64,
        overdue
    );
}

#[test]
fn ranking_names_the_quarterly_champion() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    let best: (String, i64) = ws
        .conn()
        .query_row(
            "SELECT o.name, (SELECT SUM(a.amount) FROM actual a WHERE a.person_id = o.id AND a.date BETWEEN '2026-07-01' AND '2026-09-30') * 100000
                   / (SELECT SUM(t.base_value) FROM target t WHERE t.org_unit_id = o.id AND t.period IN ('2026-07','2026-08','2026-09')) AS ach
             FROM org_unit o WHERE o.kind = 'person' ORDER BY ach DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let champ = e
        .quarterly_champion("revenue", "/", 2026, 3)
        .unwrap()
        .unwrap();
    assert_eq!(champ.name, best.0);
    assert_eq!(champ.rank, 1);
    let r = e
        .ranking(&VarianceQuery::new("revenue", "/华南", "2026-Q3"))
        .unwrap();
    assert_eq!(r.rows.len(), 10);
    assert!(r
        .rows
        .windows(2)
        .all(|w| w[0].achievement_bp >= w[1].achievement_bp));
    let groups = e.indicators("/", "2026").unwrap();
    assert_eq!(groups[0].kind, "lagging");
    assert_eq!(groups[0].short_term[0].metric.code, "revenue");
}

#[test]
fn a_champion_is_named_only_past_half_the_period_and_on_pace() {
    let ws = demo();
    let e = Engine::new(&ws).unwrap();
    // The best achiever of a period, from the rows and the monthly targets.
    let best = |from: &str, to: &str, months: &str| -> (String, i64) {
        ws.conn()
            .query_row(
                &format!(
                    "SELECT o.name, (SELECT SUM(a.amount) FROM actual a WHERE a.person_id = o.id AND a.date BETWEEN ?1 AND ?2) * 10000
                       / (SELECT SUM(t.base_value) FROM target t WHERE t.org_unit_id = o.id AND t.period IN ({months})) AS ach
                     FROM org_unit o WHERE o.kind = 'person' ORDER BY ach DESC LIMIT 1"
                ),
                [from, to],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    // Q3 is over (time progress 100%): its best, above 100%, is the quarter's champion.
    let q3 = e
        .ranking(&VarianceQuery::new("revenue", "/", "2026-Q3"))
        .unwrap();
    let (name, ach) = best("2026-07-01", "2026-09-30", "'2026-07','2026-08','2026-09'");
    assert!(ach >= 10_000, "{ach}");
    assert_eq!((q3.scope, q3.time_progress_bp), ("quarter", 10_000));
    assert_eq!(
        q3.champion.as_ref().map(|c| c.name.as_str()),
        Some(name.as_str())
    );
    assert_eq!(q3.leader, q3.champion);
    // Two weeks into Q4 (as of 2026-10-15): a leader so far, no champion.
    let q4 = e
        .ranking(&VarianceQuery::new("revenue", "/", "2026-Q4"))
        .unwrap();
    assert!(q4.time_progress_bp < 5_000, "{}", q4.time_progress_bp);
    assert_eq!(q4.champion, None);
    assert_eq!(
        q4.leader.as_ref().map(|c| c.name.as_str()),
        Some(
            best("2026-10-01", "2026-10-15", "'2026-10','2026-11','2026-12'")
                .0
                .as_str()
        )
    );
    // A period without sales has neither: never a champion at 0.00%.
    let next = e
        .ranking(&VarianceQuery::new("revenue", "/", "2026-12"))
        .unwrap();
    assert_eq!(
        (next.scope, next.leader.clone(), next.champion.clone()),
        ("month", None, None)
    );
    assert_eq!(
        e.ranking(&VarianceQuery::new("revenue", "/", "2026"))
            .unwrap()
            .scope,
        "year"
    );
}

#[test]
fn the_heatmap_lists_the_teams_while_they_fit_else_the_sub_units() {
    // The demo company: every one of its teams, read from the organisation table.
    let ws = demo();
    let mut teams: Vec<String> = ws
        .conn()
        .prepare("SELECT name FROM org_unit WHERE kind = 'team'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|n| n.unwrap())
        .collect();
    teams.sort();
    assert!(!teams.is_empty() && teams.len() <= super::series::HEATMAP_TEAMS);
    let e = Engine::new(&ws).unwrap();
    let map = e
        .heatmap(&VarianceQuery::new("revenue", "/", "2026"))
        .unwrap();
    let mut rows: Vec<String> = map.rows.iter().map(|r| r.name.clone()).collect();
    rows.sort();
    assert_eq!(rows, teams);
    assert_eq!(map.months.len(), 12);

    // 25 teams in two regions: too many rows, so the company lists its two regions.
    let ws = small(&[], "2026-06-30", 2026);
    metric(&ws, "revenue", "currency", "higher", "sum");
    let c = ws.conn();
    for (region, teams) in [("东区", 13), ("西区", 12)] {
        c.execute(
            "INSERT INTO org_unit(parent_id, kind, name) VALUES (1, 'region', ?1)",
            [region],
        )
        .unwrap();
        let id = c.last_insert_rowid();
        for t in 0..teams {
            c.execute(
                "INSERT INTO org_unit(parent_id, kind, name) VALUES (?1, 'team', ?2)",
                params![id, format!("{region}{t}组")],
            )
            .unwrap();
        }
    }
    let e = Engine::new(&ws).unwrap();
    let map = e
        .heatmap(&VarianceQuery::new("revenue", "/", "2026"))
        .unwrap();
    let rows: Vec<&str> = map.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(rows, ["东区", "西区"]);
}
