//! The workspace's files on disk: whether two paths name the same file (case, symlinks, "..",
//! hard links), consistent copies written to a temporary file and renamed into place, and the
//! -wal/-shm companions of a database file.

use crate::error::Result;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Whether `a` and `b` are the same file on disk. On Unix: the same device and inode (catches
/// symlinks, "..", hard links and case-insensitive volumes); elsewhere: the same canonical path
/// (Windows resolves case and links there). A path that does not exist is no open file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(ca), Ok(cb)) => ca == cb,
        _ => false,
    }
}

/// The file beside `path` with `suffix` appended to its name (`-wal`, `-shm`, `.tmp`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// A temporary name in `dest`'s folder, so the final rename stays on one volume.
pub fn temp_beside(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    dest.with_file_name(format!(".{name}.{}-{stamp}.tmp", std::process::id()))
}

/// Removes the -wal and -shm files of a closed database at `path`.
pub fn remove_companions(path: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let p = with_suffix(path, suffix);
        if p.exists() {
            std::fs::remove_file(&p)?;
        }
    }
    Ok(())
}

/// Writes a consistent copy of `conn`'s database to `dest`: `VACUUM INTO` a temporary file
/// beside it, switched to a self-contained rollback journal and flushed to disk, then renamed
/// over `dest`. If anything fails, `dest` is as it was.
pub fn write_copy(conn: &Connection, dest: &Path) -> Result<()> {
    let tmp = temp_beside(dest);
    let written = (|| -> Result<()> {
        conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
        let copy = Connection::open(&tmp)?;
        copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        copy.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        remove_companions(dest)?;
        std::fs::rename(&tmp, dest)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = remove_companions(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_names_of_one_file_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("w.targetline");
        std::fs::write(&a, b"x").unwrap();
        let dotted = dir.path().join("sub").join("..").join("w.targetline");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(same_file(&a, &dotted));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.targetline");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert!(same_file(&a, &link));
            let hard = dir.path().join("hard.targetline");
            std::fs::hard_link(&a, &hard).unwrap();
            assert!(same_file(&a, &hard));
        }
        let other = dir.path().join("other.targetline");
        std::fs::write(&other, b"x").unwrap();
        assert!(!same_file(&a, &other));
        assert!(!same_file(&a, &dir.path().join("missing.targetline")));
    }
}
