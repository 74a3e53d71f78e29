//! Guards around every parser: size caps, zip-bomb inspection of a workbook's central directory
//! before calamine sees it, errors that name file/sheet/row/column, and no escaping panic.

use crate::error::Code;
use crate::error::{Error, Result};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Limits on what a file may hold. Tests shrink them to stay fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub max_file_bytes: u64,
    /// Sum of the declared uncompressed sizes of a workbook's zip entries.
    pub max_decompressed_bytes: u64,
    /// Largest uncompressed/compressed ratio accepted for one zip entry.
    pub max_zip_ratio: u64,
    pub max_zip_entries: u64,
    pub max_rows: u64,
    pub max_columns: usize,
    /// Bytes of one cell's text.
    pub max_cell_bytes: usize,
    /// Bytes of one physical line of a text file.
    pub max_line_bytes: usize,
    /// Bytes of a workbook's shared-strings part: calamine holds all of it in memory.
    pub max_shared_strings_bytes: u64,
    /// Cells of an ODS or XLS workbook, which calamine builds whole in memory.
    pub max_loaded_cells: u64,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            max_file_bytes: 1 << 30,
            max_decompressed_bytes: 4 << 30,
            max_zip_ratio: 1000,
            max_zip_entries: 10_000,
            max_rows: 5_000_000,
            max_columns: 1_000,
            max_cell_bytes: 32_767 * 4,
            max_line_bytes: 4 << 20,
            max_shared_strings_bytes: 64 << 20,
            max_loaded_cells: 4_000_000,
        }
    }
}

/// Where something went wrong, for messages: file, then optionally sheet, row and column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Where {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u64>,
    pub column: Option<String>,
}

impl Where {
    pub fn file(path: &Path) -> Where {
        Where {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| path.display().to_string()),
            ..Where::default()
        }
    }

    pub fn sheet(mut self, sheet: Option<&str>) -> Where {
        self.sheet = sheet.map(str::to_string);
        self
    }

    pub fn row(mut self, row: u64) -> Where {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Where {
        self.column = Some(column.into());
        self
    }

    pub fn zh(&self) -> String {
        let mut s = format!("文件“{}”", self.file);
        if let Some(sh) = &self.sheet {
            s += &format!("，工作表“{sh}”");
        }
        if let Some(r) = self.row {
            s += &format!("，第 {r} 行");
        }
        if let Some(c) = &self.column {
            s += &format!("，列“{c}”");
        }
        s
    }

    pub fn en(&self) -> String {
        let mut s = format!("File \"{}\"", self.file);
        if let Some(sh) = &self.sheet {
            s += &format!(", sheet \"{sh}\"");
        }
        if let Some(r) = self.row {
            s += &format!(", row {r}");
        }
        if let Some(c) = &self.column {
            s += &format!(", column \"{c}\"");
        }
        s
    }

    pub fn error(&self, code: Code, zh: impl AsRef<str>, en: impl AsRef<str>) -> Error {
        Error::new(
            code,
            format!("{}：{}", self.zh(), zh.as_ref()),
            format!("{}: {}", self.en(), en.as_ref()),
        )
    }

    pub fn io(&self, e: std::io::Error) -> Error {
        self.error(
            Code::ImportIo,
            format!("读取失败（{e}）"),
            format!("could not be read ({e})"),
        )
    }
}

/// Runs `f`, turning a panic into a typed error naming the file. The panic's own message goes to
/// stderr through the default hook; the caller gets `{code: "import_internal"}`.
pub fn no_panic<T>(w: &Where, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(w.error(
                Code::ImportInternal,
                format!("读取时发生内部错误，文件可能已损坏（{what}）。数据库未被修改。"),
                format!("an internal error stopped the import; the file may be damaged ({what}). The database was not changed."),
            ))
        }
    }
}

/// A zip entry as its central directory declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    pub compressed: u64,
    pub uncompressed: u64,
}

fn le16(b: &[u8], at: usize) -> u64 {
    u16::from_le_bytes([b[at], b[at + 1]]) as u64
}

fn le32(b: &[u8], at: usize) -> u64 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as u64
}

fn le64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Reads a zip's central directory (without decompressing anything) and refuses it when the
/// declared sizes exceed the caps: total uncompressed size, per-entry ratio, entry count.
pub fn inspect_zip(path: &Path, caps: &Caps, w: &Where) -> Result<Vec<ZipEntry>> {
    let damaged = |what: &str, en: &str| {
        w.error(
            Code::ImportDamagedWorkbook,
            format!("不是有效的工作簿（{what}）"),
            format!("is not a valid workbook ({en})"),
        )
    };
    let mut f = std::fs::File::open(path).map_err(|e| w.io(e))?;
    let len = f.seek(SeekFrom::End(0)).map_err(|e| w.io(e))?;
    if len < 22 {
        return Err(damaged("文件太短", "too short to be a zip file"));
    }
    let tail_len = len.min(22 + 65_535 + 20);
    f.seek(SeekFrom::Start(len - tail_len))
        .map_err(|e| w.io(e))?;
    let mut tail = vec![0u8; tail_len as usize];
    f.read_exact(&mut tail).map_err(|e| w.io(e))?;
    let eocd = (0..=tail.len() - 22)
        .rev()
        .find(|&i| tail[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
        .ok_or_else(|| {
            damaged(
                "找不到 zip 目录，文件可能被截断",
                "no zip directory; the file may be truncated",
            )
        })?;
    let mut entries = le16(&tail, eocd + 10);
    let mut cd_size = le32(&tail, eocd + 12);
    let mut cd_offset = le32(&tail, eocd + 16);
    // ZIP64: the locator sits just before the end record.
    if (entries == 0xffff || cd_size == 0xffff_ffff || cd_offset == 0xffff_ffff) && eocd >= 20 {
        let loc = eocd - 20;
        if tail[loc..loc + 4] == [0x50, 0x4b, 0x06, 0x07] {
            let rec = le64(&tail, loc + 8);
            if rec + 56 <= len {
                let mut r = [0u8; 56];
                f.seek(SeekFrom::Start(rec)).map_err(|e| w.io(e))?;
                f.read_exact(&mut r).map_err(|e| w.io(e))?;
                if r[0..4] == [0x50, 0x4b, 0x06, 0x06] {
                    entries = le64(&r, 32);
                    cd_size = le64(&r, 40);
                    cd_offset = le64(&r, 48);
                }
            }
        }
    }
    if entries > caps.max_zip_entries {
        return Err(w.error(
            Code::ImportZipBomb,
            format!(
                "工作簿包含的条目过多（{entries} 个，上限 {}）",
                caps.max_zip_entries
            ),
            format!(
                "the workbook has too many entries ({entries}; the limit is {})",
                caps.max_zip_entries
            ),
        ));
    }
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > len) || cd_size > 64 << 20 {
        return Err(damaged(
            "zip 目录位置无效，文件可能被截断",
            "the zip directory lies outside the file; it may be truncated",
        ));
    }
    let mut cd = vec![0u8; cd_size as usize];
    f.seek(SeekFrom::Start(cd_offset)).map_err(|e| w.io(e))?;
    f.read_exact(&mut cd).map_err(|e| w.io(e))?;
    let mut out = Vec::new();
    let mut at = 0usize;
    let mut total: u64 = 0;
    while at + 46 <= cd.len() && cd[at..at + 4] == [0x50, 0x4b, 0x01, 0x02] {
        let mut compressed = le32(&cd, at + 20);
        let mut uncompressed = le32(&cd, at + 24);
        let name_len = le16(&cd, at + 28) as usize;
        let extra_len = le16(&cd, at + 30) as usize;
        let comment_len = le16(&cd, at + 32) as usize;
        let end = at + 46 + name_len + extra_len + comment_len;
        if end > cd.len() {
            return Err(damaged(
                "zip 目录条目被截断",
                "a zip directory entry is truncated",
            ));
        }
        let name = String::from_utf8_lossy(&cd[at + 46..at + 46 + name_len]).to_string();
        // ZIP64 extra field: sizes that overflow 32 bits.
        let mut x = at + 46 + name_len;
        let x_end = x + extra_len;
        while x + 4 <= x_end {
            let id = le16(&cd, x);
            let size = le16(&cd, x + 2) as usize;
            if id == 1 {
                let mut p = x + 4;
                if uncompressed == 0xffff_ffff && p + 8 <= x_end {
                    uncompressed = le64(&cd, p);
                    p += 8;
                }
                if compressed == 0xffff_ffff && p + 8 <= x_end {
                    compressed = le64(&cd, p);
                }
            }
            x += 4 + size;
        }
        total = total.saturating_add(uncompressed);
        let ratio = uncompressed / compressed.max(1);
        if ratio > caps.max_zip_ratio && uncompressed > 1 << 20 {
            return Err(w.error(
                Code::ImportZipBomb,
                format!("工作簿条目“{name}”的压缩比异常（{uncompressed} 字节压缩为 {compressed} 字节），疑似压缩炸弹，已拒绝"),
                format!("workbook entry \"{name}\" has an abnormal compression ratio ({uncompressed} bytes from {compressed}); refused as a likely zip bomb"),
            ));
        }
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml")
            && uncompressed > caps.max_shared_strings_bytes
        {
            return Err(w.error(
                Code::ImportZipBomb,
                format!("工作簿的共享字符串过大（{uncompressed} 字节，上限 {} 字节），已拒绝", caps.max_shared_strings_bytes),
                format!("the workbook's shared strings are too large ({uncompressed} bytes; the limit is {}); refused", caps.max_shared_strings_bytes),
            ));
        }
        out.push(ZipEntry {
            name,
            compressed,
            uncompressed,
        });
        at = end;
    }
    if out.is_empty() {
        return Err(damaged("zip 目录为空", "the zip directory is empty"));
    }
    if total > caps.max_decompressed_bytes {
        return Err(w.error(
            Code::ImportZipBomb,
            format!(
                "工作簿解压后过大（声明 {total} 字节，上限 {} 字节），已拒绝",
                caps.max_decompressed_bytes
            ),
            format!(
                "the workbook would decompress to {total} bytes (the limit is {}); refused",
                caps.max_decompressed_bytes
            ),
        ));
    }
    Ok(out)
}

/// Decompresses every entry (streamed, 64 KiB at a time) and checks that each really is no
/// larger than declared and the caps allow, so an entry that lies about its size cannot exhaust
/// memory inside calamine; in XML parts no text run may exceed a cell's cap (calamine would build
/// the whole string before the cell check).
pub fn verify_zip_entries(path: &Path, entries: &[ZipEntry], caps: &Caps, w: &Where) -> Result<()> {
    let f = std::fs::File::open(path).map_err(|e| w.io(e))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(|e| {
        w.error(
            Code::ImportDamagedWorkbook,
            format!("不是有效的工作簿（{e}）"),
            format!("is not a valid workbook ({e})"),
        )
    })?;
    let mut buf = vec![0u8; 64 * 1024];
    for entry in entries {
        let lower = entry.name.to_ascii_lowercase();
        if lower.ends_with(".bin") || lower.contains("media/") {
            continue;
        }
        let xml = lower.ends_with(".xml");
        // Entities make a cell's text up to six times longer in the XML than in the cell.
        let max_run = caps.max_cell_bytes.saturating_mul(6) as u64;
        let mut run: u64 = 0;
        let limit = entry.uncompressed.min(caps.max_decompressed_bytes);
        let mut file = match zip.by_name(&entry.name) {
            Ok(f) => f,
            Err(_) => continue,
        };
        let mut seen: u64 = 0;
        loop {
            let n = match file.read(&mut buf) {
                Ok(n) => n,
                // The zip reader stops at the declared size itself.
                Err(_) if seen.saturating_add(buf.len() as u64) >= entry.uncompressed => {
                    seen = u64::MAX;
                    0
                }
                Err(e) => {
                    return Err(w.error(
                        Code::ImportDamagedWorkbook,
                        format!("工作簿条目“{}”无法解压（{e}）", entry.name),
                        format!(
                            "workbook entry \"{}\" cannot be decompressed ({e})",
                            entry.name
                        ),
                    ))
                }
            };
            if n == 0 && seen < u64::MAX {
                break;
            }
            seen = seen.saturating_add(n as u64);
            if xml {
                let mut at = 0usize;
                for i in memchr::memchr2_iter(b'<', b'>', &buf[..n]) {
                    run += (i - at) as u64;
                    if run > max_run {
                        break;
                    }
                    run = 0;
                    at = i + 1;
                }
                run += (n - at) as u64;
                if run > max_run {
                    return Err(w.error(
                        Code::ImportCellTooLong,
                        format!(
                            "工作簿条目“{}”中有超过 {} 字节的文本，已拒绝",
                            entry.name, caps.max_cell_bytes
                        ),
                        format!(
                            "workbook entry \"{}\" holds a text longer than {} bytes; refused",
                            entry.name, caps.max_cell_bytes
                        ),
                    ));
                }
            }
            if seen > limit {
                return Err(w.error(
                    Code::ImportZipBomb,
                    format!("工作簿条目“{}”解压后超过声明的大小（{} 字节），疑似压缩炸弹，已拒绝", entry.name, entry.uncompressed),
                    format!("workbook entry \"{}\" decompresses beyond its declared size ({} bytes); refused as a likely zip bomb", entry.name, entry.uncompressed),
                ));
            }
        }
    }
    Ok(())
}

/// A column index (0-based) as spreadsheet letters: 0 -> A, 26 -> AA.
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
    }

    #[test]
    fn where_names_everything_in_both_languages() {
        let w = Where {
            file: "a.xlsx".into(),
            ..Where::default()
        }
        .sheet(Some("Sheet1"))
        .row(7)
        .column("金额");
        let e = w.error(Code::BadAmount, "不是数字", "not a number");
        assert_eq!(
            e.zh,
            "文件“a.xlsx”，工作表“Sheet1”，第 7 行，列“金额”：不是数字"
        );
        assert_eq!(
            e.en,
            "File \"a.xlsx\", sheet \"Sheet1\", row 7, column \"金额\": not a number"
        );
    }

    #[test]
    fn a_panic_becomes_a_typed_error() {
        let w = Where {
            file: "x.csv".into(),
            ..Where::default()
        };
        let r: Result<()> = no_panic(&w, || panic!("boom"));
        let e = r.unwrap_err();
        assert_eq!(e.code, "import_internal");
        assert!(e.en.contains("boom") && e.en.contains("x.csv"), "{}", e.en);
    }
}
