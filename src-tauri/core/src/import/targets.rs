//! Targets: a grid of people (or any organisation unit) × periods (2026-01, 1月, Q1 …) becomes
//! `target` rows of the newest target set; each non-empty cell is one record. Floor and
//! challenge tiers follow the set's ratios. An existing cell with the same value is a duplicate;
//! with another value it is an error (changes go through revisions, not imports).

use super::guard::Where;
use super::headers::Field;
use super::job::{Created, Job, PreviewJob, PreviewRow};
use super::kind::Importer;
use super::lookup::{Found, Lookups};
use super::periods::{self, Period};
use super::pipeline::{self, Opened};
use super::resolve;
use super::source::Cell;
use super::store;
use super::values;
use super::{Action, RowError, UnknownKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::batches::AggregateDelta;
use crate::units::apply_bp;
use rusqlite::Connection;
use std::collections::HashMap;

struct Grid {
    name_col: usize,
    name_label: String,
    /// (column, its label, the period it holds)
    periods: Vec<(usize, String, Period)>,
}

fn grid(opened: &Opened) -> Result<Grid> {
    let w: Where = opened.place().row(opened.header_row);
    let name_col = opened.mapping.column_of(Field::Person).unwrap_or(0);
    let mut periods = Vec::new();
    for c in opened
        .mapping
        .columns
        .iter()
        .filter(|c| c.field == Field::Period)
    {
        let label = opened.column_label(c.column);
        let p = periods::parse(&label, opened.fiscal_year).ok_or_else(|| {
            w.clone().column(label.clone()).error(
                Code::ImportBadPeriod,
                format!("表头“{label}”不是期间（如 2026-01、1月、2026-Q1）"),
                format!("header \"{label}\" is not a period (e.g. 2026-01, 1月, 2026-Q1)"),
            )
        })?;
        periods.push((c.column, label, p));
    }
    Ok(Grid {
        name_col,
        name_label: opened.column_label(name_col),
        periods,
    })
}

struct TargetSet {
    id: i64,
    floor_bp: i64,
    challenge_bp: i64,
    sprint_bp: Option<i64>,
}

fn newest_set(conn: &Connection) -> Result<TargetSet> {
    store::target_set(conn, crate::selection::current_set_id(conn)?)?
        .map(|(id, floor_bp, challenge_bp, sprint_bp)| TargetSet {
            id,
            floor_bp,
            challenge_bp,
            sprint_bp,
        })
        .ok_or_else(|| {
            Error::new(
                Code::ImportNoTargetSet,
                "工作区中还没有目标方案，无法导入目标",
                "The workspace has no target set to import targets into",
            )
        })
}

fn name_error(row: u64, label: &str, kind: &str) -> RowError {
    let (zh, en) = match kind {
        "empty" => (
            "有目标值但没有销售员/组织名称".to_string(),
            "a target value without a sales rep/unit name".to_string(),
        ),
        _ => (
            format!("名称“{kind}”有多个同名组织，无法确定"),
            format!("more than one unit is named \"{kind}\"; it is ambiguous"),
        ),
    };
    RowError {
        row,
        column: label.to_string(),
        message_zh: zh,
        message_en: en,
    }
}

/// A target grid: one row per person or unit, one column per period; each filled cell is a
/// record of its own.
pub(super) struct Targets;

impl Importer for Targets {
    fn fields(&self) -> &'static [Field] {
        &[Field::Person, Field::Period, Field::Amount]
    }

    fn required(&self) -> &'static [Field] {
        &[Field::Person, Field::Period]
    }

    fn header_hint(&self) -> (&'static str, &'static str) {
        (
            "销售员/组织 与 期间（如 2026-01、1月）",
            "sales rep/unit and periods (e.g. 2026-01, 1月)",
        )
    }

    fn preview(&self, job: PreviewJob<'_>) -> Result<u64> {
        let PreviewJob {
            conn,
            opened,
            opts,
            progress,
            cancel,
            acc,
            ..
        } = job;
        resolve::live_metric_id(conn, &opts.metric_code, resolve::Booked::Targets)?;
        let g = grid(opened)?;
        let lookups = Lookups::load(conn)?;
        let mut records = 0u64;
        pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
            let name =
                values::text(cells.get(g.name_col).unwrap_or(&Cell::Empty)).unwrap_or_default();
            let mut errs = Vec::new();
            for (col, label, p) in &g.periods {
                let cell = cells.get(*col).copied().unwrap_or(Cell::Empty);
                if cell.is_blank() {
                    continue;
                }
                records += 1;
                let v = values::money_fen(&cell, opts.number_format);
                if let Err(e) = &v {
                    acc.ambiguous |= *e == values::ValueError::AmbiguousFormat;
                    errs.push(RowError::of_value(row, label, e, &cell));
                    continue;
                }
                if name.is_empty() {
                    errs.push(name_error(row, &g.name_label, "empty"));
                    continue;
                }
                match lookups.find(UnknownKind::OrgUnit, &name) {
                    Found::Unknown => acc.unknown(UnknownKind::OrgUnit, &name, row, 0),
                    Found::Ambiguous => errs.push(name_error(row, &g.name_label, &name)),
                    Found::Id(_) => {}
                }
                if acc.wants_rows() {
                    acc.rows.push(PreviewRow {
                        row,
                        values: vec![
                            name.to_string(),
                            p.key.clone(),
                            crate::money::format_yuan(v.unwrap_or(0)),
                        ],
                    });
                }
            }
            // Each cell is a record of its own, as in the commit.
            for e in errs {
                acc.row_errors(vec![e]);
            }
            Ok(())
        })?;
        Ok(records)
    }

    fn commit(&self, job: Job<'_>) -> Result<Option<AggregateDelta>> {
        let Job {
            conn,
            opened,
            opts,
            resolutions,
            batch,
            progress,
            cancel,
            tally,
        } = job;
        let g = grid(opened)?;
        let set = newest_set(conn)?;
        let metric_id = resolve::live_metric_id(conn, &opts.metric_code, resolve::Booked::Targets)?;
        let mut lookups = Lookups::load(conn)?;
        let mut decided: HashMap<String, Option<i64>> = HashMap::new();
        let mut created = Vec::new();
        pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
            let name =
                values::text(cells.get(g.name_col).unwrap_or(&Cell::Empty)).unwrap_or_default();
            for (col, label, p) in &g.periods {
                let cell = cells.get(*col).copied().unwrap_or(Cell::Empty);
                if cell.is_blank() {
                    continue;
                }
                tally.rows += 1;
                let base = match values::money_fen(&cell, opts.number_format) {
                    Ok(v) => v,
                    Err(e) => {
                        tally.row_errors(vec![RowError::of_value(row, label, &e, &cell)]);
                        continue;
                    }
                };
                if name.is_empty() {
                    tally.row_errors(vec![name_error(row, &g.name_label, "empty")]);
                    continue;
                }
                let unit = match lookups.find(UnknownKind::OrgUnit, &name) {
                    Found::Id(id) => Some(id),
                    Found::Ambiguous => {
                        tally.row_errors(vec![name_error(row, &g.name_label, &name)]);
                        continue;
                    }
                    Found::Unknown => match decided.get(name.as_ref()) {
                        Some(d) => *d,
                        None => {
                            let d = match resolutions.action_for(UnknownKind::OrgUnit, &name) {
                                Action::Skip => None,
                                Action::Map { id } => {
                                    if !store::known::id_exists(conn, UnknownKind::OrgUnit, id)? {
                                        return Err(Error::new(
                                        Code::ImportBadResolution,
                                        format!("“{name}”映射到的组织编号 {id} 不存在"),
                                        format!("\"{name}\" is mapped to unit id {id}, which does not exist"),
                                    ));
                                    }
                                    Some(id)
                                }
                                Action::Create => {
                                    let (company, _) =
                                        store::known::company_root(conn, Some(batch))?;
                                    let id =
                                        store::insert_person(conn, Some(company), &name, batch)?;
                                    created.push(Created {
                                        kind: UnknownKind::OrgUnit,
                                        value: name.to_string(),
                                        id,
                                    });
                                    Some(id)
                                }
                            };
                            if let Some(id) = d {
                                lookups.remember(UnknownKind::OrgUnit, &name, id);
                            }
                            decided.insert(name.to_string(), d);
                            d
                        }
                    },
                };
                let Some(unit) = unit else {
                    tally.skip_unknown(UnknownKind::OrgUnit, &name, row, 0);
                    continue;
                };
                let old = store::base_target(conn, (set.id, metric_id, unit), &p.key)?;
                match old {
                Some(v) if v == base => tally.duplicates += 1,
                Some(v) => tally.row_errors(vec![RowError {
                    row,
                    column: label.clone(),
                    message_zh: format!(
                        "“{name}”{} 已有目标 {}，与文件中的 {} 不同；请在应用中修订目标（保留原基线）",
                        p.key,
                        crate::money::format_yuan(v),
                        crate::money::format_yuan(base)
                    ),
                    message_en: format!(
                        "\"{name}\" already has a {} target of {}, not {} as in the file; revise it in the app (the baseline is kept)",
                        p.key,
                        crate::money::format_yuan(v),
                        crate::money::format_yuan(base)
                    ),
                }]),
                None => {
                    let n = store::insert_target(
                        conn,
                        (set.id, metric_id, unit),
                        (&p.key, p.start, p.end),
                        [
                            apply_bp(base, set.floor_bp),
                            base,
                            apply_bp(base, set.challenge_bp),
                        ],
                        set.sprint_bp.map(|bp| apply_bp(base, bp)),
                        batch,
                    )?;
                    if n == 1 {
                        tally.inserted += 1;
                    } else {
                        tally.duplicates += 1;
                    }
                }
            }
            }
            Ok(())
        })?;
        tally.created.extend(created);
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tiers_round_exactly() {
        assert_eq!(crate::units::apply_bp(1_000_000, 8_000), 800_000);
        assert_eq!(crate::units::apply_bp(333, 12_000), 400);
        assert_eq!(crate::units::apply_bp(5, 5_000), 3);
        assert_eq!(crate::units::apply_bp(-5, 5_000), -3);
    }
}
