//! Setting up a workspace of one's own: the company, its fiscal year and the year plans, and what
//! a blank or half-built workspace still lacks (so every section can say so instead of failing).

pub mod capacity_split;
pub mod catalog;
pub mod company;
pub mod metric_usage;
pub mod metrics;
pub mod plan_year;
pub mod stages;
mod store;

#[cfg(test)]
mod metric_tests;
#[cfg(test)]
mod tests;

use crate::error::Result;
use crate::Workspace;
use serde::Serialize;

pub use plan_year::{PlanYear, PlanYearSpec};

/// What the workspace has and lacks, for the empty states, the year picker and the assistant.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SetupStatus {
    /// The company's name, when the organisation has its root.
    pub company: Option<String>,
    /// Units below the company (regions, teams) and people.
    pub units: i64,
    pub people: i64,
    /// Every year plan, newest year first.
    pub plan_years: Vec<PlanYear>,
    /// The year every section shows (chosen by the user, else the current one).
    pub selected_year: i32,
    /// The year a new plan is offered for: next year in the last two months of a fiscal year.
    pub suggested_year: i32,
    pub fiscal_start_month: u32,
    /// The demo company, before the user chose to keep exploring it or to start their own.
    pub demo_welcome: bool,
}

pub fn status(ws: &Workspace) -> Result<SetupStatus> {
    let conn = ws.conn();
    let (units, people) = store::company::unit_counts(conn)?;
    let today = crate::variance::as_of(ws)?;
    let start_month = crate::variance::fiscal_start_month(ws, today)?;
    Ok(SetupStatus {
        company: company::name(ws)?,
        units,
        people,
        plan_years: plan_year::list(conn)?,
        selected_year: plan_year::selected_year(ws)?,
        suggested_year: plan_year::suggested_year(today, start_month),
        fiscal_start_month: start_month,
        demo_welcome: ws.meta("demo")?.as_deref() == Some("1") && ws.meta(WELCOME_KEY)?.is_none(),
    })
}

const WELCOME_KEY: &str = "welcome_choice";

/// The user keeps exploring the demo: it no longer offers to start their own company.
pub fn keep_demo(ws: &Workspace) -> Result<()> {
    ws.set_meta(WELCOME_KEY, "demo")
}
