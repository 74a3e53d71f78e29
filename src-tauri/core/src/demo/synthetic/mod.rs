//! Large synthetic workspaces for the benchmarks, made from the demo's random numbers and
//! seasonality; they sit with the demo, above the features they fill.

mod plan;

pub use plan::write_synthetic_plan;
