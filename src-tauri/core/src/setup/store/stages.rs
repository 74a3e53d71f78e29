//! The funnel's stages.

use crate::error::Result;
use crate::store::query::ConnExt;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// Expected conversion to the next stage, basis points (None: not measured).
    pub benchmark_bp: Option<i64>,
    /// Days in the stage above which a deal is flagged (None: no limit).
    pub max_days: Option<i64>,
}

/// The stages in funnel order.
pub(in crate::setup) fn list(conn: &Connection) -> Result<Vec<Stage>> {
    conn.rows(
        "SELECT code, name_zh, name_en, benchmark_bp, max_days FROM deal_stage ORDER BY sort, id",
        [],
        |r| {
            Ok(Stage {
                code: r.get(0)?,
                name_zh: r.get(1)?,
                name_en: r.get(2)?,
                benchmark_bp: r.get(3)?,
                max_days: r.get(4)?,
            })
        },
    )
}

/// Writes one stage's names, benchmark and time limit (trimmed names); whether it exists.
pub(in crate::setup) fn update(conn: &Connection, s: &Stage) -> Result<bool> {
    let n = conn.run(
        "UPDATE deal_stage SET name_zh = ?2, name_en = ?3, benchmark_bp = ?4, max_days = ?5 WHERE code = ?1",
        params![s.code, s.name_zh.trim(), s.name_en.trim(), s.benchmark_bp, s.max_days],
    )?;
    Ok(n > 0)
}
