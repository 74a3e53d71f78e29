//! Closing the PDCA loop: an improvement (or lesson) becomes an action of the plan, under one
//! objective per review ("华东 2026-Q2 复盘改进"), with its owner and due date, so it is
//! scheduled, tracked and reviewed like every other action.

use super::Item;
use crate::error::{Error, Lang, Result};
use crate::plan::actions::{create_action, ActionInput};
use crate::store::Workspace;
use crate::variance::Engine;
use rusqlite::OptionalExtension;

/// Adds review item `item` to the action plan; returns the new action's id.
pub fn add_to_plan(ws: &Workspace, item: i64, lang: Lang) -> Result<i64> {
    let review: i64 = ws
        .conn()
        .query_row(
            "SELECT review_id FROM review_item WHERE id = ?1",
            [item],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            Error::new(
                "review_entry_not_found",
                format!("找不到清单项 #{item}（可能已被删除）"),
                format!("Item #{item} was not found (it may have been deleted)"),
            )
        })?;
    let r = super::get(ws, review)?;
    let it: &Item = r
        .lessons
        .iter()
        .chain(&r.improvements)
        .find(|i| i.id == item)
        .expect("the item of its own review");
    let s = &r.summary;
    let objective = match lang {
        Lang::Zh => format!("{} {} 复盘改进", s.node_name, s.period),
        Lang::En => format!("{} {} review actions", s.node_name, s.period),
    };
    let actions: Vec<(i64, Option<i64>, String)> = {
        let mut st = ws
            .conn()
            .prepare("SELECT id, parent_id, title FROM action ORDER BY id")?;
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    let parent = actions
        .iter()
        .find(|(_, p, t)| p.is_none() && *t == objective)
        .map(|(id, _, _)| *id);
    if let Some(p) = parent {
        if actions
            .iter()
            .any(|(_, q, t)| *q == Some(p) && *t == it.text)
        {
            return Err(Error::new(
                "review_in_plan",
                format!("“{}”已在行动计划的“{objective}”下", it.text),
                format!(
                    "\"{}\" is already in the action plan under \"{objective}\"",
                    it.text
                ),
            ));
        }
    }
    let eng = Engine::new(ws)?;
    let start = eng.as_of;
    let owner = it
        .owner
        .as_deref()
        .and_then(|p| eng.tree.resolve(p).ok())
        .filter(|n| n.kind == "person");
    let parent = match parent {
        Some(p) => p,
        None => {
            create_action(
                ws,
                &ActionInput {
                    objective: objective.clone(),
                    title: objective.clone(),
                    start,
                    ..ActionInput::default()
                },
            )?
            .0
        }
    };
    let notes = match &it.verification {
        Some(v) => {
            let name = if lang == Lang::Zh {
                &v.metric_name_zh
            } else {
                &v.metric_name_en
            };
            let window = it.check.as_ref().map(|c| c.window.as_str()).unwrap_or("");
            match lang {
                Lang::Zh => format!("验证指标：{name}，验证期 {window}"),
                Lang::En => format!("Verified by {name} in {window}"),
            }
        }
        None => String::new(),
    };
    let (id, _) = create_action(
        ws,
        &ActionInput {
            parent_id: Some(parent),
            objective,
            title: it.text.clone(),
            owner_id: owner.map(|n| n.id),
            owner_name: owner
                .map(|n| n.name.clone())
                .or_else(|| it.owner_name.clone())
                .unwrap_or_default(),
            start,
            // Due on a day already past: a week's work from today, for the plan to show late.
            finish: it.due.filter(|d| *d >= start),
            duration: if it.due.is_some_and(|d| d >= start) {
                None
            } else {
                Some(5)
            },
            notes,
            ..ActionInput::default()
        },
    )?;
    Ok(id)
}
