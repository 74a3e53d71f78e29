use super::plan_year::{self, suggested_year, PlanYearSpec};
use super::{company, status};
use crate::calendar::FiscalYear;
use crate::store::catalog::write_catalog;
use crate::targets::tiers::TierRatios;
use crate::Workspace;
use chrono::NaiveDate;
use rusqlite::params;

fn blank() -> Workspace {
    let ws = Workspace::open_in_memory().unwrap();
    write_catalog(ws.conn(), 2026).unwrap();
    ws.set_meta("as_of", "2026-12-06").unwrap();
    ws
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The company's revenue cells of one plan, by period key: (floor, base, challenge).
fn company_cells(ws: &Workspace, year: i32) -> Vec<(String, i64, i64, i64)> {
    let mut st = ws
        .conn()
        .prepare(
            "SELECT t.period, t.floor_value, t.base_value, t.challenge_value FROM target t
             JOIN target_set s ON s.id = t.target_set_id JOIN org_unit o ON o.id = t.org_unit_id
             WHERE s.fiscal_year = ?1 AND o.kind = 'company' ORDER BY t.period",
        )
        .unwrap();
    st.query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_blank_workspace_lacks_the_company_and_every_plan() {
    let ws = blank();
    let s = status(&ws).unwrap();
    assert_eq!((s.company, s.units, s.people), (None, 0, 0));
    assert!(s.plan_years.is_empty());
    // 2026-12-06 is in the last month of a January fiscal year: next year is offered.
    assert_eq!(
        (s.selected_year, s.suggested_year, s.fiscal_start_month),
        (2026, 2027, 1)
    );
}

#[test]
fn next_year_is_offered_in_the_last_two_months_of_a_fiscal_year() {
    assert_eq!(suggested_year(date("2026-10-31"), 1), 2026);
    assert_eq!(suggested_year(date("2026-11-01"), 1), 2027);
    assert_eq!(suggested_year(date("2026-12-31"), 1), 2027);
    // April start: FY2026 runs 2026-04-01..2027-03-31.
    assert_eq!(suggested_year(date("2027-01-10"), 4), 2026);
    assert_eq!(suggested_year(date("2027-02-10"), 4), 2027);
    assert_eq!(suggested_year(date("2026-04-01"), 4), 2026);
}

#[test]
fn a_target_needs_the_company_and_the_company_can_be_renamed() {
    let ws = blank();
    let spec = PlanYearSpec {
        year: 2027,
        target: Some(1_000_000_000),
        ..Default::default()
    };
    assert_eq!(
        plan_year::create(&ws, &spec).unwrap_err().code,
        "company_missing"
    );
    assert_eq!(
        company::set_name(&ws, "  ").unwrap_err().code,
        "company_name_empty"
    );
    let id = company::set_name(&ws, "新星科技").unwrap();
    assert_eq!(company::set_name(&ws, "新星智能").unwrap(), id);
    assert_eq!(status(&ws).unwrap().company.as_deref(), Some("新星智能"));
    let roots: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM org_unit WHERE parent_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(roots, 1);
}

#[test]
fn next_years_plan_is_created_in_december_and_adds_up_at_every_level() {
    let ws = blank();
    company::set_name(&ws, "新星科技").unwrap();
    let spec = PlanYearSpec {
        year: 2027,
        target: Some(1_000_000_000), // 1,000万
        ratios: Some(TierRatios {
            floor_bp: 9_000,
            challenge_bp: 11_000,
            sprint_bp: None,
        }),
        ..Default::default()
    };
    let p = plan_year::create(&ws, &spec).unwrap();
    assert_eq!(
        (p.year, p.status.as_str(), p.target),
        (2027, "draft", Some(1_000_000_000))
    );
    assert_eq!(plan_year::selected_year(&ws).unwrap(), 2027);
    let cells = company_cells(&ws, 2027);
    assert_eq!(cells.len(), 1 + 4 + 12);
    let year = cells.iter().find(|c| c.0 == "2027").unwrap();
    assert_eq!(
        (year.1, year.2, year.3),
        (900_000_000, 1_000_000_000, 1_100_000_000)
    );
    let sum = |pred: &dyn Fn(&str) -> bool| -> (i64, i64, i64) {
        cells
            .iter()
            .filter(|c| pred(&c.0))
            .fold((0, 0, 0), |a, c| (a.0 + c.1, a.1 + c.2, a.2 + c.3))
    };
    let months = sum(&|k| k.len() == 7 && !k.contains('Q'));
    let quarters = sum(&|k| k.contains("-Q"));
    assert_eq!(months, (900_000_000, 1_000_000_000, 1_100_000_000));
    assert_eq!(quarters, months);
    let again = plan_year::create(&ws, &spec).unwrap_err();
    assert_eq!(again.code, "plan_year_exists");
}

/// Revenue actuals of 2026: month i brings i × 10,000 yuan.
fn actuals_2026(ws: &Workspace) {
    let conn = ws.conn();
    let company = company::set_name(ws, "新星科技").unwrap();
    conn.execute(
        "INSERT INTO org_unit(parent_id, kind, name) VALUES (?1, 'person', '张三')",
        [company],
    )
    .unwrap();
    let person = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO import_batch(kind, file_name, sha256, imported_at) VALUES ('actuals', 'a.csv', 'x', '2026-12-01')",
        [],
    )
    .unwrap();
    let batch = conn.last_insert_rowid();
    let revenue: i64 = conn
        .query_row("SELECT id FROM metric WHERE code = 'revenue'", [], |r| {
            r.get(0)
        })
        .unwrap();
    for m in 1..=12i64 {
        conn.execute(
            "INSERT INTO actual(batch_id, date, person_id, metric_id, amount, fingerprint) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![batch, format!("2026-{m:02}-10"), person, revenue, m * 1_000_000, format!("f{m}")],
        )
        .unwrap();
    }
    crate::store::batches::after_commit(conn, batch).unwrap();
}

#[test]
fn a_copy_grows_last_years_actual_with_its_monthly_shape() {
    let ws = blank();
    actuals_2026(&ws);
    let spec = PlanYearSpec {
        year: 2027,
        copy_from: Some(2026),
        growth_bp: 1_000, // +10%
        ..Default::default()
    };
    let p = plan_year::create(&ws, &spec).unwrap();
    // 2026 sold 1+2+…+12 = 78 × 10,000 yuan; +10% = 858,000 yuan.
    assert_eq!(p.target, Some(85_800_000));
    let cells = company_cells(&ws, 2027);
    for m in 1..=12i64 {
        let c = cells
            .iter()
            .find(|c| c.0 == format!("2027-{m:02}"))
            .unwrap();
        assert_eq!(c.2, m * 1_100_000, "month {m}");
    }
    let q4 = cells.iter().find(|c| c.0 == "2027-Q4").unwrap();
    assert_eq!(q4.2, (10 + 11 + 12) * 1_100_000);
}

#[test]
fn the_chosen_year_shows_everywhere_and_archiving_falls_back() {
    let ws = crate::demo::in_memory();
    assert_eq!(plan_year::selected_year(&ws).unwrap(), 2026);
    let spec = PlanYearSpec {
        year: 2027,
        copy_from: Some(2026),
        growth_bp: 1_500,
        ..Default::default()
    };
    let p = plan_year::create(&ws, &spec).unwrap();
    // The demo's 2026 plan is 1亿: +15% = 1.15亿.
    assert_eq!(p.target, Some(11_500_000_000));
    let head = crate::variance::company_headline(
        &ws,
        crate::setup::plan_year::selected_year(&ws).unwrap(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        (head.fiscal_year, head.target, head.actual),
        (2027, 11_500_000_000, 0)
    );
    let grid_year: i32 = ws
        .conn()
        .query_row(
            "SELECT fiscal_year FROM target_set WHERE id = ?1",
            [plan_year::current_set_id(ws.conn()).unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(grid_year, 2027);
    plan_year::select(&ws, 2026).unwrap();
    let head = crate::variance::company_headline(
        &ws,
        crate::setup::plan_year::selected_year(&ws).unwrap(),
    )
    .unwrap()
    .unwrap();
    assert_eq!((head.fiscal_year, head.target), (2026, 10_000_000_000));
    assert_eq!(
        plan_year::select(&ws, 2030).unwrap_err().code,
        "plan_year_missing"
    );

    plan_year::approve(&ws, 2027, "总经理", "2026-12-20T10:00:00").unwrap();
    plan_year::archive(&ws, 2027, "2026-12-21T10:00:00").unwrap();
    let years = plan_year::list(ws.conn()).unwrap();
    let status_of = |y: i32| years.iter().find(|p| p.year == y).unwrap().status.clone();
    assert_eq!(
        (status_of(2027).as_str(), status_of(2026).as_str()),
        ("archived", "approved")
    );
    assert_eq!(plan_year::selected_year(&ws).unwrap(), 2026);
    assert_eq!(FiscalYear::new(2026, 1).start(), date("2026-01-01"));
}

/// Two regions, three teams, six people with capacities (万 yuan a year): no region or team has
/// a capacity of its own, so each carries its people's.
const PEOPLE: [(&str, &str, &str, i64); 6] = [
    ("华东", "一组", "张伟", 200),
    ("华东", "一组", "李娜", 150),
    ("华东", "二组", "王芳", 100),
    ("华东", "二组", "赵磊", 150),
    ("华南", "三组", "陈静", 120),
    ("华南", "三组", "杨帆", 80),
];

fn company_with_people(ws: &Workspace) {
    use crate::org::edit::{add, describe, NewUnit};
    let root = company::set_name(ws, "新星科技").unwrap();
    let mut ids = std::collections::HashMap::new();
    for (region, team, person, wan) in PEOPLE {
        let r = *ids.entry(region).or_insert_with(|| {
            add(
                ws,
                &NewUnit {
                    parent_id: root,
                    kind: "region".into(),
                    name: region.into(),
                    ..Default::default()
                },
            )
            .unwrap()
        });
        let t = *ids.entry(team).or_insert_with(|| {
            add(
                ws,
                &NewUnit {
                    parent_id: r,
                    kind: "team".into(),
                    name: team.into(),
                    ..Default::default()
                },
            )
            .unwrap()
        });
        let p = add(
            ws,
            &NewUnit {
                parent_id: t,
                kind: "person".into(),
                name: person.into(),
                ..Default::default()
            },
        )
        .unwrap();
        describe(ws, p, 1, Some(wan * 1_000_000), "").unwrap();
    }
}

/// (floor, base, challenge) of a unit's `period` cell in the plan of 2026.
fn unit_cell(ws: &Workspace, name: &str, period: &str) -> Option<(i64, i64, i64)> {
    use rusqlite::OptionalExtension;
    ws.conn()
        .query_row(
            "SELECT t.floor_value, t.base_value, t.challenge_value FROM target t
             JOIN org_unit o ON o.id = t.org_unit_id JOIN target_set s ON s.id = t.target_set_id
             WHERE s.fiscal_year = 2026 AND o.name = ?1 AND t.period = ?2 AND t.dimension_id IS NULL",
            params![name, period],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .unwrap()
}

#[test]
fn the_years_target_is_split_down_to_every_person_by_capacity() {
    use super::capacity_split::by_capacity;
    let ws = blank();
    company_with_people(&ws);
    let target = 1_000_000_000; // 1,000万 in fen
    let spec = PlanYearSpec {
        year: 2026,
        target: Some(target),
        ..Default::default()
    };
    plan_year::create(&ws, &spec).unwrap();
    // By hand: 800万 of capacity shares 1,000万, so each 万 of capacity carries 1.25万.
    let total_wan: i64 = PEOPLE.iter().map(|p| p.3).sum();
    assert_eq!(total_wan, 800);
    let share = |wan: i64| target * wan / total_wan;

    // Every month is split on its own (a year is Σ its months), so a person's year may differ
    // from the exact share by at most a fen a month; every level still adds up exactly.
    let close = |got: i64, want: i64| (got - want).abs() <= 12;

    let preview = by_capacity(&ws, 2026, true).unwrap();
    assert_eq!(preview.leaves.len(), PEOPLE.len());
    for (_, _, person, wan) in PEOPLE {
        let leaf = preview
            .leaves
            .iter()
            .find(|l| l.path.ends_with(&format!("/{person}")))
            .unwrap_or_else(|| panic!("{person} in the preview"));
        assert!(
            close(leaf.tiers.base, share(wan)),
            "{person}: {}",
            leaf.tiers.base
        );
    }
    let previewed: i64 = preview.leaves.iter().map(|l| l.tiers.base).sum();
    assert_eq!(previewed, target);
    assert_eq!(
        unit_cell(&ws, "张伟", "2026"),
        None,
        "a preview writes nothing"
    );

    by_capacity(&ws, 2026, false).unwrap();
    let mut people_total = 0;
    for (_, _, person, wan) in PEOPLE {
        let (floor, base, challenge) = unit_cell(&ws, person, "2026").unwrap();
        assert!(close(base, share(wan)), "{person}: {base}");
        assert!(
            close(floor, share(wan) * 8 / 10),
            "{person}'s floor: {floor}"
        );
        assert!(
            close(challenge, share(wan) * 12 / 10),
            "{person}'s challenge: {challenge}"
        );
        let months: i64 = (1..=12)
            .map(|m| unit_cell(&ws, person, &format!("2026-{m:02}")).unwrap().1)
            .sum();
        assert_eq!(months, base, "{person}'s months add up to the year");
        people_total += base;
    }
    assert_eq!(people_total, target);
    for m in 1..=12 {
        let key = format!("2026-{m:02}");
        let company = unit_cell(&ws, "新星科技", &key).unwrap().1;
        let people: i64 = PEOPLE
            .iter()
            .map(|p| unit_cell(&ws, p.2, &key).unwrap().1)
            .sum();
        assert_eq!(people, company, "{key}: Σ people = the company");
    }
    let year = |name: &str| unit_cell(&ws, name, "2026").unwrap().1;
    assert!(close(year("一组"), 437_500_000));
    assert!(close(year("二组"), 312_500_000));
    assert!(close(year("三组"), 250_000_000));
    assert!(close(year("华东"), 750_000_000));
    assert!(close(year("华南"), 250_000_000));
    assert_eq!(year("一组") + year("二组"), year("华东"));
    assert_eq!(year("华东") + year("华南"), target);
}

#[test]
fn a_split_by_capacity_needs_somebodys_capacity() {
    use super::capacity_split::by_capacity;
    let ws = blank();
    company::set_name(&ws, "新星科技").unwrap();
    let spec = PlanYearSpec {
        year: 2026,
        target: Some(1_000_000_000),
        ..Default::default()
    };
    plan_year::create(&ws, &spec).unwrap();
    assert_eq!(
        by_capacity(&ws, 2026, true).unwrap_err().code,
        "capacity_missing"
    );
}

#[test]
fn product_lines_are_typed_or_pasted_and_each_is_added_once() {
    use super::catalog::{add_members, members, names_in};
    let ws = blank();
    // A column pasted from Excel (CRLF, a trailing tab), and a typed list with 、 and commas.
    assert_eq!(
        names_in("智能硬件\r\n软件订阅\r\n运维服务\t\r\n"),
        ["智能硬件", "软件订阅", "运维服务"]
    );
    assert_eq!(
        add_members(&ws, "product_line", "智能硬件\r\n软件订阅\r\n").unwrap(),
        2
    );
    assert_eq!(
        add_members(&ws, "product_line", "软件订阅、运维服务, 软件订阅").unwrap(),
        1
    );
    assert_eq!(add_members(&ws, "channel", "直销，代理").unwrap(), 2);
    let got: Vec<(String, String)> = members(&ws, false)
        .unwrap()
        .into_iter()
        .map(|m| (m.dim, m.name))
        .collect();
    let want = [
        ("channel", "直销"),
        ("channel", "代理"),
        ("product_line", "智能硬件"),
        ("product_line", "软件订阅"),
        ("product_line", "运维服务"),
    ];
    assert_eq!(
        got,
        want.map(|(d, n)| (d.to_string(), n.to_string())).to_vec()
    );
    assert_eq!(
        add_members(&ws, "region", "华东").unwrap_err().code,
        "dimension_unknown"
    );
}

#[test]
fn members_are_renamed_and_retired_and_come_back_when_typed_again() {
    use super::catalog::{add_members, members, rename_member, retire_member};
    let ws = blank();
    add_members(&ws, "product_line", "智能硬件、软件订阅").unwrap();
    let names = |all: bool| -> Vec<(String, bool)> {
        members(&ws, all)
            .unwrap()
            .into_iter()
            .map(|m| (m.name, m.retired))
            .collect()
    };
    rename_member(&ws, "product_line", "智能硬件", "智能终端").unwrap();
    let e = rename_member(&ws, "product_line", "智能终端", "软件订阅").unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.zh.as_str(), e.en.as_str()),
        (
            "dimension_name_taken",
            "产品线中已有“软件订阅”",
            "The product lines already have a \"软件订阅\""
        )
    );
    let e = retire_member(&ws, "channel", "直销", false).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.zh.as_str()),
        ("dimension_member_not_found", "渠道中没有“直销”")
    );
    retire_member(&ws, "product_line", "软件订阅", false).unwrap();
    assert_eq!(names(false), [("智能终端".to_string(), false)]);
    assert_eq!(
        names(true),
        [
            ("智能终端".to_string(), false),
            ("软件订阅".to_string(), true)
        ]
    );
    // The renamed member is still found by its old name (its code), for files that use it.
    let id: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM dimension_member WHERE code = '智能硬件' AND name_zh = '智能终端'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(id, 1);
    assert_eq!(add_members(&ws, "product_line", "软件订阅").unwrap(), 0);
    assert_eq!(names(false).len(), 2);
}

#[test]
fn a_customer_gets_a_type_from_the_customer_types() {
    use super::catalog::{add_members, set_customer_type};
    let ws = blank();
    add_members(&ws, "customer_type", "大客户、中小企业").unwrap();
    ws.conn()
        .execute("INSERT INTO customer(id, name) VALUES (7, '星河')", [])
        .unwrap();
    let type_of = || -> Option<String> {
        ws.conn()
            .query_row(
                "SELECT d.name_zh FROM customer c LEFT JOIN dimension_member d ON d.id = c.customer_type_id WHERE c.id = 7",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    set_customer_type(&ws, 7, Some("中小企业")).unwrap();
    assert_eq!(type_of().as_deref(), Some("中小企业"));
    let e = set_customer_type(&ws, 7, Some("政府")).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.zh.as_str()),
        ("dimension_member_not_found", "客户类型中没有“政府”")
    );
    assert_eq!(type_of().as_deref(), Some("中小企业"));
    set_customer_type(&ws, 7, None).unwrap();
    assert_eq!(type_of(), None);
    assert_eq!(
        set_customer_type(&ws, 8, None).unwrap_err().code,
        "customer_not_found"
    );
}

#[test]
fn the_calendar_is_the_official_one_or_plain_weeks() {
    use super::catalog::{choose_calendar, CalendarChoice};
    let ws = blank();
    // 2026 starts on a Thursday: 52 whole weeks and one Thursday = 261 weekdays.
    assert_eq!(
        choose_calendar(&ws, 2026, CalendarChoice::None).unwrap(),
        261
    );
    // The State Council's 2026 notice: 248 working days.
    assert_eq!(
        choose_calendar(&ws, 2026, CalendarChoice::China).unwrap(),
        248
    );
    assert_eq!(
        choose_calendar(&ws, 2031, CalendarChoice::China)
            .unwrap_err()
            .code,
        "calendar_no_official_year"
    );
}

#[test]
fn the_demo_offers_ones_own_company_until_the_user_keeps_the_demo() {
    let demo = crate::demo::in_memory();
    assert!(status(&demo).unwrap().demo_welcome);
    super::keep_demo(&demo).unwrap();
    assert!(!status(&demo).unwrap().demo_welcome);
    // A workspace of one's own never shows the offer.
    let own = blank();
    company::set_name(&own, "新星科技").unwrap();
    assert!(!status(&own).unwrap().demo_welcome);
}
