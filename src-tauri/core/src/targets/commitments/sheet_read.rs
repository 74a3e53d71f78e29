//! Reading a filled commitment sheet back: the hidden sheet's identity and line map, and for
//! each line the target and the commitment shown on the visible sheet. The file is checked like
//! every import (size, zip bombs, no panic) before calamine reads it.

use super::{SheetId, COMMIT_COL, FIRST_LINE_ROW, ID_LINES_ROW, ID_SHEET, MAIN_SHEET, MARKER};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::import::guard::{inspect_zip, no_panic, Caps, Where};
use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use std::collections::HashMap;
use std::path::Path;

/// A commitment cell as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Typed {
    Blank,
    Value(i64),
    /// Not a number: the text shown.
    Bad(String),
}

pub(crate) struct ReadSheet {
    pub id: SheetId,
    /// (unit, period) of each line.
    pub lines: Vec<(i64, String)>,
    /// The target column as the file shows it (fen).
    pub targets: Vec<Option<i64>>,
    pub typed: Vec<Typed>,
}

pub(crate) fn not_a_sheet(file: &str) -> Error {
    Error::new(
        Code::CommitmentsNotASheet,
        format!("“{file}”不是本软件导出的承诺表（缺少识别信息），未导入任何数据"),
        format!("\"{file}\" is not a commitment sheet exported by Targetline (its identification is missing); nothing was imported"),
    )
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.trim().to_string(),
        Some(Data::Float(f)) if f.fract() == 0.0 => format!("{}", *f as i64),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A cell as fen: numbers are yuan (2 decimals), text goes through the number grammar (50万).
fn typed(d: Option<&Data>) -> Typed {
    match d {
        None | Some(Data::Empty) => Typed::Blank,
        Some(Data::Float(f)) => {
            let x = f * 100.0;
            let fen = x.round();
            // More than two decimals of a yuan is refused rather than rounded.
            let slack = 1e-6_f64.max(x.abs() * f64::EPSILON * 4.0);
            if f.is_finite() && fen.abs() < 9.0e15 && (x - fen).abs() <= slack {
                Typed::Value(fen as i64)
            } else {
                Typed::Bad(f.to_string())
            }
        }
        Some(Data::Int(i)) => i
            .checked_mul(100)
            .map_or_else(|| Typed::Bad(i.to_string()), Typed::Value),
        Some(Data::String(s)) if s.trim().is_empty() => Typed::Blank,
        Some(Data::String(s)) => crate::money::parse_yuan(s.trim())
            .map_or_else(|_| Typed::Bad(s.trim().to_string()), Typed::Value),
        Some(other) => Typed::Bad(other.to_string()),
    }
}

fn identity(file: &str, ids: &Range<Data>) -> Result<(SheetId, usize)> {
    let mut pairs = HashMap::new();
    for r in 0..(ID_LINES_ROW - 1) {
        let k = text(ids.get_value((r, 0)));
        pairs.insert(k, text(ids.get_value((r, 1))));
    }
    if pairs.get(MARKER).map(String::as_str) != Some("1") {
        return Err(not_a_sheet(file));
    }
    let get = |k: &str| pairs.get(k).cloned().unwrap_or_default();
    let num = |k: &str| get(k).parse::<i64>().map_err(|_| not_a_sheet(file));
    Ok((
        SheetId {
            workspace: get("workspace"),
            plan: num("plan")?,
            metric: get("metric"),
            unit: num("unit")?,
            path: get("path"),
            year: num("year")? as i32,
            checksum: get("checksum"),
        },
        num("lines")? as usize,
    ))
}

/// Reads the file at `path` (`file` names it in messages).
pub(crate) fn read(path: &Path, file: &str) -> Result<ReadSheet> {
    let w = Where::file(path);
    let caps = Caps {
        max_file_bytes: 64 << 20,
        max_decompressed_bytes: 256 << 20,
        ..Caps::default()
    };
    let size = std::fs::metadata(path).map_err(|e| w.io(e))?.len();
    if size > caps.max_file_bytes {
        return Err(w.error(
            Code::ImportFileTooLarge,
            "文件太大，不是承诺表",
            "is too large to be a commitment sheet",
        ));
    }
    inspect_zip(path, &caps, &w)?;
    no_panic(&w, || {
        let mut wb: Xlsx<_> = open_workbook(path).map_err(|_| not_a_sheet(file))?;
        let ids = wb
            .worksheet_range(ID_SHEET)
            .map_err(|_| not_a_sheet(file))?;
        let (id, n) = identity(file, &ids)?;
        let main = wb
            .worksheet_range(MAIN_SHEET)
            .map_err(|_| not_a_sheet(file))?;
        // The line count comes from the file: it must fit the sheets it describes.
        let fits =
            |r: &Range<Data>, first: u32| r.end().is_some_and(|(h, _)| h + 1 >= first + n as u32);
        if n > 1_000_000 || !fits(&ids, ID_LINES_ROW) || !fits(&main, FIRST_LINE_ROW) {
            return Err(not_a_sheet(file));
        }
        let mut lines = Vec::with_capacity(n);
        let mut targets = Vec::with_capacity(n);
        let mut typed_cells = Vec::with_capacity(n);
        for i in 0..n as u32 {
            let unit = text(ids.get_value((ID_LINES_ROW + i, 0)))
                .parse::<i64>()
                .map_err(|_| not_a_sheet(file))?;
            lines.push((unit, text(ids.get_value((ID_LINES_ROW + i, 1)))));
            let r = FIRST_LINE_ROW + i;
            targets.push(match typed(main.get_value((r, 2))) {
                Typed::Value(v) => Some(v),
                Typed::Blank => None,
                // A target cell that is not a number was changed by hand: the checksum says so.
                Typed::Bad(_) => Some(i64::MIN),
            });
            typed_cells.push(typed(main.get_value((r, COMMIT_COL as u32))));
        }
        Ok(ReadSheet {
            id,
            lines,
            targets,
            typed: typed_cells,
        })
    })
}
