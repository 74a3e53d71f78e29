//! The organisation tree in memory: paths (`/`, `/华东`, `/华东/华东一组/张三`), children, and
//! the people under every node, so figures roll up without asking the database per node.

use super::model::OrgNode;
use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct OrgTree {
    pub nodes: Vec<OrgNode>,
    index: HashMap<i64, usize>,
    roots: usize,
}

impl OrgTree {
    pub fn load(conn: &Connection) -> Result<OrgTree> {
        let nodes = super::store::catalog::org_units(conn)?;
        let index: HashMap<i64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        let roots = nodes.iter().filter(|n| n.parent_id.is_none()).count();
        let mut tree = OrgTree {
            nodes,
            index,
            roots,
        };
        for i in 0..tree.nodes.len() {
            if let Some(p) = tree.nodes[i]
                .parent_id
                .and_then(|p| tree.index.get(&p).copied())
            {
                tree.nodes[p].children.push(i);
            }
        }
        Ok(tree)
    }

    pub fn get(&self, id: i64) -> Option<&OrgNode> {
        self.index.get(&id).map(|&i| &self.nodes[i])
    }

    fn idx(&self, id: i64) -> usize {
        self.index[&id]
    }

    pub fn root(&self) -> Option<&OrgNode> {
        self.nodes.iter().find(|n| n.parent_id.is_none())
    }

    /// Finds a node by its path of names below the company: `/` is the company.
    pub fn resolve(&self, path: &str) -> Result<&OrgNode> {
        let missing = || {
            Error::new(
                Code::NodeNotFound,
                format!("找不到组织节点“{path}”（路径如 /华东/华东一组/张三）"),
                format!("No organisation node \"{path}\" (paths look like /East/Team 1/Alice)"),
            )
        };
        let mut node = self.root().ok_or_else(missing)?;
        for part in path.split('/').filter(|p| !p.trim().is_empty()) {
            // A person back in a former team has a row per stint under one name: the path
            // names the latest (their current membership).
            node = node
                .children
                .iter()
                .rev()
                .map(|&c| &self.nodes[c])
                .find(|c| c.name == part.trim())
                .ok_or_else(missing)?;
        }
        Ok(node)
    }

    pub fn path(&self, id: i64) -> String {
        let mut parts = Vec::new();
        let mut cur = self.get(id);
        while let Some(n) = cur {
            if n.parent_id.is_none() {
                break;
            }
            parts.push(n.name.as_str());
            cur = n.parent_id.and_then(|p| self.get(p));
        }
        parts.reverse();
        format!("/{}", parts.join("/"))
    }

    pub fn children(&self, id: i64) -> Vec<&OrgNode> {
        self.nodes[self.idx(id)]
            .children
            .iter()
            .map(|&c| &self.nodes[c])
            .collect()
    }

    /// Every node below `id` (not `id` itself), depth first.
    pub fn descendants(&self, id: i64) -> Vec<&OrgNode> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.nodes[self.idx(id)]
            .children
            .iter()
            .rev()
            .copied()
            .collect();
        while let Some(i) = stack.pop() {
            out.push(&self.nodes[i]);
            stack.extend(self.nodes[i].children.iter().rev().copied());
        }
        out
    }

    /// The people at or below `id`.
    pub fn people(&self, id: i64) -> Vec<i64> {
        let node = &self.nodes[self.idx(id)];
        if node.kind == "person" {
            return vec![id];
        }
        self.descendants(id)
            .into_iter()
            .filter(|n| n.kind == "person")
            .map(|n| n.id)
            .collect()
    }

    /// Whether `id` is the root of the whole tree (then no person filter is needed).
    pub fn is_root(&self, id: i64) -> bool {
        self.roots == 1 && self.get(id).is_some_and(|n| n.parent_id.is_none())
    }
}
