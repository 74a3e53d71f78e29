//! Action plans (目标-举措-责任人-时间节点): an outline of actions with dependencies, scheduled on the
//! working-day calendar, with critical path, baselines, progress rollup, gap coverage and the
//! strategy–resource matching table.
//!
//! The date semantics of every dependency kind are documented in [`model`].

mod critical;
pub mod model;
pub mod schedule;
pub mod workdays;

pub use model::{Link, LinkKind, Network, Task};
pub use schedule::{schedule, Schedule, TaskTimes};
pub mod actions;
pub mod baseline;
pub mod coverage;
pub mod edit;
pub mod outline;
pub mod resources;
pub mod rollup;
pub mod store;
pub mod view;

pub use actions::{create_action, delete_action, update_action, ActionInput};
pub use baseline::{
    delete_baseline, list_baselines, save_baseline, BaselineTaskSlip, BaselineView,
};
pub use coverage::{gap_coverage, CoverageReport, TargetCoverage};
pub use edit::{add_link, delete_link, move_task, set_duration};
pub use resources::{resource_table, ResourceTable, StrategyResources, TimeNode};
pub use rollup::{rollup_mode, set_rollup_mode, set_rollup_weight, RollupMode};
pub use view::{plan_view, PlanLinkView, PlanTaskView, PlanView};
