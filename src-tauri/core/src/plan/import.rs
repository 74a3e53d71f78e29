//! Imports an action plan from a CSV or XLSX table in seed 002's shape (目标维度 / 具体举措 /
//! 责任人 / 完成时间 / 资源需求, optionally 开始时间 and 预算; English headers too). Each objective
//! becomes a parent action (once per distinct objective), each row a sub-action. The due cell is
//! a date, a week range from `plan_start` ("第1-4周", "第3周", "weeks 1-4") or "持续进行"
//! (ongoing: to the end of the fiscal year). A blank objective cell continues the row above.
//! Bad rows are reported with their row number and skipped; the rest is written in one
//! transaction and rescheduled on the working-day calendar like any plan edit.

use super::actions::{normalised, stored_dates, validate, write, ActionInput};
use super::edit::edit;
use super::view::PlanState;
use crate::calendar::FiscalYear;
use crate::error::{Error, Lang, Result};
use crate::import::reader::Source;
use crate::import::source::{Cell, Flow, ReadOptions};
use crate::import::values::{self, parse_scaled, NumberFormat};
use crate::store::Workspace;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::path::Path;

/// Header rows are looked for in the first rows only.
const HEADER_SEARCH_ROWS: u64 = 20;
/// A week range ends at most this many weeks after the plan start.
const MAX_WEEKS: u32 = 520;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanImportRowError {
    /// Row number in the file (1 = first row).
    pub row: u64,
    pub zh: String,
    pub en: String,
    /// The message in the language asked for.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanImportSummary {
    /// Parent actions created, one per distinct objective.
    pub objectives: usize,
    /// Sub-actions created, one per good row not already in the plan (an objective's own
    /// summary row makes no sub-action).
    pub actions: usize,
    /// Rows whose action is already in the plan under the same objective (a file imported
    /// again): left as they are, so nothing is doubled and no edit is overwritten.
    pub existing: usize,
    /// Rows skipped, each with its error.
    pub skipped: usize,
    pub errors: Vec<PlanImportRowError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Objective,
    Action,
    Owner,
    Start,
    Due,
    Resources,
    Budget,
}

fn column_of(header: &str) -> Option<Column> {
    let h: String = header
        .trim()
        .trim_end_matches(['*', ':', '：'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let col = match h.as_str() {
        "目标维度" | "目标" | "objective" | "goal" => Column::Objective,
        "具体举措" | "举措" | "行动" | "action" | "actions" | "initiative" => {
            Column::Action
        }
        "责任人" | "负责人" | "owner" => Column::Owner,
        "开始时间" | "开始日期" | "开始" | "start" | "startdate" => Column::Start,
        "完成时间" | "完成日期" | "完成" | "时间节点" | "截止时间" | "due" | "duedate"
        | "finish" | "deadline" => Column::Due,
        "资源需求" | "资源" | "resources" | "resource" => Column::Resources,
        "预算" | "budget" => Column::Budget,
        _ => return None,
    };
    Some(col)
}

/// When an action is due, as the cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    Date(NaiveDate),
    /// Weeks `a..=b` counted from the plan start (week 1 starts on it).
    Weeks(u32, u32),
    Ongoing,
    Blank,
}

/// "第1-4周", "第3周", "第 1~4 周", "1-4周", "weeks 1-4", "week 3", "W1-W4".
fn parse_weeks(text: &str) -> Option<(u32, u32)> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let inner = if let Some(rest) = t.strip_suffix('周') {
        rest.strip_prefix('第').unwrap_or(rest).to_string()
    } else {
        let rest = t
            .strip_prefix("weeks")
            .or_else(|| t.strip_prefix("week"))
            .or_else(|| t.strip_prefix('w'))?;
        rest.replace('w', "")
    };
    let parts: Vec<&str> = inner
        .split(['-', '~', '–', '—', '至', '到', '～'])
        .collect();
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_WEEKS).contains(n))
    };
    match parts.as_slice() {
        [a] => num(a).map(|a| (a, a)),
        [a, b] => {
            let (a, b) = (num(a)?, num(b)?);
            (a <= b).then_some((a, b))
        }
        _ => None,
    }
}

fn parse_due(cell: &Cell) -> Option<Due> {
    if cell.is_blank() {
        return Some(Due::Blank);
    }
    if let Cell::Text(t) = cell {
        let t = t.trim();
        let lower = t.to_lowercase();
        if ["持续进行", "持续", "长期", "ongoing", "continuous"].contains(&lower.as_str()) {
            return Some(Due::Ongoing);
        }
        if let Some((a, b)) = parse_weeks(t) {
            return Some(Due::Weeks(a, b));
        }
    }
    values::date(cell).ok().map(Due::Date)
}

/// The first amount in yuan a text names: "设计预算5000元" -> 500000 fen, "促销预算8万元" ->
/// 8000000 fen, "预算1.5万元" -> 1500000 fen. `None` when it names none.
pub fn amount_in_text(text: &str) -> Option<i64> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '元' {
            continue;
        }
        let (end, scale) = match i.checked_sub(1).map(|j| chars[j]) {
            Some('万') => (i - 1, 6),
            _ => (i, 2),
        };
        let mut start = end;
        while start > 0
            && (chars[start - 1].is_ascii_digit() || matches!(chars[start - 1], '.' | ','))
        {
            start -= 1;
        }
        let number: String = chars[start..end].iter().filter(|&&c| c != ',').collect();
        if number.is_empty() {
            continue;
        }
        if let Ok(v) = parse_scaled(&number, scale, NumberFormat::PointDecimal) {
            return Some(v);
        }
    }
    None
}

/// A good row, ready to write.
struct PlanRow {
    objective: String,
    input: ActionInput,
}

struct Reader {
    plan_start: NaiveDate,
    fiscal_end: NaiveDate,
    columns: Option<Vec<Option<Column>>>,
    objective: String,
    rows: Vec<PlanRow>,
    errors: Vec<(u64, String, String)>,
}

fn text_of(cell: Option<&Cell>) -> String {
    cell.map(|c| c.display()).unwrap_or_default()
}

impl Reader {
    fn header(&mut self, cells: &[Cell]) -> bool {
        let cols = crate::import::source::header_columns(cells, column_of);
        if cols.contains(&Some(Column::Action)) {
            self.columns = Some(cols);
            true
        } else {
            false
        }
    }

    fn cell<'c, 'a>(&self, cells: &'c [Cell<'a>], col: Column) -> Option<&'c Cell<'a>> {
        let cols = self.columns.as_ref()?;
        let i = cols.iter().position(|c| *c == Some(col))?;
        cells.get(i)
    }

    fn row(&mut self, row: u64, cells: &[Cell]) {
        if cells.iter().all(|c| c.is_blank()) {
            return;
        }
        match self.parse(cells) {
            Ok(r) => self.rows.push(r),
            Err((zh, en)) => self.errors.push((row, zh, en)),
        }
    }

    fn parse(&mut self, cells: &[Cell]) -> std::result::Result<PlanRow, (String, String)> {
        let objective = text_of(self.cell(cells, Column::Objective));
        if !objective.is_empty() {
            self.objective = objective;
        }
        let title = text_of(self.cell(cells, Column::Action));
        if title.is_empty() {
            return Err((
                "“具体举措”为空".to_string(),
                "the Action cell is empty".to_string(),
            ));
        }
        let due_cell = self
            .cell(cells, Column::Due)
            .copied()
            .unwrap_or(Cell::Empty);
        let due = parse_due(&due_cell).ok_or_else(|| {
            let t = due_cell.display();
            (
                format!("“完成时间”的“{t}”不是日期、周次（如 第1-4周）或“持续进行”"),
                format!("the Due cell \"{t}\" is not a date, a week range (such as 第1-4周 or weeks 1-4) or 持续进行 (ongoing)"),
            )
        })?;
        let start = match self.cell(cells, Column::Start).filter(|c| !c.is_blank()) {
            Some(c) => values::date(c).map_err(|e| {
                let t = c.display();
                (
                    format!("“开始时间”{}", e.zh(&t)),
                    format!("Start: {}", e.en(&t)),
                )
            })?,
            None => match due {
                Due::Weeks(a, _) => self.plan_start + Duration::weeks(a as i64 - 1),
                _ => self.plan_start,
            },
        };
        let finish = match due {
            Due::Date(d) => Some(d),
            Due::Weeks(_, b) => {
                Some(self.plan_start + Duration::weeks(b as i64) - Duration::days(1))
            }
            Due::Ongoing => Some(self.fiscal_end),
            Due::Blank => None,
        };
        let resources = text_of(self.cell(cells, Column::Resources));
        let budget = match self.cell(cells, Column::Budget).filter(|c| !c.is_blank()) {
            Some(c) => values::money_fen(c, NumberFormat::Auto).map_err(|e| {
                let t = c.display();
                (
                    format!("“预算”{}", e.zh(&t)),
                    format!("Budget: {}", e.en(&t)),
                )
            })?,
            None => amount_in_text(&resources).unwrap_or(0),
        };
        let input = normalised(&ActionInput {
            objective: self.objective.clone(),
            title,
            owner_name: text_of(self.cell(cells, Column::Owner)),
            start,
            finish,
            budget,
            resources,
            ..ActionInput::default()
        });
        validate(&input).map_err(|e| (e.zh, e.en))?;
        Ok(PlanRow {
            objective: self.objective.clone(),
            input,
        })
    }
}

fn person_id(ws: &Workspace, name: &str) -> Result<Option<i64>> {
    if name.is_empty() {
        return Ok(None);
    }
    Ok(
        match super::store::active_people_named(ws.conn(), name)?.as_slice() {
            [id] => Some(*id),
            _ => None,
        },
    )
}

/// Imports the action plan table at `path` (CSV in any supported encoding, or a workbook's first
/// sheet). `plan_start` is the Monday week 1 starts on. Everything good is written in one
/// transaction and rescheduled; bad rows are skipped and listed.
pub fn import_plan(
    ws: &Workspace,
    path: &Path,
    plan_start: NaiveDate,
    lang: Lang,
) -> Result<PlanImportSummary> {
    let fy = crate::import::fiscal_year(ws.conn());
    let mut reader = Reader {
        plan_start,
        fiscal_end: FiscalYear::containing(plan_start, fy.start_month).end(),
        columns: None,
        objective: String::new(),
        rows: Vec::new(),
        errors: Vec::new(),
    };
    let mut source = Source::open(path, &ReadOptions::default())?;
    source.for_each_row(&mut |row, cells| {
        if reader.columns.is_some() {
            reader.row(row, cells);
        } else if !reader.header(cells) && row >= HEADER_SEARCH_ROWS {
            return Ok(Flow::Stop);
        }
        Ok(Flow::Continue)
    })?;
    if reader.columns.is_none() {
        let file = path.display();
        return Err(Error::new(
            "plan_import_no_header",
            format!("“{file}”的前 {HEADER_SEARCH_ROWS} 行中没有找到表头（至少需要“具体举措”列，以及目标维度、责任人、完成时间、资源需求等）"),
            format!("No header row in the first {HEADER_SEARCH_ROWS} rows of \"{file}\" (an Action column is needed, with Objective, Owner, Due, Resources and so on)"),
        ));
    }
    let mut owners = Vec::with_capacity(reader.rows.len());
    for r in &reader.rows {
        owners.push(person_id(ws, &r.input.owner_name)?);
    }
    let mut objectives = 0;
    let mut existing = 0;
    let mut actions = 0;
    edit(ws, |state, conn| {
        let mut sort = state.actions.iter().map(|a| a.sort).max().unwrap_or(0);
        // Objectives already in the plan (top-level actions of that title) are reused.
        let mut parents: Vec<(String, i64)> = state
            .actions
            .iter()
            .filter(|a| a.parent_id.is_none())
            .map(|a| (a.title.clone(), a.id))
            .collect();
        let known: Vec<(Option<i64>, String)> = state
            .actions
            .iter()
            .map(|a| (a.parent_id, a.title.clone()))
            .collect();
        for (r, owner) in reader.rows.iter().zip(&owners) {
            // A row naming its own objective as the action is the objective's summary row (as
            // the plan's export writes it): it stands for the parent, not for a child of it.
            let summary_row = !r.objective.is_empty() && r.input.title == r.objective;
            let parent = if r.objective.is_empty() {
                None
            } else if let Some((_, id)) = parents.iter().find(|(o, _)| *o == r.objective) {
                if summary_row {
                    existing += 1;
                    continue;
                }
                Some(*id)
            } else {
                sort += 1;
                let p = ActionInput {
                    objective: r.objective.clone(),
                    title: r.objective.clone(),
                    start: r.input.start,
                    sort,
                    ..ActionInput::default()
                };
                let id = write(conn, None, &p, stored_dates(state, &p)?)?;
                parents.push((r.objective.clone(), id));
                objectives += 1;
                if summary_row {
                    continue;
                }
                Some(id)
            };
            // Only what was in the plan before this file counts: two rows of one file with the
            // same action (one per owner, say) are two actions.
            if known
                .iter()
                .any(|(p, t)| *p == parent && *t == r.input.title)
            {
                existing += 1;
                continue;
            }
            sort += 1;
            let child = ActionInput {
                parent_id: parent,
                owner_id: *owner,
                sort,
                ..r.input.clone()
            };
            write(conn, None, &child, stored_dates(state, &child)?)?;
            actions += 1;
        }
        *state = PlanState::load(ws)?;
        Ok(())
    })?;
    let errors: Vec<PlanImportRowError> = reader
        .errors
        .into_iter()
        .map(|(row, zh, en)| {
            let zh = format!("第 {row} 行：{zh}");
            let en = format!("Row {row}: {en}");
            let message = match lang {
                Lang::Zh => zh.clone(),
                Lang::En => en.clone(),
            };
            PlanImportRowError {
                row,
                zh,
                en,
                message,
            }
        })
        .collect();
    Ok(PlanImportSummary {
        objectives,
        actions,
        existing,
        skipped: errors.len(),
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{plan_view, PlanTaskView};

    /// Seed 002's action table, as the article prints it.
    const SEED_002: &str = "目标维度,具体举措,责任人,完成时间,资源需求
用户获取,策划3场线上裂变活动,张三,第1-4周,设计预算5000元
,拓展5个渠道合作伙伴,李四,第2-6周,法务支持
用户留存,优化新人引导流程,王五,第3-5周,产品开发资源
,建立用户社群运营体系,赵六,持续进行,客服人力
";

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The demo's people and calendar, without its plan.
    fn workspace() -> Workspace {
        let mut ws = Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        ws.conn().execute("DELETE FROM action", []).unwrap();
        ws
    }

    fn task<'a>(tasks: &'a [PlanTaskView], title: &str) -> &'a PlanTaskView {
        tasks.iter().find(|t| t.title == title).unwrap()
    }

    fn person(ws: &Workspace, name: &str) -> i64 {
        ws.conn()
            .query_row(
                "SELECT id FROM org_unit WHERE kind = 'person' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn check_seed_plan(ws: &Workspace, summary: &PlanImportSummary) {
        assert_eq!(
            (summary.objectives, summary.actions, summary.skipped),
            (2, 4, 0)
        );
        let view = plan_view(ws).unwrap();
        let titles: Vec<(u32, &str)> = view
            .tasks
            .iter()
            .map(|t| (t.depth, t.title.as_str()))
            .collect();
        assert_eq!(
            titles,
            [
                (0, "用户获取"),
                (1, "策划3场线上裂变活动"),
                (1, "拓展5个渠道合作伙伴"),
                (0, "用户留存"),
                (1, "优化新人引导流程"),
                (1, "建立用户社群运营体系"),
            ]
        );
        let zs = task(&view.tasks, "策划3场线上裂变活动");
        assert_eq!(zs.owner_name, "张三");
        assert_eq!(zs.owner_id, Some(person(ws, "张三")));
        assert_eq!(zs.objective, "用户获取");
        assert_eq!(zs.start, d("2026-09-07"));
        // Week 4 runs to Sunday 2026-10-04; 10-01…10-07 are the National Day holidays, so its
        // last working day is Wednesday 2026-09-30.
        assert_eq!(zs.finish, d("2026-09-30"));
        assert_eq!(zs.budget, 500_000);
        assert_eq!(zs.resources, "设计预算5000元");
        let cal = crate::variance::workspace_calendar(ws).unwrap();
        assert_eq!(
            zs.duration,
            cal.working_days(d("2026-09-07"), d("2026-10-04"))
        );
        let ls = task(&view.tasks, "拓展5个渠道合作伙伴");
        assert_eq!(ls.start, d("2026-09-14"));
        assert_eq!(ls.budget, 0);
        let ww = task(&view.tasks, "优化新人引导流程");
        assert_eq!(ww.start, d("2026-09-21"));
        let zl = task(&view.tasks, "建立用户社群运营体系");
        assert_eq!(zl.start, d("2026-09-07"));
        assert_eq!(zl.finish, d("2026-12-31"));
        assert_eq!(zl.resources, "客服人力");
        let retain = task(&view.tasks, "用户留存");
        assert!(retain.summary);
        assert_eq!(
            (retain.start, retain.finish),
            (d("2026-09-07"), d("2026-12-31"))
        );
    }

    #[test]
    fn seed_002_table_as_utf8_csv() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        std::fs::write(&path, SEED_002).unwrap();
        let summary = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        check_seed_plan(&ws, &summary);
    }

    #[test]
    fn importing_the_same_table_again_adds_nothing_and_a_new_row_joins_its_objective() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        std::fs::write(&path, SEED_002).unwrap();
        import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        let again = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        assert_eq!(
            (
                again.objectives,
                again.actions,
                again.existing,
                again.skipped
            ),
            (0, 0, 4, 0)
        );
        // The plan is still seed 002's: two objectives with their four actions.
        check_seed_plan(
            &ws,
            &PlanImportSummary {
                objectives: 2,
                actions: 4,
                ..again
            },
        );
        // A longer table adds only its new row, under the objective already there.
        std::fs::write(&path, format!("{SEED_002}用户留存,复盘会,刘洋,第6周,\n")).unwrap();
        let more = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        assert_eq!((more.objectives, more.actions, more.existing), (0, 1, 4));
        let view = plan_view(&ws).unwrap();
        let parent = task(&view.tasks, "用户留存");
        let added = task(&view.tasks, "复盘会");
        assert_eq!((added.depth, added.parent_id), (1, Some(parent.id)));
        assert_eq!(view.tasks.len(), 7);
    }

    #[test]
    fn two_rows_of_one_file_with_the_same_action_are_two_actions() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        std::fs::write(
            &path,
            "目标维度,具体举措,责任人,完成时间\n新客户开发,客户拜访,张三,第1-2周\n新客户开发,客户拜访,李四,第1-2周\n",
        )
        .unwrap();
        let s = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        assert_eq!((s.objectives, s.actions, s.existing), (1, 2, 0));
        let owners: Vec<String> = plan_view(&ws)
            .unwrap()
            .tasks
            .iter()
            .filter(|t| t.title == "客户拜访")
            .map(|t| t.owner_name.clone())
            .collect();
        assert_eq!(owners, ["张三", "李四"]);
        // The same file again: both are there already.
        let again = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        assert_eq!((again.objectives, again.actions, again.existing), (0, 0, 2));
    }

    #[test]
    fn a_bad_date_row_is_reported_and_the_rest_imported() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        let text = format!("{SEED_002}用户留存,复盘会,刘洋,2026-13-45,\n");
        std::fs::write(&path, text).unwrap();
        let mut summary = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        assert_eq!(summary.skipped, 1);
        let e = summary.errors.remove(0);
        assert_eq!(e.row, 6);
        assert_eq!(
            e.zh,
            "第 6 行：“完成时间”的“2026-13-45”不是日期、周次（如 第1-4周）或“持续进行”"
        );
        assert_eq!(e.message, e.zh);
        summary.skipped = 0;
        check_seed_plan(&ws, &summary);
    }

    #[test]
    fn seed_002_table_as_gbk_csv() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        let (bytes, _, bad) = encoding_rs::GBK.encode(SEED_002);
        assert!(!bad);
        std::fs::write(&path, &bytes).unwrap();
        let summary = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        check_seed_plan(&ws, &summary);
    }

    #[test]
    fn seed_002_table_as_xlsx() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, line) in SEED_002.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
        book.save(&path).unwrap();
        let summary = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap();
        check_seed_plan(&ws, &summary);
    }

    #[test]
    fn dates_budgets_english_headers_and_a_bad_row() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let rows: [[&str; 6]; 6] = [
            ["Objective", "Action", "Owner", "Start", "Due", "Resources"],
            [
                "Growth",
                "Webinars",
                "张三",
                "",
                "2026-10-31",
                "预算1.5万元",
            ],
            ["", "Partners", "Nobody", "2026/9/14", "2026年10月30日", ""],
            ["", "Broken", "李四", "", "下周", ""],
            ["", "Serial", "", "", "", ""],
            ["", "Backwards", "", "2026-11-02", "2026-10-01", ""],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, *cell).unwrap();
                }
            }
        }
        // An Excel serial due date: 46325 = 2026-10-30.
        sheet.write_number(4, 4, 46325.0).unwrap();
        book.save(&path).unwrap();
        let summary = import_plan(&ws, &path, d("2026-09-07"), Lang::En).unwrap();
        assert_eq!(
            (summary.objectives, summary.actions, summary.skipped),
            (1, 3, 2)
        );
        assert_eq!(summary.errors[0].row, 4);
        assert_eq!(
            summary.errors[0].en,
            "Row 4: the Due cell \"下周\" is not a date, a week range (such as 第1-4周 or weeks 1-4) or 持续进行 (ongoing)"
        );
        assert_eq!(summary.errors[0].message, summary.errors[0].en);
        assert!(summary.errors[0].zh.starts_with("第 4 行："));
        assert_eq!(summary.errors[1].row, 6);
        assert!(
            summary.errors[1].zh.contains("早于开始日期"),
            "{}",
            summary.errors[1].zh
        );
        let view = plan_view(&ws).unwrap();
        assert_eq!(view.tasks.len(), 4);
        let web = task(&view.tasks, "Webinars");
        assert_eq!(
            (web.start, web.finish, web.budget),
            (d("2026-09-07"), d("2026-10-30"), 1_500_000)
        );
        let partners = task(&view.tasks, "Partners");
        assert_eq!((partners.start, partners.owner_id), (d("2026-09-14"), None));
        assert_eq!(partners.owner_name, "Nobody");
        let serial = task(&view.tasks, "Serial");
        assert_eq!(serial.finish, d("2026-10-30"));
        assert_eq!(task(&view.tasks, "Growth").depth, 0);
    }

    #[test]
    fn week_ranges_and_amounts() {
        assert_eq!(parse_weeks("第1-4周"), Some((1, 4)));
        assert_eq!(parse_weeks("第3周"), Some((3, 3)));
        assert_eq!(parse_weeks("第 2 ～ 6 周"), Some((2, 6)));
        assert_eq!(parse_weeks("weeks 1-4"), Some((1, 4)));
        assert_eq!(parse_weeks("W3-W5"), Some((3, 5)));
        assert_eq!(parse_weeks("第4-1周"), None);
        assert_eq!(parse_weeks("第0周"), None);
        assert_eq!(parse_weeks("2026-10-31"), None);
        assert_eq!(amount_in_text("设计预算5000元"), Some(500_000));
        assert_eq!(amount_in_text("促销预算8万元"), Some(8_000_000));
        assert_eq!(amount_in_text("预算1,200.50元及场地"), Some(120_050));
        assert_eq!(amount_in_text("法务支持"), None);
        assert_eq!(amount_in_text("元旦活动"), None);
    }

    #[test]
    fn a_file_without_an_action_column_is_refused() {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        std::fs::write(&path, "名称,金额\n甲,1\n").unwrap();
        let err = import_plan(&ws, &path, d("2026-09-07"), Lang::Zh).unwrap_err();
        assert_eq!(err.code, "plan_import_no_header");
        assert!(err.en.contains("plan.csv"));
        assert_eq!(plan_view(&ws).unwrap().tasks.len(), 0);
    }
}
