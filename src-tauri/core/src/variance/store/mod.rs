//! The variance engine's reads of the workspace: every SQL statement the engine runs.

pub(crate) mod sums;
pub(crate) mod targets;
