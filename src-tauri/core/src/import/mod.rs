//! Spreadsheet import: actual transactions, targets and the organisation from CSV/TSV/TXT in any
//! usual encoding, XLSX/XLSM, XLS and ODS. One pipeline for all three kinds:
//!
//! 1. [`preview`] opens the file under the guards, finds the header row, proposes a mapping (a
//!    saved template for the same headers wins), reads every row and reports typed first rows,
//!    row-level errors and the unknown people/products/customers the user must resolve;
//! 2. [`commit`] does it again in one transaction that makes one `import_batch`, with the user's
//!    [`Resolutions`], a progress callback and a cancel flag (cancel rolls everything back);
//! 3. [`undo`] removes a batch and everything it created; [`list_batches`] shows them.
//!
//! Nothing is dropped silently: every data row is counted as inserted, duplicate, skipped or error.

use crate::error::Code;
mod actuals;
mod actuals_row;
mod commit;
pub mod csv_source;
pub mod encoding;
pub mod guard;
pub mod headers;
mod history;
mod identity;
mod job;
mod kind;
mod lookup;
pub mod mapping;
mod ods_scan;
mod org;
mod periods;
mod pipeline;
mod preview;
pub mod reader;
mod reconcile;
mod relay;
mod resolve;
pub mod sheet_source;
pub mod source;
pub(crate) mod store;
mod targets;
pub mod values;
mod xls_scan;

#[cfg(test)]
mod kind_tests;
#[cfg(test)]
mod metric_tests;
#[cfg(test)]
mod parser_props;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod transfer_tests;
#[cfg(test)]
mod trust_tests;

pub use commit::{commit, no_progress, ImportSummary};
pub use guard::Caps;
pub use headers::Field;
pub use history::{list_batches, redo, undo, BatchInfo, UndoSummary};
pub use job::{Created, PreviewRow, Unknown};
pub use mapping::{
    delete_mapping, find_mapping, list_mappings, load_mapping, save_mapping, Mapping, SavedMapping,
};
pub(crate) use pipeline::fiscal_year;
pub use preview::{preview, Preview};
pub use reconcile::{Money, SkippedMoney, TotalRow};
pub use source::{EncodingChoice, SourceInfo};
pub use values::NumberFormat;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportKind {
    #[default]
    Actuals,
    Targets,
    Org,
}

impl ImportKind {
    pub fn parse(s: &str) -> Option<ImportKind> {
        match s {
            "actuals" | "actual" => Some(ImportKind::Actuals),
            "targets" | "target" => Some(ImportKind::Targets),
            "org" | "organisation" | "organization" => Some(ImportKind::Org),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Actuals => "actuals",
            ImportKind::Targets => "targets",
            ImportKind::Org => "org",
        }
    }

    /// The registry: the importer of each kind (its fields, preview and commit).
    fn importer(self) -> &'static dyn kind::Importer {
        match self {
            ImportKind::Actuals => &actuals::Actuals,
            ImportKind::Targets => &targets::Targets,
            ImportKind::Org => &org::Org,
        }
    }
}

/// Everything the user can choose before a preview or a commit.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    pub kind: ImportKind,
    pub encoding: EncodingChoice,
    /// ',', '\t' or ';'; detected when absent.
    pub delimiter: Option<char>,
    /// Workbook sheet; the first when absent.
    pub sheet: Option<String>,
    /// The header row the user chose (1-based, as shown); detected when absent. The mapping is
    /// proposed for that row (a saved template for its headers still wins), and a preview shows
    /// it even when required columns are missing (listed in `Preview::missing_fields`).
    pub header_row: Option<u64>,
    pub number_format: NumberFormat,
    /// The confirmed mapping (from a preview); proposed when absent.
    pub mapping: Option<Mapping>,
    /// A saved template to use by name.
    pub template: Option<String>,
    /// `column=field` corrections on top of the proposed/template mapping.
    pub overrides: Vec<(String, Field)>,
    /// The metric actuals and targets are booked to.
    pub metric_code: String,
    /// How many typed rows a preview returns.
    pub preview_rows: usize,
    #[serde(skip)]
    pub caps: Caps,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            kind: ImportKind::Actuals,
            encoding: EncodingChoice::Auto,
            delimiter: None,
            sheet: None,
            header_row: None,
            number_format: NumberFormat::Auto,
            mapping: None,
            template: None,
            overrides: Vec::new(),
            metric_code: "revenue".into(),
            preview_rows: 50,
            caps: Caps::default(),
        }
    }
}

/// Reported every few thousand rows and at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub rows_done: u64,
    pub total: Option<u64>,
}

/// One problem in one row, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    pub row: u64,
    pub column: String,
    pub message_zh: String,
    pub message_en: String,
}

impl RowError {
    /// The error of a value that does not read as its field (the message quotes the cell).
    pub fn of_value(
        row: u64,
        column: &str,
        e: &values::ValueError,
        cell: &source::Cell,
    ) -> RowError {
        let text = cell.display();
        RowError {
            row,
            column: column.to_string(),
            message_zh: e.zh(&text),
            message_en: e.en(&text),
        }
    }

    pub fn message(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Zh => &self.message_zh,
            crate::Lang::En => &self.message_en,
        }
    }
}

/// A value the workspace does not know yet.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum UnknownKind {
    Person,
    ProductLine,
    CustomerType,
    Channel,
    Customer,
    /// An organisation unit named in a target grid.
    OrgUnit,
}

impl UnknownKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            UnknownKind::Person => "销售员",
            UnknownKind::ProductLine => "产品线",
            UnknownKind::CustomerType => "客户类型",
            UnknownKind::Channel => "渠道",
            UnknownKind::Customer => "客户",
            UnknownKind::OrgUnit => "组织",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            UnknownKind::Person => "sales rep",
            UnknownKind::ProductLine => "product line",
            UnknownKind::CustomerType => "customer type",
            UnknownKind::Channel => "channel",
            UnknownKind::Customer => "customer",
            UnknownKind::OrgUnit => "organisation unit",
        }
    }
}

/// What to do with one unknown value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", tag = "action")]
pub enum Action {
    /// Use an existing record (org unit, dimension member or customer id).
    Map { id: i64 },
    /// Create it (a person under the row's team, a dimension member, a customer).
    Create,
    /// Skip the rows that carry it (counted as skipped).
    Skip,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
    pub kind: UnknownKind,
    pub value: String,
    pub action: Action,
    /// The team (or region) a created person goes under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<i64>,
}

/// The user's answers for unknown values, and what happens to those not answered.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Resolutions {
    pub items: Vec<Resolution>,
    /// For unknowns not listed: `Skip` (rows counted as skipped, with their amount, and the
    /// values listed in the summary) or `Create`; `Map` here is treated as `Skip`. When absent,
    /// master data found in sales (customers, product lines, customer types, channels) is
    /// created and people and organisation units are skipped: they need the user's decision.
    pub otherwise: Option<Action>,
}

impl Resolutions {
    pub fn action_for(&self, kind: UnknownKind, value: &str) -> Action {
        self.items
            .iter()
            .find(|r| r.kind == kind && r.value == value)
            .map(|r| r.action)
            .unwrap_or(match self.otherwise {
                Some(Action::Create) => Action::Create,
                Some(_) => Action::Skip,
                None => match kind {
                    UnknownKind::Person | UnknownKind::OrgUnit => Action::Skip,
                    _ => Action::Create,
                },
            })
    }

    /// The unit the user chose for a created person.
    pub fn parent_for(&self, kind: UnknownKind, value: &str) -> Option<i64> {
        self.items
            .iter()
            .find(|r| r.kind == kind && r.value == value)
            .and_then(|r| r.parent)
    }
}

/// The error a cancelled import returns; the database is as it was before.
pub fn cancelled_error(file: &str) -> crate::Error {
    crate::Error::new(
        Code::ImportCancelled,
        format!("已取消导入“{file}”，数据库未作任何修改"),
        format!("The import of \"{file}\" was cancelled; the database was not changed"),
    )
}

/// An existing record an unknown value can be mapped to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    /// For organisation units: company, region, team or person (a new person goes in a team).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_kind: Option<String>,
}

/// The records of a kind, for the wizard's "map to an existing one" choice.
pub fn candidates(conn: &rusqlite::Connection, kind: UnknownKind) -> crate::Result<Vec<Candidate>> {
    Ok(store::known::candidates(conn, kind)?
        .into_iter()
        .map(|(id, name, unit_kind)| Candidate {
            id,
            name,
            unit_kind,
        })
        .collect())
}
