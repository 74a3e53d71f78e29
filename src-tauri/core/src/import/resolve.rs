//! Makes an unknown value of an actuals row known, as the user decided: an existing record, a new
//! one, or none (its rows are skipped). Customers, product lines, customer types and channels are
//! created unless the user says otherwise; a person is created only under a team the user chose
//! or the team (region) the row names, never silently at the company root.
//!
//! A preview runs the same decisions without writing (`dry`): a record it would create gets a
//! stand-in id below zero, so the preview counts exactly what the commit will do.

use super::job::Created;
use super::lookup;
use super::store;
use super::{Action, Resolutions, UnknownKind};
use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;
use rustc_hash::FxHashMap;

/// What the resolver needs of the row that first names a value.
pub(super) struct RowContext<'a> {
    pub team: Option<&'a str>,
    pub region: Option<&'a str>,
    pub customer_type: Option<i64>,
}

pub(super) struct Resolver<'r> {
    pub resolutions: &'r Resolutions,
    pub batch: i64,
    /// Preview: decide, create nothing.
    pub dry: bool,
    decided: FxHashMap<(UnknownKind, String), Option<i64>>,
    next_stand_in: i64,
    pub created: Vec<Created>,
}

/// The metric rows are booked to, by its code.
fn metric_id(conn: &Connection, code: &str) -> Result<i64> {
    store::metric_by_code(conn, code)?.ok_or_else(|| {
        Error::new(
            Code::ImportNoMetric,
            format!("工作区中没有指标“{code}”，无法导入"),
            format!("The workspace has no metric \"{code}\" to import into"),
        )
    })
}

/// What new rows book to a metric: its actuals or its targets.
#[derive(Debug, Clone, Copy)]
pub(super) enum Booked {
    Actuals,
    Targets,
}

/// The metric new rows are booked to: it exists and is not retired (a retired metric keeps its
/// history but takes no new actuals or targets, issue #12).
pub(super) fn live_metric_id(conn: &Connection, code: &str, booked: Booked) -> Result<i64> {
    let (what_zh, what_en) = match booked {
        Booked::Actuals => ("实际数", "actuals"),
        Booked::Targets => ("目标", "targets"),
    };
    match store::metric_state(conn, code)? {
        None => metric_id(conn, code),
        Some((_, zh, en, true)) => Err(Error::new(
            Code::MetricRetired,
            format!("指标“{zh}”（{code}）已停用，不能再导入{what_zh}；请先在“设置 → 指标”中恢复它"),
            format!("The metric \"{en}\" ({code}) is retired and takes no new {what_en}; restore it in Settings → Metrics first"),
        )),
        Some((id, _, _, false)) => Ok(id),
    }
}

fn bad_resolution(kind: UnknownKind, name: &str, id: i64) -> Error {
    Error::new(
        Code::ImportBadResolution,
        format!("{}“{name}”映射到的编号 {id} 不存在", kind.label_zh()),
        format!(
            "{} \"{name}\" is mapped to id {id}, which does not exist",
            kind.label_en()
        ),
    )
}

/// Checks that a team chosen for a new person is an organisation unit that is not a person.
fn check_parent(conn: &Connection, name: &str, id: i64) -> Result<i64> {
    match store::unit_kind(conn, id)?.as_deref() {
        Some("company" | "region" | "team") => Ok(id),
        _ => Err(Error::new(
            Code::ImportBadTeam,
            format!("为销售员“{name}”选择的团队（编号 {id}）不存在"),
            format!("The team chosen for sales rep \"{name}\" (id {id}) does not exist"),
        )),
    }
}

impl<'r> Resolver<'r> {
    pub fn new(resolutions: &'r Resolutions, batch: i64, dry: bool) -> Resolver<'r> {
        Resolver {
            resolutions,
            batch,
            dry,
            decided: FxHashMap::default(),
            next_stand_in: -1,
            created: Vec::new(),
        }
    }

    /// The id `name` stands for in this import, or None when its rows are skipped.
    pub fn decide(
        &mut self,
        conn: &Connection,
        lookups: &lookup::Lookups,
        kind: UnknownKind,
        name: &str,
        row: &RowContext,
    ) -> Result<Option<i64>> {
        if let Some(d) = self.decided.get(&(kind, name.to_string())) {
            return Ok(*d);
        }
        let id = match self.resolutions.action_for(kind, name) {
            Action::Skip => None,
            Action::Map { id } => {
                if !store::known::id_exists(conn, kind, id)? {
                    return Err(bad_resolution(kind, name, id));
                }
                Some(id)
            }
            Action::Create => self.create(conn, lookups, kind, name, row)?,
        };
        self.decided.insert((kind, name.to_string()), id);
        Ok(id)
    }

    /// The unit a new person goes under: the user's choice, else the row's team or region.
    fn parent(
        &self,
        conn: &Connection,
        lookups: &lookup::Lookups,
        name: &str,
        row: &RowContext,
    ) -> Result<Option<i64>> {
        if let Some(p) = self.resolutions.parent_for(UnknownKind::Person, name) {
            return check_parent(conn, name, p).map(Some);
        }
        Ok(row
            .team
            .and_then(|n| lookups.group(n))
            .or_else(|| row.region.and_then(|n| lookups.group(n))))
    }

    fn create(
        &mut self,
        conn: &Connection,
        lookups: &lookup::Lookups,
        kind: UnknownKind,
        name: &str,
        row: &RowContext,
    ) -> Result<Option<i64>> {
        let parent = match kind {
            UnknownKind::Person | UnknownKind::OrgUnit => {
                match self.parent(conn, lookups, name, row)? {
                    Some(p) => Some(p),
                    // No team to put the person in: the rows are skipped (and shown with
                    // their amount), never booked to a person at the company root.
                    None => return Ok(None),
                }
            }
            _ => None,
        };
        if self.dry {
            self.next_stand_in -= 1;
            return Ok(Some(self.next_stand_in + 1));
        }
        let id = match kind {
            UnknownKind::Person | UnknownKind::OrgUnit => {
                store::insert_person(conn, parent, name, self.batch)?
            }
            UnknownKind::Customer => {
                store::insert_customer(conn, name, row.customer_type, self.batch)?
            }
            UnknownKind::ProductLine | UnknownKind::CustomerType | UnknownKind::Channel => {
                let dim = match kind {
                    UnknownKind::ProductLine => "product_line",
                    UnknownKind::CustomerType => "customer_type",
                    _ => "channel",
                };
                store::insert_member(conn, dim, name, self.batch)?
            }
        };
        self.created.push(Created {
            kind,
            value: name.to_string(),
            id,
        });
        Ok(Some(id))
    }
}
