//! The variance engine's reads of the workspace: every SQL statement the engine runs.

pub(crate) mod actuals;
pub(crate) mod catalog;
pub(crate) mod deals;
pub(crate) mod drill;
pub(crate) mod sums;
pub(crate) mod targets;
