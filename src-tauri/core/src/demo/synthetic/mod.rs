//! Large synthetic workspaces for the benchmarks, made from the demo's random numbers and
//! seasonality; they sit with the demo, above the features they fill.

mod plan;
mod targets;

pub use plan::write_synthetic_plan;
pub use targets::write_synthetic_org;
