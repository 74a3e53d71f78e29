//! A file that could not be written, told plainly in both languages: which file, and why in
//! words a user can act on (no permission, the folder is missing, the disk is full, or another
//! reason) — never the operating system's own text.

use crate::error::{Code, Error};
use std::io::ErrorKind;
use std::path::Path;

/// Why a write failed, as the user is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteReason {
    NoPermission,
    FolderMissing,
    DiskFull,
    Other,
}

impl WriteReason {
    pub fn of(e: &std::io::Error) -> WriteReason {
        match e.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                WriteReason::NoPermission
            }
            ErrorKind::NotFound | ErrorKind::NotADirectory => WriteReason::FolderMissing,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
                WriteReason::DiskFull
            }
            _ => WriteReason::Other,
        }
    }

    fn text(self, path: &Path) -> (String, String) {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ".".into());
        match self {
            WriteReason::NoPermission => (
                format!("没有写入文件夹“{folder}”的权限，请换一个文件夹"),
                format!("no permission to write in the folder \"{folder}\"; choose another folder"),
            ),
            WriteReason::FolderMissing => (
                format!("文件夹“{folder}”不存在"),
                format!("the folder \"{folder}\" does not exist"),
            ),
            WriteReason::DiskFull => (
                "磁盘已满，请腾出空间或换一个位置".into(),
                "the disk is full; free some space or choose another place".into(),
            ),
            WriteReason::Other => (
                "文件可能正被其他程序打开，或该位置不可写，请关闭它或换一个位置".into(),
                "the file may be open in another program or the place is not writable; close it or choose another place".into(),
            ),
        }
    }
}

/// The error for a file at `path` that could not be written, under `code`.
pub fn write_failed(code: Code, path: &Path, e: &std::io::Error) -> Error {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let (zh, en) = WriteReason::of(e).text(path);
    Error::new(
        code,
        format!("无法保存“{name}”：{zh}"),
        format!("Could not save \"{name}\": {en}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Error as IoError;

    #[test]
    fn each_reason_is_named_in_both_languages_without_the_system_text() {
        let path = Path::new("/data/报告/2026-Q4_cumulative.png");
        let said = |kind: ErrorKind| {
            let e = write_failed(
                Code::WriteFailed,
                path,
                &IoError::new(kind, "os error 13 raw text"),
            );
            assert_eq!(e.code, "write_failed");
            assert!(!e.zh.contains("os error") && !e.en.contains("os error"));
            (e.zh, e.en)
        };
        assert_eq!(
            said(ErrorKind::PermissionDenied),
            (
                "无法保存“2026-Q4_cumulative.png”：没有写入文件夹“/data/报告”的权限，请换一个文件夹".to_string(),
                "Could not save \"2026-Q4_cumulative.png\": no permission to write in the folder \"/data/报告\"; choose another folder".to_string()
            )
        );
        assert_eq!(
            said(ErrorKind::NotFound),
            (
                "无法保存“2026-Q4_cumulative.png”：文件夹“/data/报告”不存在".to_string(),
                "Could not save \"2026-Q4_cumulative.png\": the folder \"/data/报告\" does not exist".to_string()
            )
        );
        assert_eq!(
            said(ErrorKind::StorageFull).1,
            "Could not save \"2026-Q4_cumulative.png\": the disk is full; free some space or choose another place"
        );
        assert_eq!(
            said(ErrorKind::StorageFull).0,
            "无法保存“2026-Q4_cumulative.png”：磁盘已满，请腾出空间或换一个位置"
        );
        assert!(said(ErrorKind::Other)
            .0
            .contains("文件可能正被其他程序打开"));
        assert!(said(ErrorKind::Other)
            .1
            .contains("may be open in another program"));
    }

    #[test]
    fn a_real_write_into_a_missing_folder_names_the_file_and_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("t.csv");
        let e = std::fs::write(&path, b"x").unwrap_err();
        let err = write_failed(Code::ExportWrite, &path, &e);
        assert_eq!(err.code, "export_write");
        assert_eq!(
            err.en,
            format!(
                "Could not save \"t.csv\": the folder \"{}\" does not exist",
                dir.path().join("gone").display()
            )
        );
    }
}
