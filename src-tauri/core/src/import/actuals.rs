//! Actual transactions: each data row becomes one `actual` row, typed exactly, with people,
//! product lines, customer types, channels and customers looked up by name. Its identity
//! ([`super::identity`]) makes re-imported lines duplicates and keeps every other line. A preview
//! and a commit take every row down the same path ([`Rows`]); the preview only writes nothing.

use super::actuals_row::{display_row, sale_years, text_at, type_row, Columns, Typed, FIELDS};
use super::headers::Field;
use super::identity::{Base, Line, Occurrences};
use super::job::{Created, Job, PreviewAcc, PreviewJob, PreviewRow, Tally};
use super::kind::Importer;
use super::lookup::{Found, Lookups};
use super::pipeline::{self, Opened};
use super::reconcile::{self, Money};
use super::resolve::{live_metric_id, Booked, Resolver, RowContext};
use super::source::Cell;
use super::store::insert::{ActualRow, Inserter};
use super::values::{self, NumberFormat};
use super::{Resolutions, RowError, UnknownKind};
use crate::error::Code;
use crate::error::Result;
use crate::store::batches::AggregateDelta;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::ops::RangeInclusive;

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

/// A row typed and looked up on the reading thread, every name already known: all but its text,
/// with its identity made up to the occurrence number (which follows the file's order).
#[derive(Debug)]
struct Ready {
    date: NaiveDate,
    amount: i64,
    quantity: i64,
    ids: Ids,
    identity: Base,
}

/// The ids of every name of a row, when all of them are known and unambiguous.
fn known_ids(lookups: &Lookups, t: &Typed) -> Option<Ids> {
    let mut ids = Ids::default();
    for (kind, name) in names(t) {
        if let Some(name) = name {
            match lookups.find_on(kind, name, Some(t.date)) {
                Found::Id(id) => set(&mut ids, kind, id),
                Found::Ambiguous | Found::Unknown => return None,
            }
        }
    }
    Some(ids)
}

/// What the shared row path tells a preview or a commit about rows that do not go in.
trait Report {
    /// A row with errors; a commit may refuse the whole file instead.
    fn errors(&mut self, errs: Vec<RowError>) -> Result<()>;
    /// A row skipped because of an unknown value the user chose to skip (or could not place).
    fn skipped(&mut self, kind: UnknownKind, name: &str, row: u64, amount: i64);
    /// A value the workspace does not know yet (a preview lists each for a decision), with the
    /// unit its row names (a new person's team).
    fn unknown(
        &mut self,
        _kind: UnknownKind,
        _name: &str,
        _row: u64,
        _amount: i64,
        _unit: Option<i64>,
    ) {
    }
    /// A typed row (a preview shows the first ones).
    fn typed(&mut self, _row: u64, _t: &Typed) {}
}

/// What typing and looking up a row needs, shared with the reading thread.
struct Reading {
    cols: Columns,
    fmt: NumberFormat,
    years: RangeInclusive<i32>,
    lookups: Lookups,
    metric: i64,
}

impl Reading {
    fn new(
        conn: &Connection,
        opened: &Opened,
        fmt: NumberFormat,
        metric_code: &str,
    ) -> Result<Reading> {
        Ok(Reading {
            cols: Columns::new(opened, &FIELDS),
            fmt,
            years: sale_years(conn)?,
            lookups: Lookups::load(conn)?,
            metric: live_metric_id(conn, metric_code, Booked::Actuals)?,
        })
    }

    /// The identity fields of a row (the person by their key: a transfer keeps a sale the same
    /// line).
    fn line<'o>(
        &self,
        (date, amount, quantity): (NaiveDate, i64, i64),
        ids: &Ids,
        order_id: Option<&'o str>,
    ) -> Line<'o> {
        Line {
            metric: self.metric,
            date,
            person: self.lookups.person_key(ids.person),
            amount,
            quantity,
            product_line: ids.product_line,
            customer: ids.customer,
            order_id,
        }
    }

    /// Types and looks up a row whose names are all known (on the reading thread).
    fn prepare(&self, row: u64, cells: &[Cell]) -> Option<Ready> {
        let t = type_row(&self.cols, cells, row, (self.fmt, &self.years)).ok()?;
        let ids = known_ids(&self.lookups, &t)?;
        let values = (t.date, t.amount, t.quantity);
        Some(Ready {
            date: t.date,
            amount: t.amount,
            quantity: t.quantity,
            identity: Base::of(&self.line(values, &ids, t.order_id.as_deref())),
            ids,
        })
    }
}

/// The row path a preview and a commit share: typing, the total row, names looked up and
/// resolved, the identity numbered and the row inserted (or, dry, looked up).
struct Rows<'c, 'r, 'g> {
    conn: &'c Connection,
    reading: &'g Reading,
    resolver: Resolver<'r>,
    insert: Inserter<'c>,
    occurrences: Occurrences,
    fp: String,
}

impl<'c, 'r, 'g> Rows<'c, 'r, 'g> {
    fn new(
        conn: &'c Connection,
        reading: &'g Reading,
        opened: &Opened,
        batch: i64,
        resolutions: &'r Resolutions,
        dry: bool,
    ) -> Result<Rows<'c, 'r, 'g>> {
        let sheet = opened.source.info().sheet.clone();
        Ok(Rows {
            conn,
            reading,
            resolver: Resolver::new(resolutions, batch, dry),
            insert: Inserter::new(conn, batch, reading.metric, sheet, dry)?,
            occurrences: Occurrences::default(),
            fp: String::with_capacity(64),
        })
    }

    fn handle(
        &mut self,
        row: u64,
        cells: &[Cell],
        ready: Option<Ready>,
        report: &mut dyn Report,
    ) -> Result<()> {
        let Reading {
            cols,
            fmt,
            years,
            lookups,
            ..
        } = self.reading;
        let fmt = *fmt;
        if let Some(r) = ready {
            let order_id = text_at(cols, cells, 10).ok().flatten();
            let note = text_at(cols, cells, 11).ok().flatten();
            self.occurrences.identity_of(&mut self.fp, &r.identity);
            return self.store(
                row,
                (r.date, r.amount, r.quantity),
                &r.ids,
                order_id.as_deref(),
                note.as_deref().unwrap_or(""),
            );
        }
        let t = match type_row(cols, cells, row, (fmt, years)) {
            Ok(t) => t,
            Err(errs) => {
                let amount = values::money_fen(&cols.cell(cells, 2), fmt).ok();
                let dated = values::date(&cols.cell(cells, 0)).is_ok();
                match reconcile::total_label(cells) {
                    Some(label) if !dated => self.insert.ledger.total_row(row, label, amount),
                    _ => {
                        self.insert.ledger.error(amount);
                        report.errors(errs)?;
                    }
                }
                return Ok(());
            }
        };
        report.typed(row, &t);
        let mut errs = Vec::new();
        for (kind, name) in names(&t) {
            let Some(name) = name else { continue };
            match lookups.find_on(kind, name, Some(t.date)) {
                Found::Id(_) => {}
                Found::Ambiguous => errs.push(ambiguous(row, label_of(cols, kind), kind, name)),
                Found::Unknown => {
                    let unit = match kind {
                        UnknownKind::Person => t
                            .team
                            .as_deref()
                            .and_then(|n| lookups.group(n))
                            .or_else(|| t.region.as_deref().and_then(|n| lookups.group(n))),
                        _ => None,
                    };
                    report.unknown(kind, name, row, t.amount, unit)
                }
            }
        }
        if !errs.is_empty() {
            self.insert.ledger.error(Some(t.amount));
            return report.errors(errs);
        }
        let mut ids = Ids::default();
        for (kind, name) in names(&t) {
            let Some(name) = name else { continue };
            let id = match lookups.find_on(kind, name, Some(t.date)) {
                Found::Id(id) => Some(id),
                _ => {
                    let context = RowContext {
                        team: t.team.as_deref(),
                        region: t.region.as_deref(),
                        customer_type: ids.customer_type,
                    };
                    self.resolver
                        .decide(self.conn, lookups, kind, name, &context)?
                }
            };
            match id {
                Some(id) => set(&mut ids, kind, id),
                None => {
                    self.insert.ledger.skipped(kind, t.amount);
                    report.skipped(kind, name, row, t.amount);
                    return Ok(());
                }
            }
        }
        let fact = (t.date, t.amount, t.quantity);
        let line = self.reading.line(fact, &ids, t.order_id.as_deref());
        self.occurrences.identity(&mut self.fp, &line);
        self.store(row, fact, &ids, t.order_id.as_deref(), &t.note)
    }

    /// Stores a row whose identity is in `fp`.
    fn store(
        &mut self,
        row: u64,
        (date, amount, quantity): (NaiveDate, i64, i64),
        ids: &Ids,
        order_id: Option<&str>,
        note: &str,
    ) -> Result<()> {
        self.insert.push(ActualRow {
            date,
            person: ids.person,
            amount,
            quantity,
            product_line: ids.product_line,
            customer_type: ids.customer_type,
            channel: ids.channel,
            customer: ids.customer,
            order_id,
            note,
            fingerprint: &self.fp,
            source_row: row as i64,
        })
    }

    /// The counts and money of every row, once all are read.
    fn finish(mut self) -> Result<Finished> {
        self.insert.flush()?;
        let total_rows = self.insert.ledger.total_rows;
        Ok(Finished {
            inserted: self.insert.inserted,
            duplicates: self.insert.duplicates,
            total_rows,
            money: std::mem::take(&mut self.insert.ledger).finish()?,
            delta: std::mem::take(&mut self.insert.delta),
            created: std::mem::take(&mut self.resolver.created),
        })
    }
}

struct Finished {
    inserted: u64,
    duplicates: u64,
    total_rows: u64,
    money: Money,
    delta: AggregateDelta,
    created: Vec<Created>,
}

impl Report for PreviewAcc {
    fn errors(&mut self, errs: Vec<RowError>) -> Result<()> {
        self.ambiguous |= errs.iter().any(|e| e.message_en.contains("decimal comma"));
        self.row_errors(errs);
        Ok(())
    }

    fn skipped(&mut self, _kind: UnknownKind, _name: &str, _row: u64, _amount: i64) {
        self.skipped += 1;
    }

    fn unknown(&mut self, kind: UnknownKind, name: &str, row: u64, amount: i64, unit: Option<i64>) {
        PreviewAcc::unknown(self, kind, name, row, amount);
        if let Some(unit) = unit {
            self.suggest_parent(kind, name, unit);
        }
    }

    fn typed(&mut self, row: u64, t: &Typed) {
        if self.wants_rows() {
            self.rows.push(PreviewRow {
                row,
                values: display_row(t),
            });
        }
    }
}

/// A commit's report: row errors are counted, except an ambiguous number format, which stops
/// the import until the user chooses the format.
struct CommitReport<'t> {
    tally: &'t mut Tally,
    auto_format: bool,
    place: super::guard::Where,
}

impl Report for CommitReport<'_> {
    fn errors(&mut self, errs: Vec<RowError>) -> Result<()> {
        if self.auto_format && errs.iter().any(|e| e.message_en.contains("decimal comma")) {
            let row = errs.first().map(|e| e.row).unwrap_or_default();
            return Err(self.place.clone().row(row).error(
                Code::ImportAmbiguousNumberFormat,
                "数字使用小数逗号（如 1.234,5），格式有歧义。请选择数字格式（1,234.5 或 1.234,5）后再导入",
                "numbers use a decimal comma (as in 1.234,5), so the format is ambiguous. Choose the number format (1,234.5 or 1.234,5) and import again",
            ));
        }
        self.tally.row_errors(errs);
        Ok(())
    }

    fn skipped(&mut self, kind: UnknownKind, name: &str, row: u64, amount: i64) {
        self.tally.skip_unknown(kind, name, row, amount);
    }
}

/// Actual transactions: one row is one sale line.
pub(super) struct Actuals;

impl Importer for Actuals {
    fn fields(&self) -> &'static [Field] {
        &FIELDS
    }

    fn required(&self) -> &'static [Field] {
        &[Field::Date, Field::Person, Field::Amount]
    }

    fn header_hint(&self) -> (&'static str, &'static str) {
        ("日期、销售员、金额", "date, sales rep, amount")
    }

    /// Reads every row as the commit would, with the user's resolutions, writing nothing.
    fn preview(&self, job: PreviewJob<'_>) -> Result<u64> {
        let PreviewJob {
            conn,
            opened,
            opts,
            resolutions,
            progress,
            cancel,
            acc,
        } = job;
        let reading = Reading::new(conn, opened, opts.number_format, &opts.metric_code)?;
        let mut rows = Rows::new(conn, &reading, opened, 0, resolutions, true)?;
        let read = pipeline::for_each_data_row(opened, progress, cancel, &mut |row, cells| {
            rows.handle(row, cells, None, acc)
        })?;
        let done = rows.finish()?;
        acc.inserted = done.inserted;
        acc.duplicates = done.duplicates;
        acc.money = done.money;
        Ok(read - done.total_rows)
    }

    fn commit(&self, job: Job<'_>) -> Result<Option<AggregateDelta>> {
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
        let reading = Reading::new(conn, opened, opts.number_format, &opts.metric_code)?;
        let mut rows = Rows::new(conn, &reading, opened, batch, resolutions, false)?;
        let mut report = CommitReport {
            tally,
            auto_format: opts.number_format == NumberFormat::Auto,
            place: opened.place(),
        };
        // Rows whose names are all known are typed and looked up on the reading thread; the
        // others (errors, totals, unknown or ambiguous names) take the full path.
        let prepare = |row: u64, cells: &[Cell]| reading.prepare(row, cells);
        let read = pipeline::for_each_prepared_data_row(
            opened,
            progress,
            cancel,
            &prepare,
            &mut |row, cells, ready| rows.handle(row, cells, ready, &mut report),
        )?;
        let done = rows.finish()?;
        let tally = report.tally;
        tally.rows = read - done.total_rows;
        tally.inserted = done.inserted;
        tally.duplicates = done.duplicates;
        tally.money = done.money;
        tally.created.extend(done.created);
        Ok(Some(done.delta))
    }
}
