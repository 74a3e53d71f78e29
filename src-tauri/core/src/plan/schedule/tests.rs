use super::*;
use crate::plan::model::{Link, LinkKind, Task};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn task(name: &str, duration: i64, not_before: Option<&str>) -> Task {
    Task {
        name: name.to_string(),
        duration,
        not_before: not_before.map(d),
    }
}

fn link(pred: usize, succ: usize, kind: LinkKind, lag: i64) -> Link {
    Link {
        pred,
        succ,
        kind,
        lag,
    }
}

/// A (3 days, asked to start Monday 2026-09-28) occupies 09-28, 09-29, 09-30; then National Day
/// closes 10-01..10-07 and Saturday 10-10 is worked. Mid-Autumn closes Friday 09-25.
/// Working days from the plan start 09-21: 0=09-21 1=09-22 2=09-23 3=09-24 4=09-28 5=09-29
/// 6=09-30 7=10-08 8=10-09 9=10-10 10=10-12. A has S=4, F=7.
#[test]
fn every_link_kind_with_positive_and_negative_lag_across_national_day() {
    let cal = WorkCalendar::cn();
    let cases: [(LinkKind, i64, &str, &str); 12] = [
        // FS: B.S >= A.F + lag.
        (LinkKind::FS, 0, "2026-10-08", "2026-10-09"),
        (LinkKind::FS, 2, "2026-10-10", "2026-10-12"),
        (LinkKind::FS, -2, "2026-09-29", "2026-09-30"),
        // SS: B.S >= A.S + lag.
        (LinkKind::SS, 2, "2026-09-30", "2026-10-08"),
        (LinkKind::SS, -2, "2026-09-23", "2026-09-24"),
        (LinkKind::SS, 0, "2026-09-28", "2026-09-29"),
        // FF: B.F >= A.F + lag, i.e. B's last day is lag working days after A's (09-30).
        (LinkKind::FF, 0, "2026-09-29", "2026-09-30"),
        (LinkKind::FF, 3, "2026-10-09", "2026-10-10"),
        (LinkKind::FF, -1, "2026-09-28", "2026-09-29"),
        // SF: B.F >= A.S + lag; lag 0 finishes B on the working day before A starts (09-24,
        // because 09-25 is Mid-Autumn).
        (LinkKind::SF, 0, "2026-09-23", "2026-09-24"),
        (LinkKind::SF, 2, "2026-09-28", "2026-09-29"),
        (LinkKind::SF, -1, "2026-09-22", "2026-09-23"),
    ];
    for (kind, lag, start, finish) in cases {
        let net = Network {
            tasks: vec![task("A", 3, Some("2026-09-28")), task("B", 2, None)],
            links: vec![link(0, 1, kind, lag)],
        };
        let s = schedule(&net, &cal, d("2026-09-21")).unwrap();
        assert_eq!(
            (s.tasks[0].start, s.tasks[0].finish),
            (d("2026-09-28"), d("2026-09-30"))
        );
        assert_eq!(
            (s.tasks[1].start, s.tasks[1].finish),
            (d(start), d(finish)),
            "{kind:?} lag {lag}"
        );
    }
}

/// Negative lags reaching back over the holidays: A (3 days) now starts Thursday 10-08 right
/// after National Day and occupies 10-08, 10-09 and Saturday 10-10 (S=7, F=10 in the numbering
/// above). Working days before it: 6=09-30, 5=09-29, 4=09-28, 3=09-24 (09-25 is Mid-Autumn).
#[test]
fn negative_lags_reach_back_across_national_day_and_mid_autumn() {
    let cal = WorkCalendar::cn();
    let cases: [(LinkKind, i64, &str, &str); 4] = [
        // B.S >= 10 − 4 = 6: 09-30, then 10-08.
        (LinkKind::FS, -4, "2026-09-30", "2026-10-08"),
        // B.S >= 7 − 2 = 5.
        (LinkKind::SS, -2, "2026-09-29", "2026-09-30"),
        // B.F >= 10 − 4 = 6, so B.S >= 4.
        (LinkKind::FF, -4, "2026-09-28", "2026-09-29"),
        // B.F >= 7 − 2 = 5, so B.S >= 3: 09-24, then 09-28 after Mid-Autumn.
        (LinkKind::SF, -2, "2026-09-24", "2026-09-28"),
    ];
    for (kind, lag, start, finish) in cases {
        let net = Network {
            tasks: vec![task("A", 3, Some("2026-10-08")), task("B", 2, None)],
            links: vec![link(0, 1, kind, lag)],
        };
        let s = schedule(&net, &cal, d("2026-09-21")).unwrap();
        assert_eq!(
            (s.tasks[0].start, s.tasks[0].finish),
            (d("2026-10-08"), d("2026-10-10"))
        );
        assert_eq!(
            (s.tasks[1].start, s.tasks[1].finish),
            (d(start), d(finish)),
            "{kind:?} lag {lag}"
        );
    }
}

#[test]
fn own_start_wins_when_later_and_milestones_sit_on_their_day() {
    let cal = WorkCalendar::cn();
    let net = Network {
        tasks: vec![
            task("A", 3, Some("2026-09-28")),
            task("B", 2, Some("2026-10-14")),
            task("M", 0, None),
            task("C", 1, None),
        ],
        links: vec![
            link(0, 1, LinkKind::FS, 0),
            link(0, 2, LinkKind::FS, 0),
            link(2, 3, LinkKind::FS, 0),
        ],
    };
    let s = schedule(&net, &cal, d("2026-09-21")).unwrap();
    assert_eq!(
        (s.tasks[1].start, s.tasks[1].finish),
        (d("2026-10-14"), d("2026-10-15"))
    );
    // The milestone falls on the next working day after A's finish, and C starts that same day.
    assert_eq!(
        (s.tasks[2].start, s.tasks[2].finish),
        (d("2026-10-08"), d("2026-10-08"))
    );
    assert_eq!(
        (s.tasks[3].start, s.tasks[3].finish),
        (d("2026-10-08"), d("2026-10-08"))
    );
    assert_eq!(s.finish, Some(d("2026-10-15")));
    // B (working days 12..13) is pinned by its own start and ends the project (F = 14).
    // A must finish before B starts: late F 12 against early F 7 -> float 5 (A may end 10-13).
    // C may end on day 13 (late F 14, early F 8) -> 6; the milestone before it likewise 6.
    let floats: Vec<i64> = s.tasks.iter().map(|t| t.total_float).collect();
    assert_eq!(floats, vec![5, 0, 6, 6]);
}

/// Heizer & Render's Milwaukee Paper network (durations in working days, all finish-to-start):
/// A 2; B 3; C 2 after A; D 4 after A, B; E 4 after C; F 3 after C; G 5 after D, E; H 2 after F, G.
/// Textbook result: project 15, slack A 0, B 1, C 0, D 1, E 0, F 6, G 0, H 0; critical A-C-E-G-H.
#[test]
fn textbook_cpm_network_has_the_expected_floats() {
    let names = ["A", "B", "C", "D", "E", "F", "G", "H"];
    let durations = [2, 3, 2, 4, 4, 3, 5, 2];
    let preds: [&[usize]; 8] = [&[], &[], &[0], &[0, 1], &[2], &[2], &[3, 4], &[5, 6]];
    let net = Network {
        tasks: names
            .iter()
            .zip(durations)
            .map(|(n, du)| task(n, du, None))
            .collect(),
        links: preds
            .iter()
            .enumerate()
            .flat_map(|(s, ps)| ps.iter().map(move |&p| link(p, s, LinkKind::FS, 0)))
            .collect(),
    };
    let s = schedule(&net, &WorkCalendar::weekdays(), d("2026-03-02")).unwrap();
    let floats: Vec<i64> = s.tasks.iter().map(|t| t.total_float).collect();
    assert_eq!(floats, vec![0, 1, 0, 1, 0, 6, 0, 0]);
    let critical: Vec<&str> = names
        .iter()
        .zip(&s.tasks)
        .filter(|(_, t)| t.critical)
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(critical, vec!["A", "C", "E", "G", "H"]);
    // Working day 13 (G's early finish) is Thursday 03-19; H runs 03-19..03-20.
    assert_eq!(
        (s.tasks[7].start, s.tasks[7].finish),
        (d("2026-03-19"), d("2026-03-20"))
    );
    assert_eq!(s.finish, Some(d("2026-03-20")));
}

#[test]
fn a_cycle_is_refused_naming_its_tasks() {
    let net = Network {
        tasks: vec![
            task("准备", 1, None),
            task("A", 2, None),
            task("B", 2, None),
            task("C", 2, None),
            task("D", 1, None),
        ],
        links: vec![
            link(0, 1, LinkKind::FS, 0),
            link(1, 2, LinkKind::FS, 0),
            link(2, 3, LinkKind::SS, 1),
            link(3, 1, LinkKind::FF, 0),
            link(3, 4, LinkKind::FS, 0),
        ],
    };
    let e = schedule(&net, &WorkCalendar::weekdays(), d("2026-03-02")).unwrap_err();
    assert_eq!(e.code, "plan_cycle");
    assert_eq!(
        e.en,
        "The dependencies form a cycle: A → B → C → A. Remove one of these links."
    );
    assert_eq!(
        e.zh,
        "依赖关系形成循环：A → B → C → A。请删除其中一条依赖。"
    );
    let self_link = Network {
        tasks: vec![task("X", 1, None)],
        links: vec![link(0, 0, LinkKind::SS, 0)],
    };
    let e = schedule(&self_link, &WorkCalendar::weekdays(), d("2026-03-02")).unwrap_err();
    assert!(e.en.contains("X → X"), "{}", e.en);
}

#[test]
fn bad_durations_and_lags_are_refused() {
    let net = Network {
        tasks: vec![task("A", -1, None)],
        links: vec![],
    };
    let e = schedule(&net, &WorkCalendar::weekdays(), d("2026-03-02")).unwrap_err();
    assert_eq!(e.code, "bad_duration");
    assert!(e.zh.contains("“A”"), "{}", e.zh);
    let net = Network {
        tasks: vec![task("A", 1, None), task("B", 1, None)],
        links: vec![link(0, 1, LinkKind::FS, 1_000_000)],
    };
    let e = schedule(&net, &WorkCalendar::weekdays(), d("2026-03-02")).unwrap_err();
    assert_eq!(e.code, "bad_lag");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Random acyclic networks (links only from lower to higher index) on the all-days calendar,
    /// where working day i is simply origin + i.
    fn network() -> impl Strategy<Value = Network> {
        (1usize..25).prop_flat_map(|n| {
            let tasks = proptest::collection::vec((0i64..6, proptest::option::of(0i64..20)), n);
            let links =
                proptest::collection::vec((0usize..n, 0usize..n, 0usize..4, -4i64..5), 0..(2 * n));
            (tasks, links).prop_map(|(tasks, links)| Network {
                tasks: tasks
                    .into_iter()
                    .enumerate()
                    .map(|(i, (duration, offset))| Task {
                        name: format!("T{i}"),
                        duration,
                        not_before: offset.map(|o| d("2026-01-01") + chrono::Duration::days(o)),
                    })
                    .collect(),
                links: links
                    .into_iter()
                    .filter(|(a, b, _, _)| a < b)
                    .map(|(a, b, k, lag)| link(a, b, LinkKind::ALL[k], lag))
                    .collect(),
            })
        })
    }

    proptest! {
        #[test]
        fn schedules_are_feasible_tight_and_have_a_critical_path(net in network()) {
            let s = schedule(&net, &WorkCalendar::all_days(), d("2026-01-01")).unwrap();
            let day = |x: NaiveDate| (x - d("2026-01-01")).num_days();
            let start: Vec<i64> = s.tasks.iter().map(|t| day(t.start)).collect();
            let fin: Vec<i64> = (0..net.tasks.len()).map(|i| start[i] + net.tasks[i].duration).collect();
            let mut tight = vec![false; net.tasks.len()];
            for (i, t) in net.tasks.iter().enumerate() {
                let own = t.not_before.map(day).unwrap_or(0);
                prop_assert!(start[i] >= own);
                tight[i] = start[i] == own;
                prop_assert!(s.tasks[i].total_float >= 0);
            }
            for l in &net.links {
                let from = if l.kind.from_finish() { fin[l.pred] } else { start[l.pred] };
                let to = if l.kind.to_finish() { fin[l.succ] } else { start[l.succ] };
                prop_assert!(to >= from + l.lag, "{:?} violated", l);
                if to == from + l.lag {
                    tight[l.succ] = true;
                }
            }
            // Every start is as early as allowed: its own start or a binding link holds it.
            prop_assert!(tight.iter().all(|&t| t));
            prop_assert!(s.tasks.iter().any(|t| t.critical));
        }

        /// Total float is exact: a task asked to start `float` days later leaves the project
        /// finish alone, one day more moves it.
        #[test]
        fn float_is_the_slack_before_the_finish_moves(net in network(), pick in 0usize..25) {
            let cal = WorkCalendar::all_days();
            let origin = d("2026-01-01");
            let project_end = |net: &Network| {
                let s = schedule(net, &cal, origin).unwrap();
                (0..net.tasks.len())
                    .map(|i| (s.tasks[i].start - origin).num_days() + net.tasks[i].duration)
                    .max()
                    .unwrap()
            };
            let s = schedule(&net, &cal, origin).unwrap();
            let i = pick % net.tasks.len();
            let end = project_end(&net);
            let float = s.tasks[i].total_float;
            let mut later = net.clone();
            later.tasks[i].not_before = Some(s.tasks[i].start + chrono::Duration::days(float));
            prop_assert_eq!(project_end(&later), end);
            later.tasks[i].not_before = Some(s.tasks[i].start + chrono::Duration::days(float + 1));
            prop_assert_eq!(project_end(&later), end + 1);
        }
    }
}
