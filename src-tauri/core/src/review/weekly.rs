//! The weekly 3-2-1 report (DESIGN.md): per person and ISO week, three highlights, two problems
//! and one request. The team view lists who has reported and who has not.

use super::store;
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use crate::export::{Cell, Table};
use crate::store::Workspace;
use crate::variance::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyInput {
    pub highlights: [String; 3],
    pub problems: [String; 2],
    pub request: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyReport {
    pub highlights: [String; 3],
    pub problems: [String; 2],
    pub request: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyRow {
    pub person: String,
    pub name: String,
    /// The person's team (parent unit).
    pub team: String,
    pub report: Option<WeeklyReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyWeek {
    pub week: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub submitted: usize,
    pub missing: usize,
    pub rows: Vec<WeeklyRow>,
}

/// Longest entry, in characters.
pub const MAX_ENTRY: usize = 300;

/// `2026-W47` normalised, with its Monday and Sunday; anything else is a clear error.
fn week_range(eng: &Engine, week: &str) -> Result<(String, NaiveDate, NaiveDate)> {
    let key = week.trim().to_ascii_uppercase();
    let bad = || {
        Error::new(
            Code::WeeklyBadWeek,
            format!("周“{week}”无效：应为 ISO 周，例如 2026-W47"),
            format!("Invalid week \"{week}\": expected an ISO week such as 2026-W47"),
        )
    };
    if !key.contains("-W") {
        return Err(bad());
    }
    let key = eng.period_key(&key).map_err(|_| bad())?;
    let (start, end) = eng.period_range(&key).map_err(|_| bad())?;
    Ok((key, start, end))
}

fn person(eng: &Engine, path: &str) -> Result<i64> {
    let n = eng.tree.resolve(path)?;
    if n.kind != "person" {
        return Err(Error::new(
            Code::WeeklyNotPerson,
            format!("周报按人填写：“{}”不是一个人", n.name),
            format!(
                "Weekly reports are per person: \"{}\" is not a person",
                n.name
            ),
        ));
    }
    Ok(n.id)
}

fn clean(input: &WeeklyInput) -> Result<WeeklyInput> {
    let check = |s: &str, zh: String, en: String| -> Result<String> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Error::new(
                Code::WeeklyBlank,
                format!("{zh}为空：3-2-1 周报需要 3 个亮点、2 个问题、1 个求助"),
                format!(
                    "{en} is empty: a 3-2-1 report needs 3 highlights, 2 problems and 1 request"
                ),
            ));
        }
        let n = t.chars().count();
        if n > MAX_ENTRY {
            return Err(Error::new(
                Code::WeeklyLong,
                format!("{zh}有 {n} 个字，最多 {MAX_ENTRY} 个"),
                format!("{en} has {n} characters; at most {MAX_ENTRY}"),
            ));
        }
        Ok(t.to_string())
    };
    let h = &input.highlights;
    let p = &input.problems;
    Ok(WeeklyInput {
        highlights: [
            check(&h[0], "第 1 个亮点".into(), "Highlight 1".into())?,
            check(&h[1], "第 2 个亮点".into(), "Highlight 2".into())?,
            check(&h[2], "第 3 个亮点".into(), "Highlight 3".into())?,
        ],
        problems: [
            check(&p[0], "第 1 个问题".into(), "Problem 1".into())?,
            check(&p[1], "第 2 个问题".into(), "Problem 2".into())?,
        ],
        request: check(&input.request, "求助".into(), "The request".into())?,
    })
}

/// Saves (or replaces) a person's report for a week.
pub fn save(ws: &Workspace, person_path: &str, week: &str, input: &WeeklyInput) -> Result<()> {
    let eng = Engine::new(ws)?;
    let id = person(&eng, person_path)?;
    let (week, _, _) = week_range(&eng, week)?;
    let r = clean(input)?;
    let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    store::put_weekly(
        ws.conn(),
        id,
        &week,
        (&json(&r.highlights), &json(&r.problems), &r.request),
    )?;
    Ok(())
}

fn load(ws: &Workspace, person: i64, week: &str) -> Result<Option<WeeklyReport>> {
    let row = store::weekly(ws.conn(), person, week)?;
    let Some((h, p, request, updated_at)) = row else {
        return Ok(None);
    };
    let damaged = || {
        Error::new(
            Code::WeeklyDamaged,
            format!("{week} 的周报已损坏，请重新填写"),
            format!("The weekly report of {week} is damaged; please enter it again"),
        )
    };
    Ok(Some(WeeklyReport {
        highlights: serde_json::from_str(&h).map_err(|_| damaged())?,
        problems: serde_json::from_str(&p).map_err(|_| damaged())?,
        request,
        updated_at,
    }))
}

/// The people under `node` for `week`: each one's report, or none yet.
pub fn week(ws: &Workspace, node: &str, week: &str) -> Result<WeeklyWeek> {
    let eng = Engine::new(ws)?;
    let (key, start, end) = week_range(&eng, week)?;
    let root = eng.tree.resolve(node)?.id;
    let mut rows = Vec::new();
    for p in eng.tree.people(root) {
        let n = eng.tree.get(p).expect("person from the tree");
        let team = n
            .parent_id
            .and_then(|t| eng.tree.get(t))
            .map(|t| t.name.clone())
            .unwrap_or_default();
        rows.push(WeeklyRow {
            person: eng.tree.path(p),
            name: n.name.clone(),
            team,
            report: load(ws, p, &key)?,
        });
    }
    let submitted = rows.iter().filter(|r| r.report.is_some()).count();
    Ok(WeeklyWeek {
        week: key,
        start,
        end,
        submitted,
        missing: rows.len() - submitted,
        rows,
    })
}

/// The week as a table for the weekly meeting: one row per person, the missing ones marked.
pub fn week_table(w: &WeeklyWeek, lang: Lang) -> Table {
    let zh = lang == Lang::Zh;
    let headers: Vec<String> = if zh {
        [
            "周", "团队", "姓名", "亮点1", "亮点2", "亮点3", "问题1", "问题2", "求助",
        ]
    } else {
        [
            "Week",
            "Team",
            "Name",
            "Highlight 1",
            "Highlight 2",
            "Highlight 3",
            "Problem 1",
            "Problem 2",
            "Request",
        ]
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = w
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Text(w.week.clone()),
                Cell::Text(r.team.clone()),
                Cell::Text(r.name.clone()),
            ];
            match &r.report {
                Some(rep) => row.extend(
                    rep.highlights
                        .iter()
                        .chain(&rep.problems)
                        .chain(std::iter::once(&rep.request))
                        .map(|s| Cell::Text(s.clone())),
                ),
                None => {
                    row.push(Cell::Text(
                        if zh {
                            "（未提交）"
                        } else {
                            "(not submitted)"
                        }
                        .into(),
                    ));
                    row.extend(std::iter::repeat_n(Cell::Empty, 5));
                }
            }
            row
        })
        .collect();
    Table {
        sheet: if zh { "3-2-1周报" } else { "3-2-1 weekly" }.into(),
        headers,
        rows,
    }
}
