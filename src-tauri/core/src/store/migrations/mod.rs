//! Numbered, append-only schema migrations. Migration N brings `user_version` from N-1 to N.
//! Never edit a migration that has shipped: add a new one at the end (in the file of its era).

mod commitments;
mod features;
mod identity;
mod schema;

use crate::error::Result;
use rusqlite::Transaction;

pub const MIGRATIONS: &[&str] = &[
    schema::M01,
    features::M02,
    features::M03,
    features::M04,
    features::M05,
    features::M06,
    features::M07,
    features::M08,
    features::M09,
    features::M10,
    features::M11,
    identity::M12,
    identity::M13,
    identity::M14,
    identity::M15,
    identity::M16,
    identity::M17,
    identity::M18,
    identity::M19,
    commitments::M20,
];

/// The schema version this build of the app writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Runs, in `tx`, the migrations after version `current` up to `target`, and records `target`.
pub(super) fn apply(tx: &Transaction, current: i64, target: i64) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version > current && version <= target {
            tx.execute_batch(sql)?;
        }
    }
    tx.pragma_update(None, "user_version", target)?;
    Ok(())
}
