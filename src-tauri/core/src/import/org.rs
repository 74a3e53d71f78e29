//! The organisation: rows of region / team / person with headcount, capacity per head and team
//! type become `org_unit` rows under the company. Units that exist (same name under the same
//! parent) are reused, never changed; a row that creates nothing is a duplicate.

use super::headers::Field;
use super::job::{Job, PreviewJob, PreviewRow};
use super::kind::Importer;
use super::pipeline;
use super::source::Cell;
use super::store;
use super::values::{self, NumberFormat, ValueError};
use super::RowError;
use crate::error::Result;
use crate::store::batches::AggregateDelta;

const FIELDS: [Field; 6] = [
    Field::Region,
    Field::Team,
    Field::Person,
    Field::Headcount,
    Field::Capacity,
    Field::TeamType,
];

type Columns = super::pipeline::Columns<6>;

struct OrgRow {
    region: Option<String>,
    team: Option<String>,
    person: Option<String>,
    headcount: Option<i64>,
    capacity: Option<i64>,
    team_type: Option<String>,
}

fn type_row(
    cols: &Columns,
    cells: &[Cell],
    row: u64,
    fmt: NumberFormat,
) -> std::result::Result<OrgRow, Vec<RowError>> {
    let cell = |i: usize| cols.cell(cells, i);
    let mut errs = Vec::new();
    let mut err =
        |i: usize, e: ValueError| errs.push(RowError::of_value(row, &cols.labels[i], &e, &cell(i)));
    let text = |i: usize, err: &mut dyn FnMut(usize, ValueError)| match values::text(&cell(i)) {
        Ok(t) if t.is_empty() => None,
        Ok(t) => Some(t.into_owned()),
        Err(e) => {
            err(i, e);
            None
        }
    };
    let region = text(0, &mut err);
    let team = text(1, &mut err);
    let person = text(2, &mut err);
    let team_type = text(5, &mut err);
    let number = |i: usize, money: bool, err: &mut dyn FnMut(usize, ValueError)| match cell(i) {
        c if c.is_blank() => None,
        c => {
            let v = if money {
                values::money_fen(&c, fmt)
            } else {
                values::whole(&c, fmt)
            };
            match v {
                Ok(v) if v >= 0 => Some(v),
                Ok(_) => {
                    err(i, ValueError::OutOfRange);
                    None
                }
                Err(e) => {
                    err(i, e);
                    None
                }
            }
        }
    };
    let headcount = number(3, false, &mut err);
    let capacity = number(4, true, &mut err);
    if region.is_none() && team.is_none() && person.is_none() && errs.is_empty() {
        errs.push(RowError {
            row,
            column: String::new(),
            message_zh: "没有区域、团队或销售员名称".into(),
            message_en: "no region, team or sales rep name".into(),
        });
    }
    if errs.is_empty() {
        Ok(OrgRow {
            region,
            team,
            person,
            headcount,
            capacity,
            team_type,
        })
    } else {
        Err(errs)
    }
}

fn display(r: &OrgRow) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        o(&r.region),
        o(&r.team),
        o(&r.person),
        r.headcount.map(|v| v.to_string()).unwrap_or_default(),
        r.capacity
            .map(crate::money::format_yuan)
            .unwrap_or_default(),
        o(&r.team_type),
    ]
}

/// The organisation: one row is a region, team or person (with the levels above it).
pub(super) struct Org;

impl Importer for Org {
    fn fields(&self) -> &'static [Field] {
        &FIELDS
    }

    /// Every column is optional: a row names the units it has.
    fn required(&self) -> &'static [Field] {
        &[]
    }

    fn header_hint(&self) -> (&'static str, &'static str) {
        (
            "区域、团队、销售员、人数、人均产能",
            "region, team, sales rep, headcount, capacity",
        )
    }

    fn books_to_metric(&self) -> bool {
        false
    }

    fn preview(&self, job: PreviewJob<'_>) -> Result<u64> {
        let PreviewJob {
            opened,
            opts,
            progress,
            cancel,
            acc,
            ..
        } = job;
        let cols = Columns::new(opened, &FIELDS);
        let rows = pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
            match type_row(&cols, cells, row, opts.number_format) {
                Ok(r) if acc.wants_rows() => acc.rows.push(PreviewRow {
                    row,
                    values: display(&r),
                }),
                Ok(_) => {}
                Err(e) => acc.row_errors(e),
            }
            Ok(())
        })?;
        Ok(rows)
    }

    fn commit(&self, job: Job<'_>) -> Result<Option<AggregateDelta>> {
        let Job {
            conn,
            opened,
            opts,
            batch,
            progress,
            cancel,
            tally,
            ..
        } = job;
        let cols = Columns::new(opened, &FIELDS);
        let (company, _) = store::known::company_root(conn, Some(batch))?;
        let mut units = store::units_by_parent_and_name(conn)?;
        tally.rows = pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
            let r = match type_row(&cols, cells, row, opts.number_format) {
                Ok(r) => r,
                Err(e) => {
                    tally.row_errors(e);
                    return Ok(());
                }
            };
            let mut parent = company;
            let mut created_any = false;
            let levels = [
                ("region", &r.region),
                ("team", &r.team),
                ("person", &r.person),
            ];
            let last = levels.iter().rposition(|(_, n)| n.is_some()).unwrap_or(0);
            for (i, (kind, name)) in levels.iter().enumerate() {
                let Some(name) = name else { continue };
                let key = (parent, name.clone());
                if let Some(id) = units.get(&key) {
                    parent = *id;
                    continue;
                }
                let is_last = i == last;
                let headcount = match (*kind, is_last) {
                    ("person", _) => 1,
                    (_, true) => r.headcount.unwrap_or(0),
                    _ => 0,
                };
                let capacity = if is_last { r.capacity } else { None };
                let team_type = if *kind != "region" {
                    r.team_type.as_deref()
                } else {
                    None
                };
                let id = store::insert_unit(
                    conn,
                    parent,
                    kind,
                    name,
                    team_type,
                    (headcount, capacity),
                    batch,
                )?;
                units.insert(key, id);
                parent = id;
                created_any = true;
            }
            if created_any {
                tally.inserted += 1;
            } else {
                tally.duplicates += 1;
            }
            Ok(())
        })?;
        Ok(None)
    }
}
