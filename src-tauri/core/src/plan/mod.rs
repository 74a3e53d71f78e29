//! Action plans (目标-举措-责任人-时间节点): an outline of actions with dependencies, scheduled on the
//! working-day calendar, with critical path, baselines, progress rollup, gap coverage and the
//! strategy–resource matching table.
//!
//! - [`model`]: tasks, links, and the exact date semantics of FS/SS/FF/SF with lag (for the Gantt).
//! - [`schedule`](mod@schedule) (forward pass, cycles) and the backward pass in `critical`.
//! - [`view`]: the workspace's plan loaded and scheduled ([`plan_view`]); [`edit`] and
//!   [`actions`]: the changes the UI makes, each rescheduling and saving in one transaction.
//! - [`baseline`], [`rollup`], [`coverage`], [`resources`].

pub mod actions;
pub mod baseline;
pub mod chart;
pub mod coverage;
mod critical;
pub mod edit;
pub mod gantt;
pub mod hand;
pub mod import;
pub mod link_warnings;
pub mod model;
pub mod outline;
pub mod resources;
pub mod rollup;
pub mod schedule;
pub mod store;
pub mod table;
pub mod view;
pub mod workdays;

pub use actions::{create_action, delete_action, update_action, ActionInput};
pub use baseline::{
    delete_baseline, list_baselines, save_baseline, BaselineTaskSlip, BaselineView,
};
pub use coverage::{gap_coverage, CoverageReport, TargetCoverage};
pub use edit::{
    add_link, delete_link, move_task, preview_move_task, reshape, restore, set_duration,
};
pub use gantt::{edit_field, gantt_data, set_progress, GanttData};
pub use model::{Link, LinkKind, Network, Task};
pub use resources::{resource_table, ResourceTable, StrategyResources, TimeNode};
pub use rollup::{rollup_mode, set_rollup_mode, set_rollup_weight, RollupMode};
pub use schedule::{schedule, Schedule, TaskTimes};
pub use view::{plan_view, PlanLinkView, PlanTaskView, PlanView};

#[cfg(test)]
mod hand_tests;
