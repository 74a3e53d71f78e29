//! The money of an import, reconciled: every readable amount of the file lands in exactly one of
//! inserted, duplicates, skipped (by the kind of unknown value that made it skip) or errors, and
//! a total row the file carries (合计, 总计, 小计, Total) is recognised, kept out of the rows and
//! checked against them. All amounts are fen.

use super::source::Cell;
use super::UnknownKind;
use crate::error::Code;
use crate::error::{Error, Result};
use std::collections::BTreeMap;

/// What the rows skipped for one kind of unknown value carried.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedMoney {
    pub kind: UnknownKind,
    pub rows: u64,
    pub amount: i64,
}

/// The file's own total row (the last grand total; without one, the subtotals added up).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TotalRow {
    pub row: u64,
    pub label: String,
    /// None when its amount cell does not read as money.
    pub amount: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Σ of every readable amount of the data rows (the total row not included).
    pub file_total: i64,
    pub inserted: i64,
    pub duplicates: i64,
    pub skipped: i64,
    pub skipped_by_kind: Vec<SkippedMoney>,
    /// Σ of the readable amounts of rows with errors.
    pub errors: i64,
    /// Rows with an error whose amount itself does not read (their money is unknown).
    pub error_rows_without_amount: u64,
    pub total_row: Option<TotalRow>,
}

/// Sums kept while rows are read (wide, so no file can overflow them; checked at the end).
#[derive(Debug, Default)]
pub struct Ledger {
    file_total: i128,
    inserted: i128,
    duplicates: i128,
    skipped: BTreeMap<UnknownKind, (u64, i128)>,
    errors: i128,
    error_rows_without_amount: u64,
    grand: Option<TotalRow>,
    subtotals: Option<(TotalRow, i128)>,
    /// Rows recognised as totals (not counted as data rows).
    pub total_rows: u64,
}

impl Ledger {
    pub fn inserted(&mut self, fen: i64) {
        self.file_total += fen as i128;
        self.inserted += fen as i128;
    }

    pub fn duplicate(&mut self, fen: i64) {
        self.file_total += fen as i128;
        self.duplicates += fen as i128;
    }

    pub fn skipped(&mut self, kind: UnknownKind, fen: i64) {
        self.file_total += fen as i128;
        let e = self.skipped.entry(kind).or_default();
        e.0 += 1;
        e.1 += fen as i128;
    }

    pub fn error(&mut self, fen: Option<i64>) {
        match fen {
            Some(fen) => {
                self.file_total += fen as i128;
                self.errors += fen as i128;
            }
            None => self.error_rows_without_amount += 1,
        }
    }

    pub fn total_row(&mut self, row: u64, label: &str, amount: Option<i64>) {
        self.total_rows += 1;
        let t = TotalRow {
            row,
            label: label.to_string(),
            amount,
        };
        if is_subtotal(label) {
            let (last, sum) = self.subtotals.get_or_insert((t.clone(), 0));
            *last = t;
            *sum += amount.unwrap_or(0) as i128;
        } else {
            self.grand = Some(t);
        }
    }

    pub fn finish(self) -> Result<Money> {
        let fen = |v: i128| {
            i64::try_from(v).map_err(|_| {
                Error::new(
                    Code::ImportSumOverflow,
                    "文件中金额之和超出可记录的范围",
                    "the amounts of the file add up to more than can be recorded",
                )
            })
        };
        let total_row = match (self.grand, self.subtotals) {
            (Some(g), _) => Some(g),
            (None, Some((last, sum))) => Some(TotalRow {
                amount: Some(fen(sum)?),
                ..last
            }),
            (None, None) => None,
        };
        Ok(Money {
            file_total: fen(self.file_total)?,
            inserted: fen(self.inserted)?,
            duplicates: fen(self.duplicates)?,
            skipped: fen(self.skipped.values().map(|v| v.1).sum())?,
            skipped_by_kind: self
                .skipped
                .into_iter()
                .map(|(kind, (rows, amount))| {
                    Ok(SkippedMoney {
                        kind,
                        rows,
                        amount: fen(amount)?,
                    })
                })
                .collect::<Result<_>>()?,
            errors: fen(self.errors)?,
            error_rows_without_amount: self.error_rows_without_amount,
            total_row,
        })
    }
}

/// The label with spaces and a trailing colon removed, lower case.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches([':', '：'])
        .to_lowercase()
}

fn is_subtotal(label: &str) -> bool {
    matches!(normalise(label).as_str(), "小计" | "subtotal" | "sub-total")
}

/// Whether a cell's text names a total row.
pub fn is_total_label(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "合计"
            | "总计"
            | "小计"
            | "总合计"
            | "合计金额"
            | "total"
            | "totals"
            | "grandtotal"
            | "subtotal"
            | "sub-total"
    )
}

/// The total label of a row, when one of its text cells is one.
pub fn total_label<'a>(cells: &[Cell<'a>]) -> Option<&'a str> {
    cells.iter().find_map(|c| match c {
        Cell::Text(t) if is_total_label(t) => Some(t.trim()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_labels_are_recognised_in_both_languages() {
        for t in [
            "合计",
            " 合 计：",
            "总计",
            "小计",
            "Total",
            "GRAND TOTAL",
            "Subtotal:",
        ] {
            assert!(is_total_label(t), "{t}");
        }
        for t in ["合计部", "张三", "Totally", ""] {
            assert!(!is_total_label(t), "{t}");
        }
    }

    #[test]
    fn every_amount_lands_in_one_place_and_subtotals_add_up_without_a_grand_total() {
        let mut l = Ledger::default();
        l.inserted(100);
        l.duplicate(20);
        l.skipped(UnknownKind::Person, 3);
        l.skipped(UnknownKind::Person, 4);
        l.error(Some(-1));
        l.error(None);
        l.total_row(9, "小计", Some(50));
        l.total_row(12, "小计", Some(76));
        let m = l.finish().unwrap();
        assert_eq!(
            (m.file_total, m.inserted, m.duplicates, m.skipped, m.errors),
            (126, 100, 20, 7, -1)
        );
        assert_eq!(m.error_rows_without_amount, 1);
        assert_eq!(
            m.skipped_by_kind,
            vec![SkippedMoney {
                kind: UnknownKind::Person,
                rows: 2,
                amount: 7
            }]
        );
        assert_eq!(
            m.total_row,
            Some(TotalRow {
                row: 12,
                label: "小计".into(),
                amount: Some(126)
            })
        );
    }
}
