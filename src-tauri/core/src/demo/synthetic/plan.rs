//! A large synthetic action plan for measuring the Gantt: objectives of nine actions each, chained
//! finish-to-start inside an objective, with a start-to-start link across every other objective.

use crate::demo::rng::Rng;
use crate::error::Result;
use crate::plan::store::{delete_all_actions, insert_link, write_action, ActionFields};
use crate::plan::LinkKind;
use crate::store::Workspace;
use chrono::{Duration, NaiveDate};

/// Replaces the workspace's plan with `tasks` synthetic actions (a tenth of them objectives) and
/// schedules it. Returns the number of links written.
pub fn write_synthetic_plan(ws: &Workspace, tasks: usize, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let tx = ws.conn().unchecked_transaction()?;
    delete_all_actions(&tx)?;
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    let owners = ["张三", "李四", "王五", "赵六", "陈静", "刘洋"];
    let priorities = ["high", "medium", "low"];
    let (mut parent, mut previous, mut first_of_previous) = (None::<i64>, None::<i64>, None::<i64>);
    let mut links = 0;
    for i in 0..tasks {
        let objective = i % 10 == 0;
        let s = start + Duration::days(rng.range(0, 300));
        let f = s + Duration::days(rng.range(1, 20));
        let title = if objective {
            format!("目标 {}", i / 10 + 1)
        } else {
            format!("举措 {}-{}", i / 10 + 1, i % 10)
        };
        let (s, f) = (s.to_string(), f.to_string());
        let id = write_action(
            &tx,
            None,
            &ActionFields {
                parent_id: if objective { None } else { parent },
                title: &title,
                owner_name: owners[i % owners.len()],
                start: &s,
                finish: &f,
                requested_start: Some(&s),
                progress_bp: rng.range(0, 100) * 100,
                priority: priorities[i % 3],
                status: "active",
                sort: i as i64,
                ..ActionFields::default()
            },
        )?;
        if objective {
            parent = Some(id);
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            insert_link(&tx, p, id, LinkKind::FS, 0)?;
            links += 1;
        } else {
            if let Some(q) = first_of_previous.filter(|_| (i / 10) % 2 == 0) {
                insert_link(&tx, q, id, LinkKind::SS, 2)?;
                links += 1;
            }
            first_of_previous = Some(id);
        }
        previous = Some(id);
    }
    tx.commit()?;
    // Store the dates as the scheduler places them.
    crate::plan::edit::reschedule(ws)?;
    Ok(links)
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_a_schedulable_plan() {
        let mut ws = crate::store::Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        let links = super::write_synthetic_plan(&ws, 200, 1).unwrap();
        let view = crate::plan::plan_view(&ws).unwrap();
        assert_eq!(view.tasks.len(), 200);
        assert_eq!(view.links.len(), links);
        // 20 objectives: 8 finish-to-start links inside each, and a start-to-start link into the
        // first action of objectives 3, 5, … 19 (even index k = 2..18).
        assert_eq!(links, 20 * 8 + 9);
        assert!(view.tasks.iter().any(|t| t.critical));
    }
}
