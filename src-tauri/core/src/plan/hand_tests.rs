//! The plan maintained by hand: add, delete and restore, indent and outdent, each checked against
//! the rows as they were.

use super::hand::{add_below, indent, outdent, place, remove, restore};
use crate::store::Workspace;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A blank workspace with one objective and two actions under it, A then B (B starts after A).
fn small_plan() -> (Workspace, i64, i64, i64) {
    use super::actions::{create_action, ActionInput};
    let ws = Workspace::open_in_memory().unwrap();
    crate::store::catalog::write_catalog(ws.conn(), 2026).unwrap();
    let add = |parent, title: &str, start, sort| {
        create_action(
            &ws,
            &ActionInput {
                parent_id: parent,
                title: title.into(),
                start: d(start),
                duration: Some(3),
                sort,
                ..Default::default()
            },
        )
        .unwrap()
        .0
    };
    let goal = add(None, "拓新客", "2026-03-02", 0);
    let a = add(Some(goal), "A", "2026-03-02", 1);
    let b = add(Some(goal), "B", "2026-03-09", 2);
    (ws, goal, a, b)
}

/// (title, parent title, depth) in outline order.
fn outline(v: &super::PlanView) -> Vec<(String, String, u32)> {
    v.tasks
        .iter()
        .map(|t| {
            let parent = t
                .parent_id
                .and_then(|p| v.tasks.iter().find(|x| x.id == p))
                .map(|p| p.title.clone())
                .unwrap_or_default();
            (t.title.clone(), parent, t.depth)
        })
        .collect()
}

fn row(title: &str, parent: &str, depth: u32) -> (String, String, u32) {
    (title.into(), parent.into(), depth)
}

#[test]
fn a_new_action_goes_right_below_the_selected_one_with_its_start() {
    let (ws, _, a, _) = small_plan();
    let added = add_below(&ws, Some(a), "新举措", d("2026-12-06")).unwrap();
    assert_eq!(
        outline(&added.view),
        [
            row("拓新客", "", 0),
            row("A", "拓新客", 1),
            row("新举措", "拓新客", 1),
            row("B", "拓新客", 1),
        ]
    );
    let t = added.view.tasks.iter().find(|t| t.id == added.id).unwrap();
    // Five working days from Monday 2026-03-02: to Friday 03-06.
    assert_eq!(
        (t.start, t.finish, t.duration),
        (d("2026-03-02"), d("2026-03-06"), 5)
    );
    // Nothing selected: at the end, at the top level, from today.
    let last = add_below(&ws, None, "收尾", d("2026-12-07")).unwrap();
    let t = last.view.tasks.last().unwrap();
    assert_eq!(
        (t.title.as_str(), t.depth, t.start),
        ("收尾", 0, d("2026-12-07"))
    );
}

#[test]
fn a_deleted_action_comes_back_whole_with_its_links_and_sub_actions() {
    let (ws, _, a, b) = small_plan();
    super::edit::add_link(&ws, a, b, super::LinkKind::FS, 0).unwrap();
    // B has a link: it cannot take sub-actions.
    let loose = add_below(&ws, None, "子项", d("2026-03-02")).unwrap().id;
    let under_b = super::hand::Place {
        parent_id: Some(b),
        sort: 99,
    };
    assert_eq!(place(&ws, loose, under_b).unwrap_err().code, "summary_link");
    super::hand::remove(&ws, loose).unwrap();
    let before = super::plan_view(&ws).unwrap();
    let deleted = remove(&ws, a).unwrap();
    assert!(deleted.view.tasks.iter().all(|t| t.id != a));
    assert!(deleted.view.links.is_empty(), "A's link went with it");
    let back = restore(&ws, &deleted.removed).unwrap();
    assert_eq!(outline(&back), outline(&before));
    assert_eq!(back.links.len(), 1);
    assert_eq!(
        (back.links[0].predecessor_id, back.links[0].successor_id),
        (a, b)
    );
    // Restoring twice is refused, nothing half-done.
    assert!(restore(&ws, &deleted.removed).is_err());
    assert_eq!(outline(&super::plan_view(&ws).unwrap()), outline(&before));
}

#[test]
fn indent_goes_under_the_action_above_and_outdent_beside_the_parent() {
    let (ws, goal, a, b) = small_plan();
    let moved = indent(&ws, b).unwrap();
    let (was, v) = (moved.was, moved.view);
    assert_eq!(
        outline(&v),
        [
            row("拓新客", "", 0),
            row("A", "拓新客", 1),
            row("B", "A", 2)
        ]
    );
    // A is now a summary: its dates span B's.
    let a_row = v.tasks.iter().find(|t| t.id == a).unwrap();
    assert!(a_row.summary);
    // Undo puts B back where it was.
    let v = place(&ws, b, was).unwrap();
    assert_eq!(
        outline(&v),
        [
            row("拓新客", "", 0),
            row("A", "拓新客", 1),
            row("B", "拓新客", 1)
        ]
    );
    assert_eq!(indent(&ws, a).unwrap_err().code, "plan_outline_move");
    let v = outdent(&ws, a).unwrap().view;
    assert_eq!(
        outline(&v),
        [row("拓新客", "", 0), row("B", "拓新客", 1), row("A", "", 0)]
    );
    assert_eq!(outdent(&ws, goal).unwrap_err().code, "plan_outline_move");
}

#[test]
fn a_link_that_would_push_a_started_action_is_shown_before_it_is_made() {
    use super::link_warnings::consequences;
    let (ws, _, a, b) = small_plan();
    // A: Mon 03-02..Wed 03-04. FS with a 10-working-day lag: B may start ten working days after
    // Thu 03-05, on Thu 03-19 (not 03-09), and its three days end Mon 03-23.
    let pushed = consequences(&ws, a, b, super::LinkKind::FS, 10, d("2026-03-10")).unwrap();
    assert_eq!(pushed.len(), 1);
    let p = &pushed[0];
    assert_eq!(
        (p.id, p.start_before, p.start_after, p.finish_after),
        (b, d("2026-03-09"), d("2026-03-19"), d("2026-03-23"))
    );
    assert!(p.started, "B started on 03-09, before today 03-10");
    assert_eq!(p.past_period_end, None);
    // Nothing was written, and a link that moves nothing warns of nothing.
    assert!(super::plan_view(&ws).unwrap().links.is_empty());
    assert!(
        consequences(&ws, a, b, super::LinkKind::FS, 0, d("2026-03-01"))
            .unwrap()
            .is_empty()
    );
}
