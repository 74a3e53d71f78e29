use super::*;
use crate::money::{WAN, YI};
use crate::targets::{ReconcileWay, SmartConfig};

struct Fixture {
    ws: Workspace,
    set: i64,
    metric: i64,
    company: i64,
    regions: Vec<i64>,
}

fn fixture() -> Fixture {
    let ws = Workspace::open_in_memory().unwrap();
    let c = ws.conn();
    c.execute_batch(
        "INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
         INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
           VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
         INSERT INTO target_set(fiscal_year, name) VALUES (2026, '2026 年度目标');
         INSERT INTO org_unit(parent_id, kind, name) VALUES (NULL, 'company', '公司');",
    )
    .unwrap();
    let company = c.last_insert_rowid();
    let mut regions = Vec::new();
    for (i, name) in ["华东", "华南", "华北"].iter().enumerate() {
        c.execute(
            "INSERT INTO org_unit(parent_id, kind, name, sort) VALUES (?1, 'region', ?2, ?3)",
            params![company, name, i as i64],
        )
        .unwrap();
        regions.push(c.last_insert_rowid());
    }
    Fixture {
        ws,
        set: 1,
        metric: 1,
        company,
        regions,
    }
}

impl Fixture {
    fn conn(&self) -> &Connection {
        self.ws.conn()
    }

    fn year_target(&self, unit: i64, base: i64) -> i64 {
        let period = StoredPeriod::from(&parse_period("2026", 1).unwrap());
        insert_target(
            self.conn(),
            NewTarget {
                target_set_id: self.set,
                metric_id: self.metric,
                org_unit_id: unit,
                dimension_id: None,
                period: &period,
                tiers: Tiers::from_base(base),
                last_year_actual: None,
            },
        )
        .unwrap()
    }

    fn places(&self, units: &[i64], key: &str) -> Vec<ChildPlace> {
        let period = parse_period(key, 1).unwrap();
        units
            .iter()
            .map(|u| ChildPlace {
                org_unit_id: *u,
                dimension_id: None,
                period: period.clone(),
            })
            .collect()
    }

    fn quarters(&self) -> Vec<ChildPlace> {
        parse_period("2026", 1)
            .unwrap()
            .children(PeriodKind::Quarter, 1)
            .unwrap()
            .into_iter()
            .map(|p| ChildPlace {
                org_unit_id: self.company,
                dimension_id: None,
                period: p,
            })
            .collect()
    }

    fn approve(&self) {
        self.conn()
            .execute("UPDATE target_set SET status = 'approved'", [])
            .unwrap();
    }
}

fn bases(cells: &[TargetCell]) -> Vec<i64> {
    cells.iter().map(|c| c.tiers.base).collect()
}

fn change() -> Change {
    Change {
        who: "王经理".into(),
        at: "2026-05-10T09:30:00".into(),
        category: ReasonCategory::Market,
        reason: "华北市场需求下滑".into(),
        approver: Some("总经理".into()),
    }
}

#[test]
fn a_year_splits_evenly_into_quarters_with_every_tier() {
    let f = fixture();
    let year = f.year_target(f.company, 10 * YI);
    let q = split_to_children(f.conn(), year, &f.quarters(), &Method::Even(4), None).unwrap();
    assert_eq!(bases(&q), vec![25 * YI / 10; 4]);
    assert_eq!(q[0].tiers.floor, 2 * YI);
    assert_eq!(q[0].tiers.challenge, 3 * YI);
    assert_eq!(
        (
            q[1].period.as_str(),
            q[1].period_start.as_str(),
            q[1].period_end.as_str()
        ),
        ("2026-Q2", "2026-04-01", "2026-06-30")
    );
    let parent = get_target(f.conn(), year).unwrap();
    assert_eq!(
        period_children(f.conn(), &parent, PeriodKind::Quarter).unwrap(),
        q
    );
    // Draft plans record no revisions.
    assert!(revisions(f.conn(), q[0].id).unwrap().is_empty());
}

#[test]
fn regions_split_by_percent_and_a_lock_rebalances_the_rest() {
    let f = fixture();
    let year = f.year_target(f.company, YI);
    let places = f.places(&f.regions, "2026");
    let pct = Method::Percent(vec![4000, 3000, 3000]);
    let r = split_to_children(f.conn(), year, &places, &pct, None).unwrap();
    assert_eq!(bases(&r), vec![4000 * WAN, 3000 * WAN, 3000 * WAN]);
    // 华东 raises itself to 4500万 and locks; the others re-balance on the next split.
    update_tiers(f.conn(), r[0].id, Tiers::from_base(4500 * WAN), None).unwrap();
    set_locked(f.conn(), r[0].id, true).unwrap();
    let r = split_to_children(f.conn(), year, &places, &pct, None).unwrap();
    assert_eq!(bases(&r), vec![4500 * WAN, 2750 * WAN, 2750 * WAN]);
    assert_eq!(r[0].tiers.floor, 3600 * WAN);
    let floors: i64 = r.iter().map(|c| c.tiers.floor).sum();
    assert_eq!(floors, 8000 * WAN);
    assert_eq!(
        org_children(f.conn(), &get_target(f.conn(), year).unwrap()).unwrap(),
        r
    );
    // Manual values must add up to the parent.
    let manual = Method::Manual(vec![4500 * WAN, 3000 * WAN, 2000 * WAN]);
    let e = split_to_children(f.conn(), year, &places, &manual, None).unwrap_err();
    assert_eq!(e.code, "manual_sum_mismatch");
}

#[test]
fn approved_plans_record_revisions_and_resplit_only_the_remaining_periods() {
    let f = fixture();
    let year = f.year_target(f.company, 10 * YI);
    split_to_children(f.conn(), year, &f.quarters(), &Method::Even(4), None).unwrap();
    f.approve();
    let e = update_tiers(f.conn(), year, Tiers::from_base(9 * YI), None).unwrap_err();
    assert_eq!(e.code, "revision_reason_required");
    // As of 10 May, Q1 and Q2 have begun and stay frozen; Q3 and Q4 share 9亿 − 5亿.
    let as_of = NaiveDate::from_ymd_opt(2026, 5, 10).unwrap();
    let q = resplit_remaining(
        f.conn(),
        year,
        Tiers::from_base(9 * YI),
        PeriodKind::Quarter,
        as_of,
        Some(&change()),
    )
    .unwrap();
    assert_eq!(bases(&q), vec![25 * YI / 10, 25 * YI / 10, 2 * YI, 2 * YI]);
    let floors: Vec<i64> = q.iter().map(|c| c.tiers.floor).collect();
    assert_eq!(floors, vec![2 * YI, 2 * YI, 16 * YI / 10, 16 * YI / 10]);
    assert_eq!(get_target(f.conn(), year).unwrap().tiers.base, 9 * YI);
    let rev = revisions(f.conn(), q[2].id).unwrap();
    assert_eq!(rev.len(), 3);
    assert_eq!(
        (
            rev[1].tier.as_str(),
            rev[1].old_value,
            rev[1].new_value,
            rev[1].reason_category.as_str(),
            rev[1].who.as_str()
        ),
        ("base", 25 * YI / 10, 2 * YI, "market", "王经理")
    );
    assert!(revisions(f.conn(), q[0].id).unwrap().is_empty());
    assert_eq!(revisions(f.conn(), year).unwrap().len(), 3);
    // A cut below what the frozen periods already hold is refused, and nothing changes.
    let e = resplit_remaining(
        f.conn(),
        year,
        Tiers::from_base(4 * YI),
        PeriodKind::Quarter,
        as_of,
        Some(&change()),
    )
    .unwrap_err();
    assert_eq!(e.code, "locks_exceed_total");
    assert_eq!(get_target(f.conn(), year).unwrap().tiers.base, 9 * YI);
}

#[test]
fn commitments_show_the_gap_and_reconcile_either_way() {
    let f = fixture();
    let year = f.year_target(f.company, YI);
    let places = f.places(&f.regions, "2026");
    let r = split_to_children(f.conn(), year, &places, &Method::Even(3), None).unwrap();
    assert_eq!(
        reconcile_node(f.conn(), year, ReconcileWay::TargetToCommitments, None)
            .unwrap_err()
            .code,
        "no_commitments"
    );
    set_commitment(f.conn(), r[0].id, Some(4100 * WAN)).unwrap();
    set_commitment(f.conn(), r[1].id, Some(2900 * WAN)).unwrap();
    let g = node_gap(f.conn(), year).unwrap();
    assert_eq!(
        (g.commitments, g.gap, g.missing),
        (7000 * WAN, -3000 * WAN, 1)
    );
    set_commitment(f.conn(), r[2].id, Some(2000 * WAN)).unwrap();
    // Top-down wins: 4100:2900:2000 scaled to 1亿.
    reconcile_node(f.conn(), year, ReconcileWay::ScaleCommitments, None).unwrap();
    let parent = get_target(f.conn(), year).unwrap();
    let kids = org_children(f.conn(), &parent).unwrap();
    assert_eq!(
        bases(&kids),
        vec![4_555_555_556, 3_222_222_222, 2_222_222_222]
    );
    assert_eq!(bases(&kids).iter().sum::<i64>(), YI);
    // Bottom-up wins: the company target becomes 9000万.
    reconcile_node(f.conn(), year, ReconcileWay::TargetToCommitments, None).unwrap();
    let parent = get_target(f.conn(), year).unwrap();
    assert_eq!(parent.tiers, Tiers::from_base(9000 * WAN));
    assert_eq!(node_gap(f.conn(), year).unwrap().gap, 0);
}

#[test]
fn a_team_repaces_its_quarter_but_the_quarter_holds() {
    let f = fixture();
    let year = f.year_target(f.company, 10 * YI);
    let q = split_to_children(f.conn(), year, &f.quarters(), &Method::Even(4), None).unwrap();
    let months: Vec<ChildPlace> = parse_period("2026-Q1", 1)
        .unwrap()
        .children(PeriodKind::Month, 1)
        .unwrap()
        .into_iter()
        .map(|p| ChildPlace {
            org_unit_id: f.company,
            dimension_id: None,
            period: p,
        })
        .collect();
    let m = split_to_children(f.conn(), q[0].id, &months, &Method::Even(3), None).unwrap();
    assert_eq!(bases(&m), vec![8_333_333_334, 8_333_333_333, 8_333_333_333]);
    let new = [7000 * WAN, 8000 * WAN, YI];
    let m = redistribute_quarter(f.conn(), q[0].id, &new, None).unwrap();
    assert_eq!(bases(&m), new.to_vec());
    assert_eq!(m[2].tiers.challenge, 12_000 * WAN);
    let e = redistribute_quarter(f.conn(), q[0].id, &[YI, YI, YI], None).unwrap_err();
    assert_eq!(e.code, "quarter_total_changed");
    assert_eq!(
        redistribute_quarter(f.conn(), year, &new, None)
            .unwrap_err()
            .code,
        "not_a_quarter"
    );
}

#[test]
fn capacity_comes_from_the_org_tree() {
    let f = fixture();
    let c = f.conn();
    let mut teams = Vec::new();
    for (name, cap) in [("华东一组", 200 * WAN), ("华东二组", 180 * WAN)] {
        c.execute(
            "INSERT INTO org_unit(parent_id, kind, name, headcount, capacity_per_head) VALUES (?1, 'team', ?2, 5, ?3)",
            params![f.regions[0], name, cap],
        )
        .unwrap();
        teams.push(c.last_insert_rowid());
    }
    let region = f.year_target(f.regions[0], 1900 * WAN);
    let method = capacity_method(c, &teams).unwrap();
    let t = split_to_children(c, region, &f.places(&teams, "2026"), &method, None).unwrap();
    assert_eq!(bases(&t), vec![1000 * WAN, 900 * WAN]);
    assert_eq!(
        capacity_method(c, &[999]).unwrap_err().code,
        "org_unit_not_found"
    );
}

#[test]
fn clipped_weeks_are_not_stored_as_whole_weeks() {
    let f = fixture();
    let year = f.year_target(f.company, YI);
    let march = parse_period("2026-03", 1).unwrap();
    let weeks: Vec<ChildPlace> = march
        .children(PeriodKind::Week, 1)
        .unwrap()
        .into_iter()
        .map(|p| ChildPlace {
            org_unit_id: f.company,
            dimension_id: None,
            period: p,
        })
        .collect();
    let e = split_to_children(f.conn(), year, &weeks, &Method::Even(6), None).unwrap_err();
    assert_eq!(e.code, "period_clipped");
}

#[test]
fn smart_check_reads_the_stored_target() {
    let f = fixture();
    let year = f.year_target(f.company, 500 * WAN);
    f.conn()
        .execute(
            "UPDATE target SET last_year_actual = ?1 WHERE id = ?2",
            params![100 * WAN, year],
        )
        .unwrap();
    let c = smart_check_target(f.conn(), year, &SmartConfig::default()).unwrap();
    let codes: Vec<&str> = c.flags.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["smart_growth_too_high", "smart_not_relevant"]);
    assert!(c.specific && c.measurable && c.time_bound);
}

#[test]
fn a_quarter_splits_into_months_by_the_workspace_working_days() {
    let f = fixture();
    for e in crate::calendar::cn_holiday_entries() {
        f.conn()
            .execute(
                "INSERT INTO calendar_day(date, kind) VALUES (?1, ?2)",
                params![e.date.to_string(), e.kind.as_str()],
            )
            .unwrap();
    }
    let period = StoredPeriod::from(&parse_period("2026-Q4", 1).unwrap());
    let q4 = insert_target(
        f.conn(),
        NewTarget {
            target_set_id: f.set,
            metric_id: f.metric,
            org_unit_id: f.company,
            dimension_id: None,
            period: &period,
            tiers: Tiers::from_base(6200 * WAN),
            last_year_actual: None,
        },
    )
    .unwrap();
    let parent = get_target(f.conn(), q4).unwrap();
    let places = time_places(f.conn(), &parent, PeriodKind::Month).unwrap();
    // October 18 working days (National Day), November 21, December 23.
    let method = workdays_method(&f.ws, &places).unwrap();
    assert_eq!(method, Method::Workdays(vec![18, 21, 23]));
    let m = split_to_children(f.conn(), q4, &places, &method, None).unwrap();
    assert_eq!(bases(&m), vec![1800 * WAN, 2100 * WAN, 2300 * WAN]);
    let keys: Vec<&str> = m.iter().map(|c| c.period.as_str()).collect();
    assert_eq!(keys, ["2026-10", "2026-11", "2026-12"]);
}

#[test]
fn weeks_crossing_a_month_hold_their_parts_from_both_months() {
    let f = fixture();
    let year = f.year_target(f.company, YI);
    let parent = get_target(f.conn(), year).unwrap();
    let places = time_places(f.conn(), &parent, PeriodKind::Month).unwrap();
    let months = split_to_children(f.conn(), year, &places, &Method::Even(12), None).unwrap();
    // 1亿 / 12: January to April 833333.34 yuan, the others 833333.33.
    assert_eq!(months[2].tiers.base, 833_333_334);
    let cal = crate::calendar::WorkCalendar::weekdays();
    let weeks = store_weeks_from_months(f.conn(), months[0].id, &cal, None).unwrap();
    // 2026-W01 (from 29 Dec 2025) to 2026-W53 (to 3 Jan 2027).
    assert_eq!(weeks.len(), 53);
    assert_eq!(weeks.iter().map(|w| w.tiers.base).sum::<i64>(), YI);
    assert_eq!(weeks.iter().map(|w| w.tiers.floor).sum::<i64>(), 8000 * WAN);
    // W14 (30 Mar - 5 Apr): 2 of March's 22 working days and 3 of April's 22.
    let w14 = weeks.iter().find(|w| w.period == "2026-W14").unwrap();
    assert_eq!(
        (w14.period_start.as_str(), w14.period_end.as_str()),
        ("2026-03-30", "2026-04-05")
    );
    assert_eq!(w14.tiers.base, 75_757_576 + 113_636_364);
    // Run again: the same weeks are updated in place, not added.
    let again = store_weeks_from_months(f.conn(), months[5].id, &cal, None).unwrap();
    assert_eq!(again, weeks);
    assert_eq!(
        store_weeks_from_months(f.conn(), year, &cal, None)
            .unwrap_err()
            .code,
        "not_a_month"
    );
}
