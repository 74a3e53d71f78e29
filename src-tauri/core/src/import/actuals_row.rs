//! One actuals row typed: the fields an actuals file maps, each cell read exactly (a date within
//! the years the workspace plans, money in fen, names still names), and the row as the preview
//! shows it.

use super::source::Cell;
use super::values::{self, NumberFormat, ValueError};
use super::{headers::Field, RowError};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::borrow::Cow;
use std::ops::RangeInclusive;

pub(super) const FIELDS: [Field; 12] = [
    Field::Date,
    Field::Person,
    Field::Amount,
    Field::Quantity,
    Field::ProductLine,
    Field::Region,
    Field::Team,
    Field::Customer,
    Field::CustomerType,
    Field::Channel,
    Field::OrderId,
    Field::Note,
];

/// The mapped column of each field, by `FIELDS` index.
pub(super) type Columns = super::pipeline::Columns<12>;

/// A row with every value typed; names are still names.
pub(super) struct Typed<'a> {
    pub(super) date: NaiveDate,
    pub(super) person: Cow<'a, str>,
    pub(super) amount: i64,
    pub(super) quantity: i64,
    pub(super) product_line: Option<Cow<'a, str>>,
    pub(super) region: Option<Cow<'a, str>>,
    pub(super) team: Option<Cow<'a, str>>,
    pub(super) customer: Option<Cow<'a, str>>,
    pub(super) customer_type: Option<Cow<'a, str>>,
    pub(super) channel: Option<Cow<'a, str>>,
    pub(super) order_id: Option<Cow<'a, str>>,
    pub(super) note: Cow<'a, str>,
}

/// The optional text of field `i`: `None` when blank.
pub(super) fn text_at<'a>(
    cols: &Columns,
    cells: &[Cell<'a>],
    i: usize,
) -> std::result::Result<Option<Cow<'a, str>>, ValueError> {
    values::text(&cols.cell(cells, i)).map(|t| if t.is_empty() { None } else { Some(t) })
}

pub(super) fn type_row<'a>(
    cols: &Columns,
    cells: &[Cell<'a>],
    row: u64,
    (fmt, years): (NumberFormat, &RangeInclusive<i32>),
) -> std::result::Result<Typed<'a>, Vec<RowError>> {
    let mut errs = Vec::new();
    let mut check = |i: usize, r: std::result::Result<(), ValueError>| {
        if let Err(e) = r {
            errs.push(RowError::of_value(
                row,
                &cols.labels[i],
                &e,
                &cols.cell(cells, i),
            ));
        }
    };
    let date = values::date_within(&cols.cell(cells, 0), years.clone());
    check(0, date.as_ref().map(|_| ()).map_err(Clone::clone));
    let person = values::text(&cols.cell(cells, 1)).and_then(|t| {
        if t.is_empty() {
            Err(ValueError::Empty)
        } else {
            Ok(t)
        }
    });
    check(1, person.as_ref().map(|_| ()).map_err(Clone::clone));
    let amount = values::money_fen(&cols.cell(cells, 2), fmt);
    check(2, amount.as_ref().map(|_| ()).map_err(Clone::clone));
    let quantity = match cols.cell(cells, 3) {
        c if c.is_blank() => Ok(0),
        c => values::whole(&c, fmt),
    };
    check(3, quantity.as_ref().map(|_| ()).map_err(Clone::clone));
    let mut optional = |i: usize| -> Option<Cow<'a, str>> {
        text_at(cols, cells, i).unwrap_or_else(|e| {
            check(i, Err(e));
            None
        })
    };
    let product_line = optional(4);
    let region = optional(5);
    let team = optional(6);
    let customer = optional(7);
    let customer_type = optional(8);
    let channel = optional(9);
    let order_id = optional(10);
    let note = optional(11).unwrap_or(Cow::Borrowed(""));
    match (date, person, amount, quantity) {
        (Ok(date), Ok(person), Ok(amount), Ok(quantity)) if errs.is_empty() => Ok(Typed {
            date,
            person,
            amount,
            quantity,
            product_line,
            region,
            team,
            customer,
            customer_type,
            channel,
            order_id,
            note,
        }),
        _ => Err(errs),
    }
}

pub(super) fn display_row(t: &Typed) -> Vec<String> {
    let o = |v: &Option<Cow<str>>| v.as_deref().unwrap_or("").to_string();
    vec![
        t.date.to_string(),
        t.person.to_string(),
        crate::money::format_yuan(t.amount),
        t.quantity.to_string(),
        o(&t.product_line),
        o(&t.region),
        o(&t.team),
        o(&t.customer),
        o(&t.customer_type),
        o(&t.channel),
        o(&t.order_id),
        t.note.to_string(),
    ]
}

/// The years a sale may be dated in: the workspace's plan years and one year either side (two
/// when a fiscal year does not start in January); any plausible year while it plans none.
pub(super) fn sale_years(conn: &Connection) -> Result<RangeInclusive<i32>> {
    let (first, last, offset) = super::store::plan_years(conn)?;
    let plausible = values::PLAUSIBLE_YEARS;
    Ok(match (first, last) {
        (Some(first), Some(last)) => {
            let margin = 1 + offset.unwrap_or(0);
            (first - margin).max(*plausible.start())..=(last + margin).min(*plausible.end())
        }
        _ => plausible,
    })
}
