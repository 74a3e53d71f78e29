use super::tests::{change, demo, row, year};
use super::*;
use crate::money::{WAN, YI};

const NEW: TierRatios = TierRatios {
    floor_bp: 8_500,
    challenge_bp: 13_000,
    sprint_bp: Some(15_000),
};

/// Every stored value of the set: (id, floor, base, challenge, sprint).
fn all_values(ws: &Workspace) -> Vec<(i64, i64, i64, i64, Option<i64>)> {
    let mut st = ws
        .conn()
        .prepare("SELECT id, floor_value, base_value, challenge_value, sprint_value FROM target ORDER BY id")
        .unwrap();
    st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Tiers of the cell of a unit (by name) and period.
fn tiers_of(ws: &Workspace, unit: &str, period: &str) -> Tiers {
    ws.conn()
        .query_row(
            "SELECT t.floor_value, t.base_value, t.challenge_value, t.sprint_value FROM target t
             JOIN org_unit o ON o.id = t.org_unit_id WHERE o.name = ?1 AND t.period = ?2
             AND t.dimension_id IS NULL AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [unit, period],
            |r| {
                Ok(Tiers {
                    floor: r.get(0)?,
                    base: r.get(1)?,
                    challenge: r.get(2)?,
                    sprint: r.get(3)?,
                })
            },
        )
        .unwrap()
}

/// Σ of the children's (floor, base, challenge, sprint) per parent: along the organisation
/// (child units, same member and period) and along time (the months of each year cell).
const ORG_SUMS: &str = "SELECT p.floor_value, p.base_value, p.challenge_value, IFNULL(p.sprint_value, -1),
    k.f, k.b, k.c, CASE WHEN k.n = 0 THEN -1 ELSE k.sp END FROM target p JOIN (
      SELECT o.parent_id AS pu, t.target_set_id AS s, t.metric_id AS m, IFNULL(t.dimension_id, 0) AS d,
        t.period AS per, SUM(t.floor_value) AS f, SUM(t.base_value) AS b, SUM(t.challenge_value) AS c,
        SUM(IFNULL(t.sprint_value, 0)) AS sp, COUNT(t.sprint_value) AS n
      FROM target t JOIN org_unit o ON o.id = t.org_unit_id WHERE o.parent_id IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5) k
    ON k.pu = p.org_unit_id AND k.s = p.target_set_id AND k.m = p.metric_id
    AND k.d = IFNULL(p.dimension_id, 0) AND k.per = p.period
    WHERE p.metric_id IN (SELECT id FROM metric WHERE aggregation = 'sum')";
const TIME_SUMS: &str =
    "SELECT p.floor_value, p.base_value, p.challenge_value, IFNULL(p.sprint_value, -1),
    k.f, k.b, k.c, CASE WHEN k.n = 0 THEN -1 ELSE k.sp END FROM target p JOIN (
      SELECT org_unit_id AS u, target_set_id AS s, metric_id AS m, IFNULL(dimension_id, 0) AS d,
        substr(period, 1, 4) AS yr, SUM(floor_value) AS f, SUM(base_value) AS b,
        SUM(challenge_value) AS c, SUM(IFNULL(sprint_value, 0)) AS sp, COUNT(sprint_value) AS n
      FROM target WHERE period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' GROUP BY 1, 2, 3, 4, 5) k
    ON k.u = p.org_unit_id AND k.s = p.target_set_id AND k.m = p.metric_id
    AND k.d = IFNULL(p.dimension_id, 0) AND k.yr = p.period
    WHERE p.metric_id IN (SELECT id FROM metric WHERE aggregation = 'sum')";

/// (parents checked, parents whose children do not add up on some tier).
fn check_sums(ws: &Workspace, sql: &str) -> (usize, usize) {
    let mut st = ws.conn().prepare(sql).unwrap();
    let rows: Vec<[i64; 8]> = st
        .query_map([], |r| {
            let mut a = [0; 8];
            for (i, v) in a.iter_mut().enumerate() {
                *v = r.get(i)?;
            }
            Ok(a)
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let bad = rows.iter().filter(|a| a[..4] != a[4..]).count();
    (rows.len(), bad)
}

fn revision_count(ws: &Workspace) -> i64 {
    ws.conn()
        .query_row("SELECT COUNT(*) FROM target_revision", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn new_ratios_recompute_every_tier_exactly_along_org_and_time() {
    let ws = demo();
    // The demo plan is approved: 40 units x (year + 12 months) = 520 cells for each of revenue,
    // gross profit, visits, leads and new customers, and 28 cells of rates.
    let values_before = all_values(&ws);
    assert_eq!(values_before.len(), 5 * 520 + 28);
    let revisions_before = revision_count(&ws);
    let out = set_tier_ratios(&ws, NEW, Some(&change())).unwrap();
    assert_eq!((out.ratios, out.previous), (NEW, TierRatios::default()));
    // Every amount and count cell gains a sprint value, so every one changes; the rates keep
    // the thresholds they were given.
    assert_eq!((out.changed, out.before.len()), (5 * 520, 5 * 520));

    assert_eq!(
        tiers_of(&ws, "星辰智能科技", "2026"),
        Tiers {
            floor: 8_500 * WAN,
            base: YI,
            challenge: 13_000 * WAN,
            sprint: Some(15_000 * WAN)
        }
    );
    assert_eq!(
        tiers_of(&ws, "华东", "2026"),
        Tiers {
            floor: 3_400 * WAN,
            base: 4_000 * WAN,
            challenge: 5_200 * WAN,
            sprint: Some(6_000 * WAN)
        }
    );
    // January is 70‰ of the year (seasonality): the company's 700万 and 华东's 280万.
    assert_eq!(
        tiers_of(&ws, "星辰智能科技", "2026-01"),
        Tiers {
            floor: 595 * WAN,
            base: 700 * WAN,
            challenge: 910 * WAN,
            sprint: Some(1_050 * WAN)
        }
    );
    assert_eq!(
        tiers_of(&ws, "华东", "2026-02"),
        Tiers {
            floor: 187 * WAN,
            base: 220 * WAN,
            challenge: 286 * WAN,
            sprint: Some(330 * WAN)
        }
    );
    // 华东一组: 4000万 x 10/19 = 21052631.578… yuan; its floor 85% = 17894736.84 yuan,
    // challenge 130% = 27368421.05 yuan, sprint 150% = 31578947.37 yuan (largest remainder
    // between the two teams: 一组 takes the rounded-up fen where the remainder is larger).
    assert_eq!(
        tiers_of(&ws, "华东一组", "2026"),
        Tiers {
            floor: 1_789_473_684,
            base: 2_105_263_158,
            challenge: 2_736_842_105,
            sprint: Some(3_157_894_737)
        }
    );

    // Σ children == parent on every tier, along the organisation (10 units with children x 13
    // periods) and along time (40 year cells).
    assert_eq!(check_sums(&ws, ORG_SUMS), (5 * 130, 0));
    assert_eq!(check_sums(&ws, TIME_SUMS), (5 * 40, 0));
    // One revision per tier value that moved; on revenue floor, challenge and sprint all moved
    // (3 × 520). Counts of 0 (leads before June) only gain a sprint of 0.
    let moved: usize = values_before
        .iter()
        .zip(all_values(&ws))
        .map(|(a, b)| usize::from(a.1 != b.1) + usize::from(a.3 != b.3) + usize::from(a.4 != b.4))
        .sum();
    assert_eq!(revision_count(&ws) - revisions_before, moved as i64);
    let revenue_revisions: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target_revision r JOIN target t ON t.id = r.target_id
             WHERE t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(revenue_revisions, 3 * 520);

    // The grid shows the ratios and the sprint tier.
    let g = grid(&ws, Tier::Sprint, GridView::Month, None).unwrap();
    assert_eq!(g.ratios, NEW);
    assert_eq!(year(&g, "华东").value, 6_000 * WAN);
    assert_eq!(
        row(&g, "星辰智能科技").cells[0].clone().unwrap().value,
        1_050 * WAN
    );
}

#[test]
fn restoring_the_snapshots_undoes_a_ratio_change_exactly() {
    let ws = demo();
    let before = all_values(&ws);
    let out = set_tier_ratios(&ws, NEW, Some(&change())).unwrap();
    assert_ne!(all_values(&ws), before);
    restore_cells(&ws, &out.before, Some(&change())).unwrap();
    assert_eq!(all_values(&ws), before);
    // The ratios stay until restore_tier_ratios puts them back with the cells.
    assert_eq!(
        grid(&ws, Tier::Base, GridView::Year, None).unwrap().ratios,
        NEW
    );
    restore_tier_ratios(&ws, out.previous, &out.before, Some(&change())).unwrap();
    assert_eq!(all_values(&ws), before);
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(g.ratios, TierRatios::default());
}

#[test]
fn invalid_ratios_are_refused_and_nothing_changes() {
    let ws = demo();
    let before = all_values(&ws);
    let cases = [
        (0, 12_000, None, "tier_floor_out_of_range"),
        (10_001, 12_000, None, "tier_floor_out_of_range"),
        (8_000, 9_999, None, "tier_challenge_below_base"),
        (8_000, 12_000, Some(11_999), "tier_sprint_below_challenge"),
    ];
    for (floor_bp, challenge_bp, sprint_bp, code) in cases {
        let r = TierRatios {
            floor_bp,
            challenge_bp,
            sprint_bp,
        };
        let e = set_tier_ratios(&ws, r, Some(&change())).unwrap_err();
        assert_eq!(e.code, code);
    }
    let e = set_tier_ratios(
        &ws,
        TierRatios {
            floor_bp: 8_000,
            challenge_bp: 12_000,
            sprint_bp: Some(11_000),
        },
        None,
    )
    .unwrap_err();
    assert!(
        e.zh.contains("110.00%") && e.en.contains("120.00%"),
        "{e:?}"
    );
    // An approved plan needs who and why; the failed change leaves no trace.
    let e = set_tier_ratios(&ws, NEW, None).unwrap_err();
    assert_eq!(e.code, "revision_reason_required");
    assert_eq!(all_values(&ws), before);
    let g = grid(&ws, Tier::Base, GridView::Year, None).unwrap();
    assert_eq!(g.ratios, TierRatios::default());
    // Floor 100% and challenge 100% are allowed (all tiers equal the base).
    let flat = TierRatios {
        floor_bp: 10_000,
        challenge_bp: 10_000,
        sprint_bp: Some(10_000),
    };
    set_tier_ratios(&ws, flat, Some(&change())).unwrap();
    assert_eq!(
        tiers_of(&ws, "华东一组", "2026-03"),
        Tiers {
            floor: tiers_of(&ws, "华东一组", "2026-03").base,
            base: tiers_of(&ws, "华东一组", "2026-03").base,
            challenge: tiers_of(&ws, "华东一组", "2026-03").base,
            sprint: Some(tiers_of(&ws, "华东一组", "2026-03").base),
        }
    );
}

#[test]
fn turning_the_sprint_tier_off_clears_it_everywhere() {
    let ws = demo();
    set_tier_ratios(&ws, NEW, Some(&change())).unwrap();
    let revisions = revision_count(&ws);
    let off = TierRatios {
        sprint_bp: None,
        ..NEW
    };
    let out = set_tier_ratios(&ws, off, Some(&change())).unwrap();
    assert_eq!((out.changed, out.previous), (5 * 520, NEW));
    let sprints: i64 = ws
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM target WHERE sprint_value IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sprints, 0);
    // Only the sprint moved: one revision per cell.
    assert_eq!(revision_count(&ws) - revisions, 5 * 520);
    assert_eq!(
        tiers_of(&ws, "华东", "2026-02"),
        Tiers {
            floor: 187 * WAN,
            base: 220 * WAN,
            challenge: 286 * WAN,
            sprint: None
        }
    );
    assert_eq!(check_sums(&ws, ORG_SUMS), (5 * 130, 0));
    assert_eq!(check_sums(&ws, TIME_SUMS), (5 * 40, 0));
    let e = grid(&ws, Tier::Sprint, GridView::Month, None).unwrap_err();
    assert_eq!(e.code, "sprint_tier_off");
    let east = year(
        &grid(&ws, Tier::Base, GridView::Year, None).unwrap(),
        "华东",
    );
    let e = set_cell(&ws, east.id.unwrap(), Tier::Sprint, YI, Some(&change())).unwrap_err();
    assert_eq!(e.code, "sprint_tier_off");
    // Setting a base while the sprint is off stores no sprint.
    set_cell(
        &ws,
        east.id.unwrap(),
        Tier::Base,
        5_000 * WAN,
        Some(&change()),
    )
    .unwrap();
    assert_eq!(tiers_of(&ws, "华东", "2026").sprint, None);
    assert_eq!(
        grid(&ws, Tier::Floor, GridView::Month, None)
            .unwrap()
            .ratios,
        off
    );
}

#[test]
fn a_draft_plan_changes_without_revisions() {
    let ws = demo();
    ws.conn()
        .execute("UPDATE target_set SET status = 'draft'", [])
        .unwrap();
    let out = set_tier_ratios(&ws, NEW, None).unwrap();
    assert_eq!(out.changed, 5 * 520);
    assert_eq!(revision_count(&ws), 0);
    // Setting the same ratios again changes nothing.
    assert_eq!(set_tier_ratios(&ws, NEW, None).unwrap().changed, 0);
}

/// Σ of the (floor, base, challenge, sprint) of one unit's cells whose period matches `glob`,
/// with a dimension member or without.
fn sum_of(ws: &Workspace, unit: i64, member: Option<i64>, glob: &str) -> Tiers {
    ws.conn()
        .query_row(
            "SELECT SUM(floor_value), SUM(base_value), SUM(challenge_value), SUM(sprint_value)
             FROM target WHERE org_unit_id = ?1 AND IFNULL(dimension_id, 0) = IFNULL(?2, 0)
             AND period GLOB ?3 AND metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            rusqlite::params![unit, member, glob],
            |r| {
                Ok(Tiers {
                    floor: r.get(0)?,
                    base: r.get(1)?,
                    challenge: r.get(2)?,
                    sprint: r.get(3)?,
                })
            },
        )
        .unwrap()
}

#[test]
fn stored_weeks_and_dimension_members_add_up_after_a_ratio_change() {
    let ws = demo();
    let ch = change();
    let g = grid(&ws, Tier::Base, GridView::Month, None).unwrap();
    let east = row(&g, "华东");
    let zhang = row(&g, "张三");
    store_weeks(&ws, east.year_id.unwrap(), Some(&ch)).unwrap();
    let lines = split_cell(
        &ws,
        zhang.year_id.unwrap(),
        SplitAxis::Dimension("product_line".into()),
        &SplitChoice::Even,
        Some(&ch),
        false,
    )
    .unwrap();
    for p in &lines.parts {
        split_cell(
            &ws,
            p.id,
            SplitAxis::Months,
            &SplitChoice::Even,
            Some(&ch),
            false,
        )
        .unwrap();
    }
    set_tier_ratios(&ws, NEW, Some(&ch)).unwrap();

    // 华东's weeks (53 ISO weeks touch 2026) add up to its year on every tier.
    let year = tiers_of(&ws, "华东", "2026");
    assert_eq!(year.sprint, Some(6_000 * WAN));
    assert_eq!(sum_of(&ws, east.unit_id, None, "2026-W*"), year);
    // 张三's product lines add up to his year, and each line's months to the line's year.
    let zhang_year = tiers_of(&ws, "张三", "2026");
    let members: Vec<i64> = lines
        .parts
        .iter()
        .map(|p| get_target(ws.conn(), p.id).unwrap().dimension_id.unwrap())
        .collect();
    // His year: base 4210526.32, floor 85% 3578947.37, challenge 5473684.22, sprint
    // 6315789.48 yuan; the 4 lines split each evenly, the leftover fen to the first lines.
    assert_eq!(
        zhang_year,
        Tiers {
            floor: 357_894_737,
            base: 421_052_632,
            challenge: 547_368_422,
            sprint: Some(631_578_948)
        }
    );
    let line_years: Vec<Tiers> = members
        .iter()
        .map(|m| sum_of(&ws, zhang.unit_id, Some(*m), "2026"))
        .collect();
    assert_eq!(
        line_years.iter().map(|t| t.floor).collect::<Vec<_>>(),
        vec![89_473_685, 89_473_684, 89_473_684, 89_473_684]
    );
    assert_eq!(
        line_years.iter().map(|t| t.challenge).collect::<Vec<_>>(),
        vec![136_842_106, 136_842_106, 136_842_105, 136_842_105]
    );
    assert!(line_years.iter().all(|t| t.sprint == Some(157_894_737)));
    let mut lines_sum = Tiers {
        sprint: Some(0),
        ..Tiers::default()
    };
    for (m, line_year) in members.iter().zip(line_years) {
        assert_eq!(
            sum_of(&ws, zhang.unit_id, Some(*m), "2026-[0-9][0-9]"),
            line_year
        );
        lines_sum = lines_sum + line_year;
    }
    assert_eq!(lines_sum, zhang_year);
    assert_eq!(check_sums(&ws, ORG_SUMS), (5 * 130, 0));
    // 5 × 40 unit years and the 4 product-line years.
    assert_eq!(check_sums(&ws, TIME_SUMS), (5 * 40 + 4, 0));
}

#[test]
fn a_person_by_product_line_by_month_table_stays_exact_both_ways() {
    use crate::targets::store::{insert_target, NewTarget, StoredPeriod};
    let ws = demo();
    let g = grid(&ws, Tier::Base, GridView::Month, None).unwrap();
    let zhang = row(&g, "张三");
    let lines = dimension_members(&ws, "product_line").unwrap();
    let (a, b) = (lines[0].member_id, lines[1].member_id);
    // Line A takes half of each month (rounded down), line B the rest; each line's year is the
    // sum of its months, so the bases add up along the product lines and along time.
    let mut years = [0i64; 2];
    let conn = ws.conn();
    let cells = [zhang.year_id.unwrap()]
        .into_iter()
        .chain(
            zhang.cells[..12]
                .iter()
                .map(|c| c.clone().unwrap().id.unwrap()),
        )
        .map(|id| get_target(conn, id).unwrap())
        .collect::<Vec<_>>();
    for (i, cell) in cells.iter().enumerate().rev() {
        let period = StoredPeriod {
            key: cell.period.clone(),
            start: cell.period_start.clone(),
            end: cell.period_end.clone(),
        };
        let halves = if i == 0 {
            years
        } else {
            let half = cell.tiers.base / 2;
            years[0] += half;
            years[1] += cell.tiers.base - half;
            [half, cell.tiers.base - half]
        };
        for (member, base) in [(a, halves[0]), (b, halves[1])] {
            insert_target(
                conn,
                NewTarget {
                    target_set_id: cell.target_set_id,
                    metric_id: cell.metric_id,
                    org_unit_id: cell.org_unit_id,
                    dimension_id: Some(member),
                    period: &period,
                    tiers: Tiers::from_base(base),
                    last_year_actual: None,
                },
            )
            .unwrap();
        }
    }
    set_tier_ratios(&ws, NEW, Some(&change())).unwrap();
    let person_year = tiers_of(&ws, "张三", "2026");
    let year_a = sum_of(&ws, zhang.unit_id, Some(a), "2026");
    let year_b = sum_of(&ws, zhang.unit_id, Some(b), "2026");
    assert_eq!(year_a + year_b, person_year);
    assert_eq!(
        sum_of(&ws, zhang.unit_id, Some(a), "2026-[0-9][0-9]"),
        year_a
    );
    assert_eq!(
        sum_of(&ws, zhang.unit_id, Some(b), "2026-[0-9][0-9]"),
        year_b
    );
    for m in 1..=12 {
        let key = format!("2026-{m:02}");
        let month = tiers_of(&ws, "张三", &key);
        let lines =
            sum_of(&ws, zhang.unit_id, Some(a), &key) + sum_of(&ws, zhang.unit_id, Some(b), &key);
        assert_eq!(lines, month, "{key}");
    }
    // The person's own months still add up to the year, and the organisation too.
    assert_eq!(
        sum_of(&ws, zhang.unit_id, None, "2026-[0-9][0-9]"),
        person_year
    );
    assert_eq!(check_sums(&ws, ORG_SUMS), (5 * 130, 0));
}
