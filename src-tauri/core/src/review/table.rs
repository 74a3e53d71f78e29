//! A review as one table for the meeting: the findings, then the lessons and the improvement
//! lists with their verification from the data.

use super::{Item, ItemList, Review, Threshold, VerifyStatus};
use crate::error::Lang;
use crate::export::{Cell, Table};
use crate::units::format_percent;

pub fn status_name(s: VerifyStatus, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        VerifyStatus::NotStarted => ("未开始", "Not started"),
        VerifyStatus::InProgress => ("进行中", "In progress"),
        VerifyStatus::Met => ("已达成", "Met"),
        VerifyStatus::Missed => ("未达成", "Missed"),
        VerifyStatus::NoBaseline => ("无基线数据", "No baseline"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

fn value_cell(unit: &str, v: Option<i64>) -> Cell {
    v.map_or(Cell::Empty, |v| crate::export::unit_cell(unit, v))
}

fn item_row(it: &Item, lang: Lang) -> Vec<Cell> {
    let zh = lang == Lang::Zh;
    let list = match (it.list, zh) {
        (ItemList::Lesson, true) => "经验清单",
        (ItemList::Lesson, false) => "Lessons",
        (ItemList::Improvement, true) => "改进清单",
        (ItemList::Improvement, false) => "Improvements",
    };
    let mut row = vec![
        Cell::Text(list.into()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Text(it.text.clone()),
        Cell::Text(it.owner_name.clone().unwrap_or_default()),
        Cell::Text(it.due.map(|d| d.to_string()).unwrap_or_default()),
    ];
    match (&it.check, &it.verification) {
        (Some(c), Some(v)) => {
            let metric = if zh {
                &v.metric_name_zh
            } else {
                &v.metric_name_en
            };
            let threshold = match c.threshold {
                Threshold::Relative { change_bp } => {
                    // The direction the metric must move: up, or down for lower-is-better.
                    let up = (change_bp >= 0) != v.lower_is_better;
                    let word = match (up, zh) {
                        (true, true) => "提升",
                        (false, true) => "降低",
                        (true, false) => "up",
                        (false, false) => "down",
                    };
                    format!("{word} {}", format_percent(change_bp.abs()))
                }
                Threshold::Absolute { .. } => {
                    if zh {
                        "绝对值".into()
                    } else {
                        "absolute".into()
                    }
                }
            };
            row.extend([
                Cell::Text(format!("{metric} {}", c.node)),
                Cell::Text(threshold),
                Cell::Text(c.window.clone()),
                value_cell(&v.unit, v.baseline),
                value_cell(&v.unit, v.required),
                value_cell(&v.unit, v.measured),
                Cell::Text(status_name(v.status, lang).into()),
            ]);
        }
        _ => {
            row.extend(std::iter::repeat_n(Cell::Empty, 6));
            row.push(Cell::Text(
                match (it.done, zh) {
                    (true, true) => "已完成",
                    (true, false) => "Done",
                    (false, true) => "待办",
                    (false, false) => "Open",
                }
                .into(),
            ));
        }
    }
    row
}

pub fn review_table(r: &Review, lang: Lang) -> Table {
    let zh = lang == Lang::Zh;
    let headers: Vec<String> = if zh {
        [
            "部分",
            "类型",
            "鱼骨类别",
            "可控",
            "内容",
            "负责人",
            "截止日期",
            "验证指标",
            "阈值",
            "验证期",
            "基线",
            "要求",
            "实测",
            "状态",
        ]
    } else {
        [
            "Part",
            "Kind",
            "Fishbone category",
            "Controllable",
            "Text",
            "Owner",
            "Due",
            "Verified by",
            "Threshold",
            "Window",
            "Baseline",
            "Required",
            "Measured",
            "Status",
        ]
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = Vec::new();
    for f in &r.findings {
        let kind = match (f.kind, zh) {
            (super::FindingKind::Success, true) => "成功因素",
            (super::FindingKind::Success, false) => "Success factor",
            (super::FindingKind::Cause, true) => "根本原因",
            (super::FindingKind::Cause, false) => "Root cause",
        };
        let mut row = vec![
            Cell::Text(if zh { "发现" } else { "Findings" }.into()),
            Cell::Text(kind.into()),
            Cell::Text(
                crate::chart::fishbone_category(lang, &f.category)
                    .unwrap_or_default()
                    .into(),
            ),
            Cell::Bool(f.controllable),
            Cell::Text(f.text.clone()),
        ];
        row.extend(std::iter::repeat_n(Cell::Empty, 9));
        rows.push(row);
    }
    for it in r.lessons.iter().chain(&r.improvements) {
        rows.push(item_row(it, lang));
    }
    Table {
        // Excel allows 31 characters and no ":?*[]/\\" in a sheet's name: the file name carries
        // the unit and the period.
        sheet: if zh { "复盘" } else { "Review" }.into(),
        headers,
        rows,
    }
}
