//! The first launch: a missing default workspace is created and filled with the demo company.

use crate::error::Result;
use crate::store::{backup, Workspace};
use std::path::Path;

impl Workspace {
    /// Opens the workspace at `path`; a missing file is created and filled with the demo company
    /// (first launch). Returns whether the demo was written.
    pub fn open_or_create_demo(path: &Path) -> Result<(Workspace, bool)> {
        Self::open_or_create_demo_with(path, backup::default_root().as_deref())
    }

    /// [`Workspace::open_or_create_demo`] with the backups folder `backups`.
    pub fn open_or_create_demo_with(
        path: &Path,
        backups: Option<&Path>,
    ) -> Result<(Workspace, bool)> {
        if path.exists() {
            return Ok((Self::open_with(path, backups)?, false));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut ws = Self::open_with(path, None)?;
        crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED)?;
        Ok((ws, true))
    }
}
