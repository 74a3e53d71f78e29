//! Customers classed and staged on the demo's catalog and people, with sums made by hand.

use super::*;
use rusqlite::params;

/// A workspace with the demo's catalog and people, and three customers of our own.
fn workspace() -> Workspace {
    let ws = crate::demo::in_memory();
    ws.conn()
        .execute_batch(
            "DELETE FROM actual WHERE customer_id IS NOT NULL;
             DELETE FROM deal;
             DELETE FROM customer;
             DELETE FROM evaluation_setting;",
        )
        .unwrap();
    ws
}

fn customer(ws: &Workspace, name: &str, ty: &str) -> i64 {
    ws.conn()
        .execute(
            "INSERT INTO customer(name, customer_type_id) VALUES (?1, (SELECT id FROM dimension_member WHERE dim = 'customer_type' AND code = ?2))",
            params![name, ty],
        )
        .unwrap();
    ws.conn().last_insert_rowid()
}

fn sale(ws: &Workspace, customer: i64, person: &str, date: &str, fen: i64) {
    ws.conn()
        .execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, customer_id, fingerprint)
             VALUES ((SELECT MIN(id) FROM import_batch), ?1,
                     (SELECT id FROM org_unit WHERE name = ?2),
                     (SELECT id FROM metric WHERE code = 'revenue'), ?3, ?4, ?5)",
            params![date, person, fen, customer, format!("t:{customer}:{date}:{fen}:{person}")],
        )
        .unwrap();
}

#[test]
fn seed_001_classes_by_contribution_times_growth() {
    let ws = workspace();
    // As of 2026-10-15, the twelve months are 2025-10-16 .. 2026-10-15.
    let hospital = customer(&ws, "三甲医院", "B");
    sale(&ws, hospital, "张三", "2026-03-01", 300 * WAN);
    sale(&ws, hospital, "李四", "2026-09-01", 150 * WAN);
    sale(&ws, hospital, "张三", "2025-10-15", 999 * WAN); // a day before the twelve months
    let clinic = customer(&ws, "二级医院", "B");
    sale(&ws, clinic, "王五", "2026-10-01", 120 * WAN);
    let base = customer(&ws, "基层诊所", "C");
    sale(&ws, base, "王五", "2026-01-10", 30 * WAN);
    let prospect = customer(&ws, "新区医院", "C");
    // 三甲医院: 450万 now, the budget grows 20% (seed 001): potential 540万 -> A.
    set_growth(&ws, hospital, 12_000).unwrap();
    let r = report(&ws).unwrap();
    assert_eq!(r.from.to_string(), "2025-10-16");
    let row = |id: i64| r.rows.iter().find(|c| c.id == id).unwrap();
    let h = row(hospital);
    assert_eq!(
        (h.contribution, h.potential, h.class, h.mismatch),
        (450 * WAN, 540 * WAN, Class::A, true)
    );
    assert_eq!(h.owner.as_deref(), Some("张三"));
    assert_eq!(h.first_purchase.unwrap().to_string(), "2025-10-15");
    assert_eq!(h.lifecycle, Lifecycle::Existing);
    let c = row(clinic);
    // First bought 14 days ago: new; 120万 -> B as recorded.
    assert_eq!(
        (c.potential, c.class, c.mismatch, c.lifecycle),
        (120 * WAN, Class::B, false, Lifecycle::New)
    );
    let b = row(base);
    // Last bought 278 days ago (> 180): churned; 30万 -> C.
    assert_eq!((b.class, b.lifecycle), (Class::C, Lifecycle::Churned));
    let p = row(prospect);
    assert_eq!(
        (p.contribution, p.class, p.lifecycle, p.owner.clone()),
        (0, Class::C, Lifecycle::Prospect, None)
    );
    // Highest potential first; the classes' shares of 600万.
    assert_eq!(r.rows[0].id, hospital);
    assert_eq!(
        r.classes
            .iter()
            .map(|c| (c.class, c.customers, c.contribution, c.share_bp))
            .collect::<Vec<_>>(),
        vec![
            (Class::A, 1, 450 * WAN, 7500),
            (Class::B, 1, 120 * WAN, 2000),
            (Class::C, 2, 30 * WAN, 500)
        ]
    );
    assert_eq!(
        r.lifecycles,
        vec![
            (Lifecycle::Prospect, 1),
            (Lifecycle::New, 1),
            (Lifecycle::Existing, 1),
            (Lifecycle::Churned, 1)
        ]
    );
    let t = customer_table(&r, Lang::Zh);
    assert_eq!(t.rows[0][3], Cell::Text("1.20".into()));
    assert_eq!(t.rows[0][4], Cell::Money(540 * WAN));
    assert_eq!(t.rows[0][6], Cell::Text("老客户".into()));
}

#[test]
fn thresholds_and_growth_are_checked_and_kept() {
    let ws = workspace();
    let id = customer(&ws, "客户甲", "A");
    sale(&ws, id, "张三", "2026-06-01", 80 * WAN);
    assert_eq!(
        set_growth(&ws, id, 100_001).unwrap_err().code,
        "growth_range"
    );
    assert_eq!(
        set_growth(&ws, 999_999, 10_000).unwrap_err().code,
        "customer_not_found"
    );
    let bad = AbcSettings {
        a_from: 100 * WAN,
        ..AbcSettings::seed_default()
    };
    assert_eq!(save_settings(&ws, &bad).unwrap_err().code, "abc_thresholds");
    let bad = AbcSettings {
        churn_days: 0,
        ..AbcSettings::seed_default()
    };
    assert_eq!(save_settings(&ws, &bad).unwrap_err().code, "abc_days");
    // B from 50万: 80万 is B now; churned after 100 days: last bought 136 days ago.
    let s = AbcSettings {
        b_from: 50 * WAN,
        churn_days: 100,
        ..AbcSettings::seed_default()
    };
    save_settings(&ws, &s).unwrap();
    let r = report(&ws).unwrap();
    assert_eq!(r.settings, s);
    assert_eq!(
        (r.rows[0].class, r.rows[0].lifecycle, r.rows[0].mismatch),
        (Class::B, Lifecycle::Churned, true)
    );
}

#[test]
fn the_demo_customers_add_up_to_the_revenue_of_the_twelve_months() {
    let ws = crate::demo::in_memory();
    let r = report(&ws).unwrap();
    let total: i64 = r.rows.iter().map(|c| c.contribution).sum();
    let with_customer: i64 = ws
        .conn()
        .query_row(
            "SELECT SUM(amount) FROM actual WHERE customer_id IS NOT NULL AND date BETWEEN '2025-10-16' AND '2026-10-15'
               AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(total, with_customer);
    // The demo's own thresholds (A from 70万, B from 58万) and growth (1.20 for the
    // customers recorded as A-class).
    assert_eq!((r.settings.a_from, r.settings.b_from), (70 * WAN, 58 * WAN));
    assert_eq!(
        r.classes
            .iter()
            .map(|c| (c.class, c.customers, c.share_bp))
            .collect::<Vec<_>>(),
        vec![
            (Class::A, 30, 2928),
            (Class::B, 53, 4376),
            (Class::C, 37, 2696)
        ]
    );
    // Every demo customer bought this year and lately.
    assert_eq!(r.lifecycles[2], (Lifecycle::Existing, 120));
    assert_eq!(
        r.classes.iter().map(|c| c.customers).sum::<usize>(),
        r.rows.len()
    );
    assert_eq!(r.classes.iter().map(|c| c.share_bp).sum::<i64>(), 10_000);
}
