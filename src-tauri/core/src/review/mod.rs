//! Reviews (复盘, PDCA; DESIGN.md "Evaluation, adjustment, review"): per node and period, the
//! findings — success factors and root causes by fishbone category, controllable or not — and
//! the lessons list (经验清单) and improvement list (改进清单), each item with an owner, a due
//! date and, where it can be measured, the metric, threshold and window that verify it from the
//! data. The weekly 3-2-1 reports live in [`weekly`].

mod fishbone;
mod model;
mod prompts;
mod read;
mod store;
mod table;
mod to_plan;
mod verify;
pub mod weekly;
mod write;

pub use fishbone::{fishbone_chart, fishbone_data, write_fishbone};
pub use prompts::Prompt;
pub use table::review_table;
pub use to_plan::add_to_plan;
pub use verify::{Verification, VerifyStatus};

pub use model::*;
use read::summary_and_item;
pub use read::{choices, get, list};
pub use write::{
    add_finding, add_item, create, delete, delete_finding, delete_item, set_closed, update_finding,
    update_item,
};

#[cfg(test)]
mod tests;
