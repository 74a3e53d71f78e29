//! The action outline (objective → action → sub-action): parents, children and display order.

use super::store::ActionRow;
use crate::error::Code;
use crate::error::{Error, Result};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Outline {
    pub parent: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    /// Depth first, siblings in sort order: the rows of the Gantt grid.
    pub order: Vec<usize>,
    pub depth: Vec<u32>,
    index: HashMap<i64, usize>,
}

pub(crate) fn missing_action(id: i64) -> Error {
    Error::new(
        Code::ActionMissing,
        format!("找不到举措 #{id}"),
        format!("Action #{id} does not exist"),
    )
}

impl Outline {
    /// `actions` must already be in sort order.
    pub fn new(actions: &[ActionRow]) -> Result<Outline> {
        let n = actions.len();
        let index: HashMap<i64, usize> =
            actions.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let parent: Vec<Option<usize>> = actions
            .iter()
            .map(|a| a.parent_id.and_then(|p| index.get(&p).copied()))
            .collect();
        let mut children = vec![Vec::new(); n];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        let mut order = Vec::with_capacity(n);
        let mut depth = vec![0u32; n];
        let mut stack: Vec<usize> = (0..n).filter(|&i| parent[i].is_none()).rev().collect();
        while let Some(i) = stack.pop() {
            order.push(i);
            for &c in children[i].iter().rev() {
                depth[c] = depth[i] + 1;
                stack.push(c);
            }
        }
        if order.len() < n {
            let mut seen = vec![false; n];
            for &i in &order {
                seen[i] = true;
            }
            let lost: Vec<String> = (0..n)
                .filter(|&i| !seen[i])
                .map(|i| format!("“{}”", actions[i].title))
                .collect();
            let names = lost.join("、");
            return Err(Error::new(
                Code::ActionParentCycle,
                format!("举措的上下级关系形成循环：{names}"),
                format!(
                    "The action outline loops back on itself: {}",
                    names.replace(['“', '”'], "\"")
                ),
            ));
        }
        Ok(Outline {
            parent,
            children,
            order,
            depth,
            index,
        })
    }

    pub fn is_summary(&self, i: usize) -> bool {
        !self.children[i].is_empty()
    }

    pub fn index_of(&self, id: i64) -> Result<usize> {
        self.index
            .get(&id)
            .copied()
            .ok_or_else(|| missing_action(id))
    }

    /// Children before their parents.
    pub fn bottom_up(&self) -> impl Iterator<Item = usize> + '_ {
        self.order.iter().rev().copied()
    }
}
