//! The action plan as a table for meetings (目标-举措-责任人-时间节点-资源需求 and the schedule),
//! exported as CSV or XLSX through [`crate::export`].

use super::view::PlanView;
use crate::error::Lang;
use crate::export::{Cell, Table};

/// Column headers, in order.
pub fn plan_table_headers(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Zh => vec![
            "目标维度",
            "具体举措",
            "责任人",
            "开始",
            "完成",
            "工期(工作日)",
            "进度",
            "优先级",
            "状态",
            "预算",
            "资源需求",
            "关键",
            "总浮动",
        ],
        Lang::En => vec![
            "Objective",
            "Action",
            "Owner",
            "Start",
            "Finish",
            "Duration (working days)",
            "Progress",
            "Priority",
            "Status",
            "Budget",
            "Resources",
            "Critical",
            "Total float",
        ],
    }
}

/// A stored priority code in words (unknown codes as they are).
pub fn priority_label(code: &str, lang: Lang) -> String {
    let words = match (code, lang) {
        ("high", Lang::Zh) => "高",
        ("medium", Lang::Zh) => "中",
        ("low", Lang::Zh) => "低",
        ("high", Lang::En) => "High",
        ("medium", Lang::En) => "Medium",
        ("low", Lang::En) => "Low",
        _ => code,
    };
    words.to_string()
}

/// A stored status code in words (unknown codes as they are).
pub fn status_label(code: &str, lang: Lang) -> String {
    let words = match (code, lang) {
        ("planned", Lang::Zh) => "计划中",
        ("active", Lang::Zh) => "进行中",
        ("done", Lang::Zh) => "已完成",
        ("blocked", Lang::Zh) => "受阻",
        ("cancelled", Lang::Zh) => "已取消",
        ("planned", Lang::En) => "Planned",
        ("active", Lang::En) => "Active",
        ("done", Lang::En) => "Done",
        ("blocked", Lang::En) => "Blocked",
        ("cancelled", Lang::En) => "Cancelled",
        _ => code,
    };
    words.to_string()
}

/// One row per action in outline order; the action indented two spaces per level.
pub fn plan_table(view: &PlanView, lang: Lang) -> Table {
    let rows = view
        .tasks
        .iter()
        .map(|t| {
            vec![
                Cell::Text(t.objective.clone()),
                Cell::Text(format!("{}{}", "  ".repeat(t.depth as usize), t.title)),
                Cell::Text(t.owner_name.clone()),
                Cell::Text(t.start.to_string()),
                Cell::Text(t.finish.to_string()),
                Cell::Int(t.duration),
                Cell::Percent(t.progress_bp),
                Cell::Text(priority_label(&t.priority, lang)),
                Cell::Text(status_label(&t.status, lang)),
                Cell::Money(t.budget),
                Cell::Text(t.resources.clone()),
                Cell::Bool(t.critical),
                Cell::Int(t.total_float),
            ]
        })
        .collect();
    Table {
        sheet: match lang {
            Lang::Zh => "行动计划",
            Lang::En => "Action plan",
        }
        .to_string(),
        headers: plan_table_headers(lang)
            .into_iter()
            .map(String::from)
            .collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::Source;
    use crate::import::source::{Cell as In, Flow, ReadOptions};
    use crate::store::Workspace;

    fn demo_view() -> PlanView {
        let mut ws = Workspace::open_in_memory().unwrap();
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
        crate::plan::plan_view(&ws).unwrap()
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn headers_and_a_demo_row() {
        let view = demo_view();
        let zh = plan_table(&view, Lang::Zh);
        assert_eq!(
            zh.headers,
            [
                "目标维度",
                "具体举措",
                "责任人",
                "开始",
                "完成",
                "工期(工作日)",
                "进度",
                "优先级",
                "状态",
                "预算",
                "资源需求",
                "关键",
                "总浮动"
            ]
        );
        assert_eq!(zh.rows.len(), 8);
        assert_eq!(zh.rows[0][1], text("用户获取"));
        // The other objective is on the critical path (through 建立用户社群运营体系).
        assert_eq!(zh.rows[4][11], Cell::Bool(true));
        assert_eq!(zh.rows[4][12], Cell::Int(0));
        assert_eq!(zh.rows[6][1], text("  建立用户社群运营体系"));
        let campaigns = &zh.rows[1];
        assert_eq!(view.tasks[1].title, "策划3场线上裂变活动");
        assert_eq!(
            campaigns[..6],
            [
                text("用户获取"),
                text("  策划3场线上裂变活动"),
                text("张三"),
                text("2026-09-07"),
                text("2026-09-30"),
                Cell::Int(18),
            ]
        );
        assert_eq!(
            campaigns[6..],
            [
                Cell::Percent(7000),
                text("高"),
                text("进行中"),
                Cell::Money(500_000),
                text("设计预算5000元"),
                Cell::Bool(false),
                Cell::Int(23),
            ]
        );
        let en = plan_table(&view, Lang::En);
        assert_eq!(en.headers[0], "Objective");
        assert_eq!(en.headers[5], "Duration (working days)");
        assert_eq!(en.headers[12], "Total float");
        assert_eq!(en.rows[1][7], text("High"));
        assert_eq!(en.rows[1][8], text("Active"));
    }

    #[test]
    fn csv_round_trip() {
        let view = demo_view();
        let table = plan_table(&view, Lang::Zh);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.csv");
        crate::export::export_table(&table, &path).unwrap();
        let mut src = Source::open(&path, &ReadOptions::default()).unwrap();
        let mut rows: Vec<Vec<String>> = Vec::new();
        src.for_each_row(&mut |_, cells| {
            rows.push(
                cells
                    .iter()
                    .map(|c| match c {
                        In::Text(t) => t.to_string(),
                        other => other.display(),
                    })
                    .collect(),
            );
            Ok(Flow::Continue)
        })
        .unwrap();
        assert_eq!(rows.len(), 9);
        assert_eq!(rows[0], table.headers);
        assert_eq!(
            rows[2],
            [
                "用户获取".to_string(),
                "  策划3场线上裂变活动".into(),
                "张三".into(),
                "2026-09-07".into(),
                "2026-09-30".into(),
                "18".into(),
                "70.00%".into(),
                "高".into(),
                "进行中".into(),
                "5000.00".into(),
                "设计预算5000元".into(),
                "FALSE".into(),
                "23".into(),
            ]
        );
    }
}
