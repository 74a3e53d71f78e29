//! Reading and writing side by side: a reader thread parses the file (CSV decoding, XLSX XML)
//! and hands rows over in batches while the importing thread stores them. A `prepare` step (typing
//! a row, say) runs on the reading thread when reading is the cheaper side (text files), else on
//! the importing thread (workbooks, whose XML parsing is the slower side). The rows of
//! a batch share one text buffer, so handing over costs no allocation per cell.

use super::reader::Source;
use super::source::{Cell, Flow};
use crate::error::Code;
use crate::error::{Error, Result};
use std::ops::Range;
use std::sync::mpsc;

/// Rows per batch, and batches in flight: enough (~32,000 rows, a few MB) that neither side
/// waits for the other when the machine is busy and one of them is descheduled for a while.
const BATCH_ROWS: usize = 512;
const IN_FLIGHT: usize = 64;

#[derive(Debug, Clone, Copy)]
enum Packed {
    Empty,
    Text(usize, usize),
    Int(i64),
    Float(f64),
    Date(f64),
    IsoDate(usize, usize),
    Bool(bool),
    Undecodable,
}

struct Batch<P> {
    text: String,
    cells: Vec<Packed>,
    rows: Vec<(u64, Range<usize>)>,
    prepared: Vec<P>,
}

impl<P> Default for Batch<P> {
    fn default() -> Self {
        Batch {
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
            prepared: Vec::new(),
        }
    }
}

impl<P> Batch<P> {
    fn keep(&mut self, t: &str) -> (usize, usize) {
        let start = self.text.len();
        self.text.push_str(t);
        (start, self.text.len())
    }

    fn push(&mut self, row: u64, cells: &[Cell], prepared: P) {
        self.prepared.push(prepared);
        let start = self.cells.len();
        for c in cells {
            let p = match *c {
                Cell::Empty => Packed::Empty,
                Cell::Text(t) => {
                    let (a, b) = self.keep(t);
                    Packed::Text(a, b)
                }
                Cell::Int(i) => Packed::Int(i),
                Cell::Float(f) => Packed::Float(f),
                Cell::Date(f) => Packed::Date(f),
                Cell::IsoDate(t) => {
                    let (a, b) = self.keep(t);
                    Packed::IsoDate(a, b)
                }
                Cell::Bool(b) => Packed::Bool(b),
                Cell::Undecodable => Packed::Undecodable,
            };
            self.cells.push(p);
        }
        self.rows.push((row, start..self.cells.len()));
    }
}

fn unpack<'a>(text: &'a str, cells: &[Packed], out: &mut Vec<Cell<'a>>) {
    for p in cells {
        out.push(match *p {
            Packed::Empty => Cell::Empty,
            Packed::Text(a, b) => Cell::Text(&text[a..b]),
            Packed::Int(i) => Cell::Int(i),
            Packed::Float(f) => Cell::Float(f),
            Packed::Date(f) => Cell::Date(f),
            Packed::IsoDate(a, b) => Cell::IsoDate(&text[a..b]),
            Packed::Bool(b) => Cell::Bool(b),
            Packed::Undecodable => Cell::Undecodable,
        });
    }
}

fn stopped() -> Error {
    Error::new(Code::ImportRelayStopped, "读取已停止", "Reading stopped")
}

/// What visits a row and what a `prepare` step made of it.
pub type PreparedVisit<'v, P> = dyn FnMut(u64, &[Cell], P) -> Result<Flow> + 'v;

/// Visits every row of `source` like `Source::for_each_row`, with the parsing on another thread,
/// and `prepare(row, cells)` run on whichever side is less busy, its result handed to `visit`.
/// An error of either side ends both; the reader's error wins when the consumer did not fail.
pub fn for_each_prepared_row<P: Send>(
    source: &mut Source,
    prepare: &(dyn Fn(u64, &[Cell]) -> P + Sync),
    visit: &mut PreparedVisit<P>,
) -> Result<()> {
    let on_reader = matches!(source, Source::Csv(_));
    let (tx, rx) = mpsc::sync_channel::<Batch<Option<P>>>(IN_FLIGHT);
    let (back_tx, back_rx) = mpsc::channel::<Batch<Option<P>>>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<()> {
            let mut batch = Batch::default();
            let result = source.for_each_row(&mut |row, cells| {
                batch.push(row, cells, on_reader.then(|| prepare(row, cells)));
                if batch.rows.len() >= BATCH_ROWS {
                    let mut next = back_rx.try_recv().unwrap_or_default();
                    next.text.clear();
                    next.cells.clear();
                    next.rows.clear();
                    next.prepared.clear();
                    std::mem::swap(&mut batch, &mut next);
                    tx.send(next).map_err(|_| stopped())?;
                }
                Ok(Flow::Continue)
            });
            match result {
                Ok(()) if !batch.rows.is_empty() => tx.send(batch).map_err(|_| stopped()),
                other => other,
            }
        });
        let mut outcome: Result<()> = Ok(());
        let mut spare: Vec<Cell<'static>> = Vec::new();
        'batches: for mut batch in rx.iter() {
            let Batch {
                text,
                cells: packed,
                rows,
                prepared,
            } = &mut batch;
            for ((row, range), p) in rows.iter().zip(prepared.drain(..)) {
                let mut cells: Vec<Cell> = std::mem::take(&mut spare)
                    .into_iter()
                    .map(|_| Cell::Empty)
                    .collect();
                unpack(text, &packed[range.clone()], &mut cells);
                let p = match p {
                    Some(p) => p,
                    None => prepare(*row, &cells),
                };
                let flow = visit(*row, &cells, p);
                cells.clear();
                spare = cells.into_iter().map(|_| Cell::Empty).collect();
                match flow {
                    Ok(Flow::Continue) => {}
                    Ok(Flow::Stop) => break 'batches,
                    Err(e) => {
                        outcome = Err(e);
                        break 'batches;
                    }
                }
            }
            let _ = back_tx.send(batch);
        }
        drop(rx);
        let read = match reader.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match (outcome, read) {
            (Err(e), _) => Err(e),
            (Ok(()), Err(e)) if e.code == Code::ImportRelayStopped => Ok(()),
            (Ok(()), r) => r,
        }
    })
}
