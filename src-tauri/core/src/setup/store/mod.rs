//! The setup area's SQL: the company's root, the catalog (metrics and their usage, dimension
//! members, customers, funnel stages) and the year plans. The feature modules check and decide;
//! these read and write the rows.

pub(super) mod catalog;
pub(super) mod company;
pub(super) mod metrics;
pub(super) mod plan_year;
pub(super) mod stages;
pub(super) mod usage;
