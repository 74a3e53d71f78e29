//! Closing the PDCA loop: an improvement (or lesson) becomes an action of the plan, under one
//! objective per review ("华东 2026-Q2 复盘改进"), with its owner and due date, so it is
//! scheduled, tracked and reviewed like every other action.

use super::Item;
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::plan::actions::{create_action, ActionInput};
use crate::store::Workspace;
use crate::variance::Engine;

/// Adds review item `item` to the action plan; returns the new action's id.
pub fn add_to_plan(ws: &Workspace, item: i64, lang: Lang) -> Result<i64> {
    let eng = Engine::new(ws)?;
    let (s, it) = super::summary_and_item(ws, &eng, item)?;
    let s = &s;
    let it: &Item = &it;
    let objective = match lang {
        Lang::Zh => format!("{} {} 复盘改进", s.node_name, s.period),
        Lang::En => format!("{} {} review actions", s.node_name, s.period),
    };
    let actions = crate::plan::store::load_actions(ws.conn())?;
    let parent = actions
        .iter()
        .find(|a| a.parent_id.is_none() && a.title == objective)
        .map(|a| a.id);
    if let Some(p) = parent {
        if actions
            .iter()
            .any(|a| a.parent_id == Some(p) && a.title == it.text)
        {
            return Err(Error::new(
                Code::ReviewInPlan,
                format!("“{}”已在行动计划的“{objective}”下", it.text),
                format!(
                    "\"{}\" is already in the action plan under \"{objective}\"",
                    it.text
                ),
            ));
        }
    }
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
