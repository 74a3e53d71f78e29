//! Targets: tiers, SMART checks, formula targets, top-down against bottom-up, and the stored
//! target cells with their splits and revisions.

pub mod baseline;
pub mod capacity;
pub mod commitments;
pub mod formula;
pub mod grid;
pub mod history;
pub mod reconcile;
pub mod retier;
pub mod revisions;
pub mod smart;
pub mod store;
pub mod tiers;
pub mod tree;

pub use formula::{Decomposition, RevenueDrivers};
pub use reconcile::{Gap, ReconcileWay};
pub use smart::{smart_check, SmartCheck, SmartConfig, SmartInput};
pub use tiers::{apply_bp, Tier, TierRatios, Tiers};
