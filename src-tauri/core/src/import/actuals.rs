//! Actual transactions: each data row becomes one `actual` row, typed exactly, with people,
//! product lines, customer types, channels and customers looked up by name. Its fingerprint
//! (the order id when present, else a hash of the typed values) makes overlaps duplicates.

use super::commit::{Created, Job};
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
type Columns = super::pipeline::Columns<12>;

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

/// The optional text of field `i`: `None` when blank.
fn text_at<'a>(
    cols: &Columns,
    cells: &[Cell<'a>],
    i: usize,
) -> std::result::Result<Option<Cow<'a, str>>, ValueError> {
    values::text(&cols.cell(cells, i)).map(|t| if t.is_empty() { None } else { Some(t) })
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
            errs.push(RowError::of_value(
                row,
                &cols.labels[i],
                &e,
                &cols.cell(cells, i),
            ));
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

/// 128 bits of SHA-256 over a row's typed values (the fingerprint of a row without order id).
fn value_hash(t: &Typed, ids: &Ids, metric: i64) -> [u8; 16] {
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
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// The fingerprint of a row: `o:` + order id, else `h:` + the hex of its value hash.
fn write_fingerprint(out: &mut String, order_id: Option<&str>, hash: impl FnOnce() -> [u8; 16]) {
    out.clear();
    match order_id {
        Some(order) => {
            out.push_str("o:");
            out.push_str(order);
        }
        None => {
            out.push_str("h:");
            out.push_str(&super::commit::hex(&hash()));
        }
    }
}

fn fingerprint(out: &mut String, t: &Typed, ids: &Ids, metric: i64) {
    write_fingerprint(out, t.order_id.as_deref(), || value_hash(t, ids, metric));
}

/// A row typed and looked up on the reading thread, every name already known: all but its text.
#[derive(Debug, Clone, Copy)]
struct Ready {
    date: NaiveDate,
    amount: i64,
    quantity: i64,
    ids: Ids,
    /// The value hash, for a row without order id.
    hash: Option<[u8; 16]>,
}

/// The ids of every name of a row, when all of them are known and unambiguous.
fn known_ids(lookups: &Lookups, t: &Typed) -> Option<Ids> {
    let mut ids = Ids::default();
    for (kind, name) in names(t) {
        if let Some(name) = name {
            match lookups.find(kind, name) {
                Found::Id(id) => set(&mut ids, kind, id),
                Found::Ambiguous | Found::Unknown => return None,
            }
        }
    }
    Some(ids)
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
    let cols = Columns::new(opened, &FIELDS);
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

pub(super) fn commit(job: Job<'_>) -> Result<AggregateDelta> {
    let Job {
        conn,
        opened,
        opts,
        resolutions,
        batch,
        progress,
        cancel,
        tally,
    } = job;
    let cols = Columns::new(opened, &FIELDS);
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
    // Rows whose names are all known are typed, looked up and hashed on the reading thread, with
    // a copy of the lookups taken now (names created later only ever add entries); the others
    // (errors, unknown or ambiguous names) take the full path below.
    let known = Lookups::load(conn)?;
    let fmt = opts.number_format;
    let prepare = |row: u64, cells: &[Cell]| -> Option<Ready> {
        let t = type_row(&cols, cells, row, fmt).ok()?;
        let ids = known_ids(&known, &t)?;
        let hash = t.order_id.is_none().then(|| value_hash(&t, &ids, metric));
        Some(Ready {
            date: t.date,
            amount: t.amount,
            quantity: t.quantity,
            ids,
            hash,
        })
    };
    let mut store = |row: u64, cells: &[Cell], ready: Option<Ready>| -> Result<()> {
        if let Some(r) = ready {
            let order_id = text_at(&cols, cells, 10).ok().flatten();
            let note = text_at(&cols, cells, 11).ok().flatten();
            write_fingerprint(&mut fp, order_id.as_deref(), || r.hash.unwrap_or_default());
            return insert.push(super::insert::ActualRow {
                date: r.date,
                person: r.ids.person,
                amount: r.amount,
                quantity: r.quantity,
                product_line: r.ids.product_line,
                customer_type: r.ids.customer_type,
                channel: r.ids.channel,
                customer: r.ids.customer,
                order_id: order_id.as_deref(),
                note: note.as_deref().unwrap_or(""),
                fingerprint: &fp,
                source_row: row as i64,
            });
        }
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
    };
    tally.rows =
        pipeline::for_each_prepared_data_row(opened, progress, cancel, &prepare, &mut store)?;
    insert.flush()?;
    tally.inserted = insert.inserted;
    tally.duplicates = insert.duplicates;
    tally.created.extend(created);
    Ok(insert.delta)
}
