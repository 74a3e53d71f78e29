//! `targets …` subcommands: set a value (time and organisation follow as chosen), split a node
//! all the way down, check the plan's consistency (exit 1 when anything is off), set its rules.

use super::args::DbArgs;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang, Result};
use targetline_core::store::Workspace;
use targetline_core::targets::commitments;
use targetline_core::targets::grid::{change_by, SplitChoice};
use targetline_core::targets::revisions::{self, RevisionFilter};
use targetline_core::targets::store::ReasonCategory;
use targetline_core::targets::tree::ops::{
    self, CellEdit, CellRef, ChildrenWay, EditChoice, ParentWay, PlanSel,
};
use targetline_core::targets::tree::{
    split_deep_with, DeepRequest, DimShares, MemberShares, PlanRule, Watch,
};
use targetline_core::targets::Tier;

#[derive(Subcommand, Debug)]
pub enum TargetsCmd {
    /// Set one value; a year or quarter spreads over its months, the organisation as chosen
    Set(SetArgs),
    /// Split a node's target down every level below it (or --depth N levels)
    Split(SplitArgs),
    /// Every time inconsistency and org allocation outside the plan's rule; exit 1 if any
    Check(CheckArgs),
    /// The plan's rounding unit and allocation band
    SetRule(RuleArgs),
    /// One commitment sheet (XLSX) for a unit, with --all one more for every unit below it
    CommitmentsExport(CommitmentsExportArgs),
    /// Read filled commitment sheets back (each file one undo step); exit 1 if any is refused
    CommitmentsImport(CommitmentsImportArgs),
    /// The plan's revision log, newest first (--out FILE.xlsx writes it)
    Revisions(RevisionsArgs),
}

#[derive(Args, Debug)]
pub struct CommitmentsExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "PATH")]
    pub node: String,
    /// The folder the sheets are written into
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also one sheet for every unit below the node
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
}

#[derive(Args, Debug)]
pub struct CommitmentsImportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// Accept only sheets for this unit or a unit below it
    #[arg(long, value_name = "PATH")]
    pub node: Option<String>,
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RevisionsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// A unit and every unit below it
    #[arg(long, value_name = "PATH")]
    pub node: Option<String>,
    #[arg(long, value_name = "P")]
    pub period: Option<String>,
    #[arg(long)]
    pub tier: Option<String>,
    #[arg(long)]
    pub who: Option<String>,
    /// policy, market, execution, resources or other
    #[arg(long)]
    pub category: Option<String>,
    /// YYYY-MM-DD, included
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    /// Write the log as XLSX
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SetArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The unit's path, e.g. / or /华东/华东一组
    #[arg(long, value_name = "PATH")]
    pub node: String,
    /// 2026, 2026-H1, 2026-Q2 or 2026-03
    #[arg(long, value_name = "P")]
    pub period: String,
    /// floor, base, challenge or sprint
    #[arg(long, default_value = "base")]
    pub tier: String,
    /// In yuan: 500000, 3500万, 1.2亿
    #[arg(long, value_name = "V", allow_hyphen_values = true)]
    pub value: String,
    /// A dimension member, e.g. product_line:NAME
    #[arg(long, value_name = "DIM:NAME")]
    pub dim: Option<String>,
    /// The children follow in their current shape (the default)
    #[arg(long, group = "down")]
    pub spread: bool,
    /// The children keep their values (the gap shows)
    #[arg(long, group = "down")]
    pub keep_children: bool,
    /// The siblings take the opposite change; the parent stays
    #[arg(long, group = "up")]
    pub rebalance: bool,
    /// The parent becomes the sum, and so on up
    #[arg(long, group = "up")]
    pub roll_up: bool,
    /// The reason (required on an approved plan)
    #[arg(long)]
    pub reason: Option<String>,
    /// Who changes it (default the OS user name)
    #[arg(long)]
    pub who: Option<String>,
}

#[derive(Args, Debug)]
pub struct SplitArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "PATH")]
    pub node: String,
    #[arg(long, value_name = "P", default_value = "")]
    pub period: String,
    /// even, capacity, history or current (every level); percent with --bp on the first level
    #[arg(long, value_name = "M")]
    pub method: String,
    /// all (the default) or a number of levels
    #[arg(long, default_value = "all")]
    pub depth: String,
    /// Percent method: basis points per child, e.g. 4000,3000,3000
    #[arg(long, value_delimiter = ',')]
    pub bp: Vec<i64>,
    /// Show the leaves without writing
    #[arg(long)]
    pub preview: bool,
    /// Also split the leaves across this dimension's members, e.g. product_line
    #[arg(long, value_name = "DIM")]
    pub dim: Option<String>,
    /// How the members share each leaf: equal (default) or last-year
    #[arg(long, value_name = "BY", default_value = "equal")]
    pub dim_by: String,
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub who: Option<String>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// In fen: 1, 100 (yuan), 10000, 100000 or 1000000 (万)
    #[arg(long)]
    pub rounding: Option<i64>,
    /// Percent: 100 or 100-120
    #[arg(long)]
    pub allocation: Option<String>,
}

pub fn targets(cmd: &TargetsCmd, lang: Lang, out: &mut dyn Write) -> Result<Value> {
    match cmd {
        TargetsCmd::Set(a) => set(a),
        TargetsCmd::Split(a) => split(a),
        TargetsCmd::Check(a) => check(a, out),
        TargetsCmd::SetRule(a) => set_rule(a),
        TargetsCmd::CommitmentsExport(a) => commitments_export(a),
        TargetsCmd::CommitmentsImport(a) => commitments_import(a, lang, out),
        TargetsCmd::Revisions(a) => revisions(a, lang),
    }
}

fn year_plan(year: Option<i32>) -> PlanSel {
    PlanSel { year, metric: None }
}

fn commitments_export(a: &CommitmentsExportArgs) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let files = commitments::export(&ws, &year_plan(a.year), &a.node, &a.out, a.all)?;
    Ok(json!(files))
}

/// Every file is tried; the refused ones are listed with their code and message, and the
/// command then exits 1 with the first refusal.
fn commitments_import(a: &CommitmentsImportArgs, lang: Lang, out: &mut dyn Write) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let plan = year_plan(a.year);
    let scope = a.node.as_deref().map(|n| unit(&ws, &plan, n)).transpose()?;
    let mut results = Vec::new();
    let mut first_refusal = None;
    for f in &a.files {
        match commitments::import_file(&ws, &plan, f, scope) {
            Ok(o) => results.push(json!(o)),
            Err(e) => {
                results.push(json!({ "file": f.display().to_string(), "code": e.code, "message": e.message(lang) }));
                first_refusal.get_or_insert(e);
            }
        }
    }
    match first_refusal {
        None => Ok(json!(results)),
        Some(e) => {
            writeln!(out, "{}", json!(results))?;
            Err(e)
        }
    }
}

fn revisions(a: &RevisionsArgs, lang: Lang) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let plan = year_plan(a.year);
    let filter = RevisionFilter {
        unit_id: a.node.as_deref().map(|n| unit(&ws, &plan, n)).transpose()?,
        period: a.period.clone(),
        tier: a.tier.clone(),
        who: a.who.clone(),
        category: a.category.clone(),
        from: a.from.clone(),
        to: a.to.clone(),
        ..RevisionFilter::default()
    };
    let lines = revisions::log(&ws, &plan, &filter)?;
    if let Some(path) = &a.out {
        targetline_core::export::export_table(&revisions::table(&lines, lang), path)?;
    }
    Ok(json!(lines))
}

fn unit(ws: &Workspace, plan: &PlanSel, path: &str) -> Result<i64> {
    ops::load(ws, plan)?.unit_by_path(path).ok_or_else(|| {
        Error::new(
            Code::NodeNotFound,
            format!("找不到组织节点“{path}”"),
            format!("No unit at \"{path}\""),
        )
    })
}

fn member(ws: &Workspace, dim: Option<&str>) -> Result<Option<i64>> {
    let Some(d) = dim else { return Ok(None) };
    let Some((dim, name)) = d.split_once(':') else {
        return Err(super::usage_error(
            "--dim takes dim:NAME, e.g. product_line:SaaS",
        ));
    };
    let id = ws
        .conn()
        .query_row(
            "SELECT id FROM dimension_member WHERE dim = ?1 AND (name_zh = ?2 OR name_en = ?2 OR code = ?2)",
            [dim, name],
            |r| r.get(0),
        )
        .map_err(|_| {
            Error::new(
                Code::DimensionMemberNotFound,
                format!("维度“{dim}”没有成员“{name}”"),
                format!("Dimension \"{dim}\" has no member \"{name}\""),
            )
        })?;
    Ok(Some(id))
}

fn change(
    reason: &Option<String>,
    who: &Option<String>,
) -> Option<targetline_core::targets::store::Change> {
    reason.as_ref().map(|r| {
        let who = who
            .clone()
            .unwrap_or_else(targetline_core::settings::os_user_name);
        change_by(&who, ReasonCategory::Other, r)
    })
}

fn set(a: &SetArgs) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let plan = PlanSel::default();
    let tier = match a.tier.as_str() {
        "floor" => Tier::Floor,
        "base" => Tier::Base,
        "challenge" => Tier::Challenge,
        "sprint" => Tier::Sprint,
        _ => {
            return Err(super::usage_error(
                "--tier takes floor, base, challenge or sprint",
            ))
        }
    };
    let edit = CellEdit {
        cell: CellRef {
            unit_id: unit(&ws, &plan, &a.node)?,
            dimension_id: member(&ws, a.dim.as_deref())?,
            period: a.period.clone(),
        },
        tier,
        value: targetline_core::money::parse_yuan(&a.value)?,
    };
    let choice = EditChoice {
        children: if a.keep_children {
            ChildrenWay::Keep
        } else {
            ChildrenWay::Spread
        },
        parent: if a.rebalance {
            ParentWay::Rebalance
        } else if a.roll_up {
            ParentWay::RollUp
        } else {
            ParentWay::Keep
        },
    };
    let out = ops::edit(
        &ws,
        &plan,
        &[edit],
        choice,
        change(&a.reason, &a.who).as_ref(),
    )?;
    Ok(json!(out))
}

fn split(a: &SplitArgs) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let plan = PlanSel::default();
    let choice = match a.method.as_str() {
        "even" => SplitChoice::Even,
        "capacity" => SplitChoice::Capacity,
        "history" => SplitChoice::History,
        "current" => SplitChoice::Current,
        "percent" => SplitChoice::Percent { bp: a.bp.clone() },
        _ => {
            return Err(super::usage_error(
                "--method takes even, capacity, history, current or percent (--bp)",
            ))
        }
    };
    let depth = match a.depth.as_str() {
        "all" => None,
        n => Some(
            n.parse::<u32>()
                .map_err(|_| super::usage_error("--depth takes all or a number"))?,
        ),
    };
    let tree = ops::load(&ws, &plan)?;
    let period = if a.period.is_empty() {
        tree.fiscal_year.to_string()
    } else {
        a.period.clone()
    };
    let cell = CellRef {
        unit_id: unit(&ws, &plan, &a.node)?,
        dimension_id: None,
        period,
    };
    let by = match a.dim_by.as_str() {
        "equal" => MemberShares::Equal,
        "last-year" => MemberShares::LastYear,
        _ => return Err(super::usage_error("--dim-by takes equal or last-year")),
    };
    let req = DeepRequest {
        cell,
        choice,
        depth,
        dim: a.dim.clone().map(|dim| DimShares { dim, by }),
        preview: a.preview,
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let watch = Watch {
        progress: &mut |_| {},
        cancel: &cancel,
    };
    let out = split_deep_with(&ws, &plan, &req, change(&a.reason, &a.who).as_ref(), watch)?;
    Ok(json!(out))
}

fn check(a: &CheckArgs, out: &mut dyn Write) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let report = ops::check(
        &ws,
        &PlanSel {
            year: a.year,
            metric: None,
        },
    )?;
    if report.is_clean() {
        return Ok(json!(report));
    }
    writeln!(out, "{}", json!(report))?;
    Err(Error::new(
        Code::TargetsInconsistent,
        format!(
            "目标不一致：{} 处时间不相加，{} 处组织分配超出规则",
            report.time.len(),
            report.org.len()
        ),
        format!(
            "Targets are inconsistent: {} time sums off, {} org allocations outside the rule",
            report.time.len(),
            report.org.len()
        ),
    ))
}

fn set_rule(a: &RuleArgs) -> Result<Value> {
    let ws = Workspace::open_existing(&a.db)?;
    let plan = PlanSel {
        year: a.year,
        metric: None,
    };
    let mut rule: PlanRule = ops::rule(&ws, &plan)?;
    if let Some(r) = a.rounding {
        rule.rounding_unit = r;
    }
    if let Some(band) = &a.allocation {
        let (lo, hi) = PlanRule::parse_band(band)?;
        rule.allocation_min_bp = lo;
        rule.allocation_max_bp = hi;
    }
    let report = ops::set_rule(&ws, &plan, rule)?;
    Ok(json!({ "rule": rule, "check": report }))
}

#[cfg(test)]
mod tests {
    use super::super::{run_json, run_text};

    #[test]
    fn set_check_split_and_rule_on_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let clean = run_json(&["targets", "check", "--db", db]).unwrap();
        assert_eq!(clean["time"], serde_json::json!([]));
        assert_eq!(clean["org"], serde_json::json!([]));
        // Keep the children: the company's year and its 12 months (spread over the months) are
        // flagged against the regions' 1亿, and check exits 1.
        let out = run_json(&[
            "targets",
            "set",
            "--db",
            db,
            "--node",
            "/",
            "--period",
            "2026",
            "--value",
            "1.2亿",
            "--keep-children",
            "--reason",
            "董事会上调",
        ])
        .unwrap();
        assert_eq!(out["outsideRule"], 13);
        let err = run_text(&["targets", "check", "--db", db], "").unwrap_err();
        assert_eq!(err.code, "targets_inconsistent");
        // Spreading 1.3亿 to the children makes it whole again (100% of the new value, since
        // they lay outside the rule before).
        run_json(&[
            "targets",
            "set",
            "--db",
            db,
            "--node",
            "/",
            "--period",
            "2026",
            "--value",
            "1.3亿",
            "--spread",
            "--reason",
            "分解到下级",
        ])
        .unwrap();
        run_json(&["targets", "check", "--db", db]).unwrap();
        let rule = run_json(&[
            "targets",
            "set-rule",
            "--db",
            db,
            "--year",
            "2026",
            "--rounding",
            "1000000",
            "--allocation",
            "100-120",
        ])
        .unwrap();
        assert_eq!(rule["rule"]["allocationMaxBp"], 12_000);
        let split = run_json(&[
            "targets",
            "split",
            "--db",
            db,
            "--node",
            "/华东",
            "--method",
            "even",
            "--preview",
        ])
        .unwrap();
        // 华东 has 2 teams × 5 people: 10 leaves, and a preview writes nothing.
        assert_eq!(split["leaves"].as_array().unwrap().len(), 10);
        assert_eq!(split["outcome"]["step"], serde_json::Value::Null);
    }

    #[test]
    fn commitment_sheets_and_the_revision_log_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        let out = dir.path().to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let files = run_json(&[
            "targets",
            "commitments-export",
            "--db",
            db,
            "--node",
            "/华东/华东一组",
            "--out",
            out,
            "--all",
        ])
        .unwrap();
        // The team and its five people.
        let files = files.as_array().unwrap();
        assert_eq!(files.len(), 6);
        let team = files[0]["path"].as_str().unwrap();
        let taken = run_json(&["targets", "commitments-import", "--db", db, team]).unwrap();
        assert_eq!(taken[0]["changed"], 0);
        let err = run_text(
            &[
                "targets",
                "commitments-import",
                "--db",
                db,
                "--node",
                "/华南",
                team,
            ],
            "",
        )
        .unwrap_err();
        assert_eq!(err.code, "commitments_other_unit");
        run_json(&[
            "targets",
            "set",
            "--db",
            db,
            "--node",
            "/华东/华东一组",
            "--period",
            "2026-03",
            "--value",
            "123456",
            "--keep-children",
            "--reason",
            "大客户追加",
            "--who",
            "王经理",
        ])
        .unwrap();
        let xlsx = dir.path().join("revisions.xlsx");
        let log = run_json(&[
            "targets",
            "revisions",
            "--db",
            db,
            "--who",
            "王经理",
            "--period",
            "2026-03",
            "--tier",
            "base",
            "--out",
            xlsx.to_str().unwrap(),
        ])
        .unwrap();
        let log = log.as_array().unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0]["newValue"], 12_345_600);
        assert_eq!(log[0]["unitPath"], "/华东/华东一组");
        assert!(std::fs::metadata(&xlsx).unwrap().len() > 0);
    }

    #[test]
    fn a_split_down_to_people_and_across_product_lines_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.targetline");
        let db = db.to_str().unwrap();
        run_json(&["demo", "--db", db]).unwrap();
        let split = run_json(&[
            "targets",
            "split",
            "--db",
            db,
            "--node",
            "/华东",
            "--method",
            "even",
            "--dim",
            "product_line",
            "--reason",
            "按产品线分解",
        ])
        .unwrap();
        let conn = rusqlite::Connection::open(db).unwrap();
        let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let lines = one("SELECT COUNT(*) FROM dimension_member WHERE dim = 'product_line'");
        assert!(lines > 1);
        // 华东: 2 teams × 5 people, each split across every product line.
        assert_eq!(split["leafCount"], 10 * lines);
        let east = one(
            "SELECT base_value FROM target t JOIN org_unit u ON u.id = t.org_unit_id \
             WHERE u.name = '华东' AND t.period = '2026' AND t.dimension_id IS NULL \
             AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
        );
        assert_eq!(split["totals"]["base"], east);
        // Every person's product lines add up to the person, month by month.
        let off = one(
            "SELECT COUNT(*) FROM target p JOIN org_unit u ON u.id = p.org_unit_id \
             WHERE u.kind = 'person' AND p.dimension_id IS NULL AND length(p.period) = 7 \
             AND substr(p.period, 6, 1) IN ('0', '1') AND u.parent_id IN (SELECT id FROM org_unit \
             WHERE parent_id = (SELECT id FROM org_unit WHERE name = '华东')) \
             AND p.base_value <> (SELECT SUM(c.base_value) FROM target c JOIN dimension_member m \
             ON m.id = c.dimension_id AND m.dim = 'product_line' WHERE c.org_unit_id = p.org_unit_id \
             AND c.period = p.period AND c.metric_id = p.metric_id)",
        );
        assert_eq!(off, 0);
        let people_months = one(
            "SELECT COUNT(*) FROM target p JOIN org_unit u ON u.id = p.org_unit_id \
             WHERE u.kind = 'person' AND p.dimension_id IS NULL AND length(p.period) = 7 \
             AND substr(p.period, 6, 1) IN ('0', '1') AND u.parent_id IN (SELECT id FROM org_unit \
             WHERE parent_id = (SELECT id FROM org_unit WHERE name = '华东')) \
             AND p.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
        );
        assert_eq!(people_months, 10 * 12);
        let err = run_text(
            &[
                "targets", "split", "--db", db, "--node", "/华东", "--method", "even", "--dim",
                "channel", "--reason", "x",
            ],
            "",
        );
        if let Err(e) = err {
            assert_eq!(e.code, "dimension_empty");
        }
    }

    #[test]
    fn a_split_by_last_years_mix_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("mix.targetline");
        let db = db.to_str().unwrap();
        super::super::new_company(db);
        for (path, kind) in [
            ("/华东", "region"),
            ("/华东/一组", "team"),
            ("/华东/一组/张三", "person"),
            ("/华东/一组/李四", "person"),
            ("/华南", "region"),
            ("/华南/一组", "team"),
            ("/华南/一组/王五", "person"),
            ("/华南/一组/赵六", "person"),
        ] {
            run_json(&["org", "add", "--db", db, "--path", path, "--kind", kind]).unwrap();
        }
        // Last year: 张三 30,000 (two rows), 李四 10,000, 王五 20,000, 赵六 7,000; a row of
        // this year does not count.
        let csv = std::path::Path::new(db).with_file_name("2025.csv");
        std::fs::write(
            &csv,
            "日期,销售员,金额\n2025-02-10,张三,10000\n2025-09-30,张三,20000\n2025-05-06,李四,10000\n\
             2025-12-31,王五,20000\n2025-01-01,赵六,7000\n2026-01-02,李四,90000\n",
        )
        .unwrap();
        let imported = run_json(&[
            "import",
            "--db",
            db,
            "--kind",
            "actuals",
            "--map",
            "日期=date,销售员=person,金额=amount",
            csv.to_str().unwrap(),
        ])
        .unwrap();
        assert_eq!(imported["inserted"], 6, "{imported}");
        // Round numbers (万): the company's year set again is spread over its months in 万.
        run_json(&["targets", "set-rule", "--db", db, "--rounding", "1000000"]).unwrap();
        run_json(&[
            "targets", "set", "--db", db, "--node", "/", "--period", "2026", "--value", "1000万",
            "--spread",
        ])
        .unwrap();
        let split = run_json(&[
            "targets",
            "split",
            "--db",
            db,
            "--node",
            "/",
            "--method",
            "history",
            "--reason",
            "按去年结构",
        ])
        .unwrap();
        assert_eq!(split["leafCount"], 4);
        let conn = rusqlite::Connection::open(db).unwrap();
        let year = |name: &str| -> i64 {
            conn.query_row(
                "SELECT t.base_value FROM target t JOIN org_unit u ON u.id = t.org_unit_id \
                 WHERE u.name = ?1 AND t.period = '2026' AND t.dimension_id IS NULL",
                [name],
                |r| r.get(0),
            )
            .unwrap()
        };
        // 1,000万 in units of 万 by 40,000 : 27,000 → 597.01 : 402.99 → 597万 / 403万; then
        // 597 by 3 : 1 → 448 / 149 and 403 by 20 : 7 → 299 / 104 (the unit left to the larger
        // remainder each time).
        let wan = 1_000_000;
        assert_eq!((year("华东"), year("华南")), (597 * wan, 403 * wan));
        assert_eq!((year("张三"), year("李四")), (448 * wan, 149 * wan));
        assert_eq!((year("王五"), year("赵六")), (299 * wan, 104 * wan));
        // An unknown method is refused with the methods named.
        let bad = run_json(&[
            "targets", "split", "--db", db, "--node", "/", "--method", "mix",
        ])
        .unwrap_err();
        assert!(bad.en.contains("history"), "{}", bad.en);
    }
}
