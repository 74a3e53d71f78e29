//! Actual transactions: each data row becomes one `actual` row, typed exactly, with people,
//! product lines, customer types, channels and customers looked up by name. Its fingerprint
//! (the order id when present, else a hash of the typed values) makes overlaps duplicates.

use super::commit::{Created, Tally};
use super::headers::Field;
use super::lookup::{self, Found, Lookups};
use super::pipeline::{self, Opened};
use super::preview::{PreviewAcc, PreviewRow};
use super::source::Cell;
use super::values::{self, NumberFormat, ValueError};
use super::{Action, ImportOptions, Progress, Resolutions, RowError, UnknownKind};
use crate::error::{Error, Result};
use crate::store::batches::AggregateDelta;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write;
use std::sync::atomic::AtomicBool;

const FIELDS: [Field; 12] = [
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
struct Columns {
    of: [Option<usize>; 12],
    labels: [String; 12],
}

impl Columns {
    fn new(opened: &Opened) -> Columns {
        let of = FIELDS.map(|f| opened.mapping.column_of(f));
        let labels =
            std::array::from_fn(|i| of[i].map(|c| opened.column_label(c)).unwrap_or_default());
        Columns { of, labels }
    }

    fn cell<'a>(&self, cells: &[Cell<'a>], i: usize) -> Cell<'a> {
        self.of[i]
            .and_then(|c| cells.get(c).copied())
            .unwrap_or(Cell::Empty)
    }
}

/// A row with every value typed; names are still names.
struct Typed<'a> {
    date: NaiveDate,
    person: Cow<'a, str>,
    amount: i64,
    quantity: i64,
    product_line: Option<Cow<'a, str>>,
    region: Option<Cow<'a, str>>,
    team: Option<Cow<'a, str>>,
    customer: Option<Cow<'a, str>>,
    customer_type: Option<Cow<'a, str>>,
    channel: Option<Cow<'a, str>>,
    order_id: Option<Cow<'a, str>>,
    note: Cow<'a, str>,
}

fn row_error(row: u64, column: &str, e: &ValueError, cell: &Cell) -> RowError {
    let text = cell.display();
    RowError {
        row,
        column: column.to_string(),
        message_zh: e.zh(&text),
        message_en: e.en(&text),
    }
}

fn type_row<'a>(
    cols: &Columns,
    cells: &[Cell<'a>],
    row: u64,
    fmt: NumberFormat,
) -> std::result::Result<Typed<'a>, Vec<RowError>> {
    let mut errs = Vec::new();
    let mut check = |i: usize, r: std::result::Result<(), ValueError>| {
        if let Err(e) = r {
            errs.push(row_error(row, &cols.labels[i], &e, &cols.cell(cells, i)));
        }
    };
    let date = values::date(&cols.cell(cells, 0));
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
        match values::text(&cols.cell(cells, i)) {
            Ok(t) if t.is_empty() => None,
            Ok(t) => Some(t),
            Err(e) => {
                check(i, Err(e));
                None
            }
        }
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

/// Ids of a typed row's names.
#[derive(Debug, Clone, Copy, Default)]
struct Ids {
    person: i64,
    product_line: Option<i64>,
    customer_type: Option<i64>,
    channel: Option<i64>,
    customer: Option<i64>,
}

/// The names of a typed row that need ids, with their kinds, in resolution order (customer
/// type before customer, so a created customer gets its type).
fn names<'t>(t: &'t Typed) -> [(UnknownKind, Option<&'t str>); 5] {
    [
        (UnknownKind::Person, Some(&t.person)),
        (UnknownKind::ProductLine, t.product_line.as_deref()),
        (UnknownKind::CustomerType, t.customer_type.as_deref()),
        (UnknownKind::Channel, t.channel.as_deref()),
        (UnknownKind::Customer, t.customer.as_deref()),
    ]
}

fn set(ids: &mut Ids, kind: UnknownKind, id: i64) {
    match kind {
        UnknownKind::Person => ids.person = id,
        UnknownKind::ProductLine => ids.product_line = Some(id),
        UnknownKind::CustomerType => ids.customer_type = Some(id),
        UnknownKind::Channel => ids.channel = Some(id),
        UnknownKind::Customer | UnknownKind::OrgUnit => ids.customer = Some(id),
    }
}

fn ambiguous(row: u64, column: &str, kind: UnknownKind, name: &str) -> RowError {
    RowError {
        row,
        column: column.to_string(),
        message_zh: format!(
            "{}“{name}”有多个同名记录，无法确定是哪一个",
            kind.label_zh()
        ),
        message_en: format!(
            "more than one {} is named \"{name}\"; it is ambiguous",
            kind.label_en()
        ),
    }
}

/// Column label of a name kind (for messages).
fn label_of(cols: &Columns, kind: UnknownKind) -> &str {
    let i = match kind {
        UnknownKind::Person => 1,
        UnknownKind::ProductLine => 4,
        UnknownKind::CustomerType => 8,
        UnknownKind::Channel => 9,
        _ => 7,
    };
    &cols.labels[i]
}

/// The fingerprint of a row: `o:` + order id, else `h:` + 128 bits of SHA-256 over the typed values.
fn fingerprint(out: &mut String, t: &Typed, ids: &Ids, metric: i64) {
    out.clear();
    if let Some(order) = &t.order_id {
        out.push_str("o:");
        out.push_str(order);
        return;
    }
    let mut key = String::with_capacity(96);
    let _ = write!(
        key,
        "{}|{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{}",
        t.date,
        ids.person,
        metric,
        t.amount,
        t.quantity,
        ids.product_line,
        ids.customer_type,
        ids.channel,
        ids.customer,
        t.note
    );
    let digest = Sha256::digest(key.as_bytes());
    out.push_str("h:");
    out.push_str(&super::commit::hex(&digest[..16]));
}

fn metric_id(conn: &Connection, code: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM metric WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        Error::new(
            "import_no_metric",
            format!("工作区中没有指标“{code}”，无法记录实际数"),
            format!("The workspace has no metric \"{code}\" to book actuals to"),
        )
    })
}

fn display_row(t: &Typed) -> Vec<String> {
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

pub fn preview(
    conn: &Connection,
    opened: &mut Opened,
    opts: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    acc: &mut PreviewAcc,
) -> Result<(Vec<Field>, u64)> {
    let cols = Columns::new(opened);
    let lookups = Lookups::load(conn)?;
    let metric = metric_id(conn, &opts.metric_code)?;
    let mut exists = conn.prepare("SELECT 1 FROM actual WHERE fingerprint = ?1")?;
    let mut fp = String::new();
    let rows = pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
        let t = match type_row(&cols, cells, row, opts.number_format) {
            Ok(t) => t,
            Err(errs) => {
                acc.ambiguous |= errs.iter().any(|e| e.message_en.contains("decimal comma"));
                acc.row_errors(errs);
                return Ok(());
            }
        };
        let mut ids = Ids::default();
        let mut complete = true;
        let mut errs = Vec::new();
        for (kind, name) in names(&t) {
            let Some(name) = name else { continue };
            match lookups.find(kind, name) {
                Found::Id(id) => set(&mut ids, kind, id),
                Found::Ambiguous => errs.push(ambiguous(row, label_of(&cols, kind), kind, name)),
                Found::Unknown => {
                    acc.unknown(kind, name, row);
                    complete = false;
                }
            }
        }
        if !errs.is_empty() {
            acc.row_errors(errs);
            return Ok(());
        }
        if complete {
            fingerprint(&mut fp, &t, &ids, metric);
            if exists.exists([&fp])? {
                acc.duplicates += 1;
            }
        }
        if acc.wants_rows() {
            acc.rows.push(PreviewRow {
                row,
                values: display_row(&t),
            });
        }
        Ok(())
    })?;
    Ok((FIELDS.to_vec(), rows))
}

/// Makes an unknown value known, as the user resolved it: an id of theirs, a new record, or
/// `None` to skip its rows.
struct Resolver<'r> {
    resolutions: &'r Resolutions,
    batch: i64,
    skip: HashSet<(UnknownKind, String)>,
    company: Option<i64>,
}

impl Resolver<'_> {
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &mut self,
        conn: &Connection,
        lookups: &mut Lookups,
        kind: UnknownKind,
        name: &str,
        t: &Typed,
        ids: &Ids,
        created: &mut Vec<Created>,
    ) -> Result<Option<i64>> {
        if self.skip.contains(&(kind, name.to_string())) {
            return Ok(None);
        }
        let id = match self.resolutions.action_for(kind, name) {
            Action::Skip => None,
            Action::Map { id } => {
                if !lookup::id_exists(conn, kind, id)? {
                    return Err(Error::new(
                        "import_bad_resolution",
                        format!("{}“{name}”映射到的编号 {id} 不存在", kind.label_zh()),
                        format!(
                            "{} \"{name}\" is mapped to id {id}, which does not exist",
                            kind.label_en()
                        ),
                    ));
                }
                Some(id)
            }
            Action::Create => {
                let id = self.create(conn, lookups, kind, name, t, ids)?;
                created.push(Created {
                    kind,
                    value: name.to_string(),
                    id,
                });
                Some(id)
            }
        };
        match id {
            Some(id) => lookups.remember(kind, name, id),
            None => {
                self.skip.insert((kind, name.to_string()));
            }
        }
        Ok(id)
    }

    fn create(
        &mut self,
        conn: &Connection,
        lookups: &Lookups,
        kind: UnknownKind,
        name: &str,
        t: &Typed,
        ids: &Ids,
    ) -> Result<i64> {
        match kind {
            UnknownKind::Person | UnknownKind::OrgUnit => {
                let parent = match t
                    .team
                    .as_deref()
                    .and_then(|n| lookups.group(n))
                    .or_else(|| t.region.as_deref().and_then(|n| lookups.group(n)))
                {
                    Some(p) => p,
                    None => match self.company {
                        Some(c) => c,
                        None => {
                            let (c, _) = lookup::company_root(conn, Some(self.batch))?;
                            self.company = Some(c);
                            c
                        }
                    },
                };
                conn.execute(
                    "INSERT INTO org_unit(parent_id, kind, name, headcount, batch_id) VALUES (?1, 'person', ?2, 1, ?3)",
                    params![parent, name, self.batch],
                )?;
            }
            UnknownKind::Customer => {
                conn.execute(
                    "INSERT INTO customer(name, customer_type_id, lifecycle, batch_id) VALUES (?1, ?2, 'new', ?3)",
                    params![name, ids.customer_type, self.batch],
                )?;
            }
            UnknownKind::ProductLine | UnknownKind::CustomerType | UnknownKind::Channel => {
                let dim = match kind {
                    UnknownKind::ProductLine => "product_line",
                    UnknownKind::CustomerType => "customer_type",
                    _ => "channel",
                };
                let sort: i64 = conn.query_row(
                    "SELECT IFNULL(MAX(sort), -1) + 1 FROM dimension_member WHERE dim = ?1",
                    [dim],
                    |r| r.get(0),
                )?;
                conn.execute(
                    "INSERT INTO dimension_member(dim, code, name_zh, name_en, sort, batch_id) VALUES (?1, ?2, ?2, ?2, ?3, ?4)",
                    params![dim, name, sort, self.batch],
                )?;
            }
        }
        Ok(conn.last_insert_rowid())
    }
}

#[allow(clippy::too_many_arguments)]
pub fn commit(
    conn: &Connection,
    opened: &mut Opened,
    opts: &ImportOptions,
    resolutions: &Resolutions,
    batch: i64,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    tally: &mut Tally,
) -> Result<AggregateDelta> {
    let cols = Columns::new(opened);
    let mut lookups = Lookups::load(conn)?;
    let metric = metric_id(conn, &opts.metric_code)?;
    let sheet = opened.source.info().sheet.clone();
    let place = opened.place();
    let mut insert = super::insert::Inserter::new(conn, batch, metric, sheet)?;
    let mut resolver = Resolver {
        resolutions,
        batch,
        skip: HashSet::new(),
        company: None,
    };
    let mut fp = String::with_capacity(64);
    let mut created = Vec::new();
    tally.rows = pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
        let t = match type_row(&cols, cells, row, opts.number_format) {
            Ok(t) => t,
            Err(errs) => {
                if opts.number_format == NumberFormat::Auto
                    && errs.iter().any(|e| e.message_en.contains("decimal comma"))
                {
                    return Err(place.clone().row(row).error(
                        "import_ambiguous_number_format",
                        "数字使用小数逗号（如 1.234,5），格式有歧义。请选择数字格式（1,234.5 或 1.234,5）后再导入",
                        "numbers use a decimal comma (as in 1.234,5), so the format is ambiguous. Choose the number format (1,234.5 or 1.234,5) and import again",
                    ));
                }
                tally.row_errors(errs);
                return Ok(());
            }
        };
        let mut ids = Ids::default();
        for (kind, name) in names(&t) {
            let Some(name) = name else { continue };
            let id = match lookups.find(kind, name) {
                Found::Id(id) => Some(id),
                Found::Ambiguous => {
                    tally.row_errors(vec![ambiguous(row, label_of(&cols, kind), kind, name)]);
                    return Ok(());
                }
                Found::Unknown => {
                    resolver.resolve(conn, &mut lookups, kind, name, &t, &ids, &mut created)?
                }
            };
            match id {
                Some(id) => set(&mut ids, kind, id),
                None => {
                    tally.skip_unknown(kind, name, row);
                    return Ok(());
                }
            }
        }
        fingerprint(&mut fp, &t, &ids, metric);
        insert.push(super::insert::ActualRow {
            date: t.date,
            person: ids.person,
            amount: t.amount,
            quantity: t.quantity,
            product_line: ids.product_line,
            customer_type: ids.customer_type,
            channel: ids.channel,
            customer: ids.customer,
            order_id: t.order_id.as_deref(),
            note: &t.note,
            fingerprint: &fp,
            source_row: row as i64,
        })?;
        Ok(())
    })?;
    insert.flush()?;
    tally.inserted = insert.inserted;
    tally.duplicates = insert.duplicates;
    tally.created.extend(created);
    Ok(insert.delta)
}
