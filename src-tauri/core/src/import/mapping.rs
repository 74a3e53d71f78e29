//! A column mapping (which column holds which field), the user's overrides, and saved mapping
//! templates (table `import_mapping`) proposed again for files with the same normalised headers.

use super::headers::{header_key, Field};
use super::store;
use super::ImportKind;
use crate::error::{Error, Result};
use rusqlite::Connection;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMap {
    /// 0-based column index.
    pub column: usize,
    pub header: String,
    pub field: Field,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mapping {
    /// 1-based row number of the header row in the file (0 = let the import find it).
    pub header_row: u64,
    pub columns: Vec<ColumnMap>,
}

impl Mapping {
    pub fn from_pairs(header_row: u64, headers: &[String], pairs: &[(usize, Field)]) -> Mapping {
        Mapping {
            header_row,
            columns: pairs
                .iter()
                .map(|(c, f)| ColumnMap {
                    column: *c,
                    header: headers.get(*c).cloned().unwrap_or_default(),
                    field: *f,
                })
                .collect(),
        }
    }

    /// The column of a (single) field.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.column)
    }

    /// Applies `col=field` overrides; `col` is a header text, a column letter (A, B, AA) or a
    /// 1-based column number. A field given here leaves any other column it was on.
    pub fn apply_overrides(
        &mut self,
        headers: &[String],
        overrides: &[(String, Field)],
    ) -> Result<()> {
        for (col, field) in overrides {
            let index = headers
                .iter()
                .position(|h| h.trim() == col.trim())
                .or_else(|| {
                    let n = super::headers::normalise(col);
                    headers
                        .iter()
                        .position(|h| super::headers::normalise(h) == n && !n.is_empty())
                })
                .or_else(|| col.parse::<usize>().ok().filter(|n| *n >= 1).map(|n| n - 1))
                .or_else(|| letters_to_index(col))
                .ok_or_else(|| {
                    Error::new(
                        "import_unknown_column",
                        format!(
                            "映射中的列“{col}”在表头中找不到（表头：{}）",
                            headers.join("、")
                        ),
                        format!(
                            "Mapped column \"{col}\" is not in the header row (headers: {})",
                            headers.join(", ")
                        ),
                    )
                })?;
            if *field != Field::Period {
                self.columns.retain(|c| c.field != *field);
            }
            self.columns.retain(|c| c.column != index);
            self.columns.push(ColumnMap {
                column: index,
                header: headers.get(index).cloned().unwrap_or_default(),
                field: *field,
            });
        }
        self.columns.sort_by_key(|c| c.column);
        Ok(())
    }
}

fn letters_to_index(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for b in s.bytes() {
        n = n * 26 + (b.to_ascii_uppercase() - b'A') as usize + 1;
    }
    Some(n - 1)
}

/// Parses `col=field,col=field` from the command line.
pub fn parse_overrides(text: &str) -> Result<Vec<(String, Field)>> {
    let mut out = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        let (col, field) = part.rsplit_once('=').ok_or_else(|| bad_override(part))?;
        let field = Field::parse(field).ok_or_else(|| bad_override(part))?;
        out.push((col.trim().to_string(), field));
    }
    Ok(out)
}

fn bad_override(part: &str) -> Error {
    Error::new(
        "import_bad_mapping",
        format!("映射“{part}”无效：应为 列=字段，字段如 date、person、amount、quantity、productLine、region、team、customer、customerType、channel、orderId、note"),
        format!("Mapping \"{part}\" is invalid: expected column=field, with fields such as date, person, amount, quantity, productLine, region, team, customer, customerType, channel, orderId, note"),
    )
}

/// A saved mapping template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedMapping {
    pub id: i64,
    pub name: String,
    pub kind: ImportKind,
    pub header_key: String,
    pub mapping: Mapping,
}

fn decode(
    id: i64,
    name: String,
    kind: String,
    header_key: String,
    json: String,
) -> Result<SavedMapping> {
    let mapping: Mapping = serde_json::from_str(&json).map_err(|e| {
        Error::new(
            "import_bad_template",
            format!("映射模板“{name}”已损坏（{e}）"),
            format!("Mapping template \"{name}\" is damaged ({e})"),
        )
    })?;
    Ok(SavedMapping {
        id,
        kind: ImportKind::parse(&kind).unwrap_or(ImportKind::Actuals),
        name,
        header_key,
        mapping,
    })
}

/// Saves (or replaces) a template under `name` for files whose header row is `headers`.
pub fn save_mapping(
    conn: &Connection,
    name: &str,
    kind: ImportKind,
    headers: &[String],
    mapping: &Mapping,
) -> Result<i64> {
    if name.trim().is_empty() {
        return Err(Error::new(
            "import_bad_template",
            "模板名称不能为空",
            "A template needs a name",
        ));
    }
    let json = serde_json::to_string(mapping)
        .map_err(|e| Error::new("internal", e.to_string(), e.to_string()))?;
    store::upsert_mapping(
        conn,
        name.trim(),
        kind.as_str(),
        &header_key(headers),
        &json,
    )
}

pub fn load_mapping(conn: &Connection, name: &str) -> Result<SavedMapping> {
    let (id, n, k, h, j) = store::mapping_named(conn, name.trim())?.ok_or_else(|| {
        Error::new(
            "import_no_template",
            format!("没有名为“{name}”的映射模板"),
            format!("There is no mapping template named \"{name}\""),
        )
    })?;
    decode(id, n, k, h, j)
}

/// The template saved for this kind and these headers, if any (the newest wins).
pub fn find_mapping(
    conn: &Connection,
    kind: ImportKind,
    headers: &[String],
) -> Result<Option<SavedMapping>> {
    store::mapping_for_headers(conn, kind.as_str(), &header_key(headers))?
        .map(|(id, n, k, h, j)| decode(id, n, k, h, j))
        .transpose()
}

pub fn list_mappings(conn: &Connection) -> Result<Vec<SavedMapping>> {
    store::all_mappings(conn)?
        .into_iter()
        .map(|(id, n, k, h, j)| decode(id, n, k, h, j))
        .collect()
}

pub fn delete_mapping(conn: &Connection, name: &str) -> Result<bool> {
    store::delete_mapping(conn, name.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Workspace;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn overrides_by_header_letter_or_number() {
        let h = headers(&["日期", "经手人", "金额", "单据"]);
        let mut m = Mapping::from_pairs(1, &h, &[(0, Field::Date), (2, Field::Amount)]);
        let o = parse_overrides("经手人=person,D=orderId,3=amount").unwrap();
        m.apply_overrides(&h, &o).unwrap();
        assert_eq!(m.column_of(Field::Person), Some(1));
        assert_eq!(m.column_of(Field::OrderId), Some(3));
        assert_eq!(m.column_of(Field::Amount), Some(2));
        assert_eq!(m.columns.len(), 4);
        assert_eq!(
            parse_overrides("x=nonsense").unwrap_err().code,
            "import_bad_mapping"
        );
        assert_eq!(
            m.apply_overrides(&h, &[("不存在".into(), Field::Note)])
                .unwrap_err()
                .code,
            "import_unknown_column"
        );
    }

    #[test]
    fn a_saved_template_is_found_again_by_its_headers() {
        let ws = Workspace::open_in_memory().unwrap();
        let h = headers(&["日期", "经手人", "金额（元）"]);
        let m = Mapping::from_pairs(
            2,
            &h,
            &[(0, Field::Date), (1, Field::Person), (2, Field::Amount)],
        );
        save_mapping(ws.conn(), "财务导出", ImportKind::Actuals, &h, &m).unwrap();
        // Same headers spelt with other spacing and units normalise to the same key.
        let again = headers(&[" 日期 ", "经手人", "金额(元)"]);
        let found = find_mapping(ws.conn(), ImportKind::Actuals, &again)
            .unwrap()
            .unwrap();
        assert_eq!((found.name.as_str(), &found.mapping), ("财务导出", &m));
        assert!(find_mapping(ws.conn(), ImportKind::Targets, &again)
            .unwrap()
            .is_none());
        assert_eq!(load_mapping(ws.conn(), "财务导出").unwrap().mapping, m);
        assert_eq!(list_mappings(ws.conn()).unwrap().len(), 1);
        assert!(delete_mapping(ws.conn(), "财务导出").unwrap());
        assert_eq!(
            load_mapping(ws.conn(), "财务导出").unwrap_err().code,
            "import_no_template"
        );
    }
}
