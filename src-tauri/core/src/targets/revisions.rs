//! The revision log (目标调整记录) of a plan: every recorded change of a tier, with who, when,
//! why, the old and new value, and where (unit, dimension member, period); filtered by unit (and
//! the units below it), cell, period, tier, author, reason category and date range, and written
//! as a table for XLSX.

use crate::error::{Lang, Result};
use crate::export::{Cell, Table};
use crate::store::Workspace;
use crate::targets::store::revisions as store;

use crate::targets::tree::ops::{self, PlanSel};
use serde::{Deserialize, Serialize};
pub use store::{Revision, RevisionPlace};

/// What to show; every field is optional. Dates are `YYYY-MM-DD`, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionFilter {
    /// A unit and every unit below it.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// Exactly one cell: with `unit_id`, only that unit's own cell (member `dimension_id`).
    #[serde(default)]
    pub cell_only: bool,
    #[serde(default)]
    pub dimension_id: Option<i64>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// The plan's revision log, newest first, filtered.
pub fn log(ws: &Workspace, plan: &PlanSel, f: &RevisionFilter) -> Result<Vec<Revision>> {
    let tree = ops::load(ws, plan)?;
    let rows = store::revision_lines(ws.conn(), tree.set_id, tree.metric_id)?;
    let under = |u: i64, top: i64| {
        let mut at = Some(u);
        while let Some(x) = at {
            if x == top {
                return true;
            }
            at = tree.parent_unit(x);
        }
        false
    };
    let same = |want: &Option<String>, have: &str| {
        want.as_deref().is_none_or(|w| w.is_empty() || w == have)
    };
    let mut out = Vec::new();
    for mut l in rows {
        let Some(p) = l.place.as_mut() else {
            continue;
        };
        let keep = match f.unit_id {
            Some(u) if f.cell_only => p.unit_id == u && p.dimension_id == f.dimension_id,
            Some(u) => under(p.unit_id, u),
            None => true,
        } && same(&f.period, &p.period)
            && same(&f.tier, &l.tier)
            && same(&f.who, &l.who)
            && same(&f.category, &l.reason_category)
            && f.from
                .as_deref()
                .is_none_or(|d| l.at.get(..10).unwrap_or("") >= d)
            && f.to
                .as_deref()
                .is_none_or(|d| l.at.get(..10).unwrap_or("") <= d);
        if keep {
            p.unit_path = tree.unit_path(p.unit_id);
            p.unit_name = tree.unit_name(p.unit_id).to_string();
            out.push(l);
        }
    }
    Ok(out)
}

fn tier_name(tier: &str, lang: Lang) -> String {
    let (zh, en) = match tier {
        "floor" => ("保底", "Floor"),
        "base" => ("基准", "Base"),
        "challenge" => ("挑战", "Challenge"),
        "sprint" => ("冲刺", "Sprint"),
        other => (other, other),
    };
    crate::export::tr(lang, zh, en)
}

fn category_name(c: &str, lang: Lang) -> String {
    let (zh, en) = match c {
        "policy" => ("政策变化", "Policy"),
        "market" => ("市场变化", "Market"),
        "execution" => ("执行问题", "Execution"),
        "resources" => ("资源调整", "Resources"),
        "other" => ("其他", "Other"),
        other => (other, other),
    };
    crate::export::tr(lang, zh, en)
}

/// The log as a table (the XLSX export), labels in `lang`.
pub fn table(lines: &[Revision], lang: Lang) -> Table {
    let tr = |zh: &str, en: &str| crate::export::tr(lang, zh, en);
    Table {
        sheet: tr("修订记录", "Revisions"),
        headers: vec![
            tr("时间", "When"),
            tr("单位", "Unit"),
            tr("维度成员", "Member"),
            tr("期间", "Period"),
            tr("档位", "Tier"),
            tr("原值", "Old value"),
            tr("新值", "New value"),
            tr("变化", "Change"),
            tr("修改人", "Author"),
            tr("原因类别", "Reason category"),
            tr("原因", "Reason"),
            tr("审批人", "Approver"),
        ],
        rows: lines
            .iter()
            .map(|l| {
                let p = l.place.as_ref();
                let member = p.and_then(|p| match lang {
                    Lang::Zh => p.member_zh.clone(),
                    Lang::En => p.member_en.clone(),
                });
                vec![
                    Cell::Text(l.at.replace('T', " ")),
                    Cell::Text(p.map(|p| p.unit_path.clone()).unwrap_or_default()),
                    member.map(Cell::Text).unwrap_or(Cell::Empty),
                    Cell::Text(p.map(|p| p.period.clone()).unwrap_or_default()),
                    Cell::Text(tier_name(&l.tier, lang)),
                    Cell::Money(l.old_value),
                    Cell::Money(l.new_value),
                    Cell::Money(l.new_value - l.old_value),
                    Cell::Text(l.who.clone()),
                    Cell::Text(category_name(&l.reason_category, lang)),
                    Cell::Text(l.reason.clone()),
                    l.approver.clone().map(Cell::Text).unwrap_or(Cell::Empty),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::store::{Change, ReasonCategory};
    use crate::targets::tree::ops::{edit, CellEdit, CellRef, ChildrenWay, EditChoice, ParentWay};
    use crate::targets::Tier;

    fn change(who: &str, at: &str, category: ReasonCategory, reason: &str) -> Change {
        Change {
            who: who.into(),
            at: at.into(),
            category,
            reason: reason.into(),
            approver: None,
        }
    }

    fn set(ws: &Workspace, unit: i64, period: &str, value: i64, ch: &Change) {
        let e = CellEdit {
            cell: CellRef {
                unit_id: unit,
                dimension_id: None,
                period: period.into(),
            },
            tier: Tier::Base,
            value,
        };
        let keep = EditChoice {
            children: ChildrenWay::Keep,
            parent: ParentWay::Keep,
        };
        edit(ws, &PlanSel::default(), &[e], keep, Some(ch)).unwrap();
    }

    /// An approved 2026 plan: 公司 > 华东 > 一组, each with months of 1,000.00 yuan and a year of
    /// 12,000.00, every tier equal (ratios 100%).
    fn approved() -> Workspace {
        let ws = Workspace::open_in_memory().unwrap();
        let c = ws.conn();
        c.execute_batch(
            "INSERT INTO fiscal_year(year, start_month) VALUES (2026, 1);
             INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
               VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum');
             INSERT INTO target_set(id, fiscal_year, name, status, floor_bp, challenge_bp) VALUES (1, 2026, 'P', 'approved', 10000, 10000);
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (1, NULL, 'company', '公司');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (2, 1, 'region', '华东');
             INSERT INTO org_unit(id, parent_id, kind, name) VALUES (3, 2, 'team', '一组');",
        )
        .unwrap();
        for k in 1..=12u32 {
            let start = chrono::NaiveDate::from_ymd_opt(2026, k, 1).unwrap();
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .unwrap()
                .pred_opt()
                .unwrap();
            for u in 1..=3 {
                c.execute(
                    "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end, \
                     floor_value, base_value, challenge_value) VALUES (1, 1, ?4, ?1, ?2, ?3, 100000, 100000, 100000)",
                    rusqlite::params![format!("2026-{k:02}"), start.to_string(), end.to_string(), u],
                )
                .unwrap();
            }
        }
        for u in 1..=3 {
            c.execute(
                "INSERT INTO target(target_set_id, metric_id, org_unit_id, period, period_start, period_end, \
                 floor_value, base_value, challenge_value) VALUES (1, 1, ?1, '2026', '2026-01-01', '2026-12-31', 1200000, 1200000, 1200000)",
                [u],
            )
            .unwrap();
        }
        ws
    }

    #[test]
    fn the_log_filters_by_cell_unit_author_reason_and_dates_and_exports() {
        let ws = approved();
        // 一组 March 1,000 → 1,500 (market, 王经理, 10-15), the company's year 12,000 → 15,000
        // without touching the others (policy, 李总, 11-02).
        let a = change(
            "王经理",
            "2026-10-15T09:00:00",
            ReasonCategory::Market,
            "大客户追加",
        );
        set(&ws, 3, "2026-03", 150_000, &a);
        let b = change(
            "李总",
            "2026-11-02T10:30:00",
            ReasonCategory::Policy,
            "董事会上调",
        );
        set(&ws, 1, "2026", 1_500_000, &b);
        let plan = PlanSel::default();
        let all = log(&ws, &plan, &RevisionFilter::default()).unwrap();
        // Each cell moves three tiers (floor, base, challenge). The March edit also moves 一组's
        // year 12,000 → 12,500 (its months' sum): 2 cells. The company's year is spread over its
        // 12 months: 13 cells. (2 + 13) × 3 = 45, newest first.
        assert_eq!(all.len(), 45);
        assert_eq!(all[0].who, "李总");
        let cell = RevisionFilter {
            unit_id: Some(3),
            cell_only: true,
            period: Some("2026-03".into()),
            tier: Some("base".into()),
            ..Default::default()
        };
        let march = log(&ws, &plan, &cell).unwrap();
        assert_eq!(march.len(), 1);
        assert_eq!((march[0].old_value, march[0].new_value), (100_000, 150_000));
        assert_eq!(march[0].place.as_ref().unwrap().unit_path, "/华东/一组");
        assert_eq!(march[0].reason, "大客户追加");
        let under_region = RevisionFilter {
            unit_id: Some(2),
            ..Default::default()
        };
        assert_eq!(log(&ws, &plan, &under_region).unwrap().len(), 6);
        let by = |f: RevisionFilter| log(&ws, &plan, &f).unwrap().len();
        assert_eq!(
            by(RevisionFilter {
                who: Some("李总".into()),
                ..Default::default()
            }),
            39
        );
        assert_eq!(
            by(RevisionFilter {
                category: Some("market".into()),
                ..Default::default()
            }),
            6
        );
        assert_eq!(
            by(RevisionFilter {
                from: Some("2026-11-01".into()),
                ..Default::default()
            }),
            39
        );
        assert_eq!(
            by(RevisionFilter {
                to: Some("2026-10-15".into()),
                ..Default::default()
            }),
            6
        );
        assert_eq!(
            by(RevisionFilter {
                to: Some("2026-10-14".into()),
                ..Default::default()
            }),
            0
        );
        let t = table(&march, Lang::En);
        assert_eq!(t.headers[7], "Change");
        assert_eq!(t.rows[0][7], Cell::Money(50_000));
        assert_eq!(t.rows[0][9], Cell::Text("Market".into()));
        assert!(!crate::export::write_xlsx(&t).unwrap().is_empty());
        // A cell's revisions and a log line write the fields they always wrote, in their order.
        let keys = |v: serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        let cell = crate::targets::store::revisions(ws.conn(), march[0].target_id).unwrap();
        let nine = [
            "targetId",
            "at",
            "who",
            "reasonCategory",
            "reason",
            "tier",
            "oldValue",
            "newValue",
            "approver",
        ];
        assert_eq!(keys(serde_json::to_value(&cell[0]).unwrap()), nine);
        let mut line = vec!["id"];
        line.extend(nine);
        line.extend([
            "unitId",
            "unitPath",
            "unitName",
            "dimensionId",
            "memberZh",
            "memberEn",
            "period",
        ]);
        let v = serde_json::to_value(&march[0]).unwrap();
        assert_eq!(keys(v.clone()), line);
        assert_eq!(v["unitPath"], "/华东/一组");
        assert_eq!(v["approver"], serde_json::Value::Null);
    }
}
