//! How a new workspace comes to be (File → New workspace): the catalog and the official calendar.
//! It sits above the features and calls them, so the store below never reaches up into the
//! calendar. The first launch's demo company is the demo's (`demo::first_launch`).

use crate::error::Result;
use crate::store::{catalog, files, Workspace};
use rusqlite::Connection;
use std::path::Path;

/// Writes what every new workspace starts with: metrics, funnel stages, the fiscal year
/// `fiscal_year` (January start) and the official mainland-China holiday calendar.
pub fn write_starting_data(conn: &Connection, fiscal_year: i32) -> Result<()> {
    catalog::write_catalog(conn, fiscal_year)?;
    crate::calendar::workspace::seed_official_days(conn)
}

impl Workspace {
    /// Creates a new, empty workspace at `path` (File → New workspace), replacing a file the user
    /// chose to overwrite. It starts with the standard metrics, funnel stages, the fiscal year
    /// `fiscal_year` and the holiday calendar.
    pub fn create_blank(path: &Path, fiscal_year: i32) -> Result<Workspace> {
        // Built under a temporary name and renamed into place: a failure leaves the chosen
        // file as it was.
        let tmp = files::temp_beside(path);
        let built = (|| -> Result<()> {
            let mut ws = Self::open_with(&tmp, None)?;
            let tx = ws.conn_mut().transaction()?;
            write_starting_data(&tx, fiscal_year)?;
            tx.commit()?;
            ws.close()?;
            files::remove_companions(path)?;
            std::fs::rename(&tmp, path)?;
            Ok(())
        })();
        if let Err(e) = built {
            let _ = std::fs::remove_file(&tmp);
            let _ = files::remove_companions(&tmp);
            return Err(e);
        }
        Self::open_with(path, None)
    }
}
