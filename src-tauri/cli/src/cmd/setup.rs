//! Setting up one's own company headless: a new workspace, the year plans, the organisation.

use super::args::DbArgs;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::path::PathBuf;
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::money::parse_yuan;
use targetline_core::org::edit::{self, NewUnit};
use targetline_core::org::transfer::{self, Transfer};
use targetline_core::org::{self, Follow, Unit};
use targetline_core::setup::{self, company, plan_year, PlanYearSpec};
use targetline_core::store::Workspace;

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(Code::Internal, e.to_string(), e.to_string()))
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The workspace file to create (an existing one is refused)
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub company: String,
    #[arg(long, value_name = "M", default_value_t = 1)]
    pub fiscal_start_month: u32,
    /// The first plan year (a blank plan)
    #[arg(long, value_name = "Y")]
    pub year: i32,
    /// The company's base revenue target (e.g. 1000万)
    #[arg(long, value_name = "V")]
    pub target: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum PlanYearCmd {
    /// Create a year's plan, blank or copied from an earlier year with growth
    Create {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "Y")]
        year: i32,
        #[arg(long, value_name = "V")]
        target: Option<String>,
        #[arg(long, value_name = "Y")]
        copy_from: Option<i32>,
        /// Growth over the copied year, e.g. 10%
        #[arg(long, value_name = "P")]
        growth: Option<String>,
    },
    /// Approve a year's plan
    Approve {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "Y")]
        year: i32,
        #[arg(long, value_name = "NAME")]
        by: String,
    },
    /// Archive a year's plan (it leaves the year picker; Settings still lists it)
    Archive {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "Y")]
        year: i32,
    },
}

#[derive(Subcommand, Debug)]
pub enum OrgCmd {
    /// Add a region, team or person at a path (/华东/一组)
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "PATH")]
        path: String,
        #[arg(long, value_name = "region|team|person")]
        kind: String,
        #[arg(long, value_name = "N")]
        headcount: Option<i64>,
        /// Capacity per head a year (e.g. 200万)
        #[arg(long, value_name = "V")]
        per_head: Option<String>,
        #[arg(long, value_name = "NAME", default_value = "")]
        manager: String,
    },
    /// Rename a unit (the company too: --path /)
    Rename {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "PATH")]
        path: String,
        #[arg(long, value_name = "NAME")]
        name: String,
    },
    /// Move a unit with its members under another parent (a reorganisation)
    Move {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "PATH")]
        path: String,
        #[arg(long, value_name = "PATH")]
        to: String,
    },
    /// Retire a unit from a date (a person leaves); --restore undoes it
    Retire {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "PATH")]
        path: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        restore: bool,
    },
    /// A person transfers to another unit on a date
    Transfer {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_name = "PATH")]
        person: String,
        #[arg(long, value_name = "PATH")]
        to: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// move (the remaining targets go with the person) or resplit (they stay in the old team)
        #[arg(long, value_name = "move|resplit", default_value = "move")]
        targets: String,
    },
    /// Undo a person's latest transfer (targets exactly as before, actuals back)
    UndoTransfer {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The person where they are now
        #[arg(long, value_name = "PATH")]
        person: String,
    },
}

/// "10%", "12.5" -> basis points, exactly.
pub(super) fn percent_bp(text: &str) -> Result<i64> {
    let t = text.trim().trim_end_matches(['%', '％']);
    targetline_core::number::parse_scaled(t, 2, targetline_core::import::NumberFormat::PointDecimal)
        .map_err(|_| {
            Error::new(
                Code::BadPercent,
                format!("百分比“{text}”无效，例如 10%"),
                format!("Invalid percentage \"{text}\", e.g. 10%"),
            )
        })
}

fn money(v: Option<&String>) -> Result<Option<i64>> {
    v.map(|s| parse_yuan(s)).transpose()
}

pub fn new(a: &NewArgs) -> Result<Value> {
    if a.db.exists() {
        return Err(Error::new(
            Code::Exists,
            format!("文件“{}”已存在", a.db.display()),
            format!("\"{}\" already exists", a.db.display()),
        ));
    }
    let ws = Workspace::create_blank(&a.db, a.year)?;
    company::set_name(&ws, &a.company)?;
    let spec = PlanYearSpec {
        year: a.year,
        fiscal_start_month: Some(a.fiscal_start_month),
        target: money(a.target.as_ref())?,
        ..Default::default()
    };
    plan_year::create(&ws, &spec)?;
    to_json(&setup::status(&ws)?)
}

pub fn plan_year(c: &PlanYearCmd) -> Result<Value> {
    match c {
        PlanYearCmd::Create {
            db,
            year,
            target,
            copy_from,
            growth,
        } => {
            let ws = Workspace::open_existing(db)?;
            let growth_bp = match growth {
                Some(g) => percent_bp(g)?,
                None => 0,
            };
            let spec = PlanYearSpec {
                year: *year,
                target: money(target.as_ref())?,
                copy_from: *copy_from,
                growth_bp,
                ..Default::default()
            };
            to_json(&plan_year::create(&ws, &spec)?)
        }
        PlanYearCmd::Approve { db, year, by } => {
            let ws = Workspace::open_existing(db)?;
            plan_year::approve(&ws, *year, by, &targetline_core::now_stamp())?;
            to_json(&setup::status(&ws)?)
        }
        PlanYearCmd::Archive { db, year } => {
            let ws = Workspace::open_existing(db)?;
            plan_year::archive(&ws, *year, &targetline_core::now_stamp())?;
            to_json(&setup::status(&ws)?)
        }
    }
}

/// The unit at `path` (/华东/一组/张三; / is the company), a retired one too when no active unit
/// has that name (so a retired unit can be restored).
fn resolve(ws: &Workspace, path: &str) -> Result<i64> {
    let units = org::units(ws.conn())?;
    let missing = || {
        Error::new(
            Code::NodeNotFound,
            format!("找不到组织节点“{path}”（路径如 /华东/华东一组/张三）"),
            format!("No organisation node \"{path}\" (paths look like /East/Team 1/Alice)"),
        )
    };
    let mut at = units
        .iter()
        .find(|u| u.parent_id.is_none())
        .ok_or_else(missing)?
        .id;
    for part in path.split('/').map(str::trim).filter(|p| !p.is_empty()) {
        let named = |u: &&Unit| u.parent_id == Some(at) && u.name == part;
        at = units
            .iter()
            .filter(named)
            .max_by_key(|u| (u.active, u.id))
            .ok_or_else(missing)?
            .id;
    }
    Ok(at)
}

fn unit_of(ws: &Workspace, id: i64) -> Result<Unit> {
    org::units(ws.conn())?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| {
            Error::new(
                Code::NodeNotFound,
                format!("找不到组织单元 {id}"),
                format!("No organisation unit {id}"),
            )
        })
}

pub fn org(c: &OrgCmd) -> Result<Value> {
    match c {
        OrgCmd::Add {
            db,
            path,
            kind,
            headcount,
            per_head,
            manager,
        } => {
            let ws = Workspace::open_existing(db)?;
            let (parent, name) = path
                .trim_end_matches('/')
                .rsplit_once('/')
                .unwrap_or(("", path));
            let parent_id = resolve(&ws, if parent.is_empty() { "/" } else { parent })?;
            let id = edit::add(
                &ws,
                &NewUnit {
                    parent_id,
                    kind: kind.clone(),
                    name: name.to_string(),
                    headcount: *headcount,
                    capacity_per_head: money(per_head.as_ref())?,
                    manager: manager.clone(),
                    joined: None,
                },
            )?;
            Ok(json!({ "id": id }))
        }
        OrgCmd::Rename { db, path, name } => {
            let ws = Workspace::open_existing(db)?;
            let id = resolve(&ws, path)?;
            edit::rename(&ws, id, name)?;
            to_json(&unit_of(&ws, id)?)
        }
        OrgCmd::Move { db, path, to } => {
            let ws = Workspace::open_existing(db)?;
            let id = resolve(&ws, path)?;
            let parent = resolve(&ws, to)?;
            edit::move_unit(&ws, id, parent)?;
            to_json(&unit_of(&ws, id)?)
        }
        OrgCmd::Retire {
            db,
            path,
            date,
            restore,
        } => {
            let ws = Workspace::open_existing(db)?;
            let id = resolve(&ws, path)?;
            if *restore {
                edit::restore(&ws, id)?;
            } else {
                let day = date
                    .clone()
                    .unwrap_or_else(|| targetline_core::today().to_string());
                edit::retire(&ws, id, &day)?;
            }
            to_json(&unit_of(&ws, id)?)
        }
        OrgCmd::Transfer {
            db,
            person,
            to,
            date,
            targets,
        } => {
            let ws = Workspace::open_existing(db)?;
            let follow = match targets.as_str() {
                "resplit" => Follow::Resplit,
                _ => Follow::Move,
            };
            let t = Transfer {
                person_id: resolve(&ws, person)?,
                to_unit_id: resolve(&ws, to)?,
                date: date.clone(),
                targets: follow,
            };
            to_json(&transfer::apply(&ws, &t)?)
        }
        OrgCmd::UndoTransfer { db, person } => {
            let ws = Workspace::open_existing(db)?;
            let id = resolve(&ws, person)?;
            let back = org::transfer_undo::undo(&ws, id)?;
            to_json(&unit_of(&ws, back)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::run_json;

    #[test]
    fn a_company_is_set_up_and_a_person_transferred_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("own.targetline");
        let db = db.to_str().unwrap();
        let s = run_json(&[
            "new",
            "--db",
            db,
            "--company",
            "新星科技",
            "--fiscal-start-month",
            "1",
            "--year",
            "2026",
            "--target",
            "1000万",
        ])
        .unwrap();
        assert_eq!(s["company"], "新星科技");
        assert_eq!(s["planYears"][0]["target"], 1_000_000_000);
        for (path, kind) in [
            ("/华东", "region"),
            ("/华东/一组", "team"),
            ("/华东/二组", "team"),
            ("/华东/一组/张三", "person"),
        ] {
            run_json(&["org", "add", "--db", db, "--path", path, "--kind", kind]).unwrap();
        }
        let refused = run_json(&[
            "org", "add", "--db", db, "--path", "/钱七", "--kind", "person",
        ])
        .unwrap_err();
        assert_eq!(refused.code, "org_bad_place");
        let t = run_json(&[
            "org",
            "transfer",
            "--db",
            db,
            "--person",
            "/华东/一组/张三",
            "--to",
            "/华东/二组",
            "--date",
            "2026-07-01",
        ])
        .unwrap();
        assert_eq!(t["actualRowsMoved"], 0);
        // Undone: 张三 is back in 一组 (the same row, current again); done again for what follows.
        let back = run_json(&[
            "org",
            "undo-transfer",
            "--db",
            db,
            "--person",
            "/华东/二组/张三",
        ])
        .unwrap();
        assert_eq!(
            (back["active"].clone(), back["validTo"].clone()),
            (true.into(), serde_json::Value::Null)
        );
        let refused = run_json(&[
            "org",
            "undo-transfer",
            "--db",
            db,
            "--person",
            "/华东/一组/张三",
        ])
        .unwrap_err();
        assert_eq!(refused.code, "transfer_undo_unavailable");
        run_json(&[
            "org",
            "transfer",
            "--db",
            db,
            "--person",
            "/华东/一组/张三",
            "--to",
            "/华东/二组",
            "--date",
            "2026-07-01",
        ])
        .unwrap();
        let copy = run_json(&[
            "plan-year",
            "create",
            "--db",
            db,
            "--year",
            "2027",
            "--copy-from",
            "2026",
            "--growth",
            "10%",
        ])
        .unwrap();
        assert_eq!(copy["target"], 1_100_000_000);
        run_json(&[
            "plan-year",
            "approve",
            "--db",
            db,
            "--year",
            "2027",
            "--by",
            "总经理",
        ])
        .unwrap();
        let info = run_json(&["info", "--db", db]).unwrap();
        assert_eq!(info["company"], "新星科技");
        let years: Vec<(i64, String)> = info["planYears"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["year"].as_i64().unwrap(),
                    p["status"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            years,
            vec![(2027, "approved".to_string()), (2026, "draft".to_string())]
        );
    }

    #[test]
    fn units_are_renamed_moved_retired_and_a_plan_archived_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("org.targetline");
        let db = db.to_str().unwrap();
        run_json(&[
            "new",
            "--db",
            db,
            "--company",
            "新星科技",
            "--year",
            "2026",
            "--target",
            "1000万",
        ])
        .unwrap();
        for (path, kind) in [
            ("/华东", "region"),
            ("/华南", "region"),
            ("/华东/一组", "team"),
            ("/华东/一组/张三", "person"),
        ] {
            run_json(&["org", "add", "--db", db, "--path", path, "--kind", kind]).unwrap();
        }
        let renamed = run_json(&[
            "org",
            "rename",
            "--db",
            db,
            "--path",
            "/华东/一组",
            "--name",
            "华东一组",
        ])
        .unwrap();
        assert_eq!(renamed["name"], "华东一组");
        let company = run_json(&[
            "org",
            "rename",
            "--db",
            db,
            "--path",
            "/",
            "--name",
            "新星智能",
        ])
        .unwrap();
        assert_eq!(company["name"], "新星智能");
        let south: i64 = run_json(&[
            "org",
            "add",
            "--db",
            db,
            "--path",
            "/华南/二组",
            "--kind",
            "team",
        ])
        .unwrap()["id"]
            .as_i64()
            .unwrap();
        let moved = run_json(&[
            "org",
            "move",
            "--db",
            db,
            "--path",
            "/华东/华东一组",
            "--to",
            "/华南",
        ])
        .unwrap();
        let south_region = run_json(&[
            "org", "rename", "--db", db, "--path", "/华南", "--name", "华南",
        ])
        .unwrap()["id"]
            .as_i64()
            .unwrap();
        assert_eq!(moved["parentId"], south_region);
        assert_ne!(moved["parentId"], south);
        // A team with an active member is refused; its person leaves first.
        let refused = run_json(&[
            "org",
            "retire",
            "--db",
            db,
            "--path",
            "/华南/华东一组",
            "--date",
            "2026-06-30",
        ])
        .unwrap_err();
        assert_eq!(refused.code, "org_retire_has_members");
        let left = run_json(&[
            "org",
            "retire",
            "--db",
            db,
            "--path",
            "/华南/华东一组/张三",
            "--date",
            "2026-06-30",
        ])
        .unwrap();
        assert_eq!(
            (left["active"].clone(), left["validTo"].clone()),
            (false.into(), "2026-06-30".into())
        );
        let back = run_json(&[
            "org",
            "retire",
            "--db",
            db,
            "--path",
            "/华南/华东一组/张三",
            "--restore",
        ])
        .unwrap();
        assert_eq!(
            (back["active"].clone(), back["validTo"].clone()),
            (true.into(), serde_json::Value::Null)
        );
        let missing = run_json(&[
            "org", "rename", "--db", db, "--path", "/华北", "--name", "x",
        ])
        .unwrap_err();
        assert_eq!(missing.code, "node_not_found");

        let s = run_json(&["plan-year", "archive", "--db", db, "--year", "2026"]).unwrap();
        assert_eq!(s["planYears"][0]["year"], 2026);
        assert_eq!(s["planYears"][0]["status"], "archived");
    }
}
